// The answer of harmonisationReport: per entry of a category and per pair of regimes, how many
// paragraphs and notes are the same, differ, or are in one list only.
import type { EntryHarmonisation, HarmonisationReport, PairTally, Tally } from '../../services/harmonisation-report.js';
import { builder } from '../builder.js';
import { RegimeEnum } from './control-list.js';
import { TextComparisonStatusEnum } from './regime-comparison-result.js';

const TallyRef = builder.objectRef<Tally>('ComparisonTally').implement({
  description: 'Counts of paragraphs (or notes) two regimes have in common, differently, or alone.',
  fields: (t) => ({
    same: t.exposeInt('same', { description: 'In both lists, with the same words and figures.' }),
    different: t.exposeInt('different', { description: 'In both lists, with different words or figures.' }),
    onlyInFirst: t.exposeInt('onlyInFirst', { description: 'Only in the first regime’s list.' }),
    onlyInSecond: t.exposeInt('onlyInSecond', { description: 'Only in the second regime’s list.' }),
  }),
});

const PairTallyRef = builder.objectRef<PairTally>('RegimePairTally').implement({
  description: 'One pair of regimes compared on an entry (or on the whole category).',
  fields: (t) => ({
    first: t.field({ type: RegimeEnum, description: 'The first regime.', resolve: (pair) => pair.first }),
    second: t.field({ type: RegimeEnum, description: 'The second regime.', resolve: (pair) => pair.second }),
    paragraphs: t.field({
      type: TallyRef,
      description: 'Paragraphs (the entry itself included).',
      resolve: (pair) => pair.paragraphs,
    }),
    notes: t.field({ type: TallyRef, description: 'Notes, Technical Notes and N.B.s.', resolve: (pair) => pair.notes }),
  }),
});

const EntryHarmonisationRef = builder.objectRef<EntryHarmonisation>('EntryHarmonisation').implement({
  description: 'One entry of the category across the regimes compared. Ask compareProvision(code) for the words.',
  fields: (t) => ({
    entry: t.exposeString('entry', { description: 'The entry code, EU style ("6A003").' }),
    listedIn: t.field({
      type: [RegimeEnum],
      description: 'The regimes whose list holds the entry.',
      resolve: (entry) => entry.listedIn,
    }),
    status: t.field({
      type: TextComparisonStatusEnum,
      description: 'SAME when every regime compared lists it with the same paragraphs and notes.',
      resolve: (entry) => entry.status,
    }),
    paragraphCount: t.exposeInt('paragraphCount', { description: 'Paragraphs compared (in any regime).' }),
    pairs: t.field({
      type: [PairTallyRef],
      description: 'Each pair of regimes that list it.',
      resolve: (entry) => entry.pairs,
    }),
  }),
});

export const HarmonisationReportRef = builder.objectRef<HarmonisationReport>('HarmonisationReport').implement({
  description:
    'How far the regimes’ current lists agree on one category, entry by entry. Texts are compared after removing differences of printing only (dotted codes, spacing, quote marks, lost thousands separators).',
  fields: (t) => ({
    category: t.exposeString('category', { description: 'The category compared ("6").' }),
    regimes: t.field({ type: [RegimeEnum], description: 'The regimes compared.', resolve: (report) => report.regimes }),
    entries: t.field({
      type: [EntryHarmonisationRef],
      description: 'Every entry any of them lists, in list order.',
      resolve: (report) => report.entries,
    }),
    totals: t.field({
      type: [PairTallyRef],
      description: 'All entries added up, per pair of regimes.',
      resolve: (report) => report.totals,
    }),
  }),
});
