// Free-text filter values that match nothing known are refused (BAD_USER_INPUT / HTTP 400 naming
// the argument, the value and the closest known values) instead of answering an empty list;
// common aliases (GB for UK, a jurisdiction's name, a stored tag in another case) are read as the
// value they stand for and said so in `extensions.filterNotes` (GraphQL) or `x-filter-notes`
// (exports). Every filter argument that takes such values is covered, on both databases.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import {
  describeWithDatabase,
  startTestService,
  type GraphQLResponse,
  type TestService,
} from '../support/test-service.js';

const Provisions = graphql(`
  query FilterValuesProvisions($filter: ProvisionFilter) {
    provisions(filter: $filter, first: 1) {
      totalCount
    }
  }
`);
const Exemptions = graphql(`
  query FilterValuesExemptions($filter: ExemptionFilter) {
    exemptions(filter: $filter, first: 1) {
      totalCount
    }
  }
`);
const Consultations = graphql(`
  query FilterValuesConsultations($filter: ConsultationFilter) {
    consultations(filter: $filter, first: 1) {
      totalCount
    }
  }
`);
const Guidance = graphql(`
  query FilterValuesGuidance($filter: GuidanceFilter) {
    guidanceDocuments(filter: $filter, first: 1) {
      totalCount
    }
  }
`);
const Assessments = graphql(`
  query FilterValuesAssessments($filter: ImpactAssessmentFilter) {
    impactAssessments(filter: $filter, first: 1) {
      totalCount
    }
  }
`);
const ListTexts = graphql(`
  query FilterValuesListTexts($filter: ListTextFilter) {
    listTexts(filter: $filter, first: 1) {
      totalCount
    }
  }
`);
const ItemFacts = graphql(`
  query FilterValuesItemFacts($filter: ItemFactFilter) {
    itemFacts(filter: $filter) {
      name
    }
  }
`);
const Search = graphql(`
  query FilterValuesSearch($query: String!, $filter: SearchFilter) {
    search(query: $query, filter: $filter, first: 1) {
      totalCount
    }
  }
`);
const Stats = graphql(`
  query FilterValuesImpactStats($filter: ImpactStatsFilter, $groupBy: [ImpactGroupKey!]) {
    impactStats(filter: $filter, groupBy: $groupBy, measures: [SUM], mixedUnits: GROUP_BY_UNIT) {
      rowCount
      buckets {
        jurisdiction
        indicator
        sector
        region
        unit
      }
    }
  }
`);
const Series = graphql(`
  query FilterValuesImpactSeries($indicator: String!) {
    impactSeries(indicator: $indicator, interval: YEAR) {
      rowCount
    }
  }
`);
const Indicators = graphql(`
  query FilterValuesIndicators($jurisdictions: [String!]) {
    impactIndicators(jurisdictions: $jurisdictions) {
      indicator
    }
  }
`);
const Licensing = graphql(`
  query FilterValuesLicensing($filter: LicensingStatsFilter) {
    licensingStats(filter: $filter, measures: [DECISIONS]) {
      decisions
    }
  }
`);

interface RefusalDetails {
  code: string;
  field: string;
  rule: string;
  unknownValues: string[];
  closest: string[];
}

/** The one error of a refused filter value, with its details. */
function refusal(response: GraphQLResponse<unknown>): { message: string } & RefusalDetails {
  expect(response.status).toBe(200);
  expect(response.errors, JSON.stringify(response.data)).toHaveLength(1);
  const error = response.errors?.[0];
  return { message: error?.message ?? '', ...(error?.extensions as unknown as RefusalDetails) };
}

function expectRefused(
  response: GraphQLResponse<unknown>,
  field: string,
  value: string,
  closest?: string,
): RefusalDetails & { message: string } {
  const error = refusal(response);
  expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field, rule: 'known-value', unknownValues: [value] });
  expect(error.message).toContain(field);
  expect(error.message).toContain(`"${value}"`);
  if (closest !== undefined) {
    expect(error.closest).toContain(closest);
    expect(error.message).toContain(`"${closest}"`);
  }
  return error;
}

function notesOf(response: GraphQLResponse<unknown>): Array<Record<string, unknown>> {
  expect(response.errors).toBeUndefined();
  return (response.extensions?.filterNotes as Array<Record<string, unknown>> | undefined) ?? [];
}

describeWithDatabase('free-text filter values', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('jurisdictions: an unknown code is refused with the known ones; GB, "United Kingdom" and "usa" are read as UK and US and said so', async () => {
    const uk = await service.query(Provisions, { filter: { jurisdiction: 'UK' } });
    expect(notesOf(uk)).toEqual([]);
    expect(uk.data?.provisions.totalCount).toBeGreaterThan(0);
    for (const alias of ['GB', 'United Kingdom', 'great  britain']) {
      const read = await service.query(Provisions, { filter: { jurisdiction: alias } });
      expect(read.data?.provisions.totalCount, alias).toBe(uk.data?.provisions.totalCount);
      expect(notesOf(read), alias).toEqual([
        { field: 'filter.jurisdiction', given: alias, readAs: 'UK', message: expect.stringContaining('"UK"') },
      ]);
    }
    // Codes compare without case: nothing to note.
    expect(notesOf(await service.query(Provisions, { filter: { jurisdiction: 'uk' } }))).toEqual([]);

    expectRefused(await service.query(Provisions, { filter: { jurisdiction: 'XX' } }), 'filter.jurisdiction', 'XX');
    expectRefused(
      await service.query(Exemptions, { filter: { jurisdiction: 'UKK' } }),
      'filter.jurisdiction',
      'UKK',
      'UK',
    );
    expectRefused(
      await service.query(Consultations, { filter: { jurisdiction: 'GBX' } }),
      'filter.jurisdiction',
      'GBX',
    );
    expectRefused(
      await service.query(Guidance, { filter: { jurisdiction: 'Europe' } }),
      'filter.jurisdiction',
      'Europe',
    );
    expectRefused(await service.query(Assessments, { filter: { jurisdiction: 'XX' } }), 'filter.jurisdiction', 'XX');
    expectRefused(
      await service.query(Search, { query: 'camera', filter: { jurisdiction: ['EU', 'XX'] } }),
      'filter.jurisdiction',
      'XX',
    );

    const usa = await service.query(Exemptions, { filter: { jurisdiction: 'usa' } });
    const us = await service.query(Exemptions, { filter: { jurisdiction: 'US' } });
    expect(usa.data?.exemptions.totalCount).toBe(us.data?.exemptions.totalCount);
    expect(notesOf(usa)).toMatchObject([{ given: 'usa', readAs: 'US' }]);
    const search = await service.query(Search, { query: 'camera', filter: { jurisdiction: ['GB'] } });
    expect(notesOf(search)).toMatchObject([{ field: 'filter.jurisdiction', given: 'GB', readAs: 'UK' }]);

    // A known jurisdiction with nothing recorded is an honest empty answer, not an error.
    const wassenaar = await service.query(Consultations, { filter: { jurisdiction: 'WA' } });
    expect(wassenaar.errors).toBeUndefined();
    expect(wassenaar.data?.consultations.totalCount).toBe(0);
  });

  it('guidance audience and topic: exact tags; another case is read as the stored tag, a misspelling refused with the closest', async () => {
    const exact = await service.query(Guidance, { filter: { audience: 'universities' } });
    expect(exact.data?.guidanceDocuments.totalCount).toBeGreaterThan(0);
    const cased = await service.query(Guidance, { filter: { audience: 'Universities' } });
    expect(cased.data?.guidanceDocuments.totalCount).toBe(exact.data?.guidanceDocuments.totalCount);
    expect(notesOf(cased)).toMatchObject([{ field: 'filter.audience', given: 'Universities', readAs: 'universities' }]);

    expectRefused(
      await service.query(Guidance, { filter: { audience: 'univercities' } }),
      'filter.audience',
      'univercities',
      'universities',
    );
    expectRefused(
      await service.query(Guidance, { filter: { topic: 'fundamental reserch' } }),
      'filter.topic',
      'fundamental reserch',
      'fundamental research',
    );
    expectRefused(
      await service.query(Search, { query: 'research', filter: { audience: ['univercities'] } }),
      'filter.audience',
      'univercities',
      'universities',
    );
  });

  it('provision filters: category, code prefix and the code an exemption applies to', async () => {
    expectRefused(await service.query(Provisions, { filter: { category: '66' } }), 'filter.category', '66', '6');
    expectRefused(await service.query(Provisions, { filter: { codePrefix: '6Z0' } }), 'filter.codePrefix', '6Z0');
    const prefix = await service.query(Provisions, { filter: { codePrefix: '6A00' } });
    expect(prefix.data?.provisions.totalCount).toBeGreaterThan(0);
    expectRefused(
      await service.query(Exemptions, { filter: { appliesToProvisionCode: '6A0033' } }),
      'filter.appliesToProvisionCode',
      '6A0033',
      '6A003',
    );
    expectRefused(
      await service.query(Search, { query: 'camera', filter: { category: ['x'] } }),
      'filter.category',
      'x',
    );
    expectRefused(await service.query(ListTexts, { filter: { category: '10' } }), 'filter.category', '10');
    expectRefused(
      await service.query(ListTexts, { filter: { label: 'no such label qzx' } }),
      'filter.label',
      'no such label qzx',
    );
    const gtn = await service.query(ListTexts, { filter: { label: 'gtn' } });
    expect(gtn.errors).toBeUndefined();
    expect(gtn.data?.listTexts.totalCount).toBeGreaterThan(0);
  });

  it('item facts: a paragraph that no encoding uses is refused; an encoded paragraph or one above encoded ones is not', async () => {
    const above = await service.query(ItemFacts, { filter: { paragraph: '6A003.b' } });
    expect(above.errors).toBeUndefined();
    expect(above.data?.itemFacts.length).toBeGreaterThan(0);
    expectRefused(await service.query(ItemFacts, { filter: { paragraph: '6A003.z' } }), 'filter.paragraph', '6A003.z');
  });

  it('impact figures: every text field of the filter, the series indicator and the indicator list', async () => {
    const all = await service.query(Stats, {
      groupBy: ['JURISDICTION', 'INDICATOR', 'SECTOR', 'REGION', 'UNIT'],
    });
    expect(all.errors).toBeUndefined();
    const bucket = all.data?.impactStats.buckets.find((candidate) => candidate.jurisdiction === 'UK');
    if (!bucket?.indicator || !bucket.sector || !bucket.region || !bucket.unit)
      throw new Error('no UK bucket with every key');
    const misspelt = `${bucket.indicator.slice(0, -1)}`;
    expectRefused(
      await service.query(Stats, { filter: { indicators: [bucket.indicator, misspelt] } }),
      'filter.indicators',
      misspelt,
      bucket.indicator,
    );
    for (const [field, value] of [
      ['sectors', bucket.sector],
      ['regions', bucket.region],
      ['units', bucket.unit],
    ] as const satisfies ReadonlyArray<readonly [string, string]>) {
      expectRefused(
        await service.query(Stats, { filter: { [field]: [`${value}x`] } }),
        `filter.${field}`,
        `${value}x`,
        value,
      );
    }
    expectRefused(
      await service.query(Stats, { filter: { provisionCodes: ['6A9999'] } }),
      'filter.provisionCodes',
      '6A9999',
    );

    const uk = await service.query(Stats, { filter: { jurisdictions: ['UK'] } });
    const gb = await service.query(Stats, { filter: { jurisdictions: ['GB'] } });
    expect(gb.data?.impactStats.rowCount).toBe(uk.data?.impactStats.rowCount);
    expect(uk.data?.impactStats.rowCount).toBeGreaterThan(0);
    expect(notesOf(gb)).toMatchObject([{ field: 'filter.jurisdictions', given: 'GB', readAs: 'UK' }]);
    // Asked again (the dashboard response cache is on): the note is still there.
    expect(notesOf(await service.query(Stats, { filter: { jurisdictions: ['GB'] } }))).toHaveLength(1);

    expectRefused(await service.query(Series, { indicator: misspelt }), 'indicator', misspelt, bucket.indicator);
    expectRefused(await service.query(Indicators, { jurisdictions: ['XX'] }), 'jurisdictions', 'XX');
    const britain = await service.query(Indicators, { jurisdictions: ['Britain'] });
    expect(britain.data?.impactIndicators.length).toBeGreaterThan(0);
    expect(notesOf(britain)).toMatchObject([{ given: 'Britain', readAs: 'UK' }]);
  });

  it('licensing figures: ratings, categories, rating types, destinations and their ISO codes', async () => {
    const china = await service.query(Licensing, { filter: { destinations: ['China'] } });
    expect(china.data?.licensingStats.decisions).toBeGreaterThan(0);
    expectRefused(
      await service.query(Licensing, { filter: { destinations: ['Chna'] } }),
      'filter.destinations',
      'Chna',
      'China',
    );
    expectRefused(
      await service.query(Licensing, { filter: { ratings: ['6A0003'] } }),
      'filter.ratings',
      '6A0003',
      '6A003',
    );
    expectRefused(
      await service.query(Licensing, { filter: { ratingTypes: ['dual use'] } }),
      'filter.ratingTypes',
      'dual use',
      'dual_use',
    );
    expectRefused(await service.query(Licensing, { filter: { categories: ['66'] } }), 'filter.categories', '66', '6');
    expectRefused(
      await service.query(Licensing, { filter: { destinationIsos: ['QQ'] } }),
      'filter.destinationIsos',
      'QQ',
    );
    const cn = await service.query(Licensing, { filter: { destinationIsos: ['cn'] } });
    expect(cn.errors).toBeUndefined();
  });

  it('exports: an unknown value is a 400 naming the parameter and the closest values; a comma list is explained; GB is read as UK in x-filter-notes', async () => {
    const ok = await fetch(`${service.url}/export/impact-stats.json?jurisdictions=EU&indicators=denials&measures=SUM`);
    expect(ok.status).toBe(200);

    const comma = await fetch(
      `${service.url}/export/impact-stats.json?indicators=${encodeURIComponent('denials,SIELs refused')}&measures=SUM`,
    );
    expect(comma.status).toBe(400);
    const body = (await comma.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'indicators',
      unknownValues: ['denials,SIELs refused'],
    });
    expect(body.errors[0]?.message).toMatch(/not as one comma-separated value/);

    const series = await fetch(`${service.url}/export/impact-series.csv?indicator=denial&interval=YEAR`);
    expect(series.status).toBe(400);
    expect(((await series.json()) as typeof body).errors[0]?.extensions).toMatchObject({
      field: 'indicator',
      closest: expect.arrayContaining(['denials']),
    });

    const licensing = await fetch(`${service.url}/export/licensing-stats.csv?destinations=Chna&measures=DECISIONS`);
    expect(licensing.status).toBe(400);
    expect(((await licensing.json()) as typeof body).errors[0]?.extensions).toMatchObject({
      field: 'destinations',
      closest: expect.arrayContaining(['China']),
    });

    const gb = await fetch(
      `${service.url}/export/impact-series.json?indicator=SIELs%20refused&jurisdictions=GB&interval=YEAR`,
    );
    expect(gb.status).toBe(200);
    expect(gb.headers.get('content-disposition')).toContain('jurisdictions-UK');
    const notes = JSON.parse(decodeURIComponent(gb.headers.get('x-filter-notes') ?? '[]')) as unknown;
    expect(notes).toMatchObject([{ field: 'jurisdictions', given: 'GB', readAs: 'UK' }]);
    const uk = await fetch(
      `${service.url}/export/impact-series.json?indicator=SIELs%20refused&jurisdictions=UK&interval=YEAR`,
    );
    expect(await gb.json()).toEqual(await uk.json());
    expect(uk.headers.get('x-filter-notes')).toBeNull();
  });
});
