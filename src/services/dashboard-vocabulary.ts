// The values a dashboard's filters can take, read from the data: the indicators of the reported
// figures (with their unit, jurisdiction, periods and how many figures each has), the
// jurisdictions that report figures, and the audiences guidance is written for. A filter built
// from these lists never asks for a value the data does not hold. Synthetic benchmark rows are
// left out: they are not reported figures.
import type { MetricDimension, PeriodType, PrismaClient } from '../generated/prisma/client.js';

export interface ImpactIndicatorSummary {
  indicator: string;
  /** Jurisdiction code ("UK"). */
  jurisdiction: string;
  unit: string;
  dimensions: MetricDimension[];
  periodTypes: PeriodType[];
  metricCount: number;
  /** Figures with a number (the others give words only). */
  numericCount: number;
  firstPeriodStart: Date;
  lastPeriodEnd: Date;
}

export interface ImpactJurisdictionSummary {
  code: string;
  name: string;
  metricCount: number;
  indicatorCount: number;
  firstPeriodStart: Date;
  lastPeriodEnd: Date;
}

export interface AudienceSummary {
  audience: string;
  guidanceCount: number;
}

export interface IndicatorFilter {
  /** Jurisdiction codes, case-insensitive. */
  jurisdictions?: readonly string[] | null;
  dimensions?: readonly MetricDimension[] | null;
}

type Db = Pick<PrismaClient, 'impactMetric' | 'jurisdiction' | 'guidanceDocument'>;

async function jurisdictionCodes(db: Db): Promise<Map<string, { code: string; name: string }>> {
  const rows = await db.jurisdiction.findMany({ select: { id: true, code: true, name: true } });
  return new Map(rows.map((row) => [row.id, { code: row.code, name: row.name }]));
}

/** One entry per jurisdiction, indicator and unit, by jurisdiction then indicator. */
export async function listImpactIndicators(
  db: Db,
  filter: IndicatorFilter | null | undefined,
): Promise<ImpactIndicatorSummary[]> {
  const codes = await jurisdictionCodes(db);
  const wanted = filter?.jurisdictions?.map((code) => code.toUpperCase());
  const jurisdictionIds = wanted
    ? [...codes].filter(([, jurisdiction]) => wanted.includes(jurisdiction.code.toUpperCase())).map(([id]) => id)
    : null;
  const groups = await db.impactMetric.groupBy({
    by: ['jurisdictionId', 'indicator', 'unit', 'dimension', 'periodType'],
    where: {
      synthetic: false,
      ...(jurisdictionIds ? { jurisdictionId: { in: jurisdictionIds } } : {}),
      ...(filter?.dimensions ? { dimension: { in: [...filter.dimensions] } } : {}),
    },
    _count: { _all: true, value: true },
    _min: { periodStart: true },
    _max: { periodEnd: true },
  });
  const byKey = new Map<string, ImpactIndicatorSummary>();
  for (const group of groups) {
    const jurisdiction = codes.get(group.jurisdictionId)?.code ?? group.jurisdictionId;
    const key = JSON.stringify([jurisdiction, group.indicator, group.unit]);
    const entry = byKey.get(key) ?? {
      indicator: group.indicator,
      jurisdiction,
      unit: group.unit,
      dimensions: [],
      periodTypes: [],
      metricCount: 0,
      numericCount: 0,
      firstPeriodStart: group._min.periodStart ?? new Date(0),
      lastPeriodEnd: group._max.periodEnd ?? new Date(0),
    };
    if (!entry.dimensions.includes(group.dimension)) entry.dimensions.push(group.dimension);
    if (!entry.periodTypes.includes(group.periodType)) entry.periodTypes.push(group.periodType);
    entry.metricCount += group._count._all;
    entry.numericCount += group._count.value;
    if (group._min.periodStart && group._min.periodStart < entry.firstPeriodStart)
      entry.firstPeriodStart = group._min.periodStart;
    if (group._max.periodEnd && group._max.periodEnd > entry.lastPeriodEnd) entry.lastPeriodEnd = group._max.periodEnd;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.jurisdiction.localeCompare(b.jurisdiction) ||
      a.indicator.localeCompare(b.indicator) ||
      a.unit.localeCompare(b.unit),
  );
}

/** The jurisdictions with reported figures, by code. */
export async function listImpactJurisdictions(db: Db): Promise<ImpactJurisdictionSummary[]> {
  const codes = await jurisdictionCodes(db);
  const groups = await db.impactMetric.groupBy({
    by: ['jurisdictionId', 'indicator'],
    where: { synthetic: false },
    _count: { _all: true },
    _min: { periodStart: true },
    _max: { periodEnd: true },
  });
  const byId = new Map<string, ImpactJurisdictionSummary>();
  for (const group of groups) {
    const jurisdiction = codes.get(group.jurisdictionId);
    const entry = byId.get(group.jurisdictionId) ?? {
      code: jurisdiction?.code ?? group.jurisdictionId,
      name: jurisdiction?.name ?? group.jurisdictionId,
      metricCount: 0,
      indicatorCount: 0,
      firstPeriodStart: group._min.periodStart ?? new Date(0),
      lastPeriodEnd: group._max.periodEnd ?? new Date(0),
    };
    entry.metricCount += group._count._all;
    entry.indicatorCount += 1;
    if (group._min.periodStart && group._min.periodStart < entry.firstPeriodStart)
      entry.firstPeriodStart = group._min.periodStart;
    if (group._max.periodEnd && group._max.periodEnd > entry.lastPeriodEnd) entry.lastPeriodEnd = group._max.periodEnd;
    byId.set(group.jurisdictionId, entry);
  }
  return [...byId.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The audiences guidance documents are tagged with, most documents first, then by name. */
export async function listAudiences(db: Db): Promise<AudienceSummary[]> {
  // A handful of documents: counting their tags here is simpler than unnesting arrays in SQL
  // that must run the same on PGlite and PostgreSQL.
  const documents = await db.guidanceDocument.findMany({ select: { audience: true } });
  const counts = new Map<string, number>();
  for (const document of documents)
    for (const audience of new Set(document.audience)) counts.set(audience, (counts.get(audience) ?? 0) + 1);
  return [...counts]
    .map(([audience, guidanceCount]) => ({ audience, guidanceCount }))
    .sort((a, b) => b.guidanceCount - a.guidanceCount || a.audience.localeCompare(b.audience));
}
