// Builds SearchDocuments from database records. `loadSearchDocuments` reads the current state
// of the given records, so applying an outbox row always indexes the latest version; a
// record that no longer qualifies (deleted, a historical text without dates, or a provision of
// a supplementary list that restates codes of its regime's main list) comes back as absent.
// Older versions with dates are documents marked `current: false`, found only with `asOf`.
import type { ListTextKind, PrismaClient } from '../generated/prisma/client.js';
import type { SearchableType, SearchDocument } from './search-engine.js';

type Db = Pick<
  PrismaClient,
  'controlProvision' | 'exemption' | 'guidanceDocument' | 'stakeholderConsultation' | 'impactAssessment' | 'listText'
>;

/**
 * The heading of the part of the list a definition or an acronym sits in (EU Annex I prints
 * "DEFINITIONS OF TERMS USED IN THIS ANNEX" and "ACRONYMS AND ABBREVIATIONS"), so a query that
 * says what it looks for ("... definition", "... acronym") finds the entry of that part.
 */
const SECTION_HEADINGS: Partial<Record<ListTextKind, string>> = {
  DEFINITION: 'Definitions of terms used in this Annex',
  ACRONYM: 'Acronyms and abbreviations used in this Annex',
};

/**
 * The text without a converter artefact of the eCFR history: a sub-paragraph printed twice, once
 * bare and once after its label ("A peak response ...;" then "a.2.a.1. A peak response ...;").
 * The row keeps the text verbatim; the index reads each sub-paragraph once, so a leaf is not
 * ranked below the same words elsewhere for being printed twice.
 */
function withoutRepeatedLines(text: string): string {
  const lines = text.split('\n');
  return lines
    .filter((line, index) => {
      const next = lines[index + 1];
      return !(
        next !== undefined &&
        line.trim() !== '' &&
        next.endsWith(line) &&
        LABEL.test(next.slice(0, -line.length))
      );
    })
    .join('\n');
}
const LABEL = /^\s*(?:[0-9A-Za-z]+\.)+\s*$/;

/**
 * A paragraph's own words (an entry's document holds its whole text, which ranks the entry for
 * words of any of its paragraphs). A leaf of the eCFR history prints its sub-paragraphs in its
 * text ("a.2.a.1. ...") while the current list has them as rows of their own, each indexed in
 * its own document: the parent's document stops at its first labelled sub-paragraph line, so
 * each sub-paragraph is indexed once, where it is a record.
 */
function ownText(text: string, hasChildren: boolean): string {
  if (!hasChildren) return text;
  const lines = text.split('\n');
  const firstSubParagraph = lines.findIndex((line, index) => index > 0 && SUB_PARAGRAPH_LINE.test(line));
  return firstSubParagraph < 0 ? text : lines.slice(0, firstSubParagraph).join('\n');
}
const SUB_PARAGRAPH_LINE = /^\s*[a-z0-9]+(?:\.[a-z0-9]+)+\.\s/;

/** The heading a list text's source prints, kept in `extra.title`. */
function printedTitle(extra: unknown): string | null {
  if (typeof extra !== 'object' || extra === null || !('title' in extra)) return null;
  return typeof extra.title === 'string' && extra.title.trim() !== '' ? extra.title : null;
}

/**
 * The provisions the index holds: every version of the main lists with known dates (the current
 * ones, and the older ones `asOf` finds). Supplementary lists restating codes, and historical
 * texts whose dates the sources do not state, are left out.
 */
export const SEARCHABLE_PROVISIONS = {
  inMainList: true,
  OR: [
    { status: 'CURRENT' as const },
    { status: 'SUPERSEDED' as const, validFrom: { not: null }, validTo: { not: null } },
  ],
};

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
        where: { ...byId, ...SEARCHABLE_PROVISIONS },
        ...paging,
        select: {
          id: true,
          code: true,
          kind: true,
          title: true,
          text: true,
          notes: true,
          regime: true,
          category: true,
          textDate: true,
          status: true,
          validFrom: true,
          validTo: true,
          jurisdiction: { select: { code: true } },
          listNotes: { select: { label: true, text: true }, orderBy: { ordinal: 'asc' } },
          _count: { select: { children: true } },
        },
      });
      return rows.map((row) => ({
        id: searchDocumentId(type, row.id),
        type,
        recordId: row.id,
        title: row.title,
        // Only the row's own code: a query for "6A003" must rank the entry above its paragraphs.
        codes: [row.code],
        // The notes as the list prints them, whether parsed into the row or kept as note records.
        body: joinText(
          row.kind === 'PARAGRAPH' ? ownText(withoutRepeatedLines(row.text), row._count.children > 0) : row.text,
          row.notes,
          ...row.listNotes.map((note) => `${note.label} ${note.text}`),
        ),
        regime: row.regime,
        jurisdiction: row.jurisdiction.code,
        category: row.category,
        audience: [],
        date: isoDate(row.textDate),
        // As provisionVersionWhere reads a date: a current row without its own start is in
        // force from its text date.
        validFrom: isoDate(row.validFrom ?? (row.status === 'CURRENT' ? row.textDate : null)),
        validTo: isoDate(row.validTo),
        ...(row.status === 'CURRENT' ? {} : { current: false }),
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
    case 'LIST_TEXT': {
      const rows = await db.listText.findMany({
        where: byId,
        ...paging,
        select: {
          id: true,
          kind: true,
          label: true,
          text: true,
          categories: true,
          extra: true,
          controlList: { select: { regime: true, textDate: true, jurisdiction: { select: { code: true } } } },
        },
      });
      return rows.map((row) => ({
        id: searchDocumentId(type, row.id),
        type,
        recordId: row.id,
        // A definition is found by its term, a note by the heading the list prints ("GENERAL
        // TECHNOLOGY NOTE (GTN)") where the source records one, else by its label.
        title: printedTitle(row.extra) ?? row.label,
        codes: [],
        body: joinText(row.text, SECTION_HEADINGS[row.kind]),
        regime: row.controlList.regime,
        jurisdiction: row.controlList.jurisdiction.code,
        // The category filter is documented as a filter of provisions.
        category: null,
        audience: [],
        date: isoDate(row.controlList.textDate),
      }));
    }
  }
}
