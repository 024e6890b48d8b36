/**
 * The accountant's second month (issue 12 §1) in real Chromium: month one is exported, then the
 * QuickBooks customer list is loaded and month two added. A Keap contact that looks like two
 * existing customers is suggested, never applied on its own; accepting one writes the month's
 * transactions under that QuickBooks customer, with no new CUST row, and the choice is kept.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { assertStayedLocal, download, dropFiles, fixture, gotoStep, iifBlocks, openApp, useServedApp } from './harness.ts';
import type { StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

/** QuickBooks has Jane twice over, as far as a name can tell: "Doe, Jane" and "Jane Doe Inc". */
function listsFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'keap2iif-lists-')), 'lists.iif');
  const rows = ['!ACCNT\tNAME\tACCNTTYPE\tEXTRA', 'ACCNT\tAccounts Receivable\tAR\t', '!CUST\tNAME\tEMAIL', 'CUST\t"Doe, Jane"\t', 'CUST\tJane Doe Inc\t', ''];
  writeFileSync(path, rows.join('\r\n'));
  return path;
}

describe('customers QuickBooks already has', () => {
  it('a second month: a suggested match is accepted, written under the QuickBooks customer, and kept', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;

    // Month one, exported before the lists were loaded.
    await dropFiles(page, '[data-testid="keap-files-zone"]', ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'].map((n) => fixture(n)));
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    await page.getByLabel(/backed up my QuickBooks company file/).check();
    await page.getByLabel(/import into a copy/).check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await download(page, () => page.getByRole('button', { name: /Download IIF/ }).click());

    // Month two, with the QuickBooks lists.
    await gotoStep(page, 'Files');
    await dropFiles(page, '[data-testid="keap-files-zone"]', ['order-items-may.csv', 'invoices-may.csv', 'payments-may.csv'].map((n) => fixture(n)));
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(7);
    await gotoStep(page, 'QuickBooks lists');
    await page.setInputFiles('#qb-lists-input', listsFile());
    const suggestions = page.getByTestId('customer-suggestions');
    await suggestions.waitFor();
    expect(await suggestions.textContent()).toContain('Jane Doe');
    const pick = page.getByLabel('QuickBooks customer for Jane Doe');
    expect(await pick.locator('option').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Doe, Jane'), expect.stringContaining('Jane Doe Inc')]));
    // Not applied by itself: the review says a match waits for an answer.
    await gotoStep(page, 'Review');
    await expect.poll(() => page.getByTestId('customer-match-note').textContent()).toContain('wait for your answer');

    await gotoStep(page, 'QuickBooks lists');
    await page.getByLabel('QuickBooks customer for Jane Doe').selectOption('Doe, Jane');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    const matched = page.getByTestId('customer-matched');
    await expect.poll(() => matched.textContent()).toContain('1 Keap contact is written under a customer QuickBooks already has');
    await expect.poll(() => suggestions.count()).toBe(0);

    await gotoStep(page, 'Review');
    await expect.poll(() => page.getByTestId('customer-match-note').textContent()).toContain('1 Keap contact is written under customers QuickBooks already has');
    await page.getByTestId('already-exported').waitFor();
    const may = await download(page, () => page.getByRole('button', { name: /Download IIF/ }).click());
    const text = may.bytes.toString('latin1');
    const blocks = iifBlocks(text);
    expect(blocks.map((b) => b.type).sort()).toEqual(['INVOICE', 'PAYMENT']);
    for (const b of blocks) expect(b.lines[0]).toContain('"Doe, Jane"');
    expect(text).not.toMatch(/^CUST\t/m);
    expect(text).not.toContain('Jane Doe');

    // The choice is in the profile: after a reload it still applies.
    await page.reload();
    await page.getByRole('heading', { name: '1. Files' }).waitFor();
    await dropFiles(page, '[data-testid="keap-files-zone"]', ['order-items-may.csv', 'invoices-may.csv', 'payments-may.csv', 'contacts.csv'].map((n) => fixture(n)));
    await gotoStep(page, 'QuickBooks lists');
    await expect.poll(() => page.getByTestId('customer-matched').textContent()).toContain('Doe, Jane');
    assertStayedLocal(s);
    await s.context.close();
  });
});
