// The rate budget as the query sees it (GitHub's `rateLimit` field): what this query cost and
// what is left of its client's budget. It reads the charge made before execution, so the
// numbers are those of the `x-ratelimit-*` headers of the same answer.
import { builder } from '../builder.js';
import type { RateLimitReport } from '../rate-budgets.js';

const RateLimitRef = builder.objectRef<RateLimitReport>('RateLimit').implement({
  description:
    "The client's rate budget: points per hour, spent by every query according to its cost (see the README's Rate budgets).",
  fields: (t) => ({
    cost: t.exposeInt('cost', {
      description:
        'Points this query cost: one per started hundred nodes it can return (at least one), plus the price of each computing field it calls.',
    }),
    nodeCount: t.exposeInt('nodeCount', {
      description: 'Nodes this query can return (the page sizes multiplied along each path, summed).',
    }),
    limit: t.exposeInt('limit', { description: "Points per hour of the client's budget." }),
    used: t.exposeInt('used', { description: 'Points spent in the current window, this query included.' }),
    remaining: t.exposeInt('remaining', { description: 'Points left in the current window.' }),
    resetAt: t.field({
      type: 'DateTime',
      description: 'When the current window ends and the budget is whole again.',
      resolve: (report) => report.resetAt,
    }),
  }),
});

builder.queryFields((t) => ({
  rateLimit: t.field({
    type: RateLimitRef,
    nullable: true,
    description:
      'What this query cost and what is left of the rate budget it was charged to (an API key, or the client address without one). Null when no budget applies (rate budgets off, or none configured for this kind of client).',
    resolve: (_root, _args, context) => context.rateLimit ?? null,
  }),
}));
