/**
 * The account effect: postings summed per account into debits, credits and net change, grouped
 * by account type, with a total of zero for balanced transactions; and the effect the page gets
 * from a real conversion (read back from the written IIF) balances and matches the file.
 */
import { bytesSource } from '../../src/core/source.ts';
import { describe, expect, it } from 'vitest';
import { accountEffect, accountGroupOf, type Posting } from '../../src/core/review/account-effect.ts';
import { convertForPage } from '../../src/worker/page-result.ts';
import { defaultPayTypeMapping, defaultProfile } from '../../src/core/profile/defaults.ts';

const p = (account: string, accountType: string, amount: number): Posting => ({ account, accountType, amount });

describe('accountGroupOf', () => {
  it.each([
    ['AR', 'receivable'],
    ['OCASSET', 'clearing'],
    ['BANK', 'bank'],
    ['INC', 'income'],
    ['EXINC', 'income'],
    ['OCLIAB', 'liability'],
    ['LTLIAB', 'liability'],
    ['AP', 'liability'],
    ['CCARD', 'liability'],
    ['EXP', 'expense'],
    ['EXEXP', 'expense'],
    ['COGS', 'expense'],
    ['EQUITY', 'other'],
    ['FIXASSET', 'other'],
    ['', 'other'],
    ['nonsense', 'other'],
  ])('%s -> %s', (type, group) => {
    expect(accountGroupOf(type)).toBe(group);
  });
});

describe('accountEffect', () => {
  it.each<{ title: string; postings: Posting[]; expected: [string, string, number, number, number][]; total: [number, number, number] }>([
    {
      title: 'an invoice: A/R debited, income and sales tax credited',
      postings: [p('Accounts Receivable', 'AR', 12377), p('Sales', 'INC', -5000), p('Shipping Income', 'INC', -750), p('Discounts Given', 'INC', 900), p('Sales Tax Payable', 'OCLIAB', -527), p('Sales', 'INC', -7000)],
      expected: [
        ['receivable', 'Accounts Receivable', 12377, 0, 12377],
        ['income', 'Discounts Given', 900, 0, 900],
        ['income', 'Sales', 0, 12000, -12000],
        ['income', 'Shipping Income', 0, 750, -750],
        ['liability', 'Sales Tax Payable', 0, 527, -527],
      ],
      total: [13277, 13277, 0],
    },
    {
      title: 'a payment then a refund: both sides of A/R kept, nets cancel',
      postings: [p('Undeposited Funds', 'OCASSET', 9000), p('Accounts Receivable', 'AR', -9000), p('Checking', 'BANK', -2500), p('Accounts Receivable', 'AR', 2500)],
      expected: [
        ['receivable', 'Accounts Receivable', 2500, 9000, -6500],
        ['clearing', 'Undeposited Funds', 9000, 0, 9000],
        ['bank', 'Checking', 0, 2500, -2500],
      ],
      total: [11500, 11500, 0],
    },
    {
      title: 'a write-off, an account of unknown type, and a zero amount',
      postings: [p('Bad Debt', 'EXP', 1200), p('Accounts Receivable', 'AR', -1200), p('Mystery', '', 0), p('Mystery', 'EQUITY', 0)],
      expected: [
        ['receivable', 'Accounts Receivable', 0, 1200, -1200],
        ['expense', 'Bad Debt', 1200, 0, 1200],
        ['other', 'Mystery', 0, 0, 0],
      ],
      total: [1200, 1200, 0],
    },
    { title: 'nothing', postings: [], expected: [], total: [0, 0, 0] },
  ])('$title', ({ postings, expected, total }) => {
    const effect = accountEffect(postings);
    const rows = effect.groups.flatMap((g) => g.rows.map((r) => [g.group, r.account, r.debits, r.credits, r.net]));
    expect(rows).toEqual(expected);
    expect([effect.total.debits, effect.total.credits, effect.total.net]).toEqual(total);
    for (const g of effect.groups) {
      expect(g.net).toBe(g.rows.reduce((s, r) => s + r.net, 0));
      expect(g.debits - g.credits).toBe(g.net);
    }
  });

  it('shows an unbalanced set of postings as a non-zero total (it is never forced to zero)', () => {
    const effect = accountEffect([p('Accounts Receivable', 'AR', 100), p('Sales', 'INC', -99)]);
    expect(effect.total.net).toBe(1);
  });

  it('keeps the group order A/R, clearing, bank, income, liability, expense, other', () => {
    const effect = accountEffect([p('z', 'EQUITY', 1), p('e', 'EXP', 1), p('l', 'OCLIAB', 1), p('i', 'INC', 1), p('b', 'BANK', 1), p('u', 'OCASSET', 1), p('a', 'AR', -6)]);
    expect(effect.groups.map((g) => g.group)).toEqual(['receivable', 'clearing', 'bank', 'income', 'liability', 'expense', 'other']);
  });
});

describe('the account effect of a conversion', () => {
  const csv = {
    'order-items.csv': 'OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes\n1001,73,4,Widget,Blue widget,2,25.00,\n1002,74,4,Gadget,,1,40.00,\n',
    'invoices.csv': 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus\n1001,7,1001,2024-03-15 10:00:00,50.00,50.00,0.00,0\n1002,7,1002,2024-03-16 10:00:00,40.00,0.00,40.00,0\n',
    'payments.csv': 'InvoiceId,PayDate,PayType,PayAmt,PayNote\n1001,2024-03-20 00:00:00,Credit Card,50.00,\n',
    'contacts.csv': 'Id,First Name,Last Name,Company Name,Email\n7,Jane,Doe,,jane@example.com\n',
  };
  const files = Object.entries(csv).map(([name, text]) => bytesSource(name, new TextEncoder().encode(text)));

  it.each([true, false])('balances and names each account with its type (accounts written: %s)', (writeAccounts) => {
    const profile = defaultProfile('Test');
    profile.options.writeAccounts = writeAccounts;
    profile.products.Widget = { item: 'Widget', itemType: 'SERV', account: 'Widget Sales' };
    profile.products.Gadget = { item: 'Gadget', itemType: 'SERV', account: 'Gadget Sales' };
    profile.payTypes['Credit Card'] = defaultPayTypeMapping('Credit Card');
    const { accountEffect: effect } = convertForPage(files, profile, {});
    const rows = new Map(effect.groups.flatMap((g) => g.rows.map((r) => [r.account, { ...r, group: g.group }])));
    expect(effect.total.net).toBe(0);
    expect(effect.total.debits).toBe(effect.total.credits);
    expect(rows.get(profile.accounts.accountsReceivable)).toMatchObject({ group: 'receivable', debits: 9000, credits: 5000, net: 4000 });
    expect(rows.get(profile.accounts.undepositedFunds)).toMatchObject({ group: 'clearing', debits: 5000, credits: 0, net: 5000 });
    expect(rows.get('Widget Sales')).toMatchObject({ group: 'income', accountType: 'INC', credits: 5000, net: -5000 });
    expect(rows.get('Gadget Sales')).toMatchObject({ group: 'income', net: -4000 });
  });
});
