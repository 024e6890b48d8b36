/**
 * Keap Payments deposits in the app (issue 14), against the command line: the same files with a
 * per-deposit CSV that carries no date. The app asks for the date on the file's card, shows the
 * deposits and what is not yet deposited in the review, and writes the same bytes as
 * `keap2iif convert --deposit-date`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runInProcess } from '../support/cli.ts';
import { GOLDEN_DIR } from '../support/golden.ts';
import { assertStayedLocal, download, gotoStep, iifBlocks, openApp, type StaticServer, useServedApp } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

const CASE = join(GOLDEN_DIR, 'deposit-three-payments');
// No deposits list: the deposit file alone does not say when Keap paid it out.
const FILES = ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv', 'deposit-payments.csv'].map((f) => join(CASE, f));

describe('Keap Payments deposits', () => {
  it('asks for the date of a deposit file without one, shows the deposit, and writes what the command line writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keap2iif-deposits-'));
    const template = await runInProcess(['template', '--name', 'Deposits', ...FILES]);
    expect(template.code).toBe(0);
    const profilePath = join(dir, 'deposits.json');
    writeFileSync(profilePath, template.stdout);
    const cliOut = join(dir, 'cli.iif');
    const cli = await runInProcess(['convert', '--profile', profilePath, '--deposit-date', 'deposit-payments.csv=03/15/2024', '--out', cliOut, ...FILES]);
    expect(cli.code).toBeLessThan(2);

    const s = await openApp(browser, server.origin);
    const { page } = s;
    await gotoStep(page, 'Mapping');
    await page.setInputFiles('#profile-import', profilePath);
    await expect.poll(() => page.locator('#profile-select option:checked').textContent()).toContain('Deposits');
    await page.getByRole('heading', { name: 'Keap Payments deposits' }).waitFor();
    expect(await page.getByLabel('Keap Payments clearing account').inputValue()).toBe('Keap Payments Clearing');

    await gotoStep(page, 'Files');
    await page.setInputFiles('#keap-files-input', FILES);
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(5);
    const card = page.getByTestId('file-card').filter({ hasText: 'deposit-payments.csv' });
    await expect.poll(() => card.textContent()).toContain('Keap Payments deposit');
    // Without a date the deposit is set aside: none is written, and its payments wait in the clearing account.
    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    await expect.poll(() => page.getByTestId('deposits').textContent()).toContain('0 deposits');
    expect(await page.getByTestId('not-yet-deposited').textContent()).toContain('3 payments');

    await gotoStep(page, 'Files');
    await card.getByLabel('Deposit date').fill('2024-03-15');
    await gotoStep(page, 'Review');
    const panel = page.getByTestId('deposits');
    await expect.poll(() => panel.textContent()).toContain('1 deposit');
    expect(await panel.textContent()).toContain('$169.02');
    expect(await page.getByTestId('reconciled').textContent()).toContain('Reconciled to the cent');

    await page.getByLabel(/backed up my QuickBooks company file/).check();
    await page.getByLabel(/import into a copy/).check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const app = await download(page, () => page.getByRole('button', { name: /Download IIF/ }).click());
    const text = app.bytes.toString('latin1');
    expect(iifBlocks(text).some((b) => b.type === 'DEPOSIT')).toBe(true);
    expect(app.bytes.equals(readFileSync(cliOut))).toBe(true);
    assertStayedLocal(s);
    await s.context.close();
  });
});
