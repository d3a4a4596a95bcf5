// Where the process's resident memory is, logged when the service is ready (the start-up bench
// prints it): V8's own heap, the memory of the WebAssembly engines (PGlite's PostgreSQL and
// Prisma's query compiler each run in a linear memory that grows and never shrinks), native
// allocations (buffers, ICU, libuv) and the code mapped from files (node itself, shared libraries).
import { readFile } from 'node:fs/promises';
import { getHeapSpaceStatistics } from 'node:v8';

const MB = 1024 * 1024;

/** Figures in MB, rounded. */
export interface MemoryReport {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** Heap spaces holding at least 1 MB, by V8's names (old_space, code_space, ...): used MB. */
  heapSpaces: Record<string, number>;
  /** Memory V8 objects hold outside the heap: buffers, and (Node 20) the WebAssembly memories. */
  external: number;
  arrayBuffers: number;
  /** Size of PGlite's linear memory (grown, so an upper bound of what it has touched). */
  pgliteWasm?: number;
  /** From /proc/self/smaps (Linux): resident memory by kind of mapping. */
  resident?: ResidentByMapping;
}

export interface ResidentByMapping {
  /** The WebAssembly memories (every wasm engine in the process). */
  wasm: number;
  /** Other anonymous memory: V8's heap, native allocations, thread stacks. */
  anonymous: number;
  /** Mapped from files: node's binary, shared libraries, ICU data. */
  files: number;
}

/**
 * V8 maps each 32-bit WebAssembly memory as its pages grown so far (readable and writable)
 * directly followed by a guard region of several GB that nothing may touch. Nothing else in the
 * process maps an inaccessible region that large.
 */
const WASM_GUARD_BYTES = 4 * 1024 * MB;

interface Mapping {
  start: bigint;
  end: bigint;
  inaccessible: boolean;
  file: boolean;
  rssBytes: number;
}

function parseSmaps(smaps: string): Mapping[] {
  const mappings: Mapping[] = [];
  for (const line of smaps.split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      mappings.push({
        start: BigInt(`0x${header[1]}`),
        end: BigInt(`0x${header[2]}`),
        inaccessible: header[3]?.startsWith('---') ?? false,
        file: (header[4] ?? '').startsWith('/'),
        rssBytes: 0,
      });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    const last = mappings.at(-1);
    if (rss && last) last.rssBytes += Number(rss[1]) * 1024;
  }
  return mappings;
}

/** Resident memory of each kind of mapping, from the text of /proc/<pid>/smaps. */
export function residentByMapping(smaps: string): ResidentByMapping {
  const bytes = { wasm: 0, anonymous: 0, files: 0 };
  const mappings = parseSmaps(smaps);
  mappings.forEach((mapping, index) => {
    const next = mappings[index + 1];
    const guarded =
      next !== undefined &&
      next.start === mapping.end &&
      next.inaccessible &&
      !next.file &&
      next.end - next.start >= BigInt(WASM_GUARD_BYTES);
    bytes[mapping.file ? 'files' : guarded ? 'wasm' : 'anonymous'] += mapping.rssBytes;
  });
  return { wasm: toMb(bytes.wasm), anonymous: toMb(bytes.anonymous), files: toMb(bytes.files) };
}

function toMb(bytes: number): number {
  return Math.round(bytes / MB);
}

/** PGlite keeps its Emscripten module private; its linear memory is read only to report its size. */
function pgliteWasmBytes(pglite: object | undefined): number | undefined {
  const heap = (pglite as { mod?: { HEAPU8?: Uint8Array } } | undefined)?.mod?.HEAPU8;
  return heap?.byteLength;
}

export async function memoryReport(pglite?: object): Promise<MemoryReport> {
  const usage = process.memoryUsage();
  const heapSpaces: Record<string, number> = {};
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_used_size >= MB) heapSpaces[space.space_name] = toMb(space.space_used_size);
  }
  const wasmBytes = pgliteWasmBytes(pglite);
  const smaps = await readFile('/proc/self/smaps', 'utf8').catch(() => undefined);
  return {
    rss: toMb(usage.rss),
    heapUsed: toMb(usage.heapUsed),
    heapTotal: toMb(usage.heapTotal),
    heapSpaces,
    external: toMb(usage.external),
    arrayBuffers: toMb(usage.arrayBuffers),
    ...(wasmBytes !== undefined ? { pgliteWasm: toMb(wasmBytes) } : {}),
    ...(smaps !== undefined ? { resident: residentByMapping(smaps) } : {}),
  };
}
