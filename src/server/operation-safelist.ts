// Safelist mode: only the operations listed in a manifest run. The manifest is the persisted-
// documents format of GraphQL Code Generator's client preset: a JSON object from each document's
// SHA-256 (lower-case hex of its exact text) to the text. A client sends the full text (byte for
// byte a listed one, as the web app's generated documents are) or only the hash in
// `extensions.persistedQuery.sha256Hash` (Apollo's persisted-query protocol); anything else is
// refused here, before Apollo parses it (HTTP 400, PERSISTED_QUERY_NOT_IN_LIST), so an unlisted
// document costs neither a parse nor a validation, and cannot be registered as a persisted query.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';
import { parse } from 'graphql';

export type SafelistManifest = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/u;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class SafelistManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(`The operation safelist is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SafelistManifestError';
  }
}

/** Checks a parsed manifest: every key the SHA-256 of its text, every text a GraphQL document. */
export function safelistManifest(json: unknown): SafelistManifest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SafelistManifestError(['the manifest must be a JSON object from SHA-256 hashes to documents']);
  }
  const problems: string[] = [];
  const manifest = new Map<string, string>();
  for (const [hash, document] of Object.entries(json)) {
    if (typeof document !== 'string') {
      problems.push(`${hash}: the document must be a string`);
      continue;
    }
    if (!SHA256_HEX.test(hash) || sha256(document) !== hash) {
      problems.push(`${hash}: the key is not the SHA-256 (lower-case hex) of its document`);
      continue;
    }
    try {
      parse(document);
    } catch (error) {
      problems.push(`${hash}: the document does not parse (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    manifest.set(hash, document);
  }
  if (problems.length > 0) throw new SafelistManifestError(problems);
  return manifest;
}

/** Reads and checks a manifest file; a bad one stops the start with every problem listed. */
export function readSafelist(path: string): SafelistManifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SafelistManifestError([`${path}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  return safelistManifest(json);
}

interface GraphQLParameters {
  query?: unknown;
  extensions?: unknown;
}

/** The persisted-query hash of a request's extensions (a JSON string in a GET's query string). */
function persistedHash(extensions: unknown): unknown {
  let value = extensions;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || !('persistedQuery' in value)) return undefined;
  const persisted = value.persistedQuery;
  return typeof persisted === 'object' && persisted !== null && 'sha256Hash' in persisted
    ? persisted.sha256Hash
    : undefined;
}

function parametersOf(body: unknown, query: unknown): GraphQLParameters | undefined {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length > 0) return body;
  if (typeof query === 'object' && query !== null) return query;
  return undefined;
}

export function operationSafelist(manifest: SafelistManifest): RequestHandler {
  return (request, response, next) => {
    const parameters = parametersOf(request.body, request.query);
    // Malformed requests (no parameters, a batch) are Apollo's to refuse.
    if (parameters === undefined) {
      next();
      return;
    }
    const hash = persistedHash(parameters.extensions);
    const text = parameters.query;
    const listed =
      typeof text === 'string'
        ? manifest.has(sha256(text))
        : typeof hash === 'string' && text === undefined && manifest.has(hash);
    if (listed) {
      // A hash alone: the listed text stands in for it (Apollo checks that hash and text agree).
      if (text === undefined && typeof hash === 'string' && typeof request.body === 'object' && request.body !== null) {
        (request.body as GraphQLParameters).query = manifest.get(hash);
      }
      next();
      return;
    }
    response.status(400).json({
      errors: [
        {
          message:
            'This service runs only the operations on its safelist, and this one is not on it: send a listed document or its persisted-query hash.',
          extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', requestId: String(request.id ?? '') },
        },
      ],
    });
  };
}
