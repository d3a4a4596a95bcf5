// Dataset "consultations": the 12 consultation records, their recorded outcomes, and the
// stakeholders and submissions the records name (example commenters, the partial record of
// comments, stakeholders named in debate). Positions and themes are not in the data, so
// submissions keep position UNKNOWN and no themes.
import type { ConsultationStatus } from '../../generated/prisma/client.js';
import { stakeholderTypeFromLabel } from '../../domain/stakeholder-type.js';
import { citationFromSource, citationFromUrl, CitationSet } from './citations.js';
import { remainingFields, type ConsultationRecord } from './read-seed-files.js';
import { jurisdictionIdsByCode, type LoaderContext } from './seed-context.js';
import { parseIsoDay, parseStatedDay, stableId } from './stable-id.js';
import { syncTable, type SeedLog } from './sync-rows.js';
import {
  citationTable,
  consultationOutcomeTable,
  consultationTable,
  stakeholderTable,
  submissionTable,
  type ConsultationOutcomeRow,
  type ConsultationRow,
  type StakeholderRow,
  type SubmissionRow,
} from './table-writers.js';

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
  if (record.closed || record.comment_deadline || record.comment_deadline_original || record.comment_deadline_extended || record.comment_deadline_reopened) {
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

export async function loadConsultations(ctx: LoaderContext): Promise<void> {
  const records = await ctx.files.get('consultations');
  const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
  const citations = new CitationSet();
  const consultations: ConsultationRow[] = [];
  const outcomes: ConsultationOutcomeRow[] = [];
  const stakeholders = new Map<string, StakeholderRow>();
  const submissions: SubmissionRow[] = [];

  const stakeholder = (name: string, label: string | null | undefined): string => {
    const existing = stakeholders.get(name);
    const typeLabel = label ?? null;
    if (existing) {
      if (existing.typeLabel !== typeLabel && typeLabel !== null) {
        ctx.log('seed: stakeholder labelled differently in two places; first label kept', { name, kept: existing.typeLabel, ignored: typeLabel });
      }
      return existing.id;
    }
    const row: StakeholderRow = { id: stableId('Stakeholder', name), name, type: stakeholderTypeFromLabel(label), typeLabel };
    stakeholders.set(name, row);
    return row.id;
  };

  for (const record of records) {
    const id = stableId('StakeholderConsultation', record.id);
    const mainSource = record.sources.find((source) => source.url === record.source);
    const citationId = citations.add(citationFromUrl(record.source, { licence: mainSource?.licence, note: mainSource?.note }));
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
      extra: remainingFields(record, MAPPED_FIELDS),
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
        stakeholderId: stakeholder(commenter.name, commenter.type),
        receivedOn: statedDay(commenter.date, ctx.log, `${record.id} example commenter ${commenter.name}`),
        pages: null,
        documentRef: commenter.regulations_gov_id ?? null,
        ordinal: index + 1,
        citationId: commenter.source ? citations.add(citationFromSource(commenter.source)) : citationId,
      });
    });
    for (const row of record.commenters?.list_partial ?? []) {
      addSubmission(`record-of-comments-${row.no}`, {
        stakeholderId: stakeholder(row.name, row.stakeholder_type_assigned_by_researcher),
        receivedOn: statedDay(row.date_received, ctx.log, `${record.id} record of comments no. ${row.no}`),
        pages: row.pages ?? null,
        documentRef: null,
        ordinal: row.no,
        citationId,
      });
    }
    (record.stakeholders_named ?? []).forEach((name, index) => {
      addSubmission(`named-stakeholder-${index + 1}`, {
        stakeholderId: stakeholder(name, undefined),
        receivedOn: null,
        pages: null,
        documentRef: null,
        ordinal: index + 1,
        citationId,
      });
    });
  }

  await syncTable(ctx, citationTable(ctx.tx, citations.rows()));
  await syncTable(ctx, consultationTable(ctx.tx, consultations));
  await syncTable(ctx, consultationOutcomeTable(ctx.tx, outcomes));
  await syncTable(ctx, stakeholderTable(ctx.tx, [...stakeholders.values()]));
  await syncTable(ctx, submissionTable(ctx.tx, submissions));
}
