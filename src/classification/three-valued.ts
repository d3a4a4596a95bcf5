// Kleene three-valued logic. UNKNOWN is never rounded to MET or NOT_MET: a compliance answer
// may only be definite when the facts make it so.
export type Outcome = 'MET' | 'NOT_MET' | 'UNKNOWN';

export function allOf(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.includes('NOT_MET')) return 'NOT_MET';
  if (outcomes.includes('UNKNOWN')) return 'UNKNOWN';
  return 'MET';
}

export function anyOf(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.includes('MET')) return 'MET';
  if (outcomes.includes('UNKNOWN')) return 'UNKNOWN';
  return 'NOT_MET';
}

export function not(outcome: Outcome): Outcome {
  return outcome === 'MET' ? 'NOT_MET' : outcome === 'NOT_MET' ? 'MET' : 'UNKNOWN';
}
