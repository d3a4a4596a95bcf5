// eu_annex_i.json, the whole of Annex I to Regulation (EU) 2021/821 (EUR-Lex consolidation of
// 15.11.2025, read from the rikiosso/exports-watch repository): its shape, and the citation of
// one of its records. Objects are strict so a field the file gains fails the seed instead of
// being dropped unseen; the records the importers keep whole (exponent, number-format and
// defect notes) are loose, so they are stored exactly as the file gives them.
import { z } from 'zod';
import { citationRow, githubPermalink, type CitationRow } from '../citations.js';
import { seedFile } from '../seed-files.js';
import { isoDaySchema } from '../source-record.js';

const recordSourceSchema = z.strictObject({
  repository: z.string().min(1),
  path: z.string().min(1),
  commit: z.string().min(1),
  json_pointer: z.string().min(1),
  consolidation: z.string().min(1).optional(),
});
export type EuRecordSource = z.infer<typeof recordSourceSchema>;

/** An exponent, number-format or defect record: kept as the file gives it. */
const keptRecord = z.looseObject({});
const keptRecords = z.array(keptRecord).optional();

const noteSchema = z.strictObject({
  kind: z.enum(['Note', 'Technical Note', 'N.B.']),
  label: z.string().min(1),
  text: z.string().min(1),
  after_paragraph: z.string().min(1).optional(),
  scope_in_text: z.string().min(1).optional(),
  source_defects: keptRecords,
});
export type EuNote = z.infer<typeof noteSchema>;

const paragraphSchema = z.strictObject({
  code: z.string().min(1),
  parent: z.string().min(1).nullable(),
  text: z.string().min(1),
  notes: z.array(noteSchema).optional(),
  probable_official_code: z.string().min(1).optional(),
  source_defects: keptRecords,
});
export type EuParagraph = z.infer<typeof paragraphSchema>;

/** A note of an entry's record that points at one paragraph (and possibly one of its notes). */
const paragraphRecord = z.looseObject({
  paragraph: z.string().min(1),
  in: z.enum(['text', 'note']),
  note_index: z.number().int().nonnegative().optional(),
  note_label: z.string().optional(),
});
export type EuParagraphRecord = z.infer<typeof paragraphRecord>;

const entrySchema = z.strictObject({
  code: z.string().regex(/^\d[A-E]\d{3}$/),
  category: z.number().int().min(0).max(9),
  group: z.enum(['A', 'B', 'C', 'D', 'E']),
  heading: z.string().min(1),
  paragraphs: z.array(paragraphSchema).min(1),
  related_controls: z.array(
    z.strictObject({
      paragraph: z.string().min(1),
      label: z.string().min(1),
      text: z.string().min(1),
      codes: z.array(z.string()),
      military_goods_controls: z.boolean(),
    }),
  ),
  exponent_notes: z.array(paragraphRecord),
  number_format_notes: z.array(paragraphRecord),
  source: recordSourceSchema,
});
export type EuEntry = z.infer<typeof entrySchema>;

const shortNoteSchema = z.strictObject({ kind: z.string().min(1), label: z.string().min(1), text: z.string().min(1) });

const technologyNoteSchema = z.strictObject({
  title: z.string().min(1),
  text: z.string().min(1),
  paragraphs: z.array(
    z.strictObject({
      label: z.string().nullable(),
      text: z.string().min(1),
      notes: z.array(shortNoteSchema).optional(),
    }),
  ),
  source: recordSourceSchema,
});

export const euAnnexIFileSchema = z.strictObject({
  source: z.looseObject({
    repository: z.string().min(1),
    path: z.string().min(1),
    commit: z.string().min(1),
    commit_note: z.string().optional(),
    consolidation: z.string().min(1),
    eur_lex_url: z.string().min(1),
    act: z.string().min(1),
    licence: z.string().min(1),
    file_metadata: z.looseObject({ valid_from: isoDaySchema }),
  }),
  counts: z.looseObject({}),
  conventions: z.record(z.string(), z.string()),
  editorial_practices: z.strictObject({
    title: z.string().min(1),
    text: z.string().min(1),
    source: recordSourceSchema,
  }),
  general_notes: z.array(
    z.strictObject({
      number: z.string().min(1),
      text: z.string().min(1),
      notes: z.array(shortNoteSchema).optional(),
      source_defects: keptRecords,
      source: recordSourceSchema,
    }),
  ),
  technology_notes: z.record(z.string(), technologyNoteSchema),
  definitions_preamble: z.array(z.string().min(1)),
  definitions: z.array(
    z.strictObject({
      term: z.string().min(1),
      categories: z.array(z.string()),
      text: z.string().min(1),
      exponent_notes: keptRecords,
      number_format_notes: keptRecords,
      source: recordSourceSchema,
    }),
  ),
  definitions_orphan_lines: z.array(
    z.strictObject({
      text: z.string().min(1),
      after_term: z.string().min(1),
      source_defects: keptRecords,
      source: recordSourceSchema,
    }),
  ),
  acronyms: z.strictObject({
    text_before_table: z.array(z.string().min(1)),
    rows: z.array(z.strictObject({ acronym: z.string().min(1), meaning: z.string().min(1) })),
    source: recordSourceSchema,
  }),
  section_notes: z.array(
    z.strictObject({
      title_in_source: z.string().min(1),
      category: z.number().int().min(0).max(9),
      doc_type: z.string().min(1),
      text: z.string().min(1),
      exponent_notes: keptRecords,
      number_format_notes: keptRecords,
      source_defects: keptRecords,
      source: recordSourceSchema,
    }),
  ),
  regulation_articles: z.array(
    z.strictObject({
      title_in_source: z.string().min(1),
      text: z.string().min(1),
      note: z.string().optional(),
      source_defects: keptRecords,
      source: recordSourceSchema,
    }),
  ),
  entries: z.array(entrySchema),
});
export type EuAnnexIFile = z.infer<typeof euAnnexIFileSchema>;
export type EuFileSource = EuAnnexIFile['source'];

export const EU_ANNEX_I_FILE = seedFile('euAnnexI', 'data/eu_annex_i.json', euAnnexIFileSchema);

/** The control list every row of the file belongs to (a row of the reference dataset). */
export const EU_ANNEX_I_LIST = 'EU-2021/821-AnnexI';

/**
 * A provision's source key: the list's key and the code as the file gives it. For entries
 * this is the id control_entries.json gave the four Annex I records it held, so their rows
 * (and everything pointing at them) keep their ids.
 */
export function euProvisionSourceKey(code: string): string {
  return `${EU_ANNEX_I_LIST}-${code}`;
}

/**
 * A record's citation: the repository file at its commit, `section` the record's JSON pointer
 * in that file as the record gives it ("/entries/242"). The file points at whole records
 * (an entry, the definitions): a paragraph, a note or a definition is found in its record by
 * the code or label of the row citing it. One citation per record also keeps the citations
 * few (one per paragraph and note would be some 4,500 rows repeating the licence text).
 */
export function euCitation(
  file: EuFileSource,
  source: Omit<EuRecordSource, 'json_pointer'> & { json_pointer?: string },
): CitationRow {
  return citationRow({
    sourceType: 'GITHUB_FILE',
    url: githubPermalink(source.repository, source.commit, source.path),
    repository: source.repository,
    path: source.path,
    commit: source.commit,
    // No pointer: the whole file (the control list's own citation).
    section: source.json_pointer ?? null,
    title: file.act,
    upstream: `EUR-Lex consolidation ${source.consolidation ?? file.consolidation}: ${file.eur_lex_url}`,
    licence: file.licence,
    note: file.commit_note ?? null,
  });
}
