// The checks `checkExemptions` and `licenceRequirement` share on what is exported: at most 50
// list codes, each written as a code; regimes, when given, at least one and each one the question
// can be answered for; at most 100 activity facts. Each issue names its field and rule.
import type { z } from 'zod';

export interface ExportQuestionShape {
  provisions?: readonly string[] | null | undefined;
  regimes?: readonly string[] | null | undefined;
  activity?: readonly unknown[] | null | undefined;
}

/** The regimes a question can be answered for, and what to say of another one. */
export interface RegimeRule {
  allowed: readonly string[];
  rule: string;
  message: (regime: string) => string;
}

const LIST_CODE = /^[0-9A-Za-z][0-9A-Za-z.()-]{0,40}$/;

export function addExportQuestionIssues(
  input: ExportQuestionShape,
  context: z.RefinementCtx,
  regimes: RegimeRule,
): void {
  const issue = (path: (string | number)[], rule: string, message: string) =>
    context.addIssue({ code: 'custom', path, params: { rule }, message });
  if (input.provisions && input.provisions.length > 50) {
    issue(['provisions'], 'at-most-50', 'At most 50 provision codes.');
  }
  input.provisions?.forEach((code, index) => {
    if (!LIST_CODE.test(code.trim())) {
      issue(
        ['provisions', index],
        'provision-code',
        `provisions[${index}] "${code}" is not a list code (e.g. "6A003", "6E001", "6A003.b.4.b").`,
      );
    }
  });
  if (input.regimes && input.regimes.length === 0) {
    issue(['regimes'], 'not-empty', 'regimes, when given, must name at least one regime.');
  }
  input.regimes?.forEach((regime, index) => {
    if (!regimes.allowed.includes(regime)) issue(['regimes', index], regimes.rule, regimes.message(regime));
  });
  if (input.activity && input.activity.length > 100) {
    issue(['activity'], 'at-most-100', 'At most 100 activity facts.');
  }
}
