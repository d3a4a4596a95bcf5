// One entry across four regimes on a small hand-made dataset: paragraphs paired by code (the
// Wassenaar List by its EU-style code, the UK by the Wassenaar code it prints, even where it
// letters items differently), differences of printing ignored and real ones named word by word,
// notes paired by label, and the harmonisation report's counts per pair of regimes.
import { graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExemptionRules } from '../../src/classification/exemption-rules.js';
import { loadRulebook } from '../../src/classification/rulebook.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import type { PrismaClient, Regime } from '../../src/generated/prisma/client.js';
import { schema } from '../../src/graphql/index.js';
import { createRequestLoaders } from '../../src/graphql/request-loaders.js';
import { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import { createServices, type AppServices } from '../../src/services/app-services.js';

interface Row {
  code: string;
  text: string;
  printedCode?: string;
  wassenaarCode?: string;
  notes?: Array<{ label: string; text: string }>;
}

async function insertList(p: PrismaClient, regime: Regime, jurisdiction: string, rows: Row[]) {
  const cit = await p.citation.create({
    data: { key: `c-${regime}`, sourceType: 'URL', url: `https://example.org/${regime}` },
  });
  const j = await p.jurisdiction.create({ data: { code: jurisdiction, name: jurisdiction, kind: 'STATE' } });
  const list = await p.controlList.create({
    data: { sourceKey: `list-${regime}`, regime, jurisdictionId: j.id, name: regime, version: '1', citationId: cit.id },
  });
  for (const [ordinal, row] of rows.entries()) {
    const provision = await p.controlProvision.create({
      data: {
        sourceKey: `${regime}-${row.code}`,
        contentHash: 'h',
        controlListId: list.id,
        regime,
        jurisdictionId: j.id,
        kind: row.code.includes('.') ? 'PARAGRAPH' : 'ENTRY',
        code: row.code,
        entryCode: row.code.split('.')[0] ?? row.code,
        title: row.code,
        text: row.text,
        category: '6',
        categoryName: 'Sensors and Lasers',
        reasonsForControl: [],
        printedCode: row.printedCode ?? null,
        wassenaarCode: row.wassenaarCode ?? null,
        ordinal,
        citationId: cit.id,
      },
    });
    for (const [index, note] of (row.notes ?? []).entries()) {
      await p.provisionNote.create({
        data: {
          sourceKey: `${regime}-${row.code}-n${index}`,
          contentHash: 'h',
          provisionId: provision.id,
          kind: note.label.startsWith('Technical') ? 'TECHNICAL_NOTE' : 'NOTE',
          label: note.label,
          text: note.text,
          ordinal: index,
          citationId: cit.id,
        },
      });
    }
  }
}

const LIDT = {
  label: 'Technical Note',
  text: 'For the purposes of 6.A.4.a., LIDT is measured according to ISO 21254-1:2011.',
};
const HELIOSTAT = {
  label: 'Note',
  text: '6.A.4.a.2. and 6.A.4.a.3. do not apply to mirrors for heliostat installations.',
};

async function insertFixture(p: PrismaClient) {
  await insertList(p, 'WASSENAAR', 'WA', [
    { code: '6A004', printedCode: '6.A.4', text: 'Optical equipment and components, as follows:' },
    {
      code: '6A004.a',
      printedCode: '6.A.4.a',
      text: 'Optical mirrors (reflectors) as follows:',
      notes: [LIDT, HELIOSTAT],
    },
    {
      code: '6A004.a.1',
      printedCode: '6.A.4.a.1',
      text: "'Deformable mirrors' having an active optical aperture greater than 10 mm, not specified in 6.A.2.b.;",
    },
    { code: '6A004.d', printedCode: '6.A.4.d', text: 'None' },
    { code: '6A004.e', printedCode: '6.A.4.e', text: 'Optical control equipment exceeding 1000000 frames/s;' },
  ]);
  await insertList(p, 'EU', 'EU', [
    { code: '6A004', text: 'Optical equipment and components, as follows:' },
    {
      code: '6A004.a',
      text: 'Optical mirrors (reflectors) as follows:',
      notes: [
        { ...LIDT, text: LIDT.text.replace('6.A.4.a.', '6A004.a.') },
        { ...HELIOSTAT, text: HELIOSTAT.text.replaceAll('6.A.4.a.', '6A004.a.') },
      ],
    },
    { code: '6A004.a.1', text: "'Deformable mirrors' having an active optical aperture greater than 10 mm;" },
    { code: '6A004.d', text: 'None' },
    { code: '6A004.e', text: 'Optical control equipment exceeding 1 000 000 frames/s;' },
  ]);
  // The UK leaves out the placeholder d. and letters the next item d.: its Wassenaar code pairs it.
  await insertList(p, 'UK', 'UK', [
    { code: '6A004', wassenaarCode: '6.A.4', text: 'Optical equipment and components, as follows:' },
    {
      code: '6A004.a',
      wassenaarCode: '6.A.4.a',
      text: 'Optical mirrors (reflectors) as follows:',
      notes: [
        {
          label: 'Technical Note:',
          text: 'For the purposes of 6A004.a., LIDT is measured according to ISO 21254-1:2011.',
        },
      ],
    },
    {
      code: '6A004.a.1',
      wassenaarCode: '6.A.4.a.1',
      text: "'Deformable mirrors' having an active optical aperture greater than 10 mm;",
    },
    { code: '6A004.d', wassenaarCode: '6.A.4.e', text: 'Optical control equipment exceeding 1000000 frames/s;' },
  ]);
  await insertList(p, 'US_EAR', 'US', [
    { code: '6A004', text: 'Optical equipment and components, as follows (see List of Items Controlled).' },
    { code: '6A004.a', text: 'a. Optical mirrors (reflectors) as follows:' },
  ]);
}

let db: Database;
let services: AppServices;

async function run(source: string) {
  const result = await graphql({
    schema,
    source,
    contextValue: { requestId: 'test', services, loaders: createRequestLoaders(services), filterNotes: [] },
  });
  return { data: result.data as Record<string, unknown> | null | undefined, errors: result.errors };
}

beforeAll(async () => {
  db = await openDatabase({
    DATA_DIR: 'unused',
    inMemory: true,
    DB_POOL_SIZE: 1,
    DB_CONNECT_TIMEOUT_MS: 5000,
    DB_STATEMENT_TIMEOUT_MS: 60_000,
  });
  await applyMigrations(db.sql, MIGRATIONS_DIR);
  const rulebook = loadRulebook();
  services = createServices({
    db,
    rulebook,
    exemptionRules: loadExemptionRules(rulebook),
    searchEngine: new EmbeddedSearchEngine(),
  });
  await insertFixture(db.prisma);
});

afterAll(async () => {
  await db?.close();
});

interface Pair {
  first: string;
  second: string;
  status: string;
  onlyIn: string | null;
  differences: Array<{ op: string; text: string }>;
}
interface Paragraph {
  code: string;
  status: string;
  sides: Array<{ regime: string; method: string; provision: { code: string } }>;
  pairs: Pair[];
  notes: Array<{ label: string; status: string; sides: Array<{ regime: string }>; pairs: Pair[] }>;
}

describe('comparing an entry across regimes', () => {
  it('pairs the paragraphs by code and the UK by its Wassenaar codes, and names the differences', async () => {
    const result = await run(`{ compareProvision(code: "6A004") {
      listedIn
      paragraphs { code status sides { regime method provision { code } }
        pairs { first second status onlyIn differences { op text } }
        notes { label status sides { regime } pairs { first second status onlyIn } } }
    } }`);
    expect(result.errors).toBeUndefined();
    const comparison = result.data?.compareProvision as { listedIn: string[]; paragraphs: Paragraph[] };
    // In the order of the Regime enum.
    expect(comparison.listedIn).toEqual(['WASSENAAR', 'EU', 'US_EAR', 'UK']);
    const byCode = new Map(comparison.paragraphs.map((paragraph) => [paragraph.code, paragraph]));
    expect([...byCode.keys()]).toEqual(['6A004', '6A004.a', '6A004.a.1', '6A004.d', '6A004.e']);

    // UK 6A004.d is Wassenaar 6.A.4.e: compared with 6A004.e, where it reads the same.
    const e = byCode.get('6A004.e');
    expect(e?.sides.map((side) => [side.regime, side.method, side.provision.code])).toEqual([
      ['WASSENAAR', 'EU_STYLE_CODE', '6A004.e'],
      ['EU', 'SAME_CODE', '6A004.e'],
      ['UK', 'WASSENAAR_CODE', '6A004.d'],
    ]);
    expect(
      e?.pairs.filter((pair) => pair.first !== 'US_EAR' && pair.second !== 'US_EAR').map((pair) => pair.status),
    ).toEqual(['SAME', 'SAME', 'SAME']);
    expect(byCode.get('6A004.d')?.sides.map((side) => side.regime)).toEqual(['WASSENAAR', 'EU']);

    // Wassenaar adds "not specified in 6.A.2.b." where the EU and UK texts do not.
    const a1 = byCode.get('6A004.a.1');
    const waEu = a1?.pairs.find((pair) => pair.first === 'WASSENAAR' && pair.second === 'EU');
    expect(waEu?.status).toBe('DIFFERENT');
    expect(
      waEu?.differences
        .filter((segment) => segment.op === 'DELETE')
        .map((segment) => segment.text)
        .join(''),
    ).toContain('not specified in 6.A.2.b.');
    expect(a1?.pairs.find((pair) => pair.first === 'EU' && pair.second === 'UK')?.status).toBe('SAME');
    expect(a1?.pairs.find((pair) => pair.first === 'WASSENAAR' && pair.second === 'US_EAR')).toMatchObject({
      status: 'ONLY_IN_ONE',
      onlyIn: 'WASSENAAR',
    });

    // The US prints the label before its text: a. Optical mirrors ... reads the same.
    expect(byCode.get('6A004.a')?.pairs.find((pair) => pair.first === 'EU' && pair.second === 'US_EAR')?.status).toBe(
      'SAME',
    );

    // Notes: the Technical Note is in three lists alike; the heliostat Note is not in the UK list.
    const notes = byCode.get('6A004.a')?.notes ?? [];
    expect(notes.map((note) => [note.label, note.status, note.sides.map((side) => side.regime)])).toEqual([
      ['Technical Note', 'ONLY_IN_SOME', ['WASSENAAR', 'EU', 'UK']],
      ['Note', 'ONLY_IN_SOME', ['WASSENAAR', 'EU']],
    ]);
    expect(notes[0]?.pairs.filter((pair) => pair.status === 'SAME').length).toBe(3);
    expect(notes[1]?.pairs.find((pair) => pair.first === 'EU' && pair.second === 'UK')).toMatchObject({
      status: 'ONLY_IN_ONE',
      onlyIn: 'EU',
    });
  });

  it('reports per entry and per pair of regimes how many paragraphs and notes agree', async () => {
    const result = await run(`{ harmonisationReport(category: "6", regimes: [WASSENAAR, EU, UK]) {
      regimes entries { entry listedIn status paragraphCount
        pairs { first second paragraphs { same different onlyInFirst onlyInSecond } notes { same different onlyInFirst onlyInSecond } } }
      totals { first second paragraphs { same different } }
    } }`);
    expect(result.errors).toBeUndefined();
    const report = result.data?.harmonisationReport as {
      entries: Array<{ entry: string; status: string; paragraphCount: number; pairs: Array<Record<string, unknown>> }>;
    };
    expect(report.entries).toHaveLength(1);
    const entry = report.entries[0];
    expect(entry?.status).toBe('ONLY_IN_SOME');
    expect(entry?.paragraphCount).toBe(5);
    expect(entry?.pairs).toEqual([
      {
        first: 'WASSENAAR',
        second: 'EU',
        paragraphs: { same: 4, different: 1, onlyInFirst: 0, onlyInSecond: 0 },
        notes: { same: 2, different: 0, onlyInFirst: 0, onlyInSecond: 0 },
      },
      {
        first: 'WASSENAAR',
        second: 'UK',
        paragraphs: { same: 3, different: 1, onlyInFirst: 1, onlyInSecond: 0 },
        notes: { same: 1, different: 0, onlyInFirst: 1, onlyInSecond: 0 },
      },
      {
        first: 'EU',
        second: 'UK',
        paragraphs: { same: 4, different: 0, onlyInFirst: 1, onlyInSecond: 0 },
        notes: { same: 1, different: 0, onlyInFirst: 1, onlyInSecond: 0 },
      },
    ]);
    const refused = await run(`{ harmonisationReport(category: "six") { category } }`);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
  });
});
