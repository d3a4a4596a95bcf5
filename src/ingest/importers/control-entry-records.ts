// control_entries.json, the worked-out records of the sensor-relevant entries, which several
// datasets read (list citations, CCL entry notes, provisions and thresholds, correlation
// notes); and how a record's notes are joined and which thresholds its exponent note concerns.
import { z } from 'zod';
import { seedFile } from '../seed-files.js';
import { optionalText, sourceSchema } from '../source-record.js';

export const controlEntrySchema = z.looseObject({
  id: z.string().min(1),
  code: z.string().min(1),
  regime: z.string().min(1),
  jurisdiction: z.string().min(1),
  category: z.string().min(1),
  title: z.string().min(1),
  product_group: optionalText,
  reasons_for_control: z.array(z.string()).nullable().optional(),
  reasons_for_control_raw: optionalText,
  control_table: z.array(z.strictObject({ control: z.string(), country_chart: z.string() })).optional(),
  license_exceptions: z.record(z.string(), z.string()).optional(),
  related_controls: z.string().nullable().optional(),
  items_text_verbatim: z.string().nullable().optional(),
  key_thresholds_verbatim: z.array(
    z.strictObject({ paragraph: z.string().min(1), text: z.string().min(1), exponent_note: optionalText }),
  ),
  reporting_requirements: optionalText,
  license_requirement_note: optionalText,
  rs_note: optionalText,
  status_note: optionalText,
  note: optionalText,
  exponent_note: optionalText,
  comparison_note: optionalText,
  reasons_note: optionalText,
  extraction_note: optionalText,
  source: sourceSchema,
});
export type ControlEntryRecord = z.infer<typeof controlEntrySchema>;
export const controlEntriesFileSchema = z.array(controlEntrySchema);

export const CONTROL_ENTRIES_FILE = seedFile('controlEntries', 'data/control_entries.json', controlEntriesFileSchema);

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
