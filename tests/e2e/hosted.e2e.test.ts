/**
 * The built site on a static host (issue 13 §3): dist/ served under a sub-path (/keap2iif/, as
 * GitHub Pages serves a project) with its `_headers` applied as real HTTP headers (as Netlify
 * and Cloudflare Pages do). The whole flow runs there (files, mapping, profile export,
 * QuickBooks lists, review, test and full export, reload) with no console error, no page error
 * and no Content-Security-Policy violation, every request staying under the sub-path. Violations
 * are caught twice: by a `securitypolicyviolation` listener on the page, and by the host, which
 * adds a report-only copy of the policy so the browser also reports those in the converter
 * worker (a worker runs under its own script's headers, where the page cannot listen). The
 * header policy's frame-ancestors 'none' stops another page from framing the app, which the meta
 * policy alone cannot do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DIST, FIXTURES, download, dropFiles, ensureBuilt, fixture, gotoStep, iifBlocks, iifCents, iifColumn, launchChromium, serveDir } from './harness.ts';
import { serveLikeStaticHost } from './static-host.ts';
import type { StaticHost } from './static-host.ts';
import { headersFor, parseHeadersFile } from '../support/headers-file.ts';

const BASE = '/keap2iif/';
let host: StaticHost;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  host = await serveLikeStaticHost(DIST, BASE, { reportViolations: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** The headers dist/_headers asks for on the page. */
function expectedPageHeaders(): Map<string, string> {
  return headersFor(parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8')), '/index.html');
}

interface HostedSession {
  context: BrowserContext;
  page: Page;
  /** Every URL the page and its worker asked for. */
  requests: string[];
  /** Page errors and console errors (page and worker). */
  errors: string[];
  /** Every securitypolicyviolation event, across reloads. */
  violations: string[];
}

async function openHosted(): Promise<HostedSession> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  const violations: string[] = [];
  // Reported to the test as they happen, so a reload loses none.
  await context.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await context.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation;
    document.addEventListener('securitypolicyviolation', (e) => report(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`), true);
  });
  context.on('request', (r) => requests.push(r.url()));
  context.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, requests, errors, violations };
}

function checkIif(text: string): ReturnType<typeof iifBlocks> {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const blocks = iifBlocks(text);
  const trnsAmount = iifColumn(text, '!TRNS', 'AMOUNT');
  const splAmount = iifColumn(text, '!SPL', 'AMOUNT');
  for (const b of blocks) {
    expect(b.lines.reduce((s, cells, i) => s + iifCents(cells[i === 0 ? trnsAmount : splAmount] ?? ''), 0), `${b.type} block sums to zero`).toBe(0);
  }
  return blocks;
}

describe('hosted on a static host, under a sub-path, with _headers applied', () => {
  it('the host answers like Netlify or Cloudflare Pages would', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    const expected = expectedPageHeaders();
    expect(expected.size).toBeGreaterThan(0);
    for (const [name, value] of expected) expect(page.headers.get(name), name).toBe(value);
    expect((await fetch(`${host.url}_headers`)).status, '_headers itself is not published').toBe(404);
    expect((await fetch(`${host.origin}/index.html`)).status, 'nothing outside the sub-path').toBe(404);
    const bare = await fetch(`${host.origin}${BASE.slice(0, -1)}`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, BASE]);
  });

  it('runs the whole flow with no console error and no CSP violation', async () => {
    const s = await openHosted();
    const { page } = s;
    const logStart = host.log.length;
    const response = await page.goto(host.url);
    expect(response?.status()).toBe(200);
    // The browser got the policy as a header, frame-ancestors and all.
    const sent = await response?.allHeaders();
    for (const [name, value] of expectedPageHeaders()) expect(sent?.[name], name).toBe(value);
    expect(sent?.['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { name: '1. Files' }).waitFor();

    // The favicon, from the sub-path, allowed by both policies.
    const icon = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? '';
      const img = new Image();
      img.src = href;
      await img.decode();
      return { href, width: img.naturalWidth };
    });
    expect(icon.href).toBe(`${host.url}favicon.svg`);
    expect(icon.width).toBeGreaterThan(0);

    // 1. Files: two dropped, two picked.
    await dropFiles(page, '[data-testid="keap-files-zone"]', [fixture('order-items.csv'), fixture('invoices.csv')]);
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(2);
    await page.setInputFiles('#keap-files-input', [join(FIXTURES, 'payments.csv'), join(FIXTURES, 'contacts.csv')]);
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
    const cards = page.getByTestId('file-card');
    await expect.poll(() => cards.filter({ hasText: 'order-items.csv' }).textContent()).toContain('Order items (line detail)');
    expect(await cards.filter({ hasText: 'payments.csv' }).textContent()).toContain('Payments / transactions');

    // 2. Mapping: rename an item (stored in IndexedDB), export the profile.
    await gotoStep(page, 'Mapping');
    await page.getByLabel('QuickBooks item for Widget').fill('Widgets:Blue Widget');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('All changes saved');
    const profile = await download(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
    expect(profile.bytes.toString('utf8')).toContain('Widgets:Blue Widget');

    // 3. QuickBooks lists.
    await gotoStep(page, 'QuickBooks lists');
    await page.setInputFiles('#qb-lists-input', join(FIXTURES, 'qb-lists.iif'));
    await page.getByTestId('name-checks').waitFor();
    expect(await page.getByTestId('name-checks').textContent()).toContain('QuickBooks will create this as a new account');

    // 4. Review, a row's lines, a test export, the full export.
    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    expect(await page.getByTestId('reconciled').textContent()).toContain('Reconciled to the cent');
    await expect.poll(() => page.getByTestId('txn-row').count()).toBe(4);
    await page.getByRole('button', { name: /Show lines of INVOICE 1001/ }).click();
    await expect.poll(() => page.locator('#txn-detail').textContent()).toContain('Widgets:Blue Widget');
    await page.getByLabel('Number of transactions').fill('2');
    const test = await download(page, () => page.getByRole('button', { name: 'Test export' }).click());
    expect(checkIif(test.bytes.toString('latin1'))).toHaveLength(2);
    await page.getByLabel(/backed up my QuickBooks company file/).check();
    await page.getByLabel(/import into a copy/).check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const full = await download(page, () => page.getByRole('button', { name: /Download IIF/ }).click());
    expect(full.name).toBe('keap-2024-03-15_2024-04-03.iif');
    const text = full.bytes.toString('latin1');
    const blocks = checkIif(text);
    expect(blocks.map((b) => b.type).sort()).toEqual(['INVOICE', 'INVOICE', 'PAYMENT', 'PAYMENT']);
    const invoice = blocks.find((b) => b.type === 'INVOICE' && b.lines[0]?.includes('1001'));
    expect(iifCents(invoice?.lines[0]?.[iifColumn(text, '!TRNS', 'AMOUNT')] ?? '')).toBe(9000);
    await expect.poll(() => page.getByTestId('history').textContent()).toContain(full.name);
    // The conversion ran in the module worker, loaded from the sub-path under the header policy.
    expect(page.workers().length).toBeGreaterThan(0);
    expect(host.log.slice(logStart).some((l) => new RegExp(`^GET ${BASE}assets/convert\\.worker-[\\w-]+\\.js 200$`).test(l))).toBe(true);

    // Reload: the mapping and the history were kept for this origin.
    await page.reload();
    await page.getByRole('heading', { name: '1. Files' }).waitFor();
    await gotoStep(page, 'Mapping');
    expect(await page.getByLabel('QuickBooks item for Widget').inputValue()).toBe('Widgets:Blue Widget');
    await gotoStep(page, 'Review');
    await expect.poll(() => page.getByTestId('history').textContent()).toContain(full.name);

    expect(s.violations, 'Content-Security-Policy violations').toEqual([]);
    expect(host.violationReports, 'Content-Security-Policy violations reported by the browser (page and worker)').toEqual([]);
    expect(s.errors, 'console and page errors').toEqual([]);
    const away = s.requests.filter((u) => !u.startsWith(host.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(away, 'requests outside the site’s sub-path').toEqual([]);
    expect(host.log.slice(logStart).filter((l) => !l.endsWith(' 200')), 'requests the host could not answer').toEqual([]);
    await s.context.close();
  });

  it('would see a violation: the page listener and the host both catch one', async () => {
    const s = await openHosted();
    await s.page.goto(host.url);
    await s.page.getByRole('heading', { name: '1. Files' }).waitFor();
    const before = host.violationReports.length;
    await s.page.evaluate(() => {
      new Image().src = 'https://example.invalid/blocked.png';
    });
    // Meta, header and report-only policies each see it.
    await expect.poll(() => s.violations.filter((v) => v.startsWith('img-src blocked https://example.invalid/blocked.png')).length).toBe(3);
    await expect.poll(() => host.violationReports.length).toBeGreaterThan(before);
    expect(JSON.stringify(host.violationReports.slice(before))).toContain('https://example.invalid/blocked.png');
    expect(s.errors.join('\n')).toContain('https://example.invalid/blocked.png');
    await s.context.close();
    host.violationReports.splice(before);
  });

  it('cannot be framed by another page, which the meta policy alone would allow', async () => {
    const plain = await serveDir(DIST); // a host that ignores _headers: only the meta policy
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const refused = page.waitForEvent('console', (m) => m.type() === 'error' && m.text().includes("frame-ancestors 'none'"));
      await page.setContent(`<iframe id="plain" src="${plain.origin}/index.html"></iframe><iframe id="hosted" src="${host.url}"></iframe>`);
      // Without the header the app loads inside the frame...
      await page.frameLocator('#plain').getByRole('heading', { name: '1. Files' }).waitFor();
      // ...with it, the browser refuses to render the app in a frame.
      // (Chromium names only the framed page's origin.)
      expect((await refused).text()).toContain(`Framing '${host.origin}/'`);
      const hosted = await (await page.$('#hosted'))?.contentFrame();
      expect(hosted?.url()).not.toBe(host.url);
      expect(await page.frameLocator('#hosted').getByRole('heading', { name: '1. Files' }).count()).toBe(0);
    } finally {
      await context.close();
      await plain.close();
    }
  });
});
