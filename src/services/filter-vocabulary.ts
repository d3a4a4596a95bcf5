// The values a free-text filter can match, read from the data, and the check that a value given
// to such a filter is one of them. Without it a misspelt indicator, "GB" for the United Kingdom
// or an unknown audience matched nothing and answered an empty list, which a compliance reader
// takes for "there is none". A value that matches nothing known is refused with the closest known
// values; a common alias (GB for UK, a jurisdiction's name, a stored value in another case) is
// read as the value it stands for, and the caller is told so with a note.
//
// Each vocabulary is declared once here; the GraphQL arguments and the export parameters name the
// vocabulary they take. Free-text searches (`text`, `name`) are not vocabularies: an empty answer
// to a search is the honest one.
import { currentGeneration } from '../analytics/aggregate-cache.js';
import type { AnalyticsDb } from '../analytics/impact-sql.js';
import type { Rulebook } from '../classification/rulebook.js';
import { InvalidArgumentError } from '../errors.js';
import { editDistance } from '../search/match-weight.js';

/** How a filter compares its value with the stored ones. */
type Comparison =
  /** Exactly as stored; a value equal but for case and spacing is read as the stored one, with a note. */
  | 'exact'
  /** Case-insensitive (codes); nothing to note when only the case differs. */
  | 'case-insensitive'
  /** The start of a stored value, case-sensitive (code prefixes). */
  | 'prefix'
  /** A paragraph code or the code of a paragraph above stored ones ("6A003.b" for "6A003.b.4.b"). */
  | 'paragraph';

interface VocabularyDeclaration {
  /** What a value is, for messages ("jurisdiction code"). */
  what: string;
  comparison: Comparison;
  /** Where a client can list the known values, for messages. */
  listedBy?: string;
}

export const VOCABULARIES = {
  jurisdiction: {
    what: 'jurisdiction code',
    comparison: 'case-insensitive',
    listedBy: 'the jurisdictions US, EU, UK, WA and HK or `impactJurisdictions`',
  },
  indicator: { what: 'impact indicator', comparison: 'exact', listedBy: '`impactIndicators`' },
  sector: { what: 'impact sector', comparison: 'exact', listedBy: '`impactStats(groupBy: [SECTOR])`' },
  region: { what: 'impact region', comparison: 'exact', listedBy: '`impactStats(groupBy: [REGION])`' },
  unit: { what: 'impact unit', comparison: 'exact', listedBy: '`impactIndicators`' },
  audience: { what: 'guidance audience', comparison: 'exact', listedBy: '`audiences`' },
  topic: { what: 'guidance topic', comparison: 'exact', listedBy: '`guidanceDocuments { edges { node { topics } } }`' },
  category: { what: 'list category', comparison: 'exact' },
  provisionCode: { what: 'provision code', comparison: 'exact', listedBy: '`provisions`' },
  provisionCodePrefix: { what: 'start of a provision code', comparison: 'prefix', listedBy: '`provisions`' },
  listTextLabel: { what: 'list text label', comparison: 'case-insensitive', listedBy: '`listTexts`' },
  encodedParagraph: { what: 'encoded paragraph', comparison: 'paragraph', listedBy: '`itemFacts { usedBy }`' },
  licensingRating: { what: 'licensing rating', comparison: 'exact', listedBy: '`licensingStats(groupBy: [RATING])`' },
  licensingCategory: { what: 'licensing category', comparison: 'exact' },
  licensingRatingType: { what: 'licensing rating type', comparison: 'exact' },
  licensingDestination: {
    what: 'licensing destination',
    comparison: 'exact',
    listedBy: '`licensingStats(groupBy: [DESTINATION])`',
  },
  licensingDestinationIso: { what: 'licensing destination ISO code', comparison: 'case-insensitive' },
} as const satisfies Record<string, VocabularyDeclaration>;

export type VocabularyName = keyof typeof VOCABULARIES;

/** The categories of the dual-use lists (Wassenaar numbering, shared by every regime here). */
const LIST_CATEGORIES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Common other names of the jurisdictions, by normalised spelling (upper case, single spaces). The
 * names stored with the jurisdictions ("United Kingdom") are aliases too, read from the data.
 */
const JURISDICTION_ALIASES: Readonly<Record<string, string>> = {
  GB: 'UK',
  GBR: 'UK',
  'U.K.': 'UK',
  BRITAIN: 'UK',
  'GREAT BRITAIN': 'UK',
  'UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND': 'UK',
  USA: 'US',
  'U.S.': 'US',
  'U.S.A.': 'US',
  AMERICA: 'US',
  'UNITED STATES OF AMERICA': 'US',
  'E.U.': 'EU',
  EU27: 'EU',
  'EUROPEAN UNION': 'EU',
  WASSENAAR: 'WA',
  'WASSENAAR ARRANGEMENT': 'WA',
  HKG: 'HK',
  'HONG KONG': 'HK',
};

/** A value read as another one, said back to the caller. */
export interface FilterNote {
  /** The argument or parameter ("filter.jurisdiction", "jurisdictions"). */
  field: string;
  given: string;
  readAs: string;
  message: string;
}

/** One free-text filter value to check. */
export interface FilterValueCheck {
  field: string;
  vocabulary: VocabularyName;
  values: readonly string[];
}

/** A filter value that matches nothing known: BAD_USER_INPUT with the closest known values. */
export class UnknownFilterValueError extends InvalidArgumentError {
  constructor(
    field: string,
    readonly unknownValues: readonly string[],
    readonly closest: readonly string[],
    message: string,
  ) {
    super(field, 'known-value', message);
    this.name = 'UnknownFilterValueError';
  }

  override details(): Record<string, unknown> {
    return { ...super.details(), unknownValues: [...this.unknownValues], closest: [...this.closest] };
  }
}

const normalised = (value: string) => value.trim().replace(/\s+/g, ' ').toUpperCase();

/** Up to `count` known values nearest to `typed`: containing it or contained in it first, then by edit distance. */
export function closestValues(typed: string, known: readonly string[], count = 5): string[] {
  const wanted = normalised(typed);
  if (wanted === '') return known.slice(0, count);
  const scored = known.map((value) => {
    const candidate = normalised(value);
    const contains = candidate.includes(wanted) || wanted.includes(candidate);
    const distance = editDistance(wanted, candidate) / Math.max(wanted.length, candidate.length, 1);
    return { value, score: contains ? distance / 4 : distance };
  });
  scored.sort((a, b) => a.score - b.score || a.value.localeCompare(b.value));
  const near = scored.filter((entry) => entry.score <= 0.5).map((entry) => entry.value);
  // Nothing near: a few known values still show what a value looks like.
  return (near.length > 0 ? near : scored.map((entry) => entry.value)).slice(0, count);
}

interface Known {
  values: string[];
  exact: Set<string>;
  /** Normalised spelling -> the stored value it stands for (case and spacing variants, aliases). */
  spellings: Map<string, string>;
  /** Normalised spelling -> true for aliases proper (GB), false for mere case variants. */
  aliases: Set<string>;
}

type Snapshot = Record<VocabularyName, Known>;

interface Row {
  vocabulary: string;
  value: string | null;
  label: string | null;
}

/** Distinct values of every data-backed vocabulary, in one statement. */
const READ_VALUES = `
  SELECT 'jurisdiction' AS vocabulary, "code" AS value, "name" AS label FROM "Jurisdiction"
  UNION SELECT 'indicator', "indicator", NULL FROM "ImpactMetric"
  UNION SELECT 'sector', "sector", NULL FROM "ImpactMetric"
  UNION SELECT 'region', "region", NULL FROM "ImpactMetric"
  UNION SELECT 'unit', "unit", NULL FROM "ImpactMetric"
  UNION SELECT 'audience', a, NULL FROM "GuidanceDocument", unnest("audience") AS a
  UNION SELECT 'topic', t, NULL FROM "GuidanceDocument", unnest("topics") AS t
  UNION SELECT 'provisionCode', "code", NULL FROM "ControlProvision"
  UNION SELECT 'listTextLabel', "label", NULL FROM "ListText"
  UNION SELECT 'licensingRating', "rating", NULL FROM "LicensingDecision"
  UNION SELECT 'licensingRating', "ratingNormalised", NULL FROM "LicensingDecision" WHERE "ratingNormalised" IS NOT NULL
  UNION SELECT 'licensingCategory', "category", NULL FROM "LicensingDecision" WHERE "category" IS NOT NULL
  UNION SELECT 'licensingRatingType', "ratingType", NULL FROM "LicensingDecision"
  UNION SELECT 'licensingDestination', "destination", NULL FROM "LicensingDecision"
  UNION SELECT 'licensingDestinationIso', "destinationIso", NULL FROM "LicensingDecision" WHERE "destinationIso" IS NOT NULL
`;

/**
 * How long the values read are trusted, when a value they lack is asked for, before they are read
 * again. The impact figures and licensing decisions say when they change (the analytics
 * generation, bumped by every write to them): a change there is read at once.
 */
const REREAD_AFTER_MS = 10_000;

export class FilterVocabulary {
  private snapshot: Promise<Snapshot> | null = null;
  private readAt = 0;
  private generation: string | null = null;

  constructor(
    private readonly db: AnalyticsDb,
    private readonly rulebook: Rulebook,
  ) {}

  /** Reads the values now (at start), so the first request does not wait for them. */
  preload(): void {
    this.read().catch(() => {
      // A failed read (database not reachable yet) is retried by the first check.
      this.snapshot = null;
    });
  }

  /**
   * The values as the filters should use them (aliases replaced by what they stand for), and the
   * notes saying which were read so; an unknown value throws UnknownFilterValueError.
   */
  async resolve(checks: readonly FilterValueCheck[]): Promise<{ values: string[][]; notes: FilterNote[] }> {
    let snapshot = await this.read();
    const needsFreshValues = checks.some((check) =>
      check.values.some((value) => this.match(snapshot, check.vocabulary, value) === null),
    );
    // Data written since the values were read: read them again before refusing anything.
    if (
      needsFreshValues &&
      (Date.now() - this.readAt > REREAD_AFTER_MS || (await currentGeneration(this.db)) !== this.generation)
    ) {
      this.snapshot = null;
      snapshot = await this.read();
    }
    const notes: FilterNote[] = [];
    const values = checks.map((check) => {
      const unknown = check.values.filter((value) => this.match(snapshot, check.vocabulary, value) === null);
      if (unknown.length > 0) throw this.unknown(snapshot, check, unknown);
      return check.values.map((value) => {
        const match = this.match(snapshot, check.vocabulary, value);
        if (match === null) return value;
        if (match.noted) {
          notes.push({
            field: check.field,
            given: value,
            readAs: match.value,
            message: `"${check.field}": "${value}" was read as ${VOCABULARIES[check.vocabulary].what} "${match.value}".`,
          });
        }
        return match.value;
      });
    });
    return { values, notes };
  }

  private read(): Promise<Snapshot> {
    if (this.snapshot === null) {
      this.readAt = Date.now();
      const reading = this.readSnapshot();
      this.snapshot = reading;
      reading.catch(() => {
        if (this.snapshot === reading) this.snapshot = null;
      });
    }
    return this.snapshot;
  }

  private async readSnapshot(): Promise<Snapshot> {
    // The generation first: a write committed between the two reads makes the next miss read again.
    this.generation = await currentGeneration(this.db);
    const rows = await this.db.prisma.$queryRawUnsafe<Row[]>(READ_VALUES);
    const byVocabulary = new Map<string, Row[]>();
    for (const row of rows) {
      const list = byVocabulary.get(row.vocabulary) ?? [];
      list.push(row);
      byVocabulary.set(row.vocabulary, list);
    }
    const paragraphs = new Set<string>();
    for (const info of this.rulebook.facts.values())
      for (const key of info.usedBy) {
        const paragraph = key.split(' ').slice(1).join(' ');
        if (paragraph) paragraphs.add(paragraph);
      }
    const fromRows = (name: string) => (byVocabulary.get(name) ?? []).flatMap((row) => (row.value ? [row.value] : []));
    const snapshot = {} as Snapshot;
    for (const name of Object.keys(VOCABULARIES) as VocabularyName[]) {
      const values =
        name === 'category' ? LIST_CATEGORIES : name === 'encodedParagraph' ? [...paragraphs] : fromRows(name);
      snapshot[name] = known(values);
    }
    snapshot.provisionCodePrefix = snapshot.provisionCode;
    const jurisdictions = snapshot.jurisdiction;
    for (const row of byVocabulary.get('jurisdiction') ?? []) {
      if (row.value && row.label) addAlias(jurisdictions, row.label, row.value);
    }
    for (const [alias, code] of Object.entries(JURISDICTION_ALIASES))
      if (jurisdictions.exact.has(code)) addAlias(jurisdictions, alias, code);
    return snapshot;
  }

  /** The stored value `value` stands for, and whether reading it so is worth a note; null when unknown. */
  private match(
    snapshot: Snapshot,
    vocabulary: VocabularyName,
    value: string,
  ): { value: string; noted: boolean } | null {
    const known = snapshot[vocabulary];
    const comparison: Comparison = VOCABULARIES[vocabulary].comparison;
    if (comparison === 'prefix')
      return known.values.some((stored) => stored.startsWith(value)) ? { value, noted: false } : null;
    if (comparison === 'paragraph') {
      const under = known.values.some((stored) => stored === value || stored.startsWith(`${value}.`));
      return under ? { value, noted: false } : null;
    }
    if (known.exact.has(value)) return { value, noted: false };
    const key = normalised(value);
    const stored = known.spellings.get(key);
    if (stored === undefined) return null;
    // Codes compare without case: the filter finds "uk" itself, and keeps what was given.
    if (comparison === 'case-insensitive' && !known.aliases.has(key)) return { value, noted: false };
    return { value: stored, noted: true };
  }

  private unknown(snapshot: Snapshot, check: FilterValueCheck, unknown: readonly string[]): UnknownFilterValueError {
    const declaration: VocabularyDeclaration = VOCABULARIES[check.vocabulary];
    const known = snapshot[check.vocabulary].values;
    const sorted = [...known].sort((a, b) => a.localeCompare(b));
    const closest = [...new Set(unknown.flatMap((value) => closestValues(value, sorted)))].slice(0, 5);
    const quoted = unknown.map((value) => `"${value}"`).join(', ');
    // "a,b" where a and b are known: a list written as one value.
    const splitHint = unknown.some(
      (value) =>
        value.includes(',') &&
        value.split(',').every((part) => this.match(snapshot, check.vocabulary, part.trim()) !== null),
    )
      ? ' Give each value separately (a list item each, or the parameter repeated), not as one comma-separated value.'
      : '';
    const listed = declaration.listedBy ? ` Known values are listed by ${declaration.listedBy}.` : '';
    const message =
      `"${check.field}": ${quoted} ${unknown.length === 1 ? 'is not a' : 'are not'} known ${declaration.what}` +
      `${unknown.length === 1 ? '' : 's'}, so ${unknown.length === 1 ? 'it' : 'they'} would match nothing; ` +
      `closest known: ${closest.map((value) => `"${value}"`).join(', ') || 'none'}.${splitHint}${listed}`;
    return new UnknownFilterValueError(check.field, unknown, closest, message);
  }
}

function known(values: readonly string[]): Known {
  const unique = [...new Set(values)];
  const spellings = new Map<string, string>();
  for (const value of unique) if (!spellings.has(normalised(value))) spellings.set(normalised(value), value);
  return { values: unique, exact: new Set(unique), spellings, aliases: new Set() };
}

function addAlias(known: Known, alias: string, value: string): void {
  const key = normalised(alias);
  if (known.exact.has(alias) || known.spellings.has(key)) return;
  known.spellings.set(key, value);
  known.aliases.add(key);
}
