// The largest GraphQL answer the service sends. Query limits bound what an operation may ask
// for before it runs, but not how long its texts are: provisions' verbatim texts and guidance
// bodies run to tens of kilobytes, so an answer within every limit can still reach hundreds of
// megabytes, built in memory before the first byte goes out. Past the cap, the client gets one
// RESPONSE_TOO_LARGE error naming the cap and the size instead of the answer. The answer is
// measured as the bytes actually sent (Apollo's stringifyResult), so nothing is serialised
// twice. The status stays 200 with `data: null`, as for any operation that ran and failed in
// execution (GraphQL over HTTP); the exports under /export stream their rows and have no cap.
import type { FormattedExecutionResult } from 'graphql';

export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';

export interface RefusedResponse {
  bytes: number;
  maxBytes: number;
}

/** `stringify` (the answer as sent), replaced by an error when it is larger than `maxBytes`. */
export function capResponseSize(
  maxBytes: number,
  stringify: (value: FormattedExecutionResult) => string,
  onRefused: (refused: RefusedResponse) => void = () => undefined,
): (value: FormattedExecutionResult) => string {
  return (value) => {
    const text = stringify(value);
    // A UTF-8 byte per UTF-16 unit at least, three at most: most answers need no counting.
    if (text.length * 3 <= maxBytes) return text;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= maxBytes) return text;
    onRefused({ bytes, maxBytes });
    const refusal: FormattedExecutionResult = {
      errors: [
        {
          message: `The answer is ${bytes} bytes, more than the limit of ${maxBytes} bytes; ask for fewer items or fields (pages of a connection, or the streamed exports under /export for whole lists).`,
          extensions: { code: RESPONSE_TOO_LARGE, maxBytes, bytes },
        },
      ],
      data: null,
    };
    return `${JSON.stringify(refusal)}\n`;
  };
}
