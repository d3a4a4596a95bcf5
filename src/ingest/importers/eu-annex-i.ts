// Dataset "eu-annex-i": the whole of Annex I to Regulation (EU) 2021/821 (consolidation of
// 15.11.2025) from eu_annex_i.json, on the Annex I control list of the reference dataset: 384
// entries with their paragraph trees, the Notes, Technical Notes and N.B.s on the paragraphs
// the file puts them on, and the list's other texts (general and technology notes,
// definitions, acronyms, section notes, the articles the file carries).
//
// It supersedes the four Annex I records of control_entries.json (6A002, 6A003, 6A008, 6A203):
// their entry rows are written here under the same source keys, so their ids and every row
// pointing at them stay valid; control-entries keeps only their verbatim key thresholds. The
// caveats those records state about the entries are kept in `notes`, except those describing
// the superseded extract itself.
import { CitationSet, CITATION_TABLE } from '../citations.js';
import type { Importer } from '../importer.js';
import { jurisdictionIdsByCode, SeedReferenceError } from '../reference-lookups.js';
import { parseIsoDay } from '../stated-dates.js';
import { syncTable } from '../sync.js';
import { CONTROL_ENTRIES_FILE, controlEntryNotes, type ControlEntryRecord } from './control-entry-records.js';
import { euListTextRows, LIST_TEXT_TABLE } from './eu-annex-i-list-texts.js';
import { PROVISION_NOTE_TABLE } from '../list-tables.js';
import { EU_PROVISION_TABLE, euProvisionRows } from './eu-annex-i-provisions.js';
import { EU_ANNEX_I_FILE, EU_ANNEX_I_LIST, euProvisionSourceKey, type EuAnnexIFile } from './eu-annex-i-records.js';

/** "Category 4 — CATEGORY 4 - COMPUTERS — notes": a section note titled by its category's heading. */
const CATEGORY_HEADING_TITLE = /^Category (\d) — (CATEGORY \1 - .+) — notes$/;

/** The category headings the file gives (as section-note titles); most categories have none in it. */
export function euCategoryHeadings(file: EuAnnexIFile): Map<string, string> {
  const headings = new Map<string, string>();
  for (const note of file.section_notes) {
    const match = CATEGORY_HEADING_TITLE.exec(note.title_in_source);
    if (match?.[1] && match[2]) headings.set(match[1], match[2]);
  }
  return headings;
}

/**
 * The caveats control_entries.json records for the entries it held, by code. Its extraction
 * notes (what that repository's parser missed) and notes on its own extract describe the
 * superseded source, not the Annex, and are left out.
 */
export function supersededRecordNotes(records: readonly ControlEntryRecord[]): Map<string, string> {
  const notes = new Map<string, string>();
  for (const record of records) {
    if (record.id !== euProvisionSourceKey(record.code)) continue;
    const text = controlEntryNotes({ ...record, extraction_note: null, note: null });
    if (text) notes.set(record.code, text);
  }
  return notes;
}

export const euAnnexIImporter: Importer = {
  name: 'eu-annex-i',
  files: [EU_ANNEX_I_FILE, CONTROL_ENTRIES_FILE],
  dependsOn: ['reference'],
  async load(ctx) {
    const [file, records] = await Promise.all([ctx.files.get(EU_ANNEX_I_FILE), ctx.files.get(CONTROL_ENTRIES_FILE)]);
    const list = await ctx.tx.controlList.findUnique({
      where: { sourceKey: EU_ANNEX_I_LIST },
      select: { id: true, regime: true },
    });
    if (!list || list.regime !== 'EU') {
      throw new SeedReferenceError(`Control list ${EU_ANNEX_I_LIST} is missing: the reference dataset must load first`);
    }
    const textDate = parseIsoDay(file.source.file_metadata.valid_from);
    if (!textDate) throw new SeedReferenceError('eu_annex_i.json: source.file_metadata.valid_from is not a date');

    const citations = new CitationSet();
    const provisions = euProvisionRows(file, {
      file: file.source,
      controlListId: list.id,
      jurisdictionId: (await jurisdictionIdsByCode(ctx.tx))('EU'),
      textDate,
      categoryHeadings: euCategoryHeadings(file),
      entryNotes: supersededRecordNotes(records),
      citations,
    });
    const listTexts = euListTextRows(file, list.id, citations);

    await syncTable(ctx, CITATION_TABLE, citations.rows());
    // Entries first (a call of their own, so paragraphs find the id each entry is stored under,
    // even one another dataset created), then paragraphs in the order of the file: every
    // parent before its children.
    await syncTable(ctx, EU_PROVISION_TABLE, provisions.entries);
    await syncTable(ctx, EU_PROVISION_TABLE, provisions.paragraphs);
    await syncTable(ctx, PROVISION_NOTE_TABLE, provisions.notes);
    await syncTable(ctx, LIST_TEXT_TABLE, listTexts);
  },
};
