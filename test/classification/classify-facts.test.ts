// The evaluator and classifyFacts on small encodings built in the test (not the real files):
// comparators at their limits with unit conversion, any/all nesting, exclusions that fire or
// might, REF ignoring item_kind, missing facts only from undecided branches, control reasons,
// and the order of the answer.
import { describe, expect, it } from 'vitest';
import { classifyFacts } from '../../src/classification/classify-facts.js';
import type { Criterion, EncodingFile, FactDeclaration } from '../../src/classification/encoding-schema.js';
import { encodingFileSchema } from '../../src/classification/encoding-schema.js';
import { evaluateExpression, type FactSet } from '../../src/classification/evaluate-expression.js';
import { ParagraphEvaluator } from '../../src/classification/evaluate-paragraphs.js';
import { normalizeFacts, type FactInput } from '../../src/classification/item-facts-input.js';
import { InvalidItemFactsError } from '../../src/errors.js';
import { buildRulebook, type Rulebook } from '../../src/classification/rulebook.js';
import { UnitTable } from '../../src/classification/units.js';

const units = UnitTable.load();

const FACTS: FactDeclaration[] = [
  {
    name: 'item_kind',
    type: 'enum',
    values: ['camera', 'focal_plane_array', 'other'],
    description: 'What the item is.',
  },
  { name: 'pitch', type: 'number', dimension: 'length', description: 'Pixel pitch.' },
  { name: 'frame_rate', type: 'number', dimension: 'frequency', description: 'Frame rate.' },
  { name: 'elements', type: 'number', dimension: 'count', description: 'Number of elements.' },
  { name: 'space_qualified', type: 'boolean', description: 'Space-qualified.' },
  { name: 'cooled', type: 'boolean', description: 'Cryogenically cooled.' },
  { name: 'civil_vehicle', type: 'boolean', description: 'Designed for a civil passenger vehicle.' },
];

// Entry X1: a detector entry. X1.a focal plane arrays with pitch <= 1 um (read in µm), and
// either cooled or more than 1000 elements. X1.b any item at >= 60 Hz, not space-qualified.
const detectorFile: EncodingFile = {
  entry: 'X1',
  regime: 'US_EAR',
  sourceRecord: 'TEST-X1',
  facts: [],
  root: {
    paragraph: 'X1',
    text: 'Detectors, as follows:',
    combine: 'any',
    children: [
      {
        paragraph: 'X1.a',
        text: 'Focal plane arrays having all of the following:',
        conditions: {
          id: 'a_kind',
          text: 'Focal plane arrays',
          fact: 'item_kind',
          comparator: 'IN',
          values: ['focal_plane_array'],
        },
        combine: 'all',
        children: [
          {
            paragraph: 'X1.a.1',
            text: 'a pitch of 1 µm or less',
            conditions: {
              id: 'a1_pitch',
              text: 'a pitch of 1 µm or less',
              fact: 'pitch',
              comparator: 'LTE',
              value: 1,
              unit: 'um',
            },
          },
          {
            paragraph: 'X1.a.2',
            text: 'cooled, or more than 1 000 elements',
            conditions: {
              any: [
                { id: 'a2_cooled', text: 'cooled', fact: 'cooled', comparator: 'IS', value: true },
                {
                  id: 'a2_elements',
                  text: 'more than 1 000 elements',
                  fact: 'elements',
                  comparator: 'GT',
                  value: 1000,
                  unit: '',
                },
              ],
            },
          },
        ],
      },
      {
        paragraph: 'X1.b',
        text: 'Items operating at 60 Hz or more, non-space-qualified',
        conditions: {
          all: [
            { id: 'b_rate', text: '60 Hz or more', fact: 'frame_rate', comparator: 'GTE', value: 60, unit: 'Hz' },
            { id: 'b_not_space', text: 'non-space-qualified', fact: 'space_qualified', comparator: 'IS', value: false },
          ],
        },
      },
      { paragraph: 'X1.c', text: '[Reserved]', reserved: true },
    ],
  },
};

// Entry X2: cameras incorporating focal plane arrays controlled by X1.a, with a decontrol note
// (civil vehicle cameras go to X9.a) and a control table split at 30 Hz.
const cameraFile: EncodingFile = {
  entry: 'X2',
  regime: 'US_EAR',
  sourceRecord: 'TEST-X2',
  facts: [],
  root: {
    paragraph: 'X2',
    text: 'Cameras, as follows:',
    combine: 'any',
    children: [
      {
        paragraph: 'X2.a',
        text: 'Cameras incorporating focal plane arrays controlled by X1.a',
        conditions: {
          all: [
            { id: 'x2a_camera', text: 'Cameras', fact: 'item_kind', comparator: 'IN', values: ['camera'] },
            {
              id: 'x2a_ref',
              text: 'incorporating focal plane arrays controlled by X1.a',
              comparator: 'REF',
              ref: 'X1.a',
            },
          ],
        },
        exclusions: [
          {
            id: 'x2a_note',
            label: 'Note to X2.a',
            text: 'X2.a does not control cameras designed for civil passenger vehicles.',
            when: {
              id: 'x2a_note_vehicle',
              text: 'designed for civil passenger vehicles',
              fact: 'civil_vehicle',
              comparator: 'IS',
              value: true,
            },
            movesTo: { paragraph: 'X9.a', text: 'X9.a: cameras meeting the Note to X2.a.' },
          },
        ],
      },
    ],
  },
  controlReasons: [
    { reason: 'NS', column: 'NS Column 2', text: 'NS applies to entire entry' },
    {
      reason: 'RS',
      column: 'RS Column 1',
      text: 'RS applies to X2.a with a frame rate greater than 30 Hz',
      paragraphs: ['X2.a'],
      when: {
        id: 'rs1_rate',
        text: 'frame rate greater than 30 Hz',
        fact: 'frame_rate',
        comparator: 'GT',
        value: 30,
        unit: 'Hz',
      },
    },
  ],
};

// The same entry X1 in the EU list, with a different pitch limit (2 um).
const euDetectorFile: EncodingFile = {
  ...detectorFile,
  regime: 'EU',
  sourceRecord: 'TEST-EU-X1',
  root: {
    ...detectorFile.root,
    children: [
      {
        paragraph: 'X1.a',
        text: 'Focal plane arrays with a pitch of 2 µm or less',
        conditions: {
          all: [
            {
              id: 'eu_a_kind',
              text: 'Focal plane arrays',
              fact: 'item_kind',
              comparator: 'IN',
              values: ['focal_plane_array'],
            },
            {
              id: 'eu_a_pitch',
              text: 'a pitch of 2 µm or less',
              fact: 'pitch',
              comparator: 'LTE',
              value: 2,
              unit: 'um',
            },
          ],
        },
      },
    ],
  },
};

function rulebookOf(files: EncodingFile[]): Rulebook {
  const problems: string[] = [];
  const parsed = files.map((file) => ({
    file: `${file.regime}-${file.entry}.json`,
    encoding: encodingFileSchema.parse(file),
  }));
  const rulebook = buildRulebook(FACTS, parsed, units, problems);
  expect(problems).toEqual([]);
  return rulebook;
}

const rulebook = rulebookOf([detectorFile, cameraFile, euDetectorFile]);
const facts = (inputs: FactInput[]): FactSet => normalizeFacts(rulebook, inputs);

function outcomeOf(code: string, inputs: FactInput[], regime = 'US_EAR') {
  const paragraph = rulebook.paragraph(regime, code);
  if (!paragraph) throw new Error(`${code} is not encoded`);
  return new ParagraphEvaluator(rulebook, facts(inputs)).evaluate(paragraph);
}

function criterionOutcome(criterion: Criterion, inputs: FactInput[]) {
  return evaluateExpression(criterion, {
    facts: facts(inputs),
    declarations: rulebook.declarations(),
    units: rulebook.units,
    resolveRef: () => {
      throw new Error('no references here');
    },
  }).outcome;
}

describe('comparators at their limits, with unit conversion', () => {
  const lte: Criterion = { id: 'c', text: '1 µm or less', fact: 'pitch', comparator: 'LTE', value: 1, unit: 'um' };
  const lt: Criterion = { id: 'c', text: 'less than 1 µm', fact: 'pitch', comparator: 'LT', value: 1, unit: 'um' };
  const gt: Criterion = { id: 'c', text: 'exceeding 1 µm', fact: 'pitch', comparator: 'GT', value: 1, unit: 'um' };
  const gte: Criterion = { id: 'c', text: '1 µm or more', fact: 'pitch', comparator: 'GTE', value: 1, unit: 'um' };
  const eq: Criterion = { id: 'c', text: 'exactly 1 µm', fact: 'pitch', comparator: 'EQ', value: 1, unit: 'um' };
  const between: Criterion = {
    id: 'c',
    text: 'exceeding 1 µm but not exceeding 3 µm',
    fact: 'pitch',
    comparator: 'BETWEEN',
    min: 1,
    max: 3,
    minInclusive: false,
    maxInclusive: true,
    unit: 'um',
  };

  it('1000 nm equals a 1 µm limit: LTE, GTE and EQ are MET, LT and GT are NOT_MET', () => {
    const at = [{ name: 'pitch', value: 1000, unit: 'nm' }];
    expect(criterionOutcome(lte, at)).toBe('MET');
    expect(criterionOutcome(gte, at)).toBe('MET');
    expect(criterionOutcome(eq, at)).toBe('MET');
    expect(criterionOutcome(lt, at)).toBe('NOT_MET');
    expect(criterionOutcome(gt, at)).toBe('NOT_MET');
  });

  it('just across the limit in another unit', () => {
    const above = [{ name: 'pitch', value: 0.001001, unit: 'mm' }];
    const below = [{ name: 'pitch', value: 999, unit: 'nm' }];
    expect(criterionOutcome(gt, above)).toBe('MET');
    expect(criterionOutcome(lte, above)).toBe('NOT_MET');
    expect(criterionOutcome(lt, below)).toBe('MET');
    expect(criterionOutcome(gte, below)).toBe('NOT_MET');
    expect(criterionOutcome(eq, below)).toBe('NOT_MET');
  });

  it('BETWEEN honours open and closed bounds (µm alias "µm" and nm)', () => {
    expect(criterionOutcome(between, [{ name: 'pitch', value: 1, unit: 'µm' }])).toBe('NOT_MET');
    expect(criterionOutcome(between, [{ name: 'pitch', value: 3000, unit: 'nm' }])).toBe('MET');
    expect(criterionOutcome(between, [{ name: 'pitch', value: 2, unit: 'um' }])).toBe('MET');
    expect(criterionOutcome(between, [{ name: 'pitch', value: 3.01, unit: 'um' }])).toBe('NOT_MET');
  });

  it('a fact not given is UNKNOWN and named as missing', () => {
    const result = evaluateExpression(lte, {
      facts: facts([]),
      declarations: rulebook.declarations(),
      units: rulebook.units,
      resolveRef: () => {
        throw new Error('none');
      },
    });
    expect(result.outcome).toBe('UNKNOWN');
    expect(result.missingFacts).toEqual(['pitch']);
    expect(result.traces[0]).toMatchObject({
      criterionId: 'c',
      fact: 'pitch',
      given: null,
      outcome: 'UNKNOWN',
      text: '1 µm or less',
    });
  });

  it('frames/s and kHz convert to Hz', () => {
    expect(
      outcomeOf('X1.b', [
        { name: 'frame_rate', value: 60, unit: 'frames/s' },
        { name: 'space_qualified', value: false },
      ]).outcome,
    ).toBe('MET');
    expect(
      outcomeOf('X1.b', [
        { name: 'frame_rate', value: 0.0599, unit: 'kHz' },
        { name: 'space_qualified', value: false },
      ]).outcome,
    ).toBe('NOT_MET');
  });
});

describe('nesting any / all', () => {
  const fpa = { name: 'item_kind', value: 'focal_plane_array' };
  it('all-of children: MET only when every criterion paragraph is MET', () => {
    expect(
      outcomeOf('X1.a', [fpa, { name: 'pitch', value: 0.9, unit: 'um' }, { name: 'cooled', value: true }]).outcome,
    ).toBe('MET');
    expect(
      outcomeOf('X1.a', [fpa, { name: 'pitch', value: 1.1, unit: 'um' }, { name: 'cooled', value: true }]).outcome,
    ).toBe('NOT_MET');
  });

  it('any-of inside all-of: one MET alternative is enough, an unknown one does not matter then', () => {
    expect(
      outcomeOf('X1.a', [fpa, { name: 'pitch', value: 1, unit: 'um' }, { name: 'elements', value: 1001, unit: '' }])
        .outcome,
    ).toBe('MET');
  });

  it('UNKNOWN names only the facts of undecided branches', () => {
    // pitch decides X1.a.1; X1.a.2 is undecided (cooled unknown, elements unknown).
    const unknown = outcomeOf('X1.a', [fpa, { name: 'pitch', value: 1, unit: 'um' }]);
    expect(unknown.outcome).toBe('UNKNOWN');
    expect(unknown.missingFacts.sort()).toEqual(['cooled', 'elements']);
    // elements rules one alternative out: only cooled is left to decide.
    const narrower = outcomeOf('X1.a', [
      fpa,
      { name: 'pitch', value: 1, unit: 'um' },
      { name: 'elements', value: 1000, unit: '' },
    ]);
    expect(narrower.outcome).toBe('UNKNOWN');
    expect(narrower.missingFacts).toEqual(['cooled']);
    // A NOT_MET sibling decides an all-of: nothing is missing.
    const ruledOut = outcomeOf('X1.a', [fpa, { name: 'pitch', value: 2, unit: 'um' }]);
    expect(ruledOut.outcome).toBe('NOT_MET');
    expect(ruledOut.missingFacts).toEqual([]);
  });

  it('a reserved paragraph controls nothing', () => {
    expect(outcomeOf('X1.c', [fpa]).outcome).toBe('NOT_MET');
  });
});

describe('references and exclusions', () => {
  const camera = [
    { name: 'item_kind', value: 'camera' },
    { name: 'pitch', value: 0.8, unit: 'um' },
    { name: 'cooled', value: true },
  ];

  it('REF evaluates the referenced paragraph ignoring its item_kind criteria (the camera is not a focal plane array)', () => {
    const result = outcomeOf('X2.a', [...camera, { name: 'civil_vehicle', value: false }]);
    expect(result.outcome).toBe('MET');
    const kindTrace = result.traces.find((trace) => trace.criterionId === 'a_kind');
    expect(kindTrace?.outcome).toBe('MET');
    expect(kindTrace?.required).toContain('not applied');
  });

  it('REF with the referenced thresholds not met is NOT_MET', () => {
    expect(
      outcomeOf('X2.a', [
        { name: 'item_kind', value: 'camera' },
        { name: 'pitch', value: 5, unit: 'um' },
        { name: 'civil_vehicle', value: false },
      ]).outcome,
    ).toBe('NOT_MET');
  });

  it('an exclusion that fires makes the paragraph NOT_MET and is reported with where the item goes', () => {
    const result = outcomeOf('X2.a', [...camera, { name: 'civil_vehicle', value: true }]);
    expect(result.outcome).toBe('NOT_MET');
    expect(result.exclusions).toHaveLength(1);
    expect(result.exclusions[0]).toMatchObject({ outcome: 'MET', paragraph: 'X2.a' });
    expect(result.exclusions[0]?.exclusion.movesTo?.paragraph).toBe('X9.a');
  });

  it('an undecided exclusion makes a paragraph whose conditions are MET UNKNOWN, naming its facts', () => {
    const result = outcomeOf('X2.a', camera);
    expect(result.outcome).toBe('UNKNOWN');
    expect(result.missingFacts).toEqual(['civil_vehicle']);
    expect(result.exclusions[0]?.outcome).toBe('UNKNOWN');
  });
});

describe('classifyFacts', () => {
  const camera = [
    { name: 'item_kind', value: 'camera' },
    { name: 'pitch', value: 0.8, unit: 'um' },
    { name: 'cooled', value: true },
    { name: 'frame_rate', value: 50, unit: 'Hz' },
    { name: 'space_qualified', value: true },
  ];

  it('controlled is MET when an item paragraph is MET; MET first, then UNKNOWN, then NOT_MET', () => {
    const result = classifyFacts(rulebook, facts([...camera, { name: 'civil_vehicle', value: false }]), ['US_EAR']);
    expect(result.controlled).toBe('MET');
    expect(result.paragraphs.map((paragraph) => [paragraph.paragraph, paragraph.outcome])).toEqual([
      ['X2.a', 'MET'],
      ['X1.a', 'NOT_MET'],
      ['X1.b', 'NOT_MET'],
    ]);
    expect(result.entries.map((entry) => [entry.entry, entry.outcome])).toEqual([
      ['X1', 'NOT_MET'],
      ['X2', 'MET'],
    ]);
    // Criterion paragraphs are not listed; their criteria are in the item's trace, with their paragraph.
    expect(result.paragraphs.some((paragraph) => paragraph.role === 'criterion')).toBe(false);
    const x1a = result.paragraphs.find((paragraph) => paragraph.paragraph === 'X1.a');
    expect(x1a?.traces.map((trace) => [trace.paragraph, trace.criterionId])).toEqual([
      ['X1.a', 'a_kind'],
      ['X1.a.1', 'a1_pitch'],
      ['X1.a.2', 'a2_cooled'],
      ['X1.a.2', 'a2_elements'],
    ]);
  });

  it('the control-table line with its own condition is evaluated three-valued', () => {
    const fast = classifyFacts(rulebook, facts([...camera, { name: 'civil_vehicle', value: false }]), ['US_EAR']);
    const reasons = fast.paragraphs.find((paragraph) => paragraph.paragraph === 'X2.a')?.controlReasons;
    expect(reasons?.map((reason) => [reason.column, reason.outcome])).toEqual([
      ['NS Column 2', 'MET'],
      ['RS Column 1', 'MET'],
    ]);
    const unknownRate = camera.filter((fact) => fact.name !== 'frame_rate');
    const slow = classifyFacts(rulebook, facts([...unknownRate, { name: 'civil_vehicle', value: false }]), ['US_EAR']);
    const slowReasons = slow.paragraphs.find((paragraph) => paragraph.paragraph === 'X2.a')?.controlReasons;
    expect(slowReasons?.map((reason) => [reason.column, reason.outcome])).toEqual([
      ['NS Column 2', 'MET'],
      ['RS Column 1', 'UNKNOWN'],
    ]);
  });

  it('UNKNOWN when no paragraph is MET but one might be; NOT_MET paragraphs carry no control reasons', () => {
    const result = classifyFacts(rulebook, facts(camera), ['US_EAR']);
    expect(result.controlled).toBe('UNKNOWN');
    const [first] = result.paragraphs;
    expect(first).toMatchObject({ paragraph: 'X2.a', outcome: 'UNKNOWN', missingFacts: ['civil_vehicle'] });
    expect(
      result.paragraphs
        .filter((paragraph) => paragraph.outcome === 'NOT_MET')
        .every((paragraph) => paragraph.controlReasons.length === 0),
    ).toBe(true);
  });

  it('reports where a fired exclusion moves the item', () => {
    const result = classifyFacts(rulebook, facts([...camera, { name: 'civil_vehicle', value: true }]), ['US_EAR']);
    expect(result.controlled).toBe('NOT_MET');
    expect(result.moves).toEqual([
      expect.objectContaining({ from: 'X2.a', to: 'X9.a', outcome: 'MET', label: 'Note to X2.a' }),
    ]);
    expect(result.paragraphs.find((paragraph) => paragraph.paragraph === 'X2.a')?.exclusions[0]).toMatchObject({
      id: 'x2a_note',
      movesTo: { paragraph: 'X9.a' },
    });
  });

  it('a note is not reported on a paragraph the item is ruled out of anyway', () => {
    const result = classifyFacts(
      rulebook,
      facts([
        { name: 'item_kind', value: 'other' },
        { name: 'civil_vehicle', value: true },
      ]),
      ['US_EAR'],
    );
    expect(result.moves).toEqual([]);
    expect(result.paragraphs.every((paragraph) => paragraph.exclusions.length === 0)).toBe(true);
  });

  it('most specific first among MET paragraphs, and regimes kept apart', () => {
    const fpa = [
      { name: 'item_kind', value: 'focal_plane_array' },
      { name: 'pitch', value: 1500, unit: 'nm' },
      { name: 'cooled', value: true },
    ];
    const result = classifyFacts(rulebook, facts(fpa), ['US_EAR', 'EU']);
    // 1.5 um: over the US 1 um limit, within the EU 2 um limit.
    expect(
      result.paragraphs
        .filter((paragraph) => paragraph.outcome === 'MET')
        .map((paragraph) => `${paragraph.regime} ${paragraph.paragraph}`),
    ).toEqual(['EU X1.a']);
    expect(
      result.paragraphs.find((paragraph) => paragraph.regime === 'US_EAR' && paragraph.paragraph === 'X1.a')?.outcome,
    ).toBe('NOT_MET');
    // US X1.b (frame rate) is undecided, so the US entry is UNKNOWN while the EU one is MET.
    expect(result.entries.find((entry) => entry.regime === 'US_EAR' && entry.entry === 'X1')).toMatchObject({
      outcome: 'UNKNOWN',
      missingFacts: ['frame_rate', 'space_qualified'],
    });
    expect(result.controlled).toBe('MET');
  });

  it('deeper MET paragraphs come before shallower ones', () => {
    const nested = rulebookOf([
      {
        entry: 'Y1',
        regime: 'US_EAR',
        sourceRecord: 'TEST-Y1',
        facts: [],
        root: {
          paragraph: 'Y1',
          text: 'Y',
          combine: 'any',
          children: [
            {
              paragraph: 'Y1.a',
              text: 'cooled items',
              conditions: { id: 'ya', text: 'cooled', fact: 'cooled', comparator: 'IS', value: true },
            },
            {
              paragraph: 'Y1.b',
              text: 'items as follows',
              combine: 'any',
              children: [
                {
                  paragraph: 'Y1.b.1',
                  text: 'cooled',
                  conditions: { id: 'yb1', text: 'cooled', fact: 'cooled', comparator: 'IS', value: true },
                },
              ],
            },
          ],
        },
      },
    ]);
    const result = classifyFacts(nested, normalizeFacts(nested, [{ name: 'cooled', value: true }]), ['US_EAR']);
    expect(result.paragraphs.map((paragraph) => paragraph.paragraph)).toEqual(['Y1.b.1', 'Y1.a', 'Y1.b']);
  });

  it('leaves out NOT_MET paragraphs under a NOT_MET paragraph, keeps the entry outcome', () => {
    const nested = rulebookOf([
      {
        entry: 'Z1',
        regime: 'US_EAR',
        sourceRecord: 'TEST-Z1',
        facts: [],
        root: {
          paragraph: 'Z1',
          text: 'Z',
          combine: 'any',
          children: [
            {
              paragraph: 'Z1.a',
              text: 'cameras as follows',
              conditions: { id: 'za', text: 'cameras', fact: 'item_kind', comparator: 'IN', values: ['camera'] },
              combine: 'any',
              children: [
                {
                  paragraph: 'Z1.a.1',
                  text: 'cooled',
                  conditions: { id: 'za1', text: 'cooled', fact: 'cooled', comparator: 'IS', value: true },
                },
              ],
            },
          ],
        },
      },
    ]);
    const result = classifyFacts(nested, normalizeFacts(nested, [{ name: 'item_kind', value: 'other' }]), ['US_EAR']);
    expect(result.paragraphs.map((paragraph) => paragraph.paragraph)).toEqual(['Z1.a']);
    expect(result.entries).toEqual([expect.objectContaining({ entry: 'Z1', outcome: 'NOT_MET' })]);
    expect(result.controlled).toBe('NOT_MET');
  });

  it('keeps a NOT_MET paragraph under a NOT_MET parent when a decontrol note is what ruled it out', () => {
    const noted = rulebookOf([
      {
        entry: 'W1',
        regime: 'US_EAR',
        sourceRecord: 'TEST-W1',
        facts: [],
        root: {
          paragraph: 'W1',
          text: 'W',
          combine: 'any',
          children: [
            {
              paragraph: 'W1.a',
              text: 'cameras as follows',
              combine: 'any',
              children: [
                {
                  paragraph: 'W1.a.1',
                  text: 'cooled cameras',
                  conditions: { id: 'wa1', text: 'cooled', fact: 'cooled', comparator: 'IS', value: true },
                  exclusions: [
                    {
                      id: 'wa1_note',
                      label: 'Note to W1.a.1',
                      text: 'W1.a.1 does not control vehicle cameras.',
                      when: {
                        id: 'wa1_vehicle',
                        text: 'vehicle cameras',
                        fact: 'civil_vehicle',
                        comparator: 'IS',
                        value: true,
                      },
                      movesTo: { paragraph: 'W9.a', text: 'W9.a: cameras of the Note to W1.a.1.' },
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    ]);
    const result = classifyFacts(
      noted,
      normalizeFacts(noted, [
        { name: 'cooled', value: true },
        { name: 'civil_vehicle', value: true },
      ]),
      ['US_EAR'],
    );
    expect(
      result.paragraphs.map((paragraph) => [
        paragraph.paragraph,
        paragraph.outcome,
        paragraph.exclusions.map((exclusion) => exclusion.id),
      ]),
    ).toEqual([
      ['W1.a', 'NOT_MET', []],
      ['W1.a.1', 'NOT_MET', ['wa1_note']],
    ]);
    expect(result.moves).toEqual([expect.objectContaining({ from: 'W1.a.1', to: 'W9.a', outcome: 'MET' })]);
  });

  it('a regime with nothing encoded is reported as not encoded, not NOT_MET', () => {
    const result = classifyFacts(rulebook, facts(camera), ['UK']);
    expect(result.notEncoded).toEqual(['UK']);
    expect(result.paragraphs).toEqual([]);
    expect(result.entries).toEqual([]);
  });
});

describe('fact input', () => {
  it('reports every unknown name, wrong unit and bad choice at once, with the valid choices', () => {
    let error: unknown;
    try {
      normalizeFacts(rulebook, [
        { name: 'pich', value: 1, unit: 'um' },
        { name: 'pitch', value: 1, unit: 'Hz' },
        { name: 'item_kind', value: 'laser' },
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidItemFactsError);
    const problems = (error as InvalidItemFactsError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('unknown fact');
    expect(problems[1]).toMatch(/unit "Hz" is not a length unit; use one of: .*nm.*um/);
    expect(problems[2]).toContain('camera, focal_plane_array, other');
  });
});

describe('references resolve in the regime of the file that makes them', () => {
  it('an EU reference without a regime reads the EU paragraph, not the US one', () => {
    const euCamera: EncodingFile = {
      ...cameraFile,
      regime: 'EU',
      sourceRecord: 'TEST-EU-X2',
      controlReasons: undefined,
      root: {
        ...cameraFile.root,
        children: [
          {
            paragraph: 'X2.a',
            text: 'Cameras incorporating focal plane arrays specified in X1.a',
            conditions: { id: 'eu_x2a_ref', text: 'specified in X1.a', comparator: 'REF', ref: 'X1.a' },
          },
        ],
      },
    };
    const both = rulebookOf([detectorFile, euDetectorFile, euCamera]);
    // 1.5 um: only the EU X1.a (2 um) controls it.
    const result = new ParagraphEvaluator(
      both,
      normalizeFacts(both, [
        { name: 'pitch', value: 1.5, unit: 'um' },
        { name: 'cooled', value: true },
      ]),
    ).evaluate(both.paragraph('EU', 'X2.a') ?? (undefined as never));
    expect(result.outcome).toBe('MET');
  });
});
