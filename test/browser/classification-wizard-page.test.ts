/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser: the DOM types describe them.
// The classification wizard in a real browser against the real service, as an exporter uses it:
// from a search for "thermal camera" to the 6A003 provision, then to the wizard focused on that
// entry, answering its questions one at a time for an uncooled microbolometer thermal camera
// until the outcome is decided, with traces and sources; the URL reproduces the result, and a
// changed answer changes it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, useBrowser } from '../support/browser.js';

const { base, open } = useBrowser();

type Given = boolean | string | { number: number; unit: string | null };

// A 640 x 512 vanadium-oxide microbolometer camera at 30 Hz with a 19 mm lens (about 24°
// horizontal field of view), as a datasheet states it: figures of a real product class, not
// the list's thresholds. Facts a datasheet does not give are answered "I don't know".
const THERMAL_CAMERA: Record<string, Given> = {
  specially_designed_for_television_broadcasting: false,
  video_camera: true,
  peak_response_wavelength: { number: 10, unit: 'µm' },
  unfiltered_response_shortest_wavelength: { number: 7.5, unit: 'µm' },
  unfiltered_response_longest_wavelength: { number: 13.5, unit: 'µm' },
  space_qualified: false,
  charge_multiplication: false,
  detection_mechanism: 'Bolometric',
  detector_material: 'Vanadium oxide',
  focal_plane_array_geometry: 'Two dimensional',
  focal_plane_array_elements: { number: 327_680, unit: null },
  incorporates_focal_plane_array: true,
  microbolometer: true,
  encapsulated: true,
  frame_rate: { number: 30, unit: 'Hz' },
  instantaneous_field_of_view: { number: 0.65, unit: 'mrad' },
  fixed_focal_length_lens_not_removable: false,
  facility_to_obtain_viewable_image: true,
  single_application_not_user_modifiable: false,
  incorporates_direct_view_display: false,
  specially_designed_for_installation_into: 'None of these',
  active_mechanism_disables_camera_when_removed: false,
  operable_only_when_installed_as_intended: false,
  placement_solely_to_assist_driver: false,
  incorporates_solid_state_sensor: true,
  active_pixels_per_array: { number: 327_680, unit: null },
  camera_colour_type: 'Monochrome',
  solid_state_array_count: { number: 1, unit: null },
  electronic_camera: true,
  instrumentation_camera: false,
  scanning_camera: false,
  incorporates_image_intensifier_tube: false,
  camera_sensor_technology: 'Solid state',
  performance_limited_by_constraints: false,
};

const question = (page: Page) => page.locator('form.classification-question');
const summary = (page: Page) => page.locator('.outcome-summary');

/** The fact the question on screen asks about once it is no longer `previous`; null when none is left. */
async function askedFact(page: Page, previous: string | null): Promise<string | null> {
  const handle = await page.waitForFunction((last) => {
    const code = document.querySelector('form.classification-question .fact-name code')?.textContent ?? null;
    if (code !== null && code !== last) return code;
    const done = [...document.querySelectorAll('.classification-question h2')].some(
      (heading) => heading.textContent === 'No more questions',
    );
    return done ? 'none' : false;
  }, previous);
  const fact = (await handle.jsonValue()) as string;
  return fact === 'none' ? null : fact;
}

async function answer(page: Page, given: Given | undefined): Promise<void> {
  const form = question(page);
  if (given === undefined) {
    const dontKnowButton = form.getByRole('button', { name: 'I don’t know' });
    if ((await dontKnowButton.count()) > 0) return dontKnowButton.click();
    const dontKnowRadio = form.getByRole('radio', { name: 'I don’t know' });
    if ((await dontKnowRadio.count()) > 0) await dontKnowRadio.check();
    else await form.getByRole('combobox').selectOption({ label: 'I don’t know' });
  } else if (typeof given === 'boolean') {
    await form.getByRole('radio', { name: given ? 'Yes' : 'No', exact: true }).check();
  } else if (typeof given === 'string') {
    const radio = form.getByRole('radio', { name: given, exact: true });
    if ((await radio.count()) > 0) await radio.check();
    else await form.getByRole('combobox').selectOption({ label: given });
  } else {
    await form.getByRole('spinbutton').fill(String(given.number));
    if (given.unit !== null) await form.getByLabel('Unit').selectOption(given.unit);
  }
  await form.getByRole('button', { name: 'Save answer' }).click();
}

/** Answers the wizard's questions until none is left; returns the facts in the order asked. */
async function answerAll(page: Page, facts: Record<string, Given>): Promise<string[]> {
  const asked: string[] = [];
  for (let step = 0; step < 60; step += 1) {
    const fact = await askedFact(page, asked.at(-1) ?? null);
    if (fact === null) return asked;
    expect(asked).not.toContain(fact);
    asked.push(fact);
    await answer(page, facts[fact]);
    // Every answer, "I don't know" included, is in the URL.
    await page.waitForURL(
      (url) => url.searchParams.has(`f.${fact}`) || url.searchParams.getAll('unknown').includes(fact),
    );
  }
  throw new Error(`still asking after 60 questions: ${asked.join(', ')}`);
}

describe('classification wizard', () => {
  it('takes an exporter from a search for "thermal camera" to a classification of their camera, with traces and sources', async () => {
    const { page, foreignRequests, scriptErrors } = await open();
    await page.goto(`${base}/search?q=thermal%20camera`);
    const result = page.locator('.results > li .result-title a', { hasText: '6A003' }).first();
    await result.click();
    await page.waitForURL(/\/provisions\/[A-Z_]+\/6A003/);
    // The provision page's link to the wizard, focused on the entry and its list.
    await page.getByRole('link', { name: 'Classify an item against this entry', exact: true }).click();
    await page.waitForURL(/\/classify\?.*entry=6A003/);
    const regime = new URL(page.url()).searchParams.get('regime');
    expect(regime).toBe('EU');
    expect(await page.locator('.entry-focus').textContent()).toContain('6A003');
    expect(await page.locator('.classification-settings > summary').textContent()).toContain(
      'Lists and date: EU (Annex I), texts in force today',
    );

    await page.getByLabel('Kind of item', { exact: true }).selectOption({ label: 'Camera' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/kind=camera/);
    await question(page).locator('.fact-name code').waitFor();
    const firstHint = (await question(page).locator('.hint').textContent()) ?? '';
    const asked = await answerAll(page, THERMAL_CAMERA);
    expect(asked).toContain('microbolometer');
    expect(asked).toContain('frame_rate');
    // Each question says which undecided paragraphs wait on it: here those of the entry in focus.
    expect(firstHint).toMatch(/wait\s+on this answer: 6A003\./);

    await summary(page).getByText('Listed').waitFor();
    expect(await summary(page).getAttribute('role')).toBe('status');
    const met = page.locator('.paragraph-group').first().locator('.classified-paragraph');
    const metCodes = await met.locator('summary .code').allTextContents();
    expect(metCodes).toContain('6A003.b.4.b');
    // The most specific MET paragraph is open: its criteria, verbatim, each with the paragraph it
    // was read from, and the source of the text.
    const first = met.first();
    expect(await first.locator('summary .code').textContent()).toBe('6A003.b.4.b');
    const rows = first.locator('table.trace-table').first().locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    const traceText = (await rows.allTextContents()).join('\n');
    expect(traceText).toContain('microbolometer');
    expect(traceText).toContain('13.5 µm');
    expect(await rows.locator('a[href^="/provisions/EU/6A003.b.4"]').count()).toBeGreaterThan(0);
    const source = first.locator('.source a[href^="http"]').first();
    expect(await source.textContent()).toContain('Annex I');
    expect(await page.locator('.disclaimer').textContent()).toContain('not legal advice');

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);

    // The link reproduces the result in a new tab: same answers, same outcome.
    const shared = await open();
    await shared.page.goto(page.url());
    await summary(shared.page).getByText('Listed').waitFor();
    expect(
      await shared.page
        .locator('.paragraph-group')
        .first()
        .locator('.classified-paragraph summary .code')
        .allTextContents(),
    ).toEqual(metCodes);
    expect(await shared.page.locator('.classification-answers li').count()).toBe(
      await page.locator('.classification-answers li').count(),
    );
    expect(shared.scriptErrors).toEqual([]);

    // A 9 Hz export version of the same camera (8.7 Hz) is released by Note 3 to 6A003.b.4.
    await page.getByRole('button', { name: 'Change Frame rate' }).click();
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toBe('Frame rate');
    await question(page).getByRole('spinbutton').fill('8.7');
    await question(page).getByRole('button', { name: 'Save answer' }).click();
    await page.waitForURL((url) => url.searchParams.get('f.frame_rate') === '8.7 Hz');
    await page.waitForFunction(() => !document.querySelector('.outcome-summary')?.textContent?.includes('Listed'));
    await page.locator('.classification-outcome[aria-busy="false"]').waitFor();
    expect(await summary(page).textContent()).not.toContain('Listed');
    expect(await page.locator('.paragraph-group').first().locator('.classified-paragraph').count()).toBe(0);
    await page.locator('.ruled-out > summary').click();
    const ruledOut = page.locator('.ruled-out .classified-paragraph', { hasText: '6A003.b.4.b' }).first();
    await ruledOut.locator('summary').click();
    expect(await ruledOut.locator('.exclusions').textContent()).toContain('Note 3 to 6A003.b.4');
    expect(await ruledOut.locator('.exclusions .outcome-badge').first().textContent()).toBe('MET');
    expect(scriptErrors).toEqual([]);
  }, 240_000);

  it('says UNKNOWN, not "not controlled", before the facts decide, and answers any fact from the searchable list', async () => {
    const { page, foreignRequests, scriptErrors } = await open();
    await page.goto(`${base}/classify?kind=camera`);
    await summary(page).getByText('UNKNOWN never means “not controlled”').waitFor();
    // All lists by default: those with nothing encoded give no answer rather than NOT MET.
    const regimes = page.locator('.regime-table tbody tr');
    expect(await regimes.count()).toBe(5);
    expect(await page.locator('.regime-table tbody tr', { hasText: 'Wassenaar' }).textContent()).toContain('No answer');

    await page.getByLabel('Find a fact by name or description').fill('frame rate');
    await page.getByRole('button', { name: 'Answer: Frame rate', exact: true }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Frame rate');
    await question(page).getByRole('spinbutton').fill('30');
    await question(page).getByRole('button', { name: 'Save answer' }).click();
    // A number needs its unit: no guess is made.
    await question(page).getByRole('alert').getByText('Choose the unit').waitFor();
    await question(page).getByLabel('Unit').selectOption('Hz');
    await question(page).getByRole('button', { name: 'Save answer' }).click();
    await page.waitForURL((url) => url.searchParams.get('f.frame_rate') === '30 Hz');
    await page.locator('.classification-answers li', { hasText: 'Frame rate' }).getByText('30 Hz').waitFor();

    // Lists and date are in the URL too.
    await page.locator('.classification-settings > summary').click();
    await page.getByRole('checkbox', { name: 'Hong Kong' }).uncheck();
    await page.waitForURL((url) => url.searchParams.getAll('regime').length === 4);
    await page.getByLabel('Texts in force on').fill('2025-12-01');
    await page.waitForURL((url) => url.searchParams.get('asOf') === '2025-12-01');
    await page.waitForFunction(() => document.querySelectorAll('.regime-table tbody tr').length === 4);
    expect(await page.locator('.regime-table tbody tr', { hasText: 'Hong Kong' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });
});
