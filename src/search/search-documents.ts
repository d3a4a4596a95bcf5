// Builds SearchDocuments from database records. `loadSearchDocuments` reads the current state
// of the given records, so applying an outbox row always indexes the latest version; a
// record that no longer qualifies (deleted, a superseded provision, or a provision of a
// supplementary list that restates codes of its regime's main list) comes back as absent.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { SearchableType, SearchDocument } from './search-engine.js';

type Db = Pick<
  PrismaClient,
  'controlProvision' | 'exemption' | 'guidanceDocument' | 'stakeholderConsultation' | 'impactAssessment'
>;

export function searchDocumentId(type: SearchableType, recordId: string): string {
  return `${type}:${recordId}`;
}

const isoDate = (date: Date | null | undefined): string | null => (date ? date.toISOString().slice(0, 10) : null);
const joinText = (...parts: Array<string | null | undefined>): string =>
  parts.filter((part): part is string => Boolean(part && part.trim())).join('\n\n');

/** Loads the documents for `ids` of one type (all records of the type when ids is undefined, in pages). */
export async function loadSearchDocuments(
  db: Db,
  type: SearchableType,
  ids?: readonly string[],
  page?: { skip: number; take: number },
): Promise<SearchDocument[]> {
  const byId = ids ? { id: { in: [...ids] } } : {};
  const paging: { skip?: number; take?: number; orderBy: { id: 'asc' } } = {
    skip: page?.skip,
    take: page?.take,
    orderBy: { id: 'asc' },
  };
  switch (type) {
    case 'PROVISION': {
      const rows = await db.controlProvision.findMany({
        where: { ...byId, status: 'CURRENT', inMainList: true },
        ...paging,
        select: {
          id: true,
          code: true,
          title: true,
          text: true,
          notes: true,
          regime: true,
          category: true,
          textDate: true,
          jurisdiction: { select: { code: true } },
        },
      });
      return rows.map((row) => ({
        id: searchDocumentId(type, row.id),
        type,
        recordId: row.id,
        title: row.title,
        // Only the row's own code: a query for "6A003" must rank the entry above its paragraphs.
        codes: [row.code],
        body: joinText(row.text, row.notes),
        regime: row.regime,
        jurisdiction: row.jurisdiction.code,
        category: row.category,
        audience: [],
        date: isoDate(row.textDate),
      }));
    }
    case 'EXEMPTION': {
      const rows = await db.exemption.findMany({
        where: byId,
        ...paging,
        select: {
          id: true,
          name: true,
          legalBasis: true,
          textVerbatim: true,
          textNote: true,
          appliesTo: true,
          regime: true,
          validFrom: true,
          jurisdiction: { select: { code: true } },
          conditions: { select: { textVerbatim: true }, orderBy: [{ role: 'asc' }, { ordinal: 'asc' }] },
        },
      });
      return rows.map((row) => ({
        id: searchDocumentId(type, row.id),
        type,
        recordId: row.id,
        title: row.name,
        codes: [row.legalBasis],
        body: joinText(
          row.textVerbatim.join('\n'),
          row.conditions.map((condition) => condition.textVerbatim).join('\n'),
          row.textNote,
          `Applies to: ${row.appliesTo.join(', ')}`,
        ),
        regime: row.regime,
        jurisdiction: row.jurisdiction.code,
        category: null,
        audience: [],
        date: isoDate(row.validFrom),
      }));
    }
    case 'GUIDANCE_DOCUMENT': {
      const rows = await db.guidanceDocument.findMany({
        where: byId,
        ...paging,
        select: {
          id: true,
          title: true,
          summary: true,
          body: true,
          issuer: true,
          audience: true,
          topics: true,
          publishedOn: true,
          jurisdiction: { select: { code: true } },
        },
      });
      return rows.map((row) => ({
        id: searchDocumentId(type, row.id),
        type,
        recordId: row.id,
        title: row.title,
        codes: [],
        body: joinText(row.summary, row.body, row.issuer, row.topics.join(', ')),
        regime: null,
        jurisdiction: row.jurisdiction.code,
        category: null,
        audience: row.audience,
        date: isoDate(row.publishedOn),
      }));
    }
    case 'CONSULTATION': {
      const rows = await db.stakeholderConsultation.findMany({
        where: byId,
        ...paging,
        select: {
          id: true,
          title: true,
          body: true,
          instrument: true,
          reference: true,
          scopeQuote: true,
          outcomeSummary: true,
          publishedOn: true,
          openedOn: true,
          deadline: true,
          jurisdiction: { select: { code: true } },
        },
      });
      return rows.map((row) => ({
        id: searchDocumentId(type, row.id),
        type,
        recordId: row.id,
        title: row.title,
        codes: row.reference ? [row.reference] : [],
        body: joinText(row.scopeQuote, row.outcomeSummary, row.instrument, row.body),
        regime: null,
        jurisdiction: row.jurisdiction.code,
        category: null,
        audience: [],
        date: isoDate(row.publishedOn ?? row.openedOn ?? row.deadline),
      }));
    }
    case 'IMPACT_ASSESSMENT': {
      const rows = await db.impactAssessment.findMany({
        where: byId,
        ...paging,
        select: {
          id: true,
          title: true,
          method: true,
          publisher: true,
          publishedOn: true,
          jurisdiction: { select: { code: true } },
          metrics: { where: { synthetic: false }, select: { indicator: true }, orderBy: { id: 'asc' } },
        },
      });
      return rows.map((row) => ({
        id: searchDocumentId(type, row.id),
        type,
        recordId: row.id,
        title: row.title,
        codes: [],
        body: joinText(
          row.method,
          row.publisher,
          [...new Set(row.metrics.map((metric) => metric.indicator))].join('; '),
        ),
        regime: null,
        jurisdiction: row.jurisdiction.code,
        category: null,
        audience: [],
        date: isoDate(row.publishedOn),
      }));
    }
  }
}
