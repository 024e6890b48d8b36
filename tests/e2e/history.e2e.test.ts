/**
 * The export history across machines (issue 12 §4) in real Chromium: a history exported as JSON
 * in one browser profile and imported in a fresh one leaves out what was exported there; a
 * foreign or broken file is refused with a message and changes nothing; forgetting one export
 * asks first, says what it does, and puts its transactions back into the next export.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { assertStayedLocal, download, dropFiles, fixture, gotoStep, openApp, useServedApp } from './harness.ts';
import type { StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

const FILES = ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'];

async function reviewFiles(page: Page): Promise<void> {
  await dropFiles(page, '[data-testid="keap-files-zone"]', FILES.map((n) => fixture(n)));
  await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
  await gotoStep(page, 'Review');
  await page.getByTestId('reconciled').waitFor();
  await expect.poll(() => page.locator('#convert-progress').count()).toBe(0);
}

async function importHistory(page: Page, name: string, text: string): Promise<void> {
  await page.setInputFiles('#history-import', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('export history across browser profiles', () => {
  it('a history imported on a fresh browser profile leaves out what was exported; forgetting the export brings it back', async () => {
    // Machine A: a full export, then the history saved as JSON.
    const a = await openApp(browser, server.origin);
    await reviewFiles(a.page);
    await a.page.getByLabel(/backed up my QuickBooks company file/).check();
    await a.page.getByLabel(/import into a copy/).check();
    await a.page.getByRole('button', { name: 'Confirm' }).click();
    const iif = await download(a.page, () => a.page.getByRole('button', { name: /Download IIF/ }).click());
    await expect.poll(() => a.page.getByTestId('history').textContent()).toContain(iif.name);
    const saved = await download(a.page, () => a.page.getByRole('button', { name: 'Export history as JSON' }).click());
    expect(saved.name).toBe('keap2iif-export-history.json');
    const historyJson = saved.bytes.toString('utf8');
    const profileJson = (await download(a.page, async () => {
      await gotoStep(a.page, 'Mapping');
      await a.page.getByRole('button', { name: 'Export JSON' }).click();
    })).bytes.toString('utf8');
    expect(a.errors).toEqual([]);
    assertStayedLocal(a);
    await a.context.close();

    // Machine B: a fresh browser profile (nothing stored), the same Keap files.
    const b = await openApp(browser, server.origin);
    const { page } = b;
    await reviewFiles(page);
    await expect.poll(() => page.getByTestId('txn-row').count()).toBe(4);
    expect(await page.getByText('Nothing exported with this profile yet.').isVisible()).toBe(true);

    // A foreign file and a broken one are refused; nothing changes.
    await importHistory(page, 'profile.json', profileJson);
    const refusal = page.getByTestId('history-import-error');
    await expect.poll(() => refusal.textContent()).toContain('"profile.json" was not imported, and the export history is unchanged.');
    expect(await refusal.textContent()).toContain('mapping profile, not an export history');
    await importHistory(page, 'cut.json', historyJson.slice(0, historyJson.length / 2));
    await expect.poll(() => refusal.textContent()).toContain('"cut.json" was not imported');
    expect(await page.getByTestId('history').count()).toBe(0);
    expect(await page.getByTestId('txn-row').count()).toBe(4);

    // The real history: merged, and what machine A exported is left out here.
    await importHistory(page, 'keap2iif-export-history.json', historyJson);
    await expect.poll(() => page.getByTestId('history-status').textContent()).toContain('Added 1 export from keap2iif-export-history.json');
    expect(await refusal.count()).toBe(0);
    expect(await page.getByTestId('history').textContent()).toContain(iif.name);
    await expect.poll(() => page.getByTestId('already-exported').textContent()).toContain('4 transactions left out');
    await expect.poll(() => page.getByTestId('txn-row').count()).toBe(0);
    // Importing it again adds nothing.
    await importHistory(page, 'keap2iif-export-history.json', historyJson);
    await expect.poll(() => page.getByTestId('history-status').textContent()).toContain('Nothing new');
    expect(await page.getByTestId('history').locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: '/tmp/history-imported.png', fullPage: true });

    // Forget it: asked first, with what it does; Cancel changes nothing.
    const forget = page.getByRole('button', { name: `Forget ${iif.name}…` });
    await forget.click();
    const confirm = page.getByTestId('forget-confirm');
    expect(((await confirm.textContent()) ?? '').replace(/\s+/g, ' ')).toMatch(/Its 4 transactions will no longer be left out: the next export includes them again\..*restored your QuickBooks company file from a backup made before you imported this file/);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('history').locator('tbody tr').count()).toBe(1);
    await forget.click();
    await page.getByRole('button', { name: 'Yes, forget this export' }).click();
    await expect.poll(() => page.getByTestId('history-status').textContent()).toContain(`Forgot ${iif.name}`);
    expect(await page.getByTestId('history').count()).toBe(0);
    await expect.poll(() => page.getByTestId('txn-row').count()).toBe(4);
    expect(await page.getByTestId('already-exported').count()).toBe(0);

    // Forgotten for good: still so after a reload.
    await page.reload();
    await gotoStep(page, 'Review');
    await page.getByText('Nothing exported with this profile yet.').waitFor();

    expect(b.errors).toEqual([]);
    assertStayedLocal(b);
    await b.context.close();
  });
});
