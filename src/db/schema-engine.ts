// Prisma's schema engine, run from its WASM build. Prisma 7's CLI wants a native
// schema-engine binary it downloads at run time, which this environment cannot fetch;
// the WASM engine does the same work (diff, applyMigrations) through a driver adapter.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

// Node has WebAssembly at run time; TypeScript's ES libs leave it untyped without DOM, so the
// one call we use is described here instead of pulling the DOM library in.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let initialised: Promise<void> | undefined;

/** Instantiates the WASM module once per process (the package expects a bundler to do it). */
function initialiseWasm(): Promise<void> {
  initialised ??= (async () => {
    // The .wasm file is not in the package's exports map: resolve it beside the JS entry.
    const require = createRequire(import.meta.url);
    const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const bytes = await readFile(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return initialised;
}

export interface EngineLog {
  (message: string): void;
}

/** Opens a schema engine over an existing driver adapter factory (PGlite or pg). */
export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: { path: string; content: string } | undefined,
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  await initialiseWasm();
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  const Engine = (bindings as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine;
  return Engine.new({ datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined }, log, bound);
}
