// checkExemptions (pure) over the committed exemption encodings: the realistic cases of
// exemption-cases/cases.json (each citing the text it tests), the verdict rules (never EXEMPT
// when undecided), input validation, and the encodings' grounding in the records' verbatim text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  activityFactSet,
  ActivityInputError,
  checkExemptions,
  itemTypeOfCodes,
  type ActivityFactInput,
  type ConditionCheck,
  type ExemptionRecordInfo,
  type RegimeControl,
} from '../../src/classification/exemption-evaluation.js';
import type { FactSet, NormalizedFact } from '../../src/classification/evaluate-expression.js';
import type { ConditionTest, ExemptionRegime } from '../../src/classification/exemption-encoding-schema.js';
import { forEachConditionTest, loadExemptionRules } from '../../src/classification/exemption-rules.js';
import { normalizeFacts } from '../../src/classification/item-facts-input.js';
import { forEachCriterion, loadRulebook } from '../../src/classification/rulebook.js';
import type { Outcome } from '../../src/classification/three-valued.js';
import { itemTypesFromScopeLabels } from '../../src/domain/item-type.js';
import { EU_ANNEX_II_EDITORIAL_FILE, readAnnexIi } from '../../src/ingest/importers/eu-annex-ii-records.js';
import { annexIiFileSchema } from '../../src/ingest/importers/eu-annex-ii-source.js';

const rulebook = loadRulebook();
const rules = loadExemptionRules(rulebook);

type SeedRecord = Record<string, unknown> & {
  id: string;
  name: string;
  provision: string;
  type: string;
  applies_to: string[];
};
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
// The general export authorisations are the Annex II records the eu-annex-ii dataset stores (it
// takes over the five exemptions.json held, under the same keys).
const annexIiRecords = readAnnexIi(
  annexIiFileSchema.parse(readJson('../../seed/data/eu_annex_ii_gea.json')),
  EU_ANNEX_II_EDITORIAL_FILE.schema.parse(readJson('../../seed/editorial/eu-annex-ii.json')),
).map((reading) => reading.record as SeedRecord);
const annexIiKeys = new Set(annexIiRecords.map((record) => record.id));
const seedRecords = [
  ...(readJson('../../seed/data/exemptions.json') as SeedRecord[]).filter((record) => !annexIiKeys.has(record.id)),
  ...annexIiRecords,
];
const recordById = new Map(seedRecords.map((record) => [record.id, record]));

interface TestRecord extends ExemptionRecordInfo {
  citation: string;
}
// As the seed loader stores them: no validity dates, "revoked" from the record's own type label.
const records = new Map<string, TestRecord>(
  seedRecords.map((record) => [
    record.id,
    {
      key: record.id,
      name: record.name,
      legalBasis: record.provision,
      revoked: /\brevoked\b/i.test(record.type),
      validFrom: null,
      validTo: null,
      citation: `citation of ${record.id}`,
    },
  ]),
);

interface Case {
  name: string;
  cites: string;
  mode?: 'provisions' | 'item';
  control: Record<string, { controlled: Outcome; codes: string[] }>;
  activity: Record<string, string | boolean | number>;
  item?: { name: string; value: string | number | boolean; unit?: string }[];
  destination?: string;
  asOf?: string;
  expect: Record<string, 'APPLIES' | 'DOES_NOT_APPLY' | 'INDETERMINATE'>;
  expectFired?: Record<string, string[]>;
  expectSatisfied?: Record<string, string[]>;
  expectUnsatisfied?: Record<string, string[]>;
  expectRegimeVerdict?: Record<string, string>;
  expectVerdict?: string;
  expectQuestions?: string[];
}

const cases = JSON.parse(readFileSync(new URL('./exemption-cases/cases.json', import.meta.url), 'utf8')) as Case[];

function controlOf(spec: Case['control']): RegimeControl[] {
  return Object.entries(spec).map(([regime, { controlled, codes }]) => ({
    regime: regime as ExemptionRegime,
    controlled,
    basis: `test: ${codes.join(', ')}`,
    paragraphs: codes.map((code) => ({ code, outcome: controlled })),
    missingFacts: [],
  }));
}

function factsOf(testCase: Pick<Case, 'control' | 'activity' | 'item' | 'destination'>): FactSet {
  const codes = Object.values(testCase.control).flatMap((regime) => regime.codes);
  const typed = itemTypeOfCodes(codes);
  const activity: ActivityFactInput[] = Object.entries(testCase.activity).map(([name, value]) => ({ name, value }));
  const item = normalizeFacts(rulebook, testCase.item ?? []);
  const derived = typed && !('conflict' in typed) && !('item_type' in testCase.activity) ? typed : null;
  return new Map<string, NormalizedFact>([...item, ...activityFactSet(rules, activity, testCase.destination, derived)]);
}

function run(testCase: Case) {
  return checkExemptions({
    rules,
    records,
    facts: factsOf(testCase),
    control: controlOf(testCase.control),
    mode: testCase.mode ?? 'provisions',
    asOf: new Date(`${testCase.asOf ?? '2026-01-01'}T00:00:00Z`),
  });
}

const idsOf = (conditions: readonly ConditionCheck<TestRecord>[]) => conditions.map((condition) => condition.id);

describe('realistic cases from the exemption texts', () => {
  it('has at least 15 cases, each citing the text it tests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    for (const testCase of cases) expect(testCase.cites.length, testCase.name).toBeGreaterThan(5);
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const result = run(testCase);
    const byKey = new Map(result.exemptions.map((check) => [check.key, check]));
    for (const [key, outcome] of Object.entries(testCase.expect)) {
      const check = byKey.get(key);
      expect(check, `${key} in scope`).toBeDefined();
      expect(check?.outcome, `${key}: ${check?.reason}`).toBe(outcome);
    }
    for (const [key, ids] of Object.entries(testCase.expectFired ?? {}))
      expect(idsOf(byKey.get(key)?.disqualifiersFired ?? [])).toEqual(expect.arrayContaining(ids));
    for (const [key, ids] of Object.entries(testCase.expectSatisfied ?? {})) {
      const satisfied = (byKey.get(key)?.conditions ?? []).filter((condition) => condition.outcome === 'SATISFIED');
      expect(idsOf(satisfied)).toEqual(expect.arrayContaining(ids));
    }
    for (const [key, ids] of Object.entries(testCase.expectUnsatisfied ?? {})) {
      const unsatisfied = (byKey.get(key)?.conditions ?? []).filter((condition) => condition.outcome === 'UNSATISFIED');
      expect(idsOf(unsatisfied)).toEqual(expect.arrayContaining(ids));
    }
    for (const [regime, verdict] of Object.entries(testCase.expectRegimeVerdict ?? {})) {
      const found = result.regimes.find((candidate) => candidate.regime === regime);
      expect(found?.verdict, found?.reason).toBe(verdict);
    }
    if (testCase.expectVerdict) expect(result.verdict, result.reason).toBe(testCase.expectVerdict);
    if (testCase.expectQuestions)
      expect(result.questions.map((question) => question.fact)).toEqual(
        expect.arrayContaining(testCase.expectQuestions),
      );
    // Never EXEMPT without an exemption that APPLIES in that regime.
    for (const regime of result.regimes) {
      if (regime.verdict === 'EXEMPT') expect(regime.applyingExemptions.length).toBeGreaterThan(0);
    }
  });
});

describe('verdict rules', () => {
  const research = {
    research_is_fundamental: true,
    results_intended_for_publication: true,
    prepublication_review: 'none',
    sponsor_may_restrict_publication: false,
    researchers_accepted_restrictions: false,
  };

  it('an exemption that applies to a possibly controlled item says the classification is unknown', () => {
    const result = run({
      name: '',
      cites: '',
      control: { US_EAR: { controlled: 'UNKNOWN', codes: ['6E001'] } },
      activity: research,
      expect: {},
    });
    expect(result.verdict).toBe('EXEMPT');
    expect(result.classificationUnknown).toBe(true);
    expect(result.regimes[0]?.reason).toMatch(/unknown/);
  });

  it('INDETERMINATE exemptions are never reported as EXEMPT: unknown facts leave the verdict INDETERMINATE', () => {
    const result = run({
      name: '',
      cites: '',
      control: { US_EAR: { controlled: 'UNKNOWN', codes: ['6E001'] } },
      activity: {},
      expect: {},
    });
    expect(result.exemptions.some((check) => check.outcome === 'APPLIES')).toBe(false);
    expect(result.verdict).toBe('INDETERMINATE');
    expect(result.classificationUnknown).toBe(false);
  });

  it('NOT_CONTROLLED in every regime is NOT_CONTROLLED whatever the exemptions say', () => {
    const result = run({
      name: '',
      cites: '',
      control: { US_EAR: { controlled: 'NOT_MET', codes: [] }, EU: { controlled: 'NOT_MET', codes: [] } },
      activity: {},
      expect: {},
    });
    expect(result.verdict).toBe('NOT_CONTROLLED');
  });

  it('a licence likely required in one regime outweighs an exemption in another', () => {
    const result = run({
      name: '',
      cites: '',
      mode: 'item',
      control: { US_EAR: { controlled: 'MET', codes: ['6A003.b.4.b'] }, EU: { controlled: 'NOT_MET', codes: [] } },
      activity: { item_type: 'commodity', export_is_gift_parcel_or_humanitarian_donation: false },
      expect: {},
    });
    expect(result.regimes.map((regime) => [regime.regime, regime.verdict])).toEqual([
      ['US_EAR', 'LICENCE_LIKELY_REQUIRED'],
      ['EU', 'NOT_CONTROLLED'],
    ]);
    expect(result.verdict).toBe('LICENCE_LIKELY_REQUIRED');
  });

  it('exemptions of other regimes are out of scope; list notes only for their paragraphs', () => {
    const result = run({
      name: '',
      cites: '',
      control: { US_EAR: { controlled: 'MET', codes: ['6E001'] } },
      activity: {},
      expect: {},
    });
    const keys = result.exemptions.map((check) => check.key);
    expect(keys).toContain('US-EAR-734.8');
    expect(keys).not.toContain('EU-UGEA-EU001');
    expect(keys).not.toContain('US-CCL-6A003-Note3');
    expect(keys).toContain('US-CCL-6E001-TSR-automotive');
  });

  it('the revoked OGEL may be checked before 31/12/2020 and is out of force from that day', () => {
    const control = { UK: { controlled: 'MET' as const, codes: ['6E001'] } };
    const at = (asOf: string) =>
      run({ name: '', cites: '', control, asOf, activity: {}, expect: {} }).exemptions.find(
        (check) => check.key === 'UK-OGEL-Technology-for-Dual-Use-Items',
      );
    expect(at('2020-12-30')?.outcome).toBe('INDETERMINATE');
    expect(at('2020-12-31')?.outcome).toBe('DOES_NOT_APPLY');
    expect(at('2020-12-31')?.disqualifiersFired[0]?.textVerbatim).toBe('Revoked from 31/12/2020');
  });

  it('questions name the exemptions they would decide, with the fact description', () => {
    const result = run({
      name: '',
      cites: '',
      control: { US_EAR: { controlled: 'MET', codes: ['6E001'] } },
      activity: {},
      expect: {},
    });
    const question = result.questions.find((candidate) => candidate.fact === 'research_is_fundamental');
    expect(question?.exemptions).toContain('US-EAR-734.8');
    expect(question?.declaration.description).toMatch(/fundamental research/);
  });

  it('the disclaimer says it is not legal advice and names the editions caveats', () => {
    const result = run({
      name: '',
      cites: '',
      control: { US_EAR: { controlled: 'MET', codes: ['6E001'] } },
      activity: {},
      expect: {},
    });
    expect(result.disclaimer).toMatch(/not legal advice/);
    expect(result.disclaimer).toMatch(/paraphrase/);
    expect(result.disclaimer).toMatch(/2004/);
    expect(result.disclaimer).toMatch(/pre-September 2016/);
  });
});

describe('activity input', () => {
  const problemsOf = (
    inputs: ActivityFactInput[],
    destination?: string | null,
    derived: Parameters<typeof activityFactSet>[3] = null,
  ) => {
    try {
      activityFactSet(rules, inputs, destination, derived);
      return [];
    } catch (error) {
      if (error instanceof ActivityInputError) return error.problems;
      throw error;
    }
  };

  it('names an unknown fact, an item fact, a wrong value and a bad country code, all at once', () => {
    const problems = problemsOf(
      [
        { name: 'research_is_fundamentle', value: true },
        { name: 'frame_rate', value: 30, unit: 'Hz' },
        { name: 'prepublication_review', value: 'sometimes' },
        { name: 'sponsor_may_restrict_publication', value: 'yes' },
      ],
      'XX',
    );
    expect(problems.map((problem) => [problem.field, problem.rule])).toEqual([
      ['activity[0]', 'unknown-activity-fact'],
      ['activity[1]', 'item-fact-not-activity-fact'],
      ['activity[2]', 'enum-value'],
      ['activity[3]', 'boolean-fact'],
      ['destination', 'iso-3166-1-alpha-2'],
    ]);
    expect(problems[0]?.message).toMatch(/research_is_fundamental/);
  });

  it('accepts lower-case country codes and rejects withdrawn ones', () => {
    expect(problemsOf([], 'jp')).toEqual([]);
    expect(problemsOf([], 'UK').map((problem) => problem.rule)).toEqual(['iso-3166-1-alpha-2']);
  });

  it('derives the item type from product groups and refuses a contradiction', () => {
    expect(itemTypeOfCodes(['6E001', '6E002'])).toEqual({ value: 'technology', from: '6E001, 6E002' });
    expect(itemTypeOfCodes(['6A003', '6E001'])).toHaveProperty('conflict');
    const problems = problemsOf([{ name: 'item_type', value: 'technology' }], null, {
      value: 'commodity',
      from: '6A003',
    });
    expect(problems.map((problem) => problem.rule)).toEqual(['item-type-matches-provisions']);
  });
});

describe('encodings', () => {
  const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
  const fieldTexts = (record: SeedRecord, field: string): string[] => {
    const value = record[field];
    if (Array.isArray(value))
      return value.map((entry) => normalize(typeof entry === 'string' ? entry : JSON.stringify(entry)));
    return typeof value === 'string' ? [normalize(value)] : [];
  };
  const allTexts = (record: SeedRecord) => Object.keys(record).flatMap((field) => fieldTexts(record, field));

  it('encodes every exemption record', () => {
    expect([...rules.encodings.keys()].sort()).toEqual(seedRecords.map((record) => record.id).sort());
  });

  it('every condition and criterion quotes its record verbatim', () => {
    for (const [key, encoding] of rules.encodings) {
      const visit = (test: ConditionTest) => {
        const record = recordById.get(test.record ?? key);
        expect(record, `${key} ${test.id}: record ${test.record ?? key}`).toBeDefined();
        if (!record) return;
        const quoted = normalize(test.text);
        expect(
          fieldTexts(record, test.from).some((text) => text.includes(quoted)),
          `${key} ${test.id}: "${test.text}" in ${test.from}`,
        ).toBe(true);
        if ('when' in test) {
          forEachCriterion(test.when, (criterion) => {
            expect(
              allTexts(record).some((text) => text.includes(normalize(criterion.text))),
              `${key} ${test.id} ${criterion.id}: "${criterion.text}"`,
            ).toBe(true);
          });
        }
      };
      for (const test of [...encoding.requirements, ...encoding.disqualifiers]) forEachConditionTest(test, visit);
      if (encoding.validity)
        expect(fieldTexts(recordById.get(key) as SeedRecord, encoding.validity.from)).toContain(
          normalize(encoding.validity.text),
        );
    }
  });

  it('item types agree with the records, and each encoding rules out the item types it does not cover', () => {
    for (const [key, encoding] of rules.encodings) {
      const record = recordById.get(key) as SeedRecord;
      const fromRecord = itemTypesFromScopeLabels(record.applies_to).itemTypes.map((type) => type.toLowerCase());
      expect([...encoding.itemTypes].sort(), key).toEqual([...fromRecord].sort());
      const excluded = ['commodity', 'software', 'technology'].filter(
        (type) => !encoding.itemTypes.includes(type as 'commodity'),
      );
      if (excluded.length === 0) continue;
      const ruledOut = encoding.disqualifiers.flatMap((test) =>
        'when' in test && 'fact' in test.when && test.when.fact === 'item_type' && test.when.comparator === 'IN'
          ? test.when.values
          : [],
      );
      expect([...ruledOut].sort(), `${key}: item_type disqualifier`).toEqual(excluded);
    }
  });

  it('an undecidable condition keeps an exemption from applying even when every fact is favourable', () => {
    const encoding = rules.encodings.get('EU-UGEA-EU004');
    expect(encoding?.requirements.some((test) => 'undecidable' in test)).toBe(true);
    const result = run({
      name: '',
      cites: '',
      control: { EU: { controlled: 'MET', codes: ['6A003'] } },
      destination: 'IN',
      activity: {
        temporary_export_for_exhibition_or_fair: true,
        export_from_eu_customs_territory: true,
        exporter_registered_for_general_authorisation: true,
        wmd_end_use_concern: false,
      },
      expect: {},
    });
    const check = result.exemptions.find((candidate) => candidate.key === 'EU-UGEA-EU004');
    expect(check?.outcome).toBe('INDETERMINATE');
    // Every condition the facts decide holds; only the undecidable ones leave it open.
    const open = (check?.conditions ?? []).filter((condition) =>
      condition.role === 'DISQUALIFIER' ? condition.outcome !== 'UNSATISFIED' : condition.outcome !== 'SATISFIED',
    );
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((condition) => condition.undecidable !== null)).toBe(true);
    // The exclusions of Part 1 (Section I with Annex IV; 6A001 and 6A002.a by name) are not checked by code.
    expect(check?.undecidable.join(' ')).toMatch(/Section I .*Annex IV.*6A002\.a/);
  });
});
