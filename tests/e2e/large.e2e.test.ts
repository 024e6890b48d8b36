/**
 * 100,000 transactions in real Chromium: the review table renders only the rows in view
 * (virtualised), scrolls to the end, filters by search, and the page never goes blank.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { assertStayedLocal, dropFiles, openApp, useServedApp } from './harness.ts';
import type { DropFile, StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

/** 50,000 paid orders (an invoice and a payment each) for 500 contacts. */
function bigExport(orders: number): DropFile[] {
  const oi = ['OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes'];
  const inv = ['Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus'];
  const pay = ['InvoiceId,PayDate,PayType,PayAmt,PayNote'];
  const ct = ['Id,First Name,Last Name,Company Name,Email'];
  for (let c = 0; c < 500; c++) ct.push(`${c},First${c},Last${c},,`);
  for (let i = 0; i < orders; i++) {
    const id = 100000 + i;
    const date = `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    oi.push(`${id},1,4,Widget ${i % 20},,1,25.00,`);
    inv.push(`${id},${i % 500},${id},${date},25.00,25.00,0.00,0`);
    pay.push(`${id},${date},Credit Card,25.00,`);
  }
  const file = (name: string, lines: string[]): DropFile => ({ name, type: 'text/csv', base64: Buffer.from(`${lines.join('\r\n')}\r\n`).toString('base64') });
  return [file('big-order-items.csv', oi), file('big-invoices.csv', inv), file('big-payments.csv', pay), file('big-contacts.csv', ct)];
}

describe('large exports', () => {
  it('shows 100,000 transactions with a virtualised table', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    await dropFiles(page, '[data-testid="keap-files-zone"]', bigExport(50_000));
    await expect.poll(() => page.getByTestId('file-card').count(), { timeout: 60_000 }).toBe(4);
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Review/ }).click();
    await page.getByText('of 100,000 shown').waitFor({ timeout: 90_000 });

    // Only the rows in view (plus overscan) are in the DOM.
    const rendered = await page.getByTestId('txn-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);

    // Scroll to the very end: the last rows are rendered, still only a window of them.
    await page.locator('[role="table"][aria-labelledby="txn-title"]').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      el.dispatchEvent(new Event('scroll'));
    });
    await expect.poll(() => page.locator('[data-testid="txn-row"]').last().getAttribute('aria-rowindex')).toBe('100001');
    expect(await page.getByTestId('txn-row').count()).toBeLessThan(60);

    // Search narrows the list quickly.
    const started = Date.now();
    await page.getByLabel('Search').fill('149999');
    await page.getByText(/^\d+ of 100,000 shown$/).filter({ hasNotText: '100,000 of' }).waitFor();
    expect(Date.now() - started).toBeLessThan(5_000);

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });
});
