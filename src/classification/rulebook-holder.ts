// The process-wide rulebook (seed/encodings/*.json), loaded once: at service start, where an
// invalid encoding fails the start with the EncodingError list, or on first use (CLI, tests).
// Tests may inject their own.
import { loadRulebook, type Rulebook } from './rulebook.js';

let current: Rulebook | undefined;

export function useRulebook(rulebook: Rulebook): void {
  current = rulebook;
}

/** The rulebook in use, loading the committed encodings on first call. */
export function currentRulebook(): Rulebook {
  current ??= loadRulebook();
  return current;
}
