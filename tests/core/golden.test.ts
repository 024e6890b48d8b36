// Byte-for-byte golden files for each accounting case (plain invoice, tax + shipping +
// discount, payment plan, refund pair, comp credit, write-off, return, cash sale, classes),
// plus the invariants every written file must hold.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isReconciled } from '../../src/core/report.ts';
import { goldenCases, runGolden } from '../support/golden.ts';
import { checkIif } from '../support/iif-check.ts';

const cases = goldenCases();

describe('golden IIF files', () => {
  it('has all the accounting cases', () => {
    expect(cases).toEqual(['account-item-paths', 'cash-sale', 'class-option', 'comp-credit', 'payment-plan', 'plain-invoice', 'refund-pair', 'return', 'tax-shipping-discount', 'write-off']);
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
