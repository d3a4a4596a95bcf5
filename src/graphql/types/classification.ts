// `classifyItem`: an item's facts against the encoded thresholds (seed/encodings), three-valued,
// with a trace per criterion, the decontrol notes that fired, the facts that would decide an
// UNKNOWN, the control-table lines that apply, and the citation of every paragraph. The
// evaluation itself is classifyFacts (pure); this file adds what needs the database: the
// provision rows cited (one query) and whether the encoded text is in force on `asOf`.
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import {
  classifyFacts,
  type ClassifiedControlReason,
  type ClassifiedEntry,
  type ClassifiedExclusion,
  type ClassifiedMove,
  type ClassifiedParagraph,
  type ParagraphTrace,
} from '../../classification/classify-item.js';
import type { CriterionTrace } from '../../classification/evaluate-expression.js';
import { FactInputError, normalizeFacts } from '../../classification/item-facts-input.js';
import { apiRegimeOf, encodedRegimeOf } from '../../classification/regime-mapping.js';
import type { EncodedRegime, Rulebook } from '../../classification/rulebook.js';
import { rankNextQuestions } from '../../classification/next-questions.js';
import { currentRulebook } from '../../classification/rulebook-holder.js';
import { anyOf, type Outcome } from '../../classification/three-valued.js';
import { getPrisma } from '../../db/prisma.js';
import { provisionVersionWhere } from '../../domain/point-in-time.js';
import { Regime, type Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { InconsistentDataError, InvalidItemFactsError } from '../errors.js';
import { CitationRef } from './citation.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef } from './control-provision.js';
import { factInputsOf, ItemInput } from './item-input.js';
import { FactUseRef, itemFactShape, ItemFactRef, type FactUseShape, type ItemFactShape } from './item-facts.js';

export const ClassificationOutcomeEnum = builder.enumType('ClassificationOutcome', {
  description: 'Three-valued answer: UNKNOWN whenever the facts given do not decide, never rounded to either side.',
  values: {
    MET: { description: 'The facts satisfy the condition.' },
    NOT_MET: { description: 'The facts rule the condition out.' },
    UNKNOWN: {
      description: 'The facts given do not decide it (see `missingFacts`), or no encoded text is known to apply.',
    },
  } as const,
});

export const RegimeCoverageEnum = builder.enumType('RegimeCoverage', {
  description: 'Whether a regime could be evaluated.',
  values: {
    ENCODED: { description: 'Its entries are encoded and the encoded text is in force on the date asked about.' },
    NOT_ENCODED: { description: 'Nothing of this regime is encoded: no answer can be given (this is not NOT_MET).' },
    TEXT_NOT_IN_FORCE: {
      description:
        'Entries are encoded, but the encoded text is not known to be in force on the date asked about; they are not evaluated.',
    },
  } as const,
});

export const TraceLineRef = builder.objectRef<CriterionTrace & { paragraph?: string }>('CriterionTrace').implement({
  description: 'One encoded criterion and how the item fared against it, with the verbatim text it was read from.',
  fields: (t) => ({
    criterionId: t.exposeString('criterionId', { description: 'Stable id of the criterion within its encoding.' }),
    paragraph: t.string({
      nullable: true,
      description:
        'Code of the paragraph whose text the criterion was read from (cite it); null inside decontrol notes and control-table lines, which name their own paragraph.',
      resolve: (trace) => trace.paragraph ?? null,
    }),
    fact: t.exposeString('fact', {
      nullable: true,
      description: 'The fact compared; null for a reference to another paragraph.',
    }),
    ref: t.exposeString('ref', {
      nullable: true,
      description: 'For "controlled by ..." criteria, the paragraph referred to (its own criteria follow this line).',
    }),
    required: t.exposeString('required', {
      description: 'What the text requires, e.g. "> 1000000 frames/s", "= true".',
    }),
    given: t.exposeString('given', {
      nullable: true,
      description: 'The value given for the fact, as given; null when it was not given.',
    }),
    outcome: t.field({
      type: ClassificationOutcomeEnum,
      description: 'How the item fared against this criterion.',
      resolve: (trace) => trace.outcome,
    }),
    text: t.exposeString('text', { description: 'The verbatim sentence or clause the criterion was read from.' }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'How the text was read where a reading was needed (e.g. "better than" = lower); null when none.',
    }),
  }),
});

const ClassifiedExclusionRef = builder.objectRef<ClassifiedExclusion>('ClassifiedExclusion').implement({
  description:
    'A decontrol note ("... does not control ...") that takes the item out of a paragraph (MET) or might (UNKNOWN).',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Stable id of the note within its encoding.' }),
    label: t.exposeString('label', { description: 'The note as the list labels it, e.g. "Note 3 to 6A003.b.4".' }),
    text: t.exposeString('text', { description: 'Verbatim text of the note.' }),
    paragraph: t.exposeString('paragraph', {
      description: 'The paragraph the note belongs to (the classified paragraph or one of its ancestors).',
    }),
    outcome: t.field({
      type: ClassificationOutcomeEnum,
      description: 'MET: the note applies; UNKNOWN: it might, facts are missing.',
      resolve: (exclusion) => exclusion.outcome,
    }),
    movesTo: t.string({
      nullable: true,
      description: 'Where the list says the excluded item goes instead (e.g. "6A993.a"); null when it does not say.',
      resolve: (exclusion) => exclusion.movesTo?.paragraph ?? null,
    }),
    movesToText: t.string({
      nullable: true,
      description: 'The verbatim sentence saying where the item goes; null when there is none.',
      resolve: (exclusion) => exclusion.movesTo?.text ?? null,
    }),
    traces: t.field({
      type: [TraceLineRef],
      description: "The note's own criteria.",
      resolve: (exclusion) => exclusion.traces,
    }),
  }),
});

const ControlReasonApplicationRef = builder.objectRef<ClassifiedControlReason>('ControlReasonApplication').implement({
  description:
    "A line of the entry's control table (reason for control and country-chart column) covering the paragraph, and whether it applies to the item.",
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'Reason for control, e.g. "RS".' }),
    column: t.exposeString('column', { description: 'Country-chart column, e.g. "RS Column 1".' }),
    text: t.exposeString('text', { description: 'Verbatim text of the control-table line.' }),
    outcome: t.field({
      type: ClassificationOutcomeEnum,
      description:
        'Whether the line applies: the paragraph\'s outcome combined with the conditions the line itself states (e.g. "frame rate greater than 60 Hz").',
      resolve: (reason) => reason.outcome,
    }),
    traces: t.field({
      type: [TraceLineRef],
      description: "The line's own conditions; empty when it states none.",
      resolve: (reason) => reason.traces,
    }),
  }),
});

/** The provision row a paragraph is cited through, and its citation, as the query planned them. */
type CitedRow = {
  id: string;
  code: string;
  regime: Regime;
  status: string;
  textDate: Date | null;
  citation: { id: string } | null;
};

interface ParagraphShape extends ClassifiedParagraph {
  apiRegime: Regime;
  provision: CitedRow | null;
}

const ClassifiedParagraphRef = builder.objectRef<ParagraphShape>('ClassifiedParagraph').implement({
  description: 'An encoded item paragraph (a kind of item an entry controls) and whether the item falls under it.',
  fields: (t) => ({
    regime: t.field({
      type: RegimeEnum,
      description: 'The control-list family.',
      resolve: (paragraph) => paragraph.apiRegime,
    }),
    entry: t.exposeString('entry', { description: 'The entry code, e.g. "6A003".' }),
    paragraph: t.exposeString('paragraph', { description: 'The paragraph code, e.g. "6A003.b.4.b".' }),
    role: t.exposeString('role', {
      description: '"item" (criterion paragraphs are reported in the traces of their item).',
    }),
    depth: t.exposeInt('depth', { description: 'Depth below the entry heading (1 for 6A003.a, 3 for 6A003.b.4.b).' }),
    parent: t.exposeString('parent', { nullable: true, description: 'Code of the paragraph it sits under.' }),
    text: t.exposeString('text', { description: 'Verbatim text of the paragraph.' }),
    outcome: t.field({
      type: ClassificationOutcomeEnum,
      description:
        'Whether the item falls under this paragraph, counting the conditions and decontrol notes of the paragraph and of every paragraph above it.',
      resolve: (paragraph) => paragraph.outcome,
    }),
    traces: t.field({
      type: [TraceLineRef],
      description:
        'Every criterion the outcome depends on: those of the paragraphs above it (outermost first), its own, and those of its criterion sub-paragraphs.',
      resolve: (paragraph): ParagraphTrace[] => paragraph.traces,
    }),
    exclusions: t.field({
      type: [ClassifiedExclusionRef],
      description: 'Decontrol notes of this paragraph or a paragraph above it that apply (MET) or might (UNKNOWN).',
      resolve: (paragraph) => paragraph.exclusions,
    }),
    missingFacts: t.exposeStringList('missingFacts', {
      description: 'For UNKNOWN: the facts that would decide it (only those of undecided branches). Empty otherwise.',
    }),
    controlReasons: t.field({
      type: [ControlReasonApplicationRef],
      description:
        'For MET and UNKNOWN paragraphs: the control-table lines of the entry that cover this paragraph (or the whole entry). Empty for NOT_MET.',
      resolve: (paragraph) => paragraph.controlReasons,
    }),
    provision: t.field({
      type: ControlProvisionRef,
      nullable: true,
      description:
        'The provision this paragraph is cited through, in the version valid on `asOf`: the paragraph itself where the list is stored by paragraph (US), else the nearest stored ancestor (EU entries are stored whole). Null when none is known to be in force.',
      resolve: (paragraph) => paragraph.provision,
    }),
    citation: t.field({
      type: CitationRef,
      nullable: true,
      description: 'Source of the text the paragraph was encoded from (the citation of `provision`).',
      resolve: (paragraph) => paragraph.provision?.citation ?? null,
    }),
  }),
});

interface EntryShape extends ClassifiedEntry {
  apiRegime: Regime;
  coverage: 'ENCODED' | 'TEXT_NOT_IN_FORCE';
  provision: CitedRow | null;
  reason: string | null;
}

const ClassifiedEntryRef = builder.objectRef<EntryShape>('ClassifiedEntry').implement({
  description: 'An encoded entry and whether any of its item paragraphs controls the item.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'The control-list family.', resolve: (entry) => entry.apiRegime }),
    entry: t.exposeString('entry', { description: 'The entry code, e.g. "6A003".' }),
    coverage: t.field({
      type: RegimeCoverageEnum,
      description:
        'ENCODED when evaluated; TEXT_NOT_IN_FORCE when the encoded text is not known to be in force on `asOf` (then `outcome` is UNKNOWN).',
      resolve: (entry) => entry.coverage,
    }),
    outcome: t.field({
      type: ClassificationOutcomeEnum,
      description:
        'MET when some item paragraph of the entry is MET, UNKNOWN when none is but some is UNKNOWN (or the text is not known to be in force), else NOT_MET.',
      resolve: (entry) => entry.outcome,
    }),
    missingFacts: t.exposeStringList('missingFacts', {
      description: 'For UNKNOWN: the facts that would decide the entry.',
    }),
    undecidable: t.exposeStringList('undecidable', {
      description: 'What the text leaves undecidable from item facts, in plain words.',
    }),
    reason: t.exposeString('reason', {
      nullable: true,
      description: 'Why the entry was not evaluated; null when it was.',
    }),
    provision: t.field({
      type: ControlProvisionRef,
      nullable: true,
      description: 'The entry provision in the version valid on `asOf`; null when none is known to be in force.',
      resolve: (entry) => entry.provision,
    }),
  }),
});

interface RegimeShape {
  regime: Regime;
  coverage: 'ENCODED' | 'NOT_ENCODED' | 'TEXT_NOT_IN_FORCE';
  outcome: Outcome | null;
  entries: string[];
  textDates: Date[];
  note: string;
}

const RegimeClassificationRef = builder.objectRef<RegimeShape>('RegimeClassification').implement({
  description: 'The answer for one regime asked about.',
  fields: (t) => ({
    regime: t.expose('regime', { type: RegimeEnum, description: 'The control-list family.' }),
    coverage: t.expose('coverage', { type: RegimeCoverageEnum, description: 'Whether the regime could be evaluated.' }),
    outcome: t.field({
      type: ClassificationOutcomeEnum,
      nullable: true,
      description:
        'Whether an encoded entry of the regime controls the item; null when nothing is encoded (no answer, not NOT_MET).',
      resolve: (regime) => regime.outcome,
    }),
    entries: t.exposeStringList('entries', {
      description: 'The encoded entries of the regime (only these were evaluated).',
    }),
    textDates: t.field({
      type: ['Date'],
      description: 'Dates the evaluated texts are known to be in force on (consolidation or snapshot dates).',
      resolve: (regime) => regime.textDates,
    }),
    note: t.exposeString('note', { description: 'What the answer covers, in plain words.' }),
  }),
});

const ClassificationMoveRef = builder
  .objectRef<ClassifiedMove & { apiRegime: Regime }>('ClassificationMove')
  .implement({
    description:
      'A decontrol note that takes the item out of a paragraph and says where it goes instead (e.g. Note 3 to 6A003.b.4 -> 6A993.a).',
    fields: (t) => ({
      regime: t.field({ type: RegimeEnum, description: 'The control-list family.', resolve: (move) => move.apiRegime }),
      from: t.exposeString('from', { description: 'The paragraph the note takes the item out of.' }),
      to: t.exposeString('to', {
        description:
          'Where the list says the item goes (classify it there; it may be encoded and listed among the paragraphs).',
      }),
      label: t.exposeString('label', { description: 'The note as the list labels it.' }),
      text: t.exposeString('text', { description: 'The verbatim sentence saying where the item goes.' }),
      outcome: t.field({
        type: ClassificationOutcomeEnum,
        description: 'MET: the note applies; UNKNOWN: it might.',
        resolve: (move) => move.outcome,
      }),
    }),
  });

interface ItemClassificationShape {
  controlled: Outcome;
  asOf: Date | null;
  regimes: RegimeShape[];
  entries: EntryShape[];
  paragraphs: ParagraphShape[];
  moves: (ClassifiedMove & { apiRegime: Regime })[];
  disclaimer: string;
}

interface NextQuestionShape {
  fact: ItemFactShape;
  paragraphs: FactUseShape[];
}

const NextQuestionRef = builder.objectRef<NextQuestionShape>('NextQuestion').implement({
  description: 'A fact the item was not described by, which undecided paragraphs wait on.',
  fields: (t) => ({
    fact: t.field({
      type: ItemFactRef,
      description: 'The fact: its name, type, units or values, and description (as `itemFacts` gives it).',
      resolve: (question) => question.fact,
    }),
    paragraphs: t.field({
      type: [FactUseRef],
      description: 'The UNKNOWN item paragraphs of this answer that list the fact among their `missingFacts`.',
      resolve: (question) => question.paragraphs,
    }),
  }),
});

const ItemClassificationRef = builder.objectRef<ItemClassificationShape>('ItemClassification').implement({
  description:
    'An item classified against the encoded entries of the regimes asked about. Decision support, not legal advice: read `disclaimer`.',
  fields: (t) => ({
    controlled: t.field({
      type: ClassificationOutcomeEnum,
      description:
        'MET when some encoded item paragraph controls the item; UNKNOWN when none does but some might, or a regime asked about is not encoded or its text is not known to be in force; NOT_MET when every encoded entry rules it out. NOT_MET speaks only of the encoded entries (see `regimes.entries`), not of the whole list.',
      resolve: (result) => result.controlled,
    }),
    asOf: t.expose('asOf', {
      type: 'Date',
      nullable: true,
      description: 'The date asked about; null for the current texts.',
    }),
    regimes: t.field({
      type: [RegimeClassificationRef],
      description: 'The answer per regime asked about.',
      resolve: (result) => result.regimes,
    }),
    entries: t.field({
      type: [ClassifiedEntryRef],
      description: 'Every encoded entry of those regimes, with its outcome.',
      resolve: (result) => result.entries,
    }),
    paragraphs: t.field({
      type: [ClassifiedParagraphRef],
      description:
        'Encoded item paragraphs: MET first (most specific first), then UNKNOWN (most specific first), then NOT_MET in text order. A NOT_MET paragraph under a NOT_MET paragraph is left out (its parent already rules it out) unless a decontrol note is what ruled it out.',
      resolve: (result) => result.paragraphs,
    }),
    moves: t.field({
      type: [ClassificationMoveRef],
      description: 'Decontrol notes that apply (or might) and say where the item goes instead.',
      resolve: (result) => result.moves,
    }),
    nextQuestions: t.field({
      type: [NextQuestionRef],
      description:
        'What to find out next: the facts the UNKNOWN paragraphs of this answer are missing, the fact that most of them wait on first (ties by name). A count of paragraphs, not a promise that one answer decides them all. Empty when no paragraph is UNKNOWN for want of a fact.',
      resolve: (result): NextQuestionShape[] => {
        const rulebook = currentRulebook();
        return rankNextQuestions(result.paragraphs).map((question) => {
          const info = rulebook.facts.get(question.fact);
          if (!info) throw new Error(`missing fact ${question.fact} is not in the rulebook`);
          return {
            fact: itemFactShape(rulebook, info),
            paragraphs: question.paragraphs.map((paragraph) => ({
              regime: paragraph.apiRegime,
              paragraph: paragraph.paragraph,
            })),
          };
        });
      },
    }),
    disclaimer: t.exposeString('disclaimer', {
      description: 'What this answer is and is not, and the dates of the texts it rests on. Show it with the answer.',
    }),
  }),
});

/** Default scope when no regimes are given: every regime with an encoded entry. */
function encodedApiRegimes(rulebook: Rulebook): Regime[] {
  const encoded = new Set(rulebook.entries.map((entry) => entry.encoding.regime));
  return Object.values(Regime).filter((regime) => {
    const mapped = encodedRegimeOf(regime);
    return mapped !== undefined && encoded.has(mapped);
  });
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Every paragraph code from `code` up to its entry: 6A003.b.4.b, 6A003.b.4, 6A003.b, 6A003. */
export function codeAndAncestors(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_part, index) => parts.slice(0, parts.length - index).join('.'));
}

/**
 * The provision rows (valid on `asOf`) for the given regime + code pairs, in ONE query, with
 * what the client asks under each path planned into it. Two versions of one code valid on the
 * same date cannot be told apart: reported, not resolved by picking one.
 */
export async function citedRows(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  codes: ReadonlyMap<Regime, ReadonlySet<string>>,
  asOf: Date | null | undefined,
  provisionPaths: string[][],
  citationPaths: string[][],
): Promise<Map<string, CitedRow>> {
  const rows = new Map<string, CitedRow>();
  const byRegime = [...codes].filter(([, set]) => set.size > 0);
  if (byRegime.length === 0) return rows;
  const base = { id: true, code: true, regime: true, status: true, textDate: true } as const;
  const provisionQuery = queryFromInfo({
    context,
    info,
    typeName: 'ControlProvision',
    paths: provisionPaths,
    select: base,
  });
  const citationQuery = queryFromInfo({
    context,
    info,
    typeName: 'Citation',
    paths: citationPaths,
    select: { id: true },
  });
  const planned = (provisionQuery.select ?? {}) as Prisma.ControlProvisionSelect;
  const plannedCitation = planned.citation;
  // Both plans read the same citation row: one relation with the union of their columns.
  const citationSelect: Prisma.CitationSelect = {
    ...(typeof plannedCitation === 'object' && plannedCitation.select ? plannedCitation.select : {}),
    ...((citationQuery.select ?? {}) as Prisma.CitationSelect),
  };
  const found = await getPrisma().controlProvision.findMany({
    select: { ...planned, ...base, citation: { select: citationSelect } },
    where: {
      AND: [{ OR: byRegime.map(([regime, set]) => ({ regime, code: { in: [...set] } })) }, provisionVersionWhere(asOf)],
    },
  });
  for (const row of found as unknown as CitedRow[]) {
    const key = `${row.regime} ${row.code}`;
    if (rows.has(key)) {
      const when = asOf ? `on ${day(asOf)}` : 'as current';
      throw new InconsistentDataError(
        `Several versions of ${row.code} (${row.regime}) are recorded as valid ${when}; the knowledge base cannot tell which applies.`,
      );
    }
    rows.set(key, row);
  }
  return rows;
}

/** The nearest stored row for a paragraph: itself, else its closest ancestor. */
export function nearestRow(rows: ReadonlyMap<string, CitedRow>, regime: Regime, code: string): CitedRow | null {
  for (const candidate of codeAndAncestors(code)) {
    const row = rows.get(`${regime} ${candidate}`);
    if (row) return row;
  }
  return null;
}

export function disclaimerText(regimes: readonly RegimeShape[]): string {
  const evaluated = regimes
    .filter((regime) => regime.coverage === 'ENCODED')
    .map(
      (regime) =>
        `${regime.regime} (${regime.entries.join(', ')}; text in force on ${regime.textDates.map(day).join(', ') || 'an unstated date'})`,
    );
  const parts = [
    'Decision support, not legal advice: this answer applies encoded readings of the list texts to the facts you gave. Check it against the official text and your export control officer or licensing authority before relying on it.',
    evaluated.length > 0 ? `Evaluated: ${evaluated.join('; ')}.` : 'No encoded text was evaluated.',
    'Only the encoded entries were evaluated: NOT_MET means "not controlled by these entries", not "not controlled". UNKNOWN means the facts given do not decide it.',
  ];
  const skipped = regimes.filter((regime) => regime.coverage !== 'ENCODED');
  if (skipped.length > 0)
    parts.push(`Not evaluated: ${skipped.map((regime) => `${regime.regime} (${regime.note})`).join('; ')}.`);
  return parts.join(' ');
}

builder.queryFields((t) => ({
  classifyItem: t.field({
    type: ItemClassificationRef,
    description:
      'Classifies an item described by its facts against the encoded control-list entries: per item paragraph MET / NOT_MET / UNKNOWN with a trace per criterion (verbatim text and citation), the decontrol notes that fired, the facts that would decide an UNKNOWN, and the control-table lines that apply. Facts not given are unknown, never guessed. Unknown fact names or units are a BAD_USER_INPUT error listing the valid choices (see `itemFacts`).',
    args: {
      item: t.arg({
        type: ItemInput,
        required: true,
        description: 'The item: its facts (names, units and choices as `itemFacts` lists them).',
      }),
      regimes: t.arg({
        type: [RegimeEnum],
        description:
          'The regimes to classify under; all encoded regimes when omitted. A regime with nothing encoded is reported as NOT_ENCODED.',
      }),
      asOf: t.arg({
        type: 'Date',
        description:
          'Classify against the texts in force on this date; the current texts when omitted. Encoded texts not known to be in force on that date are not evaluated (TEXT_NOT_IN_FORCE).',
      }),
    },
    resolve: async (_root, args, context, info) => {
      const rulebook = currentRulebook();
      let facts;
      try {
        facts = normalizeFacts(rulebook, factInputsOf(args.item));
      } catch (error) {
        if (error instanceof FactInputError) throw new InvalidItemFactsError('item.facts', error.problems);
        throw error;
      }
      const requested = [...new Set(args.regimes ?? encodedApiRegimes(rulebook))];
      const encodedRequested = requested.flatMap((regime) => encodedRegimeOf(regime) ?? []);
      const classification = classifyFacts(rulebook, facts, encodedRequested);

      // Codes to cite: every listed paragraph and entry, with their ancestors.
      const codes = new Map<Regime, Set<string>>();
      const want = (encoded: EncodedRegime, code: string) => {
        const regime = apiRegimeOf(encoded);
        if (!regime) return;
        const set = codes.get(regime) ?? new Set<string>();
        for (const candidate of codeAndAncestors(code)) set.add(candidate);
        codes.set(regime, set);
      };
      for (const entry of classification.entries) want(entry.regime, entry.entry);
      for (const paragraph of classification.paragraphs) want(paragraph.regime, paragraph.paragraph);
      const rows = await citedRows(
        context,
        info,
        codes,
        args.asOf,
        [
          ['paragraphs', 'provision'],
          ['entries', 'provision'],
        ],
        [['paragraphs', 'citation']],
      );

      const asOfText = args.asOf ? day(args.asOf) : 'today';
      const entries: EntryShape[] = classification.entries.flatMap((entry) => {
        const apiRegime = apiRegimeOf(entry.regime);
        if (!apiRegime) return [];
        const row = rows.get(`${apiRegime} ${entry.entry}`) ?? null;
        // The encodings were read from the current texts: a version of another status valid on
        // the date (a superseded text) is not what was encoded.
        const inForce = row !== null && row.status === 'CURRENT';
        const reason = inForce
          ? null
          : row
            ? `The version of ${entry.entry} in force on ${asOfText} is not the text that was encoded.`
            : `No version of ${entry.entry} (${apiRegime}) is known to be in force on ${asOfText}; the encoded text cannot be applied to that date.`;
        return [
          inForce
            ? { ...entry, apiRegime, coverage: 'ENCODED' as const, provision: row, reason }
            : {
                ...entry,
                apiRegime,
                coverage: 'TEXT_NOT_IN_FORCE' as const,
                provision: row,
                reason,
                outcome: 'UNKNOWN' as const,
                missingFacts: [],
              },
        ];
      });
      const notInForce = new Set(
        entries.filter((entry) => entry.coverage !== 'ENCODED').map((entry) => `${entry.regime} ${entry.entry}`),
      );
      const paragraphs: ParagraphShape[] = classification.paragraphs.flatMap((paragraph) => {
        const apiRegime = apiRegimeOf(paragraph.regime);
        if (!apiRegime || notInForce.has(`${paragraph.regime} ${paragraph.entry}`)) return [];
        return [{ ...paragraph, apiRegime, provision: nearestRow(rows, apiRegime, paragraph.paragraph) }];
      });
      const moves = classification.moves.flatMap((move) => {
        const apiRegime = apiRegimeOf(move.regime);
        const entry = move.from.split('.')[0] ?? move.from;
        return apiRegime && !notInForce.has(`${move.regime} ${entry}`) ? [{ ...move, apiRegime }] : [];
      });

      const regimes: RegimeShape[] = requested.map((regime) => {
        const own = entries.filter((entry) => entry.apiRegime === regime);
        if (own.length === 0) {
          return {
            regime,
            coverage: 'NOT_ENCODED',
            outcome: null,
            entries: [],
            textDates: [],
            note: `no entry of ${regime} is encoded`,
          };
        }
        const evaluated = own.filter((entry) => entry.coverage === 'ENCODED');
        const textDates = [
          ...new Set(evaluated.flatMap((entry) => (entry.provision?.textDate ? [day(entry.provision.textDate)] : []))),
        ].map((text) => new Date(text));
        if (evaluated.length === 0) {
          return {
            regime,
            coverage: 'TEXT_NOT_IN_FORCE',
            outcome: 'UNKNOWN',
            entries: own.map((entry) => entry.entry),
            textDates,
            note: `the encoded text is not known to be in force on ${asOfText}`,
          };
        }
        return {
          regime,
          coverage: 'ENCODED',
          outcome: anyOf(own.map((entry) => entry.outcome)),
          entries: own.map((entry) => entry.entry),
          textDates,
          note:
            evaluated.length === own.length
              ? `entries ${own.map((entry) => entry.entry).join(', ')} evaluated`
              : `entries ${evaluated.map((entry) => entry.entry).join(', ')} evaluated; ${own
                  .filter((entry) => entry.coverage !== 'ENCODED')
                  .map((entry) => entry.entry)
                  .join(', ')} not known to be in force on ${asOfText}`,
        };
      });
      const controlled = anyOf(regimes.map((regime) => regime.outcome ?? 'UNKNOWN'));
      return {
        controlled: regimes.length === 0 ? 'UNKNOWN' : controlled,
        asOf: args.asOf ?? null,
        regimes,
        entries,
        paragraphs,
        moves,
        disclaimer: disclaimerText(regimes),
      };
    },
  }),
}));
