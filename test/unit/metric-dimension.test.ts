import { describe, expect, it } from 'vitest';
import { metricDimensionFromIndicator } from '../../src/domain/metric-dimension.js';

describe('metricDimensionFromIndicator', () => {
  it.each([
    ['authorised dual-use exports (value)', 'TRADE_VALUE'],
    ['value of denials', 'TRADE_VALUE'],
    ['authorised dual-use exports as share of extra-EU exports of goods', 'TRADE_VALUE'],
    ['denials', 'DENIALS'],
    ['SIELs refused', 'DENIALS'],
    ['applications rejected (sensors and cameras)', 'DENIALS'],
    ['denials as share of extra-EU exports of goods (roughly)', 'DENIALS'],
    ['average processing time (sensors and cameras)', 'PROCESSING_TIME'],
    ['SIELs processed to first outcome within 20 working days', 'PROCESSING_TIME'],
    ['average Commerce Department licence application review time', 'PROCESSING_TIME'],
    ['SIEL licensing decisions', 'LICENSING_VOLUME'],
    ['OIELs issued', 'LICENSING_VOLUME'],
    ['export license applications processed (all CCL)', 'LICENSING_VOLUME'],
    ['approved with conditions', 'LICENSING_VOLUME'],
    ['estimated number of dual-use items in Annex I', 'LIST_SCOPE'],
    ['industry turnover', 'MARKET'],
    ['universities contacted under BIS university outreach program', 'OTHER'],
  ] as const)('%s -> %s', (indicator, dimension) => {
    expect(metricDimensionFromIndicator(indicator)).toBe(dimension);
  });
});
