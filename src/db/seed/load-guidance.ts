// Dataset "guidance": the 10 guidance documents. Issuer, audience and topics are editorial
// (editorial/guidance.json); links to exemptions and provisions are made by "links".
import { citationFromUrl, CitationSet } from './citations.js';
import { remainingFields } from './read-seed-files.js';
import { jurisdictionIdsByCode, SeedReferenceError, type LoaderContext } from './seed-context.js';
import { parseIsoDay, stableId } from './stable-id.js';
import { syncTable } from './sync-rows.js';
import { citationTable, guidanceTable, type GuidanceRow } from './table-writers.js';

const MAPPED_FIELDS = [
  'id',
  'jurisdiction',
  'title',
  'excerpts',
  'glossary_excerpts',
  'summary_quote',
  'draft_summary_quote',
  'date_note',
  'source',
  'licence',
] as const;

export async function loadGuidance(ctx: LoaderContext): Promise<void> {
  const [records, editorial] = await Promise.all([ctx.files.get('guidance'), ctx.files.get('guidanceEditorial')]);
  const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
  const citations = new CitationSet();
  const rows: GuidanceRow[] = records.map((record) => {
    const meta = editorial.documents[record.id];
    if (!meta) throw new SeedReferenceError(`editorial/guidance.json has no entry for guidance document ${record.id}`);
    const glossary = (record.glossary_excerpts ?? []).map((item) => `${item.term}: ${item.definition}`);
    return {
      id: stableId('GuidanceDocument', record.id),
      sourceKey: record.id,
      title: record.title,
      // `executive_summary` (where present) names a document, not a summary text: it stays in `extra`.
      summary: record.summary_quote ?? record.draft_summary_quote ?? null,
      body: [...record.excerpts, ...glossary].join('\n\n'),
      issuer: meta.issuer,
      jurisdictionId: jurisdictionId(record.jurisdiction),
      audience: meta.audience,
      topics: meta.topics,
      // Only a full date is a publication date; anything else stays unknown (date_note keeps the wording).
      publishedOn: parseIsoDay(record.date),
      dateNote: record.date_note ?? null,
      url: record.canonical_url ?? record.eli ?? record.source,
      // `date` is kept in extra unless it became publishedOn, so a partial date is not lost.
      extra: remainingFields(record, parseIsoDay(record.date) ? [...MAPPED_FIELDS, 'date'] : MAPPED_FIELDS),
      citationId: citations.add(citationFromUrl(record.source, { title: record.title, licence: record.licence })),
    };
  });
  await syncTable(ctx, citationTable(ctx.tx, citations.rows()));
  await syncTable(ctx, guidanceTable(ctx.tx, rows));
}
