// What changed in a provision between two dates (or two versions): a word-level diff of its
// text and of each of its notes, notes paired by kind and label. Only texts the sources hold are
// compared: a date on which no version is known to be in force gives no version, not a guess.
import { diffWordsWithSpace } from 'diff';
import { InvalidArgumentError } from '../errors.js';
import type { ControlProvision, PrismaClient, ProvisionNote, Regime } from '../generated/prisma/client.js';
import { findProvision } from './listings/provision-listing.js';

export interface DiffSegment {
  op: 'EQUAL' | 'INSERT' | 'DELETE';
  text: string;
}

export type NoteChange = 'SAME' | 'CHANGED' | 'ADDED' | 'REMOVED';

export interface NoteDiff {
  kind: ProvisionNote['kind'];
  label: string;
  change: NoteChange;
  from: ProvisionNote | null;
  to: ProvisionNote | null;
  segments: DiffSegment[];
}

export type VersionWithNotes = ControlProvision & { listNotes: ProvisionNote[] };

export interface ProvisionDiff {
  regime: Regime;
  code: string;
  from: VersionWithNotes | null;
  to: VersionWithNotes | null;
  /** Whether the two versions differ in text or notes; null when one end has no known version. */
  changed: boolean | null;
  text: DiffSegment[];
  notes: NoteDiff[];
}

/** One end of the comparison: a date (the version in force then) or a version's database id. */
export interface DiffEnd {
  asOf?: Date | null;
  versionId?: string | null;
}

export interface ProvisionDiffInput {
  code: string;
  regime: Regime;
  from: DiffEnd;
  to: DiffEnd;
}

/** Word-level segments turning `before` into `after` (spaces kept, so the texts can be rebuilt). */
export function wordDiff(before: string, after: string): DiffSegment[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    op: part.added ? 'INSERT' : part.removed ? 'DELETE' : 'EQUAL',
    text: part.value,
  }));
}

const NOTES = { listNotes: { orderBy: [{ ordinal: 'asc' as const }, { id: 'asc' as const }] } };

async function versionAt(
  prisma: PrismaClient,
  input: ProvisionDiffInput,
  end: DiffEnd,
  field: 'from' | 'to',
): Promise<VersionWithNotes | null> {
  const hasDate = end.asOf !== null && end.asOf !== undefined;
  const hasId = end.versionId !== null && end.versionId !== undefined;
  if (hasDate === hasId) {
    throw new InvalidArgumentError(
      field,
      'date-or-version',
      `"${field}" needs exactly one of a date (asOf) or a version id.`,
    );
  }
  if (hasId) {
    const row = await prisma.controlProvision.findUnique({ where: { id: end.versionId ?? '' }, include: NOTES });
    if (!row || row.code !== input.code || row.regime !== input.regime) {
      throw new InvalidArgumentError(
        `${field}.version`,
        'version-of-provision',
        `"${field}.version" is not a version of ${input.code} (${input.regime}).`,
      );
    }
    return row;
  }
  const found = await findProvision(prisma, { code: input.code, regime: input.regime, asOf: end.asOf }, { id: true });
  if (!found) return null;
  return prisma.controlProvision.findUniqueOrThrow({ where: { id: found.id }, include: NOTES });
}

function noteKey(note: ProvisionNote): string {
  return `${note.kind}\u0000${note.label}`;
}

/** Notes paired by kind and label, in the order of the later text, removed ones after. */
function diffNotes(before: readonly ProvisionNote[], after: readonly ProvisionNote[]): NoteDiff[] {
  const remaining = new Map<string, ProvisionNote[]>();
  for (const note of before) remaining.set(noteKey(note), [...(remaining.get(noteKey(note)) ?? []), note]);
  const diffs: NoteDiff[] = after.map((note) => {
    const candidates = remaining.get(noteKey(note)) ?? [];
    const previous = candidates.shift() ?? null;
    if (!previous) {
      return {
        kind: note.kind,
        label: note.label,
        change: 'ADDED',
        from: null,
        to: note,
        segments: wordDiff('', note.text),
      };
    }
    const change: NoteChange = previous.text === note.text ? 'SAME' : 'CHANGED';
    return {
      kind: note.kind,
      label: note.label,
      change,
      from: previous,
      to: note,
      segments: wordDiff(previous.text, note.text),
    };
  });
  for (const left of remaining.values()) {
    for (const note of left) {
      diffs.push({
        kind: note.kind,
        label: note.label,
        change: 'REMOVED',
        from: note,
        to: null,
        segments: wordDiff(note.text, ''),
      });
    }
  }
  return diffs;
}

export async function diffProvision(prisma: PrismaClient, input: ProvisionDiffInput): Promise<ProvisionDiff> {
  const from = await versionAt(prisma, input, input.from, 'from');
  const to = await versionAt(prisma, input, input.to, 'to');
  const text = wordDiff(from?.text ?? '', to?.text ?? '');
  const notes = diffNotes(from?.listNotes ?? [], to?.listNotes ?? []);
  const changed =
    from === null || to === null ? null : from.text !== to.text || notes.some((note) => note.change !== 'SAME');
  return { regime: input.regime, code: input.code, from, to, changed, text, notes };
}
