// The key results are grouped by (one result per control-list entry, like Meilisearch's
// `distinct`): a provision's entry is its regime and the code before the first dot, so the
// paragraphs "6A003.b.4" and "6A003.a" of the EU list fall under the EU entry "6A003".
// Any other record, and a provision without a code, is a group of its own (its id).
import type { SearchDocument } from './search-engine.js';

export function entryKeyOf(document: SearchDocument): string {
  const entryCode = entryCodeOf(document);
  return entryCode === null ? document.id : `${document.regime ?? ''}:${entryCode}`;
}

/** The entry code of a provision ("6A003" for "6A003.b.4"); null for any other record and a provision without a code. */
export function entryCodeOf(document: SearchDocument): string | null {
  const [code] = document.codes;
  if (document.type !== 'PROVISION' || code === undefined) return null;
  const dot = code.indexOf('.');
  const entryCode = (dot === -1 ? code : code.slice(0, dot)).trim();
  return entryCode === '' ? null : entryCode;
}
