// licenceRequirement over HTTP on the seeded database. Each case is written from the texts it
// cites: the 6A003 control table and License Exceptions section (15 CFR 774 Supp. 1), the
// Commerce Country Chart rows and footnotes (15 CFR 738 Supp. 1, eCFR 2026-07-23) and the EAR
// Country Groups (15 CFR 740 Supp. 1); the EU answer from Annex I and the Union general export
// authorisations of Annex II (Regulation (EU) 2021/821).
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const LicenceRequirement = graphql(`
  query LicenceRequirementHttp($input: LicenceRequirementInput!) {
    licenceRequirement(input: $input) {
      destination {
        code
        name
      }
      asOf
      disclaimer
      regimes {
        regime
        verdict
        reason
        countryGroups
        chartRow {
          name
          code
          rowType
          xColumns
          footnoteMarkers
          pointerText
          referredFrom
        }
        entries {
          code
          entry
          basis
          classification
          reasonsForControl
          reasons {
            reason
            reasonName
            controlText
            countryChart
            column
            lineApplies
            destinationMarked
            outcome
            explanation
            scopeTrace
          }
        }
        footnotes {
          marker
          text
          bearing
        }
        exceptions {
          code
          name
          legalBasis
          entry
          entryText
          status
          openConditions
          explanation
        }
        questions {
          question
          fact
          givenAs
          source
        }
        trace
        sources {
          document
          section
          url
          repository
          path
          commit
          textDate
        }
        citations {
          url
        }
      }
    }
  }
`);

type Input = VariablesOf<typeof LicenceRequirement>['input'];
type Result = ResultOf<typeof LicenceRequirement>['licenceRequirement'];
type RegimeAnswer = Result['regimes'][number];

/** A 640 x 512 microbolometer camera: 327,680 elements, more than the 111,000 of the 6A003 RS lines. */
const CAMERA_640 = (frameRateHz: number) => [
  { name: 'frame_rate', number: frameRateHz, unit: 'Hz' },
  { name: 'focal_plane_array_elements', number: 640 * 512 },
];
/** A 320 x 240 camera: 76,800 elements, not more than 111,000. */
const CAMERA_320 = (frameRateHz: number) => [
  { name: 'frame_rate', number: frameRateHz, unit: 'Hz' },
  { name: 'focal_plane_array_elements', number: 320 * 240 },
];

// An uncooled microbolometer thermal camera (640 x 512), described by its facts, as classifyItem takes it.
const MICROBOLOMETER_CAMERA = (frameRateHz: number) => [
  { name: 'item_kind', choice: 'camera' },
  { name: 'incorporates_focal_plane_array', boolean: true },
  { name: 'specially_designed_for_television_broadcasting', boolean: false },
  { name: 'space_qualified', boolean: false },
  { name: 'focal_plane_array_geometry', choice: 'two_dimensional' },
  { name: 'microbolometer', boolean: true },
  { name: 'detection_mechanism', choice: 'bolometric' },
  { name: 'unfiltered_response_shortest_wavelength', number: 8, unit: 'um' },
  { name: 'unfiltered_response_longest_wavelength', number: 14000, unit: 'nm' },
  { name: 'focal_plane_array_elements', number: 640 * 512, unit: '' },
  { name: 'frame_rate', number: frameRateHz, unit: 'Hz' },
];

describeWithDatabase('licenceRequirement', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function ask(input: Input): Promise<Result> {
    const response = await service.query(LicenceRequirement, { input });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    if (!response.data) throw new Error('no data');
    return response.data.licenceRequirement;
  }
  async function errorOf(input: Input) {
    const response = await service.query(LicenceRequirement, { input });
    expect(response.data?.licenceRequirement ?? null).toBeNull();
    const [error] = response.errors ?? [];
    if (!error) throw new Error('expected an error');
    return error;
  }
  const us = (result: Result): RegimeAnswer => {
    const found = result.regimes.find((regime) => regime.regime === 'US_EAR');
    if (!found) throw new Error('no US answer');
    return found;
  };
  const reason = (answer: RegimeAnswer, code: string, column: string) => {
    const found = answer.entries
      .find((entry) => entry.code === code)
      ?.reasons.find((check) => (check.column ?? check.countryChart) === column);
    if (!found) throw new Error(`no ${column} line for ${code}`);
    return found;
  };
  const camera = (destination: string, facts: Input['activity'], activity: Input['activity'] = []) =>
    ask({
      destination,
      provisions: ['6A003.b.4.b'],
      regimes: ['US_EAR'],
      item: { facts: facts ?? [] },
      activity,
    });

  it('Canada, 640x512 at 30 Hz: the row marks CB1 and FC1 only, so no NS2 or RS1 licence (738 Supp. 1, row "Canada")', async () => {
    const result = await camera('CA', CAMERA_640(30));
    const answer = us(result);
    expect(result.destination).toEqual({ code: 'CA', name: 'Canada' });
    expect(answer.chartRow).toMatchObject({
      name: 'Canada',
      rowType: 'GRADED',
      xColumns: ['CB1', 'FC1'],
      footnoteMarkers: [],
    });
    expect(reason(answer, '6A003.b.4.b', 'NS2')).toMatchObject({
      lineApplies: 'MET',
      destinationMarked: false,
      outcome: 'NO_LICENCE_REQUIRED',
    });
    expect(reason(answer, '6A003.b.4.b', 'RS1')).toMatchObject({
      lineApplies: 'MET',
      destinationMarked: false,
      outcome: 'NO_LICENCE_REQUIRED',
    });
    expect(reason(answer, '6A003.b.4.b', 'RS2')).toMatchObject({ lineApplies: 'NOT_MET', outcome: 'NOT_APPLICABLE' });
    expect(reason(answer, '6A003.b.4.b', 'NP1')).toMatchObject({ lineApplies: 'NOT_MET', outcome: 'NOT_APPLICABLE' });
    expect(answer.verdict).toBe('NO_LICENCE_REQUIRED');
    expect(answer.countryGroups).toEqual(expect.arrayContaining(['A:1', 'A:5', 'B']));
    expect(answer.trace.join('\n')).toMatch(/Country Chart row "Canada" \(CA\): X in CB1, FC1/);
    expect(answer.sources[0]).toMatchObject({ section: 'row "Canada"', textDate: '2026-07-23' });
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(result.disclaimer).toMatch(/not legal advice/);
  });

  it('China, 640x512 at 30 Hz: NS2 and RS1 marked, licence required; LVS and GBS are N/A for 6A003.b.4 (row "China", 6A003 License Exceptions)', async () => {
    const answer = us(await camera('china', CAMERA_640(30)));
    expect(answer.chartRow?.xColumns).toEqual(expect.arrayContaining(['NS1', 'NS2', 'MT1', 'RS1', 'RS2']));
    expect(reason(answer, '6A003.b.4.b', 'NS2')).toMatchObject({
      destinationMarked: true,
      outcome: 'LICENCE_REQUIRED',
    });
    expect(reason(answer, '6A003.b.4.b', 'RS1')).toMatchObject({
      lineApplies: 'MET',
      destinationMarked: true,
      outcome: 'LICENCE_REQUIRED',
    });
    const lvs = answer.exceptions.find((exception) => exception.code === 'LVS');
    const gbs = answer.exceptions.find((exception) => exception.code === 'GBS');
    expect(lvs).toMatchObject({
      status: 'NOT_AVAILABLE',
      entryText: '$1500, except N/A for 6A003.a.3 through a.6, b.1, b.3 and b.4.',
    });
    expect(gbs).toMatchObject({ status: 'NOT_AVAILABLE', entryText: 'N/A' });
    expect(['LICENCE_REQUIRED', 'EXCEPTION_MAY_APPLY']).toContain(answer.verdict);
    expect(answer.reason).toMatch(/A licence is required to China for NS \(NS2\)/);
  });

  it('Iran: a pointer row with no X answered as "see Part 746", never as no licence (row "Iran", footnote 1)', async () => {
    const answer = us(await camera('IR', CAMERA_640(30)));
    expect(answer.chartRow).toMatchObject({ name: 'Iran', rowType: 'EMBARGO_POINTER', xColumns: [] });
    expect(answer.chartRow?.pointerText).toMatch(/See part 746 of the EAR/);
    expect(answer.verdict).toBe('INDETERMINATE');
    expect(answer.reason).toMatch(/"no X" does not mean no licence/);
    expect(answer.entries[0]?.reasons.every((check) => check.outcome !== 'NO_LICENCE_REQUIRED')).toBe(true);
    expect(answer.footnotes.map((footnote) => footnote.marker)).toEqual(['1']);
    expect(answer.countryGroups).toEqual(expect.arrayContaining(['E:1']));
    expect(answer.questions.some((question) => /Part 746|part 746/.test(question.question))).toBe(true);
  });

  it('China, a 640x512 camera at 60+ Hz (> 111,000 elements): RS Column 1 by frame rate and array size, NS2 too', async () => {
    const answer = us(await camera('CN', CAMERA_640(61)));
    expect(reason(answer, '6A003.b.4.b', 'RS1').scopeTrace.join(' ')).toMatch(
      /frame rate greater than 60 Hz.*given 61 Hz -> MET/,
    );
    expect(answer.verdict).toBe('LICENCE_REQUIRED');
  });

  it('Japan, 320x240 at 30 Hz: whether it is embedded in a civil product decides between RS1 (marked) and RS2 (not)', async () => {
    const asked = us(await camera('Japan', CAMERA_320(30)));
    expect(asked.verdict).toBe('INDETERMINATE');
    expect(asked.questions).toEqual([
      expect.objectContaining({ fact: 'embedded_in_civil_product', givenAs: 'activity' }),
    ]);
    const civil = us(await camera('JP', CAMERA_320(30), [{ name: 'embedded_in_civil_product', boolean: true }]));
    expect(civil.verdict).toBe('LICENCE_REQUIRED');
    const notCivil = us(await camera('JP', CAMERA_320(30), [{ name: 'embedded_in_civil_product', boolean: false }]));
    expect(notCivil.verdict).toBe('NO_LICENCE_REQUIRED');
  });

  it('a camera described by its facts is classified first: 6A003.b.4.b stays UNKNOWN without the Note 3 facts, so INDETERMINATE with the classification questions, even where China marks NS2', async () => {
    const answer = us(
      await ask({ destination: 'CN', item: { facts: MICROBOLOMETER_CAMERA(30) }, regimes: ['US_EAR'] }),
    );
    expect(answer.entries.map((entry) => [entry.code, entry.basis, entry.classification])).toContainEqual([
      '6A003.b.4.b',
      'CLASSIFIED',
      'UNKNOWN',
    ]);
    expect(answer.verdict).toBe('INDETERMINATE');
    expect(answer.questions.map((question) => question.fact)).toContain('instantaneous_field_of_view');
  });

  it('the same camera to Canada: no column of Canada is marked, yet an undecided classification clears nothing', async () => {
    const answer = us(
      await ask({ destination: 'CA', item: { facts: MICROBOLOMETER_CAMERA(30) }, regimes: ['US_EAR'] }),
    );
    expect(answer.entries.every((entry) => entry.reasons.every((check) => check.outcome !== 'LICENCE_REQUIRED'))).toBe(
      true,
    );
    expect(answer.verdict).toBe('INDETERMINATE');
    expect(answer.reason).toMatch(/classification questions/);
  });

  it('EU: 6A003.b.4.b is in Annex I; EU001 covers Canada (EXCEPTION_MAY_APPLY), and no GEA covers Iran (LICENCE_REQUIRED)', async () => {
    const canada = (await ask({ destination: 'CA', provisions: ['6A003.b.4.b'], regimes: ['EU'] })).regimes[0];
    expect(canada?.verdict).toBe('EXCEPTION_MAY_APPLY');
    expect(canada?.exceptions.find((gea) => gea.code === 'EU001')).toMatchObject({ status: 'MAY_APPLY' });
    expect(canada?.citations.length).toBeGreaterThan(0);
    const iran = (await ask({ destination: 'IR', provisions: ['6A003.b.4.b'], regimes: ['EU'] })).regimes[0];
    expect(iran?.exceptions.every((gea) => gea.status === 'NOT_AVAILABLE')).toBe(true);
    expect(iran?.verdict).toBe('LICENCE_REQUIRED');
  });

  it('EU, Germany (named by no general authorisation): whether the goods leave the Union decides (Art. 2(1) "export")', async () => {
    const eu = async (activity: Input['activity']) =>
      (await ask({ destination: 'DE', provisions: ['6A003.b.4.b'], regimes: ['EU'], activity })).regimes[0];
    const asked = await eu([]);
    expect(asked?.verdict).toBe('INDETERMINATE');
    expect(asked?.questions).toEqual([
      expect.objectContaining({ fact: 'export_from_eu_customs_territory', givenAs: 'activity' }),
    ]);
    expect((await eu([{ name: 'export_from_eu_customs_territory', boolean: false }]))?.verdict).toBe(
      'NO_LICENCE_REQUIRED',
    );
    expect((await eu([{ name: 'export_from_eu_customs_territory', boolean: true }]))?.verdict).toBe('LICENCE_REQUIRED');
  });

  it('costs a fixed number of SQL statements whatever the number of codes and regimes asked (N+1 guard)', async () => {
    const count = async (provisions: string[]) => {
      const before = service.db.requestStatementCount();
      await ask({ destination: 'JP', provisions, regimes: ['US_EAR', 'EU', 'UK'] });
      return service.db.requestStatementCount() - before;
    };
    const one = await count(['6A003.b.4.b']);
    const three = await count(['6A003.b.4.b', '6A002.a.3.f', '6A008.j.1']);
    expect(three).toBe(one);
    expect(one).toBeLessThanOrEqual(12);
  });

  it('UK: what the data allows, with what it lacks said (no current UK open general licence held): INDETERMINATE', async () => {
    const uk = (await ask({ destination: 'CA', provisions: ['6A003.b.4.b'], regimes: ['UK'] })).regimes[0];
    expect(uk?.verdict).toBe('INDETERMINATE');
    expect(uk?.reason).toMatch(/no current UK open general licence/);
  });

  it('bad input is a BAD_USER_INPUT naming the field: an unknown destination with "did you mean", a regime without licences, an unknown activity fact', async () => {
    const unknown = await errorOf({ destination: 'Chna', provisions: ['6A003.b.4.b'] });
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.destination' });
    expect(unknown.message).toMatch(/did you mean China \(CN\)/);
    const wassenaar = await errorOf({ destination: 'CA', provisions: ['6A003.b.4.b'], regimes: ['WASSENAAR'] });
    expect(wassenaar.extensions?.code).toBe('BAD_USER_INPUT');
    const activity = await errorOf({
      destination: 'CA',
      provisions: ['6A003.b.4.b'],
      activity: [{ name: 'shipment_valu', number: 5 }],
    });
    expect(activity.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.activity' });
    const nothing = await errorOf({ destination: 'CA' });
    expect(nothing.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
