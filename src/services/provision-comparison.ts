// One code across regimes: the provisions (with their recorded correlations, read by the caller
// through them), and, criterion by criterion, where the encoded thresholds agree, differ, or
// exist in one regime only.
import type { Criterion, ParagraphNode } from '../classification/encoding-schema.js';
import { encodedRegimeOf } from '../classification/regime-mapping.js';
import { forEachCriterion, type IndexedParagraph, type Rulebook } from '../classification/rulebook.js';
import { NotFoundError } from '../errors.js';
import { Regime, type PrismaClient } from '../generated/prisma/client.js';
import {
  codeAndAncestors,
  nearestRow,
  readCitedRows,
  type CitedRow,
  type CitedRowPlan,
} from './provision-citations.js';
import { compareRegimeTexts, readComparedProvisions, type ParagraphComparison } from './regime-comparison.js';

export interface CompareProvisionInput {
  code: string;
  /** Every regime when null. */
  regimes: readonly Regime[] | null;
}

export interface CriterionSide {
  regime: Regime;
  criterion: Criterion;
  paragraph: string;
  /** "conditions" or the label of the decontrol note the criterion belongs to. */
  context: string;
  /** A comparable form of what the criterion requires (canonical units, sorted sets). */
  canonical: string;
  provision: CitedRow | null;
}

export type CriterionComparisonStatus = 'SAME' | 'DIFFERENT' | 'ONLY_IN_SOME';

export interface CriterionComparison {
  paragraph: string;
  fact: string | null;
  comparator: string;
  status: CriterionComparisonStatus;
  sides: CriterionSide[];
}

export interface ProvisionComparison {
  code: string;
  regimes: Regime[];
  encodedIn: Regime[];
  provisions: CitedRow[];
  criteria: CriterionComparison[];
  /**
   * The texts of the code and every paragraph under it, regime by regime, with their notes, and
   * the regimes whose current list holds the code: read (one statement, once) only when asked.
   */
  texts(): Promise<{ listedIn: Regime[]; paragraphs: ParagraphComparison[] }>;
}

interface LocatedCriterion {
  paragraph: string;
  context: string;
  criterion: Criterion;
}

/** Every criterion in a paragraph's subtree, with the paragraph and note it sits in. */
function criteriaUnder(root: IndexedParagraph): LocatedCriterion[] {
  const found: LocatedCriterion[] = [];
  const visit = (node: ParagraphNode) => {
    if (node.conditions) {
      forEachCriterion(node.conditions, (criterion) =>
        found.push({ paragraph: node.paragraph, context: 'conditions', criterion }),
      );
    }
    for (const exclusion of node.exclusions ?? []) {
      forEachCriterion(exclusion.when, (criterion) =>
        found.push({ paragraph: node.paragraph, context: exclusion.label, criterion }),
      );
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root.node);
  return found;
}

/** A comparable form of what a criterion requires: numbers in canonical units, sets sorted. */
function canonicalRequirement(rulebook: Rulebook, criterion: Criterion): string {
  const declaration = criterion.comparator === 'REF' ? undefined : rulebook.facts.get(criterion.fact)?.declaration;
  const toCanonical = (value: number, unit: string) => {
    const converted =
      declaration?.type === 'number' ? rulebook.units.toCanonical(value, unit, declaration.dimension) : undefined;
    // Rounded to 12 significant digits so 1000 nm and 1 um compare equal.
    return converted === undefined ? `${value} ${unit}` : Number(converted.toPrecision(12)).toString();
  };
  switch (criterion.comparator) {
    case 'IS':
      return String(criterion.value);
    case 'IN':
      return [...criterion.values].sort().join(',');
    case 'REF':
      return `${criterion.regime ?? ''}${criterion.ref}`;
    case 'BETWEEN':
      return `${criterion.minInclusive ? '[' : '('}${toCanonical(criterion.min, criterion.unit)},${toCanonical(criterion.max, criterion.unit)}${criterion.maxInclusive ? ']' : ')'}`;
    default:
      return toCanonical(criterion.value, criterion.unit);
  }
}

/** `load`, run at the first call only; later calls share its promise. */
function onceOnly<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= load());
}

const STATUS_RANK = { DIFFERENT: 0, ONLY_IN_SOME: 1, SAME: 2 } as const;

/**
 * Pairs criteria by paragraph, note, fact (or reference) and comparator; repeats within one
 * regime pair in text order. DIFFERENT and ONLY_IN_SOME first, then SAME, each in text order.
 */
function pairCriteria(
  rulebook: Rulebook,
  sidesByRegime: ReadonlyMap<Regime, LocatedCriterion[]>,
  rows: ReadonlyMap<string, CitedRow>,
): CriterionComparison[] {
  const comparisons = new Map<string, CriterionComparison>();
  for (const [regime, found] of sidesByRegime) {
    const seen = new Map<string, number>();
    for (const { paragraph, context, criterion } of found) {
      const subject = criterion.comparator === 'REF' ? null : criterion.fact;
      const base = `${paragraph}|${context === 'conditions' ? 'conditions' : 'note'}|${subject ?? 'REF'}|${criterion.comparator}`;
      const occurrence = seen.get(base) ?? 0;
      seen.set(base, occurrence + 1);
      const key = `${base}|${occurrence}`;
      const comparison = comparisons.get(key) ?? {
        paragraph,
        fact: subject,
        comparator: criterion.comparator,
        status: 'SAME' as const,
        sides: [],
      };
      comparison.sides.push({
        regime,
        criterion,
        paragraph,
        context,
        canonical: canonicalRequirement(rulebook, criterion),
        provision: nearestRow(rows, regime, paragraph),
      });
      comparisons.set(key, comparison);
    }
  }
  const encodedIn = sidesByRegime.size;
  const criteria = [...comparisons.values()].map((comparison) => {
    const inRegimes = new Set(comparison.sides.map((side) => side.regime));
    const canonicals = new Set(comparison.sides.map((side) => side.canonical));
    const status: CriterionComparisonStatus =
      inRegimes.size < encodedIn ? 'ONLY_IN_SOME' : canonicals.size > 1 ? 'DIFFERENT' : 'SAME';
    return { ...comparison, status };
  });
  const order = [...criteria];
  return criteria.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || order.indexOf(a) - order.indexOf(b));
}

/**
 * Compares a code across regimes. NotFoundError when it is neither stored nor encoded in the
 * regimes asked about. `plan` says which columns of the provisions and citations to read.
 */
export async function compareProvision(
  deps: { prisma: PrismaClient; rulebook: Rulebook },
  input: CompareProvisionInput,
  plan: CitedRowPlan,
): Promise<ProvisionComparison> {
  const { rulebook } = deps;
  const regimes = [...new Set(input.regimes ?? Object.values(Regime))];
  const sidesByRegime = new Map<Regime, LocatedCriterion[]>();
  for (const regime of regimes) {
    const encoded = encodedRegimeOf(regime);
    const paragraph = encoded ? rulebook.paragraph(encoded, input.code) : undefined;
    if (paragraph) sidesByRegime.set(regime, criteriaUnder(paragraph));
  }

  const codes = new Map<Regime, Set<string>>();
  for (const regime of regimes) {
    const set = new Set(codeAndAncestors(input.code));
    for (const side of sidesByRegime.get(regime) ?? []) {
      for (const code of codeAndAncestors(side.paragraph)) set.add(code);
    }
    codes.set(regime, set);
  }
  const rows = await readCitedRows(deps.prisma, codes, null, plan);

  // Every regime's row of the code (or an ancestor) is among `rows`, so a code listed anywhere
  // has a provision here, and the texts need not be read to decide that it exists.
  const provisions = regimes.flatMap((regime) => nearestRow(rows, regime, input.code) ?? []);
  if (provisions.length === 0 && sidesByRegime.size === 0) {
    throw new NotFoundError(
      'ControlProvision',
      input.code,
      `No provision ${input.code} is stored or encoded in ${regimes.join(', ')}.`,
    );
  }
  return {
    code: input.code,
    regimes,
    encodedIn: [...sidesByRegime.keys()],
    provisions,
    criteria: pairCriteria(rulebook, sidesByRegime, rows),
    texts: onceOnly(async () => {
      const listed = await readComparedProvisions(deps.prisma, regimes, { codes: [input.code] });
      return {
        listedIn: regimes.filter((regime) => listed.some((provision) => provision.regime === regime)),
        paragraphs: compareRegimeTexts(regimes, listed, true),
      };
    }),
  };
}
