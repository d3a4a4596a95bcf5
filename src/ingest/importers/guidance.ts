// Dataset "guidance": the 10 guidance documents. Issuer, audience and topics are editorial
// (editorial/guidance.json); links to exemptions and provisions are made by "links".
import { z } from 'zod';
import { citationFromUrl, CitationSet, CITATION_TABLE } from '../citations.js';
import type { Importer } from '../importer.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { jurisdictionIdsByCode, SeedReferenceError } from '../reference-lookups.js';
import { remainingFields, seedFile } from '../seed-files.js';
import { optionalText, provisionRefSchema } from '../source-record.js';
import { stableId } from '../stable-id.js';
import { parseIsoDay } from '../stated-dates.js';
import { syncTable, type TableSpec } from '../sync.js';

export const guidanceSchema = z.looseObject({
  id: z.string().min(1),
  jurisdiction: z.string().min(1),
  title: z.string().min(1),
  excerpts: z.array(z.string()).min(1),
  glossary_excerpts: z.array(z.strictObject({ term: z.string().min(1), definition: z.string().min(1) })).optional(),
  summary_quote: optionalText,
  draft_summary_quote: optionalText,
  date: optionalText,
  date_note: optionalText,
  canonical_url: optionalText,
  eli: optionalText,
  source: z.string().min(1),
  licence: z.string().min(1),
});
export type GuidanceRecord = z.infer<typeof guidanceSchema>;

const guidanceEditorialSchema = z.strictObject({
  documents: z.record(
    z.string(),
    z.strictObject({
      issuer: z.string().min(1),
      audience: z.array(z.string().min(1)),
      topics: z.array(z.string().min(1)),
      exemptions: z.array(z.string().min(1)),
      provisions: z.array(provisionRefSchema),
    }),
  ),
});

export const GUIDANCE_FILE = seedFile('guidance', 'data/guidance_documents.json', z.array(guidanceSchema));
export const GUIDANCE_EDITORIAL_FILE = seedFile(
  'guidanceEditorial',
  'editorial/guidance.json',
  guidanceEditorialSchema,
);

const GUIDANCE_TABLE: TableSpec<'GuidanceDocument'> = {
  model: 'GuidanceDocument',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
};

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

export const guidanceImporter: Importer = {
  name: 'guidance',
  files: [GUIDANCE_FILE, GUIDANCE_EDITORIAL_FILE],
  dependsOn: ['reference'],
  async load(ctx) {
    const [records, editorial] = await Promise.all([
      ctx.files.get(GUIDANCE_FILE),
      ctx.files.get(GUIDANCE_EDITORIAL_FILE),
    ]);
    const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
    const citations = new CitationSet();
    const rows = records.map((record): SeedRow<'GuidanceDocument'> => {
      const meta = editorial.documents[record.id];
      if (!meta)
        throw new SeedReferenceError(`editorial/guidance.json has no entry for guidance document ${record.id}`);
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
        extra: jsonColumn(
          remainingFields(record, parseIsoDay(record.date) ? [...MAPPED_FIELDS, 'date'] : MAPPED_FIELDS),
        ),
        citationId: citations.add(citationFromUrl(record.source, { title: record.title, licence: record.licence })),
      };
    });
    await syncTable(ctx, CITATION_TABLE, citations.rows());
    await syncTable(ctx, GUIDANCE_TABLE, rows);
  },
};
