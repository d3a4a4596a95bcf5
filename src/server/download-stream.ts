// Streaming a download: rows are written one at a time with back-pressure (CSV through
// csv-stringify, JSON as an array), never built into one string.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';

/** Writes and waits when the socket's buffer is full, so a large export never piles up in memory. */
async function writeWithBackpressure(target: Writable, chunk: string | Record<string, unknown>): Promise<void> {
  if (!target.write(chunk)) {
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        target.off('drain', done);
        target.off('close', done);
        target.off('error', reject);
        resolve();
      };
      target.once('drain', done);
      target.once('close', done);
      target.once('error', reject);
    });
  }
}

export function startDownload(
  response: Response,
  fileName: string,
  contentType: string,
  headers: Record<string, string>,
): void {
  response.status(200);
  response.setHeader('content-type', contentType);
  response.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  response.setHeader('cache-control', 'no-store');
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
}

export async function streamCsv(
  response: Response,
  columns: string[],
  rows: Iterable<Record<string, unknown>>,
): Promise<void> {
  const stringifier = stringify({ header: true, columns, cast: { boolean: (value) => (value ? 'true' : 'false') } });
  stringifier.pipe(response);
  for (const row of rows) {
    if (response.destroyed) break;
    await writeWithBackpressure(stringifier, row);
  }
  stringifier.end();
  await new Promise<void>((resolve) => response.once('finish', resolve).once('close', resolve));
}

export async function streamJsonArray(response: Response, rows: Iterable<unknown>): Promise<void> {
  await writeWithBackpressure(response, '[');
  let first = true;
  for (const row of rows) {
    if (response.destroyed) break;
    await writeWithBackpressure(response, `${first ? '\n' : ',\n'}${JSON.stringify(row)}`);
    first = false;
  }
  response.end(first ? ']\n' : '\n]\n');
}
