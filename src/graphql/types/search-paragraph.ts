// A paragraph shown under its entry's search result (results are grouped by entry).
import type { SearchPageParagraph } from '../../services/search-page.js';
import { builder } from '../builder.js';
import { ControlProvisionRef } from './control-provision.js';
import { HighlightRef } from './search-result.js';

export const SearchParagraphRef = builder.objectRef<SearchPageParagraph>('SearchParagraph').implement({
  description: "A paragraph of a result's control-list entry that the query matched.",
  fields: (t) => ({
    node: t.field({
      type: ControlProvisionRef,
      description: 'The paragraph.',
      resolve: (paragraph) => paragraph.record,
    }),
    score: t.exposeFloat('score', { description: 'Relevance from 0 to 1, on the same scale as the edges.' }),
    highlights: t.field({
      type: [HighlightRef],
      description: 'Where the query matched.',
      resolve: (paragraph) => paragraph.highlights,
    }),
  }),
});
