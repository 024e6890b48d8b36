/**
 * The review and its printable summary (issue 12 §6) in real Chromium: the account effect
 * (debits, credits and net per account, grouped by type) whose net changes add up to zero; the
 * search finding a transaction by its memo; an expanded transaction as tall as its content;
 * and the print summary with the Keap files' sizes and SHA-256, the profile, reconciliation,
 * account effect, counts and problems, and the IIF's name and SHA-256, which is the SHA-256 of
 * the file the full export then saves. On paper only the summary is printed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { FIXTURES, assertStayedLocal, download, dropFiles, fixture, gotoStep, openApp, useServedApp } from './harness.ts';
import type { StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

const FILES = ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'];
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The net change (cents) of every account row of an account-effect table. */
async function nets(table: Locator): Promise<number[]> {
  return table.locator('[data-net]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-net'))));
}

describe('review and print summary', () => {
  it('shows the account effect, finds memos, sizes the expanded detail to its content', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    await dropFiles(page, '[data-testid="keap-files-zone"]', FILES.map((n) => fixture(n)));
    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();

    // Account effect: A/R, Undeposited Funds, income… with a total of zero.
    const effect = page.getByTestId('account-effect');
    await effect.waitFor();
    const text = (await effect.textContent()) ?? '';
    for (const group of ['Accounts receivable (A/R)', 'Undeposited Funds and other clearing accounts', 'Income']) expect(text).toContain(group);
    const values = await nets(effect);
    expect(values.length).toBeGreaterThanOrEqual(3);
    expect(values.reduce((a, b) => a + b, 0)).toBe(0);
    expect(values.some((v) => v !== 0)).toBe(true);
    expect(await page.getByTestId('account-effect-total').textContent()).toBe('$0.00');
    expect(await page.getByTestId('account-effect-balanced').textContent()).toContain('add up to zero');
    await effect.screenshot({ path: '/tmp/account-effect.png' });

    // Search by memo: only the payment's memo says "payment for invoice 1001".
    const search = page.getByLabel('Search');
    await search.fill('payment for invoice 1001');
    await expect.poll(() => page.getByTestId('txn-row').count()).toBe(1);
    expect(await page.getByTestId('txn-row').textContent()).toContain('PAYMENT');
    await search.fill('');
    await expect.poll(() => page.getByTestId('txn-row').count()).toBe(4);

    // An expanded invoice is as tall as its content, and the next row follows right below it.
    await page.getByRole('button', { name: /Show lines of INVOICE 1001/ }).click();
    const detail = page.locator('#txn-detail');
    await detail.locator('table').waitFor();
    const sizes = await detail.evaluate((el) => {
      const inner = el.firstElementChild as HTMLElement;
      const next = el.nextElementSibling as HTMLElement;
      return { outer: el.getBoundingClientRect(), inner: inner.getBoundingClientRect(), nextTop: next.getBoundingClientRect().top };
    });
    expect(Math.abs(sizes.outer.height - sizes.inner.height)).toBeLessThanOrEqual(2);
    expect(Math.abs(sizes.nextTop - sizes.outer.bottom)).toBeLessThanOrEqual(1);
    await page.locator('.viewport').screenshot({ path: '/tmp/detail-height.png' });

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('prints a summary with the files and their SHA-256, the account effect, and the SHA-256 of the IIF the export saves', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    await dropFiles(page, '[data-testid="keap-files-zone"]', FILES.map((n) => fixture(n)));
    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    await expect.poll(() => page.locator('#convert-progress').count()).toBe(0);

    await page.getByRole('button', { name: 'Print summary' }).click();
    const summary = page.getByTestId('print-summary');
    await page.getByTestId('print-iif-sha256').waitFor();
    const shown = (await page.getByTestId('print-iif-sha256').textContent()) ?? '';
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('print-iif').textContent()).toContain('keap-2024-03-15_2024-04-03.iif');

    const files = page.getByTestId('print-files');
    for (const name of FILES) {
      const bytes = readFileSync(join(FIXTURES, name));
      const row = files.locator('tr').filter({ hasText: name });
      const rowText = (await row.textContent()) ?? '';
      expect(rowText).toContain(sha256(bytes));
      expect(rowText).toContain(`${bytes.length} bytes`);
    }
    expect(await page.getByTestId('print-profile').textContent()).toContain('My company');
    expect(await summary.getByTestId('reconciliation').textContent()).toContain('Reconciled to the cent');
    expect((await nets(summary.getByTestId('account-effect'))).reduce((a, b) => a + b, 0)).toBe(0);
    expect(await summary.getByTestId('type-counts').textContent()).toMatch(/INVOICE\s*2/);
    expect(await page.getByTestId('print-problem-counts').textContent()).toMatch(/\d+ errors \(rows set aside\), \d+ warnings, \d+ notes\./);

    // On paper: the summary only, no navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Steps' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print', exact: true }).isVisible()).toBe(false);
    expect(await summary.isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/print-summary.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The full export saves exactly the file the summary fingerprinted.
    await page.getByRole('button', { name: 'Back to the review' }).click();
    await page.getByLabel(/backed up my QuickBooks company file/).check();
    await page.getByLabel(/import into a copy/).check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const saved = await download(page, () => page.getByRole('button', { name: /Download IIF/ }).click());
    expect(saved.name).toBe('keap-2024-03-15_2024-04-03.iif');
    expect(sha256(saved.bytes)).toBe(shown);

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });
});
