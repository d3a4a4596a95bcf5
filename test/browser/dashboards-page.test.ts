/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser: the DOM types describe them.
// The dashboards page in a real browser against the real service: a dashboard author charts the
// UK licensing decisions by quarter, sees a quarter without decisions as a gap, downloads the CSV
// and finds in it the numbers the page shows; the filter lists come from the API; a consultation
// and an assessment open from their deep links.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, useBrowser } from '../support/browser.js';

const { base, open } = useBrowser();

async function api<T>(query: string): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** RFC 4180 CSV (quoted fields, doubled quotes), enough for the export's files. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The rows of a dashboard table as text, cell by cell (the period heads each row). */
function tableRows(page: Page, id: string): Promise<Array<{ gap: boolean; cells: string[] }>> {
  return page.locator(`#${id} tbody tr`).evaluateAll((rows) =>
    rows.map((row) => ({
      gap: row.classList.contains('gap'),
      cells: [...row.children].map((cell) => (cell.textContent ?? '').trim()),
    })),
  );
}

const digits = (text: string | undefined) => Number((text ?? '').replace(/[^\d.-]/g, ''));

describe('dashboards page', () => {
  it('charts UK licensing decisions by quarter with a gap, and the CSV download holds the numbers the page shows', async () => {
    const { page, foreignRequests, scriptErrors } = await open({ acceptDownloads: true });
    await page.goto(`${base}/dashboards`);
    await page.getByRole('link', { name: 'UK licensing decisions by quarter' }).click();
    await page.waitForURL(/interval=QUARTER/);
    await page.locator('#licensing-table tbody tr').first().waitFor();
    // The whole series: one row per quarter from 2008 Q1 to 2015 Q1, each with its source.
    const all = await tableRows(page, 'licensing-table');
    expect(all[0]?.cells[0]).toBe('2008 Q1');
    expect(all.at(-1)?.cells[0]).toBe('2015 Q1');
    expect(all.every((row) => row.gap || row.cells[5]?.includes('Campaign Against Arms Trade'))).toBe(true);

    // Narrowed to one rating (6A005, lasers), one quarter has no decision: a gap, not a zero.
    await page.getByLabel('Rating (control list entry)').selectOption('6A005');
    await page.waitForURL(/rating=6A005/);
    await page.getByRole('heading', { name: 'UK licensing decisions on 6A005 by quarter' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#licensing-table tr.gap') !== null);
    const rows = await tableRows(page, 'licensing-table');
    const gaps = rows.filter((row) => row.gap);
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) {
      expect(gap.cells[1]).toContain('gap');
      expect(gap.cells[1]).not.toBe('0');
    }
    expect(await page.locator('.dashboard-chart .recharts-reference-area').count()).toBe(gaps.length);

    // The chart's points are reached with the keyboard and show their sources.
    await page.locator('.dashboard-chart .recharts-wrapper > svg').first().focus();
    // Arrow keys move from period to period; a gap has no sources to show, so move on past it.
    const tooltip = page.locator('.dashboard-tooltip');
    for (let step = 0; step < 5 && (await tooltip.getByText(/Sources:/).count()) === 0; step += 1)
      await page.keyboard.press('ArrowRight');
    expect(await tooltip.textContent()).toMatch(/Decisions: [\d,]+ decisions.*Sources: Campaign Against Arms Trade/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.dashboard-panel').getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^licensing-stats_ratings-6A005_by-QUARTER_measures-.*\.csv$/);
    const csv = parseCsv(await readFile(await download.path(), 'utf8'));
    const [header, ...records] = csv;
    expect(header?.slice(0, 6)).toEqual([
      'periodLabel',
      'periodStart',
      'periodEnd',
      'decisions',
      'DECISIONS',
      'DECISIONS_unit',
    ]);
    expect(header).toContain('REFUSAL_RATE');
    expect(header?.at(-1)).toBe('sources');
    const column = (name: string) => header?.indexOf(name) ?? -1;
    // One CSV row per quarter with decisions; the gaps are absent from the file, as from the data.
    const shown = rows.filter((row) => !row.gap);
    expect(records.length).toBe(shown.length);
    for (const record of records) {
      const row = shown.find((candidate) => candidate.cells[0] === record[column('periodLabel')]);
      expect(row, `the page shows ${record[0]}`).toBeDefined();
      expect(digits(row?.cells[1])).toBe(Number(record[column('decisions')]));
      expect(digits(row?.cells[2])).toBe(Number(record[column('REFUSED')]));
    }
    for (const gap of gaps) expect(records.some((record) => record[0] === gap.cells[0])).toBe(false);

    // Shared, the address reproduces the chart.
    const shared = await open();
    await shared.page.goto(page.url());
    await shared.page.locator('#licensing-table tbody tr').first().waitFor();
    expect(await tableRows(shared.page, 'licensing-table')).toEqual(rows);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('offers the indicators the API lists and charts EU denials with the API figures', async () => {
    const { page, foreignRequests, scriptErrors } = await open();
    const listed = await api<{ impactIndicators: Array<{ indicator: string }> }>(
      '{ impactIndicators(jurisdictions: ["EU"]) { indicator } }',
    );
    await page.goto(`${base}/dashboards?view=impact&jurisdiction=EU`);
    const indicator = page.getByRole('combobox', { name: /^Indicator/ });
    await indicator.locator('option').first().waitFor({ state: 'attached' });
    const offered = await indicator
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered).toEqual(listed.impactIndicators.map((entry) => entry.indicator));

    await indicator.selectOption('denials');
    await page.waitForURL(/indicator=denials/);
    await page.getByRole('heading', { name: /denials \(EU\) by year/ }).waitFor();
    const series = await api<{ impactSeries: { points: Array<{ periodLabel: string; value: number | null }> } }>(
      '{ impactSeries(indicator: "denials", interval: YEAR, filter: { jurisdictions: ["EU"] }) { points { periodLabel value } } }',
    );
    await page.waitForFunction(() =>
      (document.querySelector('#impact-series-table caption')?.textContent ?? '').startsWith('denials'),
    );
    const rows = await tableRows(page, 'impact-series-table');
    expect(rows.map((row) => [row.cells[0], digits(row.cells[1])])).toEqual(
      series.impactSeries.points.map((point) => [point.periodLabel, point.value]),
    );
    const href = await page.locator('.dashboard-panel .dashboard-download').first().getAttribute('href');
    expect(href).toContain('/export/impact-series.csv?');
    expect(new URLSearchParams(href?.split('?')[1]).get('indicator')).toBe('denials');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('shows a consultation timeline and its submissions by stakeholder type from ?consultation=<id>', async () => {
    const { consultations } = await api<{
      consultations: {
        edges: Array<{
          node: {
            id: string;
            title: string;
            publishedOn: string | null;
            deadline: string | null;
            extendedDeadline: string | null;
            outcomes: Array<{ date: string | null }>;
          };
        }>;
      };
    }>(
      '{ consultations(first: 100) { edges { node { id title publishedOn deadline extendedDeadline outcomes { date } } } } }',
    );
    const consultation = consultations.edges.map((edge) => edge.node).find((node) => node.extendedDeadline !== null);
    if (!consultation) throw new Error('the seed has no consultation with an extended deadline');
    const { consultationStats } = await api<{
      consultationStats: { recordedSubmissionCount: number; byStakeholderType: Array<{ count: number }> };
    }>(
      `{ consultationStats(consultationId: "${consultation.id}") { recordedSubmissionCount byStakeholderType { count } } }`,
    );

    const { page, foreignRequests, scriptErrors } = await open();
    await page.goto(`${base}/dashboards?consultation=${encodeURIComponent(consultation.id)}`);
    await page.getByRole('heading', { name: consultation.title }).waitFor();
    const dates = await page
      .locator('.dashboard-timeline-events time')
      .evaluateAll((times) => times.map((time) => time.getAttribute('datetime')));
    expect(dates).toEqual(
      [
        consultation.publishedOn,
        consultation.deadline,
        consultation.extendedDeadline,
        ...consultation.outcomes.map((outcome) => outcome.date),
      ]
        .filter(Boolean)
        .sort(),
    );
    expect(await page.locator('.dashboard-timeline-events').textContent()).toContain('Extended deadline');
    const types = await tableRows(page, 'consultation-types-table');
    expect(types.reduce((sum, row) => sum + digits(row.cells[1]), 0)).toBe(consultationStats.recordedSubmissionCount);
    expect(types.length).toBe(consultationStats.byStakeholderType.length);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it("counts the deemed-export inquiry's universities apart from its academic association, and says who typed them", async () => {
    // consultations.json US-BIS-2008-DEAC-NOI, record of comments rows 1-16: six rows labelled "university", one
    // "academic association", the labels assigned by the collector, not by BIS.
    const { consultations } = await api<{ consultations: { edges: Array<{ node: { id: string; title: string } }> } }>(
      '{ consultations(first: 1, filter: { text: "Deemed Export Advisory Committee" }) { edges { node { id title } } } }',
    );
    const deac = consultations.edges[0]?.node;
    if (!deac) throw new Error('the 2008 deemed-export inquiry is not seeded');
    const { page, scriptErrors } = await open();
    await page.goto(`${base}/dashboards?consultation=${encodeURIComponent(deac.id)}`);
    await page.getByRole('heading', { name: deac.title }).waitFor();
    const types = await tableRows(page, 'consultation-types-table');
    const row = (label: string) => types.find((entry) => entry.cells[0] === label)?.cells;
    expect(row('University')).toEqual(['University', '6', '6']);
    expect(row('Academic association')).toEqual(['Academic association', '1', '1']);
    expect(row('Company (size not stated)')).toEqual(['Company (size not stated)', '4', '4']);
    expect(await page.locator('#consultations-title ~ article').textContent()).toContain(
      'The types of 16 of these submissions come from labels added by whoever collected the list',
    );
    expect(scriptErrors).toEqual([]);
  });

  it('shows an assessment and its figures from ?assessment=<id>', async () => {
    const { impactAssessments } = await api<{
      impactAssessments: { edges: Array<{ node: { id: string; title: string; metrics: { totalCount: number } } }> };
    }>(
      '{ impactAssessments(first: 5, filter: { jurisdiction: "UK" }) { edges { node { id title metrics(first: 1) { totalCount } } } } }',
    );
    const assessment = impactAssessments.edges[0]?.node;
    if (!assessment) throw new Error('no UK assessment in the seed');
    const { page, scriptErrors } = await open();
    await page.goto(`${base}/dashboards?assessment=${encodeURIComponent(assessment.id)}`);
    await page.getByRole('heading', { name: assessment.title }).first().waitFor();
    await page.locator('#assessment-table tbody tr').first().waitFor();
    expect(await page.locator('#assessment-table tbody tr').count()).toBe(Math.min(100, assessment.metrics.totalCount));
    await page.locator('#impact-series-table').waitFor();
    expect(scriptErrors).toEqual([]);
  });
});
