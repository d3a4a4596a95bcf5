// The classification wizard's state, kept in the URL so a result can be shared and bookmarked:
//   /classify?kind=camera&f.frame_rate=30+Hz&f.microbolometer=yes&unknown=image_gating_time
//            &regime=EU&asOf=2025-01-01&entry=6A003
// `kind` is the item kind, `f.<fact>` one answer ("<number> <unit>", "yes"/"no" or a choice),
// `known` a classification already known ("6A003.b.4.b" for the item, "component:6A002.a.3.f"
// for a component it incorporates),
// `unknown` a question the user cannot answer, `regime` the lists (all when absent), `asOf` the
// date of the texts and `entry` the entry the user came from (its questions are asked first).
// Parameters keep the order they were given in: it is the order of the answers.
import type { ItemFactInput, Regime, WebItemFactsQuery } from '../gql/graphql';

export type Fact = WebItemFactsQuery['itemFacts'][number];

/** The fact that says what the item is; the wizard asks it first (its values are the kinds). */
export const ITEM_KIND_FACT = 'item_kind';
export const ALL_REGIMES: readonly Regime[] = ['EU', 'US_EAR', 'UK', 'WASSENAAR', 'HK'];
const FACT_PREFIX = 'f.';

export interface Answer {
  name: string;
  /** As written in the URL: a number, "yes"/"no" or a choice. */
  value: string;
  /** For numbers with a dimension; null otherwise. */
  unit: string | null;
}

/** A classification the user already knows: of the item, or of a component it incorporates. */
export interface KnownClassification {
  code: string;
  scope: 'ITEM' | 'COMPONENT';
}

const COMPONENT_PREFIX = 'component:';

export interface WizardState {
  kind: string | null;
  known: KnownClassification[];
  answers: Answer[];
  unknown: string[];
  /** Names in the order they were answered (the item kind first): what "Back" walks through. */
  history: string[];
  regimes: Regime[];
  asOf: string | null;
  entry: string | null;
}

function isRegime(value: string): value is Regime {
  return (ALL_REGIMES as readonly string[]).includes(value);
}

export function readState(params: URLSearchParams): WizardState {
  const answers: Answer[] = [];
  const unknown: string[] = [];
  const history: string[] = [];
  for (const [key, raw] of params) {
    if (key === 'kind') history.push(ITEM_KIND_FACT);
    else if (key === 'unknown' && !unknown.includes(raw)) {
      unknown.push(raw);
      history.push(raw);
    } else if (key.startsWith(FACT_PREFIX)) {
      const name = key.slice(FACT_PREFIX.length);
      const value = raw.trim();
      // A number comes first and holds no space, so the unit is whatever follows the first one
      // (some units have spaces of their own: "Gy (silicon)").
      const space = value.indexOf(' ');
      answers.push(
        space < 0
          ? { name, value, unit: null }
          : { name, value: value.slice(0, space), unit: value.slice(space + 1).trim() || null },
      );
      history.push(name);
    }
  }
  const regimes = params
    .getAll('regime')
    .map((value) => value.toUpperCase())
    .filter(isRegime);
  const asOf = params.get('asOf');
  const entry = params.get('entry')?.trim().toUpperCase() ?? '';
  const known: KnownClassification[] = [];
  for (const raw of params.getAll('known')) {
    const value = raw.trim();
    const isComponent = value.toLowerCase().startsWith(COMPONENT_PREFIX);
    const code = (isComponent ? value.slice(COMPONENT_PREFIX.length) : value).trim();
    const scope = isComponent ? 'COMPONENT' : 'ITEM';
    if (code !== '' && !known.some((other) => other.code === code && other.scope === scope))
      known.push({ code, scope });
  }
  return {
    kind: params.get('kind'),
    known,
    answers,
    unknown: unknown.filter((name) => !answers.some((answer) => answer.name === name)),
    history,
    regimes: regimes.length > 0 ? [...new Set(regimes)] : [...ALL_REGIMES],
    asOf: asOf !== null && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null,
    entry: entry === '' ? null : entry,
  };
}

/** The URL after answering `name` (in place when it was answered before, else at the end). */
export function withAnswer(params: URLSearchParams, answer: Answer): URLSearchParams {
  const written = answer.unit === null || answer.unit === '' ? answer.value : `${answer.value} ${answer.unit}`;
  if (answer.name === ITEM_KIND_FACT) return replaceOrAppend(params, 'kind', null, written);
  return replaceOrAppend(params, FACT_PREFIX + answer.name, answer.name, written);
}

/** The URL after "I don't know" for `name`: its answer goes, the question is not asked again. */
export function withUnknown(params: URLSearchParams, name: string): URLSearchParams {
  const next = new URLSearchParams();
  let placed = false;
  for (const [key, value] of params) {
    const isThis = key === FACT_PREFIX + name || (key === 'unknown' && value === name);
    if (isThis) {
      if (!placed) next.append('unknown', name);
      placed = true;
    } else next.append(key, value);
  }
  if (!placed) next.append('unknown', name);
  return next;
}

/** The URL without any answer (or "I don't know") for `name`. */
export function withoutAnswer(params: URLSearchParams, name: string): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of params) {
    if (name === ITEM_KIND_FACT && key === 'kind') continue;
    if (key === FACT_PREFIX + name || (key === 'unknown' && value === name)) continue;
    next.append(key, value);
  }
  return next;
}

function replaceOrAppend(params: URLSearchParams, key: string, name: string | null, value: string): URLSearchParams {
  const next = new URLSearchParams();
  let placed = false;
  for (const [currentKey, currentValue] of params) {
    if (currentKey === key || (name !== null && currentKey === 'unknown' && currentValue === name)) {
      if (!placed) next.append(key, value);
      placed = true;
    } else next.append(currentKey, currentValue);
  }
  if (!placed) next.append(key, value);
  return next;
}

function knownParam(known: KnownClassification): string {
  return known.scope === 'COMPONENT' ? `${COMPONENT_PREFIX}${known.code}` : known.code;
}

/** The URL with a classification already known added (once). */
export function withKnown(params: URLSearchParams, known: KnownClassification): URLSearchParams {
  const value = knownParam({ ...known, code: known.code.trim() });
  const next = new URLSearchParams(params);
  if (known.code.trim() !== '' && !next.getAll('known').includes(value)) next.append('known', value);
  return next;
}

/** The URL without that known classification. */
export function withoutKnown(params: URLSearchParams, known: KnownClassification): URLSearchParams {
  const value = knownParam(known);
  const next = new URLSearchParams();
  for (const [key, current] of params) if (!(key === 'known' && current.trim() === value)) next.append(key, current);
  return next;
}

export function withRegimes(params: URLSearchParams, regimes: readonly Regime[]): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('regime');
  // All lists is the default: the URL names them only when some are left out.
  if (regimes.length < ALL_REGIMES.length) for (const regime of regimes) next.append('regime', regime);
  return next;
}

export function withParam(params: URLSearchParams, key: string, value: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === null || value === '') next.delete(key);
  else next.set(key, value);
  return next;
}

/** An answer as the API takes it, or why it cannot be sent. */
export function toFactInput(answer: Answer, fact: Fact | undefined): { input: ItemFactInput } | { problem: string } {
  if (fact === undefined) return { problem: 'This is not a fact the lists use; remove it.' };
  switch (fact.type) {
    case 'BOOLEAN':
      if (answer.value === 'yes') return { input: { name: fact.name, boolean: true } };
      if (answer.value === 'no') return { input: { name: fact.name, boolean: false } };
      return { problem: 'Answer yes or no.' };
    case 'ENUM':
      return fact.values.includes(answer.value)
        ? { input: { name: fact.name, choice: answer.value } }
        : { problem: `“${answer.value}” is not one of the choices.` };
    case 'NUMBER': {
      const number = Number(answer.value);
      if (answer.value === '' || !Number.isFinite(number)) return { problem: 'Give a number.' };
      if (fact.canonicalUnit === '' || fact.canonicalUnit === null) {
        return { input: { name: fact.name, number, ...(answer.unit !== null ? { unit: answer.unit } : {}) } };
      }
      if (answer.unit === null || !fact.acceptedUnits.includes(answer.unit))
        return { problem: `Give the unit (${displayUnits(fact).join(', ')}).` };
      return { input: { name: fact.name, number, unit: answer.unit } };
    }
  }
}

/** True for a paragraph of `entry` (the entry itself or any paragraph under it). */
export function isInEntry(paragraph: string, entry: string): boolean {
  const code = paragraph.toUpperCase();
  return code === entry || code.startsWith(`${entry}.`);
}

// The API accepts several spellings of one unit ("um", "µm", "μm", "micrometre"); the unit
// select offers one of each, in the API's order.
const UNIT_SPELLINGS: Record<string, string> = {
  micrometre: 'µm',
  micrometer: 'µm',
  nanometre: 'nm',
  nanometer: 'nm',
  degree: 'deg',
  degrees: 'deg',
  '°': 'deg',
  sec: 's',
  percent: '%',
  fps: 'frames/s',
  'frame/s': 'frames/s',
  'pixels/s': 'pixel/s',
  'Gpixels/s': 'Gpixel/s',
  'Giga Pixels/s': 'Gpixel/s',
  'GB/s/mm²': 'GB/s/mm2',
};

function preferredSpelling(unit: string, accepted: readonly string[]): string {
  const named = UNIT_SPELLINGS[unit];
  if (named !== undefined && accepted.includes(named)) return named;
  const micro = unit.replace(/μ/g, 'µ').replace(/^u(?=[A-Za-z])/, 'µ');
  return accepted.includes(micro) ? micro : unit;
}

/** The units to offer for a NUMBER fact with a dimension: one spelling of each unit. */
export function displayUnits(fact: Fact): string[] {
  if (fact.canonicalUnit === '' || fact.canonicalUnit === null) return [];
  const units: string[] = [];
  for (const unit of fact.acceptedUnits) {
    const spelling = preferredSpelling(unit, fact.acceptedUnits);
    if (spelling !== '' && !units.includes(spelling)) units.push(spelling);
  }
  return units;
}
