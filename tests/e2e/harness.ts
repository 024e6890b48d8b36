/**
 * End-to-end harness: serves the built app (dist/) from a tiny static server on 127.0.0.1,
 * drives a Chromium-family browser (found by tests/support/browser.ts) through playwright-core,
 * records every request and fails when one leaves the page's own origin, and offers helpers to
 * drop files and read downloads.
 * A missing browser is an error, never a skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { CONTENT_TYPES } from '../support/content-types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
/** The offline build: one self-contained HTML file (vite.single.config.ts). */
export const DIST_SINGLE_FILE = join(ROOT, 'dist-single', 'keap2iif.html');
export const FIXTURES = join(ROOT, 'tests/fixtures/e2e');


/** Builds dist/ once when it is missing (npm test builds it beforehand). */
export function ensureBuilt(): void {
  if (existsSync(join(DIST, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('vite build did not produce dist/index.html');
}

/** Builds the offline single file once when it is missing (npm test builds it beforehand). */
export function ensureSingleBuilt(): void {
  if (existsSync(DIST_SINGLE_FILE)) return;
  execFileSync('npx', ['vite', 'build', '--config', 'vite.single.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(DIST_SINGLE_FILE)) throw new Error(`vite build --config vite.single.config.ts did not produce ${DIST_SINGLE_FILE}`);
}

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves a directory on 127.0.0.1 at a random port (GET/HEAD only, no directory escapes). */
export async function serveDir(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/**
 * Launches the browser found by tests/support/browser.ts (CHROMIUM_PATH or CHROME_PATH,
 * playwright-core's Chromium, the distribution's Chromium, then Chrome, Chromium or Edge);
 * throws (fails the suite) when there is none.
 */
export function launchChromium(): Promise<Browser> {
  return launchBrowser(['--disable-quic']);
}

export interface AppSession {
  context: BrowserContext;
  page: Page;
  /** Every URL requested (page, worker, assets). */
  requests: string[];
  /** Requests that tried to leave the page's origin (they are blocked). */
  offOrigin: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
}

/** A fresh browser context on the app with network recording and off-origin blocking. */
export async function openApp(browser: Browser, origin: string, options: { initScript?: () => void; installClock?: boolean } = {}): Promise<AppSession> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  if (options.initScript) await context.addInitScript(options.initScript);
  const requests: string[] = [];
  const offOrigin: string[] = [];
  const errors: string[] = [];
  // data: and blob: URLs never reach the network; everything else must stay on our origin.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(`${origin}/`) || url === origin) await route.continue();
    else {
      if (!offOrigin.includes(url)) offOrigin.push(url);
      await route.abort('blockedbyclient');
    }
  });
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && !url.startsWith(`${origin}/`) && !offOrigin.includes(url)) offOrigin.push(url);
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  // A page clock the test can move forward (it runs in real time until then).
  if (options.installClock) await page.clock.install();
  await page.goto(`${origin}/index.html`);
  await page.getByRole('heading', { name: '1. Files' }).waitFor();
  return { context, page, requests, offOrigin, errors };
}

/** Throws when any request left the page's origin. */
export function assertStayedLocal(session: AppSession): void {
  if (session.offOrigin.length > 0) {
    throw new Error(`Requests left the machine's own origin:\n${session.offOrigin.join('\n')}`);
  }
}

export interface DropFile {
  name: string;
  type: string;
  base64: string;
}

export function fixture(name: string, type = 'text/csv'): DropFile {
  return { name, type, base64: readFileSync(join(FIXTURES, name)).toString('base64') };
}

/** Dispatches real dragenter/dragover/drop events carrying the files on the element. */
export async function dropFiles(page: Page, selector: string, files: DropFile[]): Promise<void> {
  const handle = await page.evaluateHandle((list: DropFile[]) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent(selector, type, { dataTransfer: handle });
  }
  await handle.dispose();
}

/** Clicks and returns the download it starts, with its bytes. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return readDownload(d);
}

async function readDownload(d: Download): Promise<{ name: string; bytes: Buffer }> {
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

export interface IifBlock {
  type: string;
  lines: string[][];
}

/** Splits IIF text into TRNS…ENDTRNS blocks (each line as its tab-separated cells). */
export function iifBlocks(text: string): IifBlock[] {
  const blocks: IifBlock[] = [];
  let current: IifBlock | null = null;
  for (const line of text.split('\r\n')) {
    const cells = line.split('\t');
    if (cells[0] === 'TRNS') {
      current = { type: cells[2] ?? '', lines: [cells] };
    } else if (cells[0] === 'SPL' && current) {
      current.lines.push(cells);
    } else if (cells[0] === 'ENDTRNS' && current) {
      blocks.push(current);
      current = null;
    }
  }
  return blocks;
}

/** Parses an IIF amount ("-1,234.56" possibly quoted) into cents without floats. */
export function iifCents(raw: string): number {
  const s = raw.replace(/^"|"$/g, '').replace(/,/g, '');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not an IIF amount: ${raw}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/** Column index of a field in the !TRNS / !SPL header of the file. */
export function iifColumn(text: string, header: '!TRNS' | '!SPL', field: string): number {
  const line = text.split('\r\n').find((l) => l.startsWith(`${header}\t`));
  if (!line) throw new Error(`no ${header} header`);
  const i = line.split('\t').indexOf(field);
  if (i < 0) throw new Error(`no ${field} in ${header}`);
  return i;
}

/**
 * Registers the suite's hooks: build dist/ if needed, serve it on loopback and launch Chromium
 * before the tests, close both after. `ready` receives the server and the browser.
 */
export function useServedApp(ready: (server: StaticServer, browser: Browser) => void): void {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureBuilt();
    server = await serveDir(DIST);
    browser = await launchChromium();
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** Clicks a step in the step navigation. */
export function gotoStep(page: Page, title: string): Promise<void> {
  return page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(title) }).click();
}
