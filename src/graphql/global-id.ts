// Relay global ids at the edges: GraphQL arguments and HTTP query parameters that name records
// by their API ids are decoded here, and database ids in computed answers encoded here, so the
// layers below only ever see database ids.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { containsNul } from '../domain/sql-text.js';
import { InvalidArgumentError } from '../errors.js';

/** The database id inside a global id of `typename`; a clear error naming `field` for anything else. */
export function databaseIdOf(globalId: string, typename: string, field: string): string {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = undefined;
  }
  if (!decoded || decoded.typename !== typename || decoded.id.length === 0 || containsNul(decoded.id)) {
    throw new InvalidArgumentError(
      field,
      'global-id-of-type',
      `"${field}" must hold ids of ${typename} records (as returned by the API); "${globalId}" is not one.`,
    );
  }
  return decoded.id;
}

export function databaseIdsOf(
  globalIds: ReadonlyArray<string | number> | null | undefined,
  typename: string,
  field: string,
): string[] | null {
  return globalIds?.map((id) => databaseIdOf(String(id), typename, field)) ?? null;
}

/** The global id of a record of `typename`. */
export function globalIdOf(typename: string, id: string): string {
  return encodeGlobalID(typename, id);
}

/** The global id of a record of `typename`, or null for no record. */
export function globalIdOrNull(typename: string, id: string | null): string | null {
  return id === null ? null : encodeGlobalID(typename, id);
}
