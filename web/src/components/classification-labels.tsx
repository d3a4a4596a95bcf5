// Words a reader understands for the classification's facts, values and outcomes.
import type { ClassificationOutcome } from '../gql/graphql';
import type { Answer, Fact } from './classification-state';

/** "peak_response_wavelength" -> "Peak response wavelength"; "6a004" stays as the list writes it. */
export function humanize(name: string): string {
  const words = name.split('_').map((word) => (/\d/.test(word) ? word.toUpperCase() : word));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const OUTCOME_WORDS: Record<ClassificationOutcome, string> = {
  MET: 'MET',
  NOT_MET: 'NOT MET',
  UNKNOWN: 'UNKNOWN',
};

export const OUTCOME_MEANINGS: Record<ClassificationOutcome, string> = {
  MET: 'your answers meet it',
  NOT_MET: 'your answers rule it out',
  UNKNOWN: 'not enough facts to decide (not the same as “not controlled”)',
};

/** An answer as the user would say it: "30 Hz", "Yes", "Vanadium oxide". */
export function describeAnswer(answer: Answer, fact: Fact | undefined): string {
  if (fact?.type === 'BOOLEAN') return answer.value === 'yes' ? 'Yes' : answer.value === 'no' ? 'No' : answer.value;
  if (fact?.type === 'ENUM') return humanize(answer.value);
  return answer.unit === null ? answer.value : `${answer.value} ${answer.unit}`;
}

export function OutcomeBadge({ outcome }: { outcome: ClassificationOutcome }) {
  return <span className={`outcome-badge outcome-${outcome}`}>{OUTCOME_WORDS[outcome]}</span>;
}
