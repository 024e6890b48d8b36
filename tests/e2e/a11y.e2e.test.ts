/**
 * Accessibility (issue 12 §6) in real Chromium: an axe-core audit (WCAG 2.0/2.1 A and AA) of
 * each of the four steps, with files, QuickBooks lists, an expanded transaction and the print
 * summary shown, fails on any serious or critical violation; every scrollable region of the
 * review can be reached with Tab and scrolled with the keyboard.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FIXTURES, assertStayedLocal, dropFiles, fixture, gotoStep, openApp, useServedApp } from './harness.ts';
import type { StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is; the serious and critical violations, with where they are. */
async function audit(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const FILES = ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'];

describe('accessibility audit', () => {
  it('finds no serious or critical violation in any step', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    expect(await audit(page), 'step 1, empty').toEqual([]);

    await dropFiles(page, '[data-testid="keap-files-zone"]', [...FILES.map((n) => fixture(n)), fixture('payments-odd-columns.csv')]);
    await page.getByTestId('column-mapper').waitFor();
    expect(await audit(page), 'step 1 with files and the column mapper').toEqual([]);

    await gotoStep(page, 'Mapping');
    await page.getByLabel('QuickBooks item for Widget').waitFor();
    expect(await audit(page), 'step 2').toEqual([]);

    await gotoStep(page, 'QuickBooks lists');
    expect(await audit(page), 'step 3 without lists').toEqual([]);
    await page.setInputFiles('#qb-lists-input', join(FIXTURES, 'qb-lists.iif'));
    await page.getByTestId('name-checks').waitFor();
    expect(await audit(page), 'step 3 with lists').toEqual([]);

    await gotoStep(page, 'Mapping');
    expect(await audit(page), 'step 2 with the QuickBooks names offered').toEqual([]);

    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    await page.getByRole('button', { name: /Show lines of INVOICE 1001/ }).click();
    await page.locator('#txn-detail table').waitFor();
    expect(await audit(page), 'step 4 with a transaction expanded').toEqual([]);

    await page.getByRole('button', { name: 'Print summary' }).click();
    await page.getByTestId('print-iif-sha256').waitFor();
    expect(await audit(page), 'print summary').toEqual([]);

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('the audit itself finds a scrollable region the keyboard cannot reach', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'probe-scroll';
      // Styles set through the CSSOM (the page's policy refuses style attributes in markup).
      box.style.height = '40px';
      box.style.overflow = 'auto';
      for (let i = 0; i < 20; i++) {
        const line = document.createElement('p');
        line.textContent = `Line ${i} of text that only scrolling shows.`;
        box.append(line);
      }
      document.querySelector('main')?.append(box);
    });
    const found = await audit(page);
    expect(found.map((v) => v.id)).toContain('scrollable-region-focusable');
    await s.context.close();
  });

  it('reaches every scrollable region of the review with Tab and scrolls it with the keyboard', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    // Enough transactions and problems that the table and the problems list scroll.
    const lines = ['InvoiceId,PayDate,PayType,PayAmt,PayNote'];
    for (let i = 0; i < 60; i++) lines.push(`1001,2024-03-20,Credit Card,abc${i},`);
    const many = ['OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes'];
    const inv = ['Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus'];
    for (let i = 0; i < 40; i++) {
      many.push(`${2000 + i},73,4,Widget,,1,25.00,`);
      inv.push(`${2000 + i},7,${2000 + i},2024-03-15 10:00:00,25.00,0.00,25.00,0`);
    }
    const csv = (name: string, rows: string[]) => ({ name, type: 'text/csv', base64: Buffer.from(`${rows.join('\r\n')}\r\n`).toString('base64') });
    await dropFiles(page, '[data-testid="keap-files-zone"]', [csv('items.csv', many), csv('invoices.csv', inv), fixture('contacts.csv'), csv('bad-payments.csv', lines)]);
    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    await expect.poll(() => page.locator('#convert-progress').count()).toBe(0);

    const scrollables = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('main *')]
        .filter((el) => {
          const style = getComputedStyle(el);
          const scrollsY = /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
          const scrollsX = /(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
          return scrollsY || scrollsX;
        })
        .map((el) => ({ tabIndex: el.tabIndex, name: el.getAttribute('aria-label') ?? el.getAttribute('aria-labelledby') ?? '', tag: el.tagName })),
    );
    expect(scrollables.length).toBeGreaterThanOrEqual(2);
    for (const r of scrollables) {
      expect(r.tabIndex, `${r.tag} ${r.name} is in the Tab order`).toBe(0);
      expect(r.name, `${r.tag} has a name`).not.toBe('');
    }

    // Tab reaches the transactions box, and the keyboard scrolls it.
    const box = page.getByRole('table', { name: 'Transactions', exact: true });
    let reached = false;
    await page.getByLabel('Search').focus();
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await box.evaluate((el) => el === document.activeElement);
    }
    expect(reached, 'Tab reaches the transactions').toBe(true);
    await page.keyboard.press('PageDown');
    await expect.poll(() => box.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

    // And the problems list.
    const problems = page.getByRole('region', { name: 'Problems of this run' });
    await problems.focus();
    expect(await problems.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('End');
    await expect.poll(() => problems.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

    assertStayedLocal(s);
    await s.context.close();
  });
});
