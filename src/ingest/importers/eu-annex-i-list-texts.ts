// The texts of EU Annex I outside its entries, as ListText rows of the Annex I list: the General
// Notes, the technology notes (GTN, NTN, GSN, NSN, GISN), the definitions (term as label, the
// categories the Annex gives in brackets), the line the definitions hold without a term, the
// acronyms (one row each), the category and section notes, the Regulation's articles the file
// carries, the OJ's editorial-practices statement and the lines introducing the definitions and
// the acronyms. Texts verbatim; what the file says about them and has no column (number-format
// notes, a General Note's own N.B., a technology note's paragraphs) stays in `extra`.
import type { ListTextKind } from '../../generated/prisma/client.js';
import type { CitationSet } from '../citations.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { SeedReferenceError } from '../reference-lookups.js';
import { toJsonValue, type JsonValue } from '../seed-files.js';
import { stableId } from '../stable-id.js';
import type { TableSpec } from '../sync.js';
import { EU_ANNEX_I_LIST, euCitation, type EuAnnexIFile, type EuRecordSource } from './eu-annex-i-records.js';

export type ListTextRow = SeedRow<'ListText'>;

export const LIST_TEXT_TABLE: TableSpec<'ListText', ListTextRow> = {
  model: 'ListText',
  key: ['sourceKey'],
  references: ['controlListId', 'citationId'],
  // Thousands of wide rows: one JSON parameter per batch instead of one bind parameter per field.
  insertAsJson: true,
};

/** Labels of texts the file gives without one (our wording; the texts are the file's). */
export const DEFINITIONS_INTRODUCTION_LABEL = 'Definitions of terms used in this Annex: introductory lines';
export const ACRONYMS_INTRODUCTION_LABEL = 'Acronyms and abbreviations: introductory lines';
export function orphanLineLabel(afterTerm: string): string {
  return `Line without a defined term, after "${afterTerm}"`;
}

interface ListTextInput {
  kind: ListTextKind;
  /** Unique within the kind; with the list and kind, the row's source key. */
  key: string;
  label: string;
  text: string;
  categories?: readonly string[];
  exponentNotes?: readonly object[];
  sourceDefects?: readonly object[];
  extra?: { [key: string]: JsonValue | undefined };
  source: EuRecordSource;
}

function keptColumn(records: readonly object[] | undefined): ReturnType<typeof jsonColumn> {
  return jsonColumn(records && records.length > 0 ? toJsonValue(records) : null);
}

function extraColumn(extra: ListTextInput['extra']): ReturnType<typeof jsonColumn> {
  const kept: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    kept[key] = value;
  }
  return jsonColumn(Object.keys(kept).length > 0 ? kept : null);
}

/** Keys unique within a kind: a label the file repeats ("Bias", "MRF") gets its occurrence number. */
function occurrenceKeys(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return count === 1 ? label : `${label}#${count}`;
  });
}

export function euListTextRows(file: EuAnnexIFile, controlListId: string, citations: CitationSet): ListTextRow[] {
  const inputs: ListTextInput[] = [];
  const source = file.source;

  for (const note of file.general_notes) {
    const label = `General Note ${note.number}`;
    inputs.push({
      kind: 'GENERAL_NOTE',
      key: note.number,
      label,
      text: note.text,
      sourceDefects: note.source_defects,
      extra: { notes: note.notes ? toJsonValue(note.notes) : undefined },
      source: note.source,
    });
  }

  for (const [key, note] of Object.entries(file.technology_notes)) {
    inputs.push({
      kind: 'TECHNOLOGY_NOTE',
      key,
      label: key,
      text: note.text,
      extra: { title: note.title, paragraphs: toJsonValue(note.paragraphs) },
      source: note.source,
    });
  }

  // Definitions in the order of the file, a line without a term after the definition it follows.
  const orphansAfter = new Map<string, EuAnnexIFile['definitions_orphan_lines']>();
  for (const line of file.definitions_orphan_lines) {
    orphansAfter.set(line.after_term, [...(orphansAfter.get(line.after_term) ?? []), line]);
  }
  const definitionKeys = occurrenceKeys(file.definitions.map((definition) => definition.term));
  file.definitions.forEach((definition, index) => {
    inputs.push({
      kind: 'DEFINITION',
      key: definitionKeys[index] ?? definition.term,
      label: definition.term,
      text: definition.text,
      categories: definition.categories,
      exponentNotes: definition.exponent_notes,
      extra: { number_format_notes: definition.number_format_notes && toJsonValue(definition.number_format_notes) },
      source: definition.source,
    });
    const lines = orphansAfter.get(definition.term) ?? [];
    orphansAfter.delete(definition.term);
    lines.forEach((line, lineIndex) => {
      inputs.push({
        kind: 'DEFINITION',
        key: `line-after:${line.after_term}#${lineIndex + 1}`,
        label: orphanLineLabel(line.after_term),
        text: line.text,
        sourceDefects: line.source_defects,
        extra: { after_term: line.after_term, orphan_line: true },
        source: line.source,
      });
    });
  });
  if (orphansAfter.size > 0) {
    throw new SeedReferenceError(
      `eu_annex_i.json: definitions_orphan_lines after ${[...orphansAfter.keys()].join(', ')}, which no definition has`,
    );
  }

  const acronymKeys = occurrenceKeys(file.acronyms.rows.map((row) => row.acronym));
  file.acronyms.rows.forEach((row, index) => {
    inputs.push({
      kind: 'ACRONYM',
      key: acronymKeys[index] ?? row.acronym,
      label: row.acronym,
      text: row.meaning,
      source: file.acronyms.source,
    });
  });

  for (const note of file.section_notes) {
    inputs.push({
      kind: 'SECTION_NOTE',
      key: note.title_in_source,
      label: note.title_in_source,
      text: note.text,
      categories: [String(note.category)],
      exponentNotes: note.exponent_notes,
      sourceDefects: note.source_defects,
      extra: {
        doc_type: note.doc_type,
        number_format_notes: note.number_format_notes && toJsonValue(note.number_format_notes),
      },
      source: note.source,
    });
  }

  for (const article of file.regulation_articles) {
    inputs.push({
      kind: 'ARTICLE',
      key: article.title_in_source,
      label: article.title_in_source,
      text: article.text,
      sourceDefects: article.source_defects,
      extra: { note: article.note },
      source: article.source,
    });
  }
  inputs.push({
    kind: 'ARTICLE',
    key: 'editorial-practices',
    label: file.editorial_practices.title,
    text: file.editorial_practices.text,
    source: file.editorial_practices.source,
  });
  const firstDefinition = file.definitions[0];
  if (firstDefinition && file.definitions_preamble.length > 0) {
    inputs.push({
      kind: 'ARTICLE',
      key: 'definitions-introduction',
      label: DEFINITIONS_INTRODUCTION_LABEL,
      text: file.definitions_preamble.join('\n'),
      source: firstDefinition.source,
    });
  }
  if (file.acronyms.text_before_table.length > 0) {
    inputs.push({
      kind: 'ARTICLE',
      key: 'acronyms-introduction',
      label: ACRONYMS_INTRODUCTION_LABEL,
      text: file.acronyms.text_before_table.join('\n'),
      source: file.acronyms.source,
    });
  }

  const ordinals = new Map<ListTextKind, number>();
  return inputs.map((input): ListTextRow => {
    const ordinal = ordinals.get(input.kind) ?? 0;
    ordinals.set(input.kind, ordinal + 1);
    const sourceKey = `${EU_ANNEX_I_LIST}:${input.kind}:${input.key}`;
    return {
      id: stableId('ListText', sourceKey),
      sourceKey,
      controlListId,
      kind: input.kind,
      label: input.label,
      text: input.text,
      categories: [...(input.categories ?? [])],
      ordinal,
      exponentNotes: keptColumn(input.exponentNotes),
      sourceDefects: keptColumn(input.sourceDefects),
      extra: extraColumn(input.extra),
      citationId: citations.add(euCitation(source, input.source)),
    };
  });
}
