// The exemption checker's state, read from and written to the URL so that a check can be shared,
// bookmarked and filed: /exemptions?provisions=6E001&regimes=US_EAR&destination=JP
// &a.research_is_fundamental=yes&a.prepublication_review=none&a.frame_rate=9+Hz&focus=<id>.
// An answer is `a.<fact>=` yes | no | unknown ("I don't know") | a choice | "<number> <unit>"; the
// order of the a.* parameters is the order the questions were answered in.
import type { CheckExemptionsInput, ItemFactInput, Regime } from '../gql/graphql';

export const CHECKABLE_REGIMES = ['US_EAR', 'EU', 'UK', 'WASSENAAR'] as const satisfies readonly Regime[];
const ANSWER_PREFIX = 'a.';
export const UNKNOWN_ANSWER = 'unknown';
/** The fact that stands for the `destination` argument when the API asks for it as a question. */
export const DESTINATION_FACT = 'destination_country';
/** The question for the list entry (given in `provisions`), when exemptions written for an entry wait on it. */
export const ENTRY_FACT = 'entry';

export interface Answer {
  fact: string;
  /** As in the URL: yes, no, unknown, a choice, or "<number> <unit>". */
  value: string;
}

export interface CheckerState {
  provisions: string[];
  regimes: Regime[];
  destination: string | null;
  answers: Answer[];
  focus: string | null;
  /** The user has described the project (possibly by leaving everything empty) and asked to check. */
  started: boolean;
}

/** How a fact is given to the API, whichever of activityFacts, itemFacts or questionsToAnswer described it. */
export interface FactInfo {
  name: string;
  type: 'BOOLEAN' | 'ENUM' | 'NUMBER';
  values: string[];
  description: string;
  /** "provisions": the list entry, added to the project's codes rather than kept as an answer. */
  givenAs: 'activity' | 'item.facts' | 'destination' | 'provisions';
  acceptedUnits: string[];
  canonicalUnit: string | null;
}

/** An item fact as `itemFacts` lists it, given in `item.facts`. */
export function itemFactInfo(fact: {
  name: string;
  type: FactInfo['type'];
  values: string[];
  description: string;
  acceptedUnits: string[];
  canonicalUnit?: string | null;
}): FactInfo {
  return {
    name: fact.name,
    type: fact.type,
    values: fact.values,
    description: fact.description,
    givenAs: 'item.facts',
    acceptedUnits: fact.acceptedUnits,
    canonicalUnit: fact.canonicalUnit ?? null,
  };
}

/** Codes as typed: "6E001, 6e002 6A008.j" -> ["6E001", "6E002", "6A008.j"] (the letters of a code are upper case, paragraph letters lower). */
export function parseCodes(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter((code) => code !== '')
    .map((code) => {
      const [entry = '', ...rest] = code.split('.');
      return [entry.toUpperCase(), ...rest.map((part) => part.toLowerCase())].join('.');
    });
  return [...new Set(codes)];
}

function isRegime(value: string): value is (typeof CHECKABLE_REGIMES)[number] {
  return (CHECKABLE_REGIMES as readonly string[]).includes(value);
}

export function readState(params: URLSearchParams): CheckerState {
  const provisions = params.getAll('provisions').flatMap(parseCodes);
  const regimes = [...new Set(params.getAll('regimes').flatMap((value) => value.split(',')))].filter(isRegime);
  const destination = params.get('destination')?.trim().toUpperCase() || null;
  const answers: Answer[] = [];
  for (const [key, value] of params) {
    if (!key.startsWith(ANSWER_PREFIX) || key.length === ANSWER_PREFIX.length) continue;
    const fact = key.slice(ANSWER_PREFIX.length);
    if (answers.some((answer) => answer.fact === fact)) continue;
    answers.push({ fact, value: value.trim() });
  }
  const started = ['provisions', 'regimes', 'destination'].some((name) => params.has(name)) || answers.length > 0;
  return { provisions, regimes, destination, answers, focus: params.get('focus') || null, started };
}

export function writeState(state: Omit<CheckerState, 'started'>): URLSearchParams {
  const params = new URLSearchParams();
  // An empty `provisions=` records "no codes given": the check was asked for with nothing named.
  if (state.provisions.length === 0) params.set('provisions', '');
  for (const code of state.provisions) params.append('provisions', code);
  for (const regime of state.regimes) params.append('regimes', regime);
  if (state.destination !== null) params.set('destination', state.destination);
  for (const answer of state.answers) params.append(`${ANSWER_PREFIX}${answer.fact}`, answer.value);
  if (state.focus !== null) params.set('focus', state.focus);
  return params;
}

/** The state with one answer set (kept in its place when it is a change) or removed (value null). */
export function withAnswer(state: CheckerState, fact: string, value: string | null): CheckerState {
  if (fact === DESTINATION_FACT && value !== null && value !== UNKNOWN_ANSWER) {
    return { ...state, destination: value, answers: state.answers.filter((answer) => answer.fact !== fact) };
  }
  const exists = state.answers.some((answer) => answer.fact === fact);
  const answers =
    value === null
      ? state.answers.filter((answer) => answer.fact !== fact)
      : exists
        ? state.answers.map((answer) => (answer.fact === fact ? { fact, value } : answer))
        : [...state.answers, { fact, value }];
  const destination = fact === DESTINATION_FACT ? null : state.destination;
  return { ...state, answers, destination };
}

/** A number answer as stored: "9 Hz" -> { number: 9, unit: "Hz" }; null when it is not one. */
export function parseNumberAnswer(value: string): { number: number; unit: string } | null {
  const match = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(.*)$/i.exec(value);
  if (match === null) return null;
  const number = Number(match[1]);
  return Number.isFinite(number) ? { number, unit: (match[2] ?? '').trim() } : null;
}

/**
 * One answer as the API takes it; null for "I don't know" (a fact not given stays unknown, which is
 * what the API must hear) and for a value the fact's type cannot hold (the answer list flags it).
 */
export function toFactInput(answer: Answer, info: FactInfo | undefined): ItemFactInput | null {
  if (answer.value === UNKNOWN_ANSWER || info === undefined) return null;
  switch (info.type) {
    case 'BOOLEAN':
      return answer.value === 'yes' || answer.value === 'no'
        ? { name: answer.fact, boolean: answer.value === 'yes' }
        : null;
    case 'ENUM':
      return info.values.includes(answer.value) ? { name: answer.fact, choice: answer.value } : null;
    case 'NUMBER': {
      const parsed = parseNumberAnswer(answer.value);
      return parsed === null
        ? null
        : { name: answer.fact, number: parsed.number, ...(parsed.unit !== '' ? { unit: parsed.unit } : {}) };
    }
  }
}

/** The state with the list entry the API asked for added to the project's codes (its answer is the code). */
export function withEntry(state: CheckerState, codes: string): CheckerState {
  const added = parseCodes(codes);
  return {
    ...state,
    provisions: [...new Set([...state.provisions, ...added])],
    answers: state.answers.filter((answer) => answer.fact !== ENTRY_FACT),
  };
}

/**
 * The API's input for the state. With no codes, the item is described by its facts when some
 * were answered; with neither, the activity answers alone are checked (exemptions written for a
 * list entry then ask for it). Returns the answers the API could not take, so they can be flagged.
 */
export function toCheckInput(
  state: CheckerState,
  facts: ReadonlyMap<string, FactInfo>,
): { input: CheckExemptionsInput; unusable: string[] } {
  const activity: ItemFactInput[] = [];
  const itemFacts: ItemFactInput[] = [];
  const unusable: string[] = [];
  for (const answer of state.answers) {
    if (answer.value === UNKNOWN_ANSWER) continue;
    const info = facts.get(answer.fact);
    const input = toFactInput(answer, info);
    if (input === null || info === undefined || info.givenAs === 'destination' || info.givenAs === 'provisions') {
      unusable.push(answer.fact);
      continue;
    }
    (info.givenAs === 'item.facts' ? itemFacts : activity).push(input);
  }
  const input: CheckExemptionsInput = {
    ...(state.provisions.length > 0 ? { provisions: state.provisions } : {}),
    ...(itemFacts.length > 0 ? { item: { facts: itemFacts } } : {}),
    ...(state.regimes.length > 0 ? { regimes: state.regimes } : {}),
    ...(state.destination !== null ? { destination: state.destination } : {}),
    ...(activity.length > 0 ? { activity } : {}),
  };
  return { input, unusable };
}

/** "research_is_fundamental" -> "Research is fundamental"; "patent_rights_only" -> "Patent rights only". */
export function humanize(name: string): string {
  const words = name.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "JP" -> "Japan (JP)"; the code alone where the browser knows no name. */
export function countryName(code: string): string {
  let name: string | undefined;
  try {
    name = regionNames.of(code);
  } catch {
    name = undefined;
  }
  return name !== undefined && name !== code ? `${name} (${code})` : code;
}

/** An answer in words, as the answer list and the printed summary show it. */
export function answerInWords(answer: Answer, info: FactInfo | undefined): string {
  if (answer.value === UNKNOWN_ANSWER) return 'I don’t know';
  if (info?.type === 'BOOLEAN') return answer.value === 'yes' ? 'Yes' : answer.value === 'no' ? 'No' : answer.value;
  if (info?.givenAs === 'destination') return countryName(answer.value);
  if (info?.type === 'ENUM') return humanize(answer.value);
  return answer.value;
}
