// What the printed control lists that come as a flat paragraph tree with their notes (the
// Wassenaar List, the UK Strategic Export Control List) have in common: the shape of a printed
// note, the rows they write (their own ControlList, provisions with the list-detail columns,
// ProvisionNote and ListText rows) and how a note record becomes a ProvisionNote row.
import { z } from 'zod';
import type { ProvisionNoteKind } from '../../generated/prisma/client.js';
import { CITATION_TABLE, type CitationRow } from '../citations.js';
import type { SeedRow } from '../model-rows.js';
import { remainingFields, type JsonValue } from '../seed-files.js';
import { stableId } from '../stable-id.js';
import type { ProvisionNoteRow } from '../list-tables.js';
import type { TableSpec } from '../sync.js';
import { readFlattenedScriptNote } from './flattened-script-notes.js';

/** A Note, Technical Note or N.B. as both files record it; other fields are kept in `extra`. */
export const printedNoteSchema = z.looseObject({
  kind: z.enum(['Note', 'Technical Note', 'N.B.']),
  marker: z.string().min(1),
  text: z.string().min(1),
  attached_to: z.string().min(1),
  applies_to: z.array(z.string().min(1)).optional(),
  codes_mentioned: z.array(z.string().min(1)).optional(),
  exponent_note: z.string().min(1).optional(),
});
export type PrintedNote = z.infer<typeof printedNoteSchema>;

const NOTE_KINDS: Record<PrintedNote['kind'], ProvisionNoteKind> = {
  Note: 'NOTE',
  'Technical Note': 'TECHNICAL_NOTE',
  'N.B.': 'NB',
};

/** Every provision column but `supersedesId`, which the links dataset owns. */
export type PrintedProvisionRow = SeedRow<'ControlProvision', 'supersedesId'>;
export type ListTextRow = SeedRow<'ListText'>;

/** Citations as values (CITATION_TABLE), inserted as one JSON parameter: these lists cite every record. */
export const RECORD_CITATION_TABLE: TableSpec<'Citation', CitationRow> = { ...CITATION_TABLE, insertAsJson: true };

export const PRINTED_PROVISION_TABLE: TableSpec<'ControlProvision', PrintedProvisionRow> = {
  model: 'ControlProvision',
  key: ['sourceKey'],
  references: ['controlListId', 'jurisdictionId', 'parentId', 'citationId'],
  // Wide rows by the hundred or thousand: one JSON parameter per batch instead of one bind parameter per field.
  insertAsJson: true,
};

export const LIST_TEXT_TABLE: TableSpec<'ListText', ListTextRow> = {
  model: 'ListText',
  key: ['sourceKey'],
  references: ['controlListId', 'citationId'],
  // Wide rows by the hundred: one JSON parameter per batch instead of one bind parameter per field.
  insertAsJson: true,
};

/** A source defect kept on the row it concerns: what is wrong, and the text as printed. */
export interface SourceDefect {
  kind: string;
  detail: string;
  quote: string;
}

export function defectsColumn(defects: readonly SourceDefect[]): JsonValue {
  return defects.length > 0 ? defects.map((defect) => ({ ...defect })) : null;
}

/**
 * Regime markers printed without their closing (or opening) bracket ("[WS*" in UK 6E002):
 * kept as printed in `regimeMarkers` and marked here.
 */
export function markerDefects(markers: readonly string[]): SourceDefect[] {
  return markers
    .filter((marker) => !/^\[[^[\]]+\]$/.test(marker))
    .map((marker) => ({
      kind: 'regime_marker_unbalanced_bracket',
      detail: 'The regime marker is printed without a matching bracket; it is kept exactly as printed.',
      quote: marker,
    }));
}

/** An exponent note as the provision's `exponentNotes`: the source's words and the pairs it lists. */
export function exponentNotesColumn(note: string | undefined): JsonValue {
  if (!note) return null;
  const { readings } = readFlattenedScriptNote(note);
  return { note, readings: readings ? readings.map((pair) => ({ ...pair })) : null };
}

/**
 * Keys unique within a provision for its notes, from the printed marker ("Note 3"); a marker
 * printed twice under one provision gets "~2", "~3" in the order of the text.
 */
export function noteSourceKeys(provisionSourceKey: string, notes: readonly PrintedNote[]): string[] {
  const seen = new Map<string, number>();
  return notes.map((note) => {
    const count = (seen.get(note.marker) ?? 0) + 1;
    seen.set(note.marker, count);
    return `${provisionSourceKey}#${note.marker}${count > 1 ? `~${count}` : ''}`;
  });
}

export interface NoteRowInput<Note extends PrintedNote> {
  provisionId: string;
  provisionSourceKey: string;
  notes: readonly Note[];
  /** The citation of one note (its page). */
  citationId(note: Note): string;
  /** Further fields for a note's `extra` (EU-style codes, build warnings, source defects). */
  extraFor?(note: Note): Record<string, JsonValue>;
}

/** ProvisionNote rows of one provision, in the order of the text; label = the printed marker. */
export function provisionNoteRows<Note extends PrintedNote>(input: NoteRowInput<Note>): ProvisionNoteRow[] {
  const keys = noteSourceKeys(input.provisionSourceKey, input.notes);
  return input.notes.map((note, index) => {
    const sourceKey = keys[index] ?? '';
    const kept = remainingFields(note, ['kind', 'marker', 'text', 'applies_to', 'codes_mentioned']) ?? {};
    const readings = note.exponent_note ? readFlattenedScriptNote(note.exponent_note).readings : null;
    const extra: Record<string, JsonValue> = {
      ...kept,
      ...(readings ? { exponent_readings: readings.map((pair) => ({ ...pair })) } : {}),
      ...(input.extraFor?.(note) ?? {}),
    };
    return {
      id: stableId('ProvisionNote', sourceKey),
      sourceKey,
      provisionId: input.provisionId,
      kind: NOTE_KINDS[note.kind],
      label: note.marker,
      text: note.text,
      ordinal: index,
      appliesTo: note.applies_to ?? [],
      codesMentioned: note.codes_mentioned ?? [],
      // The files record the scope a note names as codes (applies_to), not as its words.
      scopeInText: null,
      extra,
      citationId: input.citationId(note),
    };
  });
}

/** "p. 113" or "pp. 115-116" for a citation section, from a record's page or pages. */
export function pageLabel(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return 'page not recorded';
  return first === last ? `p. ${first}` : `pp. ${first}-${last}`;
}
