/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser: the DOM types describe them.
// /graphql in a browser: GraphiQL served from this process (no CDN), with the saved examples,
// and it runs a query against the API.
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser.js';

const { base, open } = useBrowser();

describe('GraphQL explorer', () => {
  it('opens GraphiQL with the example tabs, runs the first, and requests nothing from another host', async () => {
    const { page, foreignRequests, scriptErrors } = await open();
    await page.goto(`${base}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    const tabs = await page.locator('.graphiql-tab').allTextContents();
    expect(tabs.join(' ')).toMatch(/ResearchExemption/);
    // GraphiQL ignores the run button until its editors and schema are ready (a larger schema
    // takes longer to load): press it until the query has been sent, then wait for the answer.
    let sent = false;
    let introspected = false;
    page.on('request', (request) => {
      if (request.method() === 'POST' && (request.postData() ?? '').includes('query Search')) sent = true;
      if ((request.postData() ?? '').includes('__schema')) introspected = true;
    });
    await expect
      .poll(
        async () => {
          if (!sent) await page.locator('.graphiql-execute-button').click();
          return sent;
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe(true);
    await page.waitForFunction(
      () => document.querySelector('.result-window')?.textContent?.includes('totalCount'),
      null,
      { polling: 250 },
    );
    expect(await page.locator('.result-window').textContent()).toContain('6A003');
    // The schema's documentation comes from the committed SDL: the service, in production mode,
    // refuses introspection.
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.getByText('Root Types').waitFor();
    expect(introspected).toBe(false);
    expect(foreignRequests).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('leaves /graphql to API clients that do not ask for HTML', async () => {
    const response = await fetch(`${base}/graphql?query=%7B__typename%7D`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
