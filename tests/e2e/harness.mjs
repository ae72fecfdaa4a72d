// Shared set-up for the end-to-end tests: the release build in dist/ served on 127.0.0.1 with the
// app's CSP, and Debian's chromium driven by playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's chromium. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Starts the server and the browser.
 * @param {object} [serverOptions] passed to startServer (base, extra, csp).
 */
export async function open(serverOptions = {}) {
  const served = await startServer({ root: process.env.DIST ?? 'dist', ...serverOptions });
  const browser = await launch();
  const context = await browser.newContext();
  const pages = [];
  return {
    url: served.url,
    requests: served.requests,
    browser,
    context,
    /**
     * Opens `path` (relative to the app's URL, e.g. '?cell=gru') and waits until the total shows and
     * every panel is built.
     * The returned page records console errors, page errors and failed requests in `page.problems`.
     */
    async page(path = '', { viewport = { width: 1280, height: 900 }, waitForTotal = true, colorScheme } = {}) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      if (colorScheme) await page.emulateMedia({ colorScheme });
      page.problems = [];
      page.on('console', (m) => {
        if (m.type() === 'error') page.problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => page.problems.push(`requestfailed: ${r.url()}`));
      pages.push(page);
      await page.goto(new URL(path, served.url).href);
      if (waitForTotal) {
        await page.waitForSelector('[data-testid="total"][data-value]:not([data-value=""])');
        // The panels below the first screen are built right after it.
        await page.waitForSelector('.app[data-ready]', { state: 'attached' });
      }
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((ok) => served.server.close(ok));
    },
  };
}

/** The exact total shown, as a number. */
export async function total(page) {
  return Number(await page.getAttribute('[data-testid="total"]', 'data-value'));
}

/** The texts of all messages shown. */
export async function messages(page) {
  return page.locator('[data-testid="message"]').allInnerTexts();
}

/** Scrolls the plot into view (it is drawn only then) and waits for its lines. */
export async function showPlot(page) {
  await page.locator('[data-testid="plot"]').scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-testid="plot"] [data-series="lstm"]');
}

/** Waits until the address bar's query matches `pattern` (it is written once the state is still). */
export async function expectQuery(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(location.search), pattern.source);
}
