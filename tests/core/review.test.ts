/**
 * Review-screen helpers: problems CSV (formula neutralisation and RFC 4180 quoting), monthly
 * invoiced/collected totals in cents, the virtual-scroll window and table sorting.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { problemsToCsv } from '../../src/core/review/problems-csv.ts';
import { layoutMonthlyChart, monthlyTotals } from '../../src/core/review/monthly.ts';
import { virtualWindow } from '../../src/core/review/virtual.ts';
import { filterAndSort } from '../../src/core/review/table.ts';
import { ROWS_PER_BLOCK, countRowsByType, filterReviewRows, findReviewRow, reviewRow, reviewRowsOf, reviewSources, sortedIndexOf } from '../../src/core/review/rows.ts';
import { transactionDetail } from '../../src/core/review/detail.ts';
import { writeIif } from '../../src/core/iif/write.ts';
import { dayOf } from '../../src/core/dates.ts';
import type { Issue } from '../../src/core/issues.ts';
import type { ListSections, TxnType } from '../../src/core/ledger/model.ts';
import { TransactionStore, type TransactionHeader, type TransactionLine } from '../../src/core/ledger/store.ts';

describe('problemsToCsv', () => {
  const issues: Issue[] = [
    { code: 'amount.invalid', severity: 'error', file: 'pay.csv', row: 12, column: 'PayAmt', raw: '=HYPERLINK("x")', message: 'The amount "=HYPERLINK" is not a number, fix it.' },
    { code: 'file.empty', severity: 'warning', message: 'The file is empty.' },
  ];

  it('writes a header, one line per problem and CRLF line ends', () => {
    const csv = problemsToCsv(issues);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Severity,Code,File,Row,Column,Value,Message');
    expect(lines[1]).toBe(`error,amount.invalid,pay.csv,12,PayAmt,"'=HYPERLINK(""x"")","The amount ""=HYPERLINK"" is not a number, fix it."`);
    expect(lines[2]).toBe('warning,file.empty,,,,,The file is empty.');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it.each([
    ['=SUM(A1:A2)', `"'=SUM(A1:A2)"`],
    ['+1', `"'+1"`],
    ['-2+3', `"'-2+3"`],
    ['@cmd', `"'@cmd"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    // A line break after the formula start must not let it through.
    ['=cmd|x\nmore', `"'=cmd|x\nmore"`],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' lead', '" lead"'],
  ])('writes the value %j as %j', (raw, cell) => {
    const csv = problemsToCsv([{ code: 'amount.invalid', severity: 'error', row: 2, raw, message: 'm' }]);
    expect(csv).toBe(`Severity,Code,File,Row,Column,Value,Message\r\nerror,amount.invalid,,2,,${cell},m\r\n`);
  });

  it('neutralises formula starts in file names, columns and messages too', () => {
    const csv = problemsToCsv([{ code: 'file.empty', severity: 'error', file: '@evil.csv', column: '+col', message: '-bad' }]);
    expect(csv.split('\r\n')[1]).toBe(`error,file.empty,"'@evil.csv",,"'+col",,"'-bad"`);
  });

  it('reads back as the same cells (formula cells with their apostrophe)', () => {
    const hostile: Issue = { code: 'amount.invalid', severity: 'error', file: 'a, "b".csv', row: 7, column: 'Pay\nAmt', raw: '=1+1', message: 'two\r\nlines' };
    const back = Papa.parse<string[]>(problemsToCsv([hostile]), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(back).toEqual([
      ['Severity', 'Code', 'File', 'Row', 'Column', 'Value', 'Message'],
      ['error', 'amount.invalid', 'a, "b".csv', '7', 'Pay\nAmt', "'=1+1", 'two\r\nlines'],
    ]);
  });

  it('writes only the header for no problems', () => {
    expect(problemsToCsv([])).toBe('Severity,Code,File,Row,Column,Value,Message\r\n');
  });
});

/** A transaction as a test writes it: its header (ISO date) and its lines. */
interface TestTransaction extends Omit<TransactionHeader, 'date'> {
  date: string;
  lines: TransactionLine[];
}

function txn(type: TxnType, date: string, amount: number, key = `${type}:${date}`): TestTransaction {
  return { key, role: 'invoice', type, date, account: 'A', name: 'N', amount, lines: [], sources: [], keapIds: [key] };
}

/** The transactions in a store, numbered in the order given. */
function storeOf(transactions: readonly TestTransaction[]): TransactionStore {
  const store = new TransactionStore();
  for (const { lines, date, ...header } of transactions) {
    store.begin();
    for (const l of lines) store.line(l);
    store.commit({ ...header, date: dayOf(date) });
  }
  return store;
}

/** Review rows of the transactions, in the order given (no written file). */
function rowsOf(transactions: readonly TestTransaction[]) {
  return reviewRowsOf(storeOf(transactions), Uint32Array.from(transactions.keys()));
}

const NO_LISTS: ListSections = { accounts: [], items: [], vendors: [], paymentMethods: [], classes: [], customers: [] };

describe('monthlyTotals', () => {
  it('adds invoices and cash sales as invoiced, payments and cash sales as collected, in cents', () => {
    const rows = monthlyTotals([
      txn('INVOICE', '2024-03-15', 9000),
      txn('PAYMENT', '2024-03-20', 9000),
      txn('CASH SALE', '2024-03-21', 10),
      txn('INVOICE', '2024-05-02', 4750),
      txn('PAYMENT', '2024-05-03', 4750),
      txn('CREDIT MEMO', '2024-05-04', 100),
      txn('CHECK', '2024-05-04', 100),
    ]);
    expect(rows).toEqual([
      { month: '2024-03', invoiced: 9010, collected: 9010, fees: 0 },
      { month: '2024-04', invoiced: 0, collected: 0, fees: 0 },
      { month: '2024-05', invoiced: 4750, collected: 4750, fees: 0 },
    ]);
  });

  it('keeps cents exact where floats would drift', () => {
    const many = Array.from({ length: 10 }, (_, i) => txn('INVOICE', '2024-01-01', 10, `k${i}`));
    expect(monthlyTotals(many)).toEqual([{ month: '2024-01', invoiced: 100, collected: 0, fees: 0 }]);
  });

  it('crosses year ends and returns nothing for no transactions', () => {
    expect(monthlyTotals([txn('PAYMENT', '2023-12-31', 1), txn('PAYMENT', '2024-01-01', 2)]).map((r) => r.month)).toEqual(['2023-12', '2024-01']);
    expect(monthlyTotals([])).toEqual([]);
  });

  it('adds a fee bar per month only when some month has Keap Payments fees', () => {
    const layout = layoutMonthlyChart([{ month: '2024-01', invoiced: 200, collected: 100, fees: 0 }, { month: '2024-02', invoiced: 0, collected: 0, fees: 50 }], 100, 50);
    expect(layout.bars.map((b) => b.series)).toEqual(['invoiced', 'collected', 'fees', 'invoiced', 'collected', 'fees']);
    expect(layout.bars[5]?.height).toBe(12.5);
    // Bars of one month sit side by side around the middle of its slot.
    expect(layout.bars[1]!.x - layout.bars[0]!.x).toBeCloseTo(layout.bars[0]!.width, 9);
  });

  it('lays out two bars per month scaled to the largest amount', () => {
    const layout = layoutMonthlyChart([{ month: '2024-01', invoiced: 200, collected: 100, fees: 0 }], 100, 50);
    expect(layout.max).toBe(200);
    expect(layout.bars).toHaveLength(2);
    expect(layout.bars[0]?.height).toBe(50);
    expect(layout.bars[1]?.height).toBe(25);
  });
});

describe('virtualWindow', () => {
  it('renders only the visible rows plus overscan', () => {
    const w = virtualWindow({ count: 100_000, rowHeight: 32, scrollTop: 32 * 1000, viewportHeight: 320, overscan: 2 });
    expect(w.start).toBe(998);
    expect(w.end).toBe(1013);
    expect(w.before).toBe(998 * 32);
    expect(w.before + (w.end - w.start) * 32 + w.after).toBe(w.total);
  });

  it('accounts for an expanded row above the window', () => {
    const w = virtualWindow({ count: 100, rowHeight: 10, scrollTop: 500, viewportHeight: 50, expanded: 5, expandedExtra: 200, overscan: 0 });
    expect(w.total).toBe(1200);
    expect(w.start).toBe(30);
    expect(w.before).toBe(30 * 10 + 200);
    expect(w.before + (w.end - w.start) * 10 + w.after).toBe(w.total);
  });

  it('handles an empty list', () => {
    expect(virtualWindow({ count: 0, rowHeight: 10, scrollTop: 0, viewportHeight: 100 })).toEqual({ start: 0, end: 0, before: 0, after: 0, total: 0 });
  });
});

describe('filterAndSort', () => {
  const rows = [
    { name: 'Widget', count: 3, total: 7500 },
    { name: 'gadget', count: 2, total: 8000 },
    { name: 'Item 10', count: 1, total: 100 },
    { name: 'Item 9', count: 1, total: 100 },
  ];
  it('sorts by name naturally and by total descending', () => {
    expect(filterAndSort(rows, '', 'name', 'asc').map((r) => r.name)).toEqual(['gadget', 'Item 9', 'Item 10', 'Widget']);
    expect(filterAndSort(rows, '', 'total', 'desc').map((r) => r.name)).toEqual(['gadget', 'Widget', 'Item 9', 'Item 10']);
    expect(filterAndSort(rows, 'item', 'lines', 'asc').map((r) => r.name)).toEqual(['Item 9', 'Item 10']);
  });
});

describe('compact review rows', () => {
  const invoice: TestTransaction = {
    ...txn('INVOICE', '2024-03-15', 9000, 'invoice:1001'),
    name: 'Doe, Jane',
    docNum: '1001',
    memo: 'Keap order 1001\u0001odd',
    lines: [{ account: 'Sales', item: 'Widget', amount: -9000, qty: { units: -3n, scale: 0 }, price: { units: 3000n, scale: 2 }, memo: 'Blue, large' }],
    sources: [{ file: 'items.csv', row: 2 }, { file: 'invoices.csv', row: 9 }],
  };
  const payment: TestTransaction = { ...txn('PAYMENT', '2024-03-20', 9000, 'payment:items.csv#3'), role: 'payment', name: 'Jane Doe', sources: [{ file: 'pay.csv', row: 3 }] };
  const store = storeOf([invoice, payment]);
  const order = Uint32Array.from([0, 1]);
  const chunks: Uint8Array[] = [];
  // The writer's offsets: where each transaction starts, and the end of the file.
  const { starts } = writeIif(NO_LISTS, store, order, (c) => chunks.push(c), false);
  const text = Buffer.concat(chunks).toString('latin1');
  const rows = reviewRowsOf(store, order, starts);

  it('keeps what the table shows, control characters replaced', () => {
    expect(rows.count).toBe(2);
    expect(reviewRow(rows, 0)).toEqual({ index: 0, key: 'invoice:1001', type: 'INVOICE', role: 'invoice', date: '2024-03-15', name: 'Doe, Jane', docNum: '1001', account: 'A', amount: 9000, memo: 'Keap order 1001 odd' });
    expect(reviewRow(rows, 1)).toMatchObject({ key: 'payment:items.csv#3', type: 'PAYMENT', role: 'payment', docNum: '' });
    expect(countRowsByType(rows)).toEqual(new Map([['INVOICE', 1], ['PAYMENT', 1]]));
  });

  it('keeps the Keap rows behind each transaction', () => {
    expect(reviewSources(rows, 0)).toEqual([{ file: 'items.csv', row: 2 }, { file: 'invoices.csv', row: 9 }]);
    expect(reviewSources(rows, 1)).toEqual([{ file: 'pay.csv', row: 3 }]);
    expect(rows.files).toEqual(['items.csv', 'invoices.csv', 'pay.csv']);
  });

  it('filters by type and by every search word, case-insensitively', () => {
    expect(filterReviewRows(rows, { type: 'PAYMENT', search: '' })).toEqual([1]);
    expect(filterReviewRows(rows, { type: '', search: '' })).toEqual([0, 1]);
    expect(filterReviewRows(rows, { type: '', search: '2024-03 90.00' })).toEqual([0, 1]);
    expect(filterReviewRows(rows, { type: '', search: 'INVOICE' })).toEqual([0]);
    expect(filterReviewRows(rows, { type: '', search: 'jane 1001' })).toEqual([0]);
    expect(filterReviewRows(rows, { type: 'PAYMENT', search: 'jane' })).toEqual([1]);
    expect(filterReviewRows(rows, { type: '', search: 'nobody' })).toEqual([]);
    // A word cannot match across two rows or two fields.
    expect(filterReviewRows(rows, { type: '', search: '90.00payment' })).toEqual([]);
    expect(filterReviewRows(rows, { type: '', search: 'jane2024' })).toEqual([]);
  });

  it('searches the account of each row too', () => {
    const many = Array.from({ length: 3 }, (_, i) => ({ ...payment, key: `payment:${i}`, account: i === 1 ? 'Undeposited Funds' : 'Checking' }));
    const r = rowsOf(many);
    expect(filterReviewRows(r, { type: '', search: 'undeposited' })).toEqual([1]);
    expect(filterReviewRows(r, { type: '', search: 'payment:2 checking' })).toEqual([2]);
    expect(filterReviewRows(r, { type: '', search: 'checking payment:2' })).toEqual([2]);
    expect(reviewRow(r, 1).account).toBe('Undeposited Funds');
    expect(r.accounts).toEqual(['Checking', 'Undeposited Funds']);
  });

  it('keeps long tables in blocks and finds rows in every block', () => {
    const n = ROWS_PER_BLOCK * 2 + 17;
    const many = Array.from({ length: n }, (_, i) => ({ ...payment, key: `payment:${i}`, name: i % 1000 === 999 ? 'Rare Name' : 'Jane Doe', amount: i }));
    const r = rowsOf(many);
    expect(r.blocks).toHaveLength(3);
    for (const i of [0, ROWS_PER_BLOCK - 1, ROWS_PER_BLOCK, 2 * ROWS_PER_BLOCK, n - 1]) {
      expect(reviewRow(r, i)).toMatchObject({ key: `payment:${i}`, amount: i });
      expect(findReviewRow(r, `payment:${i}`)).toBe(i);
    }
    const rare = filterReviewRows(r, { type: '', search: 'rare' });
    expect(rare).toEqual(Array.from({ length: Math.floor(n / 1000) }, (_, k) => k * 1000 + 999));
    expect(filterReviewRows(r, { type: 'PAYMENT', search: `payment:${n - 1}` })).toEqual([n - 1]);
    expect(filterReviewRows(r, { type: 'INVOICE', search: 'jane' })).toEqual([]);
    expect(filterReviewRows(r, { type: '', search: '' })).toHaveLength(n);
  });

  it('finds a row index in a sorted list of shown rows', () => {
    expect(sortedIndexOf([1, 4, 9, 12], 9)).toBe(2);
    expect(sortedIndexOf([1, 4, 9, 12], 1)).toBe(0);
    expect(sortedIndexOf([1, 4, 9, 12], 12)).toBe(3);
    expect(sortedIndexOf([1, 4, 9, 12], 5)).toBe(-1);
    expect(sortedIndexOf([], 0)).toBe(-1);
    expect(sortedIndexOf([0, 1], -1)).toBe(-1);
  });

  it('finds a row by its exact key only', () => {
    expect(findReviewRow(rows, 'payment:items.csv#3')).toBe(1);
    expect(findReviewRow(rows, 'invoice:1001')).toBe(0);
    expect(findReviewRow(rows, 'invoice:100')).toBe(-1);
    expect(findReviewRow(rows, 'items.csv#3')).toBe(-1);
  });

  it('reads a transaction\'s lines back from its slice of the written IIF', () => {
    const slice = text.slice(rows.iifStart[0], rows.iifStart[1]);
    expect(slice.startsWith('TRNS\t')).toBe(true);
    expect(slice.endsWith('ENDTRNS\r\n')).toBe(true);
    expect(rows.iifStart[2]).toBe(text.length);
    const detail = transactionDetail(slice);
    expect(detail).toEqual({
      account: 'A',
      memo: 'Keap order 1001 odd',
      lines: [{ account: 'Sales', name: '', item: 'Widget', qty: '-3', price: '30.00', amount: -9000, memo: 'Blue, large' }],
    });
    expect(transactionDetail('')).toBeNull();
  });

  it('is empty for no transactions and has no IIF offsets without a written file', () => {
    const none = rowsOf([]);
    expect(none.count).toBe(0);
    expect(filterReviewRows(none, { type: '', search: 'x' })).toEqual([]);
    expect(rowsOf([invoice]).iifStart.length).toBe(0);
  });
});
