// GraphQL answers that carry JSON text written elsewhere (rendered pages, rendered-pages.ts):
// a resolver asks for its field's place in the answer to be taken by a text, the field's value
// in the result is a placeholder (an empty list), and the answer is written with the text in
// that place instead of the placeholder. Apollo's stringifyResult writes answers through
// `stringifyAnswer`.
//
// Anything that reads the result as objects instead (tests executing operations in process,
// the response cache's entries) sees the spliced value too: the place holds a getter that
// parses the text the first time it is read.
import type { ApolloServerPlugin } from '@apollo/server';
import { responsePathAsArray, type FormattedExecutionResult, type GraphQLResolveInfo } from 'graphql';

interface Splice {
  path: ReadonlyArray<string | number>;
  text: string;
}

/**
 * Contexts of requests whose answers are written through this module (Apollo's, with the plugin
 * below). Anything executing the schema otherwise (graphql-js directly) would write the
 * placeholders: no text is spliced into its answers, and nothing should ask to.
 */
const splicingContexts = new WeakSet<object>();

/** Whether the answer of the request of `context` can carry spliced texts. */
export function answerSplices(context: object): boolean {
  return splicingContexts.has(context);
}

/** Splices asked for during a request's execution, by its context. */
const pendingSplices = new WeakMap<object, Splice[]>();
/** Objects of an answer holding spliced values: key -> text. */
const splicedKeys = new WeakMap<object, Map<string, string>>();
/** Objects of an answer on the way from its data to a spliced value (those holding one included). */
const onSplicePath = new WeakSet<object>();

/** Asks for the value of the field `info` resolves (in the request of `context`) to be written as `text`. */
export function spliceText(context: object, info: GraphQLResolveInfo, text: string): void {
  if (!splicingContexts.has(context)) throw new Error('a text was spliced into an answer written without splices');
  const splice = { path: responsePathAsArray(info.path), text };
  const pending = pendingSplices.get(context);
  if (pending) pending.push(splice);
  else pendingSplices.set(context, [splice]);
}

const isContainer = (value: unknown): value is Record<string | number, unknown> =>
  typeof value === 'object' && value !== null;

/** Places the request's splices into its result's `data` (a place a null replaced is left alone). */
function applySplices(data: Record<string, unknown>, splices: readonly Splice[]): void {
  for (const { path, text } of splices) {
    const key = path[path.length - 1];
    if (typeof key !== 'string') continue;
    const way: object[] = [data];
    let container: unknown = data;
    for (const step of path.slice(0, -1)) {
      container = isContainer(container) ? container[step] : undefined;
      if (isContainer(container)) way.push(container);
    }
    if (!isContainer(container) || !Array.isArray(container[key])) continue;
    for (const object of way) onSplicePath.add(object);
    const keys = splicedKeys.get(container) ?? new Map<string, string>();
    splicedKeys.set(container, keys.set(key, text));
    let parsed: unknown;
    Object.defineProperty(container, key, {
      enumerable: true,
      configurable: true,
      get: () => (parsed ??= JSON.parse(text)),
    });
  }
}

/** The plugin placing each request's splices into its result before it is written. */
export const splicedAnswersPlugin: ApolloServerPlugin<object> = {
  async requestDidStart({ contextValue }) {
    splicingContexts.add(contextValue);
    return {
      async willSendResponse({ contextValue, response }) {
        const splices = pendingSplices.get(contextValue);
        if (!splices) return;
        pendingSplices.delete(contextValue);
        if (response.body.kind === 'single' && response.body.singleResult.data) {
          applySplices(response.body.singleResult.data, splices);
        }
      },
    };
  },
};

function write(value: unknown): string | undefined {
  if (!isContainer(value) || !onSplicePath.has(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  const spliced = splicedKeys.get(value);
  const pairs: string[] = [];
  for (const key of Object.keys(value)) {
    const text = spliced?.get(key) ?? write(value[key]);
    if (text !== undefined) pairs.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${pairs.join(',')}}`;
}

/** An answer's JSON text (and a newline), as Apollo's default writes it, with its splices in place. */
export function stringifyAnswer(value: FormattedExecutionResult): string {
  if (!isContainer(value.data) || !onSplicePath.has(value.data)) return `${JSON.stringify(value)}\n`;
  const pairs: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const text = key === 'data' ? write(item) : JSON.stringify(item);
    if (text !== undefined) pairs.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${pairs.join(',')}}\n`;
}
