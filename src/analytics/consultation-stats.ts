// Consultation analytics: recorded submissions counted by stakeholder type, position, theme
// and date, per consultation and across them (GROUPING SETS), in one statement that also reads
// the analytics generation. The seed records only some submissions (example commenters, the
// first rows of a record of comments), no positions and no themes: the answer says so through
// `reportedResponseCount` (null = unknown), `recordComplete`, UNKNOWN positions and
// `submissionsWithoutTheme`, instead of presenting the recorded rows as the whole picture.
// Each stakeholder-type count also says how many of its types rest on a label the list's
// collector added rather than the agency, so that provenance stays next to the figure.
import { Prisma } from '../generated/prisma/client.js';
import type { AnalyticsDb } from './impact-sql.js';
import { GENERATION_SQL } from './impact-sql.js';

export type TimelineInterval = 'DAY' | 'MONTH';

export interface KeyCount {
  key: string;
  count: number;
}

/** Submissions from one stakeholder type, and how many of those types rest on a collector's label. */
export interface StakeholderTypeCount extends KeyCount {
  labelledByCollector: number;
}

export interface TimelinePoint {
  periodStart: string;
  periodEnd: string;
  count: number;
}

export interface SubmissionBreakdown {
  recordedSubmissionCount: number;
  byStakeholderType: StakeholderTypeCount[];
  byPosition: KeyCount[];
  byTheme: KeyCount[];
  submissionsWithoutTheme: number;
  timeline: TimelinePoint[];
  undatedSubmissionCount: number;
}

export interface ConsultationEntry extends SubmissionBreakdown {
  consultationId: string;
  title: string;
  reference: string | null;
  publishedOn: string | null;
  openedOn: string | null;
  deadline: string | null;
  extendedDeadline: string | null;
  closedOn: string | null;
  reportedResponseCount: number | null;
  reportedResponseCountQuote: string | null;
  /** True when the recorded submissions are all the responses the source counts; null when that count is unknown. */
  recordComplete: boolean | null;
}

export interface ConsultationStatsResult extends SubmissionBreakdown {
  interval: TimelineInterval;
  consultationCount: number;
  /** Sum of the reported response counts when every consultation has one; else null (unknown). */
  reportedResponseCount: number | null;
  dataVersion: string;
  consultations: ConsultationEntry[];
}

interface Row {
  generation: string | null;
  dim: 'CONSULTATION' | 'STAKEHOLDER_TYPE' | 'POSITION' | 'THEME' | 'TIMELINE' | 'TOTAL' | null;
  cid: string | null;
  key: string | null;
  n: number | null;
  /** For STAKEHOLDER_TYPE rows: of the n submissions, those whose stakeholder type comes from a collector's label. */
  m: number | null;
}

interface ConsultationMeta {
  title: string;
  reference: string | null;
  publishedOn: string | null;
  openedOn: string | null;
  deadline: string | null;
  extendedDeadline: string | null;
  closedOn: string | null;
  responseCount: number | null;
  responseCountQuote: string | null;
}

function buildSql(consultationId: string | null, interval: TimelineInterval): Prisma.Sql {
  const onlyConsultation =
    consultationId === null ? Prisma.sql`TRUE` : Prisma.sql`s."consultationId" = ${consultationId}`;
  const onlyThis = consultationId === null ? Prisma.sql`TRUE` : Prisma.sql`c."id" = ${consultationId}`;
  const unit = Prisma.raw(interval === 'DAY' ? "'day'" : "'month'");
  return Prisma.sql`
WITH scoped AS (
  SELECT s."consultationId" AS cid, st."type"::text AS stakeholder_type,
    st."typeLabelOrigin" IS NOT DISTINCT FROM 'COLLECTOR' AS by_collector, s."position"::text AS position, s."themes" AS themes,
    to_char(date_trunc(${unit}, s."receivedOn"::timestamp), 'YYYY-MM-DD') AS period
  FROM "Submission" s JOIN "Stakeholder" st ON st."id" = s."stakeholderId"
  WHERE ${onlyConsultation}
),
counts AS (
  SELECT 'TOTAL' AS dim, cid, NULL::text AS key, count(*)::int AS n, NULL::int AS m FROM scoped GROUP BY GROUPING SETS ((cid), ())
  UNION ALL
  SELECT 'STAKEHOLDER_TYPE', cid, stakeholder_type, count(*)::int, (count(*) FILTER (WHERE by_collector))::int
    FROM scoped GROUP BY GROUPING SETS ((cid, stakeholder_type), (stakeholder_type))
  UNION ALL
  SELECT 'POSITION', cid, position, count(*)::int, NULL FROM scoped GROUP BY GROUPING SETS ((cid, position), (position))
  UNION ALL
  SELECT 'THEME', cid, t.theme, count(*)::int, NULL FROM scoped LEFT JOIN LATERAL unnest(scoped.themes) AS t(theme) ON true
    GROUP BY GROUPING SETS ((cid, t.theme), (t.theme))
  UNION ALL
  SELECT 'TIMELINE', cid, period, count(*)::int, NULL FROM scoped GROUP BY GROUPING SETS ((cid, period), (period))
  UNION ALL
  SELECT 'CONSULTATION', c."id", json_build_object(
      'title', c."title", 'reference', c."reference",
      'publishedOn', to_char(c."publishedOn", 'YYYY-MM-DD'), 'openedOn', to_char(c."openedOn", 'YYYY-MM-DD'),
      'deadline', to_char(c."deadline", 'YYYY-MM-DD'), 'extendedDeadline', to_char(c."extendedDeadline", 'YYYY-MM-DD'),
      'closedOn', to_char(c."closedOn", 'YYYY-MM-DD'),
      'responseCount', c."responseCount", 'responseCountQuote', c."responseCountQuote")::text, 0, NULL
  FROM "StakeholderConsultation" c WHERE ${onlyThis}
)
SELECT ${GENERATION_SQL} AS generation, counts.dim, counts.cid, counts.key, counts.n, counts.m
FROM (SELECT 1) AS one LEFT JOIN counts ON true
ORDER BY counts.dim, counts.cid NULLS FIRST, counts.key NULLS LAST`;
}

function emptyBreakdown(): SubmissionBreakdown {
  return {
    recordedSubmissionCount: 0,
    byStakeholderType: [],
    byPosition: [],
    byTheme: [],
    submissionsWithoutTheme: 0,
    timeline: [],
    undatedSubmissionCount: 0,
  };
}

function periodEnd(interval: TimelineInterval, start: string): string {
  if (interval === 'DAY') return start;
  const [year, month] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function byCountThenKey(a: KeyCount, b: KeyCount): number {
  return b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export async function runConsultationStats(
  db: AnalyticsDb,
  consultationId: string | null,
  interval: TimelineInterval,
): Promise<{ generation: string; value: ConsultationStatsResult | null }> {
  const rows = await db.prisma.$queryRaw<Row[]>(buildSql(consultationId, interval));
  const generation = rows[0]?.generation ?? '';
  const metas = new Map<string, ConsultationMeta>();
  const breakdowns = new Map<string | null, SubmissionBreakdown>([[null, emptyBreakdown()]]);
  const breakdownOf = (cid: string | null) => {
    let breakdown = breakdowns.get(cid);
    if (!breakdown) {
      breakdown = emptyBreakdown();
      breakdowns.set(cid, breakdown);
    }
    return breakdown;
  };
  for (const row of rows) {
    if (row.dim === null || row.n === null) continue;
    if (row.dim === 'CONSULTATION') {
      if (row.cid && row.key) metas.set(row.cid, JSON.parse(row.key) as ConsultationMeta);
      continue;
    }
    const breakdown = breakdownOf(row.cid);
    switch (row.dim) {
      case 'TOTAL':
        breakdown.recordedSubmissionCount = row.n;
        break;
      case 'STAKEHOLDER_TYPE':
        if (row.key !== null) {
          breakdown.byStakeholderType.push({ key: row.key, count: row.n, labelledByCollector: row.m ?? 0 });
        }
        break;
      case 'POSITION':
        if (row.key !== null) breakdown.byPosition.push({ key: row.key, count: row.n });
        break;
      case 'THEME':
        if (row.key === null) breakdown.submissionsWithoutTheme = row.n;
        else breakdown.byTheme.push({ key: row.key, count: row.n });
        break;
      case 'TIMELINE':
        if (row.key === null) breakdown.undatedSubmissionCount = row.n;
        else breakdown.timeline.push({ periodStart: row.key, periodEnd: periodEnd(interval, row.key), count: row.n });
        break;
    }
  }
  if (consultationId !== null && !metas.has(consultationId)) return { generation, value: null };

  for (const breakdown of breakdowns.values()) {
    breakdown.byStakeholderType.sort(byCountThenKey);
    breakdown.byPosition.sort(byCountThenKey);
    breakdown.byTheme.sort(byCountThenKey);
  }
  const consultations = [...metas.entries()]
    .map(([id, meta]): ConsultationEntry => {
      const breakdown = breakdowns.get(id) ?? emptyBreakdown();
      const reported = meta.responseCount;
      return {
        consultationId: id,
        title: meta.title,
        reference: meta.reference,
        publishedOn: meta.publishedOn,
        openedOn: meta.openedOn,
        deadline: meta.deadline,
        extendedDeadline: meta.extendedDeadline,
        closedOn: meta.closedOn,
        reportedResponseCount: reported,
        reportedResponseCountQuote: meta.responseCountQuote,
        recordComplete: reported === null ? null : breakdown.recordedSubmissionCount >= reported,
        ...breakdown,
      };
    })
    .sort(
      (a, b) =>
        (a.publishedOn ?? '9999').localeCompare(b.publishedOn ?? '9999') ||
        a.title.localeCompare(b.title) ||
        a.consultationId.localeCompare(b.consultationId),
    );
  const overall = breakdowns.get(null) ?? emptyBreakdown();
  const allReported = consultations.every((entry) => entry.reportedResponseCount !== null);
  return {
    generation,
    value: {
      interval,
      consultationCount: consultations.length,
      reportedResponseCount:
        allReported && consultations.length > 0
          ? consultations.reduce((sum, entry) => sum + (entry.reportedResponseCount ?? 0), 0)
          : null,
      dataVersion: generation,
      ...overall,
      consultations,
    },
  };
}
