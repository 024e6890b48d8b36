/**
 * "Nothing you drop on the page leaves your computer", shown (issue 7 §3): every request the
 * served app makes, from page load through reading the files, the QuickBooks lists, a full
 * conversion, a test export, a full export and a profile export, is recorded here (page and
 * worker), and the test fails on any that does not go to the page's own origin. The page's
 * Content-Security-Policy must also never have had to block anything of the app's own.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FIXTURES, download, dropFiles, fixture, useServedApp } from './harness.ts';
import type { StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

describe('privacy', () => {
  it('makes no request outside its own origin from load through conversion and export', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const requests: string[] = [];
    const record = (url: string): void => {
      if (!requests.includes(url)) requests.push(url);
    };
    // Both listeners: `request` events and the router see page and worker requests; either catches a leak.
    context.on('request', (r) => record(r.url()));
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      record(url);
      if (new URL(url).origin === server.origin) await route.continue();
      else await route.abort('blockedbyclient'); // never let it out, and fail below
    });
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    page.on('request', (r) => record(r.url()));
    page.on('worker', (w) => record(w.url()));

    await page.goto(`${server.origin}/index.html`);
    await page.getByRole('heading', { name: '1. Files' }).waitFor();
    await dropFiles(page, '[data-testid="keap-files-zone"]', ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'].map((n) => fixture(n)));
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
    const nav = page.getByRole('navigation', { name: 'Steps' });
    await nav.getByRole('button', { name: /Mapping/ }).click();
    await download(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
    await nav.getByRole('button', { name: /QuickBooks lists/ }).click();
    await page.setInputFiles('#qb-lists-input', join(FIXTURES, 'qb-lists.iif'));
    await page.getByText('Lists from “qb-lists.iif”').waitFor();
    await nav.getByRole('button', { name: /Review/ }).click();
    await page.getByTestId('reconciled').waitFor();
    await expect.poll(() => page.getByTestId('txn-row').count()).toBe(4);
    const test = await download(page, () => page.getByRole('button', { name: 'Test export' }).click());
    expect(test.bytes.length).toBeGreaterThan(0);
    await page.getByLabel(/backed up my QuickBooks company file/).check();
    await page.getByLabel(/import into a copy/).check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const full = await download(page, () => page.getByRole('button', { name: /Download IIF/ }).click());
    expect(full.bytes.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('history').textContent()).toContain(full.name);

    // The recording saw the app's own files, the worker's script included.
    expect(requests).toContain(`${server.origin}/index.html`);
    expect(requests.some((u) => /\/assets\/convert\.worker-[\w-]+\.js$/.test(u))).toBe(true);
    // The assertion this test is for: nothing went anywhere else.
    const away = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== server.origin);
    expect(away, 'requests that left the page’s own origin').toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await context.close();
  });
});
