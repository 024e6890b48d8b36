/**
 * The offline single file (dist-single/keap2iif.html) opened straight from disk (file://, no
 * server) in Chromium: it converts the fixture exports with the worker inlined in the page, and
 * again with workers refused (the conversion then runs in the page, progress still shown);
 * the review shows the transactions, a download works, its Content-Security-Policy blocks
 * nothing of its own, and no request goes anywhere but file:, data: and blob: URLs.
 */
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DIST_SINGLE_FILE, download, dropFiles, ensureSingleBuilt, fixture, iifBlocks, iifCents, iifColumn, launchChromium } from './harness.ts';

let browser: Browser;

beforeAll(async () => {
  ensureSingleBuilt();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Only these never leave the machine. */
const LOCAL_SCHEMES = ['file:', 'data:', 'blob:'];

interface OfflineSession {
  context: BrowserContext;
  page: Page;
  requests: string[];
  errors: string[];
  warnings: string[];
}

/** Records the Content-Security-Policy violations and whether a progress bar was ever shown. */
function watchPage(): void {
  const w = window as unknown as { __csp: string[]; __progressSeen: string[] };
  w.__csp = [];
  w.__progressSeen = [];
  document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  new MutationObserver(() => {
    for (const id of ['inspect-progress', 'convert-progress']) {
      if (document.getElementById(id) && !w.__progressSeen.includes(id)) w.__progressSeen.push(id);
    }
  }).observe(document, { childList: true, subtree: true });
}

async function openOffline(initScripts: (() => void)[] = []): Promise<OfflineSession> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await context.addInitScript(watchPage);
  for (const script of initScripts) await context.addInitScript(script);
  const requests: string[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  // Anything that is not local is refused (and listed by the assertion below).
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (LOCAL_SCHEMES.some((s) => url.startsWith(s))) await route.continue();
    else await route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    if (m.type() === 'warning') warnings.push(m.text());
  });
  const url = pathToFileURL(DIST_SINGLE_FILE).href;
  await page.goto(url);
  expect(page.url()).toBe(url);
  await page.getByRole('heading', { name: '1. Files' }).waitFor();
  return { context, page, requests, errors, warnings };
}

async function convertAndDownload(page: Page): Promise<void> {
  await dropFiles(page, '[data-testid="keap-files-zone"]', ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'].map((n) => fixture(n)));
  await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Review/ }).click();
  await page.getByTestId('reconciled').waitFor();
  expect(await page.getByTestId('reconciled').textContent()).toContain('Reconciled to the cent');
  await expect.poll(() => page.getByTestId('txn-row').count()).toBe(4);
  expect(await page.getByTestId('txn-row').allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining('INVOICE'), expect.stringContaining('PAYMENT')]),
  );

  await page.getByLabel(/backed up my QuickBooks company file/).check();
  await page.getByLabel(/import into a copy/).check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  const file = await download(page, () => page.getByRole('button', { name: /Download IIF/ }).click());
  expect(file.name).toBe('keap-2024-03-15_2024-04-03.iif');
  const text = file.bytes.toString('latin1');
  const blocks = iifBlocks(text);
  expect(blocks.map((b) => b.type).sort()).toEqual(['INVOICE', 'INVOICE', 'PAYMENT', 'PAYMENT']);
  const trnsAmount = iifColumn(text, '!TRNS', 'AMOUNT');
  const splAmount = iifColumn(text, '!SPL', 'AMOUNT');
  for (const b of blocks) {
    expect(b.lines.reduce((s, cells, i) => s + iifCents(cells[i === 0 ? trnsAmount : splAmount] ?? ''), 0)).toBe(0);
  }
}

function expectNothingLeft(s: OfflineSession): void {
  const away = s.requests.filter((u) => !LOCAL_SCHEMES.some((scheme) => u.startsWith(scheme)));
  expect(away, 'requests that would leave the machine').toEqual([]);
  // The page itself was requested: the recording works.
  expect(s.requests.some((u) => u.startsWith('file:'))).toBe(true);
}

describe('offline single file', () => {
  it('is one self-contained page whose policy forbids every connection', () => {
    const html = readFileSync(DIST_SINGLE_FILE, 'utf8');
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link\b[^>]*rel="(stylesheet|modulepreload)"/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    for (const directive of ["default-src 'none'", "connect-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toMatch(/script-src 'sha256-[^']+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('converts from file:// with the inlined worker, downloads, and makes no request', async () => {
    const s = await openOffline();
    const { page } = s;
    await convertAndDownload(page);
    // The inlined worker really ran (Chromium allows a Blob worker on a file:// page).
    expect(page.workers().length).toBeGreaterThan(0);
    expect(s.warnings.filter((w) => w.includes('in the page instead'))).toEqual([]);
    await page.screenshot({ path: '/tmp/offline-review.png', fullPage: true });

    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(s.errors).toEqual([]);
    expectNothingLeft(s);
    await s.context.close();
  });

  it('converts in the page, with progress shown, when the browser refuses the worker', async () => {
    const s = await openOffline([
      () => {
        // What a browser that refuses workers on file:// pages does: the constructor throws.
        (window as unknown as { Worker: unknown }).Worker = function RefusedWorker() {
          throw new DOMException('Workers are not allowed for file:// pages here.', 'SecurityError');
        };
      },
    ]);
    const { page } = s;
    await convertAndDownload(page);
    expect(page.workers()).toHaveLength(0);
    expect(s.warnings.some((w) => w.includes('converting in the page instead'))).toBe(true);
    const seen = await page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
    expect(seen).toContain('inspect-progress');
    expect(seen).toContain('convert-progress');

    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    // The client says once, as a warning, that it converts in the page; nothing is an error.
    expect(s.errors).toEqual([]);
    expectNothingLeft(s);
    await s.context.close();
  });
});
