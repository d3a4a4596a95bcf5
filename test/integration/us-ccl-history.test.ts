// The Commerce Control List over time, through the API: the facts the data README checks on
// us_ccl_history.json (Note 3 to 6A003.b.4 on three dates and the rule that may have changed it,
// 6A005.a.6.a's laser power, 3A090 appearing on 2023-01-17), nothing before the first
// snapshot, the Sensitive List kept out of code lookups, and, in SQL over every code and every
// snapshot date, never two main-list versions of one code on one date.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const history = JSON.parse(
  gunzipSync(readFileSync(resolve(import.meta.dirname, '../../seed/data/us_ccl_history.json.gz'))).toString('utf8'),
) as { snapshots: Array<{ date: string }> };
const SNAPSHOTS = history.snapshots.map((snapshot) => snapshot.date);

const ProvisionOn = graphql(`
  query HistoryProvisionOn($code: String!, $asOf: Date) {
    provision(code: $code, regime: US_EAR, asOf: $asOf) {
      code
      text
      validFrom
      validTo
      status
      controlList {
        name
        isMain
      }
      listNotes {
        kind
        label
        text
      }
      amendingActs {
        kind
        inferred
        basis
        sameListPart
        act {
          documentNumber
          reference
        }
      }
    }
  }
`);

const ParagraphsOn = graphql(`
  query HistoryParagraphsOn($asOf: Date, $codePrefix: String!) {
    provisions(asOf: $asOf, first: 50, filter: { kind: PARAGRAPH, codePrefix: $codePrefix }) {
      totalCount
      edges {
        node {
          code
          validFrom
          validTo
        }
      }
    }
  }
`);

describeWithDatabase('US Commerce Control List history', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function on(code: string, asOf?: string) {
    const response = await service.query(ProvisionOn, { code, asOf });
    expect(response.errors, `${code} ${asOf ?? ''}`).toBeUndefined();
    return response.data?.provision ?? null;
  }

  it('reads Note 3 to 6A003.b.4 (held on 6A003.b.4.c) as the history gives it on each date', async () => {
    const note3 = (provision: Awaited<ReturnType<typeof on>>) =>
      provision?.listNotes.find((note) => note.label === 'Note 3')?.text ?? '';
    const in2017 = await on('6A003.b.4.c', '2017-03-01');
    expect(in2017).toMatchObject({ validFrom: '2017-01-15', validTo: '2017-08-15', status: 'SUPERSEDED' });
    expect(note3(in2017)).toContain('at least 10 mrad/pixel (milliradians/pixel)');
    expect(in2017?.text).toContain('at least 10 mrad/pixel (milliradians/pixel)');

    const in2018 = await on('6A003.b.4.c', '2018-06-01');
    expect(in2018).toMatchObject({ validFrom: '2017-08-15', validTo: '2018-11-02' });
    expect(note3(in2018)).toContain('at least 10 mrad (milliradians)');
    expect(note3(in2018)).not.toContain('mrad/pixel');

    const in2021 = await on('6A003.b.4.c', '2021-01-01');
    expect(in2021).toMatchObject({ validFrom: '2020-09-11', validTo: '2023-10-18' });
    expect(note3(in2021)).toContain('at least 2 mrad (milliradians)');
    // The rule is a candidate inferred from dates, never presented as a fact.
    expect(in2021?.amendingActs).toEqual([
      {
        kind: 'CHANGED_BY_CANDIDATE',
        inferred: true,
        basis: 'inferred-by-date',
        sameListPart: true,
        act: { documentNumber: '2020-16286', reference: '85 FR 56294' },
      },
    ]);

    // Today's row is the history's latest version, in force since 2024-03-08.
    const current = await on('6A003.b.4.c');
    expect(current).toMatchObject({ status: 'CURRENT', validFrom: '2024-03-08', validTo: null });
    expect(note3(current)).toContain('at least 2 mrad (milliradians)');
  });

  it('reads 6A005.a.6.a as 200 W before 2017-08-15 and 500 W from that day', async () => {
    expect((await on('6A005.a.6.a', '2017-08-14'))?.text).toContain('200 W');
    expect((await on('6A005.a.6.a', '2017-08-15'))?.text).toContain('500 W');
  });

  it('has 3A090 only from 2023-01-17, the first snapshot after the rule adding it was published', async () => {
    const before = await service.query(ParagraphsOn, { asOf: '2022-12-01', codePrefix: '3A090' });
    expect(before.errors).toBeUndefined();
    expect(before.data?.provisions).toEqual({ totalCount: 0, edges: [] });
    expect(await on('3A090.a.1', '2022-12-01')).toBeNull();
    expect(await on('3A090', '2022-12-01')).toBeNull();

    const from = await service.query(ParagraphsOn, { asOf: '2023-01-17', codePrefix: '3A090' });
    expect(from.errors).toBeUndefined();
    expect(from.data?.provisions.edges.map((edge) => edge.node.code)).toEqual([
      '3A090.a.1',
      '3A090.a.2',
      '3A090.a.3',
      '3A090.a.4',
      '3A090.b',
    ]);
    expect(from.data?.provisions.edges.every((edge) => edge.node.validFrom === '2023-01-17')).toBe(true);
  });

  it('has no version of the list before its first snapshot (2017-01-15), and no entry text older than it knows', async () => {
    expect(await on('6A003.b.4.c', '2017-01-14')).toBeNull();
    expect(await on('6A003.b.4.c', '2017-01-15')).toMatchObject({ validFrom: '2017-01-15' });
    const before = await service.query(ParagraphsOn, { asOf: '2016-12-31', codePrefix: '6' });
    expect(before.data?.provisions.totalCount).toBe(0);
    // The whole text of 6A003 (several leaves) on an old date is not in the sources: nothing, not today's text.
    expect(await on('6A003', '2018-06-01')).toBeNull();
    expect(await on('6A003')).toMatchObject({ code: '6A003', status: 'CURRENT', validFrom: null });
  });

  it('keeps the Sensitive List (Supplement No. 6) entry under 6A003.b.4.b out of code lookups', async () => {
    for (const asOf of [undefined, '2018-06-01', '2025-09-29']) {
      const found = await on('6A003.b.4.b', asOf);
      expect(found?.controlList, String(asOf)).toEqual({
        name: 'Commerce Control List (15 CFR part 774, Supplement No. 1)',
        isMain: true,
      });
      expect(found?.text, String(asOf)).not.toContain('does not control imaging cameras');
    }
    const rows = await service.db.sql.query<{ list: string; main: boolean; in_main: boolean; text: string }>(
      `SELECT l."sourceKey" AS list, l."isMain" AS main, p."inMainList" AS in_main, p.text FROM "ControlProvision" p ` +
        `JOIN "ControlList" l ON l.id = p."controlListId" WHERE p.code = '6A003.b.4.b' AND p.status = 'CURRENT' ORDER BY 1`,
    );
    const sensitive = rows.find((row) => row.list === 'US-EAR-CCL-SUPP6');
    expect(sensitive).toMatchObject({ main: false, in_main: false });
    expect(sensitive?.text).toContain('10 mrad/pixel');
  });

  it('never has two main-list versions of one code valid on one snapshot date (SQL over all codes and dates)', async () => {
    const days = [...new Set([...SNAPSHOTS, ...SNAPSHOTS.map((date) => shift(date, -1)), '2025-07-11', '2026-01-01'])];
    // provisionVersionWhere in SQL: CURRENT from validFrom (or, undated, from the text date)
    // until validTo; SUPERSEDED in [validFrom, validTo).
    const clashes = await service.db.sql.query<{ code: string; day: string; versions: number }>(
      `SELECT p.regime::text || ' ' || p.code AS code, d.day::text AS day, count(*)::int AS versions
         FROM "ControlProvision" p
         JOIN (SELECT unnest($1::date[]) AS day) d ON
              (p.status = 'CURRENT' AND (p."validTo" IS NULL OR p."validTo" > d.day)
                AND (p."validFrom" <= d.day OR (p."validFrom" IS NULL AND p."textDate" <= d.day)))
           OR (p.status = 'SUPERSEDED' AND p."validFrom" <= d.day AND p."validTo" > d.day)
        WHERE p."inMainList"
        GROUP BY p.regime, p.code, d.day
       HAVING count(*) > 1
        LIMIT 20`,
      [days],
    );
    expect(clashes).toEqual([]);
    const checked = await service.db.sql.query<{ n: number }>(
      `SELECT count(DISTINCT code)::int AS n FROM "ControlProvision" WHERE regime = 'US_EAR' AND "inMainList"`,
    );
    expect(checked[0]?.n).toBeGreaterThan(5000);
  });
});

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
