// The validation plugin's issues (zod, Standard Schema shape) as one domain error naming the
// offending field and the rule it broke.
import { InvalidArgumentError } from '../errors.js';

/** One validation issue as the validation plugin reports it. */
export interface ValidationIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

function issuePath(issue: ValidationIssue): string {
  const parts = (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part));
  return parts.join('.') || 'arguments';
}

/** The rule a zod issue broke: our own `params.rule`, else zod's issue code. */
function issueRule(issue: ValidationIssue): string {
  const { params, code } = issue as { params?: { rule?: unknown }; code?: unknown };
  if (typeof params?.rule === 'string') return params.rule;
  return typeof code === 'string' ? code : 'invalid';
}

/** Every issue's message in one BAD_USER_INPUT error, named after the first issue's field and rule. */
export function invalidArgumentFromIssues(issues: readonly ValidationIssue[]): InvalidArgumentError {
  const [first] = issues;
  if (!first) return new InvalidArgumentError('arguments', 'invalid', 'The arguments are invalid.');
  const message = issues.map((issue) => issue.message).join('; ');
  return new InvalidArgumentError(issuePath(first), issueRule(first), message);
}
