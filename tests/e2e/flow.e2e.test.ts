/**
 * The whole flow in real Chromium: drop and pick Keap exports, see the kinds detected, change
 * an item name, load the QuickBooks lists and see a "new account" warning, review reconciled
 * totals, test-export the first N transactions, tick the checklist, download the full IIF and
 * check it (CRLF, every transaction sums to zero, INVOICE and PAYMENT rows), reload and find
 * the mapping and history kept, and export again with the duplicates left out.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { assertStayedLocal, download, dropFiles, fixture, FIXTURES, iifBlocks, iifCents, iifColumn, openApp, useServedApp, gotoStep } from './harness.ts';
import type { StaticServer } from './harness.ts';
import { join } from 'node:path';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

function checkIif(text: string): ReturnType<typeof iifBlocks> {
  expect(text.length).toBeGreaterThan(0);
  // Every line ends with CRLF: no bare LF anywhere.
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const blocks = iifBlocks(text);
  const trnsAmount = iifColumn(text, '!TRNS', 'AMOUNT');
  const splAmount = iifColumn(text, '!SPL', 'AMOUNT');
  for (const b of blocks) {
    const sum = b.lines.reduce((s, cells, i) => s + iifCents(cells[i === 0 ? trnsAmount : splAmount] ?? ''), 0);
    expect(sum, `${b.type} block sums to zero`).toBe(0);
  }
  return blocks;
}

describe('keap2iif end to end', () => {
  it('converts, exports, remembers and leaves out what was exported', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;

    // Step 1: two files by drop, two through the file input (the keyboard route).
    await dropFiles(page, '[data-testid="keap-files-zone"]', [fixture('order-items.csv'), fixture('invoices.csv')]);
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(2);
    await page.setInputFiles('#keap-files-input', [join(FIXTURES, 'payments.csv'), join(FIXTURES, 'contacts.csv')]);
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
    const cards = page.getByTestId('file-card');
    await expect.poll(() => cards.filter({ hasText: 'order-items.csv' }).textContent()).toContain('Order items (line detail)');
    expect(await cards.filter({ hasText: 'invoices.csv' }).textContent()).toContain('✓ Invoices');
    expect(await cards.filter({ hasText: 'payments.csv' }).textContent()).toContain('Payments / transactions');
    expect(await cards.filter({ hasText: 'contacts.csv' }).textContent()).toContain('Contacts');
    expect(await cards.filter({ hasText: 'order-items.csv' }).textContent()).toContain('Taken as');
    await page.screenshot({ path: '/tmp/step-1.png', fullPage: true });

    // Step 2: rename the Widget item.
    await gotoStep(page, 'Mapping');
    await page.getByRole('heading', { name: '2. Mapping' }).waitFor();
    const widget = page.getByLabel('QuickBooks item for Widget');
    await widget.fill('Widgets:Blue Widget');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('All changes saved');
    await page.screenshot({ path: '/tmp/step-2.png', fullPage: true });

    // Step 3: the QuickBooks lists flag names QuickBooks would create.
    await gotoStep(page, 'QuickBooks lists');
    await page.setInputFiles('#qb-lists-input', join(FIXTURES, 'qb-lists.iif'));
    await page.getByText('Lists from “qb-lists.iif”').waitFor();
    await page.getByTestId('name-checks').waitFor();
    expect(await page.getByTestId('name-checks').textContent()).toContain('QuickBooks will create this as a new account');
    await page.screenshot({ path: '/tmp/step-3.png', fullPage: true });

    // Step 4: totals reconcile; test export holds only the first N transactions.
    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    expect(await page.getByTestId('reconciled').textContent()).toContain('Reconciled to the cent');
    await expect.poll(() => page.getByTestId('txn-row').count()).toBe(4);
    // A row expands to its lines (read back from the written file) and the Keap rows behind it.
    await page.getByRole('button', { name: /Show lines of INVOICE 1001/ }).click();
    const detail = page.locator('#txn-detail');
    await expect.poll(() => detail.textContent()).toContain('Widgets:Blue Widget');
    expect(await detail.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await detail.textContent()).toContain('order-items.csv, row 2');
    expect(await detail.textContent()).toContain('invoices.csv, row 2');
    await page.getByRole('button', { name: /Hide lines of INVOICE 1001/ }).click();
    await page.getByLabel('Number of transactions').fill('2');
    const test = await download(page, () => page.getByRole('button', { name: 'Test export' }).click());
    expect(test.name).toMatch(/^keap-test-.*\.iif$/);
    const testBlocks = checkIif(test.bytes.toString('latin1'));
    expect(testBlocks).toHaveLength(2);
    await page.screenshot({ path: '/tmp/step-4.png', fullPage: true });

    // The full export needs the checklist first.
    const full = page.getByRole('button', { name: /Download IIF/ });
    expect(await full.isDisabled()).toBe(true);
    await page.getByLabel(/backed up my QuickBooks company file/).check();
    await page.getByLabel(/import into a copy/).check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const whole = await download(page, () => full.click());
    expect(whole.name).toBe('keap-2024-03-15_2024-04-03.iif');
    const text = whole.bytes.toString('latin1');
    const blocks = checkIif(text);
    expect(blocks.map((b) => b.type).sort()).toEqual(['INVOICE', 'INVOICE', 'PAYMENT', 'PAYMENT']);
    expect(text).toContain('Widgets:Blue Widget');
    const invoice = blocks.find((b) => b.type === 'INVOICE' && b.lines[0]?.includes('1001'));
    expect(invoice).toBeDefined();
    expect(iifCents(invoice?.lines[0]?.[iifColumn(text, '!TRNS', 'AMOUNT')] ?? '')).toBe(9000);
    // The history entry is written just after the download starts.
    await expect.poll(() => page.getByTestId('history').textContent()).toContain(whole.name);

    // Reload: the mapping and the history are still there.
    await page.reload();
    await page.getByRole('heading', { name: '1. Files' }).waitFor();
    await gotoStep(page, 'Mapping');
    expect(await page.getByLabel('QuickBooks item for Widget').inputValue()).toBe('Widgets:Blue Widget');
    await gotoStep(page, 'Review');
    await page.getByTestId('history').waitFor();
    const history = await page.getByTestId('history').textContent();
    expect(history).toContain(whole.name);
    expect(history).toContain(test.name);

    // Export again with one more month: what was exported is left out.
    await gotoStep(page, 'Files');
    await dropFiles(page, '[data-testid="keap-files-zone"]', ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv', 'order-items-may.csv', 'invoices-may.csv', 'payments-may.csv'].map((n) => fixture(n)));
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(7);
    await gotoStep(page, 'Review');
    await page.getByTestId('already-exported').waitFor();
    await expect.poll(() => page.getByTestId('already-exported').textContent()).toContain('4 transactions left out');
    await expect.poll(() => page.getByTestId('txn-row').count()).toBe(2);
    const again = await download(page, () => page.getByRole('button', { name: /Download IIF/ }).click());
    const againBlocks = checkIif(again.bytes.toString('latin1'));
    expect(againBlocks.map((b) => b.type).sort()).toEqual(['INVOICE', 'PAYMENT']);
    expect(again.name).toBe('keap-2024-05-01_2024-05-02.iif');

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('refuses a PNG renamed .csv with a clear message, and a broken profile file without changes', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    // Keyboard route: the drop zone's button opens the file picker.
    // Start listening first: Playwright turns on file-chooser interception asynchronously.
    const choosing = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Add Keap export files/ }).focus();
    await page.keyboard.press('Enter');
    const chooser = await choosing;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([]);
    await dropFiles(page, '[data-testid="keap-files-zone"]', [fixture('not-a-csv.csv', 'text/csv')]);
    await page.getByTestId('refusal').waitFor();
    expect(await page.getByTestId('refusal').textContent()).toMatch(/refused.*PNG image/);
    expect(await page.getByRole('heading', { name: '1. Files' }).isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/step-1-refused.png', fullPage: true });

    await gotoStep(page, 'Mapping');
    const nameBefore = await page.locator('#profile-select option:checked').textContent();
    await page.setInputFiles('#profile-import', join(FIXTURES, 'broken-profile.json'));
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toContain('was not imported');
    expect(await page.locator('#profile-select option:checked').textContent()).toBe(nameBefore);

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('asks for the columns of an unrecognised file and uses the answer', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    await dropFiles(page, '[data-testid="keap-files-zone"]', [fixture('order-items.csv'), fixture('invoices.csv'), fixture('payments-odd-columns.csv')]);
    const mapper = page.getByTestId('column-mapper');
    await mapper.waitFor();
    await page.screenshot({ path: '/tmp/step-1-mapper.png', fullPage: true });
    const refused = page.getByTestId('file-card').filter({ hasText: 'payments-odd-columns.csv' });
    expect(await refused.getByTestId('refusal').textContent()).toContain('None of the column names match');
    await mapper.getByLabel('This file is').selectOption({ label: 'Payments / transactions' });
    const use = mapper.getByRole('button', { name: 'Use these columns' });
    expect(await use.isDisabled()).toBe(true);
    await mapper.getByLabel('Invoice id', { exact: false }).first().selectOption('Inv Ref');
    await mapper.getByLabel(/^Payment date/).selectOption('Paid On');
    await mapper.getByLabel(/^Pay type/).selectOption('Channel');
    await mapper.getByLabel(/^Amount/).selectOption('Money');
    await use.click();
    const card = page.getByTestId('file-card').filter({ hasText: 'payments-odd-columns.csv' });
    await expect.poll(() => card.textContent()).toContain('Payments / transactions');
    expect(await card.textContent()).toContain('column mapping you saved');
    expect(await page.getByTestId('column-mapper').count()).toBe(0);
    await page.screenshot({ path: '/tmp/step-1-mapped.png', fullPage: true });

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('says so when the browser cannot store anything, and still converts', async () => {
    const s = await openApp(browser, server.origin, {
      initScript: () => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }),
    });
    const { page } = s;
    await page.getByText('Settings are not being saved.').waitFor();
    await dropFiles(page, '[data-testid="keap-files-zone"]', [fixture('order-items.csv'), fixture('invoices.csv'), fixture('payments.csv'), fixture('contacts.csv')]);
    // Bulk edit: one income account for every selected product.
    await gotoStep(page, 'Mapping');
    await page.getByLabel('Select all shown products').check();
    await page.getByLabel(/Income account for the 2 selected/).fill('Retail Sales');
    await page.getByRole('button', { name: 'Assign account to selected' }).click();
    expect(await page.getByLabel('Income account for Widget').inputValue()).toBe('Retail Sales');
    expect(await page.getByLabel('Income account for Gadget').inputValue()).toBe('Retail Sales');

    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    expect(await page.getByTestId('reconciled').textContent()).toContain('Reconciled to the cent');
    await page.getByRole('button', { name: /Show lines of INVOICE 1001/ }).click();
    await expect.poll(() => page.locator('#txn-detail').textContent()).toContain('Retail Sales');
    expect(s.errors.filter((e) => !e.includes('IndexedDB'))).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });
});
