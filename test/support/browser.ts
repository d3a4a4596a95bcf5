// Debian's Chromium driven by playwright-core (no browser download), with what every browser
// test checks: no request to another host, no script error, and an axe-core accessibility scan.
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import './provided-context.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}

export interface WatchedPage {
  page: Page;
  /** Requests to any host other than the service's. */
  foreignRequests: string[];
  /** Uncaught script errors and console errors. */
  scriptErrors: string[];
}

export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: { acceptDownloads?: boolean } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  // The browser tests run beside each other on a loaded machine (two cores, one service, several
  // Chromium pages): they assert what a page shows, not how fast, so they wait longer than the 30 s default.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  const own = new URL(baseUrl).host;
  const foreignRequests: string[] = [];
  const scriptErrors: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && url.host !== own)
      foreignRequests.push(request.url());
  });
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') scriptErrors.push(message.text());
  });
  return { page, foreignRequests, scriptErrors };
}

/** The serious and critical violations axe-core finds on the page as it stands (WCAG 2.1 A and AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/**
 * For a browser test file: Chromium opened once before its tests and closed after them, the
 * service's address, and `open` for a new watched page (a context of its own) on that service.
 */
export function useBrowser(): {
  base: string;
  open: (options?: { acceptDownloads?: boolean }) => Promise<WatchedPage>;
} {
  const base = inject('webBaseUrl');
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    base,
    open: (options = {}) => {
      if (browser === undefined) throw new Error('the browser opens in beforeAll: call open() inside a test');
      return openPage(browser, base, options);
    },
  };
}
