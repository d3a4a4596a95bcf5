// The provision rows of EU Annex I: each entry an ENTRY row, each of its other paragraphs a
// PARAGRAPH row under the parent the file names, and each Note / Technical Note / N.B. a
// ProvisionNote on the paragraph the file puts it on. The entry's heading is the file's root
// paragraph (same code, no parent), so it is the ENTRY row itself, not a second row. Texts,
// codes and the file's exponent, number-format and defect records are kept as the file gives
// them; nothing is repaired. Pure: the caller supplies the list, jurisdiction and text date.
import type { ProvisionNoteKind } from '../../generated/prisma/client.js';
import { itemTypeFromProductGroup } from '../../domain/item-type.js';
import type { CitationSet } from '../citations.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { SeedReferenceError } from '../reference-lookups.js';
import { toJsonValue, type JsonValue } from '../seed-files.js';
import { stableId } from '../stable-id.js';
import type { ProvisionNoteRow } from '../list-tables.js';
import type { TableSpec } from '../sync.js';
import {
  euCitation,
  euProvisionSourceKey,
  type EuAnnexIFile,
  type EuEntry,
  type EuFileSource,
  type EuNote,
  type EuParagraph,
} from './eu-annex-i-records.js';

/**
 * An Annex I provision row: the list-detail columns it has (exponent, number-format and defect
 * records, extra) included; the printed and Wassenaar codes and regime markers, which Annex I
 * does not have, left to their defaults, `inMainList` to the list's default, `supersedesId` to
 * the links dataset.
 */
export type EuProvisionRow = SeedRow<
  'ControlProvision',
  'supersedesId' | 'printedCode' | 'wassenaarCode' | 'regimeMarkers' | 'inMainList'
>;

export const EU_PROVISION_TABLE: TableSpec<'ControlProvision', EuProvisionRow> = {
  model: 'ControlProvision',
  key: ['sourceKey'],
  references: ['controlListId', 'jurisdictionId', 'parentId', 'citationId'],
  // Wide rows by the hundred or thousand: one JSON parameter per batch instead of one bind parameter per field.
  insertAsJson: true,
};

const NOTE_KINDS: Readonly<Record<EuNote['kind'], ProvisionNoteKind>> = {
  Note: 'NOTE',
  'Technical Note': 'TECHNICAL_NOTE',
  'N.B.': 'NB',
};

export interface EuProvisionContext {
  file: EuFileSource;
  controlListId: string;
  jurisdictionId: string;
  textDate: Date;
  /** Category headings by category number, where the file gives one. */
  categoryHeadings: ReadonlyMap<string, string>;
  /** Caveats recorded for an entry elsewhere (the research records that held it before), by code. */
  entryNotes: ReadonlyMap<string, string>;
  citations: CitationSet;
}

export interface EuProvisionRows {
  entries: EuProvisionRow[];
  /** Parents before their children, in the order of the file. */
  paragraphs: EuProvisionRow[];
  notes: ProvisionNoteRow[];
}

/** A list of kept records as a JSON column: null when there are none. */
function keptColumn(records: readonly object[]): ReturnType<typeof jsonColumn> {
  return jsonColumn(records.length > 0 ? toJsonValue(records) : null);
}

/**
 * The defects recorded at a paragraph: its own, each with the paragraph's probable official
 * code where the file gives one (the code itself is kept as the source prints it), then those
 * of its notes, marked as the file marks note records elsewhere (`in`, `note_index`, `note_label`).
 */
export function paragraphDefects(paragraph: EuParagraph): object[] {
  const probable = paragraph.probable_official_code;
  const own = (paragraph.source_defects ?? []).map((defect) =>
    probable ? { ...defect, probable_official_code: probable } : defect,
  );
  if (probable && own.length === 0) {
    throw new SeedReferenceError(
      `eu_annex_i.json: ${paragraph.code} has a probable official code but no source defect saying why`,
    );
  }
  const ofNotes = (paragraph.notes ?? []).flatMap((note, index) =>
    (note.source_defects ?? []).map((defect) => ({ in: 'note', note_index: index, note_label: note.label, ...defect })),
  );
  return [...own, ...ofNotes];
}

function noteExtra(note: EuNote, related: EuEntry['related_controls'][number] | undefined): JsonValue {
  const extra: { [key: string]: JsonValue } = {};
  if (note.after_paragraph) extra.after_paragraph = note.after_paragraph;
  if (note.source_defects && note.source_defects.length > 0) extra.source_defects = toJsonValue(note.source_defects);
  if (related) extra.military_goods_controls = related.military_goods_controls;
  return Object.keys(extra).length > 0 ? extra : null;
}

/** The category heading (or "Category 6" where the file has none) of an entry. */
function categoryName(category: string, headings: ReadonlyMap<string, string>): string {
  return headings.get(category) ?? `Category ${category}`;
}

export function euProvisionRows(file: EuAnnexIFile, ctx: EuProvisionContext): EuProvisionRows {
  const rows: EuProvisionRows = { entries: [], paragraphs: [], notes: [] };
  const seen = new Set<string>();

  file.entries.forEach((entry, entryIndex) => {
    const [root, ...rest] = entry.paragraphs;
    if (!root || root.code !== entry.code || root.parent !== null) {
      throw new SeedReferenceError(`eu_annex_i.json: entry ${entry.code} does not start with its heading paragraph`);
    }
    const category = String(entry.category);
    if (!entry.code.startsWith(category)) {
      throw new SeedReferenceError(`eu_annex_i.json: entry ${entry.code} is filed under category ${category}`);
    }
    const byParagraph = <T extends { paragraph: string }>(records: readonly T[]) => {
      const out = new Map<string, T[]>();
      for (const record of records) out.set(record.paragraph, [...(out.get(record.paragraph) ?? []), record]);
      return out;
    };
    const exponents = byParagraph(entry.exponent_notes);
    const numberFormats = byParagraph(entry.number_format_notes);
    const related = byParagraph(entry.related_controls);
    const codes = new Set(entry.paragraphs.map((paragraph) => paragraph.code));
    for (const record of [...entry.exponent_notes, ...entry.number_format_notes, ...entry.related_controls]) {
      if (!codes.has(record.paragraph)) {
        throw new SeedReferenceError(
          `eu_annex_i.json: ${entry.code} has a record for ${record.paragraph}, not its own`,
        );
      }
    }

    const citationId = ctx.citations.add(euCitation(ctx.file, entry.source));
    const shared = {
      controlListId: ctx.controlListId,
      regime: 'EU' as const,
      jurisdictionId: ctx.jurisdictionId,
      entryCode: entry.code,
      category,
      categoryName: categoryName(category, ctx.categoryHeadings),
      productGroup: entry.group,
      itemType: itemTypeFromProductGroup(entry.group),
      // Annex I gives no reasons for control, control table or licence exceptions per entry.
      reasonsForControl: [],
      controlTable: jsonColumn(null),
      licenceExceptions: jsonColumn(null),
      status: 'CURRENT' as const,
      validFrom: null,
      validTo: null,
      textDate: ctx.textDate,
    };

    const rowOf = (paragraph: EuParagraph, ordinal: number): EuProvisionRow => {
      if (seen.has(paragraph.code)) throw new SeedReferenceError(`eu_annex_i.json: paragraph ${paragraph.code} twice`);
      seen.add(paragraph.code);
      const isEntry = paragraph.parent === null;
      if (!isEntry && !(paragraph.parent && seen.has(paragraph.parent) && codes.has(paragraph.parent))) {
        throw new SeedReferenceError(
          `eu_annex_i.json: the parent ${String(paragraph.parent)} of ${paragraph.code} is not an earlier paragraph of ${entry.code}`,
        );
      }
      const sourceKey = euProvisionSourceKey(paragraph.code);
      const id = stableId('ControlProvision', sourceKey);
      const relatedHere = related.get(paragraph.code) ?? [];
      const nbs = relatedHere.slice();
      (paragraph.notes ?? []).forEach((note, index) => {
        // related_controls repeats the N.B.s of the paragraph, in order, with the codes they name.
        const match = note.kind === 'N.B.' ? nbs.shift() : undefined;
        if (note.kind === 'N.B.' && (!match || match.text !== note.text)) {
          throw new SeedReferenceError(
            `eu_annex_i.json: the N.B.s of ${paragraph.code} and its related_controls do not match`,
          );
        }
        const noteKey = `${sourceKey}#note-${index}`;
        rows.notes.push({
          id: stableId('ProvisionNote', noteKey),
          sourceKey: noteKey,
          provisionId: id,
          kind: NOTE_KINDS[note.kind],
          label: note.label,
          text: note.text,
          ordinal: index,
          appliesTo: [],
          codesMentioned: match ? [...match.codes] : [],
          scopeInText: note.scope_in_text ?? null,
          extra: jsonColumn(noteExtra(note, match)),
          citationId,
        });
      });
      if (nbs.length > 0) {
        throw new SeedReferenceError(`eu_annex_i.json: related_controls of ${paragraph.code} name N.B.s it lacks`);
      }
      return {
        ...shared,
        id,
        sourceKey,
        kind: isEntry ? 'ENTRY' : 'PARAGRAPH',
        code: paragraph.code,
        // Entries are titled by their heading; paragraphs, as the US paragraphs are, by their first line.
        title: isEntry ? entry.heading : (paragraph.text.split('\n')[0] ?? paragraph.text),
        text: paragraph.text,
        relatedControls: relatedHere.length > 0 ? relatedHere.map((item) => item.text).join('\n') : null,
        notes: isEntry ? (ctx.entryNotes.get(entry.code) ?? null) : null,
        exponentNotes: keptColumn(exponents.get(paragraph.code) ?? []),
        numberFormatNotes: keptColumn(numberFormats.get(paragraph.code) ?? []),
        sourceDefects: keptColumn(paragraphDefects(paragraph)),
        extra: jsonColumn(
          paragraph.probable_official_code ? { probable_official_code: paragraph.probable_official_code } : null,
        ),
        parentId: isEntry ? null : stableId('ControlProvision', euProvisionSourceKey(paragraph.parent ?? '')),
        ordinal,
        citationId,
      };
    };

    rows.entries.push(rowOf(root, entryIndex));
    rest.forEach((paragraph, index) => {
      if (paragraph.parent === null) {
        throw new SeedReferenceError(`eu_annex_i.json: entry ${entry.code} has a second root paragraph`);
      }
      rows.paragraphs.push(rowOf(paragraph, index + 1));
    });
  });
  return rows;
}
