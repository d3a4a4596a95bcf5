// Dataset eu-annex-i on the real eu_annex_i.json: every entry, paragraph, note and list text in
// the database, counted and compared with the file; the facts the data README states (notes on
// 6A003.b.4, 6A008.a-h, 1C010.e's odd codes, flattened exponents); and the takeover of the four
// Annex I rows control-entries wrote before (same source keys, same ids, thresholds still on them).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_DIR, SEED_DATASETS, TRANSACTION_OPTIONS } from '../../src/ingest/index.js';
import type { ImportContext } from '../../src/ingest/importer.js';
import {
  ACRONYMS_INTRODUCTION_LABEL,
  DEFINITIONS_INTRODUCTION_LABEL,
} from '../../src/ingest/importers/eu-annex-i-list-texts.js';
import {
  EU_ANNEX_I_LIST,
  euAnnexIFileSchema,
  euProvisionSourceKey,
  type EuAnnexIFile,
} from '../../src/ingest/importers/eu-annex-i-records.js';
import { SeedFiles } from '../../src/ingest/seed-files.js';
import { stableId } from '../../src/ingest/stable-id.js';
import { IdMap, type TableCounts } from '../../src/ingest/sync-context.js';
import { openLoggedDatabase, REMOVING_STATEMENT, type LoggedDatabase } from './logged-database.js';

const file: EuAnnexIFile = euAnnexIFileSchema.parse(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../seed/data/eu_annex_i.json'), 'utf8')),
);
const paragraphs = file.entries.flatMap((entry) => entry.paragraphs.map((paragraph) => ({ entry, paragraph })));
const notes = paragraphs.flatMap(({ paragraph }) => paragraph.notes ?? []);

const REPOSITORY = 'rikiosso/exports-watch';
const SUPERSEDED_ENTRIES = ['6A002', '6A003', '6A008', '6A203'];

let db: LoggedDatabase;
const loaded = new Map<string, { counts: Record<string, TableCounts>; audits: number }>();

/** Runs the named datasets' importers in order, each in its own transaction, as the seed does. */
async function load(names: readonly string[]): Promise<void> {
  const files = new SeedFiles(DEFAULT_SEED_DIR);
  for (const name of names) {
    const importer = SEED_DATASETS.find((dataset) => dataset.name === name);
    if (!importer) throw new Error(`no dataset ${name}`);
    await db.prisma.$transaction(async (tx) => {
      const ctx: ImportContext = {
        tx,
        files,
        dataset: name,
        ids: new IdMap(),
        audits: [],
        counts: {},
        log: () => undefined,
        written: [],
      };
      await importer.load(ctx);
      loaded.set(name, { counts: ctx.counts, audits: ctx.audits.length });
    }, TRANSACTION_OPTIONS);
  }
}

beforeAll(async () => {
  db = await openLoggedDatabase();
  await load(['reference', 'us-ccl', 'eu-annex-i', 'control-entries', 'threshold-encodings']);
}, 180_000);

afterAll(async () => {
  await db?.close();
});

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

describe('provisions', () => {
  it('holds every entry as an ENTRY row, per category as in the file', async () => {
    const rows = await db.prisma.controlProvision.findMany({
      where: { regime: 'EU', kind: 'ENTRY' },
      select: { category: true, productGroup: true, itemType: true },
    });
    expect(rows).toHaveLength(file.entries.length);
    expect(rows).toHaveLength(384);
    const perCategory = countBy(file.entries, (entry) => String(entry.category));
    expect(countBy(rows, (row) => row.category)).toEqual(perCategory);
    expect(perCategory).toEqual(file.counts.entries_per_category);
    expect(countBy(rows, (row) => row.productGroup ?? 'none')).toEqual(file.counts.entries_per_group);
    expect(countBy(rows, (row) => row.itemType ?? 'none')).toEqual({
      COMMODITY: 115 + 97 + 65,
      SOFTWARE: 57,
      TECHNOLOGY: 50,
    });
  });

  it('holds every other paragraph as a PARAGRAPH row; the heading paragraph is the entry row itself', async () => {
    const total = await db.prisma.controlProvision.count({ where: { regime: 'EU' } });
    expect(total).toBe(paragraphs.length);
    expect(total).toBe(file.counts.paragraphs);
    expect(await db.prisma.controlProvision.count({ where: { regime: 'EU', kind: 'PARAGRAPH' } })).toBe(
      paragraphs.length - file.entries.length,
    );
  });

  it('keeps every code, text and parent as the file gives them; every parent is in the same entry', async () => {
    const rows = await db.prisma.controlProvision.findMany({
      where: { regime: 'EU' },
      select: {
        sourceKey: true,
        code: true,
        entryCode: true,
        text: true,
        kind: true,
        status: true,
        textDate: true,
        controlList: { select: { sourceKey: true } },
        jurisdiction: { select: { code: true } },
        parent: { select: { code: true, entryCode: true } },
      },
    });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    for (const { entry, paragraph } of paragraphs) {
      const row = byCode.get(paragraph.code);
      expect(row, paragraph.code).toBeDefined();
      expect(row?.sourceKey).toBe(euProvisionSourceKey(paragraph.code));
      expect(row?.text).toBe(paragraph.text);
      expect(row?.entryCode).toBe(entry.code);
      expect(row?.parent?.code ?? null).toBe(paragraph.parent);
      if (row?.parent) expect(row.parent.entryCode).toBe(entry.code);
    }
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['CURRENT']));
    expect(new Set(rows.map((row) => row.textDate?.toISOString()))).toEqual(new Set(['2025-11-15T00:00:00.000Z']));
    expect(new Set(rows.map((row) => row.controlList.sourceKey))).toEqual(new Set([EU_ANNEX_I_LIST]));
    expect(new Set(rows.map((row) => row.jurisdiction.code))).toEqual(new Set(['EU']));
  });

  it('titles entries with their heading and paragraphs with their first line, children in the order of the text', async () => {
    const camera = await db.prisma.controlProvision.findFirstOrThrow({
      where: { regime: 'EU', code: '6A003' },
      include: { children: { orderBy: { ordinal: 'asc' }, select: { code: true } } },
    });
    expect(camera).toMatchObject({
      kind: 'ENTRY',
      title: 'Cameras, systems or equipment, and components therefor, as follows:',
      category: '6',
      productGroup: 'A',
      itemType: 'COMMODITY',
      relatedControls: 'SEE ALSO 6A203.',
    });
    expect(camera.children.map((child) => child.code)).toEqual(['6A003.a', '6A003.b']);
    const table = await db.prisma.controlProvision.findFirstOrThrow({ where: { regime: 'EU', code: '4A001.a.2' } });
    expect(table.title).toBe('Radiation hardened to exceed any of the following specifications:');
    expect(table.text.split('\n')).toHaveLength(4);
  });

  it('6A008.a to 6A008.h exist (the source control_entries.json took its EU text from lacked them)', async () => {
    const rows = await db.prisma.controlProvision.findMany({
      where: { regime: 'EU', parent: { code: '6A008' } },
      orderBy: { ordinal: 'asc' },
      select: { code: true },
    });
    const codes = rows.map((row) => row.code);
    for (const letter of 'abcdefgh') expect(codes).toContain(`6A008.${letter}`);
  });

  it("1C010.e's sub-paragraphs keep their odd codes, the probable official code visible in sourceDefects", async () => {
    const odd = paragraphs.filter(({ paragraph }) => paragraph.probable_official_code);
    expect(odd.map(({ paragraph }) => paragraph.code)).toContain('1C010.1.2');
    const rows = await db.prisma.controlProvision.findMany({
      where: { regime: 'EU', code: { in: odd.map(({ paragraph }) => paragraph.code) } },
      select: { code: true, sourceDefects: true, extra: true },
    });
    expect(rows).toHaveLength(odd.length);
    for (const { paragraph } of odd) {
      const row = rows.find((item) => item.code === paragraph.code);
      expect(row?.sourceDefects).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'paragraph_misnumbered',
            probable_official_code: paragraph.probable_official_code,
          }),
        ]),
      );
      expect(row?.extra).toEqual({ probable_official_code: paragraph.probable_official_code });
    }
    const second = rows.find((row) => row.code === '1C010.1.2');
    expect(second?.extra).toEqual({ probable_official_code: '1C010.e.2' });
  });

  it('puts each exponent, number-format and defect record on the row of its paragraph, as the file gives it', async () => {
    const row = await db.prisma.controlProvision.findFirstOrThrow({
      where: { regime: 'EU', code: '6A003.b.1.a.1' },
      select: { text: true, exponentNotes: true },
    });
    expect(row.text).toContain('4 × 106');
    expect(row.exponentNotes).toEqual([
      {
        paragraph: '6A003.b.1.a.1',
        in: 'text',
        kind: 'power_of_ten',
        verbatim: '4 × 106',
        intended: '4 × 10^6',
        value: 4000000,
      },
    ]);

    const rows = await db.prisma.controlProvision.findMany({
      where: { regime: 'EU' },
      select: { code: true, exponentNotes: true, numberFormatNotes: true, sourceDefects: true },
    });
    const stored = (column: 'exponentNotes' | 'numberFormatNotes') =>
      rows.flatMap((item) => (Array.isArray(item[column]) ? item[column] : []));
    expect(stored('exponentNotes')).toHaveLength(file.counts.entry_exponent_notes as number);
    expect(stored('numberFormatNotes')).toHaveLength(file.counts.entry_number_format_notes as number);
    expect(stored('exponentNotes')).toEqual(expect.arrayContaining(file.entries.flatMap((e) => e.exponent_notes)));
    // A paragraph's own defects and those of its notes (marked with the note they concern).
    const defects = paragraphs.flatMap(({ paragraph }) => [
      ...(paragraph.source_defects ?? []),
      ...(paragraph.notes ?? []).flatMap((note) => note.source_defects ?? []),
    ]);
    expect(rows.flatMap((item) => (Array.isArray(item.sourceDefects) ? item.sourceDefects : []))).toHaveLength(
      defects.length,
    );
    const noteDefects = rows.find((item) => item.code === '1C010.1')?.sourceDefects;
    expect(noteDefects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          in: 'note',
          note_index: 1,
          note_label: 'Note 2',
          kind: 'note_attached_to_misnumbered_paragraph',
        }),
      ]),
    );
  });

  it('cites the source repository at its commit, with the JSON pointer of the entry record', async () => {
    const rows = await db.prisma.controlProvision.findMany({
      where: { regime: 'EU', entryCode: '6A003' },
      select: { citation: true },
    });
    const entry = file.entries.find((item) => item.code === '6A003');
    for (const { citation } of rows) {
      expect(citation).toMatchObject({
        sourceType: 'GITHUB_FILE',
        repository: REPOSITORY,
        path: 'data/annex.json',
        commit: file.source.commit,
        section: entry?.source.json_pointer,
      });
      expect(citation.url).toBe(`https://github.com/${REPOSITORY}/blob/${file.source.commit}/data/annex.json`);
      expect(citation.licence).toContain('2011/833/EU');
    }
  });
});

describe('notes', () => {
  it('holds every Note, Technical Note and N.B., per kind as in the file', async () => {
    const rows = await db.prisma.provisionNote.findMany({ where: { provision: { regime: 'EU' } } });
    expect(rows).toHaveLength(notes.length);
    expect(rows).toHaveLength(file.counts.notes as number);
    const kinds = { Note: 'NOTE', 'Technical Note': 'TECHNICAL_NOTE', 'N.B.': 'NB' } as const;
    expect(countBy(rows, (row) => row.kind)).toEqual(countBy(notes, (note) => kinds[note.kind]));
    expect(countBy(notes, (note) => note.kind)).toEqual(file.counts.notes_per_kind);
  });

  it('puts each note on the paragraph the file puts it on, verbatim, in order, with its scope and position', async () => {
    const rows = await db.prisma.provisionNote.findMany({
      where: { provision: { regime: 'EU' } },
      select: {
        label: true,
        text: true,
        ordinal: true,
        scopeInText: true,
        extra: true,
        codesMentioned: true,
        provision: { select: { code: true } },
      },
    });
    const byPlace = new Map(rows.map((row) => [`${row.provision.code}#${row.ordinal}`, row]));
    for (const { paragraph } of paragraphs) {
      (paragraph.notes ?? []).forEach((note, index) => {
        const row = byPlace.get(`${paragraph.code}#${index}`);
        expect(row, `${paragraph.code} note ${index}`).toMatchObject({
          label: note.label,
          text: note.text,
          scopeInText: note.scope_in_text ?? null,
        });
        expect((row?.extra as { after_paragraph?: string } | null)?.after_paragraph).toBe(note.after_paragraph);
      });
    }
    expect(rows.filter((row) => row.scopeInText !== null)).toHaveLength(20);
    // N.B.s name the codes they point at (related_controls).
    expect(byPlace.get('6A003#0')).toMatchObject({ label: 'N.B.', text: 'SEE ALSO 6A203.', codesMentioned: ['6A203'] });
  });

  it('6A003.b.4 carries "Note 3" and "Note 4" with their texts', async () => {
    const paragraph = paragraphs.find((item) => item.paragraph.code === '6A003.b.4')?.paragraph;
    const expected = (label: string) => paragraph?.notes?.find((note) => note.label === label)?.text;
    expect(expected('Note 3')).toContain('4500 kg');
    const rows = await db.prisma.provisionNote.findMany({
      where: { provision: { regime: 'EU', code: '6A003.b.4' } },
      orderBy: { ordinal: 'asc' },
    });
    const note3 = rows.find((row) => row.label === 'Note 3');
    const note4 = rows.find((row) => row.label === 'Note 4');
    expect(note3).toMatchObject({ kind: 'NOTE', text: expected('Note 3') });
    expect(note4).toMatchObject({ kind: 'NOTE', text: expected('Note 4') });
  });
});

describe('list texts', () => {
  async function texts(
    kind: 'GENERAL_NOTE' | 'TECHNOLOGY_NOTE' | 'DEFINITION' | 'ACRONYM' | 'SECTION_NOTE' | 'ARTICLE',
  ) {
    return db.prisma.listText.findMany({
      where: { kind, controlList: { sourceKey: EU_ANNEX_I_LIST } },
      orderBy: { ordinal: 'asc' },
    });
  }

  it('the General Notes and technology notes, verbatim', async () => {
    const general = await texts('GENERAL_NOTE');
    expect(general.map((row) => [row.label, row.text])).toEqual(
      file.general_notes.map((note) => [`General Note ${note.number}`, note.text]),
    );
    expect(general).toHaveLength(4);
    expect(general[0]?.sourceDefects).toEqual(file.general_notes[0]?.source_defects);
    expect(general[1]?.extra).toEqual({ notes: file.general_notes[1]?.notes });

    const technology = await texts('TECHNOLOGY_NOTE');
    expect(technology.map((row) => row.label)).toEqual(['GTN', 'NTN', 'GSN', 'NSN', 'GISN']);
    for (const row of technology) expect(row.text).toBe(file.technology_notes[row.label]?.text);
    expect(technology[0]?.text).toContain(
      'Controls on "technology" transfers do not apply to information "in the public domain"',
    );
  });

  it('the definitions (term as label, their categories) and the line without a term, with its defect', async () => {
    const rows = await texts('DEFINITION');
    const definitions = rows.filter((row) => (row.extra as { orphan_line?: boolean } | null)?.orphan_line !== true);
    expect(definitions).toHaveLength(file.definitions.length);
    expect(definitions).toHaveLength(file.counts.definitions as number);
    expect(definitions.map((row) => [row.label, row.text, row.categories])).toEqual(
      file.definitions.map((definition) => [definition.term, definition.text, definition.categories]),
    );
    const accuracy = definitions.find((row) => row.label === 'Accuracy');
    expect(accuracy?.categories).toEqual(['2', '3', '6', '7']);
    expect(definitions.filter((row) => row.label === 'Bias')).toHaveLength(2);

    const orphans = rows.filter((row) => (row.extra as { orphan_line?: boolean } | null)?.orphan_line === true);
    expect(orphans).toHaveLength(1);
    expect(orphans[0]?.text).toBe('www.wassenaar.org');
    expect(orphans[0]?.sourceDefects).toEqual(file.definitions_orphan_lines[0]?.source_defects);
    // In the order of the file: right after the definition it follows.
    const after = rows.findIndex((row) => row.label === 'Optical integrated circuit');
    expect(rows[after + 1]?.text).toBe('www.wassenaar.org');
  });

  it('the acronyms, one row each; section notes; articles and editorial texts', async () => {
    const acronyms = await texts('ACRONYM');
    expect(acronyms).toHaveLength(file.acronyms.rows.length);
    expect(acronyms).toHaveLength(file.counts.acronyms as number);
    expect(acronyms.map((row) => [row.label, row.text])).toEqual(
      file.acronyms.rows.map((row) => [row.acronym, row.meaning]),
    );
    expect(acronyms.filter((row) => row.label === 'MRF').map((row) => row.text)).toEqual([
      'Magnetorheological Finishing',
      'Minimum Resolvable Feature size',
    ]);

    const sections = await texts('SECTION_NOTE');
    expect(sections).toHaveLength(file.counts.section_notes as number);
    expect(sections.map((row) => [row.label, row.text, row.categories])).toEqual(
      file.section_notes.map((note) => [note.title_in_source, note.text, [String(note.category)]]),
    );

    const articles = await texts('ARTICLE');
    expect(articles.map((row) => row.label)).toEqual([
      ...file.regulation_articles.map((article) => article.title_in_source),
      file.editorial_practices.title,
      DEFINITIONS_INTRODUCTION_LABEL,
      ACRONYMS_INTRODUCTION_LABEL,
    ]);
    expect(articles[0]?.text).toBe(file.regulation_articles[0]?.text);
    expect(articles[3]?.text).toBe(file.editorial_practices.text);
    expect(articles[4]?.text).toBe(file.definitions_preamble.join('\n'));
  });
});

describe('the four Annex I rows control_entries.json held before', () => {
  it('are the entry rows of this file, under the same source keys and ids', async () => {
    const rows = await db.prisma.controlProvision.findMany({
      where: { sourceKey: { in: SUPERSEDED_ENTRIES.map(euProvisionSourceKey) } },
      select: { id: true, sourceKey: true, kind: true, text: true, citation: { select: { repository: true } } },
    });
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.id).toBe(stableId('ControlProvision', row.sourceKey));
      expect(row).toMatchObject({ kind: 'ENTRY', citation: { repository: REPOSITORY } });
    }
    expect(loaded.get('control-entries')?.counts.ControlProvision?.rows).toBe(2); // Hong Kong and the older US text
  });

  it("keep control-entries' verbatim key thresholds, and the records' caveats on the Annex but not on their extract", async () => {
    const thresholds = await db.prisma.threshold.findMany({
      where: { sourceKey: { startsWith: `${EU_ANNEX_I_LIST}-` } },
      select: { sourceKey: true, provision: { select: { code: true, kind: true, regime: true } } },
    });
    expect(thresholds.length).toBeGreaterThan(0);
    for (const threshold of thresholds) {
      expect(threshold.provision).toMatchObject({ kind: 'ENTRY', regime: 'EU' });
      expect(threshold.sourceKey.startsWith(euProvisionSourceKey(threshold.provision.code))).toBe(true);
    }
    const notesOf = async (code: string) =>
      (await db.prisma.controlProvision.findFirstOrThrow({ where: { regime: 'EU', code }, select: { notes: true } }))
        .notes;
    expect(await notesOf('6A003')).toContain('Unlike the US CCL, Annex I has no RS split');
    expect(await notesOf('6A002')).toContain('Annex I does not assign reasons for control per entry');
    // 6A008's record says the parser of its source missed 6A008.a-h: not true of this file.
    expect(await notesOf('6A008')).toBeNull();
    expect(await notesOf('6A002.a')).toBeNull();
  });

  it('encoded criteria now sit on the row of their own paragraph', async () => {
    const group = await db.prisma.thresholdGroup.findFirstOrThrow({
      where: { paragraph: '6A003.b.4.b', provision: { regime: 'EU' }, role: 'CONDITIONS' },
      select: { provision: { select: { code: true, kind: true } } },
    });
    expect(group.provision).toEqual({ code: '6A003.b.4.b', kind: 'PARAGRAPH' });
  });
});

describe('loading again', () => {
  it('changes nothing and deletes nothing', async () => {
    const before = loaded.get('eu-annex-i')?.counts;
    expect(before?.ControlProvision?.created).toBe(file.counts.paragraphs);
    await db.logStatements(() => load(['eu-annex-i']));
    const again = loaded.get('eu-annex-i');
    expect(again?.audits).toBe(0);
    for (const table of ['ControlProvision', 'ProvisionNote', 'ListText', 'Citation']) {
      expect(again?.counts[table]?.created, table).toBe(0);
      expect(again?.counts[table]?.updated, table).toBe(0);
    }
    expect(db.statements.filter((statement) => REMOVING_STATEMENT.test(statement))).toEqual([]);
  });
});
