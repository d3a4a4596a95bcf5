// What search returns besides the records themselves: the kinds of record, the facets, the
// highlights, the filter, and the union of the record types a result can be.
import type { FacetCount, FacetField, Highlight, SearchableType } from '../../search/search-engine.js';
import { builder } from '../builder.js';
import { StakeholderConsultationRef } from './consultation.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef } from './control-provision.js';
import { ExemptionRef } from './exemption.js';
import { GuidanceDocumentRef } from './guidance-document.js';
import { ImpactAssessmentRef } from './impact-assessment.js';
import { ListTextRef } from './list-text.js';

export const SearchableTypeEnum = builder.enumType('SearchableType', {
  description: 'Kinds of record `search` can return.',
  values: {
    PROVISION: { description: 'Control-list entries and paragraphs (current versions).' },
    EXEMPTION: { description: 'Exemptions, licence exceptions, general authorisations and decontrol notes.' },
    GUIDANCE_DOCUMENT: { description: 'Guidance documents from authorities and institutions.' },
    CONSULTATION: { description: 'Stakeholder consultations.' },
    IMPACT_ASSESSMENT: { description: 'Impact assessments and the statistics publications behind them.' },
    LIST_TEXT: {
      description: 'Texts of the lists outside their entries: general notes, technology notes, definitions, acronyms.',
    },
  } satisfies Record<SearchableType, { description: string }>,
});

export const FacetFieldEnum = builder.enumType('SearchFacetField', {
  description: 'Fields whose values are counted in `facets`.',
  values: {
    type: { value: 'type', description: 'Kind of record (see SearchableType).' },
    regime: { value: 'regime', description: 'Control-list family (provisions and exemptions).' },
    jurisdiction: { value: 'jurisdiction', description: 'Jurisdiction code (US, EU, UK, WA, HK).' },
    category: { value: 'category', description: 'Control-list category number (provisions).' },
    audience: { value: 'audience', description: 'Audience tag (guidance documents).' },
  } satisfies Record<FacetField, { value: FacetField; description: string }>,
});

const HighlightFieldEnum = builder.enumType('SearchHighlightField', {
  description: 'Which part of a record a highlight comes from.',
  values: {
    title: { value: 'title', description: 'The title or heading.' },
    codes: { value: 'codes', description: 'Codes and references (e.g. "6A003", "15 CFR 734.8").' },
    body: { value: 'body', description: 'The verbatim text.' },
  } satisfies Record<Highlight['field'], { value: Highlight['field']; description: string }>,
});

export const SearchFilterInput = builder.inputType('SearchFilter', {
  description:
    'Narrows a search. Conditions on different fields all apply; values listed for one field are alternatives.',
  fields: (t) => ({
    regime: t.field({ type: [RegimeEnum], description: 'Only records of these control-list families.' }),
    jurisdiction: t.stringList({
      description: 'Only records of these jurisdictions, by code (US, EU, UK, WA, HK; case-insensitive).',
    }),
    category: t.stringList({ description: 'Only provisions of these list categories, by number ("6").' }),
    audience: t.stringList({ description: 'Only guidance written for these audiences (exact tags).' }),
    dateFrom: t.field({
      type: 'Date',
      description: 'Only records dated on or after this day (records without a date are then left out).',
    }),
    dateTo: t.field({
      type: 'Date',
      description: 'Only records dated on or before this day (records without a date are then left out).',
    }),
    asOf: t.field({
      type: 'Date',
      description:
        'Provisions as in force on this day: the versions of the US list since 2017-01-15 included, provisions not known to be in force then left out (today’s when omitted). Other records are not filtered by it.',
    }),
  }),
});

/** The kind of record a search result is, carried on the record for the union's resolveType. */
const SEARCH_RESULT_TYPE = Symbol('searchResultType');

type TaggedRecord = { id: string; [SEARCH_RESULT_TYPE]?: SearchableType };

/** The record of a search result, marked with its kind (records of every kind are plain rows). */
export function searchResultNode(record: { id: string }, type: SearchableType): { id: string } {
  return Object.assign(record, { [SEARCH_RESULT_TYPE]: type });
}

export const SearchResultUnion = builder.unionType('SearchResult', {
  description: 'A record found by `search`.',
  types: [
    ControlProvisionRef,
    ExemptionRef,
    GuidanceDocumentRef,
    StakeholderConsultationRef,
    ImpactAssessmentRef,
    ListTextRef,
  ],
  resolveType: (value) => {
    switch ((value as TaggedRecord)[SEARCH_RESULT_TYPE]) {
      case 'PROVISION':
        return ControlProvisionRef;
      case 'EXEMPTION':
        return ExemptionRef;
      case 'GUIDANCE_DOCUMENT':
        return GuidanceDocumentRef;
      case 'CONSULTATION':
        return StakeholderConsultationRef;
      case 'IMPACT_ASSESSMENT':
        return ImpactAssessmentRef;
      case 'LIST_TEXT':
        return ListTextRef;
      default:
        throw new Error('search result of unknown type');
    }
  },
});

export const HighlightRef = builder.objectRef<Highlight>('SearchHighlight').implement({
  description: 'Where the query matched: a snippet of the field with each match wrapped in <mark>...</mark>.',
  fields: (t) => ({
    field: t.field({
      type: HighlightFieldEnum,
      description: 'The part of the record the snippet comes from.',
      resolve: (highlight) => highlight.field,
    }),
    snippet: t.exposeString('snippet', {
      description: 'Verbatim text around the match; matched words are wrapped in <mark> and </mark>.',
    }),
  }),
});

export const FacetRef = builder.objectRef<FacetCount>('SearchFacet').implement({
  description: 'How many matching records have a value, over the whole result (not just this page).',
  fields: (t) => ({
    field: t.field({ type: FacetFieldEnum, description: 'The counted field.', resolve: (facet) => facet.field }),
    value: t.exposeString('value', { description: 'The value.' }),
    count: t.exposeInt('count', { description: 'Number of matching records with this value.' }),
  }),
});
