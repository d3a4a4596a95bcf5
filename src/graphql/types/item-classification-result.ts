// The answer of classifyItem: per regime, per encoded entry and per item paragraph, the outcome
// with its trace, the decontrol notes that move the item, what to ask next, and the provision
// (and citation) each paragraph is cited through.
import type {
  EntryClassification,
  ItemClassification,
  MoveClassification,
  NextQuestion,
  ParagraphClassification,
  RegimeClassification,
} from '../../services/item-classification.js';
import { builder } from '../builder.js';
import { CitationRef } from './citation.js';
import {
  ClassificationOutcomeEnum,
  ClassifiedExclusionRef,
  ControlReasonApplicationRef,
  RegimeCoverageEnum,
  TraceLineRef,
} from './classification-trace.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef } from './control-provision.js';
import { FactUseRef, ItemFactRef } from './item-facts.js';
import { DeclaredClassificationRef, FactConflictRef, ImpliedFactRef } from './item-description-result.js';

const ClassifiedParagraphRef = builder.objectRef<ParagraphClassification>('ClassifiedParagraph').implement({
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
      resolve: (paragraph) => paragraph.traces,
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
        'The provision this paragraph is cited through, in the version valid on `asOf`: the paragraph itself where the list stores it (the US CCL and EU Annex I store every paragraph), else its nearest stored ancestor. Null when none is known to be in force.',
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

const ClassifiedEntryRef = builder.objectRef<EntryClassification>('ClassifiedEntry').implement({
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

const RegimeClassificationRef = builder.objectRef<RegimeClassification>('RegimeClassification').implement({
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

const ClassificationMoveRef = builder.objectRef<MoveClassification>('ClassificationMove').implement({
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

const NextQuestionRef = builder.objectRef<NextQuestion>('NextQuestion').implement({
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

export const ItemClassificationRef = builder.objectRef<ItemClassification>('ItemClassification').implement({
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
      resolve: (result) => result.nextQuestions(),
    }),
    declared: t.field({
      type: [DeclaredClassificationRef],
      description: 'The classifications declared in the input, as taken (empty when none).',
      resolve: (result) => result.declared,
    }),
    impliedFacts: t.field({
      type: [ImpliedFactRef],
      description:
        'Facts that follow from the facts given and the classifications declared, each with its rule and citation; they show in the traces as IMPLIED.',
      resolve: (result) => result.impliedFacts,
    }),
    factConflicts: t.field({
      type: [FactConflictRef],
      description:
        'Given facts that disagree with an implied one, and rules that disagree: reported, never resolved silently.',
      resolve: (result) => result.factConflicts,
    }),
    disclaimer: t.exposeString('disclaimer', {
      description: 'What this answer is and is not, and the dates of the texts it rests on. Show it with the answer.',
    }),
  }),
});
