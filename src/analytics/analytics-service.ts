// The entry points the GraphQL fields and the export routes share: decode global ids,
// normalise, answer through the cache. Both surfaces therefore give the same numbers for the
// same arguments, and share cache entries.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { PrismaClient } from '../generated/prisma/client.js';
import { InvalidArgumentError } from '../graphql/errors.js';
import { aggregateCache } from './aggregate-cache.js';
import { runConsultationStats, type ConsultationStatsResult, type TimelineInterval } from './consultation-stats.js';
import {
  normalizeImpactSeries,
  normalizeImpactStats,
  type ImpactFilterInput,
  type ImpactSeriesInput,
  type ImpactStatsInput,
} from './impact-request.js';
import { runImpactSeries, type ImpactSeriesResult } from './impact-series.js';
import { runImpactStats, type ImpactStatsResult } from './impact-stats.js';

/** Filter as clients give it: provision and assessment ids are global (Relay) ids. */
export type ClientFilterInput = Omit<ImpactFilterInput, 'provisionIds' | 'assessmentIds'> & {
  provisionIds?: readonly string[] | null;
  assessmentIds?: readonly string[] | null;
};

/** The database id inside a global id of `typename`; a clear error for anything else. */
export function databaseIdOf(globalId: string, typename: string, field: string): string {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = undefined;
  }
  if (!decoded || decoded.typename !== typename || decoded.id.length === 0 || decoded.id.includes('\u0000')) {
    throw new InvalidArgumentError(
      field,
      'global-id-of-type',
      `"${field}" must hold ids of ${typename} records (as returned by the API); "${globalId}" is not one.`,
    );
  }
  return decoded.id;
}

export function databaseFilter(filter: ClientFilterInput | null | undefined): ImpactFilterInput | null {
  if (!filter) return null;
  return {
    ...filter,
    provisionIds: filter.provisionIds?.map((id) => databaseIdOf(id, 'ControlProvision', 'filter.provisionIds')) ?? null,
    assessmentIds:
      filter.assessmentIds?.map((id) => databaseIdOf(id, 'ImpactAssessment', 'filter.assessmentIds')) ?? null,
  };
}

export function globalProvisionId(id: string | null): string | null {
  return id === null ? null : encodeGlobalID('ControlProvision', id);
}

export function globalAssessmentId(id: string | null): string | null {
  return id === null ? null : encodeGlobalID('ImpactAssessment', id);
}

export async function impactStats(
  prisma: PrismaClient,
  input: Omit<ImpactStatsInput, 'filter'> & { filter?: ClientFilterInput | null },
): Promise<ImpactStatsResult> {
  const request = normalizeImpactStats({ ...input, filter: databaseFilter(input.filter) });
  return aggregateCache.get(prisma, 'impactStats', request, async () => {
    const value = await runImpactStats(prisma, request);
    return { generation: value.dataVersion, value };
  });
}

export async function impactSeries(
  prisma: PrismaClient,
  input: Omit<ImpactSeriesInput, 'filter'> & { filter?: ClientFilterInput | null },
): Promise<ImpactSeriesResult> {
  const request = normalizeImpactSeries({ ...input, filter: databaseFilter(input.filter) });
  return aggregateCache.get(prisma, 'impactSeries', request, async () => {
    const value = await runImpactSeries(prisma, request);
    return { generation: value.dataVersion, value };
  });
}

/** Null when `consultationGlobalId` names no consultation. */
export async function consultationStats(
  prisma: PrismaClient,
  consultationGlobalId: string | null,
  interval: TimelineInterval,
): Promise<ConsultationStatsResult | null> {
  const consultationId =
    consultationGlobalId === null
      ? null
      : databaseIdOf(consultationGlobalId, 'StakeholderConsultation', 'consultationId');
  return aggregateCache.get(prisma, 'consultationStats', { consultationId, interval }, () =>
    runConsultationStats(prisma, consultationId, interval),
  );
}
