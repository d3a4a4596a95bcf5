// Stores the composed bench documents (search-documents.ts) as database records, one row per
// document in the table of its type, and returns the documents with the ids of those rows.
// The search-over-HTTP bench needs this: `search` drops a hit whose record is not in the
// database, so with index-only documents a page held about 9 edges of 20 and the HTTP side
// did less work than a real page of results. The rows are bench data in a throwaway database
// (sourceKey "bench:...", one existing citation), never seed data.
import type { PrismaClient, Regime } from '../src/generated/prisma/client.js';
import type { SearchDocument } from '../src/search/search-engine.js';

const CHUNK = 1_000;
const REGIME_OF_JURISDICTION: Record<string, Regime> = { US: 'US_EAR', EU: 'EU', UK: 'UK', WA: 'WASSENAAR', HK: 'HK' };

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await write(rows.slice(start, start + CHUNK));
}

export async function storeComposedDocuments(
  prisma: PrismaClient,
  documents: readonly SearchDocument[],
): Promise<SearchDocument[]> {
  const citation = await prisma.citation.findFirstOrThrow({ select: { id: true } });
  const jurisdictions = new Map(
    (await prisma.jurisdiction.findMany({ select: { id: true, code: true } })).map((row) => [row.code, row.id]),
  );
  const controlLists = new Map(
    (await prisma.controlList.findMany({ select: { id: true, regime: true } })).map((row) => [row.regime, row.id]),
  );
  const jurisdictionOf = (document: SearchDocument): string => {
    const id = jurisdictions.get(document.jurisdiction ?? 'US') ?? jurisdictions.get('US');
    if (!id) throw new Error('bench: no US jurisdiction in the seed');
    return id;
  };
  const stored = documents.map((document, index) => {
    const id = `bench${String(index).padStart(6, '0')}`;
    return { ...document, id: `${document.type}:${id}`, recordId: id };
  });
  const common = (document: SearchDocument) => ({
    id: document.recordId,
    sourceKey: `bench:${document.recordId}`,
    contentHash: 'bench',
    citationId: citation.id,
    jurisdictionId: jurisdictionOf(document),
  });
  const ofType = (type: SearchDocument['type']) => stored.filter((document) => document.type === type);

  await inChunks(ofType('PROVISION'), (chunk) =>
    prisma.controlProvision.createMany({
      data: chunk.map((document) => {
        const regime = REGIME_OF_JURISDICTION[document.jurisdiction ?? 'US'] ?? 'US_EAR';
        const controlListId = controlLists.get(regime) ?? controlLists.get('US_EAR');
        if (!controlListId) throw new Error('bench: no US control list in the seed');
        const code = document.codes[0] ?? 'bench';
        return {
          ...common(document),
          controlListId,
          regime,
          kind: 'PARAGRAPH',
          code,
          entryCode: code.slice(0, 5),
          title: document.title,
          text: document.body,
          category: code.slice(0, 1),
          categoryName: document.category ?? '',
        };
      }),
    }),
  );
  await inChunks(ofType('EXEMPTION'), (chunk) =>
    prisma.exemption.createMany({
      data: chunk.map((document) => ({
        ...common(document),
        kind: 'INTERPRETIVE_GUIDANCE',
        typeLabel: 'bench',
        regimeLabel: 'bench',
        legalBasis: document.codes[0] ?? 'bench',
        name: document.title,
        textVerbatim: [document.body],
      })),
    }),
  );
  await inChunks(ofType('GUIDANCE_DOCUMENT'), (chunk) =>
    prisma.guidanceDocument.createMany({
      data: chunk.map((document) => ({
        ...common(document),
        title: document.title,
        body: document.body,
        issuer: 'bench',
        audience: document.audience,
      })),
    }),
  );
  await inChunks(ofType('CONSULTATION'), (chunk) =>
    prisma.stakeholderConsultation.createMany({
      data: chunk.map((document) => ({ ...common(document), title: document.title, body: 'bench', status: 'UNKNOWN' })),
    }),
  );
  await inChunks(ofType('IMPACT_ASSESSMENT'), (chunk) =>
    prisma.impactAssessment.createMany({
      data: chunk.map((document) => ({
        ...common(document),
        title: document.title,
        method: 'bench',
        publisher: 'bench',
      })),
    }),
  );
  return stored;
}
