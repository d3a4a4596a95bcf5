// Whether the EU encodings of 6A002, 6A003, 6A008 and 6A203 also stand for the Wassenaar List
// (WA-LIST (25) 1 Corr.) and the UK Strategic Export Control List (16 Dec 2025): every paragraph
// and note of the three texts, read from the seed files as the importers store them, is compared
// with compareRegimeTexts, the comparison regime-comparison uses (printing differences ignored:
// dotted Wassenaar codes, digit grouping, spaced exponents, quote marks, dashes, case, spacing).
// The test pins which paragraphs and notes are the same and names the ones that differ.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulebook } from '../../src/classification/rulebook.js';
import type { ParagraphNode } from '../../src/classification/encoding-schema.js';
import type { Regime } from '../../src/generated/prisma/client.js';
import { comparableText, sameListText } from '../../src/domain/list-text-comparison.js';
import { compareRegimeTexts, type ComparedProvision } from '../../src/services/regime-comparison.js';

const SEED_DATA = join(process.cwd(), 'seed', 'data');
const ENTRIES = ['6A002', '6A003', '6A008', '6A203'] as const;
const NOTE_KINDS = { Note: 'NOTE', 'Technical Note': 'TECHNICAL_NOTE', 'N.B.': 'NB' } as const;

interface SourceNote {
  kind: keyof typeof NOTE_KINDS;
  label?: string;
  marker?: string;
  text: string;
}
interface SourceParagraph {
  code: string;
  eu_style_code?: string;
  wassenaar_code?: string;
  text: string;
  notes?: SourceNote[];
}
interface SourceEntry extends SourceParagraph {
  heading: string;
  paragraphs: SourceParagraph[];
}

function readEntries(file: string): SourceEntry[] {
  return (JSON.parse(readFileSync(join(SEED_DATA, file), 'utf8')) as { entries: SourceEntry[] }).entries;
}

/** A provision as the list importers store it: EU-style code, printed or Wassenaar code, text, notes. */
function provision(
  regime: Regime,
  code: string,
  text: string,
  notes: readonly SourceNote[],
  codes: { printedCode?: string; wassenaarCode?: string } = {},
): ComparedProvision {
  return {
    id: `${regime}-${code}`,
    regime,
    code,
    printedCode: codes.printedCode ?? null,
    wassenaarCode: codes.wassenaarCode ?? null,
    text,
    listNotes: notes.map((note, index) => ({
      id: `${regime}-${code}-${index}`,
      kind: NOTE_KINDS[note.kind],
      label: note.label ?? note.marker ?? note.kind,
      text: note.text,
    })),
  };
}

const eu = readEntries('eu_annex_i.json');
const wassenaar = readEntries('wassenaar_2025_cat6.json');
const uk = readEntries('uk_strategic_list_2025-12-16_cat6.json');

function provisionsOf(entry: string): ComparedProvision[] {
  const rows: ComparedProvision[] = [];
  const euEntry = eu.find((candidate) => candidate.code === entry);
  // The EU file prints the heading as the entry's first paragraph.
  for (const paragraph of euEntry?.paragraphs ?? [])
    rows.push(provision('EU', paragraph.code, paragraph.text, paragraph.notes ?? []));
  const waEntry = wassenaar.find((candidate) => candidate.eu_style_code === entry);
  if (waEntry) {
    rows.push(provision('WASSENAAR', entry, waEntry.heading, waEntry.notes ?? [], { printedCode: waEntry.code }));
    for (const paragraph of waEntry.paragraphs)
      rows.push(
        provision('WASSENAAR', paragraph.eu_style_code ?? paragraph.code, paragraph.text, paragraph.notes ?? [], {
          printedCode: paragraph.code,
        }),
      );
  }
  const ukEntry = uk.find((candidate) => candidate.code === entry);
  if (ukEntry) {
    rows.push(provision('UK', entry, ukEntry.heading, ukEntry.notes ?? [], { wassenaarCode: ukEntry.wassenaar_code }));
    for (const paragraph of ukEntry.paragraphs)
      rows.push(
        provision('UK', paragraph.code, paragraph.text, paragraph.notes ?? [], {
          wassenaarCode: paragraph.wassenaar_code,
        }),
      );
  }
  return rows;
}

/** The paragraphs an encoding uses: every node of its tree. */
function encodedParagraphs(entry: string): string[] {
  const file = loadRulebook().entries.find(
    (candidate) => candidate.encoding.regime === 'EU' && candidate.encoding.entry === entry,
  );
  const codes: string[] = [];
  const visit = (node: ParagraphNode) => {
    codes.push(node.paragraph);
    for (const child of node.children ?? []) visit(child);
  };
  if (file) visit(file.encoding.root);
  return codes;
}

/**
 * Texts the comparison calls DIFFERENT that differ only in printing it does not remove: punctuation
 * (decimal commas, thousands commas, ";" for ":"), quote marks around a term, parentheses,
 * "b*d" for "b × d", -ize/-ise spelling, and "Not used since 2017" for "Not used;".
 */
function printingOnly(a: string, b: string): boolean {
  const bare = (text: string) => {
    const comparable = comparableText(
      text.replace(/(?<=\w)\s*\*\s*(?=\w)/g, ' x ').replace(/\b(authori|summari)z/gi, '$1s'),
    );
    return comparable.startsWith('notused') ? 'notused' : comparable.replace(/[^\p{L}\p{N}]/gu, '');
  };
  return bare(a) === bare(b);
}

/** Wassenaar notes say "does not apply to" where the EU and UK lists say "does not control". */
function verbOnly(a: string, b: string): boolean {
  const verb = (text: string) => text.replace(/does not apply to/g, 'does not control');
  return printingOnly(verb(a), verb(b));
}

type Status = 'SAME' | 'PRINTING' | 'VERB' | 'SPLIT' | 'DIFFERENT' | 'MISSING';

function status(same: boolean, eu: string, other: string | undefined): Status {
  if (other === undefined) return 'MISSING';
  if (same) return 'SAME';
  if (printingOnly(eu, other)) return 'PRINTING';
  if (verbOnly(eu, other)) return 'VERB';
  return 'DIFFERENT';
}

interface EntryReport {
  /** Every EU paragraph: its status against the other list's paragraph of the same code. */
  paragraphs: Map<string, Status>;
  /** Every EU note ("<code> <label>"): its status against the other list's notes of the entry. */
  notes: Map<string, Status>;
  details: string[];
}

function report(entry: string, other: Regime): EntryReport {
  const provisions = provisionsOf(entry);
  const comparisons = compareRegimeTexts(['EU', other], provisions, false);
  const paragraphs = new Map<string, Status>();
  const details: string[] = [];
  for (const comparison of comparisons) {
    const euSide = comparison.sides.find((side) => side.regime === 'EU');
    if (!euSide) continue;
    const otherSide = comparison.sides.find((side) => side.regime === other);
    const value = status(comparison.status === 'SAME', euSide.item.text, otherSide?.item.text);
    paragraphs.set(comparison.code, value);
    if (value === 'DIFFERENT' || value === 'MISSING')
      details.push(
        `${comparison.code} ${value}\n  EU: ${euSide.item.text}\n  ${other}: ${otherSide?.item.text ?? '-'}`,
      );
  }
  // Notes are matched by text across the entry: the lists place some notes under different
  // paragraphs, and the EU source prints some notes inside another note's text.
  const otherNotes = provisions.filter((row) => row.regime === other).flatMap((row) => row.listNotes);
  const notes = new Map<string, Status>();
  for (const row of provisions.filter((candidate) => candidate.regime === 'EU')) {
    for (const note of row.listNotes) {
      const key = `${row.code} ${note.label}`;
      const exact = otherNotes.find((candidate) => sameListText(candidate.text, note.text));
      const printing = otherNotes.find((candidate) => printingOnly(candidate.text, note.text));
      const verb = otherNotes.find((candidate) => verbOnly(candidate.text, note.text));
      const within = otherNotes.filter((candidate) =>
        comparableText(note.text)
          .replace(/[^\p{L}\p{N}]/gu, '')
          .includes(
            comparableText(candidate.text.replace(/does not apply to/g, 'does not control')).replace(
              /[^\p{L}\p{N}]/gu,
              '',
            ),
          ),
      );
      const value: Status = exact
        ? 'SAME'
        : printing
          ? 'PRINTING'
          : verb
            ? 'VERB'
            : within.length > 0
              ? 'SPLIT'
              : 'DIFFERENT';
      notes.set(key, value);
      if (value === 'DIFFERENT') details.push(`${key} DIFFERENT\n  EU: ${note.text}`);
      if (value === 'SPLIT')
        details.push(
          `${key} SPLIT: the EU note holds ${within.map((candidate) => candidate.label).join(', ')} of ${other}`,
        );
    }
  }
  return { paragraphs, notes, details };
}

function codesWith(map: ReadonlyMap<string, Status>, wanted: readonly Status[]): string[] {
  return [...map.entries()].filter(([, value]) => wanted.includes(value)).map(([code]) => code);
}

/**
 * What differs beyond printing, found by this comparison and read against the texts. Everything
 * else in the entry is SAME, PRINTING (see printingOnly), VERB ("does not apply to" for "does not
 * control") or SPLIT (one EU note holds what the other list prints as several notes).
 */
const EXPECTED: Record<
  (typeof ENTRIES)[number],
  Record<'WASSENAAR' | 'UK', { paragraphs: string[]; notes: string[] }>
> = {
  '6A002': {
    WASSENAAR: {
      // "having the characteristics listed in" for "specified in".
      paragraphs: ['6A002.c.1', '6A002.c.2'],
      notes: [
        '6A002 N.B.', // "SEE ALSO 6A102.": EU-only pointer
        '6A002.a.3.d Note', // "with 32 elements or fewer, where all the detector elements are made from germanium"
        '6A002.a.3.d Technical Note', // split into two numbered definitions "For the purposes of 6.A.2.a.3.d.2.a."
        '6A002.b Note', // items lettered a./b. where the EU numbers them 1./2.
        '6A002.f Note', // "'Read-Out Integrated Circuits' ('ROIC')" for "'read-out integrated circuits'"
      ],
    },
    UK: { paragraphs: [], notes: [] },
  },
  '6A003': {
    WASSENAAR: {
      // b.3: "having the characteristics listed in"; b.4: "Imaging cameras, not specified in 6.A.2.b., incorporating ...".
      paragraphs: ['6A003.b.3', '6A003.b.4'],
      // N.B.: EU-only pointer to 6A203; Notes 3 and 4 carry a nested procedural note ("When necessary,
      // details of the item will be provided ... to the appropriate authority ...").
      notes: ['6A003 N.B.', '6A003.b.4 Note 3', '6A003.b.4 Note 4'],
    },
    UK: { paragraphs: [], notes: [] },
  },
  '6A008': {
    WASSENAAR: {
      // "Synthetic Aperture Radar (SAR) mode, Inverse Synthetic Aperture Radar (ISAR) mode, ...".
      paragraphs: ['6A008.d'],
      notes: [
        '6A008 N.B.', // "SEE ALSO 6A108.": EU-only pointer
        '6A008 Note', // "Secondary Surveillance Radar ... International Civil Aviation Organization (ICAO) standards"
        '6A008.i Note', // "having all of the following" for "having all the following"
        '6A008.l.4 N.B.', // "See also ML5.b." for "See also Military Goods Controls."
        '6A008.l.4 Note', // "6.A.8.l. does not apply to ... 'vessel traffic services'": all of l, not l.4 only
      ],
    },
    // "6A008.l. does not control ... 'vessel traffic services'": all of l, not l.4 only.
    UK: { paragraphs: [], notes: ['6A008.l.4 Note'] },
  },
  '6A203': {
    // 6A203 is not a Wassenaar entry (nuclear-related, EU and UK lists only): every paragraph MISSING.
    WASSENAAR: { paragraphs: [], notes: [] },
    UK: { paragraphs: [], notes: [] },
  },
};

describe('EU, Wassenaar and UK texts of the encoded entries, paragraph by paragraph', () => {
  for (const entry of ENTRIES) {
    for (const other of ['WASSENAAR', 'UK'] as const) {
      it(`${entry}: the ${other} text against the EU text the encoding quotes`, () => {
        const result = report(entry, other);
        console.info(`[${entry} EU vs ${other}]\n${result.details.join('\n')}`);
        const encoded = encodedParagraphs(entry);
        expect(encoded.length).toBeGreaterThan(0);
        // Every paragraph of the EU entry is encoded, so the statuses cover the encoding.
        expect([...result.paragraphs.keys()].sort()).toEqual([...encoded].sort());
        const expected = EXPECTED[entry][other];
        if (entry === '6A203' && other === 'WASSENAAR') {
          expect(codesWith(result.paragraphs, ['MISSING'])).toEqual([...result.paragraphs.keys()]);
          return;
        }
        expect(codesWith(result.paragraphs, ['MISSING'])).toEqual([]);
        expect(codesWith(result.paragraphs, ['DIFFERENT'])).toEqual(expected.paragraphs);
        expect(codesWith(result.notes, ['DIFFERENT', 'MISSING'])).toEqual(expected.notes);
      });
    }
  }

  it('the UK text is the EU text in every encoded paragraph; of the notes only the vessel traffic service Note differs', () => {
    for (const entry of ENTRIES) {
      const result = report(entry, 'UK');
      expect(codesWith(result.paragraphs, ['SAME', 'PRINTING'])).toEqual([...result.paragraphs.keys()]);
    }
    expect(codesWith(report('6A008', 'UK').notes, ['DIFFERENT'])).toEqual(['6A008.l.4 Note']);
  });
});
