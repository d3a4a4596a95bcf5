// A CCL control-table line ("RS applies to ..." | "RS Column 1") read for one item: which
// Country Chart column it points to (or that it points elsewhere), and whether it reaches the
// item's paragraph. Where the entry is encoded, the line's scope and conditions are the
// encoding's (e.g. 6A003's RS Column 1 / Column 2 split on frame rate, array size and embedding
// in a civil product); otherwise the scope is read from the paragraphs the line names.
import type { ControlReason } from './encoding-schema.js';
import { evaluateExpression, type CriterionTrace, type FactSet } from './evaluate-expression.js';
import { ParagraphEvaluator } from './evaluate-paragraphs.js';
import { isUnder, overlaps, paragraphRefs } from './paragraph-refs.js';
import type { Rulebook } from './rulebook.js';
import { anyOf, type Outcome } from './three-valued.js';
import { CHART_COLUMNS, type ChartColumn } from './us-country-chart.js';

export interface ControlLine {
  /** "RS applies to ...", verbatim. */
  control: string;
  /** "RS Column 1", verbatim; null when the list prints the row as one cell. */
  countryChart: string | null;
}

/** What a line's chart cell points to. */
export type ChartTarget =
  | { kind: 'column'; column: ChartColumn }
  /** "See § 746.1(b) for UN controls": UN sanctions, decided under Part 746, not by a column. */
  | { kind: 'un-pointer' }
  /** Any other wording (a destination named, "any destination worldwide", a section to read). */
  | { kind: 'text' };

export interface LineScope {
  outcome: Outcome;
  /** How it was decided, one line per condition. */
  trace: string[];
  /** Facts that would decide an UNKNOWN scope. */
  missingFacts: string[];
  /** When the scope is UNKNOWN for want of a narrower code: say so. */
  needsParagraph: boolean;
}

const COLUMN_CELL = /^(CB|NP|NS|MT|RS|FC|CC|AT)\s*Column\s*(\d)\b/i;

/** The reason a line is for ("RS" in "RS applies to ..."). */
export function lineReason(line: ControlLine): string {
  return /^\s*([A-Z]{2,3})\b/.exec(line.control)?.[1] ?? '';
}

export function chartTarget(line: ControlLine): ChartTarget {
  const cell = (line.countryChart ?? '').trim();
  const column = COLUMN_CELL.exec(cell);
  if (column?.[1] && column[2]) {
    const name = `${column[1].toUpperCase()}${column[2]}`;
    if ((CHART_COLUMNS as readonly string[]).includes(name)) return { kind: 'column', column: name as ChartColumn };
  }
  if (/§\s*746\.1\b/.test(cell) && /\bUN\b/.test(cell)) return { kind: 'un-pointer' };
  return { kind: 'text' };
}

const QUALIFIERS =
  /\b(that|which|when|if|except|unless|designed|usable|being|having|meet|meets|exceed|exceeds|for use|specially)\b/i;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

function describeTrace(trace: CriterionTrace): string {
  const given = trace.given === null ? 'not given' : `given ${trace.given}`;
  return `"${trace.text}": requires ${trace.required}, ${given} -> ${trace.outcome}`;
}

/** Scope from the encoding's reading of the line, when the entry is encoded and the line found there. */
function encodedScope(variants: readonly ControlReason[], code: string, rulebook: Rulebook, facts: FactSet): LineScope {
  const evaluator = new ParagraphEvaluator(rulebook, facts);
  const outcomes: Outcome[] = [];
  const trace: string[] = [];
  const missing = new Set<string>();
  let needsParagraph = false;
  for (const variant of variants) {
    const paragraphs = variant.paragraphs;
    const covers = paragraphs === undefined || paragraphs.some((paragraph) => isUnder(code, paragraph));
    const partly = !covers && (paragraphs ?? []).some((paragraph) => paragraph !== code && isUnder(paragraph, code));
    if (!covers) {
      if (partly) {
        needsParagraph = true;
        trace.push(`The line names ${(paragraphs ?? []).join(', ')}, narrower than ${code}: which one is the item?`);
      }
      outcomes.push(partly ? 'UNKNOWN' : 'NOT_MET');
      continue;
    }
    const scope = paragraphs === undefined ? 'the entire entry' : paragraphs.join(', ');
    if (!variant.when) {
      trace.push(`The line covers ${scope}, which includes ${code}.`);
      outcomes.push('MET');
      continue;
    }
    const result = evaluateExpression(variant.when, evaluator.environment('US_EAR'));
    trace.push(`For ${scope}, the line's own conditions: ${result.outcome}.`);
    trace.push(...result.traces.map(describeTrace));
    result.missingFacts.forEach((fact) => missing.add(fact));
    outcomes.push(result.outcome);
  }
  const outcome = anyOf(outcomes);
  return { outcome, trace, missingFacts: outcome === 'UNKNOWN' ? [...missing] : [], needsParagraph };
}

/** Scope read from the paragraphs the line names (entries without an encoding). */
function textScope(line: ControlLine, code: string, entry: string): LineScope {
  const text = line.control;
  const afterApplies = text.replace(/^.*?\bapplies\b(\s+to)?/i, '');
  const whole = /entire entry/i.test(afterApplies);
  if (whole) {
    const exceptPart = /except\b(.*)$/i.exec(afterApplies)?.[1] ?? null;
    if (exceptPart === null)
      return {
        outcome: 'MET',
        trace: ['The line applies to the entire entry.'],
        missingFacts: [],
        needsParagraph: false,
      };
    const refs = paragraphRefs(exceptPart, entry);
    if (refs.other.length === 0 && refs.own.length > 0 && !QUALIFIERS.test(exceptPart.replace(/^\s*(for)?/, ''))) {
      if (refs.own.some((ref) => isUnder(code, ref)))
        return {
          outcome: 'NOT_MET',
          trace: [`The line applies to the entire entry except ${refs.own.join(', ')}, which includes ${code}.`],
          missingFacts: [],
          needsParagraph: false,
        };
      if (!refs.own.some((ref) => overlaps(code, ref)))
        return {
          outcome: 'MET',
          trace: [`The line applies to the entire entry except ${refs.own.join(', ')}; ${code} is not among them.`],
          missingFacts: [],
          needsParagraph: false,
        };
      return {
        outcome: 'UNKNOWN',
        trace: [`The line excludes ${refs.own.join(', ')}, narrower than ${code}: which paragraph is the item?`],
        missingFacts: [],
        needsParagraph: true,
      };
    }
    return {
      outcome: 'UNKNOWN',
      trace: [`The line applies to the entire entry with an exception the facts given cannot decide: "${text}".`],
      missingFacts: [],
      needsParagraph: false,
    };
  }
  const refs = paragraphRefs(afterApplies, entry);
  if (refs.other.length > 0 || refs.own.length === 0) {
    return {
      outcome: 'UNKNOWN',
      trace: [
        refs.other.length > 0
          ? `The line describes the item by other entries (${refs.other.join(', ')}); whether it reaches this item is not decided here: "${text}".`
          : `The line does not name paragraphs the item can be matched against: "${text}".`,
      ],
      missingFacts: [],
      needsParagraph: false,
    };
  }
  if (!refs.own.some((ref) => overlaps(code, ref))) {
    return {
      outcome: 'NOT_MET',
      trace: [`The line names ${refs.own.join(', ')}; ${code} is none of them and not under any of them.`],
      missingFacts: [],
      needsParagraph: false,
    };
  }
  if (refs.own.some((ref) => isUnder(code, ref))) {
    if (!QUALIFIERS.test(afterApplies))
      return {
        outcome: 'MET',
        trace: [`The line names ${refs.own.filter((ref) => isUnder(code, ref)).join(', ')}, which includes ${code}.`],
        missingFacts: [],
        needsParagraph: false,
      };
    return {
      outcome: 'UNKNOWN',
      trace: [
        `The line names ${code} (or a paragraph above it) with conditions the facts given cannot decide: "${text}".`,
      ],
      missingFacts: [],
      needsParagraph: false,
    };
  }
  return {
    outcome: 'UNKNOWN',
    trace: [`The line names ${refs.own.join(', ')}, narrower than ${code}: which paragraph is the item?`],
    missingFacts: [],
    needsParagraph: true,
  };
}

/**
 * Whether the control-table line reaches the item controlled by `code` (a paragraph or the
 * entry): from the encoding when the entry is encoded and holds this line, else from the text.
 */
export function lineScope(
  line: ControlLine,
  code: string,
  entry: string,
  rulebook: Rulebook,
  facts: FactSet,
): LineScope {
  const encoded = rulebook.entries.find(
    (candidate) => candidate.encoding.regime === 'US_EAR' && candidate.encoding.entry === entry,
  );
  const variants = (encoded?.encoding.controlReasons ?? []).filter(
    (reason) => normalise(reason.text) === normalise(line.control),
  );
  if (variants.length > 0) return encodedScope(variants, code, rulebook, facts);
  return textScope(line, code, entry);
}
