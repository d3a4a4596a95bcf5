// Evaluates encoded paragraphs for one item. A paragraph's effective outcome is its own result
// (conditions, children, exclusions) combined with its ancestors' conditions and exclusions:
// 6A003.b.4.b only controls an item that is also an imaging camera under 6A003.b.4 and not a
// broadcast camera excluded at 6A003.b.
import type { Exclusion } from './encoding-schema.js';
import { combine, evaluateExpression, type CriterionTrace, type EvaluationEnvironment, type ExpressionResult, type FactSet } from './evaluate-expression.js';
import type { IndexedParagraph, Rulebook } from './rulebook.js';
import { allOf, anyOf, not, type Outcome } from './three-valued.js';

export interface ExclusionResult {
  exclusion: Exclusion;
  /** The paragraph whose note it is. */
  paragraph: string;
  /** MET: the note takes the item out; UNKNOWN: it might. */
  outcome: Outcome;
  traces: CriterionTrace[];
}

export interface ParagraphResult {
  paragraph: IndexedParagraph;
  outcome: Outcome;
  /** Traces of this paragraph's own conditions (children have their own results). */
  traces: CriterionTrace[];
  /** Exclusions of this paragraph and its ancestors that fired (MET) or might (UNKNOWN). */
  exclusions: ExclusionResult[];
  missingFacts: string[];
}

const ITEM_KIND = 'item_kind';

export class ParagraphEvaluator {
  private readonly local = new Map<string, ExpressionResult & { exclusions: ExclusionResult[]; ownTraces: CriterionTrace[] }>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly rulebook: Rulebook,
    private readonly facts: FactSet,
  ) {}

  /** Effective outcome of a paragraph for the item. */
  evaluate(paragraph: IndexedParagraph): ParagraphResult {
    return this.effective(paragraph, false);
  }

  private env(ignoreItemKind: boolean): EvaluationEnvironment {
    return {
      facts: this.facts,
      declarations: this.rulebook.declarations(),
      units: this.rulebook.units,
      ignoredFacts: ignoreItemKind ? new Set([ITEM_KIND]) : undefined,
      resolveRef: (ref, regime) => {
        const target = this.rulebook.paragraph(regime ?? '', ref) ?? this.findInAnyRegime(ref);
        if (!target) throw new Error(`reference to unencoded paragraph ${ref}`);
        const result = this.effective(target, true);
        return { outcome: result.outcome, traces: result.traces, missingFacts: result.missingFacts };
      },
    };
  }

  private findInAnyRegime(code: string): IndexedParagraph | undefined {
    return this.rulebook.allParagraphs().find((paragraph) => paragraph.node.paragraph === code);
  }

  private effective(paragraph: IndexedParagraph, ignoreItemKind: boolean): ParagraphResult {
    const own = this.localResult(paragraph, ignoreItemKind);
    const parts: ExpressionResult[] = [own];
    const exclusions = [...own.exclusions];
    for (let ancestor = paragraph.parent; ancestor; ancestor = ancestor.parent) {
      const ancestorOwn = this.conditionsAndExclusions(ancestor, ignoreItemKind);
      parts.push(ancestorOwn);
      exclusions.push(...ancestorOwn.exclusions);
    }
    const combined = combine(parts, allOf);
    return { paragraph, outcome: combined.outcome, traces: own.ownTraces, exclusions, missingFacts: combined.missingFacts };
  }

  /** Own conditions, children and exclusions. */
  private localResult(paragraph: IndexedParagraph, ignoreItemKind: boolean) {
    const key = `${paragraph.regime} ${paragraph.node.paragraph} ${ignoreItemKind}`;
    const cached = this.local.get(key);
    if (cached) return cached;
    if (this.inProgress.has(key)) throw new Error(`circular reference through ${paragraph.node.paragraph}`);
    this.inProgress.add(key);
    try {
      const node = paragraph.node;
      const ownPart = this.conditionsAndExclusions(paragraph, ignoreItemKind);
      const parts: ExpressionResult[] = [ownPart];
      if (node.reserved) parts.push({ outcome: 'NOT_MET', traces: [], missingFacts: [] });
      const children = (node.children ?? []).filter((child) => !child.reserved);
      if (children.length > 0) {
        const childResults = children.map((child) => {
          const indexed = this.rulebook.paragraph(paragraph.regime, child.paragraph);
          if (!indexed) throw new Error(`paragraph ${child.paragraph} is not indexed`);
          return this.localResult(indexed, ignoreItemKind);
        });
        parts.push(combine(childResults, node.combine === 'all' ? allOf : anyOf));
      }
      const result = { ...combine(parts, allOf), exclusions: ownPart.exclusions, ownTraces: ownPart.traces };
      this.local.set(key, result);
      return result;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private conditionsAndExclusions(paragraph: IndexedParagraph, ignoreItemKind: boolean): ExpressionResult & { exclusions: ExclusionResult[] } {
    const env = this.env(ignoreItemKind);
    const node = paragraph.node;
    const conditions: ExpressionResult = node.conditions ? evaluateExpression(node.conditions, env) : { outcome: 'MET', traces: [], missingFacts: [] };
    const evaluated = (node.exclusions ?? []).map((exclusion) => ({ exclusion, result: evaluateExpression(exclusion.when, env) }));
    const exclusions: ExclusionResult[] = evaluated.map(({ exclusion, result }) => ({ exclusion, paragraph: node.paragraph, outcome: result.outcome, traces: result.traces }));
    // Traces of a note that did not fire stay out of the paragraph's trace; its unknown facts do not.
    const notExcluded: ExpressionResult[] = evaluated.map(({ result }) => ({ outcome: not(result.outcome), traces: [], missingFacts: result.outcome === 'UNKNOWN' ? result.missingFacts : [] }));
    const combined = combine([conditions, ...notExcluded], allOf);
    return { ...combined, traces: conditions.traces, exclusions: exclusions.filter((exclusion) => exclusion.outcome !== 'NOT_MET') };
  }
}
