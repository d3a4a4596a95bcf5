// Times every GraphQL request from its arrival at Apollo to its response and names its operation,
// for the per-operation latency metrics and the access log. The name is the resolved operation's
// when the document was valid, else the one the client sent if it is a plausible GraphQL name
// (an arbitrary string must not end up in logs).
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context.js';

export interface OperationObservation {
  /** The operation's name; null when anonymous or unknown. */
  operationName: string | null;
  seconds: number;
}

const PLAUSIBLE_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

function plausibleName(name: string | null | undefined): string | null {
  return typeof name === 'string' && PLAUSIBLE_NAME.test(name) ? name : null;
}

/** The Apollo plugin; `onOperation` is called once per request Apollo answers. */
export function operationMetricsPlugin(
  onOperation: (observation: OperationObservation) => void,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = performance.now();
      let operationName = plausibleName(request.operationName);
      if (contextValue.telemetry) contextValue.telemetry.operationName = operationName;
      return {
        async didResolveOperation(context) {
          operationName = plausibleName(context.operationName);
          if (contextValue.telemetry) contextValue.telemetry.operationName = operationName;
        },
        async willSendResponse() {
          onOperation({ operationName, seconds: (performance.now() - started) / 1000 });
        },
      };
    },
  };
}
