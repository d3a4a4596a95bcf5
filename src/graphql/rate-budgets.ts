// What the GraphQL layer needs of the rate budgets: whom a request is charged to and a store
// that charges points and reports what is left. The store (Redis or process memory) and the
// reading of API keys and client addresses belong to the HTTP layer, which hands both in.

/** The client a request's points are charged to. */
export interface RateClient {
  /** An API key's budget, or the budget of a client address (requests without a key). */
  kind: 'key' | 'address';
  /** The key's fingerprint (never the key itself) or the client address. */
  id: string;
  /** Points per hour of this client's budget; 0: no budget applies. */
  pointsPerHour: number;
}

/** A budget's state: what the `x-ratelimit-*` headers and the `rateLimit` field report. */
export interface RateBudgetState {
  /** Points per hour. */
  limit: number;
  /** Points spent in the current window. */
  used: number;
  /** Points left in the current window. */
  remaining: number;
  /** When the current window ends and the budget is whole again. */
  resetAt: Date;
}

export interface RateCharge {
  /** False when the budget cannot pay the points: nothing was spent and the query must not run. */
  allowed: boolean;
  /** The state after the charge (before it, when refused). */
  state: RateBudgetState;
}

export interface RateBudgets {
  /** Spends `points` of the client's budget if it has them; null when no budget applies. */
  charge(client: RateClient, points: number): Promise<RateCharge | null>;
  /** The budget's state without spending anything; null when no budget applies. */
  peek(client: RateClient): Promise<RateBudgetState | null>;
}

/** What the current operation cost and the budget after it (the `rateLimit` field reads it). */
export interface RateLimitReport extends RateBudgetState {
  cost: number;
  nodeCount: number;
}
