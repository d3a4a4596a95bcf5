// The metrics give a series only to the web app's own operations: the list must name exactly
// the operations the web app's documents and the explorer's examples define, or a page's
// latency would hide under "other" (or a removed page keep a series).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationLabel, WEB_APP_OPERATION_NAMES } from '../../src/server/operation-labels.js';
import { EXPLORER_EXAMPLES } from '../../web/src/explorer-examples.js';

const WEB_SRC = new URL('../../web/src/', import.meta.url).pathname;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'gql' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function operationNames(document: string): string[] {
  return parse(document).definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
  );
}

describe('operation labels', () => {
  it("name exactly the web app's operations", () => {
    const documents = sourceFiles(WEB_SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/graphql\(`([^`]*)`\)/g)].map((match) => match[1] ?? ''),
    );
    expect(documents.length).toBeGreaterThan(10);
    const names = [...documents, ...EXPLORER_EXAMPLES.map((example) => example.query)].flatMap(operationNames);
    expect([...WEB_APP_OPERATION_NAMES].sort()).toEqual([...new Set(names)].sort());
  });

  it('collapse every other name to "other" and a missing one to "anonymous"', () => {
    expect(operationLabel('WebSearch')).toBe('WebSearch');
    expect(operationLabel('Scraper123')).toBe('other');
    expect(operationLabel(null)).toBe('anonymous');
  });
});
