import { describe, expect, it } from 'vitest';
import {
  exemptionValidityWhere,
  isExemptionValidOn,
  isProvisionVersionValidOn,
  provisionVersionWhere,
  type ProvisionVersionFacts,
} from '../../src/domain/point-in-time.js';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

function version(facts: Partial<ProvisionVersionFacts>): ProvisionVersionFacts {
  return { inMainList: true, status: 'CURRENT', validFrom: null, validTo: null, textDate: null, ...facts };
}

describe('provision versions without a date', () => {
  it('returns only CURRENT versions', () => {
    expect(provisionVersionWhere()).toEqual({ inMainList: true, status: 'CURRENT' });
    expect(provisionVersionWhere(null)).toEqual({ inMainList: true, status: 'CURRENT' });
    expect(isProvisionVersionValidOn(version({}))).toBe(true);
    expect(
      isProvisionVersionValidOn(
        version({ status: 'SUPERSEDED', validFrom: day('2010-01-01'), validTo: day('2020-01-01') }),
      ),
    ).toBe(false);
  });
});

describe('provision versions on a date', () => {
  const asOf = day('2015-06-01');

  it.each([
    ['current, started before, no end', version({ validFrom: day('2010-01-01') }), true],
    ['current, starts on the day', version({ validFrom: asOf }), true],
    ['current, starts after the day', version({ validFrom: day('2016-01-01') }), false],
    ['current, ended on the day (end is exclusive)', version({ validFrom: day('2010-01-01'), validTo: asOf }), false],
    ['current, ends after the day', version({ validFrom: day('2010-01-01'), validTo: day('2016-01-01') }), true],
    ['current, start unknown, text dated before', version({ textDate: day('2014-12-31') }), true],
    ['current, start unknown, text dated on the day', version({ textDate: asOf }), true],
    ['current, start unknown, text dated after', version({ textDate: day('2025-11-15') }), false],
    ['current, nothing known', version({}), false],
    [
      'current, known start wins over a later text date',
      version({ validFrom: day('2010-01-01'), textDate: day('2025-11-15') }),
      true,
    ],
    [
      'superseded, day inside',
      version({ status: 'SUPERSEDED', validFrom: day('2010-01-01'), validTo: day('2020-01-01') }),
      true,
    ],
    [
      'superseded, day is the end',
      version({ status: 'SUPERSEDED', validFrom: day('2010-01-01'), validTo: asOf }),
      false,
    ],
    [
      'superseded, day before start',
      version({ status: 'SUPERSEDED', validFrom: day('2016-01-01'), validTo: day('2020-01-01') }),
      false,
    ],
    ['superseded, end unknown', version({ status: 'SUPERSEDED', validFrom: day('2010-01-01') }), false],
    [
      'superseded, start unknown',
      version({ status: 'SUPERSEDED', validTo: day('2020-01-01'), textDate: day('2010-01-01') }),
      false,
    ],
  ])('%s', (_name, facts, expected) => {
    expect(isProvisionVersionValidOn(facts, asOf)).toBe(expected);
  });

  it('builds the matching where-object', () => {
    expect(provisionVersionWhere(asOf)).toEqual({
      inMainList: true,
      OR: [
        {
          status: 'CURRENT',
          AND: [
            { OR: [{ validTo: null }, { validTo: { gt: asOf } }] },
            { OR: [{ validFrom: { lte: asOf } }, { validFrom: null, textDate: { lte: asOf } }] },
          ],
        },
        { status: 'SUPERSEDED', validFrom: { lte: asOf }, validTo: { gt: asOf } },
      ],
    });
  });
});

/** Evaluates the where-objects on plain rows, to check they say what the predicates say. */
type Row = Record<string, unknown>;
type Where = Record<string, unknown>;
function matches(row: Row, where: Where): boolean {
  return Object.entries(where).every(([key, condition]) => {
    if (key === 'AND') return (condition as Where[]).every((part) => matches(row, part));
    if (key === 'OR') return (condition as Where[]).some((part) => matches(row, part));
    const value = row[key];
    if (condition === null) return value === null;
    if (typeof condition === 'object') {
      if (!(value instanceof Date)) return false;
      const { lt, lte, gt, gte } = condition as Record<string, Date | undefined>;
      const time = value.getTime();
      return (
        (lt === undefined || time < lt.getTime()) &&
        (lte === undefined || time <= lte.getTime()) &&
        (gt === undefined || time > gt.getTime()) &&
        (gte === undefined || time >= gte.getTime())
      );
    }
    return value === condition;
  });
}

describe('where-objects agree with the predicates', () => {
  const dates = [null, day('2010-01-01'), day('2015-06-01'), day('2020-01-01')];
  const days = [
    day('2009-12-31'),
    day('2010-01-01'),
    day('2015-06-01'),
    day('2019-12-31'),
    day('2020-01-01'),
    day('2030-01-01'),
  ];

  it('for provisions', () => {
    for (const inMainList of [true, false])
      for (const status of ['CURRENT', 'SUPERSEDED'] as const)
        for (const validFrom of dates)
          for (const validTo of dates)
            for (const textDate of dates) {
              const facts = { inMainList, status, validFrom, validTo, textDate };
              for (const asOf of [undefined, ...days]) {
                expect(matches(facts, provisionVersionWhere(asOf) as Where), JSON.stringify({ facts, asOf })).toBe(
                  isProvisionVersionValidOn(facts, asOf),
                );
              }
            }
  });

  it('for exemptions', () => {
    for (const revoked of [false, true])
      for (const validFrom of dates)
        for (const validTo of dates) {
          const facts = { revoked, validFrom, validTo };
          for (const asOf of [undefined, ...days]) {
            expect(matches(facts, exemptionValidityWhere(asOf) as Where), JSON.stringify({ facts, asOf })).toBe(
              isExemptionValidOn(facts, asOf),
            );
          }
        }
  });
});

describe('exemptions', () => {
  const asOf = day('2012-01-01');

  it('leaves out revoked ones when no date is given', () => {
    expect(exemptionValidityWhere()).toEqual({ revoked: false });
    expect(isExemptionValidOn({ revoked: true, validFrom: null, validTo: null })).toBe(false);
    expect(isExemptionValidOn({ revoked: false, validFrom: null, validTo: null })).toBe(true);
  });

  it.each([
    ['dates unknown', { revoked: false, validFrom: null, validTo: null }, true],
    ['starts later', { revoked: false, validFrom: day('2013-01-01'), validTo: null }, false],
    ['ended before', { revoked: false, validFrom: null, validTo: day('2011-01-01') }, false],
    [
      'revoked, day before its known end',
      { revoked: true, validFrom: day('2010-01-01'), validTo: day('2015-01-01') },
      true,
    ],
    [
      'revoked, day after its known end',
      { revoked: true, validFrom: day('2010-01-01'), validTo: day('2011-06-01') },
      false,
    ],
    ['revoked, end unknown', { revoked: true, validFrom: day('2010-01-01'), validTo: null }, false],
  ])('%s', (_name, facts, expected) => {
    expect(isExemptionValidOn(facts, asOf)).toBe(expected);
  });
});
