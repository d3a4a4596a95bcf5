// "What should I find out next?" for an item classifyItem could not decide: the facts the
// undecided (UNKNOWN) item paragraphs are missing, the fact most of them wait on first. A count
// of paragraphs, not a promise: one answer may decide all of them or only some. (Ranking by what
// each possible answer would decide means classifying the item again per fact and per answer:
// seconds for a sparse item, too slow for a request.)
import type { ClassifiedParagraph } from './classify-facts.js';

export interface NextQuestion<P extends ClassifiedParagraph = ClassifiedParagraph> {
  fact: string;
  /** The UNKNOWN item paragraphs that list the fact among their missing facts, in answer order. */
  paragraphs: P[];
}

export function rankNextQuestions<P extends ClassifiedParagraph>(paragraphs: readonly P[]): Array<NextQuestion<P>> {
  const byFact = new Map<string, P[]>();
  for (const paragraph of paragraphs) {
    if (paragraph.outcome !== 'UNKNOWN') continue;
    for (const fact of paragraph.missingFacts) {
      const list = byFact.get(fact);
      if (list) list.push(paragraph);
      else byFact.set(fact, [paragraph]);
    }
  }
  return [...byFact]
    .map(([fact, waiting]) => ({ fact, paragraphs: waiting }))
    .sort((a, b) => b.paragraphs.length - a.paragraphs.length || a.fact.localeCompare(b.fact));
}
