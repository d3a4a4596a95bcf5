// A reference about the item itself ("other than those controlled by X1", "n.e.s.") must read
// item_kind as the item is; a reference about a named component ("incorporating arrays
// controlled by X1.a") must not, because the referring text already names the component.
// Getting this wrong decontrols items by notes meant for other kinds of item.
import { describe, expect, it } from 'vitest';
import type { EncodingFile, FactDeclaration } from '../../src/classification/encoding-schema.js';
import { ParagraphEvaluator } from '../../src/classification/evaluate-paragraphs.js';
import { normalizeFacts } from '../../src/classification/item-facts-input.js';
import { buildRulebook } from '../../src/classification/rulebook.js';
import { UnitTable } from '../../src/classification/units.js';

const facts: FactDeclaration[] = [
  {
    name: 'item_kind',
    type: 'enum',
    values: ['streak_camera', 'camera', 'focal_plane_array'],
    description: 'What the item is.',
  },
  { name: 'temporal_resolution', type: 'number', dimension: 'time', description: 'Temporal resolution.' },
  { name: 'elements', type: 'number', dimension: 'count', description: 'Array elements.' },
];

// X1.a: streak cameras with temporal resolution better than 50 ns; X1.b: arrays over 1000 elements.
const listed: EncodingFile = {
  entry: 'X1',
  regime: 'US_EAR',
  sourceRecord: 'TEST-X1',
  facts: [],
  root: {
    paragraph: 'X1',
    text: 'Cameras and arrays, as follows:',
    combine: 'any',
    children: [
      {
        paragraph: 'X1.a',
        text: 'Streak cameras with temporal resolution better than 50 ns',
        conditions: {
          all: [
            { id: 'a_kind', text: 'Streak cameras', fact: 'item_kind', comparator: 'IN', values: ['streak_camera'] },
            {
              id: 'a_res',
              text: 'temporal resolution better than 50 ns',
              fact: 'temporal_resolution',
              comparator: 'LT',
              value: 50,
              unit: 'ns',
            },
          ],
        },
      },
      {
        paragraph: 'X1.b',
        text: 'Focal plane arrays with more than 1000 elements',
        conditions: {
          all: [
            {
              id: 'b_kind',
              text: 'Focal plane arrays',
              fact: 'item_kind',
              comparator: 'IN',
              values: ['focal_plane_array'],
            },
            {
              id: 'b_elements',
              text: 'more than 1000 elements',
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
};

// X2.a: cameras with temporal resolution below 100 ns, other than those controlled by X1 (the item);
// X2.b: cameras incorporating arrays controlled by X1.b (a component).
const referring: EncodingFile = {
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
        text: 'Cameras with temporal resolution below 100 ns, other than those controlled by X1',
        conditions: {
          id: 'x2a_res',
          text: 'temporal resolution below 100 ns',
          fact: 'temporal_resolution',
          comparator: 'LT',
          value: 100,
          unit: 'ns',
        },
        exclusions: [
          {
            id: 'x2a_not_x1',
            label: 'other than X1',
            text: 'other than those controlled by X1',
            when: { id: 'x2a_ref', text: 'controlled by X1', comparator: 'REF', ref: 'X1', subject: 'item' },
          },
        ],
      },
      {
        paragraph: 'X2.b',
        text: 'Cameras incorporating arrays controlled by X1.b',
        conditions: {
          all: [
            { id: 'x2b_kind', text: 'Cameras', fact: 'item_kind', comparator: 'IN', values: ['camera'] },
            { id: 'x2b_ref', text: 'incorporating arrays controlled by X1.b', comparator: 'REF', ref: 'X1.b' },
          ],
        },
      },
    ],
  },
};

const problems: string[] = [];
const rulebook = buildRulebook(
  facts,
  [
    { file: 'X1.json', encoding: listed },
    { file: 'X2.json', encoding: referring },
  ],
  UnitTable.load(),
  problems,
);

function outcome(code: string, given: { name: string; value: string | number; unit?: string }[]) {
  const paragraph = rulebook.paragraph('US_EAR', code);
  if (!paragraph) throw new Error(code);
  return new ParagraphEvaluator(rulebook, normalizeFacts(rulebook, given)).evaluate(paragraph);
}

describe('REF subject', () => {
  it('the test encodings are valid', () => {
    expect(problems).toEqual([]);
  });

  it('"other than those controlled by X1" does not take a gated camera out because a streak camera of its figures would be in X1', () => {
    const result = outcome('X2.a', [
      { name: 'item_kind', value: 'camera' },
      { name: 'temporal_resolution', value: 40, unit: 'ns' },
    ]);
    expect(result.outcome).toBe('MET');
    expect(result.exclusions.filter((exclusion) => exclusion.outcome === 'MET')).toEqual([]);
  });

  it('a streak camera that X1 controls is taken out of X2.a', () => {
    const result = outcome('X2.a', [
      { name: 'item_kind', value: 'streak_camera' },
      { name: 'temporal_resolution', value: 40, unit: 'ns' },
    ]);
    expect(result.outcome).toBe('NOT_MET');
    expect(result.exclusions.map((exclusion) => [exclusion.exclusion.id, exclusion.outcome])).toContainEqual([
      'x2a_not_x1',
      'MET',
    ]);
  });

  it('an item whose kind is not given leaves the item reference UNKNOWN, and asks for the kind', () => {
    const result = outcome('X2.a', [{ name: 'temporal_resolution', value: 40, unit: 'ns' }]);
    expect(result.outcome).toBe('UNKNOWN');
    expect(result.missingFacts).toContain('item_kind');
  });

  it("a component reference applies X1.b to the camera's array without asking whether the camera is an array", () => {
    expect(
      outcome('X2.b', [
        { name: 'item_kind', value: 'camera' },
        { name: 'elements', value: 1001 },
      ]).outcome,
    ).toBe('MET');
    expect(
      outcome('X2.b', [
        { name: 'item_kind', value: 'camera' },
        { name: 'elements', value: 1000 },
      ]).outcome,
    ).toBe('NOT_MET');
  });
});
