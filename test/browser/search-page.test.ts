/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser: the DOM types describe them.
// The search page in a real browser against the real service: the home page's search as a user
// types it, results grouped by entry, facets and keyboard navigation, all in the URL.
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, useBrowser } from '../support/browser.js';

const { base, open } = useBrowser();

describe('search page', () => {
  it('lists 6A003 for /search?q=thermal camera, with paragraphs under their entry, and loads nothing from another host', async () => {
    const { page, foreignRequests, scriptErrors } = await open();
    await page.goto(`${base}/search?q=thermal%20camera`);
    const titles = page.locator('.results > li .result-title');
    await titles.first().waitFor();
    const firstFive = await titles.evaluateAll((nodes) => nodes.slice(0, 5).map((node) => node.textContent ?? ''));
    expect(firstFive.some((title) => title.includes('6A003'))).toBe(true);
    // One result per entry: its best paragraphs sit under it, not as results of their own.
    const paragraphCodes = await page.locator('.results > li').first().locator('.paragraphs .code').allTextContents();
    expect(paragraphCodes.length).toBeGreaterThan(0);
    const entryCode = (await page.locator('.results > li').first().locator('.result-title .code').textContent()) ?? '';
    for (const code of paragraphCodes) expect(code.startsWith(`${entryCode}.`)).toBe(true);
    expect(await page.locator('.results mark').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('searches as the user types, shows how a question was understood, and keeps the query in the URL', async () => {
    const { page } = await open();
    await page.goto(`${base}/`);
    await page.getByLabel(/Search the control lists/).fill('do I need a licence to export a thermal camera to Japan');
    await page.waitForURL(/q=do\+I\+need|q=do%20I%20need/);
    const interpretation = page.locator('.interpretation');
    await interpretation.getByText('Searched for').waitFor();
    expect(await interpretation.textContent()).toContain('thermal camera');
    expect(await interpretation.textContent()).toContain('Japan');
    // A shared link reproduces the page.
    const shared = await open();
    await shared.page.goto(page.url());
    await shared.page.locator('.results > li').first().waitFor();
    expect(await shared.page.getByLabel(/Search the control lists/).inputValue()).toBe(
      'do I need a licence to export a thermal camera to Japan',
    );
  });

  it('narrows by a facet through the URL and moves through results with the keyboard', async () => {
    const { page } = await open();
    await page.goto(`${base}/search?q=image%20intensifier`);
    await page.locator('.results > li').first().waitFor();
    await page.getByRole('checkbox', { name: /UK \(Strategic List\)/ }).click();
    await page.waitForURL(/regime=UK/);
    await page.getByRole('checkbox', { name: /UK \(Strategic List\)/, checked: true }).waitFor();
    await page
      .locator('.summary')
      .getByText(/result/)
      .waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.results > li .badge.regime')].every((badge) =>
        badge.textContent?.startsWith('UK'),
      ),
    );
    const box = page.getByLabel(/Search the control lists/);
    await box.focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.closest('.result-title')?.id ?? null);
    expect(focused).toBe('result-0');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('.result-title')?.id ?? null)).toBe('result-1');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-box');
  });

  it('offers the closest word when nothing matches, with results for it', async () => {
    const { page } = await open();
    await page.goto(`${base}/search?q=lidaaar`);
    await page.locator('.summary').waitFor();
    const text = (await page.locator('.results-column').textContent()) ?? '';
    expect(text).toContain('Did you mean lidar?');
    expect(text).toContain('Showing results for it.');
    expect(await page.locator('.results > li').count()).toBeGreaterThan(0);
  });
});
