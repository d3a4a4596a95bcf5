// classifyItem with classifications already known and facts implied, over HTTP on the seeded
// database: a camera declared to incorporate a focal plane array controlled by 6A002.a.3.f
// (6A003.b.4.b "incorporating focal plane arrays specified in 6A002.a.3.f"), the implied facts
// with their rule and citation, a code the lists do not have, and one that is listed but not
// encoded (6E001 technology).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';
import { onlyError } from './support-narrow.js';

const ClassifyDeclared = graphql(`
  query ClassifyDeclared($item: ItemInput!, $regimes: [Regime!]) {
    classifyItem(item: $item, regimes: $regimes) {
      controlled
      declared {
        code
        scope
        appliedIn
        listedIn
        productGroup
        itemType
      }
      impliedFacts {
        fact
        value
        rule
        basis
        because
        citations {
          regime
          paragraph
          text
        }
      }
      factConflicts {
        fact
        used
        rule
      }
      nextQuestions {
        fact {
          name
        }
      }
      paragraphs {
        regime
        paragraph
        outcome
        traces {
          criterionId
          ref
          fact
          source
          implication {
            rule
          }
        }
      }
    }
  }
`);

describeWithDatabase('classifyItem with declared classifications and implied facts', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('6A003.b.4.b: a declared 6A002.a.3.f component is shown as DECLARED and the notes on other detector materials are no longer asked', async () => {
    const camera = { facts: [{ name: 'item_kind', choice: 'camera' }] };
    const before = await service.query(ClassifyDeclared, { item: camera, regimes: ['EU', 'US_EAR'] });
    const askedBefore = before.data?.classifyItem.nextQuestions.map((question) => question.fact.name) ?? [];
    expect(askedBefore).toEqual(expect.arrayContaining(['detector_material', 'detection_mechanism', 'encapsulated']));

    const response = await service.query(ClassifyDeclared, {
      item: { ...camera, declared: [{ code: '6A002.a.3.f', scope: 'COMPONENT' }] },
      regimes: ['EU', 'US_EAR'],
    });
    expect(response.errors).toBeUndefined();
    const result = response.data?.classifyItem;
    expect(result?.declared).toEqual([
      {
        code: '6A002.a.3.f',
        scope: 'COMPONENT',
        appliedIn: ['EU', 'US_EAR'],
        listedIn: [],
        // EU Annex I and the US CCL file 6A002 under product group A (systems, equipment and components).
        productGroup: 'A',
        itemType: 'COMMODITY',
      },
    ]);
    for (const regime of ['EU', 'US_EAR'] as const) {
      const b4b = result?.paragraphs.find((p) => p.regime === regime && p.paragraph === '6A003.b.4.b');
      expect(b4b?.outcome).toBe('UNKNOWN');
      expect(b4b?.traces.find((trace) => trace.ref === '6A002.a.3.f')?.source).toBe('DECLARED');
      expect(b4b?.traces.find((trace) => trace.fact === 'incorporates_focal_plane_array')).toMatchObject({
        source: 'IMPLIED',
        implication: { rule: 'heading-6a002-a3-component-is-fpa' },
      });
    }
    const asked = result?.nextQuestions.map((question) => question.fact.name) ?? [];
    for (const fact of ['detector_material', 'detection_mechanism', 'encapsulated']) expect(asked).not.toContain(fact);
    expect(asked).toContain('frame_rate');
    const heading = result?.impliedFacts.find((fact) => fact.fact === 'incorporates_focal_plane_array');
    expect(heading).toMatchObject({ value: 'true', basis: 'LIST_STRUCTURE' });
    expect(heading?.citations.map((citation) => citation.paragraph)).toContain('6A002.a.3');
  });

  it('an element count implies a focal plane array (Technical Note to 6A002.a.3); a given contrary fact wins and is reported', async () => {
    const facts = [
      { name: 'item_kind', choice: 'camera' },
      { name: 'focal_plane_array_elements', number: 307200 },
    ];
    const implied = await service.query(ClassifyDeclared, { item: { facts }, regimes: ['EU'] });
    expect(
      implied.data?.classifyItem.impliedFacts.find((fact) => fact.fact === 'incorporates_focal_plane_array'),
    ).toMatchObject({
      rule: 'fpa-element-count-implies-fpa',
      basis: 'DEFINITION',
      citations: expect.arrayContaining([
        expect.objectContaining({ regime: 'EU', paragraph: 'Technical Note to 6A002.a.3' }),
      ]),
    });
    const contrary = await service.query(ClassifyDeclared, {
      item: { facts: [...facts, { name: 'incorporates_focal_plane_array', boolean: false }] },
      regimes: ['EU'],
    });
    expect(contrary.data?.classifyItem.factConflicts).toEqual([
      { fact: 'incorporates_focal_plane_array', used: 'false', rule: 'fpa-element-count-implies-fpa' },
    ]);
  });

  it('a code no list has is a BAD_USER_INPUT naming it with close codes; a listed code that is not encoded (6E001) is recorded', async () => {
    const bad = await service.query(ClassifyDeclared, {
      item: { facts: [], declared: [{ code: '6A003.b.4.x' }] },
      regimes: ['US_EAR'],
    });
    const error = onlyError(bad);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'item.declared' });
    expect(error.message).toContain('"6A003.b.4.x"');
    expect(error.message).toContain('6A003.b.4');

    // 6A003 declared for the Hong Kong list: the stored HK text is a historical version, not in
    // force today, so the code is refused for HK, though EU encodes 6A003 (it is not read as
    // "every regime").
    const hongKong = await service.query(ClassifyDeclared, {
      item: { facts: [{ name: 'item_kind', choice: 'camera' }], declared: [{ code: '6A003', regime: 'HK' }] },
      regimes: ['EU', 'HK'],
    });
    expect(onlyError(hongKong).message).toContain('"6A003": unknown code (no HK list in force today has it)');

    const technology = await service.query(ClassifyDeclared, {
      item: { facts: [], declared: [{ code: '6E001', regime: 'US_EAR' }] },
      regimes: ['US_EAR'],
    });
    expect(technology.errors).toBeUndefined();
    expect(technology.data?.classifyItem.declared).toEqual([
      {
        code: '6E001',
        scope: 'ITEM',
        appliedIn: [],
        listedIn: ['US_EAR'],
        // Product group E: "Technology" (15 CFR 774 Supp. 1).
        productGroup: 'E',
        itemType: 'TECHNOLOGY',
      },
    ]);
  });
});
