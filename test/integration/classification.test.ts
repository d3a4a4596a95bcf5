// classifyItem, itemFacts and compareProvision over HTTP, against the real encodings
// (seed/encodings) and the seeded database: outcomes, notes that move an item (Note 3 to
// 6A003.b.4 -> 6A993.a), citations through the stored provisions (US and EU by paragraph)
// in one SQL statement, dates the encoded texts are not known to be in force on, regimes with
// nothing encoded, and bad input.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import type { ItemFactInput } from '../generated/graphql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';
import { onlyError } from './support-narrow.js';

const ItemFacts = graphql(`
  query ItemFactsList($filter: ItemFactFilter) {
    itemFacts(filter: $filter) {
      name
      type
      dimension
      canonicalUnit
      acceptedUnits
      values
      description
      usedBy {
        regime
        paragraph
      }
    }
  }
`);

const ClassifyItem = graphql(`
  query ClassifyItemFull($item: ItemInput!, $regimes: [Regime!], $asOf: Date) {
    classifyItem(item: $item, regimes: $regimes, asOf: $asOf) {
      controlled
      asOf
      disclaimer
      regimes {
        regime
        coverage
        outcome
        entries
        textDates
        note
      }
      entries {
        regime
        entry
        coverage
        outcome
        missingFacts
        reason
        provision {
          code
          regime
        }
      }
      moves {
        regime
        from
        to
        label
        text
        outcome
      }
      paragraphs {
        regime
        entry
        paragraph
        role
        depth
        outcome
        missingFacts
        traces {
          criterionId
          paragraph
          fact
          ref
          required
          given
          outcome
          text
          note
        }
        exclusions {
          id
          label
          text
          paragraph
          outcome
          movesTo
          movesToText
        }
        controlReasons {
          reason
          column
          text
          outcome
        }
        provision {
          code
          regime
          kind
          textDate
        }
        citation {
          repository
          path
          commit
          url
        }
      }
    }
  }
`);

const NextQuestions = graphql(`
  query ClassifyItemNextQuestions($item: ItemInput!, $regimes: [Regime!]) {
    classifyItem(item: $item, regimes: $regimes) {
      paragraphs {
        regime
        paragraph
        outcome
        missingFacts
      }
      nextQuestions {
        fact {
          name
          type
          acceptedUnits
          values
          description
        }
        paragraphs {
          regime
          paragraph
        }
      }
    }
  }
`);

const CompareProvision = graphql(`
  query CompareProvisionFull($code: String!, $regimes: [Regime!]) {
    compareProvision(code: $code, regimes: $regimes) {
      code
      regimes
      encodedIn
      provisions {
        code
        regime
        correlations {
          kind
          note
          provision {
            code
            regime
          }
        }
      }
      criteria {
        paragraph
        fact
        comparator
        status
        regimes
        sides {
          regime
          criterionId
          paragraph
          context
          required
          value
          valueMax
          unit
          text
          provision {
            code
          }
          citation {
            repository
            url
          }
        }
      }
    }
  }
`);

// An uncooled microbolometer thermal camera (a typical SME product), 640 x 480.
const MICROBOLOMETER_CAMERA: ItemFactInput[] = [
  { name: 'item_kind', choice: 'camera' },
  { name: 'incorporates_focal_plane_array', boolean: true },
  { name: 'specially_designed_for_television_broadcasting', boolean: false },
  { name: 'space_qualified', boolean: false },
  { name: 'focal_plane_array_geometry', choice: 'two_dimensional' },
  { name: 'microbolometer', boolean: true },
  { name: 'detection_mechanism', choice: 'bolometric' },
  { name: 'unfiltered_response_shortest_wavelength', number: 8, unit: 'um' },
  { name: 'unfiltered_response_longest_wavelength', number: 14000, unit: 'nm' },
  { name: 'focal_plane_array_elements', number: 307200, unit: '' },
];

describeWithDatabase('classification (classifyItem, itemFacts, compareProvision)', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('itemFacts lists each fact with its type, units, values and the paragraphs using it', async () => {
    const response = await service.query(ItemFacts, { filter: null });
    expect(response.errors).toBeUndefined();
    const facts = response.data?.itemFacts ?? [];
    expect(facts.length).toBeGreaterThan(20);
    const frameRate = facts.find((fact) => fact.name === 'frame_rate');
    expect(frameRate).toMatchObject({ type: 'NUMBER', dimension: 'frequency', canonicalUnit: 'Hz', values: [] });
    expect(frameRate?.acceptedUnits).toEqual(expect.arrayContaining(['Hz', 'frames/s', 'fps']));
    expect(frameRate?.usedBy).toContainEqual({ regime: 'US_EAR', paragraph: '6A003.b.4.b' });
    const kind = facts.find((fact) => fact.name === 'item_kind');
    expect(kind).toMatchObject({ type: 'ENUM', dimension: null, canonicalUnit: null, acceptedUnits: [] });
    expect(kind?.values).toEqual(expect.arrayContaining(['camera', 'focal_plane_array']));
    expect(facts.find((fact) => fact.name === 'space_qualified')).toMatchObject({ type: 'BOOLEAN', values: [] });
    expect(facts.map((fact) => fact.name)).toEqual([...facts.map((fact) => fact.name)].sort());
  });

  it('itemFacts filters by regime and paragraph', async () => {
    const response = await service.query(ItemFacts, { filter: { regime: 'EU', paragraph: '6A003.b.4' } });
    expect(response.errors).toBeUndefined();
    const facts = response.data?.itemFacts ?? [];
    expect(facts.map((fact) => fact.name)).toContain('frame_rate');
    for (const fact of facts) {
      expect(
        fact.usedBy.some(
          (use) => use.regime === 'EU' && (use.paragraph === '6A003.b.4' || use.paragraph.startsWith('6A003.b.4.')),
        ),
      ).toBe(true);
    }
  });

  it('a 9 Hz microbolometer camera: Note 3 to 6A003.b.4 takes it out of 6A003.b.4.b and sends it to 6A993.a, with citations, in one SQL statement', async () => {
    const before = service.db.requestStatementCount();
    const response = await service.query(ClassifyItem, {
      item: {
        description: 'uncooled thermal camera, 9 Hz',
        facts: [...MICROBOLOMETER_CAMERA, { name: 'frame_rate', number: 9, unit: 'fps' }],
      },
      regimes: ['US_EAR', 'EU'],
    });
    const statements = service.db.requestStatementCount() - before;
    expect(response.errors).toBeUndefined();
    const result = response.data?.classifyItem;
    if (!result) throw new Error('no result');
    console.info(`[statements] classifyItem with provisions and citations: ${statements}`);
    expect(statements).toBe(1);

    const us = result.paragraphs.find(
      (paragraph) => paragraph.regime === 'US_EAR' && paragraph.paragraph === '6A003.b.4.b',
    );
    expect(us?.outcome).toBe('NOT_MET');
    expect(us?.exclusions).toContainEqual(
      expect.objectContaining({ label: expect.stringContaining('Note 3'), outcome: 'MET', movesTo: '6A993.a' }),
    );
    expect(result.moves).toContainEqual(
      expect.objectContaining({ regime: 'US_EAR', from: '6A003.b.4.b', to: '6A993.a', outcome: 'MET' }),
    );
    // US paragraphs are stored by paragraph; 6A003.b.4.b holds the eCFR history's latest version
    // (text in force on its last snapshot, 2025-09-29), citing the history repository file.
    expect(us?.provision).toMatchObject({
      code: '6A003.b.4.b',
      regime: 'US_EAR',
      kind: 'PARAGRAPH',
      textDate: '2025-09-29',
    });
    expect(us?.citation?.repository).toBeTruthy();
    // Every trace names the paragraph it was read from and quotes its text.
    expect(us?.traces.length).toBeGreaterThan(0);
    for (const trace of us?.traces ?? []) {
      expect(trace.text.length).toBeGreaterThan(0);
    }
    expect(us?.traces.some((trace) => trace.ref === '6A002.a.3.f')).toBe(true);

    // EU Annex I is stored by paragraph too (eu_annex_i.json): an EU paragraph cites its own row.
    const eu = result.paragraphs.find(
      (paragraph) => paragraph.regime === 'EU' && paragraph.paragraph === '6A003.b.4.b',
    );
    expect(eu?.outcome).toBe('NOT_MET');
    expect(eu?.provision).toMatchObject({
      code: '6A003.b.4.b',
      regime: 'EU',
      kind: 'PARAGRAPH',
      textDate: '2025-11-15',
    });
    expect(eu?.citation?.repository).toBeTruthy();

    expect(result.regimes.map((regime) => [regime.regime, regime.coverage])).toEqual([
      ['US_EAR', 'ENCODED'],
      ['EU', 'ENCODED'],
    ]);
    expect(result.disclaimer).toContain('not legal advice');
    expect(result.disclaimer).toContain('2025-07-11');
    expect(result.disclaimer).toContain('2025-11-15');
  });

  it('a 30 Hz camera with facts missing: UNKNOWN, naming the facts that would decide it, MET/UNKNOWN paragraphs first', async () => {
    const response = await service.query(ClassifyItem, {
      item: { facts: [...MICROBOLOMETER_CAMERA, { name: 'frame_rate', number: 30, unit: 'Hz' }] },
      regimes: ['US_EAR'],
    });
    expect(response.errors).toBeUndefined();
    const result = response.data?.classifyItem;
    if (!result) throw new Error('no result');
    expect(result.controlled).not.toBe('NOT_MET');
    const paragraph = result.paragraphs.find((candidate) => candidate.paragraph === '6A003.b.4.b');
    expect(paragraph?.outcome).toBe('UNKNOWN');
    expect(paragraph?.missingFacts.length).toBeGreaterThan(0);
    expect(paragraph?.missingFacts).not.toContain('frame_rate');
    expect(paragraph?.controlReasons.map((reason) => reason.column)).toEqual(
      expect.arrayContaining(['NS Column 2', 'AT Column 1']),
    );
    // RS Column 2 is for 60 Hz or less and <= 111,000 elements: this FPA has 307,200 elements.
    expect(paragraph?.controlReasons.find((reason) => reason.column === 'RS Column 2')?.outcome).toBe('NOT_MET');
    const ranks = { MET: 0, UNKNOWN: 1, NOT_MET: 2 } as const;
    const order = result.paragraphs.map((candidate) => ranks[candidate.outcome]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(result.paragraphs.every((candidate) => candidate.role === 'item')).toBe(true);
  });

  it('nextQuestions: the facts the UNKNOWN paragraphs wait on, the one most of them need first, each as itemFacts describes it', async () => {
    const response = await service.query(NextQuestions, {
      item: { facts: [...MICROBOLOMETER_CAMERA, { name: 'frame_rate', number: 30, unit: 'Hz' }] },
      regimes: ['US_EAR', 'EU'],
    });
    expect(response.errors).toBeUndefined();
    const result = response.data?.classifyItem;
    if (!result) throw new Error('no result');
    const questions = result.nextQuestions;
    expect(questions.length).toBeGreaterThan(0);
    // Counted independently from the paragraphs of the same answer.
    const waiting = new Map<string, string[]>();
    for (const paragraph of result.paragraphs) {
      if (paragraph.outcome !== 'UNKNOWN') continue;
      for (const fact of paragraph.missingFacts)
        waiting.set(fact, [...(waiting.get(fact) ?? []), `${paragraph.regime} ${paragraph.paragraph}`]);
    }
    expect(new Set(questions.map((question) => question.fact.name))).toEqual(new Set(waiting.keys()));
    for (const question of questions) {
      expect(
        question.paragraphs.map((paragraph) => `${paragraph.regime} ${paragraph.paragraph}`).sort(),
        question.fact.name,
      ).toEqual([...(waiting.get(question.fact.name) ?? [])].sort());
      expect(question.fact.description.length).toBeGreaterThan(0);
    }
    // Most paragraphs first; equal counts by name.
    for (let index = 1; index < questions.length; index += 1) {
      const [before, after] = [questions[index - 1], questions[index]];
      if (!before || !after) continue;
      const order =
        after.paragraphs.length - before.paragraphs.length || before.fact.name.localeCompare(after.fact.name);
      expect(order, `${before.fact.name} before ${after.fact.name}`).toBeLessThan(0);
    }
    // Facts the item was described by are never asked again.
    const given = new Set([...MICROBOLOMETER_CAMERA.map((fact) => fact.name), 'frame_rate']);
    expect(questions.some((question) => given.has(question.fact.name))).toBe(false);
  });

  it('nextQuestions is empty when every paragraph is decided', async () => {
    const response = await service.query(NextQuestions, {
      item: { facts: [{ name: 'item_kind', choice: 'other' }] },
      regimes: ['US_EAR'],
    });
    expect(response.errors).toBeUndefined();
    const result = response.data?.classifyItem;
    if (!result) throw new Error('no result');
    // "other" is none of the kinds the encoded US paragraphs control: every one is NOT_MET.
    expect(result.paragraphs.filter((paragraph) => paragraph.outcome !== 'NOT_MET')).toEqual([]);
    expect(result.nextQuestions).toEqual([]);
  });

  it('a date before the encoded texts are known to be in force: not evaluated, UNKNOWN with the reason', async () => {
    const response = await service.query(ClassifyItem, {
      item: { facts: [...MICROBOLOMETER_CAMERA, { name: 'frame_rate', number: 9, unit: 'Hz' }] },
      asOf: '2020-01-01',
    });
    expect(response.errors).toBeUndefined();
    const result = response.data?.classifyItem;
    if (!result) throw new Error('no result');
    expect(result.asOf).toBe('2020-01-01');
    expect(result.controlled).toBe('UNKNOWN');
    expect(result.paragraphs).toEqual([]);
    expect(result.moves).toEqual([]);
    expect(
      result.regimes.every((regime) => regime.coverage === 'TEXT_NOT_IN_FORCE' && regime.outcome === 'UNKNOWN'),
    ).toBe(true);
    expect(
      result.entries.every((entry) => entry.coverage === 'TEXT_NOT_IN_FORCE' && entry.reason?.includes('2020-01-01')),
    ).toBe(true);
    expect(result.disclaimer).toContain('Not evaluated');
  });

  it('a regime with nothing encoded (UK) is NOT_ENCODED with no outcome, and the overall answer is UNKNOWN, not NOT_MET', async () => {
    const response = await service.query(ClassifyItem, {
      item: { facts: [{ name: 'item_kind', choice: 'other' }] },
      regimes: ['UK'],
    });
    expect(response.errors).toBeUndefined();
    const result = response.data?.classifyItem;
    expect(result?.regimes).toEqual([
      expect.objectContaining({ regime: 'UK', coverage: 'NOT_ENCODED', outcome: null, entries: [] }),
    ]);
    expect(result?.controlled).toBe('UNKNOWN');
    expect(result?.paragraphs).toEqual([]);
  });

  it('unknown fact names, wrong units and bad choices are one BAD_USER_INPUT listing every problem and the valid choices', async () => {
    const response = await service.query(ClassifyItem, {
      item: {
        facts: [
          { name: 'frame_rat', number: 30, unit: 'Hz' },
          { name: 'unfiltered_response_shortest_wavelength', number: 8, unit: 'Hz' },
          { name: 'item_kind', choice: 'toaster' },
        ],
      },
    });
    expect(response.data?.classifyItem ?? null).toBeNull();
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'item.facts',
      rule: 'known-fact-and-unit',
    });
    const problems = error.extensions?.problems as string[];
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/"frame_rat": unknown fact.*frame_rate/);
    expect(problems[1]).toMatch(/unit "Hz" is not a length unit; use one of: .*nm/);
    expect(problems[2]).toMatch(/"toaster" is not one of: .*camera/);
  });

  it('a fact with two values, or none, is a BAD_USER_INPUT naming the fact', async () => {
    const two = await service.query(ClassifyItem, {
      item: { facts: [{ name: 'frame_rate', number: 30, unit: 'Hz', boolean: true }] },
    });
    const twoError = onlyError(two);
    expect(twoError.extensions?.code).toBe('BAD_USER_INPUT');
    expect(twoError.message).toContain('"frame_rate"');
    expect(twoError.message).toContain('exactly one');
    const none = await service.query(ClassifyItem, { item: { facts: [{ name: 'space_qualified' }] } });
    const noneError = onlyError(none);
    expect(noneError.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noneError.message).toContain('"space_qualified" has no value');
  });

  it('compareProvision 6A003: both regimes encode it; correlations recorded; criteria paired with texts and citations, in one SQL statement', async () => {
    const before = service.db.requestStatementCount();
    const response = await service.query(CompareProvision, { code: '6A003', regimes: ['US_EAR', 'EU'] });
    const statements = service.db.requestStatementCount() - before;
    expect(response.errors).toBeUndefined();
    const result = response.data?.compareProvision;
    if (!result) throw new Error('no result');
    console.info(`[statements] compareProvision with provisions, correlations and citations: ${statements}`);
    expect(statements).toBe(1);
    expect(result.encodedIn).toEqual(['US_EAR', 'EU']);
    expect(result.provisions.map((provision) => [provision.regime, provision.code])).toEqual([
      ['US_EAR', '6A003'],
      ['EU', '6A003'],
    ]);
    const us = result.provisions.find((provision) => provision.regime === 'US_EAR');
    expect(us?.correlations.some((link) => link.provision.regime === 'EU' && link.provision.code === '6A003')).toBe(
      true,
    );

    // Note 3 (a): "A maximum frame rate equal to or less than 9 Hz" reads the same in both.
    const note3Rate = result.criteria.find(
      (criterion) => criterion.paragraph === '6A003.b.4.b' && criterion.fact === 'frame_rate',
    );
    expect(note3Rate).toMatchObject({ comparator: 'LTE', status: 'SAME', regimes: ['US_EAR', 'EU'] });
    expect(note3Rate?.sides.map((side) => [side.regime, side.value, side.unit])).toEqual([
      ['US_EAR', 9, 'Hz'],
      ['EU', 9, 'Hz'],
    ]);
    expect(note3Rate?.sides.find((side) => side.regime === 'US_EAR')?.provision?.code).toBe('6A003.b.4.b');
    expect(note3Rate?.sides.find((side) => side.regime === 'EU')?.provision?.code).toBe('6A003.b.4.b');
    expect(note3Rate?.sides.every((side) => side.text.length > 0 && side.citation !== null)).toBe(true);
    // Every status is one of the three, and a comparison of one regime only says so.
    for (const criterion of result.criteria) {
      if (criterion.status === 'ONLY_IN_SOME') expect(criterion.regimes).toHaveLength(1);
      else expect(criterion.regimes).toEqual(['US_EAR', 'EU']);
    }
    const ranks = { DIFFERENT: 0, ONLY_IN_SOME: 1, SAME: 2 } as const;
    const order = result.criteria.map((criterion) => ranks[criterion.status]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('compareProvision of a code that exists nowhere is NOT_FOUND', async () => {
    const response = await service.query(CompareProvision, { code: '9Z999', regimes: ['US_EAR', 'EU'] });
    expect(onlyError(response).extensions?.code).toBe('NOT_FOUND');
  });
});
