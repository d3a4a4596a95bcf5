// The dashboard aggregates the GraphQL fields and the export routes share: each request is
// normalised (the cache key), then answered from the cache or computed in the database. Both
// surfaces therefore give the same numbers for the same arguments, and share cache entries.
// Ids and dates arrive decoded: the edges (GraphQL, HTTP) turn global ids into database ids.
import { AggregateCache } from './aggregate-cache.js';
import { runConsultationStats, type ConsultationStatsResult, type TimelineInterval } from './consultation-stats.js';
import {
  normalizeImpactSeries,
  normalizeImpactStats,
  type ImpactSeriesInput,
  type ImpactStatsInput,
} from './impact-request.js';
import { runImpactSeries, type ImpactSeriesResult } from './impact-series.js';
import type { AnalyticsDb } from './impact-sql.js';
import { runImpactStats, type ImpactStatsResult } from './impact-stats.js';
import { normalizeLicensingStats, type LicensingStatsInput } from './licensing-request.js';
import { runLicensingStats, type LicensingStatsResult } from './licensing-stats.js';

export class DashboardAnalytics {
  /** Answers of this database, checked against its generation row before each reuse. */
  readonly cache: AggregateCache;

  constructor(private readonly db: AnalyticsDb) {
    this.cache = new AggregateCache(db);
  }

  async impactStats(input: ImpactStatsInput): Promise<ImpactStatsResult> {
    const request = normalizeImpactStats(input);
    return this.cache.get('impactStats', request, async () => {
      const value = await runImpactStats(this.db, request);
      return { generation: value.dataVersion, value };
    });
  }

  async impactSeries(input: ImpactSeriesInput): Promise<ImpactSeriesResult> {
    const request = normalizeImpactSeries(input);
    return this.cache.get('impactSeries', request, async () => {
      const value = await runImpactSeries(this.db, request);
      return { generation: value.dataVersion, value };
    });
  }

  async licensingStats(input: LicensingStatsInput): Promise<LicensingStatsResult> {
    const request = normalizeLicensingStats(input);
    return this.cache.get('licensingStats', request, async () => {
      const value = await runLicensingStats(this.db, request);
      return { generation: value.dataVersion, value };
    });
  }

  /** Null when `consultationId` names no consultation. */
  async consultationStats(
    consultationId: string | null,
    interval: TimelineInterval,
  ): Promise<ConsultationStatsResult | null> {
    return this.cache.get('consultationStats', { consultationId, interval }, () =>
      runConsultationStats(this.db, consultationId, interval),
    );
  }
}
