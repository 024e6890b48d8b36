// Realistic Keap exports (tests/fixtures/realistic, made by generate.mjs there): API tables,
// the UI order and contact exports, a report-style payments file, Excel re-saves (BOM,
// Windows-1252, semicolons, `sep=;`, CRLF, trailing empty columns and rows) and overlapping
// monthly exports, checked the way an accountant would read the result.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/core/convert-types.ts';
import { parseDate } from '../../src/core/dates.ts';
import { decodeBytes } from '../../src/core/text/decode.ts';
import { detectKind } from '../../src/core/keap/detect.ts';
import { catalogOf } from '../../src/core/keap/catalog.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { applyTemplate } from '../../src/core/profile/template.ts';
import type { Profile } from '../../src/core/profile/types.ts';
import { isReconciled } from '../../src/core/report.ts';
import { convertFiles } from '../support/convert.ts';
import { checkIif, textFile } from '../support/iif-check.ts';
import { readAll, readText } from '../support/read.ts';

const root = new URL('../fixtures/realistic/', import.meta.url).pathname;
function load(dir: string, only?: (name: string) => boolean): InputFile[] {
  return readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.csv') && (!only || only(f)))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(root, dir, f))) }));
}
function profileFor(files: InputFile[]): Profile {
  const p = applyTemplate(defaultProfile('Realistic'), catalogOf(readAll(files).tables));
  // Distinct A/R accounts, so it shows which one each transaction uses.
  p.accounts.paymentCredit = 'AR Payments';
  p.accounts.creditCredit = 'AR Credits';
  return p;
}
function convert(files: InputFile[]) {
  const result = convertFiles(files, profileFor(files));
  const facts = checkIif(result.iif); // balances, dates, declared names
  for (const f of result.summary.files) expect(f.rowsRead, f.file).toBe(f.rowsConverted + f.rowsSetAside + f.rowsBlank);
  expect(isReconciled(result.summary.reconciliation)).toBe(true);
  for (const i of result.issues) if (i.severity !== 'info' && i.row !== undefined) expect(i.file, i.message).toBeTruthy();
  return { result, facts };
}

describe('realistic exports, reading only', () => {
  it('takes every API-style file as its kind, counts blank and repeated rows, and reads the overlap once', () => {
    const stage = readAll(load('api'));
    const report = (name: string) => stage.files.find((f) => f.report.file === name)!.report;
    expect(Object.fromEntries(stage.files.map((f) => [f.report.file, f.report.kind]))).toEqual({
      'contacts.csv': 'contacts',
      'invoices.csv': 'invoices',
      'order-items-2024-03.csv': 'orderItems',
      'order-items-2024-04.csv': 'orderItems',
      'payments-2024-03.csv': 'payments',
      'payments-2024-04.csv': 'payments',
      'payplan-items.csv': 'payPlanItems',
      'payplans.csv': 'payPlans',
    });
    expect(report('contacts.csv')).toMatchObject({ encoding: 'utf-8-bom', rowsRead: 12, rowsConverted: 10, rowsBlank: 2, rowsSetAside: 0 });
    expect(report('payments-2024-04.csv')).toMatchObject({ rowsDuplicate: 6, rowsSetAside: 0 });
    expect(report('order-items-2024-04.csv')).toMatchObject({ rowsDuplicate: 4, rowsSetAside: 0 });
    expect(stage.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // Order 1003's finance charge is only in the April file: joined by line id, after the March lines.
    const items = stage.tables.orderItems;
    const order1003 = Array.from({ length: items.count }, (_, i) => i).filter((i) => items.orderId(i) === '1003');
    expect(order1003.map((i) => items.name(i))).toContain('Finance charge');
    expect(order1003.every((i, k) => k === 0 || i === order1003[k - 1]! + 1)).toBe(true);
  });

  it('reads the Excel re-saved UI exports: Windows-1252, semicolons, sep=, trailing empty columns', () => {
    const stage = readAll(load('ui'));
    const contacts = stage.files.find((f) => f.report.file === 'contacts.csv')!.report;
    expect(contacts).toMatchObject({ kind: 'contacts', encoding: 'windows-1252', delimiter: 'semicolon', rowsRead: 13, rowsConverted: 10, rowsBlank: 3 });
    const orders = stage.tables.orders;
    expect(orders.count).toBe(5);
    expect(Array.from({ length: orders.count }, (_, i) => orders.total(i))).toEqual([5000, 123450, 9900, 0, 201999]);
  });
});

describe('realistic API-style exports (two overlapping months, Excel re-saved)', () => {
  const { result, facts } = convert(load('api'));
  const byDoc = (type: string, doc: string) => facts.transactions.find((t) => t.type === type && t.docNum === doc);

  it('takes every file as the right kind and counts the rows', () => {
    const kinds = Object.fromEntries(result.summary.files.map((f) => [f.file, f.kind]));
    expect(kinds).toEqual({
      'contacts.csv': 'contacts',
      'invoices.csv': 'invoices',
      'order-items-2024-03.csv': 'orderItems',
      'order-items-2024-04.csv': 'orderItems',
      'payments-2024-03.csv': 'payments',
      'payments-2024-04.csv': 'payments',
      'payplan-items.csv': 'payPlanItems',
      'payplans.csv': 'payPlans',
    });
    const contacts = result.summary.files.find((f) => f.file === 'contacts.csv')!;
    expect(contacts).toMatchObject({ encoding: 'utf-8-bom', rowsRead: 12, rowsConverted: 10, rowsBlank: 2, rowsSetAside: 0 });
    // The April exports repeat March rows: counted once, none set aside.
    expect(result.summary.files.find((f) => f.file === 'payments-2024-04.csv')).toMatchObject({ rowsDuplicate: 6, rowsSetAside: 0 });
    expect(result.summary.files.find((f) => f.file === 'order-items-2024-04.csv')).toMatchObject({ rowsDuplicate: 4, rowsSetAside: 0 });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('writes one invoice per order for its full total', () => {
    const invoices = facts.transactions.filter((t) => t.type === 'INVOICE');
    expect(invoices).toHaveLength(12);
    expect(invoices.every((t) => t.account === 'Accounts Receivable')).toBe(true);
    expect(byDoc('INVOICE', '1001')!.amount).toBe(5377);
    // The finance charge added to order 1003 later is only in the April export: joined by line id.
    expect(byDoc('INVOICE', '1003')!.amount).toBe(150500);
    expect(byDoc('INVOICE', '1003')!.memo).toContain('Payment plan: 2 x 500.00 + 1 x 505.00');
    // Invoice 2005 belongs to order 1005 (ids differ after deletions in Keap).
    expect(byDoc('INVOICE', '2005')!.amount).toBe(10544);
    expect(byDoc('INVOICE', '2005')!.memo).toContain('order 1005');
    expect(byDoc('INVOICE', '1004')!.amount).toBe(2500); // failed charge: invoice, no payment
    expect(byDoc('INVOICE', '1007')!.amount).toBe(0); // 100% discount
    expect(byDoc('INVOICE', '1012')!.amount).toBe(1499);
  });

  it('writes a zero-priced freebie as a sale of one (QNTY -1), not a returned unit', () => {
    const spl = byDoc('INVOICE', '1006')!.splits.find((s) => s.INVITEM === 'Free Ebook')!;
    expect(spl.AMOUNT).toBe('0.00');
    expect(spl.QNTY).toBe('-1');
  });

  it('puts payments on the Payment Credit Account, refunds as checks, credits and write-offs as credit memos', () => {
    const payments = facts.transactions.filter((t) => t.type === 'PAYMENT');
    expect(payments).toHaveLength(11);
    for (const p of payments) expect(p.splits.map((s) => s.ACCNT)).toEqual(['AR Payments']);
    const checks = facts.transactions.filter((t) => t.type === 'CHECK');
    expect(checks.map((c) => c.amount).sort((a, b) => a - b)).toEqual([-9900, -2500]);
    for (const c of checks) expect(c.splits.map((s) => s.ACCNT)).toEqual(['AR Payments']);
    const memos = facts.transactions.filter((t) => t.type === 'CREDIT MEMO');
    expect(memos.map((m) => m.amount).sort((a, b) => a - b)).toEqual([-9900, -5000, -2500]);
    for (const m of memos) expect(m.account).toBe('AR Credits');
    expect(memos.find((m) => m.amount === -5000)!.splits[0]!.ACCNT).toBe('Bad Debt');
    // Credit Card (Manual) stamped at midnight stays on its day.
    expect(payments.find((p) => p.docNum === '9005')!.date).toBe('03/05/2024');
  });

  it('names customers once per person, company first, and keeps two namesakes apart', () => {
    expect([...facts.customers].sort()).toEqual(
      ['Jane Doe', 'Jane Doe (109)', 'Ken Adams', "Mary O'Brien", 'Priya Patel', 'Sam Lee', 'Smith & Sons, LLC', 'Zoë Müller', 'Álvarez Catering', 'Chloé Dubois'].sort(),
    );
  });

  it('warns about a refund larger than the payments and a payment for a deleted invoice', () => {
    const warn = (code: string) => result.issues.filter((i) => i.code === code && i.severity === 'warning');
    expect(warn('refund.exceeds-paid')).toHaveLength(1);
    const deleted = warn('payment.no-invoice');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ file: 'payments-2024-04.csv', row: 12 });
    expect(deleted[0]!.message).toContain('invoice 1999');
    expect(facts.transactions.find((t) => t.type === 'PAYMENT' && t.docNum === '9020')!.name).toBe('Ken Adams');
  });
});

describe('realistic UI exports: the 21-column Orders export and a contact export re-saved by Excel', () => {
  const { result, facts } = convert(load('ui'));

  it('reads Windows-1252, semicolons, the sep= line and trailing empty columns and rows', () => {
    const c = result.summary.files.find((f) => f.file === 'contacts.csv')!;
    expect(c).toMatchObject({ kind: 'contacts', encoding: 'windows-1252', delimiter: 'semicolon', rowsRead: 13, rowsConverted: 10, rowsBlank: 3 });
    expect(facts.customers.has('Álvarez Catering')).toBe(true);
    expect(facts.customers.has('Chloé Dubois')).toBe(true);
  });

  it('writes each order for its $ total with thousands separators', () => {
    const o = result.summary.files.find((f) => f.file === 'orders.csv')!;
    expect(o).toMatchObject({ kind: 'orders', rowsRead: 5, rowsConverted: 5 });
    expect(facts.transactions.map((t) => [t.date, t.name, t.amount])).toEqual([
      ['03/01/2024', 'Jane Doe', 5000],
      ['03/02/2024', 'Álvarez Catering', 123450],
      ['03/15/2024', 'Smith & Sons, LLC', 9900],
      ['03/20/2024', 'Jane Doe', 0],
      ['12/31/2024', 'Chloé Dubois', 201999],
    ]);
  });
});

describe('realistic report-style payments (Date, Invoice #, Contact, Payment Type, Amount)', () => {
  const api = load('api', (f) => !f.startsWith('payments') && !f.startsWith('payplan'));
  const { result, facts } = convert([...api, ...load('report')]);

  it('is taken as payments, not as orders', () => {
    const f = result.summary.files.find((x) => x.file === 'payments-report.csv')!;
    expect(f).toMatchObject({ kind: 'payments', refused: false, rowsRead: 7, rowsConverted: 5, rowsBlank: 2 });
    expect(facts.transactions.filter((t) => t.type === 'INVOICE')).toHaveLength(12);
    expect(facts.transactions.filter((t) => t.type === 'PAYMENT').map((t) => t.amount).sort((a, b) => a - b)).toEqual([1999, 5377, 100000]);
    expect(facts.transactions.filter((t) => t.type === 'CHECK').map((t) => t.amount)).toEqual([-9900]);
    expect(facts.transactions.filter((t) => t.type === 'CREDIT MEMO').map((t) => t.amount)).toEqual([-9900]);
  });
});

describe('detection of realistic header rows', () => {
  it.each([
    // Payment reports carry the contact's name: that never makes them orders.
    [['Date', 'Invoice #', 'Contact', 'Payment Type', 'Amount'], 'payments'],
    [['Date', 'Invoice #', 'First Name', 'Last Name', 'Payment Type', 'Amount'], 'payments'],
    [['Date', 'Order #', 'Payment Type', 'Amount'], 'payments'],
    [['Date Paid', 'Invoice', 'Customer', 'Method', 'Amount'], 'payments'],
    [['Transaction Date', 'Invoice Number', 'Transaction Type', 'Transaction Amount', 'Contact'], 'payments'],
    [['Id', 'InvoiceId', 'Amt', 'PayDate', 'PayStatus', 'PaymentId', 'SkipCommission'], 'payments'],
    [['Invoice Id', 'Contact', 'Date', 'Total', 'Amount Paid', 'Balance Due'], 'invoices'],
    [['Id', 'PayPlanId', 'DateDue', 'AmtDue', 'Status', 'AmtPaid'], 'payPlanItems'],
    [['Id', 'InvoiceId', 'DateDue', 'AmtDue', 'Type', 'InitDate', 'StartDate', 'FirstPayAmt'], 'payPlans'],
    // A line-items report keyed by invoice number.
    [['Invoice Id', 'Product', 'Qty', 'Price Per Unit', 'Item Type', 'Total'], 'orderItems'],
    // The contact export ends with custom fields that look like money columns.
    [['Id', 'First Name', 'Last Name', 'Email', 'Phone 1 Type', 'Email Address 2', 'Tag Ids', 'Date Created', 'Amount'], 'contacts'],
  ] as [string[], string][])('%j -> %s', (headers, kind) => {
    const d = detectKind(headers);
    expect(d.kind).toBe(kind);
    expect(d.missing).toEqual([]);
  });
});

describe('realistic values', () => {
  it.each([
    ['Mar 5, 2024', '2024-03-05'],
    ['5-Mar-24', '2024-03-05'],
    ['March 15, 2024 12:00 AM', '2024-03-15'],
  ])('date %s -> %s', (raw, iso) => {
    const r = parseDate(raw);
    expect(r.ok && r.date).toBe(iso);
  });

  it.each([
    ['Special: Free Trial Days', 10],
    ['Special: Order Total', 11],
    ['Special: Product', 12],
    ['Special: Category', 13],
    ['Special: Shipping', 14],
    ['Service & Misc', 3],
    ['Finance Charge', 6],
  ])('item type label %s -> %i', (label, code) => {
    const csv = `Order Id,Item Name,Item Type,Qty,Price Per Unit\n1001,Line,${label},1,-5.00\n`;
    const { issues, tables } = readText('items.csv', csv);
    expect(issues.filter((i) => i.code === 'item-type.unknown')).toEqual([]);
    expect(tables.orderItems.itemType(0)).toBe(code);
  });

  it('joins line items keyed by invoice id to the order whose invoice that is', () => {
    const files = [
      textFile('contacts.csv', 'Id,First Name,Last Name,Email\n7,Ann,Lee,ann@example.com\n'),
      textFile('invoices.csv', 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue\n2005,7,1005,2024-03-05,30.00,0,30.00\n'),
      textFile('items.csv', 'Invoice Id,Product Name,Qty,Price Per Unit,Item Type\n2005,Widget,2,15.00,Product\n'),
    ];
    const { result, facts } = convert(files);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(facts.transactions).toHaveLength(1);
    expect(facts.transactions[0]).toMatchObject({ type: 'INVOICE', docNum: '2005', amount: 3000 });
  });

  it('sets an order aside when two monthly exports hold different contents for the same line id', () => {
    const head = 'Id,OrderId,ItemName,Qty,PPU,ItemType\n';
    const files = [
      textFile('contacts.csv', 'Id,First Name,Last Name,Email\n7,Ann,Lee,ann@example.com\n'),
      textFile('invoices.csv', 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue\n1,7,1,2024-03-05,30.00,0,30.00\n'),
      textFile('items-03.csv', `${head}11,1,Widget,2,15.00,4\n`),
      textFile('items-04.csv', `${head}11,1,Widget,3,15.00,4\n`),
    ];
    const result = convertFiles(files, profileFor(files));
    const conflict = result.issues.find((i) => i.code === 'row.conflict')!;
    expect(conflict.message).toContain('Line 11 of order 1');
    expect(result.summary.files.find((f) => f.file === 'items-04.csv')!.rowsSetAside).toBe(1);
    expect(isReconciled(result.summary.reconciliation)).toBe(true);
  });

  it('reads the Windows-1252 fixture as Windows-1252', () => {
    expect(decodeBytes(new Uint8Array(readFileSync(join(root, 'ui', 'contacts.csv')))).encoding).toBe('windows-1252');
  });
});
