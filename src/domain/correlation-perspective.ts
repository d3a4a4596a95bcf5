// A correlation is stored once, from one provision to another ("A is NARROWER than B"). Read
// from B's side the same fact is "B is BROADER than A"; the symmetric kinds read the same.
import type { CorrelationKind } from '../generated/prisma/client.js';

/** The stored enum's values (the Prisma schema is their one source). */
export type CorrelationKindValue = CorrelationKind;

/** The kind as seen from the provision on the `to` side of a stored correlation. */
export function reverseCorrelationKind(kind: CorrelationKindValue): CorrelationKindValue {
  if (kind === 'NARROWER') return 'BROADER';
  if (kind === 'BROADER') return 'NARROWER';
  return kind;
}
