// "Do I need a licence to ship this there?": the destination resolved, the item's control
// status per regime (the codes given, or the item's facts classified with classifyItem), the
// US entries' control tables and licence exceptions read from the database, then the pure
// engines: the Country Chart for the EAR, the general authorisations for the EU (through the
// exemption check, which holds their destination and item scope), and what the data allows for
// the UK. Every answer carries the disclaimer.
import type { NormalizedFact } from '../classification/evaluate-expression.js';
import { isIsoCountryCode } from '../classification/iso-countries.js';
import { normalizeFacts, type FactInput } from '../classification/item-facts-input.js';
import {
  DISCLAIMER,
  LICENCE_REGIMES,
  type ExceptionCheck,
  type LicenceQuestion,
  type LicenceRegime,
  type RegimeLicenceAnswer,
} from '../classification/licence-answer.js';
import { entryOf, isUnder } from '../classification/paragraph-refs.js';
import type { Rulebook } from '../classification/rulebook.js';
import type { ExemptionRules } from '../classification/exemption-rules.js';
import { loadUsCountryTables, type UsCountryTables } from '../classification/us-country-chart.js';
import type { ControlLine } from '../classification/us-control-lines.js';
import { SHIPMENT_VALUE_FACT } from '../classification/us-licence-exceptions.js';
import {
  CRIMEA_REGIONS_FACT,
  usLicenceRequirement,
  type UsEntryInput,
} from '../classification/us-licence-requirement.js';
import { isoDay, todayUtc } from '../domain/calendar-date.js';
import { workCheckpoint } from '../domain/cancellable-work.js';
import { provisionVersionWhere } from '../domain/point-in-time.js';
import { InvalidArgumentError } from '../errors.js';
import type { Citation, PrismaClient, Regime } from '../generated/prisma/client.js';
import { loadQueryUnderstandingRules } from '../search/query-understanding.js';
import { DestinationLookup } from './destination-lookup.js';
import { checkExemptionsFor } from './exemption-check.js';
import { classifyItem, type ItemClassification } from './item-classification.js';
import { NO_EXTRA_COLUMNS } from './provision-citations.js';

export interface LicenceRequirementInput {
  /** ISO 3166-1 alpha-2 code or country name, any case. */
  destination: string;
  provisions: readonly string[] | null;
  item: readonly FactInput[] | null;
  /** Default: US_EAR, EU and UK. */
  regimes: readonly Regime[] | null;
  activity: readonly FactInput[];
  asOf: Date | null;
}

export interface RegimeLicenceResult extends RegimeLicenceAnswer {
  citations: Citation[];
}

export interface LicenceRequirementAnswer {
  destination: { code: string; name: string };
  asOf: Date;
  regimes: RegimeLicenceResult[];
  disclaimer: string;
}

/** A fact about the export that licenceRequirement accepts in `activity` besides the rulebook's. */
export interface LicenceActivityFact {
  name: string;
  type: 'number' | 'boolean';
  description: string;
  source: string;
}

/** The exemption check's activity fact for an export leaving the Union (Art. 2(1) of Regulation (EU) 2021/821). */
const EU_EXPORT_FACT = 'export_from_eu_customs_territory';

export const LICENCE_ACTIVITY_FACTS: readonly LicenceActivityFact[] = [
  {
    name: SHIPMENT_VALUE_FACT,
    type: 'number',
    description: 'Value of the shipment in US dollars (a plain number, no unit).',
    source: 'The LVS value limit in an ECCN\'s License Exceptions section (e.g. 6A003: "LVS: $1500, ...").',
  },
  {
    name: CRIMEA_REGIONS_FACT,
    type: 'boolean',
    description:
      "Whether the goods go to (or within) the Crimea region of Ukraine or the so-called Donetsk or Luhansk People's Republic regions.",
    source: 'Commerce Country Chart footnotes 8 and 9 (§ 746.6).',
  },
  {
    name: EU_EXPORT_FACT,
    type: 'boolean',
    description:
      'Whether the goods leave the customs territory of the European Union (an export from an EU Member State in the sense of Article 2(1) of Regulation (EU) 2021/821).',
    source: 'Regulation (EU) 2021/821, Article 2(1) ("export") and the general export authorisations of Annex II.',
  },
  {
    name: 'embedded_in_civil_product',
    type: 'boolean',
    description:
      'Whether the item is being exported or reexported to be embedded in a civil product (also accepted in item.facts).',
    source: '6A003 control table: RS Column 1 / RS Column 2 for 6A003.b.4.b.',
  },
];

const FIELD = 'input';
const API_REGIME: Record<LicenceRegime, Regime> = { US_EAR: 'US_EAR', EU: 'EU', UK: 'UK' };

const controlLineSchema = (value: unknown): ControlLine[] => {
  if (!Array.isArray(value)) return [];
  return value.flatMap((line: unknown) => {
    if (typeof line !== 'object' || line === null) return [];
    const record = line as Record<string, unknown>;
    if (typeof record.control !== 'string') return [];
    const cell = record.countryChart ?? record.country_chart;
    return [{ control: record.control, countryChart: typeof cell === 'string' ? cell : null }];
  });
};

const licenceExceptionsOf = (value: unknown): Record<string, string> | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(value)) if (typeof text === 'string') out[key] = text;
  return out;
};

export class LicenceRequirements {
  private tables: UsCountryTables | undefined;
  private lookup: Promise<DestinationLookup> | undefined;

  constructor(
    private readonly deps: { prisma: PrismaClient; rulebook: Rulebook; exemptionRules: ExemptionRules },
    tables?: UsCountryTables,
  ) {
    this.tables = tables;
  }

  /** The Country Chart and Country Groups, read once. */
  countryTables(): UsCountryTables {
    this.tables ??= loadUsCountryTables();
    return this.tables;
  }

  private destinations(): Promise<DestinationLookup> {
    this.lookup ??= loadQueryUnderstandingRules().then((rules) => new DestinationLookup(this.countryTables(), rules));
    return this.lookup;
  }

  activityFacts(): readonly LicenceActivityFact[] {
    return LICENCE_ACTIVITY_FACTS;
  }

  async answer(input: LicenceRequirementInput): Promise<LicenceRequirementAnswer> {
    // Not started for a stopped request (see domain/cancellable-work.ts).
    await workCheckpoint();
    const { prisma, rulebook } = this.deps;
    const tables = this.countryTables();
    const destination = (await this.destinations()).resolve(input.destination, `${FIELD}.destination`);
    const asOf = input.asOf ?? todayUtc();
    const regimes = this.regimesOf(input.regimes);
    const itemFacts = input.item
      ? normalizeFacts(rulebook, input.item, `${FIELD}.item.facts`)
      : new Map<string, NormalizedFact>();
    const activity = this.activityOf(input.activity);
    const facts = new Map<string, NormalizedFact>([...activity.rulebookFacts, ...itemFacts]);
    const codes = [...new Set((input.provisions ?? []).map((code) => code.trim()))];
    if (codes.length === 0 && !input.item)
      throw new InvalidArgumentError(
        `${FIELD}.provisions`,
        'provisions-or-item',
        'Give `provisions` (list codes) or `item` (its facts), or both.',
      );

    const rows =
      codes.length > 0
        ? await prisma.controlProvision.findMany({
            select: { code: true, regime: true, entryCode: true },
            where: { AND: [{ code: { in: codes } }, provisionVersionWhere(asOf)] },
          })
        : [];
    if (codes.length > 0) {
      const anywhere = new Set(
        (await prisma.controlProvision.findMany({ select: { code: true }, where: { code: { in: codes } } })).map(
          (row) => row.code,
        ),
      );
      const missing = codes.filter((code) => !anywhere.has(code));
      if (missing.length > 0)
        throw new InvalidArgumentError(
          `${FIELD}.provisions`,
          'provision-exists',
          `No provision ${missing.map((code) => `"${code}"`).join(', ')} exists in any regime (codes are matched exactly, e.g. "6A003" or "6A003.b.4.b").`,
        );
    }
    const classification =
      codes.length === 0 && input.item
        ? await classifyItem(
            { prisma, rulebook },
            { facts: input.item, regimes: regimes.map((regime) => API_REGIME[regime]), asOf: input.asOf },
            NO_EXTRA_COLUMNS,
            `${FIELD}.item.facts`,
          )
        : null;

    const answers: RegimeLicenceResult[] = [];
    for (const regime of regimes) {
      if (regime === 'US_EAR')
        answers.push(await this.usAnswer(codes, rows, classification, facts, activity, destination, asOf));
      else if (regime === 'EU')
        answers.push(await this.euAnswer(input, codes, destination.code, activity.leavesUnion, asOf));
      else answers.push(await this.ukAnswer(codes, rows, destination.name, asOf));
    }
    return {
      destination,
      asOf,
      regimes: answers,
      disclaimer: `${DISCLAIMER} Texts: Commerce Country Chart and Country Groups as in force on ${tables.chart.source.regulation_date} (eCFR); list entries in force on ${isoDay(asOf)}.`,
    };
  }

  private regimesOf(regimes: readonly Regime[] | null): LicenceRegime[] {
    if (!regimes) return [...LICENCE_REGIMES];
    const wrong = regimes.filter((regime) => !(LICENCE_REGIMES as readonly string[]).includes(regime));
    if (wrong.length > 0)
      throw new InvalidArgumentError(
        `${FIELD}.regimes`,
        'licensing-regime',
        `${wrong.join(', ')} grants no licences; ask about ${LICENCE_REGIMES.join(', ')}.`,
      );
    return [...new Set(regimes)] as LicenceRegime[];
  }

  /** Activity facts: the licence-specific ones and the rulebook's (e.g. embedded_in_civil_product). */
  private activityOf(activity: readonly FactInput[]) {
    let shipmentValueUsd: number | null = null;
    let inCrimeaRegions: boolean | null = null;
    let leavesUnion: boolean | null = null;
    const rulebookInputs: FactInput[] = [];
    const problems: string[] = [];
    activity.forEach((fact, index) => {
      const label = `activity[${index}] "${fact.name}"`;
      if (fact.name === SHIPMENT_VALUE_FACT) {
        if (typeof fact.value !== 'number' || !Number.isFinite(fact.value) || fact.value < 0)
          problems.push(`${label}: must be a number of US dollars, 0 or more`);
        else shipmentValueUsd = fact.value;
      } else if (fact.name === CRIMEA_REGIONS_FACT) {
        if (typeof fact.value !== 'boolean') problems.push(`${label}: must be a boolean`);
        else inCrimeaRegions = fact.value;
      } else if (fact.name === EU_EXPORT_FACT) {
        if (typeof fact.value !== 'boolean') problems.push(`${label}: must be a boolean`);
        else leavesUnion = fact.value;
      } else if (this.deps.rulebook.facts.has(fact.name)) {
        rulebookInputs.push(fact);
      } else {
        problems.push(
          `${label}: not an activity fact of licenceRequirement; valid names: ${LICENCE_ACTIVITY_FACTS.map((known) => known.name).join(', ')} (or any item fact listed by itemFacts)`,
        );
      }
    });
    if (problems.length > 0) throw new InvalidArgumentError(`${FIELD}.activity`, 'activity-fact', problems.join('; '));
    const rulebookFacts = normalizeFacts(this.deps.rulebook, rulebookInputs, `${FIELD}.activity`);
    return { shipmentValueUsd, inCrimeaRegions, leavesUnion, rulebookFacts };
  }

  private async usAnswer(
    codes: readonly string[],
    rows: readonly { code: string; regime: Regime; entryCode: string }[],
    classification: ItemClassification | null,
    facts: ReadonlyMap<string, NormalizedFact>,
    activity: { shipmentValueUsd: number | null; inCrimeaRegions: boolean | null },
    destination: { code: string; name: string },
    asOf: Date,
  ): Promise<RegimeLicenceResult> {
    const { prisma, rulebook } = this.deps;
    let wanted: { code: string; basis: 'GIVEN' | 'CLASSIFIED'; classification: 'MET' | 'UNKNOWN' }[] = [];
    let noEntries: { reason: string; questions: LicenceQuestion[] } | null = null;
    const classificationQuestions: LicenceQuestion[] = [];
    if (classification) {
      const listed = classification.paragraphs.filter(
        (paragraph) => paragraph.apiRegime === 'US_EAR' && paragraph.role === 'item' && paragraph.outcome !== 'NOT_MET',
      );
      // The deepest paragraphs: an ancestor of another listed one adds nothing.
      const deepest = listed.filter(
        (paragraph) =>
          !listed.some(
            (other) =>
              other !== paragraph &&
              other.paragraph !== paragraph.paragraph &&
              isUnder(other.paragraph, paragraph.paragraph),
          ),
      );
      wanted = deepest.map((paragraph) => ({
        code: paragraph.paragraph,
        basis: 'CLASSIFIED' as const,
        classification: paragraph.outcome === 'MET' ? ('MET' as const) : ('UNKNOWN' as const),
      }));
      for (const question of classification.nextQuestions())
        if (question.paragraphs.some((paragraph) => paragraph.regime === 'US_EAR'))
          classificationQuestions.push({
            question: question.fact.info.declaration.description,
            fact: question.fact.info.declaration.name,
            givenAs: 'item.facts',
            source: `classification: ${question.paragraphs.map((paragraph) => paragraph.paragraph).join(', ')}`,
          });
      const regime = classification.regimes.find((candidate) => candidate.regime === 'US_EAR');
      if (wanted.length === 0)
        noEntries = {
          reason:
            regime?.coverage === 'ENCODED'
              ? `None of the encoded US entries (${regime.entries.join(', ')}) controls the item on the facts given; entries not encoded were not checked, so the item's ECCN (or EAR99 status) is not known here.`
              : `The US entries could not be evaluated (${regime?.note ?? 'nothing encoded'}).`,
          questions: [
            {
              question: "If you know the item's ECCN, give it in provisions.",
              fact: null,
              givenAs: 'provisions',
              source: 'classification under the Commerce Control List',
            },
          ],
        };
    } else {
      const here = rows.filter((row) => row.regime === 'US_EAR');
      wanted = [...new Set(here.map((row) => row.code))].map((code) => ({
        code,
        basis: 'GIVEN' as const,
        classification: 'MET' as const,
      }));
      if (wanted.length === 0)
        noEntries = {
          reason: `None of the codes given (${codes.join(', ')}) is a US CCL provision known to be in force on ${isoDay(asOf)}, so whether the EAR controls the item is not known here.`,
          questions: [
            {
              question: 'Give the item\'s ECCN (e.g. "6A003.b.4.b") in provisions.',
              fact: null,
              givenAs: 'provisions',
              source: 'Commerce Control List',
            },
          ],
        };
    }
    const entryCodes = [...new Set(wanted.map((want) => entryOf(want.code)))];
    const entryRows =
      entryCodes.length > 0
        ? await prisma.controlProvision.findMany({
            select: {
              code: true,
              reasonsForControl: true,
              controlTable: true,
              licenceExceptions: true,
              citation: true,
            },
            where: {
              AND: [{ regime: 'US_EAR', kind: 'ENTRY', code: { in: entryCodes } }, provisionVersionWhere(asOf)],
            },
          })
        : [];
    const byEntry = new Map(entryRows.map((row) => [row.code, row]));
    const entries: UsEntryInput[] = wanted.flatMap((want) => {
      const row = byEntry.get(entryOf(want.code));
      if (!row) return [];
      return [
        {
          code: want.code,
          basis: want.basis,
          classification: want.classification,
          reasonsForControl: row.reasonsForControl,
          controlTable: controlLineSchema(row.controlTable),
          licenceExceptions: licenceExceptionsOf(row.licenceExceptions),
        },
      ];
    });
    const answer = usLicenceRequirement({
      tables: this.countryTables(),
      rulebook,
      destination: destination.code,
      destinationName: destination.name,
      entries,
      facts,
      shipmentValueUsd: activity.shipmentValueUsd,
      inCrimeaRegions: activity.inCrimeaRegions,
      noEntries,
    });
    answer.questions.push(
      ...classificationQuestions.filter((question) => !answer.questions.some((known) => known.fact === question.fact)),
    );
    const citations = uniqueCitations(entryRows.map((row) => row.citation));
    return { ...answer, citations };
  }

  private async euAnswer(
    input: LicenceRequirementInput,
    codes: readonly string[],
    destination: string,
    leavesUnion: boolean | null,
    asOf: Date,
  ): Promise<RegimeLicenceResult> {
    const check = await checkExemptionsFor(
      { prisma: this.deps.prisma, exemptionRules: this.deps.exemptionRules },
      {
        provisions: codes.length > 0 ? codes : null,
        item: codes.length > 0 ? null : input.item,
        regimes: ['EU'],
        activity: leavesUnion === null ? [] : [{ name: EU_EXPORT_FACT, value: leavesUnion }],
        // A chart row under a user-assigned code (XK) is no ISO country the authorisations list.
        destination: isIsoCountryCode(destination) ? destination : null,
        asOf,
      },
    );
    const control = check.regimeVerdicts.find((verdict) => verdict.regime === 'EU');
    const trace: string[] = [
      `EU Annex I control status: ${control?.controlled ?? 'UNKNOWN'} (${control?.basis ?? 'not decided'})`,
    ];
    const geas = check.exemptions.filter((exemption) => /^EU-UGEA-EU\d{3}$/.test(exemption.key));
    const exceptions: ExceptionCheck[] = geas.map((gea) => {
      const open = [
        ...gea.conditions
          .filter((condition) => condition.outcome === 'UNKNOWN' && condition.role === 'REQUIREMENT')
          .map((condition) => `${condition.label} ("${condition.textVerbatim}")`),
        ...gea.conditions
          .filter((condition) => condition.outcome === 'UNKNOWN' && condition.role === 'DISQUALIFIER')
          .map((condition) => `must not hold: ${condition.label} ("${condition.textVerbatim}")`),
        ...gea.undecidable,
      ];
      const status = gea.outcome === 'DOES_NOT_APPLY' ? 'NOT_AVAILABLE' : 'MAY_APPLY';
      trace.push(`${gea.record.name}: ${gea.outcome} - ${gea.reason}`);
      return {
        code: gea.key.replace(/^EU-UGEA-/, ''),
        name: gea.record.name,
        legalBasis: gea.record.legalBasis ?? 'Regulation (EU) 2021/821, Annex II',
        entry: null,
        entryText: null,
        status,
        openConditions: status === 'NOT_AVAILABLE' ? [] : open,
        explanation: gea.reason,
      };
    });
    const covering = exceptions.filter((exception) => exception.status === 'MAY_APPLY');
    let verdict: RegimeLicenceAnswer['verdict'];
    let reason: string;
    const questions: LicenceQuestion[] = [];
    const listedAs = (control?.paragraphs ?? [])
      .filter((paragraph) => paragraph.outcome !== 'NOT_MET')
      .map((paragraph) => paragraph.code);
    // A general export authorisation's destinations are export destinations, so outside the
    // customs territory of the Union (Art. 2(1)); any other destination may be a Member State,
    // and a transfer within the Union is no export: asked, unless the user said.
    const authorisations = await this.deps.prisma.exemption.findMany({
      select: { destinations: true, excludedDestinations: true },
      where: { sourceKey: { startsWith: 'EU-UGEA-EU' } },
    });
    const namedByAuthorisation = authorisations.some(
      (gea) => gea.destinations.includes(destination) || gea.excludedDestinations.includes(destination),
    );
    const leaves = leavesUnion ?? (namedByAuthorisation ? true : null);
    if (control?.controlled === 'MET' && leavesUnion === false) {
      verdict = 'NO_LICENCE_REQUIRED';
      reason = `The goods do not leave the customs territory of the Union, so this is no export in the sense of Article 2(1) of Regulation (EU) 2021/821 and Annex I needs no export authorisation; transfers within the Union of Annex IV items are not assessed.`;
    } else if (control?.controlled === 'MET') {
      if (covering.length > 0) {
        verdict = 'EXCEPTION_MAY_APPLY';
        reason = `Listed in Annex I (${listedAs.join(', ')}): an authorisation is needed to export it from the Union; the Union general export authorisation${covering.length > 1 ? 's' : ''} ${covering.map((gea) => gea.code).join(', ')} cover${covering.length > 1 ? '' : 's'} this destination and may be used if their conditions hold.`;
      } else if (leaves === null) {
        verdict = 'INDETERMINATE';
        reason = `Listed in Annex I (${listedAs.join(', ')}) and no Union general export authorisation names this destination; whether the goods leave the customs territory of the Union (an export needing an individual authorisation) or stay within it is not known.`;
        questions.push({
          question: 'Do the goods leave the customs territory of the European Union?',
          fact: EU_EXPORT_FACT,
          givenAs: 'activity',
          source: 'Regulation (EU) 2021/821, Article 2(1) ("export")',
        });
      } else {
        verdict = 'LICENCE_REQUIRED';
        reason = `Listed in Annex I (${listedAs.join(', ')}) and no Union general export authorisation covers this destination and item: an individual (or global) authorisation is required to export it from the Union.`;
      }
    } else if (control?.controlled === 'NOT_MET') {
      verdict = 'NO_LICENCE_REQUIRED';
      reason = `Not listed in the encoded Annex I entries, so no Annex I authorisation is required; the catch-all controls of Articles 4 and 5 of Regulation (EU) 2021/821 and entries not encoded were not assessed.`;
    } else {
      verdict = 'INDETERMINATE';
      reason = `Whether Annex I lists the item is not decided on the facts given.`;
      for (const question of check.questionsToAnswer.filter((candidate) => candidate.forClassification))
        questions.push({
          question: question.declaration.description,
          fact: question.fact,
          givenAs: question.givenAs,
          source: 'classification under EU Annex I',
        });
    }
    trace.push(
      'Assumes the goods leave the customs territory of the Union; transfers within the Union (Annex IV) are not assessed.',
    );
    trace.push(`Verdict: ${verdict}. ${reason}`);
    const provisionRows =
      listedAs.length > 0
        ? await this.deps.prisma.controlProvision.findMany({
            select: { citation: true },
            where: { AND: [{ regime: 'EU', code: { in: listedAs } }, provisionVersionWhere(asOf)] },
          })
        : [];
    return {
      regime: 'EU',
      verdict,
      reason,
      chartRow: null,
      countryGroups: [],
      entries: listedAs.map((code) => ({
        code,
        entry: entryOf(code),
        basis: codes.length > 0 ? 'GIVEN' : 'CLASSIFIED',
        classification: control?.paragraphs.find((paragraph) => paragraph.code === code)?.outcome ?? 'UNKNOWN',
        reasonsForControl: [],
        reasons: [],
      })),
      footnotes: [],
      exceptions,
      questions,
      trace,
      sources: [],
      provisionCodes: listedAs,
      exemptionKeys: geas.map((gea) => gea.key),
      citations: uniqueCitations([
        ...provisionRows.map((row) => row.citation),
        ...geas.map((gea) => gea.record.citation),
      ]),
    };
  }

  private async ukAnswer(
    codes: readonly string[],
    rows: readonly { code: string; regime: Regime }[],
    destinationName: string,
    asOf: Date,
  ): Promise<RegimeLicenceResult> {
    const listed = [...new Set(rows.filter((row) => row.regime === 'UK').map((row) => row.code))];
    const provisionRows =
      listed.length > 0
        ? await this.deps.prisma.controlProvision.findMany({
            select: { citation: true },
            where: { AND: [{ regime: 'UK', code: { in: listed } }, provisionVersionWhere(asOf)] },
          })
        : [];
    const questions: LicenceQuestion[] = [];
    let reason: string;
    if (listed.length > 0) {
      reason = `Listed in the UK Strategic Export Control List (${listed.join(', ')}): an export licence is needed unless an open general export licence covers the export to ${destinationName}; this knowledge base holds no current UK open general licence for these items, so it cannot say whether one does.`;
      questions.push({
        question: `Is there an open general export licence (OGEL) covering ${listed.join(', ')} to ${destinationName}? Otherwise apply for a standard individual export licence (SIEL).`,
        fact: null,
        givenAs: null,
        source: 'UK Strategic Export Control List; the UK open general licences are not held here',
      });
    } else if (codes.length > 0) {
      reason = `None of the codes given is a UK Strategic Export Control List entry held here (only Category 6 is held), so the UK answer is not known.`;
      questions.push({
        question: 'Give the UK list code (e.g. "6A003") in provisions.',
        fact: null,
        givenAs: 'provisions',
        source: 'UK Strategic Export Control List',
      });
    } else {
      reason =
        "UK entries are not encoded for classification from an item's facts; give the UK list code in provisions.";
      questions.push({
        question: 'Give the UK list code (e.g. "6A003") in provisions.',
        fact: null,
        givenAs: 'provisions',
        source: 'UK Strategic Export Control List',
      });
    }
    return {
      regime: 'UK',
      verdict: 'INDETERMINATE',
      reason,
      chartRow: null,
      countryGroups: [],
      entries: listed.map((code) => ({
        code,
        entry: entryOf(code),
        basis: 'GIVEN',
        classification: 'MET',
        reasonsForControl: [],
        reasons: [],
      })),
      footnotes: [],
      exceptions: [],
      questions,
      trace: [
        reason,
        'Missing from the data: the current UK open general export licences and the UK licensing rules by destination.',
      ],
      sources: [],
      provisionCodes: listed,
      exemptionKeys: [],
      citations: uniqueCitations(provisionRows.map((row) => row.citation)),
    };
  }
}

function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const citation of citations) seen.set(citation.id, citation);
  return [...seen.values()];
}
