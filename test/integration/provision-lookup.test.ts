// `provision(code, regime, asOf)` and the `asOf` argument of `provisions`: the code 6A003 exists
// in the US CCL (text dated 2025-07-11, the repository commit date) and in EU Annex I
// (consolidated 15.11.2025), plus superseded historical texts with unknown dates (HK, celutek).
// Dates the sources do not establish are never guessed. The Wassenaar List (text of 2026-01-15)
// and the UK list (2025-12-16) hold 6A003 and its paragraphs too, under the same codes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';
import { errorCode, onlyError } from './support-narrow.js';

const US_TEXT_DATE = '2025-07-11';
const EU_CONSOLIDATION_DATE = '2025-11-15';
// EU Annex I in full (eu_annex_i.json): its entries.
const euAnnex = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../seed/data/eu_annex_i.json'), 'utf8')) as {
  entries: Array<{ code: string; paragraphs: unknown[] }>;
};
const EU_ENTRIES = euAnnex.entries.map((entry) => entry.code).sort();
const US_HEADING_6A003 =
  'Cameras, systems or equipment, and "components" therefor, as follows (see List of Items Controlled).';
const EU_HEADING_6A003 = 'Cameras, systems or equipment, and components therefor, as follows:';
// wassenaar_2025_cat6.json: 31 entries and 801 paragraphs; uk_strategic_list_2025-12-16_cat6.json:
// 36 entries and 639 paragraphs.
const WASSENAAR_TEXT_DATE = '2026-01-15';
const UK_TEXT_DATE = '2025-12-16';
const WASSENAAR_PROVISIONS = 31 + 801;
const UK_PROVISIONS = 36 + 639;
const REGIMES_OF_6A003 = ['WASSENAAR', 'EU', 'US_EAR', 'UK'];

const LookupProvision = graphql(`
  query LookupProvision($code: String!, $regime: Regime, $asOf: Date) {
    provision(code: $code, regime: $regime, asOf: $asOf) {
      id
      code
      regime
      title
      status
      textDate
      citation {
        repository
        commit
      }
    }
  }
`);

const ProvisionsAsOf = graphql(`
  query ProvisionsAsOf($asOf: Date, $regime: Regime, $kind: ProvisionKindFilter) {
    provisions(asOf: $asOf, first: 100, filter: { regime: $regime, kind: $kind }) {
      totalCount
      edges {
        node {
          code
          regime
          status
          textDate
        }
      }
    }
  }
`);

describeWithDatabase('provision lookup and asOf', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('a code that exists in several regimes, without regime, is a BAD_USER_INPUT error listing the regimes', async () => {
    const response = await service.query(LookupProvision, { code: '6A003' });
    expect(response.status).toBe(200);
    expect(response.data?.provision).toBeNull();
    const error = onlyError(response);
    expect(error.path).toEqual(['provision']);
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'regime',
      provisionCode: '6A003',
      regimes: REGIMES_OF_6A003,
    });
    for (const regime of REGIMES_OF_6A003) expect(error.message).toContain(regime);
    expect(error.message).toContain('regime');
  });

  it('with a regime, the version of that regime is returned', async () => {
    const us = await service.query(LookupProvision, { code: '6A003', regime: 'US_EAR' });
    expect(us.errors).toBeUndefined();
    expect(us.data?.provision).toMatchObject({
      code: '6A003',
      regime: 'US_EAR',
      title: US_HEADING_6A003,
      status: 'CURRENT',
      textDate: US_TEXT_DATE,
      citation: { repository: 'waynehacking8/eccn-agent', commit: '0bd163a857413d23a15918d42d9812adae9b4a35' },
    });
    const eu = await service.query(LookupProvision, { code: '6A003', regime: 'EU' });
    expect(eu.errors).toBeUndefined();
    expect(eu.data?.provision).toMatchObject({
      code: '6A003',
      regime: 'EU',
      title: EU_HEADING_6A003,
      status: 'CURRENT',
      textDate: EU_CONSOLIDATION_DATE,
      citation: { repository: 'rikiosso/exports-watch', commit: '0fb5427ea885af2f284f7ad6b025376ac4ffdc11' },
    });
    expect(eu.data?.provision?.id).not.toBe(us.data?.provision?.id);
  });

  it('a code that exists in one regime only needs no regime; paragraphs are found by their exact code', async () => {
    const paragraph = await service.query(LookupProvision, { code: '6A003.b.4.b', regime: 'US_EAR' });
    expect(paragraph.errors).toBeUndefined();
    expect(paragraph.data?.provision).toMatchObject({ code: '6A003.b.4.b', regime: 'US_EAR', status: 'CURRENT' });
    const euParagraph = await service.query(LookupProvision, { code: '6A003.b.2', regime: 'EU' });
    expect(euParagraph.errors).toBeUndefined();
    expect(euParagraph.data?.provision).toMatchObject({ code: '6A003.b.2', regime: 'EU', status: 'CURRENT' });
    // Annex I has paragraphs of its own entries (3B501 is EU-only): found without a regime.
    const euOnly = await service.query(LookupProvision, { code: '3B501.a.4' });
    expect(euOnly.errors).toBeUndefined();
    expect(euOnly.data?.provision).toMatchObject({ code: '3B501.a.4', regime: 'EU', textDate: EU_CONSOLIDATION_DATE });
    // Both lists now hold 6A003.b.4.b by paragraph: without a regime it is ambiguous.
    const both = await service.query(LookupProvision, { code: '6A003.b.4.b' });
    expect(onlyError(both).extensions).toMatchObject({ code: 'BAD_USER_INPUT', regimes: REGIMES_OF_6A003 });
    // 6E001 is in both lists now; 6A993 is a US-only entry.
    const usOnly = await service.query(LookupProvision, { code: '6A993' });
    expect(usOnly.errors).toBeUndefined();
    expect(usOnly.data?.provision).toMatchObject({ code: '6A993', regime: 'US_EAR' });
  });

  it('an unknown code, a wrong-case code or a regime without that code answers null without error', async () => {
    const lookups: Array<VariablesOf<typeof LookupProvision>> = [
      { code: 'ZZ999' },
      { code: '6a003', regime: 'US_EAR' },
      { code: '6A003.B.4.B' },
      { code: '' },
      { code: '6A993', regime: 'UK' },
      // The Wassenaar list is looked up by the EU-style code (6A003.b.4), not the printed one.
      { code: '6.A.3.b.4', regime: 'WASSENAAR' },
      // Only a superseded historical Hong Kong 6A003 exists: no current version.
      { code: '6A003', regime: 'HK' },
      // 6A993 is a US-only entry: Annex I has no such paragraph.
      { code: '6A993.a', regime: 'EU' },
    ];
    for (const variables of lookups) {
      const response = await service.query(LookupProvision, variables);
      expect(response.errors, JSON.stringify(variables)).toBeUndefined();
      expect(response.status).toBe(200);
      expect(response.data?.provision, JSON.stringify(variables)).toBeNull();
    }
  });

  it('provision asOf: a version counts only from its known text date on', async () => {
    const onConsolidation = await service.query(LookupProvision, {
      code: '6A003',
      regime: 'EU',
      asOf: EU_CONSOLIDATION_DATE,
    });
    expect(onConsolidation.errors).toBeUndefined();
    expect(onConsolidation.data?.provision).toMatchObject({ regime: 'EU', textDate: EU_CONSOLIDATION_DATE });

    const dayBefore = await service.query(LookupProvision, { code: '6A003', regime: 'EU', asOf: '2025-11-14' });
    expect(dayBefore.errors).toBeUndefined();
    expect(dayBefore.data?.provision).toBeNull();

    const usOnItsDate = await service.query(LookupProvision, { code: '6A003', regime: 'US_EAR', asOf: US_TEXT_DATE });
    expect(usOnItsDate.data?.provision).toMatchObject({ regime: 'US_EAR', title: US_HEADING_6A003 });
    const usBefore = await service.query(LookupProvision, { code: '6A003', regime: 'US_EAR', asOf: '2025-07-10' });
    expect(usBefore.errors).toBeUndefined();
    expect(usBefore.data?.provision).toBeNull();

    // The historical Hong Kong text has no known dates, so it is valid on no date at all.
    for (const asOf of ['1999-01-01', '2010-06-30', '2025-12-01']) {
      const hongKong = await service.query(LookupProvision, { code: '6A003', regime: 'HK', asOf });
      expect(hongKong.errors, asOf).toBeUndefined();
      expect(hongKong.data?.provision, asOf).toBeNull();
    }
  });

  it('provision asOf without regime: ambiguous only on dates where both versions are known', async () => {
    // Before the EU consolidation date only the US text is known to be in force.
    const between = await service.query(LookupProvision, { code: '6A003', asOf: '2025-08-01' });
    expect(between.errors).toBeUndefined();
    expect(between.data?.provision).toMatchObject({ regime: 'US_EAR', title: US_HEADING_6A003 });

    const after = await service.query(LookupProvision, { code: '6A003', asOf: '2025-12-01' });
    expect(after.data?.provision).toBeNull();
    expect(onlyError(after).extensions).toMatchObject({ code: 'BAD_USER_INPUT', regimes: ['EU', 'US_EAR'] });
    // From the UK text date on, the UK list too; from the Wassenaar text date on, all four.
    const onUkDate = await service.query(LookupProvision, { code: '6A003', asOf: UK_TEXT_DATE });
    expect(onlyError(onUkDate).extensions).toMatchObject({ regimes: ['EU', 'US_EAR', 'UK'] });
    const onWassenaarDate = await service.query(LookupProvision, { code: '6A003', asOf: WASSENAAR_TEXT_DATE });
    expect(onlyError(onWassenaarDate).extensions).toMatchObject({ regimes: REGIMES_OF_6A003 });

    const before = await service.query(LookupProvision, { code: '6A003', asOf: '2000-01-01' });
    expect(before.errors).toBeUndefined();
    expect(before.data?.provision).toBeNull();
  });

  it('provisions asOf a date after the EU consolidation date returns the EU entries', async () => {
    for (const asOf of [EU_CONSOLIDATION_DATE, '2025-12-01', '2030-01-01']) {
      const response = await service.query(ProvisionsAsOf, { asOf, regime: 'EU' });
      expect(response.errors, asOf).toBeUndefined();
      expect(response.data?.provisions.totalCount, asOf).toBe(EU_ENTRIES.length);
      // The first page (100) of the 384 entries, in code order.
      expect(
        response.data?.provisions.edges.map((edge) => edge.node.code),
        asOf,
      ).toEqual(EU_ENTRIES.slice(0, 100));
      for (const { node } of response.data?.provisions.edges ?? []) {
        expect(node).toMatchObject({ regime: 'EU', status: 'CURRENT', textDate: EU_CONSOLIDATION_DATE });
      }
    }
  });

  it('provisions asOf a date before any known text date returns none (unknown is not guessed)', async () => {
    for (const asOf of ['2025-11-14', '2025-08-01', '2000-01-01']) {
      const eu = await service.query(ProvisionsAsOf, { asOf, regime: 'EU' });
      expect(eu.errors, asOf).toBeUndefined();
      expect(eu.data?.provisions, asOf).toEqual({ totalCount: 0, edges: [] });
    }
    // Before the first eCFR snapshot of the US list (2017-01-15) nothing at all is known to be in
    // force, historical texts included.
    for (const asOf of ['2017-01-14', '1995-01-01']) {
      const all = await service.query(ProvisionsAsOf, { asOf, kind: 'ANY' });
      expect(all.errors, asOf).toBeUndefined();
      expect(all.data?.provisions, asOf).toEqual({ totalCount: 0, edges: [] });
    }
    // Before the US text date only versions of the eCFR history are: none of them carries that date.
    const history = await service.query(ProvisionsAsOf, { asOf: '2025-07-10', kind: 'ANY' });
    expect(history.errors).toBeUndefined();
    expect(history.data?.provisions.totalCount).toBeGreaterThan(3000);
    for (const { node } of history.data?.provisions.edges ?? []) {
      expect(node.regime).toBe('US_EAR');
      expect(node.textDate).not.toBe(US_TEXT_DATE);
    }
  });

  it('provisions asOf between the two text dates returns the US list only', async () => {
    const Counts = graphql(`
      query ProvisionsAsOfCounts($asOf: Date) {
        us: provisions(asOf: $asOf, first: 1, filter: { regime: US_EAR }) {
          totalCount
        }
        eu: provisions(asOf: $asOf, first: 1, filter: { regime: EU }) {
          totalCount
        }
        any: provisions(asOf: $asOf, first: 1, filter: { kind: ANY }) {
          totalCount
        }
        current: provisions(first: 1, filter: { kind: ANY }) {
          totalCount
        }
        usParagraphs: provisions(first: 1, filter: { kind: PARAGRAPH, regime: US_EAR }) {
          totalCount
        }
        usParagraphsThen: provisions(asOf: $asOf, first: 1, filter: { kind: PARAGRAPH, regime: US_EAR }) {
          totalCount
        }
      }
    `);
    const between = await service.query(Counts, { asOf: '2025-08-01' });
    expect(between.errors).toBeUndefined();
    const data = between.data;
    if (!data) throw new Error('no data');
    // The current ECCN entries (606 of us_ccl_full.json, 33 the eCFR history adds) but 4D004, whose
    // whole-entry leaf the history first holds on 2025-09-28 (until 2025-02-11 only 4D004.a was one).
    expect(data.us.totalCount).toBe(606 + 33 - 1);
    expect(data.eu.totalCount).toBe(0);
    // US entries and paragraphs only, one version per code: no EU entry and no historical text.
    expect(data.any.totalCount).toBe(data.us.totalCount + data.usParagraphsThen.totalCount);

    // The day before the UK text date neither the UK nor the Wassenaar text is known to be in force;
    // on 2026-01-01 the UK text is, the Wassenaar text (2026-01-15) is not yet.
    const beforeUk = await service.query(Counts, { asOf: '2025-12-15' });
    expect(beforeUk.data?.any.totalCount).toBe(data.current.totalCount - WASSENAAR_PROVISIONS - UK_PROVISIONS);
    const later = await service.query(Counts, { asOf: '2026-01-01' });
    expect(later.data?.any.totalCount).toBe(data.current.totalCount - WASSENAAR_PROVISIONS);
    const onWassenaarDate = await service.query(Counts, { asOf: WASSENAAR_TEXT_DATE });
    expect(onWassenaarDate.data?.any.totalCount).toBe(data.current.totalCount);
    expect(later.data?.eu.totalCount).toBe(EU_ENTRIES.length);
  });

  it('an impossible or malformed date passed as a variable is a BAD_USER_INPUT error naming the value, never a 500', async () => {
    for (const asOf of [
      '2024-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-6-1',
      '2024-06-30T00:00:00Z',
      'yesterday',
      '',
    ]) {
      const listing = await service.query(ProvisionsAsOf, { asOf, regime: 'EU' });
      expect(listing.status, asOf).toBe(400);
      expect(errorCode(listing), asOf).toBe('BAD_USER_INPUT');
      expect(onlyError(listing).message, asOf).toContain(JSON.stringify(asOf));
      expect(listing.data ?? null, asOf).toBeNull();

      const single = await service.query(LookupProvision, { code: '6A003', regime: 'EU', asOf });
      expect(single.status, asOf).toBe(400);
      expect(errorCode(single), asOf).toBe('BAD_USER_INPUT');
    }
    // A leap day is a real date.
    const leapDay = await service.query(ProvisionsAsOf, { asOf: '2024-02-29', regime: 'EU' });
    expect(leapDay.status).toBe(200);
    expect(leapDay.errors).toBeUndefined();
  });

  it('an impossible date written inline in the document fails validation with 400', async () => {
    const response = await service.post(JSON.stringify({ query: '{ provisions(asOf: "2024-02-30") { totalCount } }' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0]?.message).toContain('2024-02-30');
  });
});
