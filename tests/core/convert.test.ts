import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/core/convert-types.ts';
import { formatIifDate } from '../../src/core/dates.ts';
import { encodeWindows1252 } from '../../src/core/iif/encode.ts';
import { parseIifAmount } from '../../src/core/iif/read.ts';
import { decodeWindows1252 } from '../../src/core/text/windows-1252.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { applyTemplate } from '../../src/core/profile/template.ts';
import { isReconciled } from '../../src/core/report.ts';
import { transactionDetail } from '../../src/core/review/detail.ts';
import { reviewRow, reviewRowsOf } from '../../src/core/review/rows.ts';
import { convertFiles, inspectFiles } from '../support/convert.ts';
import { textFile } from '../support/iif-check.ts';

const dir = new URL('../fixtures/keap/basic/', import.meta.url);
const basicFiles = (): InputFile[] =>
  readdirSync(dir).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));

function templated(files: InputFile[]) {
  return applyTemplate(defaultProfile('Test'), inspectFiles(files, defaultProfile()).catalog);
}

describe('convertFiles on the basic fixture', () => {
  const files = basicFiles();
  const profile = templated(files);
  const result = convertFiles(files, profile);
  const text = result.iif;
  const facts = result.facts;

  it('recognises each file by its headers', () => {
    expect(Object.fromEntries(result.summary.files.map((f) => [f.file, f.kind]))).toEqual({
      'contacts.csv': 'contacts',
      'invoices.csv': 'invoices',
      'order-items.csv': 'orderItems',
      'payments.csv': 'payments',
    });
  });

  it('writes one invoice per order and one payment per positive payment row', () => {
    const types = facts.transactions.map((t) => `${t.type} ${t.docNum} ${t.amount}`);
    expect(types).toEqual([
      'INVOICE 1001 9000',
      'PAYMENT  9000',
      'INVOICE 1002 4750',
      'PAYMENT  4750',
      'INVOICE 1003 10000',
      'PAYMENT  3333',
      'PAYMENT  3333',
    ]);
  });

  it('puts invoices on A/R and payments on Undeposited Funds against the Payment Credit Account', () => {
    const inv = facts.transactions[0]!;
    expect(inv.account).toBe('Accounts Receivable');
    expect(inv.splits.map((s) => [s.ACCNT, s.AMOUNT, s.QNTY, s.PRICE, s.INVITEM])).toEqual([
      ['Sales', '-50.00', '-2', '25.00', 'Widget'],
      ['Sales', '-40.00', '-1', '40.00', 'Gadget'],
    ]);
    const pay = facts.transactions[1]!;
    expect(pay.account).toBe('Undeposited Funds');
    expect(pay.splits[0]!.ACCNT).toBe('Accounts Receivable');
    expect(pay.splits[0]!.PAYMETH).toBe('Credit Card');
    expect(pay.memo).toContain('invoice 1001');
  });

  it('declares every account and item used, with the right types', () => {
    expect(facts.accounts.get('Accounts Receivable')).toBe('AR');
    expect(facts.accounts.get('Undeposited Funds')).toBe('OCASSET');
    expect(facts.accounts.get('Sales')).toBe('INC');
    expect(facts.accounts.get('Shipping Income')).toBe('INC');
    expect(facts.items.get('Shipping')).toBe('OTHC');
    for (const t of facts.transactions) {
      expect(facts.accounts.has(t.account)).toBe(true);
      for (const s of t.splits) {
        expect(facts.accounts.has(s.ACCNT!)).toBe(true);
        if (s.INVITEM) expect(facts.items.has(s.INVITEM)).toBe(true);
      }
      expect(facts.customers.has(t.name)).toBe(true);
    }
    expect(text.indexOf('!ACCNT')).toBeLessThan(text.indexOf('!TRNS'));
    expect(text.indexOf('!CUST')).toBeLessThan(text.indexOf('!TRNS'));
  });

  it('names customers by company, else first and last name', () => {
    expect([...facts.customers].sort()).toEqual(['Jane Doe', 'Smith & Co']);
  });

  it('reconciles every kind to the cent and accounts for every row', () => {
    expect(isReconciled(result.summary.reconciliation)).toBe(true);
    expect(result.summary.reconciliation.sales.input).toBe(23750);
    expect(result.summary.reconciliation.payments.output).toBe(9000 + 4750 + 3333 + 3333);
    for (const f of result.summary.files) {
      expect(f.rowsRead).toBe(f.rowsConverted + f.rowsSetAside + f.rowsBlank);
      expect(f.rowsSetAside).toBe(0);
    }
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('knows where each written transaction starts, so the review reads it back from the file', () => {
    const { store, order, starts } = result.written;
    expect(order.length).toBe(facts.transactions.length);
    expect(starts).toHaveLength(order.length + 1);
    for (let k = 0; k < order.length; k++) expect(text.startsWith('TRNS\t', starts[k])).toBe(true);
    expect(starts[order.length]).toBe(result.iifBytes);
    const rows = reviewRowsOf(store, order, starts);
    facts.transactions.forEach((t, k) => {
      const row = reviewRow(rows, k);
      expect([row.type, formatIifDate(row.date), row.name, row.docNum, row.account, row.amount]).toEqual([t.type, t.date, t.name, t.docNum, t.account, t.amount]);
      const detail = transactionDetail(text.slice(starts[k], starts[k + 1]))!;
      expect(detail.lines.map((l) => [l.account, l.amount])).toEqual(t.splits.map((sp) => [sp.ACCNT, parseIifAmount(sp.AMOUNT!)]));
    });
  });

  it('encodes CRLF Windows-1252 without a BOM', () => {
    const bytes = Buffer.concat(result.iifChunks);
    expect(bytes[0]).toBe('!'.charCodeAt(0));
    expect(bytes.length).toBe(result.iifBytes);
    // One byte per character, every byte a Windows-1252 character (CRLF is checked by checkIif).
    expect(encodeWindows1252(decodeWindows1252(bytes))).toEqual(new Uint8Array(bytes));
  });
});

describe('reconciliation when rows are set aside', () => {
  it('keeps a payment for an unknown invoice out of the file but in the totals', () => {
    const files = [
      ...basicFiles().filter((f) => f.name !== 'payments.csv'),
      textFile('payments.csv', 'InvoiceId,PayDate,PayType,PayAmt,PayNote\n1001,2024-03-20,Credit Card,90.00,\n9999,2024-03-21,Check,12.34,\n'),
    ];
    const r = convertFiles(files, templated(files));
    const problem = r.issues.find((i) => i.code === 'payment.no-invoice');
    expect(problem).toMatchObject({ file: 'payments.csv', row: 3, severity: 'error' });
    expect(problem!.message).toContain('9999');
    expect(r.summary.reconciliation.payments).toMatchObject({ input: 10234, output: 9000, setAside: 1234 });
    const pay = r.summary.files.find((f) => f.file === 'payments.csv')!;
    expect(pay).toMatchObject({ rowsRead: 2, rowsConverted: 1, rowsSetAside: 1 });
    expect(isReconciled(r.summary.reconciliation)).toBe(true);
  });

  it('sets an order aside when its lines do not add up to the invoice total, showing the difference', () => {
    const files = [
      ...basicFiles().filter((f) => f.name !== 'invoices.csv'),
      textFile('invoices.csv', 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus\n1001,7,1001,2024-03-15,95.00,90,5,0\n1002,8,1002,2024-04-02,47.50,47.50,0,0\n1003,7,1003,2024-04-05,100.00,0,100,0\n'),
    ];
    const r = convertFiles(files, templated(files));
    const mismatch = r.issues.find((i) => i.code === 'order.total-mismatch')!;
    expect(mismatch.message).toContain('90.00');
    expect(mismatch.message).toContain('95.00');
    expect(mismatch.message).toContain('5.00');
    expect(r.transactions.some((t) => t.docNum === '1001')).toBe(false);
    expect(isReconciled(r.summary.reconciliation)).toBe(true);
  });
});

describe('output selection', () => {
  const files = basicFiles();
  const profile = templated(files);
  it('leaves out already exported records by default and includes them on request', () => {
    const first = convertFiles(files, profile);
    const ids = first.keapIds.flat();
    const again = convertFiles(files, profile, { alreadyExported: ids });
    expect(again.transactions).toEqual([]);
    expect(again.excludedTransactions).toBe(first.transactions.length);
    expect(isReconciled(again.summary.reconciliation)).toBe(true);
    const forced = convertFiles(files, profile, { alreadyExported: ids, includeAlreadyExported: true });
    expect(forced.transactions.length).toBe(first.transactions.length);
    expect(forced.issues.some((i) => i.code === 'history.already-exported' && i.severity === 'warning')).toBe(true);
  });

  it('makes a small test export of the first N transactions or one day', () => {
    expect(convertFiles(files, profile, { firstN: 2 }).transactions.map((t) => t.type)).toEqual(['INVOICE', 'PAYMENT']);
    expect(convertFiles(files, profile, { day: '2024-04-05' }).transactions.map((t) => t.type)).toEqual(['INVOICE', 'PAYMENT']);
  });
});
