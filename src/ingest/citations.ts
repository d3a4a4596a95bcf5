// Citation rows from the `source` shapes of the seed records. A citation is a value: its key
// is the hash of all its fields, so the same source and section is stored once, and a
// changed source becomes a new citation (the rows citing it are then updated to point at
// it) instead of silently rewriting the provenance of other rows.
import type { SourceType } from '../generated/prisma/client.js';
import type { SeedRow } from './model-rows.js';
import type { SourceRecord } from './source-record.js';
import { contentHash, stableId } from './stable-id.js';
import type { TableSpec } from './sync.js';

export type CitationRow = SeedRow<'Citation', 'retrievedOn'>;

/**
 * Shared by every dataset: a citation several datasets need is one row. Inserted as one JSON
 * parameter per batch: the CCL history cites thousands of records.
 */
export const CITATION_TABLE: TableSpec<'Citation', CitationRow> = {
  model: 'Citation',
  key: ['key'],
  immutable: true,
  insertAsJson: true,
};

export interface CitationFields {
  sourceType: SourceType;
  url?: string | null;
  repository?: string | null;
  path?: string | null;
  commit?: string | null;
  section?: string | null;
  title?: string | null;
  publisher?: string | null;
  upstream?: string | null;
  licence?: string | null;
  note?: string | null;
}

export function citationRow(fields: CitationFields): CitationRow {
  const row = {
    sourceType: fields.sourceType,
    url: fields.url ?? null,
    repository: fields.repository ?? null,
    path: fields.path ?? null,
    commit: fields.commit ?? null,
    section: fields.section ?? null,
    title: fields.title ?? null,
    publisher: fields.publisher ?? null,
    upstream: fields.upstream ?? null,
    licence: fields.licence ?? null,
    note: fields.note ?? null,
  };
  const key = contentHash(row);
  return { id: stableId('Citation', key), key, ...row };
}

function joinNotes(...notes: Array<string | null | undefined>): string | null {
  const present = notes.filter((note): note is string => typeof note === 'string' && note.trim().length > 0);
  return present.length > 0 ? present.join('\n') : null;
}

/** The file at the exact commit the text was read from, so the citation opens what was quoted. */
export function githubPermalink(repository: string, commit: string, path: string): string {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${repository}/blob/${commit}/${encodedPath}`;
}

/**
 * A record's `source` as a citation. `section` overrides the source's own json_pointer
 * (thresholds cite their paragraph label).
 */
export function citationFromSource(source: SourceRecord, section?: string | null): CitationRow {
  if (source.repo) {
    return citationRow({
      sourceType: 'GITHUB_FILE',
      url: source.commit && source.path ? githubPermalink(source.repo, source.commit, source.path) : null,
      repository: source.repo,
      path: source.path,
      commit: source.commit,
      section: section === undefined ? source.json_pointer : section,
      title: source.file_metadata?.source ?? source.title,
      upstream: source.upstream,
      licence: source.licence,
      note: joinNotes(source.version_note, source.caveat, source.file_metadata?.note),
    });
  }
  if (source.url) {
    return citationRow({
      sourceType: 'WEB_PAGE',
      url: source.url,
      section: section ?? null,
      title: source.title,
      publisher: source.publisher,
      licence: source.licence,
      note: joinNotes(source.version_note, source.note, source.date ? `Date stated on the page: ${source.date}` : null),
    });
  }
  if (source.cites) {
    return citationRow({
      sourceType: 'URL',
      url: source.cites,
      section: section ?? null,
      licence: source.licence,
      note: 'Document cited by the quoting source; the record does not say it was retrieved directly.',
    });
  }
  return citationRow({
    sourceType: 'URL',
    section: section ?? null,
    licence: source.licence,
    note: "The source record names no URL or repository for this text (see the record's own note).",
  });
}

/** A web page known only by its URL (consultation and guidance sources, metric sources). */
export function citationFromUrl(url: string, extra: Omit<CitationFields, 'sourceType' | 'url'> = {}): CitationRow {
  return citationRow({ sourceType: 'WEB_PAGE', url, ...extra });
}

/** Collects the citations a dataset needs, each once. */
export class CitationSet {
  private readonly byKey = new Map<string, CitationRow>();

  add(row: CitationRow): string {
    if (!this.byKey.has(row.key)) this.byKey.set(row.key, row);
    return row.id;
  }

  rows(): CitationRow[] {
    return [...this.byKey.values()];
  }
}
