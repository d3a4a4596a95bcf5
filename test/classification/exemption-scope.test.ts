// checkExemptions says what it did: every exemption of the regimes asked about gets a row or a
// reason it does not concern the item; list notes and the carve-outs written in an entry's text
// ask for the entry when none is known; questions about the activity alone are answered for the
// regimes their facts concern; the item type follows from the item kind; disqualifiers are a list
// of their own; answers given in people's words are read as the text allows; the overall verdict
// names the exemption it rests on. Each case cites the text it is written from.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  activityControl,
  ActivityInputError,
  checkExemptions,
  ENTRY_FACT,
  itemTypeOfCodes,
  itemTypeOfItemKind,
  readActivityFacts,
  regimesForActivity,
  type ActivityFactInput,
  type RegimeControl,
} from '../../src/classification/exemption-evaluation.js';
import type { NormalizedFact } from '../../src/classification/evaluate-expression.js';
import type { ExemptionRegime } from '../../src/classification/exemption-encoding-schema.js';
import { ITEM_KIND_FACT, loadExemptionRules } from '../../src/classification/exemption-rules.js';
import { normalizeFacts } from '../../src/classification/item-facts-input.js';
import { loadRulebook } from '../../src/classification/rulebook.js';
import type { Outcome } from '../../src/classification/three-valued.js';
import {
  licenceExceptionsAwaitingEntry,
  licenceExceptionsOfEntry,
  type LicenceExceptionRow,
} from '../../src/classification/exemption-licence-exceptions.js';
import { loadUsCountryTables } from '../../src/classification/us-country-chart.js';
import { seedExemptionRecords, testExemptionRecords } from '../support/exemption-records.js';

const rulebook = loadRulebook();
const tables = loadUsCountryTables();
const usEntries = (
  JSON.parse(readFileSync(new URL('../../seed/data/control_entries.json', import.meta.url), 'utf8')) as {
    code: string;
    regime: string;
    license_exceptions?: Record<string, string>;
    control_table?: { control: string; country_chart: string | null }[];
  }[]
).filter((entry) => entry.regime.startsWith('US'));
/** The entry's License Exceptions section and control table, as seed/data/control_entries.json holds them. */
function entryTexts(code: string) {
  const entry = usEntries.find((candidate) => candidate.code === code.split('.')[0]);
  if (!entry) throw new Error(`no US entry for ${code}`);
  return {
    code,
    texts: entry.license_exceptions ?? {},
    controlTable: (entry.control_table ?? []).map((line) => ({
      control: line.control,
      countryChart: line.country_chart,
    })),
  };
}
const rules = loadExemptionRules(rulebook);
const records = testExemptionRecords();

type Value = string | boolean | number;

interface Ask {
  /** Codes given per regime (provisions mode); omitted with `item` for item mode, both omitted for the activity alone. */
  codes?: Partial<Record<ExemptionRegime, string[]>>;
  /** Item mode: the classification's paragraphs per regime. */
  classified?: Partial<
    Record<ExemptionRegime, { controlled: Outcome; paragraphs: { code: string; outcome: Outcome }[] }>
  >;
  item?: { name: string; value: Value; unit?: string }[];
  activity?: Record<string, Value>;
  regimes?: ExemptionRegime[];
  destination?: string;
  focus?: string;
  /** Read the US entries' licence exceptions (with the destination, when given). */
  licence?: boolean;
}

/** As the service does it: codes, else the item's classification, else the activity alone. */
function check(ask: Ask) {
  const codes = Object.values(ask.codes ?? {}).flat();
  const itemFacts = new Map<string, NormalizedFact>(normalizeFacts(rulebook, ask.item ?? []));
  const typed = itemTypeOfCodes(codes);
  const derived = (typed && !('conflict' in typed) ? typed : null) ?? itemTypeOfItemKind(rules, itemFacts);
  const inputs: ActivityFactInput[] = Object.entries(ask.activity ?? {}).map(([name, value]) => ({ name, value }));
  const { facts: activity, readings } = readActivityFacts(rules, inputs, ask.destination, derived);
  let control: RegimeControl[];
  let mode: 'provisions' | 'item' | 'activity';
  if (ask.codes) {
    mode = 'provisions';
    control = Object.entries(ask.codes).map(([regime, given]) => ({
      regime: regime as ExemptionRegime,
      controlled: 'MET',
      basis: `test: ${given.join(', ')}`,
      paragraphs: given.map((code) => ({ code, outcome: 'MET' as const })),
      missingFacts: [],
    }));
  } else if (ask.classified) {
    mode = 'item';
    control = Object.entries(ask.classified).map(([regime, status]) => ({
      regime: regime as ExemptionRegime,
      controlled: status.controlled,
      basis: 'test classification',
      paragraphs: status.paragraphs,
      missingFacts:
        status.controlled === 'UNKNOWN' ? ['frame_rate', 'peak_response_wavelength', 'space_qualified'] : [],
    }));
  } else {
    mode = 'activity';
    control = activityControl(ask.regimes ?? regimesForActivity(rules, new Set(activity.keys())));
  }
  const facts = new Map([...itemFacts, ...activity]);
  const us = control.find((regime) => regime.regime === 'US_EAR');
  const licenceExceptions: LicenceExceptionRow[] =
    !ask.licence || !us || us.controlled === 'NOT_MET'
      ? []
      : us.paragraphs.length === 0
        ? licenceExceptionsAwaitingEntry()
        : us.paragraphs
            .filter((paragraph) => paragraph.outcome !== 'NOT_MET')
            .flatMap((paragraph) =>
              licenceExceptionsOfEntry(entryTexts(paragraph.code), ask.destination ?? null, {
                tables,
                rulebook,
                facts,
              }),
            );
  const result = checkExemptions({
    rules,
    records,
    licenceExceptions,
    facts,
    control,
    mode,
    asOf: new Date('2026-07-01T00:00:00Z'),
    focus: ask.focus ?? null,
  });
  const row = (key: string) => {
    const found = result.exemptions.find((candidate) => candidate.key === key);
    if (!found) throw new Error(`${key} has no row: ${result.exemptions.map((candidate) => candidate.key).join(', ')}`);
    return found;
  };
  return { ...result, readings, row };
}

const NOT_ENCRYPTION = {
  is_encryption_software_controlled_5d002: false,
  is_mass_market_encryption_5d992_over_64_bit: false,
};

const FUNDAMENTAL = {
  research_is_fundamental: true,
  results_intended_for_publication: true,
  prepublication_review: 'none',
  sponsor_may_restrict_publication: false,
  researchers_accepted_restrictions: false,
};

describe('questions about the activity alone (no entry, no item facts)', () => {
  it('15 CFR 734.8(a)-(c): fundamental research intended for publication, nothing accepted that restricts it -> the EAR does not apply; the verdict says so and names 734.8', () => {
    const result = check({ activity: { ...FUNDAMENTAL, item_type: 'technology' } });
    expect(result.regimes.map((regime) => regime.regime)).toEqual(['US_EAR']);
    expect(result.row('US-EAR-734.8').outcome).toBe('APPLIES');
    expect(result.verdict).toBe('EXEMPT');
    expect(result.classificationUnknown).toBe(true);
    expect(result.restsOn).toEqual(['US-EAR-734.8']);
    expect(result.reason).toMatch(/^Exempt in US_EAR under 15 CFR 734\.8 \(Technology or software that arises/);
    expect(result.reason).toMatch(/not subject to the EAR/);
  });

  it('15 CFR 734.8(c) the other way: restrictions accepted for proprietary reasons -> 734.8 does not apply, the verdict stays open and names what is nearest', () => {
    const result = check({
      activity: { ...FUNDAMENTAL, researchers_accepted_restrictions: true, item_type: 'technology' },
    });
    const research = result.row('US-EAR-734.8');
    expect(research.outcome).toBe('DOES_NOT_APPLY');
    expect(research.disqualifiers.find((condition) => condition.id === 'restrictions-accepted')?.outcome).toBe(
      'SATISFIED',
    );
    expect(result.verdict).toBe('INDETERMINATE');
    expect(result.restsOn).not.toContain('US-EAR-734.8');
    expect(result.restsOn).toHaveLength(1);
    const nearest = records.get(result.restsOn[0] ?? '');
    expect(result.reason).toContain(nearest?.legalBasis ?? '???');
  });

  it('a question with no facts at all is answered (not refused): every regime, and the entry is asked for', () => {
    const result = check({});
    expect(result.regimes.map((regime) => regime.regime)).toEqual(['US_EAR', 'EU', 'UK', 'WASSENAAR']);
    expect(result.verdict).toBe('INDETERMINATE');
    expect(result.questions.some((question) => question.fact === ENTRY_FACT)).toBe(true);
    expect(result.reason).toMatch(/whether the item is controlled in US_EAR, EU, UK and WASSENAAR is unknown/);
  });

  it('EU Regulation 2021/821 definition of basic scientific research: work to acquire new knowledge -> EU-DEF applies for the EU alone; a practical aim rules it out', () => {
    const basic = check({
      activity: {
        research_is_basic_scientific: true,
        research_directed_towards_specific_practical_aim: false,
        item_type: 'technology',
      },
    });
    expect(basic.regimes.map((regime) => regime.regime)).toContain('EU');
    expect(basic.regimes.map((regime) => regime.regime)).not.toContain('US_EAR');
    expect(basic.row('EU-DEF-basic-scientific-research').outcome).toBe('APPLIES');
    const eu = basic.regimes.find((regime) => regime.regime === 'EU');
    expect(eu?.verdict).toBe('EXEMPT');
    const applied = check({
      activity: {
        research_is_basic_scientific: true,
        research_directed_towards_specific_practical_aim: true,
        item_type: 'technology',
      },
      regimes: ['EU'],
    });
    expect(applied.row('EU-DEF-basic-scientific-research').outcome).toBe('DOES_NOT_APPLY');
    expect(applied.verdict).not.toBe('EXEMPT');
  });

  it('15 CFR 734.9 (pre-2016 text): release by instruction in catalog courses -> applies; not so released -> does not', () => {
    const taught = check({
      activity: { released_by_instruction_in_catalog_courses: true, item_type: 'technology', ...NOT_ENCRYPTION },
      regimes: ['US_EAR'],
    });
    expect(taught.row('US-EAR-734.9').outcome).toBe('APPLIES');
    expect(taught.verdict).toBe('EXEMPT');
    expect(taught.reason).toContain('15 CFR 734.9');
    const notTaught = check({
      activity: { released_by_instruction_in_catalog_courses: false, item_type: 'technology', ...NOT_ENCRYPTION },
      regimes: ['US_EAR'],
    });
    expect(notTaught.row('US-EAR-734.9').outcome).toBe('DOES_NOT_APPLY');
  });

  it('15 CFR 734.7: already published without dissemination restrictions -> applies; classified information -> ruled out by its disqualifier', () => {
    const published = {
      information_already_published: true,
      made_available_without_dissemination_restrictions: true,
      is_encryption_software_controlled_5d002: false,
      item_type: 'technology',
    };
    const open = check({
      activity: { ...published, information_is_classified_or_confidential: false },
      regimes: ['US_EAR'],
    });
    expect(open.row('US-EAR-734.7').outcome).toBe('APPLIES');
    expect(open.restsOn).toContain('US-EAR-734.7');
    const classified = check({
      activity: { ...published, information_is_classified_or_confidential: true },
      regimes: ['US_EAR'],
    });
    const row = classified.row('US-EAR-734.7');
    expect(row.outcome).toBe('DOES_NOT_APPLY');
    expect(row.disqualifiersFired.map((condition) => condition.id)).toEqual(['classified']);
  });

  it('EU General Technology Note (public domain): freely available -> applies in the EU; shared abroad before publication -> ruled out', () => {
    const activity = {
      information_already_published: true,
      made_available_without_dissemination_restrictions: true,
      is_encryption_software_controlled_5d002: false,
      item_type: 'technology',
    };
    const open = check({ activity: { ...activity, shared_overseas_before_publication: false }, regimes: ['EU'] });
    expect(open.row('EU-GTN-public-domain-academic').outcome).toBe('APPLIES');
    const early = check({ activity: { ...activity, shared_overseas_before_publication: true }, regimes: ['EU'] });
    expect(early.row('EU-GTN-public-domain-academic').outcome).toBe('DOES_NOT_APPLY');
  });

  it('15 CFR 740.13(a) TSU operation technology: minimum necessary for a lawfully exported product -> applies; with development technology -> ruled out', () => {
    const operation = {
      tsu_category: 'operation_technology',
      minimum_necessary_for_installation_operation_maintenance_repair: true,
      product_lawfully_exported: true,
      eccn_restricts_minimum_necessary: false,
      item_type: 'technology',
    };
    expect(
      check({ activity: { ...operation, includes_development_or_production_technology: false } }).row(
        'US-EAR-740.13-TSU',
      ).outcome,
    ).toBe('APPLIES');
    const development = check({ activity: { ...operation, includes_development_or_production_technology: true } });
    expect(development.row('US-EAR-740.13-TSU').outcome).toBe('DOES_NOT_APPLY');
    expect(development.row('US-EAR-740.13-TSU').disqualifiersFired.map((condition) => condition.id)).toEqual([
      'development-production',
    ]);
  });
});

describe('exemptions written for list entries: never dropped', () => {
  const provisionSpecific = [...rules.encodings].filter(([, encoding]) => encoding.provisions).map(([key]) => key);

  it('with no entry, every list note and carve-out of the regimes asked about is a row, INDETERMINATE asking for the entry', () => {
    const result = check({ regimes: ['US_EAR', 'EU'], activity: { item_type: 'commodity' } });
    const inRegimes = provisionSpecific.filter((key) =>
      rules.encodings.get(key)?.regimes.some((regime) => regime === 'US_EAR' || regime === 'EU'),
    );
    expect(inRegimes.length).toBeGreaterThanOrEqual(8);
    for (const key of inRegimes) {
      const row = result.row(key);
      const entry = row.requirements.find((condition) => condition.role === 'ENTRY');
      expect(entry?.outcome, key).toBe('UNKNOWN');
      if (row.outcome === 'INDETERMINATE') expect(row.missingFacts, key).toContain(ENTRY_FACT);
    }
    expect(result.outOfScope).toEqual([]);
    const question = result.questions.find((candidate) => candidate.fact === ENTRY_FACT);
    expect(question?.declaration.type === 'enum' ? question.declaration.values : []).toEqual(
      expect.arrayContaining(['6A003.b.4.b', '6A002.f']),
    );
    // The 6E001 TSR carve-out concerns technology: for a commodity it is ruled out, so its entry is not asked.
    expect(result.row('US-CCL-6E001-TSR-automotive').outcome).toBe('DOES_NOT_APPLY');
    expect(question?.declaration.type === 'enum' ? question.declaration.values : []).not.toContain('6E001');
  });

  it('6A003 Note 3.a (US CCL): with the entry 6A003.b.4.b, a 9 Hz camera is released (frame rate equal to or less than 9 Hz)', () => {
    const result = check({ codes: { US_EAR: ['6A003.b.4.b'] }, item: [{ name: 'frame_rate', value: 9, unit: 'Hz' }] });
    const note = result.row('US-CCL-6A003-Note3');
    expect(note.outcome).toBe('APPLIES');
    expect(note.requirements.some((condition) => condition.role === 'ENTRY')).toBe(false);
    expect(result.reason).toContain('6A993.a');
  });

  it('6A003 Note 3.a the other way: 9.5 Hz is above 9 Hz, so only the notes the record holds in part (3.b, 3.c) could release it: undecided', () => {
    const result = check({
      codes: { US_EAR: ['6A003.b.4.b'] },
      item: [{ name: 'frame_rate', value: 9.5, unit: 'Hz' }],
    });
    const note = result.row('US-CCL-6A003-Note3');
    expect(note.outcome).toBe('INDETERMINATE');
    expect(note.undecidable.join(' ')).toMatch(/Note 3/);
  });

  it('6A003 Note 3 is written for 6A003.b.4.b: with 6A003.a it is out of scope, and the reason names both', () => {
    const result = check({ codes: { US_EAR: ['6A003.a'] } });
    expect(result.exemptions.some((row) => row.key === 'US-CCL-6A003-Note3')).toBe(false);
    const out = result.outOfScope.find((entry) => entry.key === 'US-CCL-6A003-Note3');
    expect(out?.reason).toMatch(/6A003\.b\.4\.b/);
    expect(out?.reason).toMatch(/6A003\.a/);
  });

  it('an item whose classification rules out 6A003.b.4.b: Note 3 is out of scope, saying the facts rule it out', () => {
    const result = check({
      classified: { US_EAR: { controlled: 'NOT_MET', paragraphs: [{ code: '6A003.b.4.b', outcome: 'NOT_MET' }] } },
      item: [{ name: ITEM_KIND_FACT, value: 'camera' }],
    });
    expect(result.outOfScope.find((entry) => entry.key === 'US-CCL-6A003-Note3')?.reason).toMatch(
      /not controlled in US_EAR/,
    );
  });

  it('6E001 License Exceptions, TSR exclusion (3): technology for 6A003 cameras not for civil automotive integration rules TSR out; for that integration it does not', () => {
    const excluded = check({
      codes: { US_EAR: ['6E001'] },
      activity: {
        technology_for_6a003_cameras: true,
        technology_for_integration_into_civil_automotive_camera_systems: false,
      },
    });
    const tsr = excluded.row('US-CCL-6E001-TSR-automotive');
    expect(tsr.outcome).toBe('DOES_NOT_APPLY');
    expect(tsr.disqualifiers.find((condition) => condition.id === '6a003-camera-technology')?.outcome).toBe(
      'SATISFIED',
    );
    const integration = check({
      codes: { US_EAR: ['6E001'] },
      activity: {
        technology_for_6a003_cameras: true,
        technology_for_integration_into_civil_automotive_camera_systems: true,
      },
    });
    const open = integration.row('US-CCL-6E001-TSR-automotive');
    expect(open.outcome).toBe('INDETERMINATE');
    expect(open.disqualifiers.every((condition) => condition.outcome === 'UNSATISFIED')).toBe(true);
  });

  it('the 6E001 TSR carve-out with no entry: INDETERMINATE naming 6E001 and 6E002, never silently left out', () => {
    const result = check({ activity: { technology_for_6a003_cameras: true } });
    const tsr = result.row('US-CCL-6E001-TSR-automotive');
    expect(tsr.outcome).toBe('INDETERMINATE');
    expect(tsr.reason).toMatch(/US_EAR 6E001, US_EAR 6E002/);
    expect(tsr.missingFacts).toContain(ENTRY_FACT);
  });
});

describe('the item type follows from the item kind', () => {
  it('15 CFR 734.8 does not apply to physical commodities: an item of kind camera is a commodity, without being asked', () => {
    const result = check({
      classified: { US_EAR: { controlled: 'UNKNOWN', paragraphs: [{ code: '6A003.b.4.b', outcome: 'UNKNOWN' }] } },
      item: [{ name: ITEM_KIND_FACT, value: 'camera' }],
      activity: FUNDAMENTAL,
    });
    const research = result.row('US-EAR-734.8');
    expect(research.outcome).toBe('DOES_NOT_APPLY');
    expect(research.disqualifiersFired.map((condition) => condition.id)).toEqual(['hardware']);
    expect(research.disqualifiersFired[0]?.traces[0]?.given).toMatch(/item_kind camera/);
    expect(result.questions.some((question) => question.fact === 'item_type')).toBe(false);
  });

  it('an item kind the lists do not place ("other") says nothing: the item type is still asked', () => {
    const result = check({
      classified: { US_EAR: { controlled: 'UNKNOWN', paragraphs: [] } },
      item: [{ name: ITEM_KIND_FACT, value: 'other' }],
      activity: FUNDAMENTAL,
    });
    expect(result.row('US-EAR-734.8').outcome).toBe('INDETERMINATE');
    expect(result.questions.some((question) => question.fact === 'item_type')).toBe(true);
  });

  it('every item kind of the vocabulary except "other" is placed (all name systems, equipment or components: product group A)', () => {
    const declaration = rulebook.facts.get(ITEM_KIND_FACT)?.declaration;
    const kinds = declaration?.type === 'enum' ? declaration.values : [];
    expect(kinds.length).toBeGreaterThan(10);
    const unplaced = kinds.filter((kind) => rules.itemTypeOfKind(kind) === null);
    expect(unplaced).toEqual(['other']);
    const mapping = rules.itemTypeOfItemKind;
    for (const kind of [...(mapping?.commodity ?? []), ...(mapping?.software ?? []), ...(mapping?.technology ?? [])])
      expect(kinds, kind).toContain(kind);
  });

  it('codes win over the item kind: 6E001 technology for a camera is technology', () => {
    const result = check({
      codes: { US_EAR: ['6E001'] },
      item: [{ name: ITEM_KIND_FACT, value: 'camera' }],
      activity: FUNDAMENTAL,
    });
    expect(result.row('US-EAR-734.8').outcome).toBe('APPLIES');
  });
});

describe('disqualifiers are a list of their own', () => {
  it('an exemption that applies has every requirement SATISFIED and every disqualifier, apart, not holding', () => {
    const research = check({ codes: { US_EAR: ['6E001'] }, activity: FUNDAMENTAL }).row('US-EAR-734.8');
    expect(research.outcome).toBe('APPLIES');
    expect(research.requirements.length).toBeGreaterThan(0);
    expect(research.requirements.every((condition) => condition.outcome === 'SATISFIED')).toBe(true);
    expect(research.requirements.some((condition) => condition.role === 'DISQUALIFIER')).toBe(false);
    expect(research.disqualifiers.map((condition) => condition.id)).toEqual([
      'sponsor-may-restrict',
      'restrictions-accepted',
      'hardware',
    ]);
    expect(research.disqualifiers.every((condition) => condition.outcome === 'UNSATISFIED')).toBe(true);
    expect(research.disqualifiersFired).toEqual([]);
  });
});

describe('answers in the words people use (15 CFR 734.8(b), (c))', () => {
  const base = { research_is_fundamental: true, results_intended_for_publication: true, item_type: 'technology' };

  it('"we accepted no publication restrictions" answers the prepublication-review question: the researchers are free to publish without restriction', () => {
    const result = check({ activity: { ...base, prepublication_review: 'We accepted no publication restrictions.' } });
    expect(result.row('US-EAR-734.8').outcome).toBe('APPLIES');
    expect(result.verdict).toBe('EXEMPT');
    expect(result.readings).toHaveLength(1);
    expect(result.readings[0]?.readAs).toEqual([
      { fact: 'prepublication_review', value: 'free_to_publish_without_restriction', overriddenBy: null },
      { fact: 'researchers_accepted_restrictions', value: false, overriddenBy: null },
      { fact: 'sponsor_may_restrict_publication', value: false, overriddenBy: null },
    ]);
    expect(result.readings[0]?.text.join(' ')).toMatch(/free to publish .* without restriction/);
  });

  it('"no restrictions accepted" answers whether restrictions were accepted (734.8(c)) with no', () => {
    const result = check({
      activity: {
        ...base,
        prepublication_review: 'none',
        sponsor_may_restrict_publication: false,
        researchers_accepted_restrictions: 'no restrictions accepted',
      },
    });
    expect(result.row('US-EAR-734.8').outcome).toBe('APPLIES');
  });

  it('a fact given explicitly wins over words: a sponsor that may withhold publication still rules 734.8 out, and the reading says its value was not used', () => {
    const result = check({
      activity: { ...base, prepublication_review: 'no restrictions accepted', sponsor_may_restrict_publication: true },
    });
    expect(result.row('US-EAR-734.8').outcome).toBe('DOES_NOT_APPLY');
    expect(result.readings[0]?.readAs.find((meaning) => meaning.fact === 'sponsor_may_restrict_publication')).toEqual({
      fact: 'sponsor_may_restrict_publication',
      value: false,
      overriddenBy: 'a fact given explicitly',
    });
  });

  it('734.8(b) the other way: a review of any other kind (approval of content) leaves the researchers not free to publish', () => {
    const result = check({
      activity: {
        ...base,
        prepublication_review: 'other',
        sponsor_may_restrict_publication: false,
        researchers_accepted_restrictions: false,
      },
    });
    const research = result.row('US-EAR-734.8');
    expect(research.outcome).toBe('DOES_NOT_APPLY');
    expect(research.requirements.find((condition) => condition.id === 'free-to-publish')?.outcome).toBe('UNSATISFIED');
  });

  it('15 CFR 734.7(a): "presented at an open conference" answers whether the information is already published; 734.7 applies', () => {
    const result = check({
      activity: {
        information_already_published: 'Presented at an open conference.',
        made_available_without_dissemination_restrictions: true,
        information_is_classified_or_confidential: false,
        is_encryption_software_controlled_5d002: false,
        item_type: 'technology',
      },
      regimes: ['US_EAR'],
    });
    expect(result.row('US-EAR-734.7').outcome).toBe('APPLIES');
    expect(result.readings[0]).toMatchObject({
      record: 'US-EAR-734.7',
      readAs: [{ fact: 'information_already_published', value: true, overriddenBy: null }],
    });
  });

  it('734.7 the other way: an intention to publish is not among the forms, so "we intend to publish" is refused rather than read as published', () => {
    expect(() =>
      readActivityFacts(rules, [{ name: 'information_already_published', value: 'we intend to publish' }], null, null),
    ).toThrow(/yes\/no fact.*"published in a journal"/);
  });

  it('words no answer form holds are refused, naming the choices and the words accepted', () => {
    expect(() => readActivityFacts(rules, [{ name: 'prepublication_review', value: 'sometimes' }], null, null)).toThrow(
      ActivityInputError,
    );
    try {
      readActivityFacts(rules, [{ name: 'prepublication_review', value: 'sometimes' }], null, null);
    } catch (error) {
      expect((error as ActivityInputError).message).toMatch(/patent_rights_only.*"no restrictions accepted"/);
    }
  });
});

describe('answer forms are grounded', () => {
  it('every answer form quotes the legal text of its record verbatim and settles the question it answers', () => {
    const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
    const byId = new Map(seedExemptionRecords().map((record) => [record.id, record]));
    const forms = [...rules.answerForms.values()].flatMap((byWords) => [...byWords.values()]);
    expect(forms.length).toBeGreaterThanOrEqual(3);
    for (const form of forms) {
      const record = byId.get(form.record);
      const legal = ((record?.text_verbatim as string[] | undefined) ?? []).map(normalize);
      for (const passage of form.text)
        expect(
          legal.some((text) => text.includes(normalize(passage))),
          passage,
        ).toBe(true);
      expect(form.means.map((meaning) => meaning.fact)).toContain(form.fact);
    }
  });
});

describe('question order and the verdict sentence', () => {
  it('the questions of the exemption asked about come first, those only the classification needs last', () => {
    const result = check({
      classified: { US_EAR: { controlled: 'UNKNOWN', paragraphs: [{ code: '6A003.b.4.b', outcome: 'UNKNOWN' }] } },
      focus: 'US-EAR-740.12-GFT',
    });
    const facts = result.questions.map((question) => question.fact);
    const gft = result.row('US-EAR-740.12-GFT');
    expect(gft.missingFacts.length).toBeGreaterThan(0);
    expect(facts.slice(0, gft.missingFacts.length).sort()).toEqual([...gft.missingFacts].sort());
    const firstClassificationOnly = result.questions.findIndex((question) => question.exemptions.length === 0);
    const lastForExemptions = result.questions.map((question) => question.exemptions.length > 0).lastIndexOf(true);
    expect(firstClassificationOnly).toBeGreaterThan(lastForExemptions);
    expect(result.reason).toContain('15 CFR 740.12');
    expect(result.restsOn).toEqual(['US-EAR-740.12-GFT']);
  });

  it('a licence likely required names the regime and the count of exemptions checked, in one sentence', () => {
    const result = check({
      classified: { US_EAR: { controlled: 'MET', paragraphs: [{ code: '6A003.b.4.b', outcome: 'MET' }] } },
      activity: { item_type: 'commodity', export_is_gift_parcel_or_humanitarian_donation: false },
    });
    expect(result.verdict).toBe('LICENCE_LIKELY_REQUIRED');
    expect(result.reason).toMatch(
      /^A licence is likely required in US_EAR: .* none of the \d+ exemptions checked applies/,
    );
    expect(result.reason.split(/\.\s+[A-Z]/)).toHaveLength(1);
  });
});

describe('the list-based licence exceptions of the US entry (6A003, License Exceptions section)', () => {
  const context = { tables, rulebook, facts: new Map() };
  const read = (code: string, destination: string | null) =>
    new Map(licenceExceptionsOfEntry(entryTexts(code), destination, context).map((row) => [row.code, row]));

  it('LVS "$1500, except N/A for ... b.1, b.3 and b.4": N/A for 6A003.b.4.b; for 6A003.a.1 the $1500 limit is left to check', () => {
    expect(read('6A003.b.4.b', 'JP').get('LVS')?.outcome).toBe('DOES_NOT_APPLY');
    const other = read('6A003.a.1', 'JP').get('LVS');
    expect(other?.outcome).toBe('INDETERMINATE');
    expect(other?.openConditions.join(' ')).toMatch(/\$1,500/);
  });

  it('GBS "N/A": does not apply, even before the destination is known; the rest then ask for the destination', () => {
    const rows = read('6A003.b.4.b', null);
    expect(rows.get('GBS')?.outcome).toBe('DOES_NOT_APPLY');
    expect(rows.get('STA')?.outcome).toBe('INDETERMINATE');
    expect(rows.get('STA')?.missingFacts).toEqual(['destination_country']);
  });

  it('STA "may not be used to ship any commodity in 6A003.b.3 or b.4 to ... Country Group A:6": barred for Israel (A:6), left open for Japan', () => {
    expect(read('6A003.b.4.b', 'IL').get('STA')?.outcome).toBe('DOES_NOT_APPLY');
    expect(read('6A003.b.4.b', 'JP').get('STA')?.outcome).toBe('INDETERMINATE');
  });

  it('with no entry known, LVS, GBS, TSR and STA are rows asking for the entry', () => {
    const rows = licenceExceptionsAwaitingEntry();
    expect(rows.map((row) => row.code)).toEqual(['LVS', 'GBS', 'TSR', 'STA']);
    expect(rows.every((row) => row.outcome === 'INDETERMINATE' && row.missingFacts.includes(ENTRY_FACT))).toBe(true);
    const result = check({ regimes: ['US_EAR'], licence: true });
    expect(result.licenceExceptions).toHaveLength(4);
    expect(result.questions.find((question) => question.fact === ENTRY_FACT)?.exemptions).toContain('US-EAR-740.3-LVS');
  });

  it('a controlled 6A003.b.4.b camera for Israel: no exemption, and every exception the entry names ruled out -> licence likely required', () => {
    const result = check({
      classified: { US_EAR: { controlled: 'MET', paragraphs: [{ code: '6A003.b.4.b', outcome: 'MET' }] } },
      activity: { item_type: 'commodity', export_is_gift_parcel_or_humanitarian_donation: false },
      destination: 'IL',
      licence: true,
    });
    expect(result.licenceExceptions.map((row) => [row.code, row.outcome])).toEqual([
      ['LVS', 'DOES_NOT_APPLY'],
      ['GBS', 'DOES_NOT_APPLY'],
      ['STA', 'DOES_NOT_APPLY'],
    ]);
    expect(result.verdict).toBe('LICENCE_LIKELY_REQUIRED');
    expect(result.regimes[0]?.reason).toMatch(/none of the licence exceptions its entry names \(LVS, GBS, STA\)/);
  });

  it('the same camera for Japan: STA is not barred by the entry, so the verdict stays open and names STA', () => {
    const result = check({
      classified: { US_EAR: { controlled: 'MET', paragraphs: [{ code: '6A003.b.4.b', outcome: 'MET' }] } },
      activity: { item_type: 'commodity', export_is_gift_parcel_or_humanitarian_donation: false },
      destination: 'JP',
      licence: true,
    });
    expect(result.verdict).toBe('INDETERMINATE');
    expect(result.reason).toMatch(
      /^Undecided in US_EAR: no exemption applies, but License Exception STA \(15 CFR 740\.20\) may/,
    );
    expect(result.restsOn).toEqual(['US-EAR-740.20-STA@6A003.b.4.b']);
  });
});
