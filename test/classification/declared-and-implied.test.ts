// Declared classifications and implied facts against the real encodings (seed/encodings) and
// implication rules (seed/encodings/implications): a camera declared to incorporate a focal
// plane array controlled by 6A002.a.3.f is no longer asked about notes on other detector
// materials and applications; quantities defined only for a kind of component, and the
// headings the lists nest paragraphs under, are used as implied facts with their citation; a
// given fact always wins and a disagreement is reported. Each case cites its text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyFacts, type Classification } from '../../src/classification/classify-facts.js';
import {
  closestCodes,
  normalizeDeclaredCode,
  resolveDeclared,
  type DeclaredInput,
} from '../../src/classification/declared-classifications.js';
import { checkImplicationRules } from '../../src/classification/implication-rules.js';
import type { ImplicationRule } from '../../src/classification/implication-schema.js';
import { describeItem, type ItemDescription } from '../../src/classification/item-description.js';
import type { FactInput } from '../../src/classification/item-facts-input.js';
import { rankNextQuestions } from '../../src/classification/next-questions.js';
import { loadRulebook, type EncodedRegime } from '../../src/classification/rulebook.js';

const rulebook = loadRulebook();
const BOTH: EncodedRegime[] = ['EU', 'US_EAR'];

function classify(
  facts: FactInput[],
  declared: DeclaredInput[] = [],
  regimes: EncodedRegime[] = BOTH,
): { result: Classification; item: ItemDescription } {
  const item = describeItem(rulebook, { facts, declared }, regimes);
  return { result: classifyFacts(rulebook, item.facts, regimes, item.declared), item };
}

function paragraph(result: Classification, regime: EncodedRegime, code: string) {
  const found = result.paragraphs.find((candidate) => candidate.regime === regime && candidate.paragraph === code);
  if (!found) throw new Error(`${regime} ${code} is not listed`);
  return found;
}

/** Outcome of a paragraph; a NOT_MET paragraph under a NOT_MET parent is left out of the list. */
function outcomeOf(result: Classification, regime: EncodedRegime, code: string): string {
  return (
    result.paragraphs.find((candidate) => candidate.regime === regime && candidate.paragraph === code)?.outcome ??
    'NOT_MET'
  );
}

const questions = (result: Classification) => rankNextQuestions(result.paragraphs).map((question) => question.fact);

const camera: FactInput[] = [{ name: 'item_kind', value: 'camera' }];
const fpaComponent = (regime: EncodedRegime | null = null): DeclaredInput => ({
  code: '6A002.a.3.f',
  regime,
  scope: 'COMPONENT',
});

// Notes to 6A002.a.3 (Note 2.a lead sulphide / selenide cells, 2.b pyroelectric materials,
// 2.d thermopiles) and Note 2 to 6A003.b.4 (applications of linear arrays) concern other
// detector materials and applications than a microbolometer array.
const OTHER_MATERIAL_FACTS = ['detector_material', 'detection_mechanism', 'encapsulated', 'designed_application'];

describe('a declared component: 6A003.b.4.b "incorporating focal plane arrays specified in 6A002.a.3.f"', () => {
  for (const regime of BOTH) {
    it(`${regime} 6A003.b.4.b: the reference is decided by the declaration and shown as DECLARED`, () => {
      const { result } = classify(camera, [fpaComponent()]);
      const b4b = paragraph(result, regime, '6A003.b.4.b');
      expect(b4b.outcome).not.toBe('NOT_MET');
      const ref = b4b.traces.find((trace) => trace.ref === '6A002.a.3.f' && trace.criterionId.includes('b4b'));
      expect(ref?.source).toBe('DECLARED');
      expect(ref?.outcome).toBe('MET');
      // What remains open is Note 3 to 6A003.b.4 and the Note to 6A003.b, which concern cameras.
      expect(b4b.missingFacts).toContain('frame_rate');
      expect(b4b.missingFacts).not.toContain('microbolometer');
    });

    it(`${regime} N.B. to 6A002.a.3: microbolometer arrays are only in 6A002.a.3.f, so 6A003.b.4.a and .c are NOT_MET`, () => {
      const { result } = classify(camera, [fpaComponent()]);
      expect(outcomeOf(result, regime, '6A003.b.4.a')).toBe('NOT_MET');
      expect(outcomeOf(result, regime, '6A003.b.4.c')).toBe('NOT_MET');
    });

    it(`${regime}: without the declaration the same camera is asked about other detector materials; with it, not`, () => {
      const without = classify(camera, [], [regime]).result;
      const withDeclared = classify(camera, [fpaComponent()], [regime]).result;
      for (const fact of OTHER_MATERIAL_FACTS) expect(questions(without)).toContain(fact);
      for (const fact of OTHER_MATERIAL_FACTS) expect(questions(withDeclared)).not.toContain(fact);
      expect(questions(withDeclared).length).toBeLessThan(questions(without).length);
    });
  }

  it('Note 3.a to 6A003.b.4 (frame rate of 9 Hz or less) still releases the declared camera, and says it goes to 6A993.a', () => {
    const { result } = classify([...camera, { name: 'frame_rate', value: 8.7, unit: 'Hz' }], [fpaComponent()]);
    expect(outcomeOf(result, 'US_EAR', '6A003.b.4.b')).toBe('NOT_MET');
    expect(outcomeOf(result, 'EU', '6A003.b.4.b')).toBe('NOT_MET');
    expect(result.moves.some((move) => move.regime === 'US_EAR' && move.to.startsWith('6A993'))).toBe(true);
  });

  it('a declaration for EU only leaves the US reading of 6A003.b.4.b undecided', () => {
    const { result } = classify(camera, [fpaComponent('EU')]);
    const us = paragraph(result, 'US_EAR', '6A003.b.4.b');
    expect(us.traces.some((trace) => trace.source === 'DECLARED')).toBe(false);
    // The facts the EU declaration implies are facts of the item, so the US reading uses them, as IMPLIED.
    expect(us.traces.find((trace) => trace.fact === 'microbolometer')?.source).toBe('IMPLIED');
    expect(paragraph(result, 'EU', '6A003.b.4.b').traces.some((trace) => trace.source === 'DECLARED')).toBe(true);
  });

  it('the component implies what 6A002.a.3.f requires (2-dimensional, microbolometer), citing the criterion, but not the item-wide facts', () => {
    const { item } = classify(camera, [fpaComponent()]);
    const byFact = new Map(item.implied.map((fact) => [fact.fact, fact]));
    expect(byFact.get('focal_plane_array_geometry')?.value).toBe('two_dimensional');
    expect(byFact.get('microbolometer')?.value).toBe(true);
    expect(byFact.get('microbolometer')?.citations[0]).toMatchObject({ paragraph: '6A002.a.3.f' });
    // "Non-space-qualified" describes the array, not the camera: not carried over.
    expect(byFact.has('space_qualified')).toBe(false);
    expect(byFact.has('item_kind')).toBe(false);
    // Heading of 6A002.a.3: the component is a focal plane array.
    expect(byFact.get('incorporates_focal_plane_array')).toMatchObject({
      value: true,
      rule: 'heading-6a002-a3-component-is-fpa',
    });
  });

  it('US 4A090.a "containing integrated circuits ... that meet 3A090.a": a declared 3A090.a component decides it and Note 2 is not asked', () => {
    const computer: FactInput[] = [{ name: 'item_kind', value: 'computer' }];
    const without = classify(computer, [], ['US_EAR']).result;
    expect(outcomeOf(without, 'US_EAR', '4A090.a')).toBe('UNKNOWN');
    expect(questions(without)).toContain('designed_or_marketed_for_datacenters');
    const declared = classify(computer, [{ code: '3A090.a', regime: 'US_EAR', scope: 'COMPONENT' }], ['US_EAR']).result;
    expect(outcomeOf(declared, 'US_EAR', '4A090.a')).toBe('MET');
    expect(paragraph(declared, 'US_EAR', '4A090.a').traces.find((trace) => trace.ref === '3A090.a')?.source).toBe(
      'DECLARED',
    );
    // Note 2 to 3A090.a and .b is still asked for 4A090.b (3A090.b was not declared), not for 4A090.a.
    const note2 = rankNextQuestions(declared.paragraphs).find(
      (question) => question.fact === 'designed_or_marketed_for_datacenters',
    );
    expect(note2?.paragraphs.map((candidate) => candidate.paragraph) ?? []).not.toContain('4A090.a');
    expect(
      rankNextQuestions(without.paragraphs)
        .find((question) => question.fact === 'designed_or_marketed_for_datacenters')
        ?.paragraphs.map((candidate) => candidate.paragraph),
    ).toContain('4A090.a');
  });
});

describe('declared components under other headings of 6A002', () => {
  for (const regime of BOTH) {
    it(`${regime} 6A003.b.3 "incorporating image intensifier tubes specified in 6A002.a.2.a": a declared tube component decides it`, () => {
      const tube: DeclaredInput = { code: '6A002.a.2.a', regime: null, scope: 'COMPONENT' };
      const { result, item } = classify(camera, [tube], [regime]);
      // Heading of 6A002.a.2.a ("Image intensifier tubes having all of the following"): the camera incorporates a tube.
      expect(item.implied.find((fact) => fact.fact === 'incorporates_image_intensifier_tube')?.rule).toBe(
        'heading-6a002-a2-component-is-tube',
      );
      const b3 = paragraph(result, regime, '6A003.b.3');
      expect(b3.outcome).not.toBe('NOT_MET');
      expect(b3.missingFacts).not.toContain('incorporates_image_intensifier_tube');
      expect(b3.missingFacts).not.toContain('photocathode_material');
      // Both ways: undeclared, the tube's own figures are asked.
      expect(paragraph(classify(camera, [], [regime]).result, regime, '6A003.b.3').missingFacts).toContain(
        'photocathode_material',
      );
    });

    it(`${regime} 6A002.c.2 direct view equipment incorporating "focal plane arrays specified in 6A002.a.3": a declared 6A002.a.3.f component is one`, () => {
      const viewer: FactInput[] = [{ name: 'item_kind', value: 'direct_view_imaging_equipment' }];
      const { result } = classify(viewer, [fpaComponent()], [regime]);
      const c2 = paragraph(result, regime, '6A002.c.2');
      expect(c2.traces.find((trace) => trace.ref === '6A002.a.3')?.source).toBe('DECLARED');
      expect(c2.missingFacts).not.toContain('microbolometer');
      expect(paragraph(classify(viewer, [], [regime]).result, regime, '6A002.c.2').missingFacts).toContain(
        'microbolometer',
      );
    });
  }

  it('US 6A003.b.5 "incorporating solid-state detectors specified in 6A002.a.1": the heading of 6A002.a.1 implies a solid-state detector', () => {
    const detector: DeclaredInput = { code: '6A002.a.1', regime: 'US_EAR', scope: 'COMPONENT' };
    const { result, item } = classify(camera, [detector], ['US_EAR']);
    expect(item.implied.find((fact) => fact.fact === 'incorporates_solid_state_sensor')).toMatchObject({
      value: true,
      rule: 'heading-6a002-a1-component-is-solid-state-detector',
    });
    const b5 = paragraph(result, 'US_EAR', '6A003.b.5');
    expect(b5.traces.find((trace) => trace.ref === '6A002.a.1')?.source).toBe('DECLARED');
    expect(b5.outcome).not.toBe('NOT_MET');
  });
});

describe('a declared classification of the item itself', () => {
  for (const regime of BOTH) {
    it(`${regime} 6A008.j (LIDAR): the heading implies a lidar, and the Note to 6A008 on radar applications is not asked`, () => {
      const lidar: DeclaredInput = { code: '6A008.j.2', regime: null, scope: 'ITEM' };
      const { result, item } = classify([], [lidar], [regime]);
      // 6A008.j.2 is a condition of 6A008.j ("having any of the following"): 6A008.j is the item paragraph.
      expect(outcomeOf(result, regime, '6A008.j')).toBe('MET');
      expect(item.implied.find((fact) => fact.fact === 'item_kind')).toMatchObject({
        value: 'lidar',
        rule: 'heading-6a008-j-item-is-lidar',
      });
      expect(paragraph(result, regime, '6A008.j').missingFacts).toEqual([]);
      expect(paragraph(result, regime, '6A008.j').exclusions).toEqual([]);
      // Both ways: a lidar described only by its facts is still asked about the Note's radar applications.
      const described = classify(
        [
          { name: 'item_kind', value: 'lidar' },
          { name: 'coherent_heterodyne_or_homodyne_detection', value: true },
        ],
        [],
        [regime],
      ).result;
      expect(paragraph(described, regime, '6A008.j').missingFacts).toContain('radar_application');
    });

    it(`${regime} 6A003.b.3 ("Imaging cameras as follows"): the item is a camera, so 6A002 does not ask what it is`, () => {
      const tubeCamera: DeclaredInput = { code: '6A003.b.3', regime: null, scope: 'ITEM' };
      const { result, item } = classify([], [tubeCamera], [regime]);
      expect(outcomeOf(result, regime, '6A003.b.3')).toBe('MET');
      expect(item.implied.find((fact) => fact.fact === 'item_kind')?.citations[0]?.paragraph).toBe('6A003.b');
      const entry = result.entries.find((candidate) => candidate.regime === regime && candidate.entry === '6A002');
      expect(entry?.outcome).toBe('NOT_MET');
      // Both ways: undeclared, 6A002 waits on item_kind.
      const undeclared = classify([], [], [regime]).result;
      expect(
        undeclared.entries.find((candidate) => candidate.regime === regime && candidate.entry === '6A002')
          ?.missingFacts,
      ).toContain('item_kind');
    });
  }

  it('US 6A993 "Cameras, not controlled by 6A003 or 6A203": a camera declared under 6A003.b.4.b is not 6A993', () => {
    const facts: FactInput[] = [...camera, { name: 'frame_rate', value: 30, unit: 'Hz' }];
    const declared = classify(facts, [{ code: '6A003.b.4.b', regime: 'US_EAR', scope: 'ITEM' }], ['US_EAR']).result;
    expect(declared.entries.find((entry) => entry.entry === '6A993')?.outcome).toBe('NOT_MET');
    expect(declared.entries.find((entry) => entry.entry === '6A003')?.outcome).toBe('MET');
    // Both ways: undeclared, whether 6A003 controls it (and so whether 6A993 can) stays open.
    const undeclared = classify(facts, [], ['US_EAR']).result;
    expect(undeclared.entries.find((entry) => entry.entry === '6A993')?.outcome).toBe('UNKNOWN');
  });

  it('6A003.b.4.b declared: Note 1 to 6A003.b.4 counts arrays with electronics as cameras, so no item kind is implied; 6A003.b.4 requires a focal plane array', () => {
    const { item } = classify([], [{ code: '6A003.b.4.b', regime: null, scope: 'ITEM' }]);
    expect(item.implied.some((fact) => fact.fact === 'item_kind')).toBe(false);
    expect(item.implied.find((fact) => fact.fact === 'incorporates_focal_plane_array')).toMatchObject({
      value: true,
      rule: 'declared-paragraph-requirements-item',
    });
  });

  it('a given item kind the heading allows (tv_camera under 6A003.b) is no conflict; one it does not (focal_plane_array) is reported and wins', () => {
    const agreeing = classify(
      [{ name: 'item_kind', value: 'tv_camera' }],
      [{ code: '6A003.b.3', regime: null, scope: 'ITEM' }],
    );
    expect(agreeing.item.conflicts).toEqual([]);
    const disagreeing = classify(
      [{ name: 'item_kind', value: 'focal_plane_array' }],
      [{ code: '6A003.b.3', regime: null, scope: 'ITEM' }],
    );
    expect(disagreeing.item.conflicts.map((conflict) => conflict.fact)).toContain('item_kind');
    expect(disagreeing.item.facts.get('item_kind')?.value).toBe('focal_plane_array');
  });

  it('two declarations implying different item kinds (6A003.b.3 camera, 6A002.a.3.f array) leave item_kind unknown and report it', () => {
    const { item } = classify(
      [],
      [
        { code: '6A003.b.3', regime: 'EU', scope: 'ITEM' },
        { code: '6A002.a.3.f', regime: 'EU', scope: 'ITEM' },
      ],
    );
    expect(item.facts.has('item_kind')).toBe(false);
    const conflict = item.conflicts.find((candidate) => candidate.fact === 'item_kind');
    expect(conflict?.used).toBeNull();
    // Nothing is drawn from either kind (a focal plane array would be a solid-state detector).
    expect(item.facts.has('solid_state_detector')).toBe(false);
  });
});

describe('implied facts from definitions', () => {
  for (const regime of BOTH) {
    it(`${regime} Technical Note to 6A002.a.3: an element count implies a focal plane array, shown as IMPLIED in 6A003.b.4`, () => {
      const facts: FactInput[] = [...camera, { name: 'focal_plane_array_elements', value: 307200 }];
      const { result, item } = classify(facts, [], [regime]);
      const implied = item.implied.find((fact) => fact.fact === 'incorporates_focal_plane_array');
      expect(implied?.rule).toBe('fpa-element-count-implies-fpa');
      expect(implied?.citations.some((citation) => citation.paragraph === 'Technical Note to 6A002.a.3')).toBe(true);
      const trace = paragraph(result, regime, '6A003.b.4.b').traces.find(
        (candidate) => candidate.fact === 'incorporates_focal_plane_array',
      );
      expect(trace).toMatchObject({ source: 'IMPLIED', outcome: 'MET' });
      expect(trace?.implication?.rule).toBe('fpa-element-count-implies-fpa');
      // Both ways: without the count, 6A003.b.4 waits on the fact.
      const bare = classify(camera, [], [regime]).result;
      expect(paragraph(bare, regime, '6A003.b.4.b').missingFacts).toContain('incorporates_focal_plane_array');
    });

    it(`${regime} Note to 6A002.a.1: a focal plane array is a solid-state detector`, () => {
      const facts: FactInput[] = [
        { name: 'item_kind', value: 'focal_plane_array' },
        { name: 'space_qualified', value: true },
      ];
      const { result } = classify(facts, [], [regime]);
      const a1 = result.paragraphs.filter(
        (candidate) => candidate.regime === regime && candidate.paragraph.startsWith('6A002.a.1'),
      );
      expect(a1.length).toBeGreaterThan(0);
      for (const candidate of a1) expect(candidate.missingFacts).not.toContain('solid_state_detector');
      const trace = a1[0]?.traces.find((candidate) => candidate.fact === 'solid_state_detector');
      expect(trace).toMatchObject({ source: 'IMPLIED', outcome: 'MET' });
      // Both ways: an optical detector of unstated kind is still asked.
      const detector = classify(
        [
          { name: 'item_kind', value: 'optical_detector' },
          { name: 'space_qualified', value: true },
        ],
        [],
        [regime],
      );
      expect(questions(detector.result)).toContain('solid_state_detector');
    });
  }

  for (const regime of BOTH) {
    it(`${regime} 6A003.a.3 "Electronic streak cameras" sit under "Instrumentation cameras ... as follows": a streak camera is taken as one`, () => {
      const streak: FactInput[] = [
        { name: 'item_kind', value: 'streak_camera' },
        { name: 'electronic_camera', value: true },
        { name: 'temporal_resolution', value: 20, unit: 'ns' },
      ];
      const { result, item } = classify(streak, [], [regime]);
      expect(
        item.implied.find((fact) => fact.fact === 'instrumentation_camera')?.citations.map((c) => c.paragraph),
      ).toContain('6A003.a');
      expect(outcomeOf(result, regime, '6A003.a.3')).toBe('MET');
      // Both ways: a camera of unstated kind with the same figures still waits on the question.
      const generic = classify([{ name: 'item_kind', value: 'camera' }, ...streak.slice(1)], [], [regime]).result;
      expect(questions(generic)).toContain('instrumentation_camera');
    });
  }

  it('US 6A003.b.4: a linear or 2-D array geometry implies a focal plane array', () => {
    const { item } = classify([...camera, { name: 'focal_plane_array_geometry', value: 'linear' }], [], ['US_EAR']);
    expect(item.implied.find((fact) => fact.fact === 'incorporates_focal_plane_array')?.rule).toBe(
      'fpa-geometry-implies-fpa',
    );
  });

  it('EU 6A002.a.2.a.2.a: a microchannel-plate hole pitch implies a microchannel plate', () => {
    const facts: FactInput[] = [
      { name: 'item_kind', value: 'image_intensifier_tube' },
      { name: 'microchannel_plate_hole_pitch', value: 6, unit: 'um' },
    ];
    const { result } = classify(facts, [], ['EU']);
    const trace = paragraph(result, 'EU', '6A002.a.2.a').traces.find(
      (candidate) => candidate.fact === 'uses_microchannel_plate',
    );
    expect(trace).toMatchObject({ source: 'IMPLIED', outcome: 'MET' });
  });

  it('a given fact wins over an implied one and the disagreement is reported (6A003.b.4 then NOT_MET)', () => {
    const facts: FactInput[] = [
      ...camera,
      { name: 'focal_plane_array_elements', value: 307200 },
      { name: 'incorporates_focal_plane_array', value: false },
    ];
    const { result, item } = classify(facts, [], ['EU']);
    expect(item.conflicts).toHaveLength(1);
    expect(item.conflicts[0]).toMatchObject({ fact: 'incorporates_focal_plane_array', used: 'false' });
    expect(outcomeOf(result, 'EU', '6A003.b.4.b')).toBe('NOT_MET');
  });
});

describe('declared codes and the rule files', () => {
  it('codes are read as the list prints them, and an unknown one is set apart with close codes', () => {
    expect(normalizeDeclaredCode(' 6a003.B.4.b. ')).toBe('6A003.b.4.b');
    const resolution = resolveDeclared(rulebook, [{ code: '6A003.b.4.x', regime: null, scope: 'ITEM' }], BOTH);
    expect(resolution.applied).toEqual([]);
    expect(resolution.unencoded).toHaveLength(1);
    expect(closestCodes(rulebook, '6A003.b.4.x')).toContain('6A003.b.4');
  });

  it('a rule naming an unknown fact, value or paragraph is refused at load', () => {
    const bad: ImplicationRule[] = [
      {
        id: 'bad',
        basis: 'DEFINITION',
        reading: 'test',
        citations: [{ regime: 'EU', paragraph: 'x', text: 'x' }],
        when: [{ fact: 'item_kind', in: ['spaceship'] }],
        then: [{ fact: 'no_such_fact', value: true }],
      },
      {
        id: 'bad-heading',
        basis: 'LIST_STRUCTURE',
        reading: 'test',
        citations: [{ regime: 'EU', paragraph: 'x', text: 'x' }],
        declared: { scope: 'ITEM', under: ['6Z999'] },
        then: [{ fact: 'frame_rate', value: 'fast' }],
      },
    ];
    const vocabulary = {
      facts: rulebook.facts,
      codes: new Set(rulebook.allParagraphs().map((candidate) => candidate.node.paragraph)),
    };
    const problems = checkImplicationRules(bad, vocabulary).join('\n');
    expect(problems).toContain('"spaceship" is not a value of item_kind');
    expect(problems).toContain('undeclared fact "no_such_fact"');
    expect(problems).toContain('paragraph 6Z999 is not encoded');
    expect(problems).toContain('numbers are never implied');
  });

  it('every citation of every rule is verbatim list text (found in the encodings or the list data)', () => {
    const haystack = [
      readFileSync(new URL('../../seed/data/eu_annex_i.json', import.meta.url), 'utf8'),
      readFileSync(new URL('../../seed/data/us_ccl_full.json', import.meta.url), 'utf8'),
      ...rulebook.entries.map((entry) => JSON.stringify(entry.encoding)),
    ]
      .map((text) => JSON.parse(JSON.stringify(text)) as string)
      .join('\n')
      .replace(/\\"/g, '"')
      .replace(/\\n/g, ' ');
    expect(rulebook.implications.length).toBeGreaterThanOrEqual(10);
    for (const rule of rulebook.implications)
      for (const citation of rule.citations)
        expect(haystack.includes(citation.text), `${rule.id}: ${citation.text}`).toBe(true);
  });
});
