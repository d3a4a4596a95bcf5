// Dataset "consultations": the 12 consultation records, their recorded outcomes, and the
// stakeholders and submissions the records name (example commenters, the partial record of
// comments, stakeholders named in debate). Positions and themes are not in the data, so
// submissions keep position UNKNOWN and no themes.
import { z } from 'zod';
import type { ConsultationStatus } from '../../generated/prisma/client.js';
import { stakeholderTypeFromLabel, type StakeholderLabelOriginValue } from '../../domain/stakeholder-type.js';
import { citationFromSource, citationFromUrl, CitationSet, CITATION_TABLE } from '../citations.js';
import type { ImportContext, Importer } from '../importer.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { jurisdictionIdsByCode } from '../reference-lookups.js';
import { remainingFields, seedFile } from '../seed-files.js';
import { isoDaySchema, optionalText, sourceSchema } from '../source-record.js';
import { stableId } from '../stable-id.js';
import { parseIsoDay, parseStatedDay } from '../stated-dates.js';
import type { SeedLog } from '../sync-context.js';
import { syncTable, type TableSpec } from '../sync.js';

const commenterExampleSchema = z.looseObject({
  name: z.string().min(1),
  type: optionalText,
  date: optionalText,
  regulations_gov_id: optionalText,
  source: sourceSchema.optional(),
});
const commenterRowSchema = z.looseObject({
  no: z.number().int().positive(),
  name: z.string().min(1),
  stakeholder_type_assigned_by_researcher: optionalText,
  date_received: optionalText,
  pages: z.number().int().nonnegative().optional(),
});
export const consultationSchema = z.looseObject({
  id: z.string().min(1),
  jurisdiction: z.string().min(1),
  body: z.string().min(1),
  title: z.string().min(1),
  instrument: optionalText,
  citation: optionalText,
  published: isoDaySchema.optional(),
  opened: isoDaySchema.optional(),
  comment_deadline: isoDaySchema.optional(),
  comment_deadline_original: isoDaySchema.optional(),
  comment_deadline_extended: isoDaySchema.optional(),
  comment_deadline_reopened: isoDaySchema.optional(),
  closed: isoDaySchema.optional(),
  scope_quote: optionalText,
  commenters: z
    .looseObject({
      count_exact: z.number().int().nonnegative().nullable().optional(),
      count_description_quote: optionalText,
      note: optionalText,
      partial_note: optionalText,
      example_commenters: z.array(commenterExampleSchema).optional(),
      list_partial: z.array(commenterRowSchema).optional(),
    })
    .optional(),
  outcomes: z
    .array(
      z.looseObject({
        date: isoDaySchema.optional(),
        description: z.string().min(1),
        quote: optionalText,
        source: sourceSchema.optional(),
      }),
    )
    .optional(),
  outcome: optionalText,
  outcome_quote: optionalText,
  stakeholders_named: z.array(z.string().min(1)).optional(),
  sources: z.array(z.looseObject({ url: z.string().min(1), licence: optionalText, note: optionalText })),
  source: z.string().min(1),
});
export type ConsultationRecord = z.infer<typeof consultationSchema>;
export const CONSULTATIONS_FILE = seedFile('consultations', 'data/consultations.json', z.array(consultationSchema));

// Position (UNKNOWN) and themes ([]) are left to their defaults: no source states them.
type SubmissionRow = SeedRow<'Submission', 'position' | 'themes'>;

const CONSULTATION_TABLE: TableSpec<'StakeholderConsultation'> = {
  model: 'StakeholderConsultation',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
};
const OUTCOME_TABLE: TableSpec<'ConsultationOutcome'> = {
  model: 'ConsultationOutcome',
  key: ['consultationId', 'ordinal'],
  references: ['consultationId', 'citationId'],
};
const STAKEHOLDER_TABLE: TableSpec<'Stakeholder'> = { model: 'Stakeholder', key: ['name'] };
const SUBMISSION_TABLE: TableSpec<'Submission', SubmissionRow> = {
  model: 'Submission',
  key: ['sourceKey'],
  references: ['consultationId', 'stakeholderId', 'citationId'],
};

/** Fields stored in StakeholderConsultation columns; the rest (commenters, sources, context, ...) goes to `extra`. */
const MAPPED_FIELDS = [
  'id',
  'jurisdiction',
  'body',
  'title',
  'instrument',
  'citation',
  'published',
  'opened',
  'comment_deadline',
  'comment_deadline_original',
  'comment_deadline_extended',
  'closed',
  'scope_quote',
  'outcome',
  'outcome_quote',
  'source',
] as const;

/** CONCLUDED when an outcome is recorded, CLOSED when a closing or deadline date is given, else UNKNOWN. */
export function consultationStatus(record: ConsultationRecord): ConsultationStatus {
  if ((record.outcomes?.length ?? 0) > 0 || record.outcome || record.outcome_quote) return 'CONCLUDED';
  if (
    record.closed ||
    record.comment_deadline ||
    record.comment_deadline_original ||
    record.comment_deadline_extended ||
    record.comment_deadline_reopened
  ) {
    return 'CLOSED';
  }
  return 'UNKNOWN';
}

function joinText(...parts: Array<string | null | undefined>): string | null {
  const present = parts.filter((part): part is string => typeof part === 'string' && part.trim().length > 0);
  return present.length > 0 ? present.join('\n\n') : null;
}

function statedDay(text: string | null | undefined, log: SeedLog, where: string): Date | null {
  if (!text) return null;
  const date = parseStatedDay(text);
  if (!date) log('seed: date not understood, stored as unknown', { where, text });
  return date;
}

export const consultationsImporter: Importer = {
  name: 'consultations',
  files: [CONSULTATIONS_FILE],
  dependsOn: ['reference'],
  load: loadConsultations,
};

async function loadConsultations(ctx: ImportContext): Promise<void> {
  const records = await ctx.files.get(CONSULTATIONS_FILE);
  const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
  const citations = new CitationSet();
  const consultations: Array<SeedRow<'StakeholderConsultation'>> = [];
  const outcomes: Array<SeedRow<'ConsultationOutcome'>> = [];
  const stakeholders = new Map<string, SeedRow<'Stakeholder'>>();
  const submissions: SubmissionRow[] = [];

  // `origin` says who gave the label: a record of comments' rows carry the collector's labels
  // (their field is named so, and the record's note says the agency gave none); for the other
  // labels the data does not say.
  const stakeholder = (name: string, label: string | null | undefined, origin: StakeholderLabelOriginValue): string => {
    const existing = stakeholders.get(name);
    const typeLabel = label ?? null;
    if (existing) {
      if (existing.typeLabel !== typeLabel && typeLabel !== null) {
        ctx.log('seed: stakeholder labelled differently in two places; first label kept', {
          name,
          kept: existing.typeLabel,
          ignored: typeLabel,
        });
      }
      return existing.id;
    }
    const row: SeedRow<'Stakeholder'> = {
      id: stableId('Stakeholder', name),
      name,
      type: stakeholderTypeFromLabel(label),
      typeLabel,
      typeLabelOrigin: typeLabel === null ? null : origin,
    };
    stakeholders.set(name, row);
    return row.id;
  };

  for (const record of records) {
    const id = stableId('StakeholderConsultation', record.id);
    const mainSource = record.sources.find((source) => source.url === record.source);
    const citationId = citations.add(
      citationFromUrl(record.source, { licence: mainSource?.licence, note: mainSource?.note }),
    );
    consultations.push({
      id,
      sourceKey: record.id,
      jurisdictionId: jurisdictionId(record.jurisdiction),
      body: record.body,
      title: record.title,
      instrument: record.instrument ?? null,
      reference: record.citation ?? null,
      status: consultationStatus(record),
      publishedOn: parseIsoDay(record.published),
      openedOn: parseIsoDay(record.opened),
      deadline: parseIsoDay(record.comment_deadline ?? record.comment_deadline_original),
      // A reopened comment period is an extension in effect; the field name stays in `extra`.
      extendedDeadline: parseIsoDay(record.comment_deadline_extended ?? record.comment_deadline_reopened),
      closedOn: parseIsoDay(record.closed),
      scopeQuote: record.scope_quote ?? null,
      responseCount: record.commenters?.count_exact ?? null,
      responseCountQuote: record.commenters?.count_description_quote ?? null,
      responseCountNote: joinText(record.commenters?.note, record.commenters?.partial_note),
      outcomeSummary: joinText(record.outcome, record.outcome_quote),
      extra: jsonColumn(remainingFields(record, MAPPED_FIELDS)),
      citationId,
    });

    (record.outcomes ?? []).forEach((outcome, ordinal) => {
      outcomes.push({
        id: stableId('ConsultationOutcome', `${record.id}|${ordinal}`),
        consultationId: id,
        ordinal,
        date: parseIsoDay(outcome.date),
        description: outcome.description,
        quote: outcome.quote ?? null,
        citationId: outcome.source ? citations.add(citationFromSource(outcome.source)) : null,
      });
    });

    const addSubmission = (suffix: string, row: Omit<SubmissionRow, 'id' | 'sourceKey' | 'consultationId'>) => {
      const sourceKey = `${record.id}#${suffix}`;
      submissions.push({ id: stableId('Submission', sourceKey), sourceKey, consultationId: id, ...row });
    };
    (record.commenters?.example_commenters ?? []).forEach((commenter, index) => {
      addSubmission(`example-commenter-${index + 1}`, {
        stakeholderId: stakeholder(commenter.name, commenter.type, 'NOT_STATED'),
        receivedOn: statedDay(commenter.date, ctx.log, `${record.id} example commenter ${commenter.name}`),
        pages: null,
        documentRef: commenter.regulations_gov_id ?? null,
        ordinal: index + 1,
        citationId: commenter.source ? citations.add(citationFromSource(commenter.source)) : citationId,
      });
    });
    for (const row of record.commenters?.list_partial ?? []) {
      addSubmission(`record-of-comments-${row.no}`, {
        stakeholderId: stakeholder(row.name, row.stakeholder_type_assigned_by_researcher, 'COLLECTOR'),
        receivedOn: statedDay(row.date_received, ctx.log, `${record.id} record of comments no. ${row.no}`),
        pages: row.pages ?? null,
        documentRef: null,
        ordinal: row.no,
        citationId,
      });
    }
    (record.stakeholders_named ?? []).forEach((name, index) => {
      addSubmission(`named-stakeholder-${index + 1}`, {
        stakeholderId: stakeholder(name, undefined, 'NOT_STATED'),
        receivedOn: null,
        pages: null,
        documentRef: null,
        ordinal: index + 1,
        citationId,
      });
    });
  }

  await syncTable(ctx, CITATION_TABLE, citations.rows());
  await syncTable(ctx, CONSULTATION_TABLE, consultations);
  await syncTable(ctx, OUTCOME_TABLE, outcomes);
  await syncTable(ctx, STAKEHOLDER_TABLE, [...stakeholders.values()]);
  await syncTable(ctx, SUBMISSION_TABLE, submissions);
}
