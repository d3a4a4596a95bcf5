// Dataset wassenaar-list on the real file: the rows against the file's own records (counts per
// part, tree, codes, notes, headings) and the facts seed/data/README.md states.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceImporter } from '../../src/ingest/importers/reference.js';
import { euStyleCode, lowerCaseSubcategoryCodes } from '../../src/ingest/importers/wassenaar-codes.js';
import { WASSENAAR_LIST, wassenaarListImporter } from '../../src/ingest/importers/wassenaar-list.js';
import { stableId } from '../../src/ingest/stable-id.js';
import { openLoggedDatabase, REMOVING_STATEMENT, type LoggedDatabase } from './logged-database.js';
import { loadDatasets, readSeedJson, type LoadedDataset } from './printed-list-loading.js';

interface FileNote {
  kind: string;
  marker: string;
  text: string;
  attached_to: string;
  applies_to?: string[];
  codes_mentioned?: string[];
  exponent_note?: string;
  symbol_font_note?: string;
  nested_notes?: unknown[];
}
interface FileParagraph {
  code: string;
  eu_style_code: string;
  parent: string;
  text: string;
  status?: string;
  exponent_note?: string;
  subscript_note?: string;
  symbol_font_note?: string;
  notes: FileNote[];
}
interface FileEntry extends Omit<FileParagraph, 'parent' | 'text'> {
  id: string;
  heading: string;
  status: string;
  paragraphs: FileParagraph[];
}
interface WassenaarJson {
  counts: { entries: number; paragraphs: number; notes: number };
  subcategory_notes: Array<{ code: string; heading: string; notes: FileNote[] }>;
  entries: FileEntry[];
  build_warnings: string[];
}

const file = readSeedJson('data/wassenaar_2025_cat6.json') as WassenaarJson;
const categorySix = file.entries.filter((entry) => entry.code.startsWith('6.'));
const entry3A1 = file.entries.filter((entry) => entry.code === '3.A.1');
const paragraphsOf = (entries: FileEntry[]) => entries.flatMap((entry) => entry.paragraphs);
const notesOf = (entries: FileEntry[]) =>
  entries.flatMap((entry) => [...entry.notes, ...entry.paragraphs.flatMap((paragraph) => paragraph.notes)]);

let db: LoggedDatabase;
let first: LoadedDataset;
let second: LoadedDataset;
let listId: string;

beforeAll(async () => {
  db = await openLoggedDatabase();
  first = await loadDatasets(db, [referenceImporter, wassenaarListImporter]);
  second = await db.logStatements(() => loadDatasets(db, [wassenaarListImporter]));
  listId = (await db.prisma.controlList.findUniqueOrThrow({ where: { sourceKey: WASSENAAR_LIST } })).id;
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const provisions = (where: object = {}) =>
  db.prisma.controlProvision.findMany({ where: { regime: 'WASSENAAR', ...where }, orderBy: { code: 'asc' } });

describe('the Wassenaar List, Category 6 and 3.A.1', () => {
  it('owns its list row: WASSENAAR, jurisdiction WA, text date 2026-01-15, WA-LIST (25) 1 Corr., cited', async () => {
    const list = await db.prisma.controlList.findUniqueOrThrow({
      where: { sourceKey: WASSENAAR_LIST },
      include: { jurisdiction: true, citation: true },
    });
    expect(list).toMatchObject({ regime: 'WASSENAAR', version: 'WA-LIST (25) 1 Corr.', isMain: true });
    expect(list.jurisdiction.code).toBe('WA');
    expect(list.textDate?.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(list.versionNote).toContain('3.A.1');
    expect(list.citation).toMatchObject({
      repository: 'jaepaly/2026sanbo',
      path: 'data/wassenaar_2025.pdf',
      commit: 'a932d26d0d7b68e001a7093cadda85e2a331945d',
    });
    expect(list.citation.licence).toContain('Wassenaar Arrangement');
  });

  it('holds every entry, paragraph and note of the file, Category 6 and 3.A.1 counted apart', async () => {
    // The counts seed/data/README.md states, and the file's own records.
    expect([categorySix.length, paragraphsOf(categorySix).length, notesOf(categorySix).length]).toEqual([30, 587, 121]);
    expect([paragraphsOf(entry3A1).length, notesOf(entry3A1).length]).toEqual([214, 56]);
    expect(file.subcategory_notes.flatMap((block) => block.notes)).toHaveLength(4);

    const count = (category: string, kind: 'ENTRY' | 'PARAGRAPH') =>
      db.prisma.controlProvision.count({ where: { controlListId: listId, category, kind, status: 'CURRENT' } });
    const notes = (category: string) =>
      db.prisma.provisionNote.count({ where: { provision: { controlListId: listId, category } } });
    expect(await count('6', 'ENTRY')).toBe(categorySix.length);
    expect(await count('6', 'PARAGRAPH')).toBe(paragraphsOf(categorySix).length);
    expect(await notes('6')).toBe(notesOf(categorySix).length);
    expect(await count('3', 'ENTRY')).toBe(1);
    expect(await count('3', 'PARAGRAPH')).toBe(paragraphsOf(entry3A1).length);
    expect(await notes('3')).toBe(notesOf(entry3A1).length);
    const headings = ['3.A', '6.A', '6.B', '6.C', '6.D', '6.E'];
    expect(await db.prisma.listText.count({ where: { controlListId: listId, label: { notIn: headings } } })).toBe(4);
    // The file's stated totals.
    expect(await db.prisma.controlProvision.count({ where: { controlListId: listId, kind: 'ENTRY' } })).toBe(
      file.counts.entries,
    );
    expect(await db.prisma.controlProvision.count({ where: { controlListId: listId, kind: 'PARAGRAPH' } })).toBe(
      file.counts.paragraphs,
    );
    expect((await db.prisma.provisionNote.count({ where: { provision: { controlListId: listId } } })) + 4).toBe(
      file.counts.notes,
    );
  });

  it('stores the EU-style code with the printed code beside it, and each paragraph under its parent in the same entry', async () => {
    const rows = await provisions({ controlListId: listId });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const record of [...file.entries, ...paragraphsOf(file.entries)]) {
      expect(euStyleCode(record.code), record.code).toBe(record.eu_style_code);
    }
    const printed = new Map(paragraphsOf(file.entries).map((paragraph) => [paragraph.code, paragraph]));
    for (const row of rows) {
      expect(row.status).toBe('CURRENT');
      expect(row.printedCode).not.toBeNull();
      expect(euStyleCode(row.printedCode ?? '')).toBe(row.code);
      if (row.kind === 'ENTRY') {
        expect(row.parentId).toBeNull();
        continue;
      }
      const parent = byId.get(row.parentId ?? '');
      expect(parent, row.code).toBeDefined();
      expect(parent?.entryCode).toBe(row.entryCode);
      expect(parent?.printedCode).toBe(printed.get(row.printedCode ?? '')?.parent);
      expect(row.text).toBe(printed.get(row.printedCode ?? '')?.text);
    }
    const b4 = rows.find((row) => row.code === '6A003.b.4');
    expect(b4).toMatchObject({
      printedCode: '6.A.3.b.4',
      entryCode: '6A003',
      productGroup: 'A',
      itemType: 'COMMODITY',
    });
    expect(rows.find((row) => row.code === '6E003')?.itemType).toBe('TECHNOLOGY');
  });

  it('keeps the text and status of "- None" and "Not used since" provisions', async () => {
    const none = await db.prisma.controlProvision.findUniqueOrThrow({ where: { sourceKey: 'WA-2025-6.B.1' } });
    expect(none).toMatchObject({ code: '6B001', kind: 'ENTRY', text: 'ACOUSTICS - None', status: 'CURRENT' });
    expect(none.extra).toMatchObject({ status: 'none', section: 'ACOUSTICS' });
    const notUsed = await db.prisma.controlProvision.findFirstOrThrow({
      where: { regime: 'WASSENAAR', code: '6A003.a.1' },
    });
    expect(notUsed).toMatchObject({ text: 'Not used since 2017', status: 'CURRENT' });
    expect(notUsed.extra).toMatchObject({ status: 'not_used', not_used_since: '2017' });
    const withStatus = paragraphsOf(file.entries).filter((paragraph) => paragraph.status);
    const stored = await provisions({ controlListId: listId, kind: 'PARAGRAPH' });
    const statusOf = new Map(stored.map((row) => [row.printedCode, (row.extra as { status?: string } | null)?.status]));
    for (const paragraph of withStatus) expect(statusOf.get(paragraph.code), paragraph.code).toBe(paragraph.status);
  });

  it('attaches each note to its paragraph with the printed label, kind, scope and codes, and the EU-style codes in extra', async () => {
    const note3 = await db.prisma.provisionNote.findFirstOrThrow({
      where: { label: 'Note 3', provision: { regime: 'WASSENAAR', code: '6A003.b.4' } },
    });
    expect(note3.kind).toBe('NOTE');
    expect(note3.text).toContain('9 Hz');
    const fileNote3 = file.entries
      .find((entry) => entry.code === '6.A.3')
      ?.paragraphs.find((paragraph) => paragraph.code === '6.A.3.b.4')
      ?.notes.find((note) => note.marker === 'Note 3');
    expect(note3.text).toBe(fileNote3?.text);
    expect(note3.appliesTo).toEqual(fileNote3?.applies_to ?? []);
    expect((note3.extra as { nested_notes?: unknown[] }).nested_notes).toHaveLength(2);

    const scoped = await db.prisma.provisionNote.findFirstOrThrow({
      where: { label: 'Note', provision: { regime: 'WASSENAAR', code: '6A003.b' } },
    });
    expect(scoped.appliesTo).toEqual(['6.A.3.b']);
    expect(scoped.extra).toMatchObject({ eu_style_applies_to: ['6A003.b'], eu_style_codes_mentioned: ['6A003.b'] });

    const kinds = { Note: 'NOTE', 'Technical Note': 'TECHNICAL_NOTE', 'N.B.': 'NB' } as const;
    const stored = await db.prisma.provisionNote.findMany({
      where: { provision: { controlListId: listId } },
      include: { provision: { select: { printedCode: true } } },
      orderBy: [{ provisionId: 'asc' }, { ordinal: 'asc' }],
    });
    const key = (code: string | null, marker: string, text: string) => `${code}|${marker}|${text}`;
    const storedByKey = new Map(stored.map((note) => [key(note.provision.printedCode, note.label, note.text), note]));
    for (const note of notesOf(file.entries)) {
      const row = storedByKey.get(key(note.attached_to, note.marker, note.text));
      expect(row, `${note.marker} to ${note.attached_to}`).toBeDefined();
      expect(row?.kind).toBe(kinds[note.kind as keyof typeof kinds]);
      expect(row?.codesMentioned).toEqual(note.codes_mentioned ?? []);
      expect(row?.citationId).toBeTruthy();
    }
  });

  it('puts exponent readings, symbol-font notes and build warnings on the rows they concern', async () => {
    const b1a1 = await db.prisma.controlProvision.findFirstOrThrow({
      where: { regime: 'WASSENAAR', code: '6A003.b.1.a.1' },
    });
    expect(b1a1.exponentNotes).toEqual({
      note: "Superscripts flattened in the PDF text layer: '106' = 10^6.",
      readings: [{ verbatim: '106', reading: '10^6' }],
    });
    const rows = await provisions({ controlListId: listId });
    const byPrinted = new Map(rows.map((row) => [row.printedCode, row]));
    const withExponent = [...file.entries, ...paragraphsOf(file.entries)].filter((record) => record.exponent_note);
    expect(withExponent.length).toBeGreaterThan(40);
    for (const record of withExponent) {
      const stored = byPrinted.get(record.code)?.exponentNotes as { note: string; readings: unknown[] | null };
      expect(stored.note, record.code).toBe(record.exponent_note);
      expect(stored.readings?.length, record.code).toBeGreaterThan(0);
    }
    for (const record of paragraphsOf(file.entries).filter((paragraph) => paragraph.symbol_font_note)) {
      expect(byPrinted.get(record.code)?.extra, record.code).toMatchObject({
        symbol_font_note: record.symbol_font_note,
      });
    }
    expect(byPrinted.get('6.A.4.f.2')?.text).toContain('λ');

    const note4 = await db.prisma.provisionNote.findFirstOrThrow({
      where: { label: 'Note 4', provision: { regime: 'WASSENAAR', code: '6A003.b.4' } },
    });
    expect((note4.extra as { build_warnings?: string[] }).build_warnings).toEqual(file.build_warnings);
    expect(first.logs.filter((log) => log.msg.includes('build warnings'))).toEqual([]);
    const notes = await db.prisma.provisionNote.findMany({
      where: { provision: { controlListId: listId } },
      include: { provision: { select: { printedCode: true } } },
    });
    const withNoteExponent = notesOf(file.entries).filter((note) => note.exponent_note);
    expect(withNoteExponent.length).toBeGreaterThan(5);
    for (const note of withNoteExponent) {
      const row = notes.find(
        (stored) => stored.provision.printedCode === note.attached_to && stored.text === note.text,
      );
      const extra = row?.extra as { exponent_note?: string; exponent_readings?: unknown[] } | undefined;
      expect(extra?.exponent_note, `${note.marker} to ${note.attached_to}`).toBe(note.exponent_note);
      expect(extra?.exponent_readings?.length).toBeGreaterThan(0);
    }
    const technical = notes.find((note) => note.provision.printedCode === '6.A.1.a.2.a' && note.text.includes('10-8'));
    expect((technical?.extra as { exponent_readings?: unknown[] }).exponent_readings).toEqual([
      { verbatim: '10-8', reading: '10^{-8}' },
      { verbatim: '10-9', reading: '10^{-9}' },
    ]);
  });

  it('keeps the subcategory headings and the notes printed under 3.A. as list texts, the lower-case code marked', async () => {
    const texts = await db.prisma.listText.findMany({ where: { controlListId: listId }, orderBy: { ordinal: 'asc' } });
    expect(texts.map((text) => text.label)).toEqual([
      '3.A',
      'Note 1',
      'Note 2',
      'N.B.',
      'Note 3',
      '6.A',
      '6.B',
      '6.C',
      '6.D',
      '6.E',
    ]);
    expect(texts.every((text) => text.kind === 'SECTION_NOTE')).toBe(true);
    expect(texts.find((text) => text.label === '6.B')?.text).toBe('TEST, INSPECTION AND PRODUCTION EQUIPMENT');
    const printedNotes = file.subcategory_notes.flatMap((block) => block.notes);
    expect(
      texts.filter((text) => text.label !== '3.A' && !text.label.startsWith('6.')).map((text) => text.text),
    ).toEqual(printedNotes.map((note) => note.text));
    const note3 = texts.find((text) => text.label === 'Note 3');
    expect(lowerCaseSubcategoryCodes(note3?.text ?? '')).toEqual(['3.a.1.d.']);
    expect(note3?.sourceDefects).toEqual([expect.objectContaining({ quote: '3.a.1.d.' })]);
    expect(note3?.categories).toEqual(['3']);
  });

  it('cites every row, and a second load changes nothing, keeps the ids and deletes nothing', async () => {
    for (const model of ['controlProvision', 'provisionNote', 'listText'] as const) {
      const delegate = db.prisma[model] as unknown as {
        count(args: object): Promise<number>;
      };
      const where = model === 'provisionNote' ? { provision: { controlListId: listId } } : { controlListId: listId };
      expect(await delegate.count({ where: { ...where, citation: { repository: 'jaepaly/2026sanbo' } } })).toBe(
        await delegate.count({ where }),
      );
    }
    const cited = await db.prisma.controlProvision.findFirstOrThrow({
      where: { regime: 'WASSENAAR', code: '6A003.b.4' },
      include: { citation: true },
    });
    expect(cited.citation.section).toBe('6.A.3.b.4 (PDF p. 115)');
    expect(cited.id).toBe(stableId('ControlProvision', 'WA-2025-6.A.3.b.4'));

    for (const table of Object.values(second.counts)) {
      expect(table.created + table.updated).toBe(0);
      expect(table.unchanged).toBe(table.rows);
    }
    expect(second.written).toBe(0);
    expect(db.statements.filter((statement) => REMOVING_STATEMENT.test(statement))).toEqual([]);
  });
});
