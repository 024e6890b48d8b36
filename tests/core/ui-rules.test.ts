/**
 * Business rules the screens import from the core rather than copy (issue 12 §7): the tax-rate
 * pattern shared with the profile check, a product's default mapping (its name fitted to 31
 * characters), the column-mapping problem codes, the rows of the mapping tables; and the
 * review search finding a transaction by its memo.
 */
import { describe, expect, it } from 'vitest';
import { isTaxRate } from '../../src/core/profile/tax-rate.ts';
import { validateProfile } from '../../src/core/profile/validate.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { defaultProductMapping } from '../../src/core/profile/template.ts';
import { isColumnIssue } from '../../src/core/review/columns.ts';
import { mappingRows } from '../../src/core/review/table.ts';
import { filterReviewRows, reviewRow, reviewRowsOf } from '../../src/core/review/rows.ts';
import { TransactionStore } from '../../src/core/ledger/store.ts';
import { dayOf } from '../../src/core/dates.ts';
import type { Issue, IssueCode } from '../../src/core/issues.ts';

describe('isTaxRate agrees with the stored-profile check', () => {
  it.each([
    ['', true],
    ['6.5', true],
    ['6.5%', true],
    [' 6.5 ', true],
    ['10', true],
    ['0.0001', true],
    ['6,5', false],
    ['100', false],
    ['6.12345', false],
    ['abc', false],
    ['6.5%%', false],
    ['.5', false],
  ])('%j -> %s', (rate, ok) => {
    expect(isTaxRate(rate)).toBe(ok);
    const profile = { ...defaultProfile(), tax: { ...defaultProfile().tax, rate } };
    expect(validateProfile(JSON.parse(JSON.stringify({ ...profile, format: 'keap2iif-profile', version: 1 }))).ok).toBe(ok);
  });
});

describe('defaultProductMapping', () => {
  it('fits a long name to 31 characters, distinct from the items the profile already uses', () => {
    const profile = defaultProfile();
    const long = 'An extremely long product name that QuickBooks refuses';
    const first = defaultProductMapping(profile, long);
    expect(first.item).toBe('An extremely long product name');
    expect(first.item.length).toBeLessThanOrEqual(31);
    profile.products[long] = first;
    const second = defaultProductMapping(profile, `${long} too`);
    expect(second.item).not.toBe(first.item);
    expect(second.item.length).toBeLessThanOrEqual(31);
    expect(second.account).toBe(profile.accounts.defaultIncome);
  });

  it.each([
    [[], 'SERV'],
    [[3, 8], 'SERV'],
    [[4], 'PART'],
    [[3, 4], 'PART'],
  ])('item types %j -> %s', (types, itemType) => {
    expect(defaultProductMapping(defaultProfile(), 'Widget', types).itemType).toBe(itemType);
  });

  it('turns a colon into a dash (a colon would make a sub-item)', () => {
    expect(defaultProductMapping(defaultProfile(), 'Course: Level 1').item).toBe('Course- Level 1');
  });
});

describe('isColumnIssue', () => {
  it.each<[IssueCode, boolean]>([
    ['file.missing-column', true],
    ['file.unknown-kind', true],
    ['file.ambiguous-column', true],
    ['file.empty', false],
    ['amount.invalid', false],
  ])('%s -> %s', (code, expected) => {
    const issue: Issue = { code, severity: 'error', message: 'x' };
    expect(isColumnIssue(issue)).toBe(expected);
  });
});

describe('mappingRows', () => {
  it('lists each name of the files once, then names mapped only in the profile', () => {
    const rows = mappingRows(
      [
        { name: 'Widget', count: 3, total: 7500 },
        { name: 'Gadget', count: 1, total: 4000 },
        { name: 'Widget', count: 9, total: 1 },
      ],
      ['Gadget', 'Old product', 'Widget', 'Old product'],
    );
    expect(rows).toEqual([
      { name: 'Widget', count: 3, total: 7500, inFiles: true },
      { name: 'Gadget', count: 1, total: 4000, inFiles: true },
      { name: 'Old product', count: 0, total: 0, inFiles: false },
    ]);
  });

  it('is empty for no files and no mappings', () => {
    expect(mappingRows([], [])).toEqual([]);
  });
});

describe('review search covers memos', () => {
  /** Review rows of payments with these keys and memos, from a store as the conversion fills it. */
  const rowsOf = (payments: readonly [string, string?][]) => {
    const store = new TransactionStore();
    for (const [key, memo] of payments) {
      store.begin();
      store.line({ account: 'Accounts Receivable', name: 'Jane Doe', amount: -9000 });
      store.commit({ key, role: 'payment', type: 'PAYMENT', date: dayOf('2024-03-20'), account: 'Undeposited Funds', name: 'Jane Doe', amount: 9000, ...(memo === undefined ? {} : { memo }), sources: [], keapIds: [key] });
    }
    return reviewRowsOf(store, Uint32Array.from(payments.keys()));
  };

  it('finds a transaction by words of its memo, and shows the memo on the row', () => {
    const rows = rowsOf([['payment:1', 'Keap Credit Card payment for invoice 1001'], ['payment:2', 'Keap PayPal payment for invoice 1002'], ['payment:3']]);
    expect(filterReviewRows(rows, { type: '', search: 'paypal' })).toEqual([1]);
    expect(filterReviewRows(rows, { type: '', search: 'invoice 1001' })).toEqual([0]);
    expect(filterReviewRows(rows, { type: '', search: 'payment for' })).toEqual([0, 1]);
    expect(reviewRow(rows, 0).memo).toBe('Keap Credit Card payment for invoice 1001');
    expect(reviewRow(rows, 2).memo).toBe('');
    expect(reviewRow(rows, 1).amount).toBe(9000);
  });
});
