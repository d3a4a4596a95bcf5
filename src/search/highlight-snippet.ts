// Highlighted snippets: about 30 words of the field around its first match, each matched
// word wrapped in HIGHLIGHT_PRE / HIGHLIGHT_POST, the text between kept verbatim (nothing is
// escaped: the GraphQL client renders it as text). A cut is marked with "…", Meilisearch's
// default crop marker.
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from './search-engine.js';
import { eachWord, normalizeWord, type WordSpan } from './text-tokens.js';

export const SNIPPET_WORDS = 30;
/** Words kept before the first match, so it reads in context. */
const WORDS_BEFORE_MATCH = 8;
export const CROP_MARKER = '…';

/**
 * Null when no word of `text` from `scanFrom` on satisfies `isMatch` (called with the normalized
 * word). `scanFrom` (a word's start) lets a caller that knows where the first match can be skip
 * the words before it; the snippet then starts with the crop marker.
 */
export function highlightSnippet(
  text: string,
  isMatch: (normalizedWord: string) => boolean,
  scanFrom = 0,
): string | null {
  // The snippet is the window of SNIPPET_WORDS words starting WORDS_BEFORE_MATCH before the
  // first match (moved back when the text ends first), so reading stops one word past that
  // window: enough to know whether the text goes on (the crop marker). Long bodies are
  // neither scanned nor normalized past it.
  const words: WordSpan[] = [];
  const matched: boolean[] = [];
  let first = -1;
  let windowEnd = Number.POSITIVE_INFINITY;
  for (const word of eachWord(text, scanFrom)) {
    if (words.length === windowEnd) {
      words.push(word);
      break;
    }
    words.push(word);
    const isMatched = isMatch(normalizeWord(word.text));
    matched.push(isMatched);
    if (isMatched && first === -1) {
      first = words.length - 1;
      windowEnd = Math.max(first - WORDS_BEFORE_MATCH, 0) + SNIPPET_WORDS;
    }
  }
  if (first === -1) return null;
  // `words` holds every word of the text up to the window's end, plus the next one if any.
  const end = Math.min(words.length, windowEnd);
  const start = Math.max(0, end - SNIPPET_WORDS);
  const from = start === 0 ? scanFrom : (words[start] as WordSpan).start;
  const to = end === words.length ? text.length : (words[end - 1] as WordSpan).end;
  let snippet = from === 0 ? '' : CROP_MARKER;
  let cursor = from;
  for (let index = start; index < end; index += 1) {
    if (!matched[index]) continue;
    const word = words[index] as WordSpan;
    snippet += text.slice(cursor, word.start) + HIGHLIGHT_PRE + word.text + HIGHLIGHT_POST;
    cursor = word.end;
  }
  snippet += text.slice(cursor, to);
  return end === words.length ? snippet : snippet + CROP_MARKER;
}

/** A whole value wrapped, for a code the query names exactly. */
export function highlightWhole(text: string): string {
  return HIGHLIGHT_PRE + text + HIGHLIGHT_POST;
}

/** Texts shorter than this are scanned for highlights from their start. */
const LONG_TEXT = 4000;
/** Characters kept before the first mention, for the words the snippet shows before its match. */
const MENTION_LEAD = 300;

/**
 * Where to start looking for a long text's first highlighted word: a little before the first
 * place any matched word (or stem) occurs as written, found with indexOf, not word by word (an
 * entry of the US list prints all its paragraphs, tens of kilobytes). From the start when no
 * matched word occurs as such (a spelling variant): then every word is read.
 */
export function scanStart(text: string, matchedWords: Iterable<string>): number {
  if (text.length < LONG_TEXT) return 0;
  const lower = text.toLowerCase();
  let first = Number.POSITIVE_INFINITY;
  for (const term of matchedWords) {
    const at = lower.indexOf(term);
    if (at >= 0 && at < first) first = at;
  }
  if (!Number.isFinite(first) || first <= MENTION_LEAD) return 0;
  // Back to the start of a word.
  let start = first - MENTION_LEAD;
  while (start > 0 && /[\p{L}\p{N}]/u.test(lower[start - 1] as string)) start -= 1;
  return start;
}
