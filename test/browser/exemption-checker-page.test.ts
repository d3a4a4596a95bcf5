/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser: the DOM types describe them.
// The exemption checker in a real browser against the real service: a research office checks
// whether the fundamental-research exclusion covers a lidar project's results, one question at a
// time, and files the printed summary; disqualifiers, changed answers and links that name an
// exemption (?focus=) as the search page makes them.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, useBrowser } from '../support/browser.js';

const { base, open } = useBrowser();

/**
 * How a university researcher doing fundamental research that is meant to be published answers;
 * anything else (ECCN details, encryption, patents, teaching) they do not know.
 */
const RESEARCHER: Record<string, string> = {
  research_is_fundamental: 'Yes',
  results_intended_for_publication: 'Yes',
  prepublication_review: 'None',
  sponsor_may_restrict_publication: 'No',
  researchers_accepted_restrictions: 'No',
  information_already_published: 'No',
  information_is_classified_or_confidential: 'No',
};
const DONT_KNOW = 'I don’t know';
const FUNDAMENTAL_RESEARCH = '[data-exemption-key="US-EAR-734.8"]';

/** The fact the current question asks about (the page names it under the question). */
async function currentFact(page: Page): Promise<string> {
  const question = page.locator('.exemption-question');
  await question.waitFor();
  return ((await question.locator('code').first().textContent()) ?? '').trim();
}

/** Waits until the page shows the answer of the check for its URL (the page is aria-busy until then). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('.exemption-checker[aria-busy="false"]') !== null &&
      (document.querySelector('.exemption-question') !== null ||
        document.getElementById('no-more-heading') !== null ||
        document.querySelector('[role="alert"]') !== null),
  );
}

/**
 * Answers the question shown. The URL changes at once and the page follows it in a later render:
 * done when the page no longer shows this question and is not busy with a check.
 */
async function answer(page: Page, choice: string): Promise<void> {
  const before = page.url();
  const fact = await currentFact(page);
  const question = page.locator('.exemption-question');
  await question.getByRole('radio', { name: choice, exact: true }).check();
  await question.getByRole('button', { name: /Continue|Save answer/ }).click();
  await page.waitForURL((url) => url.href !== before);
  await page.waitForFunction(
    (asked) => document.querySelector('.exemption-question code')?.textContent?.trim() !== asked,
    fact,
  );
  await settled(page);
}

async function outcomeOf(exemption: Locator): Promise<string> {
  return ((await exemption.locator('.outcome-badge').textContent()) ?? '').trim();
}

describe('exemption checker', () => {
  it('takes a researcher from "our lidar technology, 6E001" through one question at a time to fundamental research applying, with sources, a shareable URL and a printable summary', async () => {
    const { page, foreignRequests, scriptErrors } = await open();
    await page.goto(`${base}/exemptions`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('exemption');
    // The technology is found by words and picked, not typed.
    await page.getByLabel(/Find an entry by words/).fill('lidar technology');
    await page.getByRole('button', { name: 'Add 6E001 (US (EAR / CCL))' }).click();
    expect(await page.getByLabel(/Control-list entries/).inputValue()).toBe('6E001');
    await page.getByRole('checkbox', { name: 'US (EAR / CCL)' }).check();
    await page.getByRole('button', { name: 'Check exemptions' }).click();
    await page.waitForURL(/provisions=6E001/);
    await settled(page);
    expect(await page.locator('.verdict-label').textContent()).toBe('Indeterminate');
    // Nothing is cleared before the questions are answered, and the disclaimer is there from the start.
    expect(await page.locator('.disclaimer').textContent()).toContain('not legal advice');

    const asked: string[] = [];
    for (let step = 0; step < 40; step += 1) {
      const fact = await currentFact(page);
      expect(asked).not.toContain(fact);
      asked.push(fact);
      // One question at a time, as a radio group with its legend.
      expect(await page.locator('.exemption-question fieldset legend').count()).toBe(1);
      expect(await page.getByRole('heading', { name: `Question ${asked.length}` }).count()).toBe(1);
      await answer(page, RESEARCHER[fact] ?? DONT_KNOW);
      if ((await outcomeOf(page.locator(FUNDAMENTAL_RESEARCH))) === 'Applies') break;
    }
    expect(asked).toEqual(expect.arrayContaining(['research_is_fundamental', 'results_intended_for_publication']));
    const fundamental = page.locator(FUNDAMENTAL_RESEARCH);
    expect(await outcomeOf(fundamental)).toBe('Applies');
    expect(await page.locator('.verdict-label').textContent()).toBe('Exempt');
    // One sentence naming the exemption the verdict rests on.
    expect(await page.locator('.verdict [role="status"]').textContent()).toContain(
      'Exempt in US_EAR under 15 CFR 734.8',
    );
    // Its conditions, the verbatim text and its source.
    await fundamental.getByRole('button', { expanded: false }).click();
    const body = fundamental.locator('.exemption-body');
    await body.waitFor();
    // The three conditions are met (free to publish through one of its alternatives).
    expect(
      await body
        .locator(':scope > .conditions > .condition:not(.disqualifier) > .condition-head > .tag-satisfied')
        .count(),
    ).toBe(3);
    expect(await body.locator('.condition.disqualifier').count()).toBeGreaterThan(0);
    expect(await body.locator('.condition.disqualifier .tag-satisfied').count()).toBe(0);
    expect(await body.textContent()).toContain(
      'Fundamental research means research in science, engineering, or mathematics',
    );
    const links = await body
      .locator('.source a')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((href) => href !== null && /^https?:\/\//.test(href))).toBe(true);
    expect(await page.locator('.disclaimer').textContent()).toContain('Decision support, not legal advice');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The URL reproduces the page in a new tab.
    const url = page.url();
    expect(url).toContain('a.research_is_fundamental=yes');
    const shared = await open();
    await shared.page.goto(url);
    await settled(shared.page);
    expect(await shared.page.locator('.verdict-label').textContent()).toBe('Exempt');
    expect(await outcomeOf(shared.page.locator(FUNDAMENTAL_RESEARCH))).toBe('Applies');
    expect(await shared.page.locator('.answer-list > li').count()).toBe(asked.length);

    // The printed summary: answers, verdict, every exemption with its sources, the date and the
    // disclaimer, without navigation or controls.
    await shared.page.emulateMedia({ media: 'print' });
    expect(await shared.page.locator('.site-header').isVisible()).toBe(false);
    expect(await shared.page.getByRole('button', { name: 'Print summary' }).isVisible()).toBe(false);
    expect(await shared.page.locator('.exemption-question').isVisible()).toBe(false);
    expect(await shared.page.locator('.answer-list').isVisible()).toBe(true);
    expect(await shared.page.locator('.verdict').isVisible()).toBe(true);
    expect(await shared.page.locator('.disclaimer').isVisible()).toBe(true);
    expect(await shared.page.locator('.print-only').first().isVisible()).toBe(true);
    expect(await shared.page.locator('.print-only').first().textContent()).toMatch(/printed \d{4}-\d{2}-\d{2}/);
    expect(await shared.page.locator('.checked-on').textContent()).toMatch(/Texts in force on \d{4}-\d{2}-\d{2}/);
    const printedBody = shared.page.locator(`${FUNDAMENTAL_RESEARCH} .exemption-body`);
    expect(await printedBody.isVisible()).toBe(true);
    expect(await printedBody.locator('.print-url').first().isVisible()).toBe(true);
    const pdf = await shared.page.pdf();
    expect(pdf.byteLength).toBeGreaterThan(10_000);

    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
    expect(shared.foreignRequests).toEqual([]);
    expect(shared.scriptErrors).toEqual([]);
  });

  it('shows a disqualifier that holds as a disqualifier, and lets the user go back and change an answer', async () => {
    const { page, foreignRequests, scriptErrors } = await open();
    await page.goto(`${base}/exemptions?provisions=6E001&regimes=US_EAR`);
    await settled(page);
    const first = await currentFact(page);
    await answer(page, DONT_KNOW);
    // The sponsor can stop publication: answered out of turn from the missing facts of 734.8.
    const fundamental = page.locator(FUNDAMENTAL_RESEARCH);
    await fundamental.getByRole('button', { expanded: false }).click();
    await fundamental.getByRole('button', { name: 'Sponsor may restrict publication' }).first().click();
    expect(await currentFact(page)).toBe('sponsor_may_restrict_publication');
    await answer(page, 'Yes');
    expect(await outcomeOf(fundamental)).toBe('Does not apply');
    const fired = fundamental.locator('.fired');
    expect(await fired.textContent()).toContain('a sponsor may withhold or restrict publication');
    const disqualifier = fundamental.locator('.condition.disqualifier.condition-satisfied');
    expect(await disqualifier.count()).toBe(1);
    expect(await disqualifier.locator('.outcome-tag').textContent()).toBe('Holds: rules the exemption out');
    expect(await disqualifier.locator('.condition-role').textContent()).toContain('Disqualifier');
    // Its requirements are not reported as unmet: they are unknown, the disqualifier decides.
    expect(await fundamental.locator('.condition:not(.disqualifier) .tag-unsatisfied').count()).toBe(0);
    // The two kinds look different.
    const styles = await page.evaluate(() => {
      const fired = document.querySelector('.condition.disqualifier.condition-satisfied');
      const condition = document.querySelector('.condition:not(.disqualifier)');
      return [fired, condition].map((node) => {
        if (node === null) return '';
        const style = getComputedStyle(node);
        return `${style.borderTopWidth} ${style.borderTopColor} ${style.backgroundColor}`;
      });
    });
    expect(styles[0]).not.toBe('');
    expect(styles[0]).not.toBe(styles[1]);

    // Back: the last answer is open again, with its value; change it.
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await page.getByRole('heading', { name: 'Change your answer' }).count()).toBe(1);
    expect(await currentFact(page)).toBe('sponsor_may_restrict_publication');
    expect(await page.getByRole('radio', { name: 'Yes', exact: true }).isChecked()).toBe(true);
    await answer(page, 'No');
    await page.waitForURL(/a\.sponsor_may_restrict_publication=no/);
    expect(await fundamental.locator('.fired').count()).toBe(0);
    expect(await outcomeOf(fundamental)).toBe('Indeterminate');
    // Any answer can be changed from the list; its place in the list stays.
    await page
      .getByRole('button', { name: /^Change the answer to/ })
      .first()
      .click();
    expect(await currentFact(page)).toBe(first);
    await answer(page, 'No');
    const facts = await page.locator('.answer-list > li').count();
    expect(facts).toBe(2);
    expect(new URL(page.url()).searchParams.get(`a.${first}`)).toBe('no');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('puts the exemption a search result links to (?focus=<id>) first, opens it and asks its questions first', async () => {
    const { page, scriptErrors } = await open();
    // The link as the search page makes it, from the search result for fundamental research.
    await page.goto(`${base}/search?q=fundamental%20research`);
    const link = page
      .locator('.results a[href^="/exemptions?focus="]', { hasText: 'results from, fundamental research' })
      .first();
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    const title = (await link.textContent()) ?? '';
    expect(title).toContain('fundamental research');
    await link.click();
    await page.waitForURL(/\/exemptions\?focus=/);
    await page.locator('.focus-note').getByText('15 CFR 734.8').waitFor();
    await page.getByLabel(/Control-list entries/).fill('6E001');
    await page.getByRole('button', { name: 'Check exemptions' }).click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('focus')).toBe(new URL(href, base).searchParams.get('focus'));
    const first = page.locator('.exemption-result').first();
    expect(await first.getAttribute('data-exemption-key')).toBe('US-EAR-734.8');
    expect(await first.locator('.exemption-body').isVisible()).toBe(true);
    // Its own questions before the others (research_is_fundamental and the rest of 734.8).
    const asked: string[] = [];
    for (let step = 0; step < 5; step += 1) {
      const fact = await currentFact(page);
      asked.push(fact);
      await answer(page, RESEARCHER[fact] ?? DONT_KNOW);
    }
    expect(asked.every((fact) => fact in RESEARCHER)).toBe(true);
    expect(await outcomeOf(first)).toBe('Applies');
    expect(scriptErrors).toEqual([]);
  });

  it('with no entry, checks the answers alone, then asks for the entry a carve-out of an ECCN needs and adds the code typed to the project', async () => {
    const { page, scriptErrors } = await open();
    await page.goto(
      `${base}/exemptions?provisions=&regimes=US_EAR&a.item_type=technology&a.technology_for_6a003_cameras=yes`,
    );
    await settled(page);
    const carveOut = page.locator('[data-exemption-key="US-CCL-6E001-TSR-automotive"]');
    expect(await outcomeOf(carveOut)).toBe('Indeterminate');
    expect(await carveOut.locator('.exemption-reason').textContent()).toContain('give the entry');
    // Questions one at a time until the entry is asked for (those deciding more exemptions come first).
    for (let step = 0; step < 40 && (await currentFact(page)) !== 'entry'; step += 1) await answer(page, DONT_KNOW);
    expect(await currentFact(page)).toBe('entry');
    const question = page.locator('.exemption-question');
    expect(await question.getByRole('radio').count()).toBe(1);
    await question.getByLabel('Entry code').fill('6e001');
    await question.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/provisions=6E001/);
    // The page follows the URL in a later render: the project then names the entry.
    await page.waitForFunction(() => document.querySelector('.project-summary dd')?.textContent?.trim() === '6E001');
    await settled(page);
    await page.waitForFunction(
      () =>
        !(
          document.querySelector('[data-exemption-key="US-CCL-6E001-TSR-automotive"] .exemption-reason')?.textContent ??
          'give the entry'
        ).includes('give the entry'),
    );
    expect(await carveOut.locator('.exemption-reason').textContent()).not.toContain('give the entry');
    expect(await page.locator('.out-of-scope').textContent()).toContain('6A003.b.4.b');
    expect(scriptErrors).toEqual([]);
  });

  it('explains what may be left empty, and shows the API’s own message when it refuses a combination', async () => {
    const { page, scriptErrors } = await open();
    await page.goto(`${base}/exemptions`);
    expect(await page.locator('.exemption-start').textContent()).toContain('Every field is optional');
    // Nothing at all: the activity answers alone are checked; the API asks what is exported first.
    await page.getByRole('button', { name: 'Check exemptions' }).click();
    await settled(page);
    expect(await page.locator('.project-summary').textContent()).toContain('checked on your answers');
    expect(await currentFact(page)).toBe('item_type');
    expect(await page.locator('.verdict-label').textContent()).toBe('Indeterminate');
    // Hardware and technology together: the API refuses, and says why.
    await page.goto(`${base}/exemptions?provisions=6A003&provisions=6E001`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('check one kind (hardware, software or technology) at a time');
    expect(scriptErrors).toEqual([]);
  });
});
