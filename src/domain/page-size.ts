// The paging rule every connection follows: `first` or `last`, each 1..100,
// never both; forward paging is `first` + `after`, backward paging is `last` + `before`.
// Violations are reported, never clamped, so a client asking for 1000 rows learns the bound
// instead of silently getting 100.

export const PAGE_SIZE_MIN = 1;
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;
/** Most global ids one `nodes(ids:)` request may name: the same bound as a page. */
export const NODES_IDS_MAX = PAGE_SIZE_MAX;

export interface PageArguments {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export type PageArgumentName = keyof PageArguments;

export interface PageArgumentViolation {
  field: PageArgumentName;
  rule: 'page-size-range' | 'exclusive-arguments' | 'paging-direction';
  message: string;
}

const given = (value: unknown) => value !== undefined && value !== null;

function sizeViolation(field: 'first' | 'last', value: number | null | undefined): PageArgumentViolation[] {
  if (!given(value)) return [];
  if (Number.isInteger(value) && (value as number) >= PAGE_SIZE_MIN && (value as number) <= PAGE_SIZE_MAX) return [];
  return [
    {
      field,
      rule: 'page-size-range',
      message: `"${field}" must be between ${PAGE_SIZE_MIN} and ${PAGE_SIZE_MAX} (got ${String(value)})`,
    },
  ];
}

/** Every rule the arguments break, in a stable order; empty when they are fine. */
export function pageArgumentViolations(args: PageArguments): PageArgumentViolation[] {
  const violations = [...sizeViolation('first', args.first), ...sizeViolation('last', args.last)];
  if (given(args.first) && given(args.last)) {
    violations.push({
      field: 'last',
      rule: 'exclusive-arguments',
      message:
        '"first" and "last" cannot be used together: page forward with "first" (and "after") or backward with "last" (and "before")',
    });
  }
  if (given(args.after) && given(args.before)) {
    violations.push({
      field: 'before',
      rule: 'exclusive-arguments',
      message:
        '"after" and "before" cannot be used together: page forward with "first" and "after" or backward with "last" and "before"',
    });
  }
  if (given(args.first) && given(args.before)) {
    violations.push({
      field: 'before',
      rule: 'paging-direction',
      message: '"before" pages backward and goes with "last", not "first"',
    });
  }
  if (given(args.last) && given(args.after)) {
    violations.push({
      field: 'after',
      rule: 'paging-direction',
      message: '"after" pages forward and goes with "first", not "last"',
    });
  }
  return violations;
}
