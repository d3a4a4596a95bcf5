// Evaluates encoded paragraphs for one item. A paragraph's effective outcome is its own result
// (conditions, children, exclusions) combined with its ancestors' conditions and exclusions:
// 6A003.b.4.b only controls an item that is also an imaging camera under 6A003.b.4 and not a
// broadcast camera excluded at 6A003.b.
import type { Exclusion } from './encoding-schema.js';
import {
  combine,
  evaluateExpression,
  type CriterionTrace,
  type EvaluationEnvironment,
  type ExpressionResult,
  type FactSet,
} from './evaluate-expression.js';
import { DeclaredSet, type Declared, type DeclaredScope } from './declared-classifications.js';
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
  /**
   * The outcome if no decontrol note of this paragraph or its ancestors applied. A note only
   * matters where this is not NOT_MET: a note "firing" on a paragraph whose own conditions
   * already rule the item out says nothing about the item.
   */
  outcomeBeforeExclusions: Outcome;
}

const ITEM_KIND = 'item_kind';

export class ParagraphEvaluator {
  // Results are pure functions of (paragraph, ignoreItemKind) for the evaluator's facts, so each
  // is computed once: classifying an item asks for the same ancestors, notes and referenced
  // entries over and over (every item paragraph's chain, every trace, every "controlled by").
  private readonly local = new Map<
    string,
    ExpressionResult & {
      exclusions: ExclusionResult[];
      ownTraces: CriterionTrace[];
      outcomeBeforeOwnExclusions: Outcome;
    }
  >();
  private readonly effectiveResults = new Map<string, ParagraphResult>();
  private readonly ownResults = new Map<
    string,
    ExpressionResult & { exclusions: ExclusionResult[]; conditionsOutcome: Outcome }
  >();
  private readonly inProgress = new Set<string>();
  private readonly effectiveInProgress = new Set<string>();
  private readonly declarations: ReturnType<Rulebook['declarations']>;

  constructor(
    private readonly rulebook: Rulebook,
    private readonly facts: FactSet,
    private readonly declared: DeclaredSet = DeclaredSet.EMPTY,
  ) {
    this.declarations = rulebook.declarations();
  }

  /**
   * The declaration that makes the paragraph MET, if any: in the item's own reading (not
   * ignoring item_kind) a declared classification of the item, in a component's reading a
   * declared component. A declaration covers its paragraph and every paragraph above it.
   */
  declaredFor(paragraph: IndexedParagraph, ignoreItemKind = false): Declared | undefined {
    const scope: DeclaredScope = ignoreItemKind ? 'COMPONENT' : 'ITEM';
    return this.declared.covering(paragraph.regime, paragraph.node.paragraph, scope);
  }

  private declaredResult(paragraph: IndexedParagraph, declaration: Declared): ExpressionResult {
    const whose = declaration.scope === 'ITEM' ? 'the item' : 'a component the item incorporates';
    const trace: CriterionTrace = {
      criterionId: `declared:${declaration.code}`,
      fact: null,
      ref: declaration.code,
      required:
        declaration.code === paragraph.node.paragraph
          ? `declared: ${whose} is controlled by ${declaration.code}`
          : `declared: ${whose} is controlled by ${declaration.code}, under ${paragraph.node.paragraph}`,
      given: 'declared',
      outcome: 'MET',
      text: paragraph.node.text,
      note:
        declaration.code === paragraph.node.paragraph
          ? null
          : `${declaration.code} sits under ${paragraph.node.paragraph}: its conditions hold and its notes do not release the item.`,
      source: 'DECLARED',
      implication: null,
    };
    return { outcome: 'MET', traces: [trace], missingFacts: [], declared: true };
  }

  /** Effective outcome of a paragraph for the item. */
  evaluate(paragraph: IndexedParagraph): ParagraphResult {
    return this.effective(paragraph, false);
  }

  /** Resolves a reference as the encoding schema says: in the criterion's `regime`, else the regime of the file it sits in. */
  resolveRef(ref: string, regime: string | undefined, fromRegime: string, ignoreItemKind = true): ExpressionResult {
    const target = this.rulebook.paragraph(regime ?? fromRegime, ref);
    if (!target) throw new Error(`reference to unencoded paragraph ${ref} (${regime ?? fromRegime})`);
    const result = this.effective(target, ignoreItemKind);
    return {
      outcome: result.outcome,
      traces: result.traces,
      missingFacts: result.missingFacts,
      declared: this.declaredFor(target, ignoreItemKind) !== undefined,
    };
  }

  /** The environment for expressions written in a file of `regime` (references default to it). */
  environment(regime: string, ignoreItemKind = false): EvaluationEnvironment {
    return {
      facts: this.facts,
      declarations: this.declarations,
      units: this.rulebook.units,
      ignoredFacts: ignoreItemKind ? new Set([ITEM_KIND]) : undefined,
      // A reference about the item itself keeps the current reading of item_kind; one about a
      // named component drops it (the referring text already says what the component is).
      resolveRef: (ref, refRegime, subject) =>
        this.resolveRef(ref, refRegime, regime, subject === 'item' ? ignoreItemKind : true),
    };
  }

  private effective(paragraph: IndexedParagraph, ignoreItemKind: boolean): ParagraphResult {
    // Ancestors' conditions are evaluated outside localResult's guard, so a reference from an
    // ancestor back to one of its descendants needs a guard of its own.
    const key = `${paragraph.regime} ${paragraph.node.paragraph} ${ignoreItemKind}`;
    const cached = this.effectiveResults.get(key);
    if (cached) return cached;
    if (this.effectiveInProgress.has(key)) throw new Error(`circular reference through ${paragraph.node.paragraph}`);
    this.effectiveInProgress.add(key);
    try {
      const result = this.effectiveUnguarded(paragraph, ignoreItemKind);
      this.effectiveResults.set(key, result);
      return result;
    } finally {
      this.effectiveInProgress.delete(key);
    }
  }

  private effectiveUnguarded(paragraph: IndexedParagraph, ignoreItemKind: boolean): ParagraphResult {
    const declaration = this.declaredFor(paragraph, ignoreItemKind);
    if (declaration) {
      const declared = this.declaredResult(paragraph, declaration);
      return { paragraph, ...declared, exclusions: [], outcomeBeforeExclusions: 'MET' };
    }
    const own = this.localResult(paragraph, ignoreItemKind);
    const parts: ExpressionResult[] = [own];
    const beforeExclusions: Outcome[] = [own.outcomeBeforeOwnExclusions];
    const exclusions = [...own.exclusions];
    for (let ancestor = paragraph.parent; ancestor; ancestor = ancestor.parent) {
      const ancestorOwn = this.conditionsAndExclusions(ancestor, ignoreItemKind);
      parts.push(ancestorOwn);
      beforeExclusions.push(ancestorOwn.conditionsOutcome);
      exclusions.push(...ancestorOwn.exclusions);
    }
    const combined = combine(parts, allOf);
    return {
      paragraph,
      outcome: combined.outcome,
      traces: own.ownTraces,
      exclusions,
      missingFacts: combined.missingFacts,
      outcomeBeforeExclusions: allOf(beforeExclusions),
    };
  }

  /** Own conditions, children and exclusions. */
  private localResult(paragraph: IndexedParagraph, ignoreItemKind: boolean) {
    const key = `${paragraph.regime} ${paragraph.node.paragraph} ${ignoreItemKind}`;
    const cached = this.local.get(key);
    if (cached) return cached;
    if (this.inProgress.has(key)) throw new Error(`circular reference through ${paragraph.node.paragraph}`);
    this.inProgress.add(key);
    try {
      const declaration = this.declaredFor(paragraph, ignoreItemKind);
      if (declaration) {
        const declared = this.declaredResult(paragraph, declaration);
        const result = {
          ...declared,
          exclusions: [],
          ownTraces: declared.traces,
          outcomeBeforeOwnExclusions: 'MET' as const,
        };
        this.local.set(key, result);
        return result;
      }
      const node = paragraph.node;
      const ownPart = this.conditionsAndExclusions(paragraph, ignoreItemKind);
      const parts: ExpressionResult[] = [ownPart];
      // Own conditions and children, without own notes (descendants' notes still count).
      const beforeOwnExclusions: Outcome[] = [ownPart.conditionsOutcome];
      if (node.reserved) {
        parts.push({ outcome: 'NOT_MET', traces: [], missingFacts: [] });
        beforeOwnExclusions.push('NOT_MET');
      }
      const children = (node.children ?? []).filter((child) => !child.reserved);
      if (children.length > 0) {
        const childResults = children.map((child) => {
          const indexed = this.rulebook.paragraph(paragraph.regime, child.paragraph);
          if (!indexed) throw new Error(`paragraph ${child.paragraph} is not indexed`);
          return this.localResult(indexed, ignoreItemKind);
        });
        const childrenResult = combine(childResults, node.combine === 'all' ? allOf : anyOf);
        parts.push(childrenResult);
        beforeOwnExclusions.push(childrenResult.outcome);
      }
      const result = {
        ...combine(parts, allOf),
        exclusions: ownPart.exclusions,
        ownTraces: ownPart.traces,
        outcomeBeforeOwnExclusions: allOf(beforeOwnExclusions),
      };
      this.local.set(key, result);
      return result;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private conditionsAndExclusions(
    paragraph: IndexedParagraph,
    ignoreItemKind: boolean,
  ): ExpressionResult & { exclusions: ExclusionResult[]; conditionsOutcome: Outcome } {
    const key = `${paragraph.regime} ${paragraph.node.paragraph} ${ignoreItemKind}`;
    const cached = this.ownResults.get(key);
    if (cached) return cached;
    const declaration = this.declaredFor(paragraph, ignoreItemKind);
    const result = declaration
      ? { ...this.declaredResult(paragraph, declaration), exclusions: [], conditionsOutcome: 'MET' as const }
      : this.evaluateConditionsAndExclusions(paragraph, ignoreItemKind);
    this.ownResults.set(key, result);
    return result;
  }

  private evaluateConditionsAndExclusions(
    paragraph: IndexedParagraph,
    ignoreItemKind: boolean,
  ): ExpressionResult & { exclusions: ExclusionResult[]; conditionsOutcome: Outcome } {
    const env = this.environment(paragraph.regime, ignoreItemKind);
    const node = paragraph.node;
    const conditions: ExpressionResult = node.conditions
      ? evaluateExpression(node.conditions, env)
      : { outcome: 'MET', traces: [], missingFacts: [] };
    const evaluated = (node.exclusions ?? []).map((exclusion) => ({
      exclusion,
      result: evaluateExpression(exclusion.when, env),
    }));
    const exclusions: ExclusionResult[] = evaluated.map(({ exclusion, result }) => ({
      exclusion,
      paragraph: node.paragraph,
      outcome: result.outcome,
      traces: result.traces,
    }));
    // Traces of a note that did not fire stay out of the paragraph's trace; its unknown facts do not.
    const notExcluded: ExpressionResult[] = evaluated.map(({ result }) => ({
      outcome: not(result.outcome),
      traces: [],
      missingFacts: result.outcome === 'UNKNOWN' ? result.missingFacts : [],
    }));
    const combined = combine([conditions, ...notExcluded], allOf);
    return {
      ...combined,
      traces: conditions.traces,
      exclusions: exclusions.filter((exclusion) => exclusion.outcome !== 'NOT_MET'),
      conditionsOutcome: conditions.outcome,
    };
  }
}
