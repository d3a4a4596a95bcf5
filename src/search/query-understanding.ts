// Query understanding: a typed question ("do I need a licence to export a thermal camera to
// Japan") is reduced to its topic ("thermal camera") before it is searched, so the question's
// scaffolding does not outrank the words that name the thing; what was taken out becomes hints
// (record types asked for, regimes named, a destination). The phrases are editable data
// (seed/search/query-understanding.json) and the country names come from the US Country Chart
// (seed/data/us_country_chart.json); only format rules (how words and list codes are written)
// live here. Everything is compiled once into word tries, so interpreting a query costs one
// tokenising pass and a few Map lookups per word.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { SEARCHABLE_TYPES, type SearchableType } from './search-engine.js';

const QUERY_UNDERSTANDING_DIR = resolve(import.meta.dirname, '../../seed/search');
const COUNTRY_CHART_DIR = resolve(import.meta.dirname, '../../seed/data');
const RULES_FILE = 'query-understanding.json';
const COUNTRY_CHART_FILE = 'us_country_chart.json';

export type RemovedReason = 'QUESTION' | 'STOP_WORD' | 'REGIME' | 'DESTINATION';

export interface QueryInterpretation {
  /** The query as typed. */
  original: string;
  /** What the engine searches: the topic words (codes rewritten). The original when nothing was recognised. Never empty when the original has a word. */
  searchText: string;
  /** The parts of the query not searched, in query order, each with why. */
  removed: { text: string; reason: RemovedReason }[];
  /** Types the question asks for (ranked first among equally good matches). */
  preferTypes: SearchableType[];
  /** Regimes the query names: 'US_EAR' | 'EU' | 'WASSENAAR' | 'UK'. */
  preferRegimes: string[];
  /** A destination the query names. */
  destination: { code: string; name: string } | null;
  /** Codes rewritten to the form the lists use. */
  rewrittenCodes: { from: string; to: string }[];
}

const REGIMES = ['US_EAR', 'EU', 'WASSENAAR', 'UK'] as const;
type Regime = (typeof REGIMES)[number];

const TOPIC_SLOT = '{topic}';

// ---------------------------------------------------------------------------------------------
// The data file's shape. Strict objects, so a misspelt section name is refused, not ignored.

const Phrase = z.string().trim().min(1);
const PhraseGroup = z.strictObject({
  phrases: z.array(Phrase).min(1),
  preferTypes: z.array(z.enum(SEARCHABLE_TYPES)).optional(),
});
const Iso2 = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals');
const RulesFile = z.strictObject({
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  topicPhrases: z.array(PhraseGroup),
  questionPhrases: z.array(PhraseGroup),
  domainStopWords: z.array(Phrase),
  regimes: z.strictObject({
    US_EAR: z.array(Phrase).min(1),
    EU: z.array(Phrase).min(1),
    WASSENAAR: z.array(Phrase).min(1),
    UK: z.array(Phrase).min(1),
  }),
  regimeListWords: z.array(Phrase),
  destinations: z.strictObject({
    aliases: z.array(z.strictObject({ iso2: Iso2, name: Phrase.optional(), names: z.array(Phrase).min(1) })),
    prepositions: z.array(Phrase),
    notAfter: z.array(Phrase),
    regimeNameAsDestinationAfter: z.array(Phrase),
    codesOnlyAfter: z.array(Phrase),
    codesNotRecognised: z.array(Iso2),
  }),
  codeForms: z.strictObject({ dottedToListForm: z.boolean(), padShortForms: z.boolean() }),
});
type RulesFile = z.infer<typeof RulesFile>;

const CountryChart = z.object({ countries: z.array(z.object({ name: z.string().min(1), iso2: Iso2 })).min(1) });

// ---------------------------------------------------------------------------------------------
// Words. A word is a run of letters and digits (apostrophes inside kept together: "don't");
// list codes are read as one token first, in the printed Wassenaar/UK form ("6.A.2.a.1") or the
// list form ("6A002.a.1", short "6A2"), so their dots and letters are never taken for words.

const TOKEN =
  /(\d)\.([A-Ea-e])\.(\d{1,3})((?:\.[A-Za-z0-9]{1,4})*)(?![\p{L}\p{N}])|(\d)([A-Ea-e])(\d{1,3})((?:\.[A-Za-z0-9]{1,4})*)(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const COMBINING_MARKS = /\p{M}/gu;
const APOSTROPHES = /['’]/g;
const POSSESSIVE = /['’]s$/i;

interface Word {
  /** As typed. */
  text: string;
  /** Accents, a possessive 's and apostrophes removed, case kept: compared with entries written in capitals. */
  exact: string;
  /** `exact` lower-cased: the key of every lookup. Empty for a list code. */
  key: string;
  start: number;
  end: number;
  /** For a list code: the code as it is searched (rewritten or as typed). */
  code: string | null;
}

function plainWord(text: string, start: number): Word {
  const exact = text.normalize('NFD').replace(COMBINING_MARKS, '').replace(POSSESSIVE, '').replace(APOSTROPHES, '');
  return { text, exact, key: exact.toLowerCase(), start, end: start + text.length, code: null };
}

function tokenize(text: string, codeForms: RulesFile['codeForms']): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [token, dCategory, dGroup, dNumber, dRest, sCategory, sGroup, sNumber, sRest] = match;
    const start = match.index;
    if (dCategory !== undefined && dGroup !== undefined && dNumber !== undefined) {
      // Printed numbering "6.A.2.a.1": category, group letter, entry number, sub-paragraphs.
      const code = codeForms.dottedToListForm ? listCode(dCategory, dGroup, dNumber, dRest ?? '') : token;
      words.push({ text: token, exact: token, key: '', start, end: start + token.length, code });
    } else if (sCategory !== undefined && sGroup !== undefined && sNumber !== undefined) {
      if (sNumber.length === 3) {
        words.push({ text: token, exact: token, key: '', start, end: start + token.length, code: token });
      } else if (sGroup !== 'e') {
        // "1e6" is a number, not list code 1E006; "6a2", "1E6" and "6A2" are codes.
        const code = codeForms.padShortForms ? listCode(sCategory, sGroup, sNumber, sRest ?? '') : token;
        words.push({ text: token, exact: token, key: '', start, end: start + token.length, code });
      } else {
        words.push(plainWord(token, start));
      }
    } else {
      words.push(plainWord(token, start));
    }
  }
  return words;
}

/** "6", "A", "2", ".a.1" -> "6A002.a.1": the entry number zero-padded, sub-paragraphs in lower case. */
function listCode(category: string, group: string, entry: string, rest: string): string {
  return `${category}${group.toUpperCase()}${entry.padStart(3, '0')}${rest.toLowerCase()}`;
}

/** A phrase of the data file as words; the phrase must be plain words (no list code). */
function phraseWords(phrase: string, where: string): Word[] {
  const words = tokenize(phrase, { dottedToListForm: false, padShortForms: false });
  if (words.length === 0 || words.some((word) => word.code !== null))
    throw new Error(`${where}: "${phrase}" must be made of words (letters and digits), not list codes`);
  return words;
}

// ---------------------------------------------------------------------------------------------
// The compiled form: word tries (keyed by lower-case word), looked up word by word.

type Entry =
  | { kind: 'topic'; exact: string[] | null; preferTypes: SearchableType[] }
  | { kind: 'question'; exact: string[] | null; preferTypes: SearchableType[] }
  | { kind: 'regime'; exact: string[] | null; regime: Regime }
  | { kind: 'listWord'; exact: string[] | null }
  | {
      kind: 'destination';
      exact: string[] | null;
      destination: { code: string; name: string };
      /** A two-letter code: recognised only right after `codesOnlyAfter`. */
      isCode: boolean;
    };

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: Entry[];
}

interface Template {
  prefix: string[];
  suffix: string[];
  preferTypes: SearchableType[];
}

export interface QueryUnderstandingRules {
  /** Topic words and phrases: kept in the searched text, looked up first. */
  readonly topics: TrieNode;
  /** Question phrases, regime mentions and destinations. */
  readonly main: TrieNode;
  /** Generic list words absorbed after a regime mention. */
  readonly listWords: TrieNode;
  /** Question templates with a topic slot, by the first word of their prefix. */
  readonly templates: ReadonlyMap<string, readonly Template[]>;
  readonly stopWords: ReadonlySet<string>;
  readonly prepositions: ReadonlySet<string>;
  readonly notAfter: ReadonlySet<string>;
  readonly regimeNameAsDestinationAfter: ReadonlySet<string>;
  readonly codesOnlyAfter: ReadonlySet<string>;
  readonly codeForms: { readonly dottedToListForm: boolean; readonly padShortForms: boolean };
}

function emptyNode(): TrieNode {
  return { next: new Map(), entries: [] };
}

/** Entries written with a capital match only when typed so ("US", "EAR"); others in any case. */
function exactWords(words: Word[]): string[] | null {
  return words.some((word) => word.exact !== word.key) ? words.map((word) => word.exact) : null;
}

function insert(root: TrieNode, words: Word[], entry: Entry): void {
  let node = root;
  for (const word of words) {
    let child = node.next.get(word.key);
    if (child === undefined) {
      child = emptyNode();
      node.next.set(word.key, child);
    }
    node = child;
  }
  node.entries.push(entry);
}

function keysOf(words: Word[]): string {
  return words.map((word) => word.key).join(' ');
}

/**
 * The ways a chart name is also written: "Korea, South" as "South Korea" and "Korea";
 * "Bahamas, The" as "Bahamas"; "Congo (Republic of the)" as "Republic of the Congo" and
 * "Congo"; "St. Lucia" as "Saint Lucia". A short form two rows share ("Korea", "Congo") is
 * dropped by the caller, as it names neither.
 */
function nameVariants(name: string): string[] {
  const variants: string[] = [];
  const parenthesised = /^(.+?)\s*\((.+)\)$/.exec(name);
  if (parenthesised?.[1] !== undefined && parenthesised[2] !== undefined) {
    variants.push(parenthesised[1]);
    if (/\bof(?: the)?$/i.test(parenthesised[2])) variants.push(`${parenthesised[2]} ${parenthesised[1]}`);
  }
  const inverted = /^([^,]+),\s*(.+)$/.exec(name);
  if (inverted?.[1] !== undefined && inverted[2] !== undefined)
    variants.push(inverted[1], `${inverted[2]} ${inverted[1]}`);
  for (const variant of [name, ...variants])
    if (/^St\.\s/.test(variant)) variants.push(variant.replace(/^St\.\s/, 'Saint '));
  return variants;
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(file)'}: ${issue.message}`)
    .join('; ');
}

/** Compiles the data file and the country list; throws an error naming the field at fault. */
export function compileQueryUnderstandingRules(
  file: unknown,
  countries: ReadonlyArray<{ name: string; iso2: string }>,
): QueryUnderstandingRules {
  const parsed = RulesFile.safeParse(file);
  if (!parsed.success) throw new Error(`${RULES_FILE} is not valid: ${formatIssues(parsed.error)}`);
  const data = parsed.data;

  // Topics first: the other sections are checked against them.
  const topics = emptyNode();
  const topicKeys = new Set<string>();
  data.topicPhrases.forEach((group, index) => {
    for (const phrase of group.phrases) {
      const words = phraseWords(phrase, `topicPhrases.${index}`);
      topicKeys.add(keysOf(words));
      insert(topics, words, { kind: 'topic', exact: exactWords(words), preferTypes: group.preferTypes ?? [] });
    }
  });
  // A phrase holding a topic word or phrase could never match (the topic is taken first):
  // refuse it, so an edit that silently does nothing is caught when the file is read.
  const refuseTopicInside = (words: Word[], where: string, phrase: string): void => {
    for (let from = 0; from < words.length; from++)
      for (let to = from + 1; to <= words.length; to++) {
        const inner = keysOf(words.slice(from, to));
        if (topicKeys.has(inner))
          throw new Error(`${where}: "${phrase}" contains the topic phrase "${inner}", so it would never match`);
      }
  };

  const main = emptyNode();
  const templates = new Map<string, Template[]>();
  data.questionPhrases.forEach((group, index) => {
    const where = `questionPhrases.${index}`;
    const preferTypes = group.preferTypes ?? [];
    for (const phrase of group.phrases) {
      const parts = phrase.split(TOPIC_SLOT);
      if (parts.length > 2) throw new Error(`${where}: "${phrase}" has more than one ${TOPIC_SLOT} slot`);
      if (parts.length === 2) {
        const prefix = parts[0]?.trim() ? phraseWords(parts[0], where) : [];
        const suffix = parts[1]?.trim() ? phraseWords(parts[1], where) : [];
        const first = prefix[0];
        if (first === undefined) throw new Error(`${where}: template "${phrase}" must start with words`);
        refuseTopicInside([...prefix, ...suffix], where, phrase);
        const list = templates.get(first.key) ?? [];
        list.push({ prefix: prefix.map((word) => word.key), suffix: suffix.map((word) => word.key), preferTypes });
        templates.set(first.key, list);
        continue;
      }
      const words = phraseWords(phrase, where);
      refuseTopicInside(words, where, phrase);
      insert(main, words, { kind: 'question', exact: exactWords(words), preferTypes });
    }
  });

  const stopWords = new Set<string>();
  for (const word of data.domainStopWords) {
    const words = phraseWords(word, 'domainStopWords');
    const only = words[0];
    if (only === undefined || words.length > 1) throw new Error(`domainStopWords: "${word}" must be a single word`);
    if (topicKeys.has(only.key))
      throw new Error(`domainStopWords: "${word}" is also a topic phrase; a word is one or the other`);
    stopWords.add(only.key);
  }

  const regimeKeys = new Set<string>();
  for (const regime of REGIMES)
    for (const mention of data.regimes[regime]) {
      const words = phraseWords(mention, `regimes.${regime}`);
      refuseTopicInside(words, `regimes.${regime}`, mention);
      regimeKeys.add(keysOf(words));
      insert(main, words, { kind: 'regime', exact: exactWords(words), regime });
    }
  const listWords = emptyNode();
  for (const phrase of data.regimeListWords) {
    const words = phraseWords(phrase, 'regimeListWords');
    insert(listWords, words, { kind: 'listWord', exact: exactWords(words) });
  }

  // Destinations: chart names as written, their other written forms, then the file's aliases.
  const chartNames = new Map<string, string>();
  for (const country of countries) chartNames.set(country.iso2, country.name);
  // A name as written or an alias (explicit) wins over a derived form; two explicit ones naming
  // different countries are an error; a derived form two countries share names neither.
  const byName = new Map<string, { words: Word[]; exact: string[] | null; codes: Set<string>; explicit: boolean }>();
  const addName = (name: string, code: string, explicit: boolean, fromChart: boolean, where: string): void => {
    const words = phraseWords(name, where);
    // Chart names are capitalised as names are; only the file's aliases use capitals to mean "exactly so".
    const exact = fromChart ? null : exactWords(words);
    const key = `${keysOf(words)}|${exact?.join(' ') ?? ''}`;
    const known = byName.get(key);
    if (known === undefined) byName.set(key, { words, exact, codes: new Set([code]), explicit });
    else if (explicit && known.explicit && !known.codes.has(code))
      throw new Error(`${where}: "${name}" names both ${[...known.codes].join(', ')} and ${code}`);
    else if (explicit && !known.explicit) byName.set(key, { words, exact, codes: new Set([code]), explicit });
    else if (!known.explicit) known.codes.add(code);
  };
  for (const country of countries) addName(country.name, country.iso2, true, true, `countries (${country.iso2})`);
  for (const country of countries)
    for (const variant of nameVariants(country.name))
      addName(variant, country.iso2, false, true, `countries (${country.iso2})`);
  const aliasNames = new Map<string, string>();
  data.destinations.aliases.forEach((alias, index) => {
    const where = `destinations.aliases.${index}`;
    const name = alias.name ?? chartNames.get(alias.iso2);
    if (name === undefined) throw new Error(`${where}: ${alias.iso2} has no row in the country chart; give its name`);
    aliasNames.set(alias.iso2, name);
    for (const aliasName of alias.names) {
      refuseTopicInside(phraseWords(aliasName, where), where, aliasName);
      addName(aliasName, alias.iso2, true, false, where);
    }
  });
  for (const { words, exact, codes } of byName.values()) {
    const [code] = codes;
    if (codes.size !== 1 || code === undefined) continue;
    const name = chartNames.get(code) ?? aliasNames.get(code) ?? code;
    insert(main, words, {
      kind: 'destination',
      exact,
      destination: { code, name },
      isCode: false,
    });
  }
  // Two-letter codes in capitals ("to JP"), never one that is a regime word or on the file's list.
  const notCodes = new Set(data.destinations.codesNotRecognised);
  for (const [code, name] of chartNames) {
    if (notCodes.has(code) || regimeKeys.has(code.toLowerCase())) continue;
    insert(main, [plainWord(code, 0)], {
      kind: 'destination',
      exact: [code],
      destination: { code, name },
      isCode: true,
    });
  }

  const wordSet = (list: string[], where: string): Set<string> =>
    new Set(
      list.map((word) => {
        const words = phraseWords(word, where);
        if (words.length !== 1 || words[0] === undefined) throw new Error(`${where}: "${word}" must be a single word`);
        return words[0].key;
      }),
    );
  return {
    topics,
    main,
    listWords,
    templates,
    stopWords,
    prepositions: wordSet(data.destinations.prepositions, 'destinations.prepositions'),
    notAfter: wordSet(data.destinations.notAfter, 'destinations.notAfter'),
    regimeNameAsDestinationAfter: wordSet(
      data.destinations.regimeNameAsDestinationAfter,
      'destinations.regimeNameAsDestinationAfter',
    ),
    codesOnlyAfter: wordSet(data.destinations.codesOnlyAfter, 'destinations.codesOnlyAfter'),
    codeForms: data.codeForms,
  };
}

/** Reads the rules file and the country chart (defaults: seed/search and seed/data). */
export async function loadQueryUnderstandingRules(
  directory = QUERY_UNDERSTANDING_DIR,
  dataDirectory = COUNTRY_CHART_DIR,
): Promise<QueryUnderstandingRules> {
  const file: unknown = JSON.parse(await readFile(resolve(directory, RULES_FILE), 'utf8'));
  const chart = CountryChart.safeParse(JSON.parse(await readFile(resolve(dataDirectory, COUNTRY_CHART_FILE), 'utf8')));
  if (!chart.success) throw new Error(`${COUNTRY_CHART_FILE} is not valid: ${formatIssues(chart.error)}`);
  return compileQueryUnderstandingRules(file, chart.data.countries);
}

// ---------------------------------------------------------------------------------------------
// Interpreting a query.

/** What each word became: searched (topic), removed (with why), or not decided yet (free). */
type Label = 'free' | 'topic' | RemovedReason;

interface Span {
  first: number;
  last: number;
  reason: RemovedReason;
}

const LOWER_CASE = /\p{Ll}/u;

export function interpretQuery(query: string, rules: QueryUnderstandingRules): QueryInterpretation {
  const words = tokenize(query, rules.codeForms);
  const count = words.length;
  const labels: Label[] = words.map((word) => (word.code === null ? 'free' : 'topic'));
  const spans: Span[] = [];
  const typeHints: { at: number; type: SearchableType }[] = [];
  const regimeHints: { at: number; regime: Regime }[] = [];
  let destination: { at: number; code: string; name: string } | null = null;
  /** Destination names taken out: [start, last] with the preposition, the name from `at`. */
  const places: { start: number; at: number; last: number }[] = [];
  // In a query typed all in capitals, "US" may be the pronoun: entries in capitals do not count.
  const shouting = !LOWER_CASE.test(query) && words.filter((word) => word.code === null).length >= 3;

  const exactMatches = (exact: string[] | null, at: number): boolean =>
    exact === null || (!shouting && exact.every((text, offset) => words[at + offset]?.exact === text));
  /** The word before `at`, passing over one "the" ("to the UK"). */
  const before = (at: number): number => (words[at - 1]?.key === 'the' ? at - 2 : at - 1);
  const keyAt = (at: number): string => words[at]?.key ?? '';
  const free = (at: number): boolean => labels[at] === 'free' && keyAt(at) !== '';
  const mark = (first: number, last: number, label: Label): void => {
    for (let at = first; at <= last; at++) labels[at] = label;
  };
  const remove = (first: number, last: number, reason: RemovedReason): void => {
    mark(first, last, reason);
    spans.push({ first, last, reason });
  };
  /** The matches starting at `at` over free words, longest first. */
  const matchesAt = (root: TrieNode, at: number): { length: number; entries: Entry[] }[] => {
    const found: { length: number; entries: Entry[] }[] = [];
    let node: TrieNode | undefined = root;
    for (let end = at; end < count && free(end); end++) {
      node = node.next.get(keyAt(end));
      if (node === undefined) break;
      if (node.entries.length > 0) found.unshift({ length: end - at + 1, entries: node.entries });
    }
    return found;
  };

  /** The length of the generic list word ("list", "export controls") starting at `at`, 0 when none does. */
  const listWordAt = (at: number): number =>
    matchesAt(rules.listWords, at).find(({ entries }) => entries.some((entry) => exactMatches(entry.exact, at)))
      ?.length ?? 0;

  // 1. Topic words and phrases are claimed first, so no other rule takes their words.
  for (let at = 0; at < count; at++) {
    if (!free(at)) continue;
    for (const { length, entries } of matchesAt(rules.topics, at)) {
      const entry = entries.find((candidate) => exactMatches(candidate.exact, at));
      if (entry?.kind !== 'topic') continue;
      mark(at, at + length - 1, 'topic');
      for (const type of entry.preferTypes) typeHints.push({ at, type });
      at += length - 1;
      break;
    }
  }

  // 2. A template frames the question: its prefix starts the query and its suffix closes the slot
  // ("what does {topic} mean"). The slot is the term asked about, so its words are the topic even
  // where they are stop words elsewhere ("what does required mean"). Words after the suffix stay
  // searched as the context of the question ("what does required mean for technology"); the last
  // place the suffix fits closes the slot, so a term holding the suffix's word stays whole.
  const first = words[0];
  const templates = first === undefined ? undefined : rules.templates.get(first.key);
  if (templates !== undefined) {
    const size = (template: Template): number => template.prefix.length + template.suffix.length;
    /** Where the slot ends (exclusive) when `template` fits, else -1. */
    const slotEnd = (template: Template): number => {
      if (size(template) >= count || !template.prefix.every((key, offset) => free(offset) && keyAt(offset) === key))
        return -1;
      if (template.suffix.length === 0) return count;
      for (let end = count - template.suffix.length; end > template.prefix.length; end--)
        if (template.suffix.every((key, offset) => free(end + offset) && keyAt(end + offset) === key)) return end;
      return -1;
    };
    let chosen: { template: Template; end: number } | undefined;
    for (const candidate of templates) {
      const end = slotEnd(candidate);
      if (end >= 0 && (chosen === undefined || size(candidate) > size(chosen.template)))
        chosen = { template: candidate, end };
    }
    if (chosen !== undefined) {
      const { template, end } = chosen;
      remove(0, template.prefix.length - 1, 'QUESTION');
      for (let at = template.prefix.length; at < end; at++) if (free(at)) labels[at] = 'topic';
      if (template.suffix.length > 0) remove(end, end + template.suffix.length - 1, 'QUESTION');
      for (const type of template.preferTypes) typeHints.push({ at: 0, type });
    }
  }

  // 3. Question phrases, regimes and destinations, the longest match at each word.
  for (let at = 0; at < count; at++) {
    if (!free(at)) continue;
    for (const { length, entries } of matchesAt(rules.main, at)) {
      const last = at + length - 1;
      const applicable = entries.filter((entry) => exactMatches(entry.exact, at));
      const previous = keyAt(before(at));
      const place = applicable.find(
        (entry) => entry.kind === 'destination' && (!entry.isCode || rules.codesOnlyAfter.has(previous)),
      );
      const regime = applicable.find((entry) => entry.kind === 'regime');
      const question = applicable.find((entry) => entry.kind === 'question');
      // "UK", "US", "United Kingdom" name a list and a country: a country only when sent "to" it,
      // and not when a list word follows ("subject to US export controls" names the list).
      const chosen =
        place !== undefined && regime !== undefined
          ? rules.regimeNameAsDestinationAfter.has(previous) && !listWordAt(last + 1)
            ? place
            : regime
          : (place ?? regime ?? question);
      if (chosen === undefined) continue;
      if (chosen.kind === 'destination') {
        if (rules.notAfter.has(previous)) {
          // "from Germany" is where the item comes from: searched as typed, not a destination.
          mark(at, last, 'topic');
        } else {
          // The preposition ("to Japan", "to the UK") goes with the name.
          const preposition = before(at);
          const start =
            rules.prepositions.has(previous) && free(preposition) && (preposition === at - 1 || free(at - 1))
              ? preposition
              : at;
          remove(start, last, 'DESTINATION');
          places.push({ start, at, last });
          // Reported, not a ranking preference: the item's entry answers "do I need a licence to
          // ship X to Y" first; the destination is a hint for the exemptions and general
          // authorisations a client offers next.
          destination ??= { at, ...chosen.destination };
        }
      } else if (chosen.kind === 'regime') {
        // A generic list word right after the mention goes with it ("Wassenaar list").
        remove(at, last + listWordAt(last + 1), 'REGIME');
        regimeHints.push({ at, regime: chosen.regime });
      } else if (chosen.kind === 'question') {
        remove(at, last, 'QUESTION');
        for (const type of chosen.preferTypes) typeHints.push({ at, type });
      }
      at = last;
      break;
    }
  }

  // A question asking for an exemption searches its destinations too: a general authorisation or
  // licence exception is defined by the destinations it covers ("to Japan without an individual
  // licence" is EU001, whose text lists Japan), where a control entry never names one.
  if (typeHints.some((hint) => hint.type === 'EXEMPTION'))
    for (const place of places) {
      const removal = spans.findIndex((span) => span.first === place.start);
      if (removal >= 0) spans.splice(removal, 1);
      mark(place.start, place.at - 1, 'free');
      mark(place.at, place.last, 'topic');
    }

  // 4. Stop words go, unless no topic word remains: then the query is searched as typed.
  const stopAt = words.map((word, at) => free(at) && rules.stopWords.has(word.key));
  const topicRemains = labels.some((label, at) => label === 'topic' || (label === 'free' && !stopAt[at]));
  stopAt.forEach((stop, at) => stop && remove(at, at, 'STOP_WORD'));
  const rewrittenCodes = words.flatMap((word) =>
    word.code !== null && word.code !== word.text ? [{ from: word.text, to: word.code }] : [],
  );
  const hints = {
    preferTypes: unique(typeHints.sort((a, b) => a.at - b.at).map((hint) => hint.type)),
    preferRegimes: unique(regimeHints.sort((a, b) => a.at - b.at).map((hint) => hint.regime)),
    destination: destination === null ? null : { code: destination.code, name: destination.name },
    rewrittenCodes,
  };
  if (!topicRemains || (spans.length === 0 && rewrittenCodes.length === 0))
    // Nothing left to search, or nothing recognised: the query as typed.
    return { original: query, searchText: query, removed: [], ...hints };
  spans.sort((a, b) => a.first - b.first);
  const kept = labels.flatMap((label, at) => (label === 'topic' || label === 'free' ? [at] : []));
  return {
    original: query,
    searchText: joinKept(query, words, kept),
    removed: spans.map((span) => ({
      text: query.slice(words[span.first]?.start, words[span.last]?.end),
      reason: span.reason,
    })),
    ...hints,
  };
}

/**
 * The kept words as typed (codes rewritten), in order. Between two words that were next to each
 * other, a short separator without spaces is kept ("dual-use", "734.7", "2021/821"); any other
 * gap becomes one space.
 */
function joinKept(query: string, words: Word[], kept: number[]): string {
  let text = '';
  let previous = -2;
  for (const at of kept) {
    const word = words[at];
    if (word === undefined) continue;
    if (text !== '') {
      const gap = at === previous + 1 ? query.slice(words[previous]?.end, word.start) : ' ';
      text += gap.length > 0 && gap.length <= 2 && !/\s/.test(gap) ? gap : ' ';
    }
    text += word.code ?? word.text;
    previous = at;
  }
  return text;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
