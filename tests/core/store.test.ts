// The transaction store's own promises: keys come back exactly as given, and the file order is
// date, then type, then key compared as text, whether the key's id is a digit string (kept as an
// order code) or not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/core/dates.ts';
import { TXN_TYPE_ORDER, type TxnType } from '../../src/core/ledger/model.ts';
import { TransactionStore } from '../../src/core/ledger/store.ts';
import { digitsOrderCode } from '../../src/core/ledger/txn-keys.ts';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const textOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('digitsOrderCode', () => {
  it('orders digit strings of up to 15 digits exactly as text', () => {
    const digits = fc.stringMatching(/^[0-9]{1,15}$/);
    fc.assert(fc.property(digits, digits, (a, b) => sign(digitsOrderCode(a) - digitsOrderCode(b)) === textOrder(a, b)));
  });

  it.each([
    ['', true],
    ['1', false],
    ['0012', false],
    ['123456789012345', false],
    ['1234567890123456', true],
    ['12a', true],
    ['-5', true],
  ])('"%s" has no code: %s', (text, none) => {
    expect(Number.isNaN(digitsOrderCode(text))).toBe(none);
  });

  it('puts a prefix before the longer string, as text comparison does', () => {
    expect(digitsOrderCode('10')).toBeLessThan(digitsOrderCode('100'));
    expect(digitsOrderCode('100')).toBeLessThan(digitsOrderCode('99'));
    expect(digitsOrderCode('0')).toBeLessThan(digitsOrderCode('00'));
  });
});

function storeWith(entries: { key: string; type: TxnType; date: string }[]): TransactionStore {
  const store = new TransactionStore();
  for (const e of entries) {
    store.begin();
    store.line({ account: 'Accounts Receivable', name: 'Jane Doe', amount: -100 });
    store.commit({ key: e.key, role: 'payment', type: e.type, date: dayOf(e.date), account: 'Undeposited Funds', name: 'Jane Doe', amount: 100, sources: [], keapIds: [e.key] });
  }
  return store;
}

describe('TransactionStore', () => {
  it('gives every key back as it was given', () => {
    const keys = ['invoice:1001', 'invoice:00123', 'payment:payment:555', 'payment:payment:1001|2024-03-20|Credit Card: Visa|9000', 'invoice:orders.csv#12', 'cashsale:7'];
    const store = storeWith(keys.map((key) => ({ key, type: 'INVOICE', date: '2024-03-15' })));
    expect(keys.map((_, i) => store.key(i))).toEqual(keys);
  });

  it('sorts by date, then type, then key as text, mixing coded and plain keys', () => {
    const keys = ['payment:payment:9|2024-03-20|Cash|100', 'payment:payment:10', 'payment:payment:1', 'payment:payment:100', 'payment:payment:1a', 'payment:payment:99'];
    const sameDay = keys.map((key) => ({ key, type: 'PAYMENT' as TxnType, date: '2024-03-20' }));
    const other = [
      { key: 'invoice:5', type: 'INVOICE' as TxnType, date: '2024-03-20' },
      { key: 'payment:payment:0', type: 'PAYMENT' as TxnType, date: '2024-03-19' },
      { key: 'refund:payment:1', type: 'CHECK' as TxnType, date: '2024-03-20' },
    ];
    const all = [...sameDay, ...other];
    const store = storeWith(all);
    const order = Array.from(store.sorted(TXN_TYPE_ORDER), (i) => store.key(i));
    const expected = [...all]
      .sort((a, b) => textOrder(a.date, b.date) || TXN_TYPE_ORDER[a.type] - TXN_TYPE_ORDER[b.type] || textOrder(a.key, b.key))
      .map((e) => e.key);
    expect(order).toEqual(expected);
  });

  it('leaves dropped transactions out of the order, and a discarded one leaves no lines behind', () => {
    const store = storeWith([
      { key: 'invoice:1', type: 'INVOICE', date: '2024-03-15' },
      { key: 'invoice:2', type: 'INVOICE', date: '2024-03-15' },
    ]);
    store.begin();
    store.line({ account: 'Sales', amount: -5 });
    store.discard();
    expect(store.lineCount).toBe(2);
    store.drop(0);
    expect(Array.from(store.sorted(TXN_TYPE_ORDER))).toEqual([1]);
  });
});
