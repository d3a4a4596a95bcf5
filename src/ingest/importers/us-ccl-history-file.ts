// The shape of us_ccl_history.json(.gz): every leaf paragraph of 15 CFR 774 Supplements No. 1,
// 5, 6 and 7 as versions over eCFR point-in-time snapshots. A version is a run of consecutive
// snapshots with the same text, heading and notes; its dates are snapshot dates (the text in
// force on that date as eCFR records it). Fields we have no column for are kept (loose objects)
// and stored whole in the rows' `extra`. Also the file's own consistency, checked before use.
import { z } from 'zod';
import { seedFile } from '../seed-files.js';
import { isoDaySchema } from '../source-record.js';

const documentNumbers = z.array(z.string().min(1));

export const historyVersionSchema = z.looseObject({
  text: z.string(),
  heading: z.string().nullable(),
  notes: z.array(z.string()),
  first_seen: isoDaySchema,
  last_seen: isoDaySchema,
  dates: z.array(isoDaySchema).min(1),
  change_kind: z.enum(['first_snapshot', 'text_changed', 'appeared']),
  diff_class: z.enum(['formatting_only', 'wording']).optional(),
  previous_snapshot: isoDaySchema.nullable(),
  changed_by_candidates: documentNumbers,
  changed_by_candidates_same_supplement: documentNumbers,
  changed_by_retroactive_candidates: documentNumbers.optional(),
  changed_by_retroactive_candidates_same_supplement: documentNumbers.optional(),
  /** `changed`: a later version follows at next_snapshot; `absent`: the leaf is gone from next_snapshot on. */
  ended: z.enum(['changed', 'absent', 'latest_snapshot']),
  next_snapshot: isoDaySchema.nullable(),
  removed_by_candidates: documentNumbers.optional(),
  removed_by_candidates_same_supplement: documentNumbers.optional(),
  removed_by_retroactive_candidates: documentNumbers.optional(),
  removed_by_retroactive_candidates_same_supplement: documentNumbers.optional(),
  exponent_note: z.string().optional(),
  exponent_evidence: z.array(z.string()).optional(),
});
export type HistoryVersion = z.infer<typeof historyVersionSchema>;

export const historySourceSchema = z.looseObject({
  type: z.literal('github_file'),
  repository: z.string().min(1),
  path: z.string().min(1),
  commit: z.string().min(1),
  commit_date: isoDaySchema,
});
export type HistorySource = z.infer<typeof historySourceSchema>;

export const SUPPLEMENTS = ['1', '5', '6', '7'] as const;
export type Supplement = (typeof SUPPLEMENTS)[number];

export const historyRecordSchema = z.looseObject({
  code: z.string().min(1),
  supplement: z.enum(SUPPLEMENTS),
  supplement_headings: z.array(z.string().min(1)).min(1),
  occurrence: z.number().int().nonnegative(),
  category: z.string().min(1),
  group: z.string().min(1),
  first_seen: isoDaySchema,
  last_seen: isoDaySchema,
  in_latest_snapshot: z.boolean(),
  versions: z.array(historyVersionSchema).min(1),
  context: z.array(
    z.looseObject({
      breadcrumbs: z.array(z.string()),
      ancestors: z.array(z.string()),
      first_seen: isoDaySchema,
      last_seen: isoDaySchema,
      dates: z.array(isoDaySchema),
    }),
  ),
  source: historySourceSchema,
});
export type HistoryRecord = z.infer<typeof historyRecordSchema>;

export const historyFileSchema = z.looseObject({
  description: z.string().min(1),
  date_semantics: z.string().min(1),
  reading_a_date: z.string().min(1),
  changed_by_candidates_method: z.string().min(1),
  snapshots: z.array(z.looseObject({ date: isoDaySchema })).min(1),
  source: historySourceSchema,
  licence: z.string().min(1),
  counts: z.looseObject({
    paragraph_records: z.number().int(),
    versions: z.number().int(),
    by_supplement: z.record(z.string(), z.number().int()),
  }),
  paragraphs: z.array(historyRecordSchema),
});
export type HistoryFile = z.infer<typeof historyFileSchema>;

export const CCL_HISTORY_FILE = seedFile('cclHistory', 'data/us_ccl_history.json.gz', historyFileSchema);

export class HistoryDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryDataError';
  }
}

/**
 * The file's own counts, and that each version's dates are the consecutive snapshots from its
 * first to its last (what the validity read from them, and `extra.history.snapshots`, rely on),
 * checked before anything is written.
 */
export function checkHistoryFile(file: HistoryFile): void {
  const versions = file.paragraphs.reduce((sum, record) => sum + record.versions.length, 0);
  const problems: string[] = [];
  if (file.paragraphs.length !== file.counts.paragraph_records) {
    problems.push(`${file.paragraphs.length} records, counts say ${file.counts.paragraph_records}`);
  }
  if (versions !== file.counts.versions) problems.push(`${versions} versions, counts say ${file.counts.versions}`);
  for (const supplement of SUPPLEMENTS) {
    const records = file.paragraphs.filter((record) => record.supplement === supplement).length;
    const stated = file.counts.by_supplement[supplement] ?? 0;
    if (records !== stated) problems.push(`supplement ${supplement}: ${records} records, counts say ${stated}`);
  }
  const snapshots = file.snapshots.map((snapshot) => snapshot.date);
  for (const record of file.paragraphs) {
    for (const version of record.versions) {
      const first = snapshots.indexOf(version.first_seen);
      const last = snapshots.indexOf(version.last_seen);
      const run = first < 0 || last < first ? [] : snapshots.slice(first, last + 1);
      const next = version.ended === 'latest_snapshot' ? null : (snapshots[last + 1] ?? null);
      if (run.join() !== version.dates.join() || next !== version.next_snapshot) {
        problems.push(
          `${record.code} (supplement ${record.supplement}) ${version.first_seen}: dates are not a run of snapshots`,
        );
      }
    }
  }
  if (problems.length > 0) {
    throw new HistoryDataError(`us_ccl_history.json: ${problems.slice(0, 10).join('; ')}`);
  }
}
