// Notes of a control_entries.json record, joined for a provision's `notes`, and which
// thresholds a record-level exponent note speaks about. Pure, no Prisma.
import type { ControlEntryRecord } from './read-seed-files.js';

const NOTE_FIELDS: ReadonlyArray<readonly [keyof ControlEntryRecord, string]> = [
  ['license_requirement_note', 'License requirement note'],
  ['reporting_requirements', 'Reporting requirements'],
  ['rs_note', 'RS note'],
  ['status_note', 'Status note'],
  ['exponent_note', 'Exponent note'],
  ['reasons_note', 'Reasons for control'],
  ['extraction_note', 'Extraction note'],
  ['comparison_note', 'Comparison note'],
  // `note` describes the research extract (e.g. "Items text omitted"), not the legal text.
  ['note', 'Note on the research extract (control_entries.json)'],
];

/** "Label: value" lines for each note field present (values verbatim); null when there are none. */
export function controlEntryNotes(record: ControlEntryRecord): string | null {
  const lines: string[] = [];
  for (const [field, label] of NOTE_FIELDS) {
    const value = record[field];
    if (typeof value !== 'string' || value.trim().length === 0) continue;
    lines.push(value.toLowerCase().startsWith(label.toLowerCase()) ? value : `${label}: ${value}`);
  }
  return lines.length > 0 ? lines.join('\n\n') : null;
}

const PARAGRAPH_REF = /\b\d[A-E]\d{3}(?:\.[a-z0-9]+)*/g;
const FLATTENED_EXPONENT = /\d\s*[x×]\s*10\d/;

/**
 * Whether a record-level exponent note ("In 6A003.b.1.a the source text reads '4 x 106' ...")
 * concerns the threshold with this paragraph label and text: the note names the paragraph
 * (or an ancestor of it); a note naming no paragraph concerns every threshold whose text
 * shows a flattened power of ten.
 */
export function exponentNoteApplies(note: string, paragraph: string, text: string): boolean {
  const refs = note.match(PARAGRAPH_REF) ?? [];
  if (refs.length === 0) return FLATTENED_EXPONENT.test(text);
  return refs.some((ref) => paragraph === ref || paragraph.startsWith(`${ref}.`));
}
