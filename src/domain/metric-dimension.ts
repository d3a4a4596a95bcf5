// Dashboard dimension of an impact metric, by rule from the metric's own wording. The rules
// are ours (an editorial classification), applied in order; the verbatim metric name is
// always kept next to the dimension.
import type { MetricDimension } from '../generated/prisma/client.js';

/** The stored enum's values (the Prisma schema is their one source). */
export type MetricDimensionValue = MetricDimension;

const RULES: ReadonlyArray<readonly [RegExp, MetricDimensionValue]> = [
  [/\bvalue\b/i, 'TRADE_VALUE'],
  [/\b(denials?|denied|refused|rejected)\b/i, 'DENIALS'],
  [/\b(processing time|review time)\b|\bwithin \d+ working days\b/i, 'PROCESSING_TIME'],
  [/\bitems in Annex I\b/i, 'LIST_SCOPE'],
  [/\bturnover\b/i, 'MARKET'],
  // Shares of trade ("dual-use exports as share of ...", "share of authorised trade").
  [/\b(exports|trade)\b.*\bas share of\b|\bshare of authorised trade\b/i, 'TRADE_VALUE'],
  [
    /\b(decisions|issued|applications?|approv\w*|returned without action|licen[cs]es? shipped|shipped against|revoked|licensing volume)\b/i,
    'LICENSING_VOLUME',
  ],
];

export function metricDimensionFromIndicator(indicator: string): MetricDimensionValue {
  for (const [pattern, dimension] of RULES) {
    if (pattern.test(indicator)) return dimension;
  }
  return 'OTHER';
}
