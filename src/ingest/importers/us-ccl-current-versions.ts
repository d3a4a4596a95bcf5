// The rows of the current list (us_ccl_full.json) whose code the history (us_ccl_history.json)
// holds in its last snapshot: the history's latest version takes the row over, keeping the
// row's source key, id, kind, place in the tree and links, so the code has one row in force
// from the day that version started, with the history's text. The current list's own text of
// the code is kept in `extra.currentList`, compared with the history's and counted, never
// merged into it. Why the current list's dataset writes these rows: see us-ccl-history.ts.
import { isoDay } from '../../domain/calendar-date.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import type { JsonValue } from '../seed-files.js';
import { HistoryDataError, type HistoryRecord } from './us-ccl-history-file.js';
import {
  compareWithHistory,
  versionContent,
  type HeldVersion,
  type TextComparison,
} from './us-ccl-history-versions.js';

/** Provision columns the current list's dataset writes (the list-detail columns of other lists' texts excepted). */
export type CclRow = SeedRow<
  'ControlProvision',
  | 'supersedesId'
  | 'printedCode'
  | 'wassenaarCode'
  | 'regimeMarkers'
  | 'numberFormatNotes'
  | 'sourceDefects'
  | 'inMainList'
>;

/** Columns an ENTRY row keeps from the current list's text even when the history's text replaces it. */
const PARSED_ENTRY_COLUMNS = ['reasonsForControl', 'controlTable', 'licenceExceptions', 'relatedControls'];

export interface TakenOver {
  row: CclRow;
  comparison: TextComparison;
}

/** Where the current list's own text of a row is: its place in us_ccl_full.json and its text date. */
export interface CurrentListText {
  section: string;
  textDate: Date | null;
}

/** The row with the history version's content; `citationId` cites the history record. */
export function takeOver(row: CclRow, held: HeldVersion, citationId: string, where: CurrentListText): TakenOver {
  const content = versionContent(held.record, held.index);
  const comparison = compareWithHistory(row.text, content.text);
  const currentList: { [key: string]: JsonValue } = {
    file: 'data/us_ccl_full.json',
    section: where.section,
    textDate: where.textDate ? isoDay(where.textDate) : null,
    title: row.title,
    text: row.text,
    comparedWithHistory: comparison,
  };
  // Paragraph rows of the current list hold its italic note blocks in `notes`; the history's
  // notes of the version are ProvisionNote rows, so those move to extra with the rest of its text.
  if (row.kind === 'PARAGRAPH') currentList.notes = row.notes;
  else currentList.columnsParsedFromThisText = PARSED_ENTRY_COLUMNS;
  return {
    comparison,
    row: {
      ...row,
      title: content.title,
      text: content.text,
      notes: row.kind === 'PARAGRAPH' ? null : row.notes,
      status: content.status,
      validFrom: content.validFrom,
      validTo: content.validTo,
      textDate: content.textDate,
      exponentNotes: jsonColumn(content.exponentNotes),
      extra: jsonColumn({ history: content.history, currentList }),
      citationId,
    },
  };
}

/**
 * A code the current list holds but the history does not take over must have no history
 * version in force on or after the current list's text date: two rows of one code would then
 * be valid on the same day. Throws naming the code.
 */
export function checkNoOverlap(code: string, record: HistoryRecord, textDate: Date | null): void {
  if (!textDate) return;
  for (let index = 0; index < record.versions.length; index += 1) {
    const { validTo } = versionContent(record, index);
    if (validTo === null || validTo > textDate) {
      throw new HistoryDataError(
        `${code}: us_ccl_history.json holds a version in force on or after ${isoDay(textDate)}, the text date of us_ccl_full.json, which holds the code too; one of the two files must be corrected before they can be loaded together`,
      );
    }
  }
}
