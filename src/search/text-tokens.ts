// How the embedded engine cuts text into words and normalizes them. Indexing, querying,
// synonym keys and highlighting all use these two functions, so a word found by a query is
// always the word that gets highlighted.

/** A word is a run of letters and digits: "6A003.b.4" is three words, as in Meilisearch. */
const WORD = /[\p{L}\p{N}]+/gu;

export interface WordSpan {
  /** The word as written in the text. */
  text: string;
  start: number;
  end: number;
}

export function wordsOf(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    spans.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** The words of a text one at a time from `from` on, as `wordsOf` lists them: for readers that stop early. */
export function* eachWord(text: string, from = 0): Generator<WordSpan, void, undefined> {
  const pattern = new RegExp(WORD.source, 'gu');
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    yield { text: match[0], start: match.index, end: match.index + match[0].length };
  }
}

/** Lower case without diacritics ("Résumé" -> "resume"). */
export function normalizeWord(word: string): string {
  // ASCII has no decompositions and no marks: lower-casing is all (and 3x faster than NFD).
  for (let index = 0; index < word.length; index += 1) {
    if (word.charCodeAt(index) > 0x7f)
      return word
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
  }
  return word.toLowerCase();
}

/** Normalized words of a text, minus stop words. */
export function termsOf(text: string, stopWords: ReadonlySet<string>): string[] {
  return wordsOf(text)
    .map((span) => normalizeWord(span.text))
    .filter((term) => !stopWords.has(term));
}
