/**
 * Step 3 at a thousand new names (issue 12 §2) in real Chromium: the names QuickBooks lacks are
 * grouped by list with a count each; accounts (and items) are open, the long customer list is
 * collapsed behind its count; the filter narrows every group and opens the ones that match.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FIXTURES, assertStayedLocal, dropFiles, gotoStep, openApp, useServedApp } from './harness.ts';
import type { DropFile, StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

const CUSTOMERS = 1_000;

/** One paid order for each of `count` new customers. */
function manyCustomers(count: number): DropFile[] {
  const ct = ['Id,First Name,Last Name,Company Name,Email'];
  const oi = ['OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes'];
  const inv = ['Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus'];
  for (let c = 0; c < count; c++) {
    const id = 5000 + c;
    ct.push(`${c + 100},Pat${c},Customer${c},,`);
    oi.push(`${id},11,4,Widget,,1,25.00,`);
    inv.push(`${id},${c + 100},${id},2024-03-15,25.00,0.00,25.00,0`);
  }
  const csv = (name: string, rows: string[]): DropFile => ({ name, type: 'text/csv', base64: Buffer.from(`${rows.join('\r\n')}\r\n`).toString('base64') });
  return [csv('contacts.csv', ct), csv('order-items.csv', oi), csv('invoices.csv', inv)];
}

describe('names QuickBooks lacks, grouped', () => {
  it('groups a thousand new names by list, accounts open and customers collapsed, and filters them', async () => {
    const s = await openApp(browser, server.origin);
    const { page } = s;
    await dropFiles(page, '[data-testid="keap-files-zone"]', manyCustomers(CUSTOMERS));
    await gotoStep(page, 'Mapping');
    await page.getByLabel('Income account for Widget').fill('Widget Income Typo');
    await gotoStep(page, 'QuickBooks lists');
    await page.setInputFiles('#qb-lists-input', join(FIXTURES, 'qb-lists.iif'));
    await page.getByTestId('name-checks').waitFor();

    const accounts = page.getByTestId('name-group-account');
    const customers = page.getByTestId('name-group-customer');
    await expect.poll(() => customers.locator('summary').textContent()).toMatch(new RegExp(`Customers\\s*${CUSTOMERS.toLocaleString("en-US")}$`));
    expect(await accounts.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    // The run with the edited mapping may still be on its way.
    await expect.poll(() => accounts.textContent()).toContain('Widget Income Typo');
    expect(await customers.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    // Collapsed: none of the thousand customer rows is shown.
    expect(await customers.locator('tbody tr').first().isVisible()).toBe(false);
    const groups = await page.locator('[data-testid^="name-group-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(groups.indexOf('name-group-account')).toBeLessThan(groups.indexOf('name-group-customer'));
    await page.screenshot({ path: '/tmp/name-groups.png', fullPage: true });

    // The filter narrows every group and opens the ones that match.
    await page.getByLabel('Filter names').fill('Customer417');
    await expect.poll(() => customers.locator('summary').textContent()).toContain(`1 of ${CUSTOMERS.toLocaleString('en-US')}`);
    expect(await customers.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await customers.locator('tbody tr').count()).toBe(1);
    expect(await customers.locator('tbody tr').textContent()).toContain('Pat417 Customer417');
    expect(await accounts.textContent()).toContain('No accounts match the filter.');

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });
});
