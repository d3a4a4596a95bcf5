// Which encoded thresholds and groups a listing returns: those the encodings still hold unless
// retired ones are asked for too.
import type { Prisma } from '../../generated/prisma/client.js';

/** Rows the encodings no longer hold are kept for the record, and left out unless asked for. */
export const notRetired = (includeRetired: boolean | null | undefined) => (includeRetired ? {} : { retiredAt: null });

/** `ControlProvision.thresholds(encoded:, includeRetired:)` as a where clause. */
export function thresholdListWhere(args: {
  encoded?: boolean | null;
  includeRetired?: boolean | null;
}): Prisma.ThresholdWhereInput {
  const encoded =
    args.encoded === true ? { comparator: { not: null } } : args.encoded === false ? { comparator: null } : {};
  return { ...encoded, ...notRetired(args.includeRetired) };
}
