// Dataset "uk-strategic-list": the UK Strategic Export Control List, consolidated 16 Dec 2025,
// Dual-Use List Category 6 (uk_strategic_list_2025-12-16_cat6.json): its ControlList row, the
// entries (ENTRY) and their paragraph trees (PARAGRAPH) under the UK code, with the Wassenaar
// code the list gives (wassenaarCode) and the regime markers exactly as printed, the Notes /
// Technical Notes / N.B.s as ProvisionNote rows and the subcategory headings as ListText rows.
import { z } from 'zod';
import { itemTypeFromProductGroup, productGroupFromCode } from '../../domain/item-type.js';
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
  markerDefects,
  pageLabel,
  PRINTED_PROVISION_TABLE,
  printedNoteSchema,
  provisionNoteRows,
  RECORD_CITATION_TABLE,
  type ListTextRow,
  type PrintedProvisionRow,
} from './printed-list-rows.js';

const noteSchema = printedNoteSchema.extend({ page: z.number().int(), pages: z.array(z.number().int()).optional() });
type UkNote = z.infer<typeof noteSchema>;

const paragraphSchema = z.looseObject({
  code: z.string().min(1),
  eu_style_code: z.string().min(1),
  wassenaar_code: z.string().min(1).nullable(),
  parent: z.string().min(1),
  text: z.string().min(1),
  page: z.number().int(),
  regime_markers: z.array(z.string().min(1)).optional(),
  exponent_note: z.string().min(1).optional(),
  source_chunk: z.string().min(1),
  notes: z.array(noteSchema),
});

const entrySchema = z.looseObject({
  id: z.string().min(1),
  code: z.string().min(1),
  eu_style_code: z.string().min(1),
  wassenaar_code: z.string().min(1).nullable(),
  regime: z.string().min(1),
  jurisdiction: z.literal('UK'),
  category: z.string().min(1),
  subcategory: z.string().min(1),
  subcategory_heading: z.string().min(1),
  heading: z.string().min(1),
  regime_markers: z.array(z.string().min(1)),
  pages: z.array(z.number().int()).min(1),
  exponent_note: z.string().min(1).optional(),
  source_chunk: z.string().min(1),
  notes: z.array(noteSchema),
  paragraphs: z.array(paragraphSchema),
});

const chunkSchema = z.looseObject({
  chunkId: z.string().min(1),
  recorded_entryCode: z.string().min(1),
  pageStart: z.number().int(),
  pageEnd: z.number().int(),
});

export const ukListFileSchema = z.looseObject({
  source: z.looseObject({
    repository: z.string().min(1),
    path: z.string().min(1),
    commit: z.string().min(1),
    file_metadata: z.looseObject({
      version: z.string().min(1),
      sourceRef: z.string().min(1),
      govSourceUrl: z.string().min(1),
      effectiveDate: z.string().min(1),
    }),
    document: z.string().min(1),
    read_method: z.string().optional(),
    chunks_used: z.array(chunkSchema),
  }),
  licence: z.string().min(1),
  counts: z.strictObject({ entries: z.number().int(), paragraphs: z.number().int(), notes: z.number().int() }),
  subcategories: z.record(z.string(), z.string().min(1)),
  entries: z.array(entrySchema),
  build_warnings: z.array(z.string()),
});
export type UkListFile = z.infer<typeof ukListFileSchema>;

export const UK_STRATEGIC_LIST_FILE = seedFile(
  'ukStrategicList',
  'data/uk_strategic_list_2025-12-16_cat6.json',
  ukListFileSchema,
);

export const UK_STRATEGIC_LIST = 'UK-SECL-2025-12-16';

/** Provision fields kept in their own columns (or implied by the tree); the rest go to `extra` whole. */
const ENTRY_COLUMNS = [
  'id',
  'code',
  'wassenaar_code',
  'regime',
  'jurisdiction',
  'category',
  'heading',
  'regime_markers',
  'exponent_note',
  'notes',
  'paragraphs',
];
const PARAGRAPH_COLUMNS = [
  'code',
  'wassenaar_code',
  'parent',
  'children',
  'text',
  'regime_markers',
  'exponent_note',
  'notes',
];

/** `eu_style_code` repeats the UK code; it is kept in `extra` only where it does not. */
function withoutRepeatedCode(record: { code: string; eu_style_code: string }): string[] {
  return record.eu_style_code === record.code ? ['eu_style_code'] : [];
}

/**
 * The source file's own entry split, which the parse ignores: chunks filed under an entry code
 * that is not an entry of this text, and chunk ids filed twice. Kept with the list.
 */
function mislabelledChunks(file: UkListFile): string[] {
  const entryCodes = new Set(file.entries.map((entry) => entry.code));
  const seen = new Set<string>();
  const found: string[] = [];
  for (const chunk of file.source.chunks_used) {
    const pages = `pages ${chunk.pageStart}-${chunk.pageEnd}`;
    if (!entryCodes.has(chunk.recorded_entryCode)) {
      found.push(
        `chunk ${chunk.chunkId} (${pages}) is filed under ${chunk.recorded_entryCode}, not an entry of this text`,
      );
    }
    if (seen.has(chunk.chunkId)) found.push(`chunk ${chunk.chunkId} is filed a second time (${pages})`);
    seen.add(chunk.chunkId);
  }
  return found;
}

export const ukStrategicListImporter: Importer = {
  name: 'uk-strategic-list',
  files: [UK_STRATEGIC_LIST_FILE],
  dependsOn: ['reference'],
  async load(ctx) {
    const file = await ctx.files.get(UK_STRATEGIC_LIST_FILE);
    const { source } = file;
    const metadata = source.file_metadata;
    const textDate = parseIsoDay(metadata.version);
    if (!textDate || metadata.effectiveDate !== metadata.version) {
      throw new SeedReferenceError(
        `uk_strategic_list_2025-12-16_cat6.json: version ${metadata.version} and effective date ${metadata.effectiveDate} do not give one text date`,
      );
    }
    const listNames = new Set(file.entries.map((entry) => entry.regime));
    const [listName] = listNames;
    if (!listName || listNames.size > 1) {
      throw new SeedReferenceError(`uk_strategic_list_2025-12-16_cat6.json: the entries name ${listNames.size} lists`);
    }

    const warnings = new BuildWarnings(file.build_warnings);
    const citations = new CitationSet();
    const citationNote = [source.document, source.read_method]
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
          title: metadata.sourceRef,
          upstream: metadata.govSourceUrl,
          licence: file.licence,
          note: extraNote ? `${citationNote}\n${extraNote}` : citationNote,
        }),
      );

    const listId = stableId('ControlList', UK_STRATEGIC_LIST);
    const jurisdictionId = (await jurisdictionIdsByCode(ctx.tx))('UK');
    const entries: PrintedProvisionRow[] = [];
    const paragraphs: PrintedProvisionRow[] = [];
    const notes: ProvisionNoteRow[] = [];

    const noteExtra = (note: UkNote): Record<string, JsonValue> => {
      const placed = warnings.forNote(note);
      return placed.length > 0 ? { build_warnings: placed } : {};
    };
    const noteCitation = (code: string) => (note: UkNote) =>
      cite(`${note.marker} to ${code} (CAT6_R07 ${pageLabel(note.pages ?? [note.page])})`);
    const extraWith = (kept: { [key: string]: JsonValue } | null, placed: readonly string[]) =>
      jsonColumn(placed.length > 0 ? { ...(kept ?? {}), build_warnings: [...placed] } : kept);

    for (const entry of file.entries) {
      if (entry.code.slice(0, 2) !== entry.subcategory) {
        throw new SeedReferenceError(
          `uk_strategic_list_2025-12-16_cat6.json: ${entry.code} is filed under ${entry.subcategory}`,
        );
      }
      const productGroup = productGroupFromCode(entry.code);
      const entryId = stableId('ControlProvision', entry.id);
      const inherited = {
        controlListId: listId,
        regime: 'UK' as const,
        jurisdictionId,
        entryCode: entry.code,
        category: entry.code.slice(0, 1),
        categoryName: entry.category,
        productGroup,
        itemType: itemTypeFromProductGroup(productGroup),
        reasonsForControl: [],
        controlTable: jsonColumn(null),
        licenceExceptions: jsonColumn(null),
        relatedControls: null,
        notes: null,
        // The UK code is the code the list prints.
        printedCode: null,
        numberFormatNotes: jsonColumn(null),
        inMainList: true,
        status: 'CURRENT' as const,
        validFrom: null,
        validTo: null,
        textDate,
      };
      entries.push({
        ...inherited,
        id: entryId,
        sourceKey: entry.id,
        kind: 'ENTRY',
        code: entry.code,
        wassenaarCode: entry.wassenaar_code,
        regimeMarkers: entry.regime_markers,
        title: entry.heading,
        text: entry.heading,
        exponentNotes: jsonColumn(exponentNotesColumn(entry.exponent_note)),
        sourceDefects: jsonColumn(defectsColumn(markerDefects(entry.regime_markers))),
        extra: extraWith(
          remainingFields(entry, [...ENTRY_COLUMNS, ...withoutRepeatedCode(entry)]),
          warnings.forProvision(entry.code),
        ),
        parentId: null,
        ordinal: entries.length,
        citationId: cite(`${entry.code} (CAT6_R07 ${pageLabel(entry.pages)}; chunk ${entry.source_chunk})`),
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

      const idByCode = new Map<string, string>([[entry.code, entryId]]);
      entry.paragraphs.forEach((paragraph, index) => {
        if (!paragraph.code.startsWith(`${entry.code}.`)) {
          throw new SeedReferenceError(
            `uk_strategic_list_2025-12-16_cat6.json: paragraph ${paragraph.code} is listed under ${entry.code}`,
          );
        }
        const parentId = idByCode.get(paragraph.parent);
        if (!parentId) {
          throw new SeedReferenceError(
            `uk_strategic_list_2025-12-16_cat6.json: the parent ${paragraph.parent} of ${paragraph.code} is not printed before it in ${entry.code}`,
          );
        }
        const sourceKey = `${entry.id}${paragraph.code.slice(entry.code.length)}`;
        const id = stableId('ControlProvision', sourceKey);
        idByCode.set(paragraph.code, id);
        const markers = paragraph.regime_markers ?? [];
        paragraphs.push({
          ...inherited,
          id,
          sourceKey,
          kind: 'PARAGRAPH',
          code: paragraph.code,
          wassenaarCode: paragraph.wassenaar_code,
          regimeMarkers: markers,
          title: paragraph.text,
          text: paragraph.text,
          exponentNotes: jsonColumn(exponentNotesColumn(paragraph.exponent_note)),
          sourceDefects: jsonColumn(defectsColumn(markerDefects(markers))),
          extra: extraWith(
            remainingFields(paragraph, [...PARAGRAPH_COLUMNS, ...withoutRepeatedCode(paragraph)]),
            warnings.forProvision(paragraph.code),
          ),
          parentId,
          ordinal: index,
          citationId: cite(
            `${paragraph.code} (CAT6_R07 ${pageLabel([paragraph.page])}; chunk ${paragraph.source_chunk})`,
          ),
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

    const texts = subcategoryHeadings(file, listId, cite);
    const unplaced = warnings.unplaced();
    const chunkDefects = mislabelledChunks(file);
    if (unplaced.length > 0)
      ctx.log('seed: build warnings concerning no record, kept in the list citation', { unplaced });
    if (chunkDefects.length > 0) {
      ctx.log('seed: the UK source file mislabels chunks; kept in the list citation', { chunkDefects });
    }
    const found = { entries: entries.length, paragraphs: paragraphs.length, notes: notes.length };
    if (
      found.entries !== file.counts.entries ||
      found.paragraphs !== file.counts.paragraphs ||
      found.notes !== file.counts.notes
    ) {
      ctx.log('seed: uk_strategic_list_2025-12-16_cat6.json holds other counts than it states', {
        stated: file.counts,
        found,
      });
    }

    const listNotes = [
      chunkDefects.length > 0
        ? `Source file defects concerning no record (its entry split, which the parse ignores): ${chunkDefects.join('; ')}.`
        : null,
      unplaced.length > 0 ? `Build warnings of the source file concerning no record: ${unplaced.join(' | ')}` : null,
    ].filter((part): part is string => part !== null);
    const listCitationId = cite(null, listNotes.length > 0 ? listNotes.join('\n') : undefined);

    await syncTable(ctx, RECORD_CITATION_TABLE, citations.rows());
    await syncTable(ctx, OWNED_CONTROL_LIST_TABLE, [
      {
        id: listId,
        sourceKey: UK_STRATEGIC_LIST,
        regime: 'UK',
        jurisdictionId,
        name: listName,
        version: metadata.version,
        textDate,
        versionNote: `Only the Dual-Use List Category 6 is in the source file (${source.document}).`,
        isMain: true,
        citationId: listCitationId,
      },
    ]);
    // Entries first, then paragraphs in the order of the text: every parent before its children.
    await syncTable(ctx, PRINTED_PROVISION_TABLE, [...entries, ...paragraphs]);
    await syncTable(ctx, PROVISION_NOTE_TABLE, notes);
    await syncTable(ctx, LIST_TEXT_TABLE, texts);
  },
};

/** The notes printed under a provision; one the file attaches elsewhere is a broken file. */
function attachedNotes(code: string, notes: readonly UkNote[]): UkNote[] {
  for (const note of notes) {
    if (note.attached_to !== code) {
      throw new SeedReferenceError(
        `uk_strategic_list_2025-12-16_cat6.json: ${note.marker} under ${code} is attached to ${note.attached_to}`,
      );
    }
  }
  return [...notes];
}

/** The subcategory headings (6A ... 6E) in the order the file gives them. */
function subcategoryHeadings(
  file: UkListFile,
  listId: string,
  cite: (section: string | null) => string,
): ListTextRow[] {
  for (const entry of file.entries) {
    if (file.subcategories[entry.subcategory] !== entry.subcategory_heading) {
      throw new SeedReferenceError(
        `uk_strategic_list_2025-12-16_cat6.json: ${entry.code} gives ${entry.subcategory} another heading`,
      );
    }
  }
  return Object.entries(file.subcategories).map(([code, heading], ordinal): ListTextRow => {
    const sourceKey = `${UK_STRATEGIC_LIST}#${code}#heading`;
    return {
      id: stableId('ListText', sourceKey),
      sourceKey,
      controlListId: listId,
      kind: 'SECTION_NOTE',
      label: code,
      text: heading,
      categories: [code.slice(0, 1)],
      ordinal,
      exponentNotes: jsonColumn(null),
      sourceDefects: jsonColumn(null),
      extra: { role: 'subcategory_heading' },
      citationId: cite(`${code} heading`),
    };
  });
}
