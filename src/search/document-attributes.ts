// What the embedded engine reads of every match, held per document as small integers in
// arrays indexed by short id (see scored-index.ts), set when a document is indexed: the entry
// it groups under (entry-key.ts) and its facet values. Grouping and facet counting then cost an
// array read per match instead of building and comparing strings.
import { entryKeyOf } from './entry-key.js';
import type { FacetField, SearchDocument } from './search-engine.js';

/** The facet fields of one value per document. */
export type SingleValueFacet = Exclude<FacetField, 'audience'>;
const SINGLE_VALUE_FACETS: readonly SingleValueFacet[] = ['type', 'regime', 'jurisdiction', 'category'];

/** Strings numbered in the order first seen; 0 stands for no value. */
class Numbering {
  private readonly numbers = new Map<string, number>();
  /** Index n holds the string numbered n (index 0: none). */
  readonly values: (string | null)[] = [null];

  numberOf(value: string | null): number {
    if (value === null) return 0;
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.values.length;
      this.numbers.set(value, number);
      this.values.push(value);
    }
    return number;
  }
}

export class DocumentAttributes {
  private entries = new Numbering();
  private facetValues = new Map<SingleValueFacet, Numbering>();
  /** Short id -> number of its entry (documents of one entry share it). */
  private entryAt = new Int32Array(0);
  private facetAt = new Map<SingleValueFacet, Uint32Array>();
  /** Short id -> its audience values, numbered, each once. */
  private audienceAt: (readonly number[])[] = [];
  private audiences = new Numbering();

  constructor() {
    this.clear();
  }

  clear(): void {
    this.entries = new Numbering();
    this.entryAt = new Int32Array(1024);
    this.audiences = new Numbering();
    this.audienceAt = [];
    for (const field of SINGLE_VALUE_FACETS) {
      this.facetValues.set(field, new Numbering());
      this.facetAt.set(field, new Uint32Array(1024));
    }
  }

  /** Records the attributes of the document indexed under `shortId`. */
  record(shortId: number, document: SearchDocument): void {
    if (shortId >= this.entryAt.length) this.grow(Math.max(shortId + 1, this.entryAt.length * 2));
    this.entryAt[shortId] = this.entries.numberOf(entryKeyOf(document));
    for (const field of SINGLE_VALUE_FACETS) {
      (this.facetAt.get(field) as Uint32Array)[shortId] = (this.facetValues.get(field) as Numbering).numberOf(
        document[field],
      );
    }
    this.audienceAt[shortId] = [...new Set(document.audience)].map((value) => this.audiences.numberOf(value));
  }

  /** The number of the document's entry, below `entryCount`. */
  entryOf(shortId: number): number {
    return this.entryAt[shortId] as number;
  }

  /** How many entry numbers have been given (entries of removed documents included). */
  get entryCount(): number {
    return this.entries.values.length;
  }

  /** Per short id, the field's value number (0: none), and the values by number. */
  facet(field: SingleValueFacet): { at: Uint32Array; values: readonly (string | null)[] } {
    return {
      at: this.facetAt.get(field) as Uint32Array,
      values: (this.facetValues.get(field) as Numbering).values,
    };
  }

  /** Per short id, its audience value numbers, and the values by number. */
  audience(): { at: readonly (readonly number[])[]; values: readonly (string | null)[] } {
    return { at: this.audienceAt, values: this.audiences.values };
  }

  private grow(length: number): void {
    const entryAt = new Int32Array(length);
    entryAt.set(this.entryAt);
    this.entryAt = entryAt;
    for (const field of SINGLE_VALUE_FACETS) {
      const at = new Uint32Array(length);
      at.set(this.facetAt.get(field) as Uint32Array);
      this.facetAt.set(field, at);
    }
  }
}
