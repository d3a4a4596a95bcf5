// The process-wide rulebook (seed/encodings/*.json) and the exemption rules built on it
// (seed/encodings/exemptions/), loaded once: at service start, where an invalid file fails the
// start with the list of problems, or on first use (CLI, tests). Tests may inject their own.
import { loadExemptionRules, type ExemptionRules } from './exemption-rules.js';
import { loadRulebook, type Rulebook } from './rulebook.js';

let current: Rulebook | undefined;
let exemptionRules: { rulebook: Rulebook; rules: ExemptionRules } | undefined;

export function useRulebook(rulebook: Rulebook): void {
  current = rulebook;
}

/** The rulebook in use, loading the committed encodings on first call. */
export function currentRulebook(): Rulebook {
  current ??= loadRulebook();
  return current;
}

/** The exemption encodings for the rulebook in use (they check their facts against its vocabulary). */
export function currentExemptionRules(): ExemptionRules {
  const rulebook = currentRulebook();
  if (exemptionRules?.rulebook !== rulebook) exemptionRules = { rulebook, rules: loadExemptionRules(rulebook) };
  return exemptionRules.rules;
}
