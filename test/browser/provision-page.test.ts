/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser: the DOM types describe them.
// The provision page in a real browser against the real service: an entry's paragraphs with
// their notes and sources, the same code in the other lists, the text in force on a date, a
// diff between two versions, and a code that does not exist, all from the URL.
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, useBrowser } from '../support/browser.js';

const { base, open } = useBrowser();

describe('provision page', () => {
  it('shows US 6A003 with its paragraphs, notes, thresholds and sources, and loads nothing from another host', async () => {
    const { page, foreignRequests, scriptErrors } = await open();
    await page.goto(`${base}/provisions/US_EAR/6A003`);
    await page.getByRole('heading', { level: 1, name: /6A003/ }).waitFor();
    // The paragraph tree, several levels deep.
    await page.locator('#paragraph-6A003\\.b\\.1\\.a\\.1').waitFor();
    expect(await page.locator('.prov-paragraph').count()).toBeGreaterThan(20);
    // 6A003.b carries the note the list prints with it, verbatim.
    const b = page.locator('#paragraph-6A003\\.b > .prov-paragraph-body');
    expect(await b.locator('.prov-note').first().textContent()).toContain(
      'does not control television or video cameras',
    );
    // Every paragraph cites its source with a link.
    const paragraphSources = await page
      .locator('.prov-paragraph-text > .prov-source')
      .evaluateAll((nodes) => nodes.map((node) => node.querySelector('a')?.getAttribute('href') ?? ''));
    expect(paragraphSources.length).toBeGreaterThan(20);
    for (const href of paragraphSources) expect(href).toMatch(/^https?:\/\//);
    // Thresholds beside the text, and the control table from the API.
    expect(await page.locator('#paragraph-6A003\\.b\\.4\\.b .prov-thresholds').first().textContent()).toContain(
      'Encoded conditions',
    );
    expect(await page.locator('section[aria-labelledby="prov-licensing"] .prov-table').first().textContent()).toContain(
      'NS Column 2',
    );
    // The exemption recorded for the entry, with its source.
    const exemptions = page.locator('.prov-exemption');
    expect(await exemptions.count()).toBeGreaterThan(0);
    expect(await exemptions.first().locator('.prov-source a').count()).toBe(1);
    // The way on to the classification wizard, with the two parameters it reads.
    const classify = page.getByRole('link', { name: 'Classify an item against this entry', exact: true });
    expect(await classify.getAttribute('href')).toBe('/classify?regime=US_EAR&entry=6A003');
    await page.locator('.prov-compare-table').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
    // The whole entry is one large page: the axe scan alone can take half a minute on a busy
    // machine (the browser project's test timeout allows for it).
  });

  it('shows EU 6A003 with the notes Annex I prints under its paragraphs', async () => {
    const { page, scriptErrors } = await open();
    await page.goto(`${base}/provisions/EU/6A003`);
    await page.getByRole('heading', { level: 1, name: /6A003/ }).waitFor();
    const b4 = page.locator('#paragraph-6A003\\.b\\.4 > .prov-paragraph-body');
    await b4.waitFor();
    const labels = await b4.locator('.prov-note-label strong').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Note 1', 'Note 3', 'Technical Note']));
    // Each note cites its source.
    expect(await b4.locator('.prov-note .prov-source a').count()).toBe(labels.length);
    const classify = page.getByRole('link', { name: 'Classify an item against this entry', exact: true });
    expect(await classify.getAttribute('href')).toBe('/classify?regime=EU&entry=6A003');
    expect(scriptErrors).toEqual([]);
  });

  it('compares the entry with the other lists, with the words that differ', async () => {
    const { page, scriptErrors } = await open();
    await page.goto(`${base}/provisions/US_EAR/6A003`);
    const table = page.locator('.prov-compare-table');
    await table.waitFor();
    const columns = await table.locator('thead th').allTextContents();
    expect(columns).toEqual(expect.arrayContaining(['Wassenaar', 'EU (Annex I)', 'UK (Strategic List)']));
    expect(columns).not.toContain('US (EAR / CCL)');
    const firstRow = await table.locator('tbody tr').first().textContent();
    expect(firstRow).toMatch(/different|same words/);
    // The same code in another list is one click away.
    expect(await page.locator('.prov-compare-lists a[href="/provisions/EU/6A003"]').count()).toBeGreaterThan(0);
    // The words that differ, read from the other list to this one.
    const difference = page.locator('.prov-compare-diff').first();
    await difference.locator('summary').click();
    expect(await difference.locator('ins, del').count()).toBeGreaterThan(0);
    expect(scriptErrors).toEqual([]);
  });

  it('shows the version in force on the date in the URL, and says so when none was', async () => {
    // US 6E001 has six recorded versions; 2018-12-20 to 2020-06-29 is the third, 2024-05-30 on the latest.
    const { page, scriptErrors } = await open();
    await page.goto(`${base}/provisions/US_EAR/6E001?asOf=2019-01-01`);
    const inForceFrom = page.locator('.prov-facts div', { hasText: 'In force from' }).locator('dd');
    await inForceFrom.waitFor();
    expect(await inForceFrom.textContent()).toBe('2018-12-20');
    expect(await page.locator('.prov-version.is-shown').textContent()).toContain('Version 3');
    // Choosing another date through the picker changes the URL and the version shown.
    await page.getByLabel('Show the text in force on').fill('2025-01-01');
    await page.getByRole('button', { name: 'Show this date' }).click();
    await page.waitForURL(/asOf=2025-01-01/);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.prov-facts div')]
          .find((node) => node.textContent?.startsWith('In force from'))
          ?.querySelector('dd')?.textContent === '2024-05-30',
    );
    // Between 2020-09-11 and 2021-01-06 no version is recorded: the page says so, and guesses none.
    await page.goto(`${base}/provisions/US_EAR/6E001?asOf=2020-10-01`);
    await page.getByRole('heading', { name: 'Nothing known to be in force on 2020-10-01' }).waitFor();
    expect(await page.locator('.prov-paragraph').count()).toBe(0);
    expect(await page.locator('.prov-version').count()).toBe(6);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('shows what changed between two versions chosen in the URL', async () => {
    const { page, scriptErrors } = await open();
    await page.goto(`${base}/provisions/US_EAR/6E001`);
    await page.getByLabel('Earlier version').waitFor();
    // One choice at a time: each goes into the URL and redraws the page before the next is made.
    await page.getByLabel('Earlier version').selectOption({ index: 3 });
    await page.waitForFunction(() => new URLSearchParams(location.search).has('diffFrom'), null, { polling: 100 });
    await page.getByLabel('Later version').selectOption({ index: 6 });
    await page.waitForFunction(() => new URLSearchParams(location.search).has('diffTo'), null, { polling: 100 });
    const result = page.locator('.prov-diff-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('The text or the notes changed.');
    expect(await result.locator('del').count()).toBeGreaterThan(0);
    expect(await result.locator('ins').count()).toBeGreaterThan(0);
    // 2018 printed "according"; the latest version prints "According".
    expect(await result.locator('del').allTextContents()).toContain('according');
    expect(await result.locator('ins').allTextContents()).toContain('According');
    // The URL alone reproduces the diff.
    const shared = await open();
    await shared.page.goto(page.url());
    await shared.page.locator('.prov-diff-result ins').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('says plainly when a code or a list does not exist, with a way to search', async () => {
    const { page, scriptErrors } = await open();
    await page.goto(`${base}/provisions/US_EAR/9Z999`);
    await page.getByRole('heading', { level: 1, name: 'Provision not found' }).waitFor();
    expect(await page.getByRole('link', { name: /Search the knowledge base for/ }).getAttribute('href')).toBe(
      '/search?q=9Z999',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`${base}/provisions/NOWHERE/6A003`);
    await page.getByRole('heading', { level: 1, name: 'Provision not found' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('“NOWHERE” is not a list');
    expect(scriptErrors).toEqual([]);
  });
});
