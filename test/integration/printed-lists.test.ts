// The Wassenaar List (WA-LIST (25) 1 Corr.) and the UK Strategic Export Control List (16 Dec
// 2025) through the API: a provision by its EU-style code in each regime, with its printed code,
// Wassenaar code, markers, notes and list. Expected texts are taken from the seed files.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

interface PrintedRecord {
  code: string;
  heading?: string;
  text?: string;
  regime_markers?: string[];
  paragraphs?: PrintedRecord[];
  notes: Array<{ marker: string; text: string }>;
}

function seedEntries(path: string): PrintedRecord[] {
  const json = JSON.parse(readFileSync(new URL(`../../seed/data/${path}`, import.meta.url), 'utf8')) as {
    entries: PrintedRecord[];
  };
  return json.entries;
}

const wassenaarB4 = seedEntries('wassenaar_2025_cat6.json')
  .find((entry) => entry.code === '6.A.3')
  ?.paragraphs?.find((paragraph) => paragraph.code === '6.A.3.b.4');
const uk6A003 = seedEntries('uk_strategic_list_2025-12-16_cat6.json').find((entry) => entry.code === '6A003');

const PrintedProvision = graphql(`
  query PrintedProvision($code: String!, $regime: Regime) {
    provision(code: $code, regime: $regime) {
      code
      regime
      kind
      title
      text
      status
      textDate
      printedCode
      wassenaarCode
      regimeMarkers
      parent {
        code
      }
      children {
        code
      }
      listNotes {
        kind
        label
        text
        appliesTo
      }
      controlList {
        version
      }
      jurisdiction {
        code
      }
      citation {
        repository
        section
        licence
      }
    }
  }
`);

describeWithDatabase('the Wassenaar and UK lists through the API', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('provision(code: "6A003.b.4", regime: WASSENAAR) answers with the Wassenaar text, its printed code and its notes', async () => {
    const response = await service.query(PrintedProvision, { code: '6A003.b.4', regime: 'WASSENAAR' });
    expect(response.errors).toBeUndefined();
    const provision = response.data?.provision;
    expect(provision).toMatchObject({
      code: '6A003.b.4',
      regime: 'WASSENAAR',
      kind: 'PARAGRAPH',
      text: wassenaarB4?.text,
      status: 'CURRENT',
      textDate: '2026-01-15',
      printedCode: '6.A.3.b.4',
      wassenaarCode: null,
      regimeMarkers: [],
      parent: { code: '6A003.b' },
      controlList: { version: 'WA-LIST (25) 1 Corr.' },
      jurisdiction: { code: 'WA' },
      citation: { repository: 'jaepaly/2026sanbo' },
    });
    expect(provision?.children.map((child) => child.code)).toEqual(['6A003.b.4.a', '6A003.b.4.b', '6A003.b.4.c']);
    expect(provision?.listNotes.map((note) => note.label)).toEqual(wassenaarB4?.notes.map((note) => note.marker));
    const note3 = provision?.listNotes.find((note) => note.label === 'Note 3');
    expect(note3?.kind).toBe('NOTE');
    expect(note3?.text).toContain('9 Hz');
  });

  it('provision(code: "6A003", regime: UK) answers with the UK entry, its markers and its Wassenaar code', async () => {
    const response = await service.query(PrintedProvision, { code: '6A003', regime: 'UK' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.provision).toMatchObject({
      code: '6A003',
      regime: 'UK',
      kind: 'ENTRY',
      title: uk6A003?.heading,
      text: uk6A003?.heading,
      status: 'CURRENT',
      textDate: '2025-12-16',
      printedCode: null,
      wassenaarCode: '6.A.3',
      regimeMarkers: uk6A003?.regime_markers,
      parent: null,
      controlList: { version: '2025-12-16' },
      jurisdiction: { code: 'UK' },
      citation: { repository: 'jjddean/trader-' },
    });
    expect(response.data?.provision?.regimeMarkers).toContain('[W]');
    expect(response.data?.provision?.listNotes.map((note) => note.text)).toEqual(
      uk6A003?.notes.map((note) => note.text),
    );
  });
});
