// The licence page's state, read from and written to the URL so that an answer can be shared and
// reopened: /licence?entries=6A003.b.4.b&to=Canada&regimes=US_EAR&a.frame_rate=30+Hz&asOf=2026-01-01.
// `to` keeps the destination as typed (a name or an ISO code: the API resolves it and says when
// it cannot); answers use the exemption checker's form (`a.<fact>=` yes | no | unknown | a choice
// | "<number> <unit>") and are sent as item facts or export facts, as the fact's vocabulary says.
import type { ItemFactInput, LicenceRequirementInput, Regime } from '../gql/graphql';
import { parseCodes, toFactInput, UNKNOWN_ANSWER, type Answer, type FactInfo } from './exemption-state';

/** The regimes that grant licences (Wassenaar grants none), in the API's default order. */
export const LICENCE_REGIMES = ['US_EAR', 'EU', 'UK'] as const satisfies readonly Regime[];
const ANSWER_PREFIX = 'a.';

export interface LicenceState {
  entries: string[];
  destination: string;
  regimes: Regime[];
  asOf: string | null;
  answers: Answer[];
}

function isLicenceRegime(value: string): value is (typeof LICENCE_REGIMES)[number] {
  return (LICENCE_REGIMES as readonly string[]).includes(value);
}

export function readLicenceState(params: URLSearchParams): LicenceState {
  const answers: Answer[] = [];
  for (const [key, value] of params) {
    if (!key.startsWith(ANSWER_PREFIX) || key.length === ANSWER_PREFIX.length) continue;
    const fact = key.slice(ANSWER_PREFIX.length);
    if (!answers.some((answer) => answer.fact === fact)) answers.push({ fact, value: value.trim() });
  }
  const asOf = params.get('asOf')?.trim() ?? '';
  return {
    entries: params.getAll('entries').flatMap(parseCodes),
    destination: params.get('to')?.trim() ?? '',
    regimes: [...new Set(params.getAll('regimes').flatMap((value) => value.split(',')))].filter(isLicenceRegime),
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null,
    answers,
  };
}

export function writeLicenceState(state: LicenceState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.entries.length > 0) params.set('entries', state.entries.join(','));
  if (state.destination !== '') params.set('to', state.destination);
  for (const regime of state.regimes) params.append('regimes', regime);
  if (state.asOf !== null) params.set('asOf', state.asOf);
  for (const answer of state.answers) params.append(`${ANSWER_PREFIX}${answer.fact}`, answer.value);
  return params;
}

/** The state with one answer set (kept in its place when changed) or removed (value null). */
export function withLicenceAnswer(state: LicenceState, fact: string, value: string | null): LicenceState {
  const exists = state.answers.some((answer) => answer.fact === fact);
  const answers =
    value === null
      ? state.answers.filter((answer) => answer.fact !== fact)
      : exists
        ? state.answers.map((answer) => (answer.fact === fact ? { fact, value } : answer))
        : [...state.answers, { fact, value }];
  return { ...state, answers };
}

/**
 * The API's input, or null while the item or the destination is missing. Answers the API could
 * not take (an unknown fact, a value of the wrong kind) are returned to be flagged, not sent.
 */
export function toLicenceInput(
  state: LicenceState,
  facts: ReadonlyMap<string, FactInfo>,
): { input: LicenceRequirementInput | null; unusable: string[] } {
  const itemFacts: ItemFactInput[] = [];
  const activity: ItemFactInput[] = [];
  const unusable: string[] = [];
  for (const answer of state.answers) {
    if (answer.value === UNKNOWN_ANSWER) continue;
    const info = facts.get(answer.fact);
    const input = toFactInput(answer, info);
    if (input === null || info === undefined || info.givenAs === 'destination') {
      unusable.push(answer.fact);
      continue;
    }
    (info.givenAs === 'item.facts' ? itemFacts : activity).push(input);
  }
  if (state.destination === '' || (state.entries.length === 0 && itemFacts.length === 0)) {
    return { input: null, unusable };
  }
  return {
    input: {
      destination: state.destination,
      ...(state.entries.length > 0 ? { provisions: state.entries } : {}),
      ...(itemFacts.length > 0 ? { item: { facts: itemFacts } } : {}),
      ...(activity.length > 0 ? { activity } : {}),
      ...(state.regimes.length > 0 ? { regimes: state.regimes } : {}),
      ...(state.asOf !== null ? { asOf: state.asOf } : {}),
    },
    unusable,
  };
}

/**
 * The closest destinations an error names ('... did you mean Canada (CA), Chad (TD)?'), as codes
 * with their names, so each can be offered as a button; empty when the message names none.
 */
export function suggestedDestinations(message: string): Array<{ code: string; label: string }> {
  const match = /did you mean (.+)\?/.exec(message);
  if (match === null || match[1] === undefined) return [];
  return [...match[1].matchAll(/([^,]+?) \(([A-Z]{2})\)/g)].map((found) => ({
    code: found[2] ?? '',
    label: `${(found[1] ?? '').trim()} (${found[2] ?? ''})`,
  }));
}
