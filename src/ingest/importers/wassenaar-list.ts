// Dataset "wassenaar-list": the Wassenaar Arrangement List of Dual-Use Goods and Technologies,
// WA-LIST (25) 1 Corr., as far as wassenaar_2025_cat6.json reproduces it (Category 6 and entry
// 3.A.1): its ControlList row, the entries (ENTRY) and their paragraph trees (PARAGRAPH) under
// the EU-style code so the regimes compare code by code (the printed code in printedCode), the
// Notes / Technical Notes / N.B.s as ProvisionNote rows, and the subcategory headings and the
// notes printed under 3.A. as ListText rows.
import { z } from 'zod';
import { itemTypeFromProductGroup } from '../../domain/item-type.js';
import { citationRow, CitationSet, githubPermalink } from '../citations.js';
import type { Importer } from '../importer.js';
import { jsonColumn } from '../model-rows.js';
import { jurisdictionIdsByCode, SeedReferenceError } from '../reference-lookups.js';
import { remainingFields, seedFile, type JsonValue } from '../seed-files.js';
import { stableId } from '../stable-id.js';
import { parseIsoDay } from '../stated-dates.js';
import { syncTable } from '../sync.js';
import { OWNED_CONTROL_LIST_TABLE, PROVISION_NOTE_TABLE, type ProvisionNoteRow } from '../list-tables.js';
import { BuildWarnings } from './build-warning-targets.js';
import {
  defectsColumn,
  exponentNotesColumn,
  LIST_TEXT_TABLE,
  pageLabel,
  PRINTED_PROVISION_TABLE,
  printedNoteSchema,
  provisionNoteRows,
  RECORD_CITATION_TABLE,
  type ListTextRow,
  type PrintedProvisionRow,
  type SourceDefect,
} from './printed-list-rows.js';
import { euStyleCode, euStyleCodes, lowerCaseSubcategoryCodes } from './wassenaar-codes.js';

const noteSchema = printedNoteSchema.extend({ page: z.number().int(), pages: z.array(z.number().int()).optional() });
type WassenaarNote = z.infer<typeof noteSchema>;

const paragraphSchema = z.looseObject({
  code: z.string().min(1),
  eu_style_code: z.string().min(1),
  parent: z.string().min(1),
  text: z.string().min(1),
  page: z.number().int(),
  exponent_note: z.string().min(1).optional(),
  notes: z.array(noteSchema),
});

const entrySchema = z.looseObject({
  id: z.string().min(1),
  code: z.string().min(1),
  eu_style_code: z.string().min(1),
  regime: z.string().min(1),
  category: z.string().min(1),
  subcategory: z.string().min(1),
  subcategory_heading: z.string().min(1),
  heading: z.string().min(1),
  status: z.enum(['active', 'none', 'not_used']),
  pages: z.array(z.number().int()).min(1),
  exponent_note: z.string().min(1).optional(),
  notes: z.array(noteSchema),
  paragraphs: z.array(paragraphSchema),
});

export const wassenaarFileSchema = z.looseObject({
  source: z.looseObject({
    repository: z.string().min(1),
    path: z.string().min(1),
    commit: z.string().min(1),
    commit_note: z.string().optional(),
    sha256: z.string().optional(),
    document: z.string().min(1),
    title: z.string().min(1),
    date: z.string().min(1),
    date_note: z.string().optional(),
    upstream_url: z.string().optional(),
    upstream_url_note: z.string().optional(),
    pages: z.record(z.string(), z.string()),
    extraction: z.string().optional(),
  }),
  licence: z.string().min(1),
  counts: z.strictObject({ entries: z.number().int(), paragraphs: z.number().int(), notes: z.number().int() }),
  subcategory_notes: z.array(
    z.looseObject({
      code: z.string().min(1),
      heading: z.string().min(1),
      page: z.number().int(),
      notes: z.array(noteSchema),
    }),
  ),
  entries: z.array(entrySchema),
  build_warnings: z.array(z.string()),
});
export type WassenaarFile = z.infer<typeof wassenaarFileSchema>;

export const WASSENAAR_LIST_FILE = seedFile('wassenaarList', 'data/wassenaar_2025_cat6.json', wassenaarFileSchema);

export const WASSENAAR_LIST = 'WA-LIST-2025-1-Corr';

/** Provision fields kept in their own columns (or implied by the tree); the rest go to `extra` whole. */
const ENTRY_COLUMNS = ['id', 'code', 'eu_style_code', 'regime', 'category', 'heading', 'exponent_note', 'notes'];
const PARAGRAPH_COLUMNS = ['code', 'eu_style_code', 'parent', 'children', 'text', 'exponent_note', 'notes'];

function requireEuStyle(printed: string, given: string): string {
  if (euStyleCode(printed) !== given) {
    throw new SeedReferenceError(`wassenaar_2025_cat6.json: ${printed} is given the EU-style code ${given}`);
  }
  return given;
}

/** Codes a text prints with a lower-case subcategory letter, as source defects. */
function lowerCaseCodeDefects(text: string): SourceDefect[] {
  return lowerCaseSubcategoryCodes(text).map((quote) => ({
    kind: 'code_lower_case_subcategory',
    detail:
      'A code is printed with a lower-case subcategory letter, unlike the other codes of this text; the source file leaves it out of codes_mentioned. Kept as printed.',
    quote,
  }));
}

export const wassenaarListImporter: Importer = {
  name: 'wassenaar-list',
  files: [WASSENAAR_LIST_FILE],
  dependsOn: ['reference'],
  async load(ctx) {
    const file = await ctx.files.get(WASSENAAR_LIST_FILE);
    const { source } = file;
    const textDate = parseIsoDay(source.date);
    if (!textDate) throw new SeedReferenceError(`wassenaar_2025_cat6.json: source.date ${source.date} is not a date`);
    const listNames = new Set(file.entries.map((entry) => entry.regime));
    const [listName] = listNames;
    if (!listName || listNames.size > 1) {
      throw new SeedReferenceError(`wassenaar_2025_cat6.json: the entries name ${listNames.size} lists`);
    }

    const warnings = new BuildWarnings(file.build_warnings);
    const citations = new CitationSet();
    const citationNote = [
      source.document,
      source.date_note,
      source.commit_note,
      source.sha256 ? `PDF sha256 ${source.sha256}.` : null,
      source.upstream_url_note,
      source.extraction ? `Extraction: ${source.extraction}.` : null,
    ]
      .filter((part): part is string => Boolean(part))
      .join('\n');
    const cite = (section: string | null, extraNote?: string) =>
      citations.add(
        citationRow({
          sourceType: 'GITHUB_FILE',
          url: githubPermalink(source.repository, source.commit, source.path),
          repository: source.repository,
          path: source.path,
          commit: source.commit,
          section,
          title: source.title,
          upstream: source.upstream_url ?? null,
          licence: file.licence,
          note: extraNote ? `${citationNote}\n${extraNote}` : citationNote,
        }),
      );

    const listId = stableId('ControlList', WASSENAAR_LIST);
    const jurisdictionId = (await jurisdictionIdsByCode(ctx.tx))('WA');
    const coverage = Object.entries(source.pages)
      .map(([part, pages]) => `${part.replace(/_/g, ' ')} (PDF pages ${pages})`)
      .join(', ');

    const entries: PrintedProvisionRow[] = [];
    const paragraphs: PrintedProvisionRow[] = [];
    const notes: ProvisionNoteRow[] = [];

    // ProvisionNote has no defect column: a note's defects and build warnings go to its extra.
    const noteExtra = (note: WassenaarNote): Record<string, JsonValue> => {
      const placed = warnings.forNote(note);
      const defects = lowerCaseCodeDefects(note.text);
      return {
        eu_style_applies_to: euStyleCodes(note.applies_to ?? []),
        eu_style_codes_mentioned: euStyleCodes(note.codes_mentioned ?? []),
        ...(placed.length > 0 ? { build_warnings: placed } : {}),
        ...(defects.length > 0 ? { source_defects: defectsColumn(defects) } : {}),
      };
    };
    const noteCitation = (printedCode: string) => (note: WassenaarNote) =>
      cite(`${note.marker} to ${printedCode} (PDF ${pageLabel(note.pages ?? [note.page])})`);

    for (const entry of file.entries) {
      const code = requireEuStyle(entry.code, entry.eu_style_code);
      const category = entry.code.split('.')[0] ?? '';
      const productGroup = entry.code.split('.')[1] ?? null;
      const entryId = stableId('ControlProvision', entry.id);
      const inherited = {
        controlListId: listId,
        regime: 'WASSENAAR' as const,
        jurisdictionId,
        entryCode: code,
        category,
        categoryName: entry.category,
        productGroup,
        itemType: itemTypeFromProductGroup(productGroup),
        reasonsForControl: [],
        controlTable: jsonColumn(null),
        licenceExceptions: jsonColumn(null),
        relatedControls: null,
        notes: null,
        wassenaarCode: null,
        regimeMarkers: [],
        numberFormatNotes: jsonColumn(null),
        inMainList: true,
        status: 'CURRENT' as const,
        validFrom: null,
        validTo: null,
        textDate,
      };
      const entryWarnings = warnings.forProvision(entry.code);
      entries.push({
        ...inherited,
        id: entryId,
        sourceKey: entry.id,
        kind: 'ENTRY',
        code,
        printedCode: entry.code,
        title: entry.heading,
        text: entry.heading,
        exponentNotes: jsonColumn(exponentNotesColumn(entry.exponent_note)),
        sourceDefects: jsonColumn(defectsColumn(lowerCaseCodeDefects(entry.heading))),
        extra: jsonColumn(withWarnings(remainingFields(entry, [...ENTRY_COLUMNS, 'paragraphs']), entryWarnings)),
        parentId: null,
        ordinal: entries.length,
        citationId: cite(`${entry.code} (PDF ${pageLabel(entry.pages)})`),
      });
      notes.push(
        ...provisionNoteRows({
          provisionId: entryId,
          provisionSourceKey: entry.id,
          notes: attachedNotes(entry.code, entry.notes),
          citationId: noteCitation(entry.code),
          extraFor: noteExtra,
        }),
      );

      const idByPrinted = new Map<string, string>([[entry.code, entryId]]);
      entry.paragraphs.forEach((paragraph, index) => {
        if (!paragraph.code.startsWith(`${entry.code}.`)) {
          throw new SeedReferenceError(
            `wassenaar_2025_cat6.json: paragraph ${paragraph.code} is listed under ${entry.code}`,
          );
        }
        const parentId = idByPrinted.get(paragraph.parent);
        if (!parentId) {
          throw new SeedReferenceError(
            `wassenaar_2025_cat6.json: the parent ${paragraph.parent} of ${paragraph.code} is not printed before it in ${entry.code}`,
          );
        }
        const sourceKey = `${entry.id}${paragraph.code.slice(entry.code.length)}`;
        const id = stableId('ControlProvision', sourceKey);
        idByPrinted.set(paragraph.code, id);
        paragraphs.push({
          ...inherited,
          id,
          sourceKey,
          kind: 'PARAGRAPH',
          code: requireEuStyle(paragraph.code, paragraph.eu_style_code),
          printedCode: paragraph.code,
          title: paragraph.text,
          text: paragraph.text,
          exponentNotes: jsonColumn(exponentNotesColumn(paragraph.exponent_note)),
          sourceDefects: jsonColumn(defectsColumn(lowerCaseCodeDefects(paragraph.text))),
          extra: jsonColumn(
            withWarnings(remainingFields(paragraph, PARAGRAPH_COLUMNS), warnings.forProvision(paragraph.code)),
          ),
          parentId,
          ordinal: index,
          citationId: cite(`${paragraph.code} (PDF ${pageLabel([paragraph.page])})`),
        });
        notes.push(
          ...provisionNoteRows({
            provisionId: id,
            provisionSourceKey: sourceKey,
            notes: attachedNotes(paragraph.code, paragraph.notes),
            citationId: noteCitation(paragraph.code),
            extraFor: noteExtra,
          }),
        );
      });
    }

    const texts = subcategoryTexts(file, listId, cite);
    const unplaced = warnings.unplaced();
    if (unplaced.length > 0)
      ctx.log('seed: build warnings concerning no record, kept in the list citation', { unplaced });
    checkCounts(ctx.log, file, entries.length, paragraphs.length, notes.length + texts.notes);

    const listCitationId = cite(
      null,
      unplaced.length > 0
        ? `Build warnings of the source file concerning no record: ${unplaced.join(' | ')}`
        : undefined,
    );
    await syncTable(ctx, RECORD_CITATION_TABLE, citations.rows());
    await syncTable(ctx, OWNED_CONTROL_LIST_TABLE, [
      {
        id: listId,
        sourceKey: WASSENAAR_LIST,
        regime: 'WASSENAAR',
        jurisdictionId,
        name: listName,
        version: source.document,
        textDate,
        versionNote: `Only ${coverage} are in the source file; the rest of the list is not reproduced.`,
        isMain: true,
        citationId: listCitationId,
      },
    ]);
    // Entries first, then paragraphs in the order of the text: every parent before its children.
    await syncTable(ctx, PRINTED_PROVISION_TABLE, [...entries, ...paragraphs]);
    await syncTable(ctx, PROVISION_NOTE_TABLE, notes);
    await syncTable(ctx, LIST_TEXT_TABLE, texts.rows);
  },
};

/** The notes printed under a provision; one the file attaches elsewhere is a broken file. */
function attachedNotes(printedCode: string, notes: readonly WassenaarNote[]): WassenaarNote[] {
  for (const note of notes) {
    if (note.attached_to !== printedCode) {
      throw new SeedReferenceError(
        `wassenaar_2025_cat6.json: ${note.marker} under ${printedCode} is attached to ${note.attached_to}`,
      );
    }
  }
  return [...notes];
}

function withWarnings(
  extra: { [key: string]: JsonValue } | null,
  buildWarnings: readonly string[],
): { [key: string]: JsonValue } | null {
  if (buildWarnings.length === 0) return extra;
  return { ...(extra ?? {}), build_warnings: [...buildWarnings] };
}

/** The subcategory headings (6.A ... 6.E, 3.A) and the notes printed under 3.A., in page order. */
function subcategoryTexts(
  file: WassenaarFile,
  listId: string,
  cite: (section: string | null) => string,
): { rows: ListTextRow[]; notes: number } {
  const subcategories = new Map<string, { heading: string; category: string; firstPage: number }>();
  for (const entry of file.entries) {
    const firstPage = Math.min(...entry.pages);
    const known = subcategories.get(entry.subcategory);
    if (known && known.heading !== entry.subcategory_heading) {
      throw new SeedReferenceError(`wassenaar_2025_cat6.json: ${entry.subcategory} has two headings`);
    }
    subcategories.set(entry.subcategory, {
      heading: entry.subcategory_heading,
      category: entry.code.split('.')[0] ?? '',
      firstPage: Math.min(firstPage, known?.firstPage ?? firstPage),
    });
  }
  const notesBySubcategory = new Map(file.subcategory_notes.map((block) => [block.code, block]));
  const ordered = [...subcategories].sort(([, a], [, b]) => a.firstPage - b.firstPage);
  const rows: ListTextRow[] = [];
  let noteCount = 0;
  for (const [code, subcategory] of ordered) {
    const block = notesBySubcategory.get(code);
    if (block && block.heading !== subcategory.heading) {
      throw new SeedReferenceError(`wassenaar_2025_cat6.json: the notes under ${code} give another heading`);
    }
    const headingKey = `${WASSENAAR_LIST}#${code}#heading`;
    rows.push({
      id: stableId('ListText', headingKey),
      sourceKey: headingKey,
      controlListId: listId,
      kind: 'SECTION_NOTE',
      label: code,
      text: subcategory.heading,
      categories: [subcategory.category],
      ordinal: rows.length,
      exponentNotes: jsonColumn(null),
      sourceDefects: jsonColumn(null),
      extra: { role: 'subcategory_heading', eu_style_code: euStyleCode(code) ?? code },
      citationId: cite(`${code} heading${block ? ` (PDF p. ${block.page})` : ''}`),
    });
    const seen = new Map<string, number>();
    for (const note of block?.notes ?? []) {
      if (note.attached_to !== code) {
        throw new SeedReferenceError(
          `wassenaar_2025_cat6.json: ${note.marker} under ${code} is attached to ${note.attached_to}`,
        );
      }
      const count = (seen.get(note.marker) ?? 0) + 1;
      seen.set(note.marker, count);
      const key = `${WASSENAAR_LIST}#${code}#${note.marker}${count > 1 ? `~${count}` : ''}`;
      rows.push({
        id: stableId('ListText', key),
        sourceKey: key,
        controlListId: listId,
        kind: 'SECTION_NOTE',
        label: note.marker,
        text: note.text,
        categories: [subcategory.category],
        ordinal: rows.length,
        exponentNotes: jsonColumn(exponentNotesColumn(note.exponent_note)),
        sourceDefects: jsonColumn(defectsColumn(lowerCaseCodeDefects(note.text))),
        extra: {
          role: 'subcategory_note',
          subcategory: code,
          ...(remainingFields(note, ['marker', 'text', 'exponent_note']) ?? {}),
          eu_style_codes_mentioned: euStyleCodes(note.codes_mentioned ?? []),
        },
        citationId: cite(`${note.marker} to ${code} (PDF ${pageLabel(note.pages ?? [note.page])})`),
      });
      noteCount += 1;
    }
  }
  for (const code of notesBySubcategory.keys()) {
    if (!subcategories.has(code)) {
      throw new SeedReferenceError(`wassenaar_2025_cat6.json: notes are printed under ${code}, which has no entry`);
    }
  }
  return { rows, notes: noteCount };
}

/** The file states its own counts; a file whose records disagree with them is logged, not trusted. */
function checkCounts(
  log: (msg: string, data?: object) => void,
  file: WassenaarFile,
  entries: number,
  paragraphs: number,
  notes: number,
): void {
  const found = { entries, paragraphs, notes };
  if (
    found.entries !== file.counts.entries ||
    found.paragraphs !== file.counts.paragraphs ||
    found.notes !== file.counts.notes
  ) {
    log('seed: wassenaar_2025_cat6.json holds other counts than it states', { stated: file.counts, found });
  }
}
