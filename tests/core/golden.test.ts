// Byte-for-byte golden files for each accounting case (plain invoice, tax + shipping +
// discount, payment plan, refund pair, comp credit, write-off, return, cash sale, classes,
// Keap Payments deposits), plus the invariants every written file must hold.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isReconciled } from '../../src/core/report.ts';
import { goldenCases, runGolden } from '../support/golden.ts';
import { checkIif } from '../support/iif-check.ts';

const cases = goldenCases();

describe('golden IIF files', () => {
  it('has all the accounting cases', () => {
    expect(cases).toEqual(['account-item-paths', 'cash-sale', 'class-option', 'comp-credit', 'deposit-earlier-export', 'deposit-negative-journal', 'deposit-refund-chargeback', 'deposit-three-payments', 'payment-plan', 'plain-invoice', 'refund-pair', 'return', 'tax-shipping-discount', 'write-off']);
  });

  it.each(cases)('%s matches expected.iif byte for byte and holds the invariants', (name) => {
    const { result, bytes, expectedPath } = runGolden(name);
    expect(existsSync(expectedPath), `${expectedPath} missing: run npm run golden:update and review it`).toBe(true);
    const expected = new Uint8Array(readFileSync(expectedPath));
    expect(Buffer.from(bytes).toString('latin1')).toBe(Buffer.from(expected).toString('latin1'));
    const facts = checkIif(Buffer.from(bytes).toString('latin1'));
    for (const t of facts.transactions) {
      expect(facts.accounts.has(t.account), `account ${t.account} declared`).toBe(true);
      for (const s of t.splits) {
        expect(facts.accounts.has(s.ACCNT!), `account ${s.ACCNT} declared`).toBe(true);
        if (s.INVITEM) expect(facts.items.has(s.INVITEM), `item ${s.INVITEM} declared`).toBe(true);
      }
    }
    expect(isReconciled(result.summary.reconciliation)).toBe(true);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('accounting rules in the golden files', () => {
  const txns = (name: string) => checkIif(Buffer.from(runGolden(name).bytes).toString('latin1')).transactions;

  it('an order on a payment plan is one invoice for its full total, due at the last instalment', () => {
    const t = txns('payment-plan');
    expect(t.map((x) => x.type)).toEqual(['INVOICE', 'PAYMENT', 'PAYMENT', 'PAYMENT']);
    expect(t[0]!.amount).toBe(10000);
    expect(t[0]!.memo).toContain('Payment plan: 1 x 33.34 + 2 x 33.33 from 04/01/2024');
  });

  it('a Keap refund pair becomes a credit memo on the Credit Credit Account and a refund check', () => {
    const t = txns('refund-pair');
    const cm = t.find((x) => x.type === 'CREDIT MEMO')!;
    const check = t.find((x) => x.type === 'CHECK')!;
    expect(cm).toMatchObject({ account: 'Accounts Receivable', amount: -2500 });
    expect(check).toMatchObject({ account: 'Checking', amount: -2500 });
    expect(check.splits[0]).toMatchObject({ ACCNT: 'Accounts Receivable', AMOUNT: '25.00', NAME: 'Jane Doe' });
  });

  it('sales tax is one AUTOSTAX line with the agency as NAME and the rate as PRICE', () => {
    const inv = txns('tax-shipping-discount')[0]!;
    const tax = inv.splits.find((s) => s.EXTRA === 'AUTOSTAX')!;
    expect(tax).toMatchObject({ NAME: 'Illinois Dept of Revenue', PRICE: '6.5%', INVITEM: 'IL Sales Tax', AMOUNT: '-5.27' });
    const disc = inv.splits.find((s) => s.INVITEM === 'Discount')!;
    expect(disc).toMatchObject({ AMOUNT: '9.00', QNTY: '1', PRICE: '9.00' });
  });

  it('a path name has each parent declared before it: account, item and class paths', () => {
    const text = (name: string) => Buffer.from(runGolden(name).bytes).toString('latin1');
    const paths = text('account-item-paths');
    expect(paths.indexOf('ACCNT\tIncome\tINC')).toBeGreaterThan(-1);
    expect(paths.indexOf('ACCNT\tIncome\tINC')).toBeLessThan(paths.indexOf('ACCNT\tIncome:Consulting\tINC'));
    expect(paths.indexOf('INVITEM\tCoaching\tSERV')).toBeGreaterThan(-1);
    expect(paths.indexOf('INVITEM\tCoaching\tSERV')).toBeLessThan(paths.indexOf('INVITEM\tCoaching:Group\tSERV'));
    const classes = text('class-option');
    expect(classes.indexOf('CLASS\tCoaching\r\n')).toBeGreaterThan(-1);
    expect(classes.indexOf('CLASS\tCoaching\r\n')).toBeLessThan(classes.indexOf('CLASS\tCoaching:Programs'));
  });

  it('a returned product becomes a credit memo with positive quantities', () => {
    const cm = txns('return')[0]!;
    expect(cm).toMatchObject({ type: 'CREDIT MEMO', amount: -2663 });
    expect(cm.splits[0]).toMatchObject({ QNTY: '1', PRICE: '25.00', AMOUNT: '25.00' });
  });
});

// The sign table of docs/iif-format.md §3 and §6.4, checked line by line: DEPOSIT TRNS on the bank
// for +net; each payment -gross on the clearing account; fees +; refunds and chargebacks + on the
// clearing account; fees of no payment + each; a negative payout is a GENERAL JOURNAL.
describe('Keap Payments deposits in the golden files', () => {
  const facts = (name: string) => checkIif(Buffer.from(runGolden(name).bytes).toString('latin1'));
  const lines = (t: { splits: Record<string, string>[] }) => t.splits.map((s) => [s.ACCNT, s.NAME, s.AMOUNT]);

  it('three card payments with fees: payments land in the clearing account, the deposit moves their net to the bank', () => {
    const f = facts('deposit-three-payments');
    expect(f.accounts.get('Keap Payments Clearing')).toBe('BANK');
    expect(f.accounts.get('Merchant Fees')).toBe('EXP');
    expect(f.accounts.has('Undeposited Funds')).toBe(false);
    const payments = f.transactions.filter((t) => t.type === 'PAYMENT');
    expect(payments.map((p) => [p.account, p.amount])).toEqual([['Keap Payments Clearing', 10000], ['Keap Payments Clearing', 5000], ['Keap Payments Clearing', 2500]]);
    const deposit = f.transactions.find((t) => t.type === 'DEPOSIT')!;
    // Dated by the deposits list (matched by amount: the file has no id and no date).
    expect(deposit).toMatchObject({ date: '03/15/2024', account: 'Checking', amount: 16902, memo: 'Keap Payments deposit D-1001: 3 payments of 175.00' });
    expect(lines(deposit)).toEqual([
      ['Keap Payments Clearing', 'Jane Doe', '-100.00'],
      ['Keap Payments Clearing', 'John Roe', '-50.00'],
      ['Keap Payments Clearing', 'Jane Doe', '-25.00'],
      ['Merchant Fees', '', '5.98'],
    ]);
    expect(deposit.splits[3]!.MEMO).toBe('Keap Payments fees on 3 payments');
    const { result } = runGolden('deposit-three-payments');
    expect(result.summary.deposits).toEqual({ count: 1, gross: 17500, fees: 598, otherFees: 0, refunds: 0, net: 16902, notYetDeposited: { count: 0, amount: 0 } });
    // The pending deposit of the list is shown, not written.
    expect(result.issues.find((i) => i.code === 'deposit.not-paid')).toMatchObject({ severity: 'info', file: 'deposits-list.csv', row: 3 });
  });

  it('a refund and a chargeback with its fee: refund checks drawn on the clearing account, which nets to zero', () => {
    const f = facts('deposit-refund-chargeback');
    const checks = f.transactions.filter((t) => t.type === 'CHECK');
    expect(checks.map((c) => [c.account, c.amount, c.splits[0]!.ACCNT, c.splits[0]!.AMOUNT])).toEqual([
      ['Keap Payments Clearing', -2500, 'Accounts Receivable', '25.00'],
      ['Keap Payments Clearing', -4000, 'Accounts Receivable', '40.00'],
    ]);
    const deposit = f.transactions.find((t) => t.type === 'DEPOSIT')!;
    expect(deposit).toMatchObject({ date: '04/05/2024', account: 'Checking', amount: 19128 });
    expect(lines(deposit)).toEqual([
      ['Keap Payments Clearing', 'Jane Doe', '-200.00'],
      ['Keap Payments Clearing', 'John Roe', '-80.00'],
      ['Keap Payments Clearing', '', '25.00'],
      ['Keap Payments Clearing', '', '40.00'],
      ['Merchant Fees', '', '8.72'],
      ['Merchant Fees', '', '15.00'],
    ]);
    // Every cent that entered the clearing account in this file left it again.
    let clearing = 0;
    for (const t of f.transactions) {
      if (t.account === 'Keap Payments Clearing') clearing += t.amount;
      for (const s of t.splits) if (s.ACCNT === 'Keap Payments Clearing') clearing += Math.round(Number(s.AMOUNT) * 100);
    }
    expect(clearing).toBe(0);
  });

  it('a payout whose refunds and fees exceed its payments is a general journal with the same lines', () => {
    const f = facts('deposit-negative-journal');
    expect(f.transactions.some((t) => t.type === 'DEPOSIT')).toBe(false);
    const journal = f.transactions.find((t) => t.type === 'GENERAL JOURNAL')!;
    // Dated by the date given for the file (options.json depositDates).
    expect(journal).toMatchObject({ date: '05/08/2024', account: 'Checking', amount: -5588 });
    expect(lines(journal)).toEqual([
      ['Keap Payments Clearing', 'Jane Doe', '-20.00'],
      ['Keap Payments Clearing', '', '60.00'],
      ['Merchant Fees', '', '0.88'],
      ['Merchant Fees', '', '15.00'],
    ]);
    expect(journal.splits[3]!.MEMO).toBe('Keap Payments Chargeback Fee');
  });

  it('a deposit of payments exported in an earlier run: only the deposit is written, tied to their customers, with no warning', () => {
    const f = facts('deposit-earlier-export');
    expect(f.transactions.map((t) => t.type)).toEqual(['DEPOSIT']);
    expect(lines(f.transactions[0]!)).toEqual([
      ['Keap Payments Clearing', '', '-10.00'],
      ['Keap Payments Clearing', 'Jane Doe', '-60.00'],
      ['Keap Payments Clearing', 'John Roe', '-40.00'],
      ['Merchant Fees', '', '4.09'],
    ]);
    const { result } = runGolden('deposit-earlier-export');
    // Payment 799 is in no file, but the history has it: its PAYMENT is in QuickBooks already.
    expect(result.issues.filter((i) => i.code === 'deposit.payment-missing')).toEqual([]);
    expect(result.summary.alreadyExported).toBe(4);
  });
});
