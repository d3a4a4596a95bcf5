// What the GraphQL layer learns about one request that the HTTP access log and the metrics report
// after the response: the operation's name and its cost in points. One record per request, made
// by the HTTP layer and handed over in the context, so nothing is kept between requests.

export interface RequestTelemetry {
  /** The operation run (null: anonymous, or the request never named a valid one). */
  operationName: string | null;
  /** Points of the operation (query-cost.ts), once its document was valid and counted. */
  cost: number | null;
}

export function newRequestTelemetry(): RequestTelemetry {
  return { operationName: null, cost: null };
}
