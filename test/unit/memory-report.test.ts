// The start-up memory report's reading of /proc/<pid>/smaps: a WebAssembly memory is one run of
// adjacent anonymous mappings spanning its 10 GB reservation, told apart from the rest of the
// anonymous memory (V8's heap, native allocations) and from mapped files.
import { describe, expect, it } from 'vitest';
import { residentByMapping } from '../../src/server/memory-report.js';

const GB = 1024 ** 3;

/** One smaps entry: a header line, then the fields (only Rss matters here). */
function entry(start: number, bytes: number, rssKb: number, path = ''): string {
  const hex = (value: number) => value.toString(16).padStart(12, '0');
  return [
    `${hex(start)}-${hex(start + bytes)} rw-p 00000000 00:00 0 ${path}`.trimEnd(),
    `Size:           ${bytes / 1024} kB`,
    'KernelPageSize:        4 kB',
    `Rss:            ${rssKb} kB`,
    'Pss:                   0 kB',
  ].join('\n');
}

describe('residentByMapping', () => {
  it('counts a run of adjacent anonymous mappings spanning 10 GB as WebAssembly memory', () => {
    const wasmStart = 0x7f00_0000_0000;
    const smaps = [
      entry(0x5500_0000_0000, 64 * 1024 * 1024, 40_960, '/usr/bin/node'),
      entry(wasmStart, 2 * GB, 0),
      entry(wasmStart + 2 * GB, 256 * 1024 * 1024, 102_400),
      entry(wasmStart + 2 * GB + 256 * 1024 * 1024, 8 * GB - 256 * 1024 * 1024, 0),
      // A heap page elsewhere: anonymous, not adjacent to the reservation.
      entry(0x7e00_0000_0000, 512 * 1024 * 1024, 204_800),
    ].join('\n');
    expect(residentByMapping(smaps)).toEqual({ wasm: 100, anonymous: 200, files: 40 });
  });

  it('does not add up anonymous mappings a file mapping separates', () => {
    const start = 0x7f00_0000_0000;
    const smaps = [
      entry(start, 5 * GB, 10_240),
      entry(start + 5 * GB, 4096, 4, '/usr/lib/libc.so.6'),
      entry(start + 5 * GB + 4096, 5 * GB, 10_240),
    ].join('\n');
    expect(residentByMapping(smaps)).toEqual({ wasm: 0, anonymous: 20, files: 0 });
  });
});
