// The start-up memory report's reading of /proc/<pid>/smaps: a WebAssembly memory (its readable
// pages directly followed by a guard region of several GB) told apart from the rest of the
// anonymous memory (V8's heap, native allocations) and from mapped files.
import { describe, expect, it } from 'vitest';
import { residentByMapping } from '../../src/server/memory-report.js';

const GB = 1024 ** 3;

/** One smaps entry: a header line, then the fields (only Rss matters here). */
function entry(start: number, bytes: number, rssKb: number, options: { path?: string; perms?: string } = {}): string {
  const hex = (value: number) => value.toString(16).padStart(12, '0');
  return [
    `${hex(start)}-${hex(start + bytes)} ${options.perms ?? 'rw-p'} 00000000 00:00 0 ${options.path ?? ''}`.trimEnd(),
    `Size:           ${bytes / 1024} kB`,
    'KernelPageSize:        4 kB',
    `Rss:            ${rssKb} kB`,
    'Pss:                   0 kB',
  ].join('\n');
}

const MB = 1024 * 1024;

describe('residentByMapping', () => {
  it('counts the readable pages before a guard region of several GB as WebAssembly memory', () => {
    const wasm = 0x7f00_0000_0000;
    const smaps = [
      entry(0x5500_0000_0000, 64 * MB, 40_960, { path: '/usr/bin/node' }),
      // A V8 heap page right before the memory: anonymous, not a guard region after it.
      entry(wasm - 256 * 1024, 256 * 1024, 256),
      entry(wasm, 256 * MB, 102_400),
      entry(wasm + 256 * MB, 8 * GB, 0, { perms: '---p' }),
      entry(0x7e00_0000_0000, 512 * MB, 204_544),
    ].join('\n');
    expect(residentByMapping(smaps)).toEqual({ wasm: 100, anonymous: 200, files: 40 });
  });

  it('does not take a small inaccessible region, or one that does not follow the mapping, for a guard', () => {
    const start = 0x7f00_0000_0000;
    const smaps = [
      entry(start, 64 * MB, 10_240),
      entry(start + 64 * MB, 2 * MB, 0, { perms: '---p' }),
      entry(start + 128 * MB, 64 * MB, 10_240),
      entry(start + 256 * MB, 8 * GB, 0, { perms: '---p' }),
    ].join('\n');
    expect(residentByMapping(smaps)).toEqual({ wasm: 0, anonymous: 20, files: 0 });
  });
});
