// A destination typed as an ISO code or a name ("CA", "ca", "Canada", "china", "the UK"),
// resolved to its ISO 3166-1 alpha-2 code. Names go through the search's query understanding
// (the Country Chart names, their written variants and the aliases file), so the two features
// understand the same country names; an unknown one is refused with the closest names.
import MiniSearch from 'minisearch';
import { isIsoCountryCode } from '../classification/iso-countries.js';
import type { UsCountryTables } from '../classification/us-country-chart.js';
import { InvalidArgumentError } from '../errors.js';
import { interpretQuery, type QueryUnderstandingRules } from '../search/query-understanding.js';

export interface ResolvedDestination {
  code: string;
  name: string;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export class DestinationLookup {
  private readonly suggestions: MiniSearch<{ id: number; name: string; code: string }>;

  constructor(
    private readonly tables: UsCountryTables,
    private readonly rules: QueryUnderstandingRules,
  ) {
    this.suggestions = new MiniSearch({ fields: ['name', 'code'], storeFields: ['name', 'code'] });
    const names = new Map<string, string>();
    for (const row of tables.countries()) names.set(`${row.iso2}|${row.name}`, row.iso2);
    for (const group of Object.values(tables.groups.groups))
      for (const member of group.members) names.set(`${member.iso2}|${member.name}`, member.iso2);
    this.suggestions.addAll(
      [...names.entries()].map(([key, code], id) => ({ id, code, name: key.split('|')[1] ?? code })),
    );
  }

  /** The destination, or an InvalidArgumentError naming `field` with "did you mean" suggestions. */
  resolve(text: string, field: string): ResolvedDestination {
    const typed = text.trim();
    if (/^[A-Za-z]{2}$/.test(typed)) {
      const code = typed.toUpperCase();
      if (isIsoCountryCode(code) || this.tables.row(code)) return { code, name: this.nameOf(code) };
      throw new InvalidArgumentError(
        field,
        'destination-known',
        `"${typed}" is not an ISO 3166-1 alpha-2 country code${this.didYouMean(typed)}`,
      );
    }
    const asked = `to ${typed}`;
    const interpretation = interpretQuery(asked, this.rules);
    const words = (value: string) =>
      value
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu)
        ?.join(' ') ?? '';
    // The whole text must be the destination: either everything was taken out as the destination
    // (an interpretation that leaves nothing to search keeps the original), or the one part taken
    // out is all of it.
    const removed = interpretation.removed;
    const wholly =
      (removed.length === 0 && interpretation.searchText === asked) ||
      (removed.length === 1 && removed[0]?.reason === 'DESTINATION' && words(removed[0].text) === words(asked));
    if (interpretation.destination && wholly) {
      const { code } = interpretation.destination;
      return { code, name: this.tables.row(code)?.name ?? interpretation.destination.name };
    }
    throw new InvalidArgumentError(
      field,
      'destination-known',
      `"${typed}" is not a country name or ISO 3166-1 alpha-2 code known here${this.didYouMean(typed)}`,
    );
  }

  private nameOf(code: string): string {
    return this.tables.row(code)?.name ?? regionNames.of(code) ?? code;
  }

  private didYouMean(typed: string): string {
    const hits = this.suggestions.search(typed, { fuzzy: 0.34, prefix: true });
    const seen = new Set<string>();
    const names: string[] = [];
    for (const hit of hits) {
      const code = String(hit.code);
      if (seen.has(code)) continue;
      seen.add(code);
      names.push(`${this.nameOf(code)} (${code})`);
      if (names.length === 5) break;
    }
    return names.length > 0
      ? `; did you mean ${names.join(', ')}?`
      : '; give a country name or its ISO code (e.g. "JP" or "Japan").';
  }
}
