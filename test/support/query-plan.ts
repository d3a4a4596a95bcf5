// Reads PostgreSQL's EXPLAIN (FORMAT JSON) output for what a listing needs: that the rows of the
// listed table reach the LIMIT in the listing's order from an index, without a Sort of every
// matching row on the way.

export interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Sort Key'?: string[];
  Plans?: PlanNode[];
}

export type PagePlanVerdict = { ok: true; indexName: string } | { ok: false; reason: string };

/**
 * Follows the plan from its top down the side that carries the listed table's rows (the outer
 * side of each join; subplans and the inner sides only run per row): a page is read in order
 * when that path starts at a LIMIT and reaches an index scan of `table` without passing a Sort.
 * An Incremental Sort fails too: it stops at the limit, but only because an index gives a prefix
 * of the order, so that index does not match the listing.
 */
export function pagePlanVerdict(root: PlanNode, table: string): PagePlanVerdict {
  if (root['Node Type'] !== 'Limit')
    return { ok: false, reason: `the plan starts with ${root['Node Type']}, not a Limit` };
  let node: PlanNode | undefined = root;
  while (node) {
    const type = node['Node Type'];
    if (type === 'Sort') {
      return { ok: false, reason: `a Sort on ${(node['Sort Key'] ?? []).join(', ')} over every matching row` };
    }
    if (type === 'Incremental Sort') {
      return {
        ok: false,
        reason: `an Incremental Sort on ${(node['Sort Key'] ?? []).join(', ')}: no index gives the whole order`,
      };
    }
    if (node['Relation Name'] === table) {
      if ((type === 'Index Scan' || type === 'Index Only Scan') && node['Index Name']) {
        return { ok: true, indexName: node['Index Name'] };
      }
      return { ok: false, reason: `${table} is read by a ${type}, which gives no order` };
    }
    const children: PlanNode[] = (node.Plans ?? []).filter(
      (child) => child['Parent Relationship'] !== 'SubPlan' && child['Parent Relationship'] !== 'InitPlan',
    );
    node = children.find((child) => child['Parent Relationship'] === 'Outer') ?? children[0];
  }
  return { ok: false, reason: `no scan of ${table} on the path from the Limit` };
}
