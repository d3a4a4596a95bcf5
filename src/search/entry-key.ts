// The key results are grouped by (one result per control-list entry, like Meilisearch's
// `distinct`): a provision's entry is its regime and the code before the first dot, so the
// paragraphs "6A003.b.4" and "6A003.a" of the EU list fall under the EU entry "6A003".
// Any other record, and a provision without a code, is a group of its own (its id).
import type { SearchDocument } from './search-engine.js';

export function entryKeyOf(document: SearchDocument): string {
  const [code] = document.codes;
  if (document.type !== 'PROVISION' || code === undefined) return document.id;
  const dot = code.indexOf('.');
  const entryCode = (dot === -1 ? code : code.slice(0, dot)).trim();
  return entryCode === '' ? document.id : `${document.regime ?? ''}:${entryCode}`;
}
