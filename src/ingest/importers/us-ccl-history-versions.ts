// What one version of us_ccl_history.json becomes in a ControlProvision row, wherever the row
// is written: its source keys, its validity read from the snapshots, its verbatim content and
// the source's other fields (kept in `extra`), and its citation. Also which version of each
// main-list code is the one in force on the last snapshot (the version that takes over the
// current list's row, see us-ccl-history.ts). Pure: no database access.
import { citationRow, githubPermalink, type CitationRow } from '../citations.js';
import { remainingFields, type JsonValue } from '../seed-files.js';
import { parseIsoDay } from '../stated-dates.js';
import {
  HistoryDataError,
  type HistoryFile,
  type HistoryRecord,
  type HistoryVersion,
  type Supplement,
} from './us-ccl-history-file.js';
import { US_CCL_LIST, usEntrySourceKey } from './us-ccl-keys.js';

/** The control list of each supplement: Supplement No. 1 is the CCL itself, the others are lists of their own. */
export const SUPPLEMENT_LISTS: Readonly<Record<Supplement, string>> = {
  '1': US_CCL_LIST,
  '5': `${US_CCL_LIST}-SUPP5`,
  '6': `${US_CCL_LIST}-SUPP6`,
  '7': `${US_CCL_LIST}-SUPP7`,
};

/** The source's record key (code, supplement, occurrence) as text: "US-EAR-CCL-SUPP6-6A002.a.1.c~1". */
export function historyRecordKey(record: HistoryRecord): string {
  const occurrence = record.occurrence > 0 ? `~${record.occurrence}` : '';
  return `${SUPPLEMENT_LISTS[record.supplement]}-${record.code}${occurrence}`;
}

/** One version of a record, named by the first snapshot holding it: "US-EAR-CCL-6A003.b.4.c@2020-09-11". */
export function historyVersionKey(record: HistoryRecord, version: HistoryVersion): string {
  return `${historyRecordKey(record)}@${version.first_seen}`;
}

export function isInLatestSnapshot(version: HistoryVersion): boolean {
  return version.ended === 'latest_snapshot';
}

/** A version of a main-list (Supplement No. 1) record, by position. */
export interface HeldVersion {
  record: HistoryRecord;
  index: number;
  version: HistoryVersion;
}

/** Supplement No. 1 records by code (the source has one per code there). */
export function mainListRecords(file: HistoryFile): Map<string, HistoryRecord> {
  const byCode = new Map<string, HistoryRecord>();
  for (const record of file.paragraphs) {
    if (record.supplement !== '1') continue;
    if (byCode.has(record.code)) {
      throw new HistoryDataError(`us_ccl_history.json: Supplement No. 1 code ${record.code} has two records`);
    }
    byCode.set(record.code, record);
  }
  return byCode;
}

/** For each main-list code still in the last snapshot, the version that holds it (its last one). */
export function currentMainListVersions(file: HistoryFile): Map<string, HeldVersion> {
  const current = new Map<string, HeldVersion>();
  for (const [code, record] of mainListRecords(file)) {
    const index = record.versions.length - 1;
    const version = record.versions[index];
    if (version && isInLatestSnapshot(version)) current.set(code, { record, index, version });
  }
  return current;
}

/** The row id's source key of a version: the current list's key for a version that took over its row. */
export function versionRowKey(held: HeldVersion, takenOver: ReadonlySet<string>): string {
  const { record, version } = held;
  if (record.supplement === '1' && isInLatestSnapshot(version) && takenOver.has(record.code)) {
    return usEntrySourceKey(record.code);
  }
  return historyVersionKey(record, version);
}

function day(text: string | null, what: string): Date {
  const date = parseIsoDay(text);
  if (!date) throw new HistoryDataError(`us_ccl_history.json: ${what} is not a date (${String(text)})`);
  return date;
}

/**
 * Where a version sits in the source and what it says beyond its text (the row's
 * `extra.history`): the source's own fields, less those a column holds (text, notes in
 * ProvisionNote, exponent notes, a heading the title holds) and `dates`, which are always the
 * consecutive snapshots from first_seen to last_seen (kept as their number); with the
 * breadcrumb intervals of the record's context that overlap the version.
 */
function historyExtra(record: HistoryRecord, index: number): { [key: string]: JsonValue } {
  const version = record.versions[index];
  if (!version) throw new HistoryDataError(`us_ccl_history.json: ${record.code} has no version ${index}`);
  const dates = new Set(version.dates);
  const context = record.context
    .filter((interval) => interval.dates.some((date) => dates.has(date)))
    .map((interval) => ({
      breadcrumbs: interval.breadcrumbs,
      ancestors: interval.ancestors,
      first_seen: interval.first_seen,
      last_seen: interval.last_seen,
    }));
  const headingInTitle = version.heading !== null && version.heading.length > 0;
  const omitted = [
    'text',
    'notes',
    'exponent_note',
    'exponent_evidence',
    'dates',
    ...(headingInTitle ? ['heading'] : []),
  ];
  return {
    supplement: record.supplement,
    code: record.code,
    occurrence: record.occurrence,
    version: index + 1,
    versions: record.versions.length,
    snapshots: version.dates.length,
    ...(remainingFields(version, omitted) ?? {}),
    context,
  };
}

export interface VersionContent {
  title: string;
  text: string;
  status: 'CURRENT' | 'SUPERSEDED';
  validFrom: Date;
  validTo: Date | null;
  textDate: Date;
  exponentNotes: JsonValue;
  history: { [key: string]: JsonValue };
}

/**
 * A version's columns. Valid from the first snapshot holding it; a version the last snapshot
 * still holds is CURRENT with no end, any other ends (exclusive) at the next snapshot, where a
 * later version starts or the leaf is gone. The text is in force on each of its snapshot dates
 * (the text date is the last of them); between two snapshots no listed rule took effect.
 */
export function versionContent(record: HistoryRecord, index: number): VersionContent {
  const version = record.versions[index];
  if (!version) throw new HistoryDataError(`us_ccl_history.json: ${record.code} has no version ${index}`);
  const current = isInLatestSnapshot(version);
  const what = `${record.code} (supplement ${record.supplement}) version ${version.first_seen}`;
  return {
    // A missing heading stays visible in extra.history.heading (null); the title names the code instead.
    title: version.heading !== null && version.heading.length > 0 ? version.heading : record.code,
    text: version.text,
    status: current ? 'CURRENT' : 'SUPERSEDED',
    validFrom: day(version.first_seen, `${what} first_seen`),
    validTo: current ? null : day(version.next_snapshot, `${what} next_snapshot`),
    textDate: day(version.last_seen, `${what} last_seen`),
    exponentNotes:
      version.exponent_note === undefined
        ? null
        : { note: version.exponent_note, evidence: version.exponent_evidence ?? [] },
    history: historyExtra(record, index),
  };
}

/** The record's file in the history repository, at the commit the text was read from. */
export function historyCitation(file: HistoryFile, record: HistoryRecord): CitationRow {
  const { repository, commit, path } = record.source;
  const occurrence = record.occurrence > 0 ? ` occurrence ${record.occurrence}` : '';
  return citationRow({
    sourceType: 'GITHUB_FILE',
    url: githubPermalink(repository, commit, path),
    repository,
    path,
    commit,
    section: `supplement '${record.supplement}' code '${record.code}'${occurrence}`,
    title: 'Per-paragraph history of 15 CFR part 774 over eCFR point-in-time snapshots',
    upstream: 'https://www.ecfr.gov/api/versioner/v1/full/{date}/title-15?format=xml',
    licence: file.licence,
    note: 'Each version holds the text eCFR records as in force on its snapshot dates; before the first and after the last snapshot the text is unknown here.',
  });
}

export type TextComparison = 'identical' | 'same-after-normalising' | 'differs';

/**
 * The file's own formatting test (NFKC, lower case, one kind of dash and of quote mark, no
 * whitespace), after removing what only the markdown of us_ccl_full.json adds: emphasis marks,
 * link targets, table pipes and the paragraph marker that starts a line ("b.4.c.").
 */
function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_|]/g, '')
    .replace(/^\s*[a-z0-9]+(?:\.[a-z0-9]+)*\.(?=\s)/gim, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212-]/g, '-')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033"`]/g, "'")
    .replace(/\s+/g, '');
}

/** How the current list's text of a code compares with the history's latest text of it. */
export function compareWithHistory(currentText: string, historyText: string): TextComparison {
  if (currentText === historyText) return 'identical';
  return comparable(currentText) === comparable(historyText) ? 'same-after-normalising' : 'differs';
}
