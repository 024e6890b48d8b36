/**
 * The gaps of issue 5 in real Chromium: a QuickBooks class per product (checked as typed, and
 * written on that product's lines), a problems list that stays light with 50,000 problems (one
 * page of rows in the DOM), every control labelled on every step, and the keyboard route (Tab
 * reaches the drop zone; choosing a step moves focus to its heading).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FIXTURES, assertStayedLocal, download, dropFiles, fixture, iifColumn, openApp, useServedApp } from './harness.ts';
import type { DropFile, StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

const FILES = ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'];

function nav(page: Page, title: string) {
  return page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(title) });
}

/** Every visible, focusable-kind control without an accessible name (outerHTML, shortened). */
function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const text = (el: Element | null): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const byIds = (ids: string | null): string => (ids ?? '').split(/\s+/).filter(Boolean).map((id) => text(document.getElementById(id))).join(' ').trim();
    const out: string[] = [];
    for (const el of document.querySelectorAll('input, select, textarea, button, [role="button"], [role="checkbox"]')) {
      if (el.closest('[aria-hidden="true"]') || (el instanceof HTMLInputElement && el.type === 'hidden')) continue;
      const own = (el.getAttribute('aria-label') ?? '').trim() || byIds(el.getAttribute('aria-labelledby')) || (el.getAttribute('title') ?? '').trim();
      let name = own;
      if (!name && (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) {
        name = [...(el.labels ?? [])].map((l) => text(l)).join(' ').trim();
        if (!name && el instanceof HTMLInputElement && (el.type === 'button' || el.type === 'submit')) name = el.value.trim();
      } else if (!name) {
        name = text(el);
      }
      if (!name) out.push(el.outerHTML.slice(0, 160));
    }
    return out;
  });
}

/** order items and invoices that convert, and payments whose 50,000 amounts are all unreadable. */
function manyProblems(count: number): DropFile[] {
  const lines = ['InvoiceId,PayDate,PayType,PayAmt,PayNote'];
  for (let i = 0; i < count; i++) lines.push(`1001,2024-03-20,Credit Card,abc${i},`);
  return [
    fixture('order-items.csv'),
    fixture('invoices.csv'),
    fixture('contacts.csv'),
    { name: 'bad-payments.csv', type: 'text/csv', base64: Buffer.from(`${lines.join('\r\n')}\r\n`).toString('base64') },
  ];
}

describe('mapping, problems and keyboard', () => {
  it('takes a QuickBooks class per product, checks it as typed, and writes it on the product lines', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    await dropFiles(page, '[data-testid="keap-files-zone"]', FILES.map((n) => fixture(n)));
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
    await nav(page, 'Mapping').click();
    const cls = page.getByLabel('QuickBooks class for Widget (optional)');
    expect(await cls.inputValue()).toBe('');
    await cls.fill('A class name that is far too long for QB');
    const row = page.getByTestId('product-row').filter({ hasText: 'Widget' });
    await expect.poll(() => row.getByRole('status').textContent()).toContain('QuickBooks allows 31');
    expect(await cls.getAttribute('aria-invalid')).toBe('true');
    await cls.fill('Retail:Online');
    await expect.poll(() => cls.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('All changes saved');
    await page.getByRole('table').filter({ hasText: 'Keap product' }).screenshot({ path: '/tmp/products-class.png' });

    await nav(page, 'Review').click();
    await page.getByTestId('reconciled').waitFor();
    // Let the conversion that carries the class finish before exporting.
    await expect.poll(() => page.locator('#convert-progress').count()).toBe(0);
    const file = await download(page, () => page.getByRole('button', { name: 'Test export' }).click());
    const text = file.bytes.toString('latin1');
    const classCol = iifColumn(text, '!SPL', 'CLASS');
    const invCol = iifColumn(text, '!SPL', 'INVITEM');
    const splits = text.split('\r\n').filter((l) => l.startsWith('SPL\t')).map((l) => l.split('\t'));
    const widget = splits.filter((c) => c[invCol] === 'Widget');
    const gadget = splits.filter((c) => c[invCol] === 'Gadget');
    expect(widget.length).toBeGreaterThan(0);
    expect(widget.every((c) => c[classCol] === 'Retail:Online')).toBe(true);
    expect(gadget.every((c) => (c[classCol] ?? '') === '')).toBe(true);

    // Clearing the box removes the class again.
    await nav(page, 'Mapping').click();
    await page.getByLabel('QuickBooks class for Widget (optional)').fill('');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('All changes saved');
    expect(await page.getByLabel('QuickBooks class for Widget (optional)').getAttribute('aria-invalid')).toBeNull();

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('lists 50,000 problems one page at a time without freezing the page', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    await dropFiles(page, '[data-testid="keap-files-zone"]', manyProblems(50_000));
    await expect.poll(() => page.getByTestId('file-card').count(), { timeout: 60_000 }).toBe(4);
    await nav(page, 'Review').click();
    const table = page.getByTestId('problems');
    await table.waitFor({ timeout: 60_000 });
    const pageStatus = page.getByTestId('problems-page');
    await expect.poll(() => pageStatus.textContent()).toMatch(/^Problems 1–200 of 50,0\d\d$/);
    expect(await table.locator('tbody tr').count()).toBe(200);

    // Paging is quick and the DOM stays at one page.
    const started = Date.now();
    await page.getByRole('button', { name: 'Next page →' }).click();
    await expect.poll(() => pageStatus.textContent()).toMatch(/^Problems 201–400 of/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await table.locator('tbody tr').count()).toBe(200);
    // The page answers: a frame is painted promptly.
    const frameMs = await page.evaluate(() => {
      const t0 = performance.now();
      return new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0)));
    });
    expect(frameMs).toBeLessThan(1_000);
    // Changing the filter goes back to the first page.
    await page.getByLabel('Show', { exact: true }).selectOption('error');
    await expect.poll(() => pageStatus.textContent()).toMatch(/^Problems 1–200 of 50,0\d\d$/);
    expect(await page.getByRole('button', { name: '← Previous page' }).isDisabled()).toBe(true);
    await page.screenshot({ path: '/tmp/problems-paged.png' });

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('labels every control, and the keyboard reaches the drop zone and each step heading', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;

    // Tab from the top of the page reaches the drop zone's button.
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'keap-files-button');
    }
    expect(reached, 'Tab reaches "Add Keap export files"').toBe(true);
    expect(await unlabelledControls(page)).toEqual([]);
    // The check itself finds an unlabelled control.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { id: 'probe-unlabelled' })));
    expect(await unlabelledControls(page)).toEqual(['<input id="probe-unlabelled">']);
    await page.evaluate(() => document.getElementById('probe-unlabelled')?.remove());

    await dropFiles(page, '[data-testid="keap-files-zone"]', [...FILES.map((n) => fixture(n)), fixture('payments-odd-columns.csv')]);
    await page.getByTestId('column-mapper').waitFor();
    expect(await unlabelledControls(page), 'step 1 with files and the column mapper').toEqual([]);

    const steps: [string, string][] = [
      ['Mapping', 'step-2-title'],
      ['QuickBooks lists', 'step-3-title'],
      ['Review', 'step-4-title'],
      ['Files', 'step-1-title'],
    ];
    for (const [title, headingId] of steps) {
      // Chosen by keyboard: focus the step's button and press Enter.
      await nav(page, title).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id), { message: `focus after choosing ${title}` }).toBe(headingId);
      if (title === 'QuickBooks lists') {
        await page.setInputFiles('#qb-lists-input', join(FIXTURES, 'qb-lists.iif'));
        await page.getByText('Lists from “qb-lists.iif”').waitFor();
      }
      if (title === 'Review') await page.getByTestId('reconciled').waitFor();
      expect(await unlabelledControls(page), `unlabelled controls in ${title}`).toEqual([]);
    }

    // Removing a file by keyboard keeps focus on the page (at the add button), not lost with its card.
    await page.getByRole('button', { name: 'Remove payments-odd-columns.csv' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(FILES.length);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('keap-files-button');

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });
});
