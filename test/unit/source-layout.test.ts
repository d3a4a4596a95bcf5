// Rules of the source tree that no compiler or linter checks: one name per module across the
// rooms (a name says what a module holds, so two modules with one name hold the same thing or
// are misnamed), and comments that stand on their own (no issue numbers, no design-file
// sections, no paths outside the repository, which a reader of the code cannot follow).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const everyCodeFile = [...files, ...['test', 'bench', 'scripts'].flatMap((folder) => sourceFiles(join(ROOT, folder)))];

describe('source layout', () => {
  it('gives every module a name of its own (index.ts aside)', () => {
    const byName = new Map<string, string[]>();
    for (const file of files) {
      const name = basename(file);
      if (name === 'index.ts') continue;
      byName.set(name, [...(byName.get(name) ?? []), relative(ROOT, file)]);
    }
    const repeated = [...byName.values()].filter((paths) => paths.length > 1);
    expect(repeated).toEqual([]);
  });

  it('writes comments that stand on their own', () => {
    const outside = /\b(issue|issues) #?\d+|DESIGN(\.md)? ?§|\.\.\/shared\b|closing note/i;
    const offending = everyCodeFile.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /^\s*(\/\/|\*|\/\*)/.test(line) && outside.test(line))
        .map(({ line, index }) => `${relative(ROOT, file)}:${index + 1}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });
});
