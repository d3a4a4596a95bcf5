// Dataset uk-strategic-list on the real file: the rows against the file's own records (counts,
// tree, markers, Wassenaar codes, notes) and the facts seed/data/README.md states. The Wassenaar
// list is loaded too, so the UK's Wassenaar codes are checked against it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceImporter } from '../../src/ingest/importers/reference.js';
import { UK_STRATEGIC_LIST, ukStrategicListImporter } from '../../src/ingest/importers/uk-strategic-list.js';
import { wassenaarListImporter } from '../../src/ingest/importers/wassenaar-list.js';
import { openLoggedDatabase, REMOVING_STATEMENT, type LoggedDatabase } from './logged-database.js';
import { loadDatasets, readSeedJson, type LoadedDataset } from './printed-list-loading.js';

interface FileNote {
  kind: string;
  marker: string;
  text: string;
  attached_to: string;
  applies_to?: string[];
  codes_mentioned?: string[];
  attachment_note?: string;
}
interface FileParagraph {
  code: string;
  wassenaar_code: string | null;
  parent: string;
  text: string;
  regime_markers?: string[];
  exponent_note?: string;
  notes: FileNote[];
}
interface FileEntry extends Omit<FileParagraph, 'parent' | 'text'> {
  id: string;
  heading: string;
  regime_markers: string[];
  paragraphs: FileParagraph[];
}
interface UkJson {
  counts: { entries: number; paragraphs: number; notes: number };
  subcategories: Record<string, string>;
  entries: FileEntry[];
  build_warnings: string[];
}

const file = readSeedJson('data/uk_strategic_list_2025-12-16_cat6.json') as UkJson;
const paragraphs = file.entries.flatMap((entry) => entry.paragraphs);
const notes = file.entries.flatMap((entry) => [
  ...entry.notes,
  ...entry.paragraphs.flatMap((paragraph) => paragraph.notes),
]);

let db: LoggedDatabase;
let loaded: LoadedDataset;
let again: LoadedDataset;
let listId: string;

beforeAll(async () => {
  db = await openLoggedDatabase();
  loaded = await loadDatasets(db, [referenceImporter, wassenaarListImporter, ukStrategicListImporter]);
  again = await db.logStatements(() => loadDatasets(db, [ukStrategicListImporter]));
  listId = (await db.prisma.controlList.findUniqueOrThrow({ where: { sourceKey: UK_STRATEGIC_LIST } })).id;
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const ukRow = (code: string) => db.prisma.controlProvision.findFirstOrThrow({ where: { regime: 'UK', code } });

describe('the UK Strategic Export Control List, Category 6', () => {
  it('owns its list row: UK, jurisdiction UK, text date 2025-12-16, cited to the parsed UK file', async () => {
    const list = await db.prisma.controlList.findUniqueOrThrow({
      where: { sourceKey: UK_STRATEGIC_LIST },
      include: { jurisdiction: true, citation: true },
    });
    expect(list).toMatchObject({ regime: 'UK', version: '2025-12-16', isMain: true });
    expect(list.jurisdiction.code).toBe('UK');
    expect(list.textDate?.toISOString()).toBe('2025-12-16T00:00:00.000Z');
    expect(list.citation).toMatchObject({
      repository: 'jjddean/trader-',
      path: 'data/export-controls/v2025-12-16.json',
      commit: '74c0694732b4d8546de121b346872c02dfcccae5',
    });
    expect(list.citation.licence).toContain('Open Government Licence v3.0');
    // The source file's own entry split (two mislabelled chunks) is kept with the list.
    expect(list.citation.note).toContain('5A004_full');
    expect(list.citation.note).toContain('6A225_full');
  });

  it('holds every entry, paragraph and note of the file', async () => {
    expect([file.entries.length, paragraphs.length, notes.length]).toEqual([36, 639, 138]);
    expect([file.counts.entries, file.counts.paragraphs, file.counts.notes]).toEqual([36, 639, 138]);
    const count = (kind: 'ENTRY' | 'PARAGRAPH') =>
      db.prisma.controlProvision.count({ where: { controlListId: listId, kind, status: 'CURRENT' } });
    expect(await count('ENTRY')).toBe(file.entries.length);
    expect(await count('PARAGRAPH')).toBe(paragraphs.length);
    expect(await db.prisma.provisionNote.count({ where: { provision: { controlListId: listId } } })).toBe(notes.length);
    expect(loaded.logs.filter((log) => log.msg.includes('other counts'))).toEqual([]);
  });

  it('puts each paragraph under its parent in the same entry, with the UK code, its Wassenaar code and markers as printed', async () => {
    const rows = await db.prisma.controlProvision.findMany({ where: { controlListId: listId } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const byCode = new Map(rows.map((row) => [row.code, row]));
    for (const paragraph of paragraphs) {
      const row = byCode.get(paragraph.code);
      expect(row, paragraph.code).toBeDefined();
      const parent = byId.get(row?.parentId ?? '');
      expect(parent?.code).toBe(paragraph.parent);
      expect(parent?.entryCode).toBe(row?.entryCode);
      expect(row).toMatchObject({
        kind: 'PARAGRAPH',
        text: paragraph.text,
        wassenaarCode: paragraph.wassenaar_code,
        regimeMarkers: paragraph.regime_markers ?? [],
        printedCode: null,
      });
    }
    for (const entry of file.entries) {
      expect(byCode.get(entry.code)).toMatchObject({
        kind: 'ENTRY',
        parentId: null,
        title: entry.heading,
        regimeMarkers: entry.regime_markers,
        wassenaarCode: entry.wassenaar_code,
      });
    }
    expect((await ukRow('6A004')).regimeMarkers).toContain('[W]');
  });

  it('maps UK 6E003 a./b. to Wassenaar 6.E.3.d/e, and every Wassenaar code to a provision of the Wassenaar list', async () => {
    expect((await ukRow('6E003.a')).wassenaarCode).toBe('6.E.3.d');
    expect((await ukRow('6E003.a.1')).wassenaarCode).toBe('6.E.3.d.1');
    expect((await ukRow('6E003.b')).wassenaarCode).toBe('6.E.3.e');
    const uk = await db.prisma.controlProvision.findMany({
      where: { controlListId: listId, wassenaarCode: { not: null } },
      select: { code: true, wassenaarCode: true },
    });
    const wassenaar = new Set(
      (
        await db.prisma.controlProvision.findMany({ where: { regime: 'WASSENAAR' }, select: { printedCode: true } })
      ).map((row) => row.printedCode),
    );
    expect(uk.length).toBeGreaterThan(400);
    expect(uk.filter((row) => !wassenaar.has(row.wassenaarCode))).toEqual([]);
    const technologyD = await db.prisma.controlProvision.findFirstOrThrow({
      where: { regime: 'WASSENAAR', printedCode: '6.E.3.d' },
    });
    expect(technologyD.text).toBe((await ukRow('6E003.a')).text);
  });

  it('keeps the marker printed without its closing bracket as printed, and marks it as a source defect', async () => {
    const row = await ukRow('6E002');
    expect(row.regimeMarkers).toEqual(['[W]', '[WS*', '[WVS*]', '[M*]', '[N*]']);
    expect(row.sourceDefects).toEqual([expect.objectContaining({ quote: '[WS*' })]);
    const defective = (
      await db.prisma.controlProvision.findMany({
        where: { controlListId: listId },
        select: { code: true, sourceDefects: true },
      })
    ).filter((provision) => provision.sourceDefects !== null);
    expect(defective.map((provision) => provision.code)).toEqual(['6E002']);
  });

  it('puts exponent readings and build warnings on the rows they concern', async () => {
    expect((await ukRow('6E003.a.1')).exponentNotes).toMatchObject({
      readings: [{ verbatim: '10 -3', reading: '10^{-3}' }],
    });
    const rows = await db.prisma.controlProvision.findMany({ where: { controlListId: listId } });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    for (const record of [...file.entries, ...paragraphs].filter((item) => item.exponent_note)) {
      const stored = byCode.get(record.code)?.exponentNotes as { note: string; readings: unknown[] | null };
      expect(stored.note, record.code).toBe(record.exponent_note);
      expect(stored.readings?.length, record.code).toBeGreaterThan(0);
    }
    // Three labels placed by their Wassenaar text, two notes nested into the note whose list continues.
    for (const code of ['6A002.a.3.c', '6A005.c', '6A005.e.3.c']) {
      const warnings = (byCode.get(code)?.extra as { build_warnings?: string[] }).build_warnings;
      expect(warnings, code).toEqual([expect.stringContaining(`placed at ${code} `)]);
    }
    const nestedInto = (
      await db.prisma.provisionNote.findMany({
        where: { provision: { controlListId: listId } },
        select: { label: true, extra: true, provision: { select: { code: true } } },
        orderBy: { sourceKey: 'asc' },
      })
    ).filter((note) => (note.extra as { build_warnings?: string[] } | null)?.build_warnings);
    expect(nestedInto.map((note) => `${note.label} ${note.provision.code}`)).toEqual([
      'Note 2: 6A002.a.3',
      'Note 3: 6A003.b.4',
    ]);
    expect(loaded.logs.filter((log) => log.msg.includes('build warnings'))).toEqual([]);
  });

  it('attaches each note to its paragraph with the printed label, kind, scope and codes', async () => {
    const stored = await db.prisma.provisionNote.findMany({
      where: { provision: { controlListId: listId } },
      include: { provision: { select: { code: true } } },
    });
    const kinds = { Note: 'NOTE', 'Technical Note': 'TECHNICAL_NOTE', 'N.B.': 'NB' } as const;
    for (const note of notes) {
      const row = stored.find(
        (candidate) =>
          candidate.provision.code === note.attached_to &&
          candidate.label === note.marker &&
          candidate.text === note.text,
      );
      expect(row, `${note.marker} to ${note.attached_to}`).toBeDefined();
      expect(row?.kind).toBe(kinds[note.kind as keyof typeof kinds]);
      expect(row?.appliesTo).toEqual(note.applies_to ?? []);
      expect(row?.codesMentioned).toEqual(note.codes_mentioned ?? []);
      if (note.attachment_note) expect(row?.extra).toMatchObject({ attachment_note: note.attachment_note });
    }
  });

  it('keeps the subcategory headings as list texts', async () => {
    const texts = await db.prisma.listText.findMany({ where: { controlListId: listId }, orderBy: { ordinal: 'asc' } });
    expect(texts.map((text) => [text.label, text.text])).toEqual(Object.entries(file.subcategories));
    expect(texts.every((text) => text.kind === 'SECTION_NOTE' && text.categories.join() === '6')).toBe(true);
  });

  it('a second load changes nothing and deletes nothing', () => {
    for (const table of Object.values(again.counts)) {
      expect(table.created + table.updated).toBe(0);
      expect(table.unchanged).toBe(table.rows);
    }
    expect(db.statements.filter((statement) => REMOVING_STATEMENT.test(statement))).toEqual([]);
  });
});
