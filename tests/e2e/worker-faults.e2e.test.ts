/**
 * Converter worker faults (issue 7 §5, issue 12 §5) in real Chromium, with no test hook in the
 * app: the test serves its own version of the built worker script (Playwright routes the
 * worker's URL) that misbehaves once, on the conversion that carries a given item name, and is
 * the real worker otherwise. An exception inside the worker reaches the page as a message with
 * "Try again" and "Copy details"; a worker that crashes is replaced by a fresh one; a worker
 * that silently stops is noticed by the watchdog after 20 s without a word (the page clock is
 * moved forward) and shown with "Try again"; a worker busy for a long time in one step, with
 * no progress at all, is never ended while its pulse beats. The files and the mapping are never lost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DIST, assertStayedLocal, dropFiles, fixture, openApp, useServedApp, gotoStep } from './harness.ts';
import type { AppSession, StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

const TRIGGER_ITEM = 'Widgets:Blue Widget';

type Fault = 'throw-inside' | 'crash' | 'close' | 'busy';

/** How long the 'busy' fault keeps the worker's thread blocked before converting (real time). */
const BUSY_MS = 8_000;

/**
 * The built worker with a prelude that watches the messages it gets: the first `convert`
 * request whose profile maps Widget to TRIGGER_ITEM makes it misbehave, every other request is
 * handled by the real worker code untouched.
 */
function faultyWorker(fault: Fault): string {
  const dir = join(DIST, 'assets');
  const name = readdirSync(dir).find((f) => /^convert\.worker-.*\.js$/.test(f));
  if (!name) throw new Error('no convert.worker-*.js in dist/assets');
  const real = readFileSync(join(dir, name), 'utf8');
  const act: Record<Fault, string> = {
    // handleRequest's own try/catch meets this, as it would any bug in the core.
    'throw-inside': `Object.defineProperty(request, 'files', { get() { throw new Error('Simulated failure inside the converter'); } });`,
    // Outside handleRequest: an uncaught error, the worker's 'error' event in the page.
    crash: `throw new Error('Simulated converter crash');`,
    // The worker ends without a word (no event reaches the page).
    close: `self.close(); return;`,
    // One long synchronous step with no progress reported (a huge export in the core), then the real work.
    busy: `const until = Date.now() + ${BUSY_MS}; while (Date.now() < until) {}`,
  };
  const prelude = `
(() => {
  let struck = false;
  let handler = null;
  Object.defineProperty(self, 'onmessage', {
    configurable: true,
    get() { return handler; },
    set(h) {
      handler = h;
      self.addEventListener('message', (event) => {
        const request = event.data;
        if (!struck && request && request.type === 'convert' && request.profile?.products?.Widget?.item === ${JSON.stringify(TRIGGER_ITEM)}) {
          struck = true;
          ${act[fault]}
        }
        h.call(self, event);
      });
    },
  });
})();
`;
  return prelude + real;
}

/** Serves the faulty worker the first time the worker script is loaded, the real one afterwards; counts the loads. */
async function routeWorker(s: AppSession, fault: Fault): Promise<{ loads: () => number }> {
  let loads = 0;
  await s.context.route('**/assets/convert.worker-*.js', async (route) => {
    loads++;
    if (loads === 1) await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: faultyWorker(fault) });
    else await route.fallback();
  });
  return { loads: () => loads };
}

/** Adds the files, waits for the first review, then maps Widget to the item that triggers the fault. */
async function setUpAndTrigger(page: Page): Promise<void> {
  await dropFiles(page, '[data-testid="keap-files-zone"]', ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'].map((n) => fixture(n)));
  await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
  // The first conversion has finished: step 4 shows its transaction count.
  await expect.poll(() => page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Review/ }).textContent()).toContain('4');
  await gotoStep(page, 'Mapping');
  await page.getByLabel('QuickBooks item for Widget').fill(TRIGGER_ITEM);
}

/** Files still there, mapping still there. */
async function nothingLost(page: Page): Promise<void> {
  expect(await page.getByLabel('QuickBooks item for Widget').inputValue()).toBe(TRIGGER_ITEM);
  await gotoStep(page, 'Files');
  expect(await page.getByTestId('file-card').count()).toBe(4);
  await gotoStep(page, 'Mapping');
  expect(await page.getByLabel('QuickBooks item for Widget').inputValue()).toBe(TRIGGER_ITEM);
}

/** The review, from a good run that used the mapping. */
async function reviewUsesMapping(page: Page): Promise<void> {
  await gotoStep(page, 'Review');
  await page.getByTestId('reconciled').waitFor();
  await expect.poll(() => page.getByTestId('txn-row').count()).toBe(4);
  await page.getByRole('button', { name: /Show lines of INVOICE 1001/ }).click();
  await expect.poll(() => page.locator('#txn-detail').textContent()).toContain(TRIGGER_ITEM);
}

/** Clicks "Copy details" and returns what was copied (clipboard, or the fallback text box). */
async function copyDetails(page: Page): Promise<string> {
  const notice = page.getByRole('alert').filter({ hasText: 'Converting your files failed' });
  await notice.getByRole('button', { name: 'Copy details' }).click();
  await expect.poll(() => notice.getByRole('status').textContent()).toMatch(/copied|did not allow/);
  const status = (await notice.getByRole('status').textContent()) ?? '';
  if (status.includes('copied')) return page.evaluate(() => navigator.clipboard.readText());
  return notice.getByLabel('Error details').inputValue();
}

/** Console errors other than the ones the fault itself logs. */
function unexpectedErrors(s: AppSession): string[] {
  return s.errors.filter((e) => !e.includes('Simulated'));
}

describe('worker faults', () => {
  it('an exception inside the worker is shown with Copy details; Try again then succeeds', async () => {
    const s = await openApp(browser, server.origin);
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const { page } = s;
    const worker = await routeWorker(s, 'throw-inside');
    await setUpAndTrigger(page);

    const notice = page.getByRole('alert').filter({ hasText: 'Converting your files failed' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Simulated failure inside the converter');
    await page.screenshot({ path: '/tmp/worker-exception.png' });
    const details = await copyDetails(page);
    expect(details).toContain('Converting your files failed');
    expect(details).toContain('Simulated failure inside the converter');
    // The stack came from inside the worker.
    expect(details).toMatch(/convert\.worker-[\w-]+\.js/);

    await nothingLost(page);
    await notice.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await reviewUsesMapping(page);
    // The worker reported the error and lived on: it was never reloaded.
    expect(worker.loads()).toBe(1);

    expect(unexpectedErrors(s)).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('a crashed worker is reported, and Try again runs in a fresh worker', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    const worker = await routeWorker(s, 'crash');
    await setUpAndTrigger(page);

    const notice = page.getByRole('alert').filter({ hasText: 'Converting your files failed' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('The converter stopped unexpectedly');
    expect(await notice.getByRole('button', { name: 'Copy details' }).isVisible()).toBe(true);
    expect(worker.loads()).toBe(1);

    await nothingLost(page);
    await notice.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await reviewUsesMapping(page);
    expect(worker.loads()).toBe(2);

    expect(unexpectedErrors(s)).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('a worker that stops without a word is noticed after 20 s of silence and shown with Try again, which runs in a fresh worker', async () => {
    const s = await openApp(browser, server.origin, { installClock: true });
    const { page } = s;
    const worker = await routeWorker(s, 'close');
    await setUpAndTrigger(page);
    // Nothing tells the page that the worker closed, but its pulse stops with it...
    await gotoStep(page, 'Review');
    await page.locator('#convert-progress').waitFor();
    await page.waitForTimeout(1_500);
    const notice = page.getByRole('alert').filter({ hasText: 'Converting your files failed' });
    await page.clock.fastForward(15_000);
    await page.waitForTimeout(300);
    expect(await notice.count(), 'not before 20 s of silence').toBe(0);
    // ...and 20 s after it was last heard from, the run ends with a message and Try again.
    await page.clock.fastForward(6_000);
    await notice.waitFor();
    expect(await notice.textContent()).toContain('The converter stopped responding');
    expect(await page.locator('#convert-progress').count()).toBe(0);
    await page.screenshot({ path: '/tmp/worker-silent.png' });

    await gotoStep(page, 'Mapping');
    await nothingLost(page);
    await notice.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await reviewUsesMapping(page);
    expect(worker.loads()).toBe(2);

    expect(unexpectedErrors(s)).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('a conversion busy for a long time in one step, with no progress at all, is never ended while the worker lives', async () => {
    const s = await openApp(browser, server.origin, { installClock: true });
    const { page } = s;
    const worker = await routeWorker(s, 'busy');
    await setUpAndTrigger(page);
    await gotoStep(page, 'Review');
    await page.locator('#convert-progress').waitFor();
    // A minute of page time passes while the worker's thread is blocked (about 5 s of real time
    // between jumps, so the pulse, on its own thread, is heard between them).
    for (let i = 0; i < 4; i++) {
      await page.waitForTimeout(1_200);
      await page.clock.fastForward(15_000);
    }
    await expect.poll(() => page.locator('#convert-progress').count(), { timeout: 30_000 }).toBe(0);
    await reviewUsesMapping(page);
    expect(await page.getByRole('alert').filter({ hasText: 'Converting your files failed' }).count()).toBe(0);
    // The same worker did the work: it was never ended and replaced.
    expect(worker.loads()).toBe(1);

    expect(unexpectedErrors(s)).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });
});
