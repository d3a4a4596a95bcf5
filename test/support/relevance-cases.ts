// Relevance cases (test/search/relevance-queries.json and test/search/relevance-suite/*.json):
// a query as a user types it and the record that must come back, with the words of the source
// that make it the answer. Shared by the relevance test and the relevance bench.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SEARCHABLE_TYPES, type SearchDocument, type SearchHit } from '../../src/search/search-engine.js';

export const RelevanceCaseSchema = z.object({
  query: z.string().min(1),
  expect: z.object({
    type: z.enum(SEARCHABLE_TYPES),
    /** A provision's code, an exemption's legal basis, a list text's label, or the title of any other record. */
    codeOrTitle: z.string().min(1),
    /**
     * The provision's regime. When absent, the entry in any regime answers the case: the queries
     * name no list, and the Wassenaar, EU, UK and US lists print most of these headings alike.
     */
    regime: z.string().min(1).optional(),
  }),
  why: z.string(),
  kind: z.string().min(1),
});
export type RelevanceCase = z.infer<typeof RelevanceCaseSchema>;

/** The cases of one file, checked against the schema. */
export function readRelevanceCases(url: URL): RelevanceCase[] {
  return z.array(RelevanceCaseSchema).parse(JSON.parse(readFileSync(url, 'utf8')));
}

/** Whether `document` is the record a case expects. */
export function isExpected(document: SearchDocument, expected: RelevanceCase['expect']): boolean {
  if (document.type !== expected.type) return false;
  const inRegime = expected.regime === undefined || document.regime === expected.regime;
  switch (expected.type) {
    case 'PROVISION':
      return document.codes.includes(expected.codeOrTitle) && inRegime;
    case 'EXEMPTION':
      // An exemption document carries its legal basis as its only code.
      return document.codes.includes(expected.codeOrTitle);
    case 'GUIDANCE_DOCUMENT':
    case 'CONSULTATION':
    case 'IMPACT_ASSESSMENT':
      return document.title === expected.codeOrTitle;
    case 'LIST_TEXT':
      // A list text's title is its label: the defined term, or the heading the list prints.
      return document.title === expected.codeOrTitle && inRegime;
  }
}

/**
 * 0-based rank of the hit that answers a case, -1 when none does. Results are grouped by entry:
 * a paragraph shown under its entry's hit (one of its `subHits`) counts at that hit's rank, as a
 * user sees it there.
 */
export function rankOf(hits: readonly SearchHit[], expected: RelevanceCase['expect']): number {
  return hits.findIndex(
    (hit) =>
      isExpected(hit.document, expected) || (hit.subHits ?? []).some((subHit) => isExpected(subHit.document, expected)),
  );
}
