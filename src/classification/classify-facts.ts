// Classifies one item against the encoded entries of the requested regimes: every encoded item
// paragraph with its effective outcome (three-valued), the criteria it was decided on, the
// decontrol notes that fired or might, the facts that would decide an UNKNOWN, and the
// control-table lines that apply. Pure: no database, no dates (the GraphQL layer adds citations
// and checks that the encoded text is in force on the date asked about).
//
// Scope: item paragraphs only ("a kind of item the entry controls"). Criterion paragraphs
// (conditions of an item, e.g. 6A003.a.5.a) are not listed on their own: their criteria appear
// in the traces of the item they belong to, each trace naming the paragraph it sits in.
import { evaluateExpression, type CriterionTrace, type FactSet } from './evaluate-expression.js';
import type { ControlReason, Exclusion } from './encoding-schema.js';
import { DeclaredSet, type Declared } from './declared-classifications.js';
import { ParagraphEvaluator, type ParagraphResult } from './evaluate-paragraphs.js';
import type { EncodedEntry, EncodedRegime, IndexedParagraph, Rulebook } from './rulebook.js';
import { allOf, anyOf, type Outcome } from './three-valued.js';

/** A criterion's trace line, with the paragraph whose text it was read from. */
export interface ParagraphTrace extends CriterionTrace {
  /** Code of the paragraph the criterion is written in (its citation), e.g. "6A003.b.4". */
  paragraph: string;
}

export interface ClassifiedExclusion {
  id: string;
  label: string;
  text: string;
  /** The paragraph whose note it is (the paragraph itself or an ancestor). */
  paragraph: string;
  /** MET: the note takes the item out of the paragraph; UNKNOWN: it might, facts are missing. */
  outcome: Outcome;
  movesTo: { paragraph: string; text: string } | null;
  traces: CriterionTrace[];
}

export interface ClassifiedControlReason {
  reason: string;
  column: string;
  text: string;
  /** Whether the line applies to this item: the paragraph's outcome and the line's own `when`. */
  outcome: Outcome;
  traces: CriterionTrace[];
}

export interface ClassifiedParagraph {
  regime: EncodedRegime;
  entry: string;
  paragraph: string;
  role: 'item' | 'criterion';
  /** Depth below the entry heading (the entry itself is 0). */
  depth: number;
  /** Verbatim text of the paragraph. */
  text: string;
  /** Code of the paragraph it sits under; null for an entry. */
  parent: string | null;
  outcome: Outcome;
  /** Criteria of the paragraph, of its criterion sub-paragraphs and of its ancestors, outermost first. */
  traces: ParagraphTrace[];
  exclusions: ClassifiedExclusion[];
  /** For UNKNOWN: the facts that would decide it (only from the undecided branches). */
  missingFacts: string[];
  /** For MET and UNKNOWN paragraphs: the control-table lines of the entry covering it. */
  controlReasons: ClassifiedControlReason[];
}

export interface ClassifiedEntry {
  regime: EncodedRegime;
  entry: string;
  /** The encoding's source record (id in seed/data/control_entries.json). */
  sourceRecord: string;
  /** Whether any item paragraph of the entry controls the item. */
  outcome: Outcome;
  missingFacts: string[];
  /** What the text leaves undecidable, in plain words (from the encoding). */
  undecidable: string[];
}

/** A decontrol note that fired (or might) and says where the item goes instead. */
export interface ClassifiedMove {
  regime: EncodedRegime;
  from: string;
  to: string;
  label: string;
  text: string;
  outcome: Outcome;
}

export interface Classification {
  paragraphs: ClassifiedParagraph[];
  entries: ClassifiedEntry[];
  moves: ClassifiedMove[];
  /** MET if any item paragraph is MET; UNKNOWN if none is MET but some is UNKNOWN; else NOT_MET. */
  controlled: Outcome;
  /** Requested regimes with no encoded entry: nothing can be said about them (not NOT_MET). */
  notEncoded: EncodedRegime[];
}

const REGIME_ORDER: readonly EncodedRegime[] = ['US_EAR', 'EU', 'UK', 'WASSENAAR', 'OTHER'];
const OUTCOME_RANK: Record<Outcome, number> = { MET: 0, UNKNOWN: 1, NOT_MET: 2 };

/**
 * `declared`: classifications the user declared (declared-classifications.ts), taken as MET for
 * their paragraphs and the paragraphs above them. Implied facts are already in `facts`
 * (implications.ts), marked as such.
 */
export function classifyFacts(
  rulebook: Rulebook,
  facts: FactSet,
  regimes: readonly EncodedRegime[],
  declared: readonly Declared[] = [],
): Classification {
  const evaluator = new ParagraphEvaluator(rulebook, facts, new DeclaredSet(declared));
  const wanted = new Set(regimes);
  const entries = rulebook.entries.filter((entry) => wanted.has(entry.encoding.regime));
  const encodedRegimes = new Set(entries.map((entry) => entry.encoding.regime));

  const classified: { paragraph: ClassifiedParagraph; order: number; parentOutcome: Outcome | null }[] = [];
  const entryResults: ClassifiedEntry[] = [];
  const itemOutcomes: Outcome[] = [];
  const moves = new Map<string, ClassifiedMove>();
  let order = 0;

  for (const entry of sortedEntries(entries)) {
    const results = new Map<IndexedParagraph, ParagraphResult>();
    const items = itemParagraphs(rulebook, entry.root);
    for (const indexed of items) results.set(indexed, evaluator.evaluate(indexed));
    const rootResult = results.get(entry.root);
    if (!rootResult) throw new Error(`entry ${entry.encoding.entry} has no root result`);
    entryResults.push({
      regime: entry.encoding.regime,
      entry: entry.encoding.entry,
      sourceRecord: entry.encoding.sourceRecord,
      outcome: rootResult.outcome,
      missingFacts: rootResult.missingFacts,
      undecidable: entry.encoding.undecidable ?? [],
    });

    for (const indexed of items) {
      const result = results.get(indexed);
      if (!result) continue;
      itemOutcomes.push(result.outcome);
      // Notes are reported only where they matter: where the item would otherwise fall (or
      // might fall) under the paragraph.
      const exclusions = result.outcomeBeforeExclusions === 'NOT_MET' ? [] : result.exclusions.map(classifiedExclusion);
      for (const exclusion of exclusions) {
        if (!exclusion.movesTo) continue;
        const key = `${entry.encoding.regime} ${exclusion.paragraph} ${exclusion.id}`;
        if (!moves.has(key)) {
          moves.set(key, {
            regime: entry.encoding.regime,
            from: exclusion.paragraph,
            to: exclusion.movesTo.paragraph,
            label: exclusion.label,
            text: exclusion.movesTo.text,
            outcome: exclusion.outcome,
          });
        }
      }
      if (indexed === entry.root) continue;
      const parentResult = indexed.parent ? results.get(indexed.parent) : undefined;
      classified.push({
        order: order++,
        parentOutcome: parentResult && indexed.parent !== entry.root ? parentResult.outcome : null,
        paragraph: {
          regime: indexed.regime,
          entry: indexed.entry,
          paragraph: indexed.node.paragraph,
          role: indexed.role,
          depth: indexed.depth,
          text: indexed.node.text,
          parent: indexed.parent?.node.paragraph ?? null,
          outcome: result.outcome,
          traces: paragraphTraces(evaluator, indexed, rulebook),
          exclusions,
          missingFacts: result.outcome === 'UNKNOWN' ? result.missingFacts : [],
          controlReasons:
            result.outcome === 'NOT_MET' ? [] : controlReasonsFor(entry, indexed, result.outcome, evaluator),
        },
      });
    }
  }

  // A NOT_MET paragraph under a NOT_MET item says nothing new (the entry outcome stays), unless
  // a decontrol note is what ruled it out: that note is the explanation the user needs.
  const listed = classified.filter(
    (candidate) =>
      !(
        candidate.paragraph.outcome === 'NOT_MET' &&
        candidate.parentOutcome === 'NOT_MET' &&
        candidate.paragraph.exclusions.length === 0
      ),
  );
  listed.sort(
    (a, b) =>
      OUTCOME_RANK[a.paragraph.outcome] - OUTCOME_RANK[b.paragraph.outcome] ||
      (a.paragraph.outcome === 'NOT_MET' ? 0 : b.paragraph.depth - a.paragraph.depth) ||
      a.order - b.order,
  );

  return {
    paragraphs: listed.map((candidate) => candidate.paragraph),
    entries: entryResults,
    moves: [...moves.values()].sort((a, b) => OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome]),
    controlled: itemOutcomes.length === 0 ? 'NOT_MET' : anyOf(itemOutcomes),
    notEncoded: regimes.filter((regime, index) => !encodedRegimes.has(regime) && regimes.indexOf(regime) === index),
  };
}

function sortedEntries(entries: readonly EncodedEntry[]): EncodedEntry[] {
  return [...entries].sort(
    (a, b) =>
      REGIME_ORDER.indexOf(a.encoding.regime) - REGIME_ORDER.indexOf(b.encoding.regime) ||
      a.encoding.entry.localeCompare(b.encoding.entry),
  );
}

/** The entry and every item paragraph under it, in text order; reserved ones control nothing. */
function itemParagraphs(rulebook: Rulebook, root: IndexedParagraph): IndexedParagraph[] {
  const found: IndexedParagraph[] = [];
  const visit = (indexed: IndexedParagraph) => {
    if (indexed.node.reserved) return;
    if (indexed.role === 'item') found.push(indexed);
    for (const child of childrenOf(rulebook, indexed)) visit(child);
  };
  visit(root);
  return found;
}

function childrenOf(rulebook: Rulebook, indexed: IndexedParagraph): IndexedParagraph[] {
  return (indexed.node.children ?? []).flatMap((child) => rulebook.paragraph(indexed.regime, child.paragraph) ?? []);
}

function classifiedExclusion(result: ParagraphResult['exclusions'][number]): ClassifiedExclusion {
  const exclusion: Exclusion = result.exclusion;
  return {
    id: exclusion.id,
    label: exclusion.label,
    text: exclusion.text,
    paragraph: result.paragraph,
    outcome: result.outcome,
    movesTo: exclusion.movesTo ?? null,
    traces: result.traces,
  };
}

/**
 * The criteria an item paragraph was decided on: its ancestors' own conditions (outermost
 * first), its own, and those of its criterion sub-paragraphs (item sub-paragraphs are listed
 * separately). Each trace names the paragraph it sits in, so it can be cited.
 */
function paragraphTraces(
  evaluator: ParagraphEvaluator,
  indexed: IndexedParagraph,
  rulebook: Rulebook,
): ParagraphTrace[] {
  const chain: IndexedParagraph[] = [];
  for (let ancestor = indexed.parent; ancestor; ancestor = ancestor.parent) chain.unshift(ancestor);
  const traces: ParagraphTrace[] = [];
  const add = (paragraph: IndexedParagraph) => {
    for (const trace of evaluator.evaluate(paragraph).traces)
      traces.push({ ...trace, paragraph: paragraph.node.paragraph });
  };
  chain.forEach(add);
  const visit = (paragraph: IndexedParagraph) => {
    add(paragraph);
    // A declared paragraph's own criteria were not evaluated: the declaration stands for them.
    if (evaluator.declaredFor(paragraph)) return;
    for (const child of childrenOf(rulebook, paragraph))
      if (child.role === 'criterion' && !child.node.reserved) visit(child);
  };
  visit(indexed);
  return traces;
}

/** The control-table lines of the entry that name the paragraph or an ancestor (or the whole entry). */
function controlReasonsFor(
  entry: EncodedEntry,
  indexed: IndexedParagraph,
  outcome: Outcome,
  evaluator: ParagraphEvaluator,
): ClassifiedControlReason[] {
  const codes = new Set<string>();
  for (let at: IndexedParagraph | undefined = indexed; at; at = at.parent) codes.add(at.node.paragraph);
  const covering = (reason: ControlReason) =>
    reason.paragraphs === undefined || reason.paragraphs.some((code) => codes.has(code));
  return (entry.encoding.controlReasons ?? []).filter(covering).map((reason) => {
    const when = reason.when
      ? evaluateExpression(reason.when, evaluator.environment(entry.encoding.regime))
      : undefined;
    return {
      reason: reason.reason,
      column: reason.column,
      text: reason.text,
      outcome: allOf([outcome, when?.outcome ?? 'MET']),
      traces: when?.traces ?? [],
    };
  });
}
