/// <reference lib="dom" />
// Callbacks passed to page.waitForFunction run in the browser: the DOM types describe them.
// "Do I need a licence?" in a real browser against the real service. An SME that makes a thermal
// camera (EAR 6A003.b.4.b) asks about Japan: the Commerce Country Chart row of Japan has an X in
// RS1, and the entry's control table sends 6A003.b.4.b cameras to RS Column 1 when "frame rate
// greater than 60 Hz or that incorporate a focal plane array with more than 111,000 elements",
// to RS Column 2 otherwise (15 CFR 774 Supp. 1, 6A003 License Requirements). Without those facts
// the US answer is undecided, with the questions; a 640 x 480 array (307,200 elements) puts the
// camera under RS1: a licence, and STA (not excluded: Japan is not in Country Group A:6) shown
// with what is left to check. Canada's row has no X in NS2, RS1 or RS2: no licence for the
// reasons assessed, reached from the provision page's link.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, useBrowser } from '../support/browser.js';

const { base, open } = useBrowser();

/** Waits until the page shows the answer for its URL (it is aria-busy while asking). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('.licence-page[aria-busy="false"]') !== null &&
      (document.querySelector('.licence-regime') !== null || document.querySelector('.licence-error') !== null),
  );
}

function usAnswer(page: Page): Locator {
  return page.getByRole('region', { name: /^US \(EAR \/ CCL\):/ });
}

/**
 * Answers the US question about `question` with a number, as the page offers it. The URL changes
 * before the page renders it: done once the page lists the answer (the render that asks again)
 * and the new answer has arrived.
 */
async function answerNumber(page: Page, question: RegExp, label: string, value: string, shown: string): Promise<void> {
  const before = page.url();
  await usAnswer(page)
    .getByRole('listitem')
    .filter({ hasText: question })
    .getByRole('button', { name: 'Answer' })
    .click();
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Use this answer' }).click();
  await page.waitForURL((url) => url.href !== before);
  await page.locator('.licence-answers li', { hasText: shown }).waitFor();
  await settled(page);
}

describe('licence page', () => {
  it('an SME asks about its thermal camera for Japan: undecided without the array size, then a licence for RS1 with STA left to check, with the reason and the chart column', async () => {
    const { page, foreignRequests, scriptErrors } = await open();
    await page.goto(`${base}/licence`);
    await page.getByRole('link', { name: 'Do I need a licence?' }).waitFor();
    await page.getByLabel('List entry of the item').fill('6A003.b.4.b');
    await page.getByLabel('Destination country').fill('Japan');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.waitForURL(/to=Japan/);
    await settled(page);

    const us = usAnswer(page);
    await expect(us.getByRole('heading', { level: 2 }).textContent()).resolves.toContain('Not decided');
    await expect(us.locator('.licence-reason').textContent()).resolves.toContain('not decided on the facts given');
    await expect(us.getByText(/Maximum frame rate of the camera/).count()).resolves.toBe(1);

    await answerNumber(page, /Maximum frame rate/, 'Frame rate', '30', 'Frame rate: 30 Hz');
    await answerNumber(page, /focal plane array/, 'Focal plane array elements', '307200', 'elements: 307200');
    expect(new URL(page.url()).searchParams.get('a.focal_plane_array_elements')).toBe('307200');

    // "Licence required" or "Licence required unless an exception applies": which one rests on
    // whether the service can decide STA (15 CFR 740.20), whose text it may not hold; the page
    // shows the exception either way.
    await expect(us.getByRole('heading', { level: 2 }).textContent()).resolves.toMatch(
      /^US \(EAR \/ CCL\): Licence required/,
    );
    const reason = (await us.locator('.licence-reason').textContent()) ?? '';
    expect(reason).toContain('A licence is required to Japan for RS (RS1)');
    // The RS1 line reaches the camera and Japan's row has an X in RS1.
    const rs1 = us.locator('tr', { hasText: 'RS Column 1' });
    await expect(rs1.locator('.licence-x').textContent()).resolves.toBe('X');
    const sta = us.locator('.licence-exception', { hasText: 'STA' });
    await expect(sta.locator('.licence-status').textContent()).resolves.not.toBe('Not available');
    await expect(sta.textContent()).resolves.toContain('15 CFR 740.20');
    await expect(page.getByRole('note').textContent()).resolves.toContain('not legal advice');

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('from the provision page to Canada, misspelt and corrected from the suggestion: no US licence for the reasons assessed', async () => {
    const { page, scriptErrors } = await open();
    await page.goto(`${base}/provisions/US_EAR/6A003.b.4.b`);
    await page.getByRole('link', { name: 'Do I need a licence for this entry?' }).click();
    await page.waitForURL(/\/licence\?entries=6A003\.b\.4\.b&regimes=US_EAR/);
    await page.getByLabel('Destination country').fill('Cnada');
    await page.getByRole('button', { name: 'Check' }).click();
    await settled(page);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('did you mean Canada (CA)');
    await page.getByRole('button', { name: 'Use Canada (CA)' }).click();
    await page.waitForURL(/to=CA/);
    await page.locator('.licence-summary', { hasText: 'Canada (CA)' }).waitFor();
    await settled(page);

    const us = usAnswer(page);
    await expect(us.getByRole('heading', { level: 2 }).textContent()).resolves.toContain('No licence required');
    await expect(us.locator('.licence-reason').textContent()).resolves.toContain('No licence is required to Canada');
    await expect(page.locator('.licence-regime').count()).resolves.toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });
});
