// Monthly exports read together: a record repeated exactly is counted once, the same id with
// different contents is a conflict (money set aside, other details: the first one kept), order
// items are compared as whole orders and come out with each order's lines together.
import { describe, expect, it } from 'vitest';
import type { ReadStage } from '../../src/core/keap/tables.ts';
import { readAll } from '../support/read.ts';

const read = (...files: [string, string][]): ReadStage => readAll(files.map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) })));
const codes = (stage: ReadStage) => stage.issues.map((i) => [i.code, i.severity, i.file, i.row]);
const column = <T>(count: number, at: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => at(i));

const PAY = 'PaymentId,InvoiceId,PayDate,PayType,PayAmt\n';

describe('records with ids', () => {
  it('counts a record repeated in the next month once', () => {
    const stage = read(['march.csv', `${PAY}1,1001,2024-03-20,Check,10.00\n2,1002,2024-03-31,Check,20.00\n`], ['april.csv', `${PAY}2,1002,2024-03-31,Check,20.00\n3,1003,2024-04-02,Check,30.00\n`]);
    const p = stage.tables.payments;
    expect(column(p.count, (i) => p.paymentId(i))).toEqual(['1', '2', '3']);
    expect(codes(stage)).toEqual([['row.duplicate', 'info', 'april.csv', 2]]);
    expect(stage.issues[0]!.message).toBe('Id 2 repeats march.csv row 3 exactly; it was counted once.');
    expect(stage.files[1]!.duplicateRows).toEqual([2]);
    expect(stage.files[1]!.report).toMatchObject({ rowsRead: 2, rowsDuplicate: 1, rowsSetAside: 0, rowsConverted: 2 });
  });

  it('sets both rows of a money record aside when the same id has different contents', () => {
    const stage = read(['march.csv', `${PAY}1,1001,2024-03-20,Check,10.00\n2,1002,2024-03-31,Check,20.00\n`], ['april.csv', `${PAY}2,1002,2024-03-31,Check,25.00\n`]);
    const p = stage.tables.payments;
    expect(column(p.count, (i) => p.paymentId(i))).toEqual(['1']);
    expect(codes(stage)).toEqual([['row.conflict', 'error', 'april.csv', 2]]);
    expect(stage.issues[0]!.message).toContain('Id 2 appears at march.csv row 3 and here with different contents');
    expect(stage.files.map((f) => [...f.setAsideRows])).toEqual([[3], [2]]);
  });

  it('keeps the first of two contacts with the same id and different details, with a warning', () => {
    const head = 'Id,First Name,Last Name,Email\n';
    const stage = read(['a.csv', `${head}7,Ann,Lee,ann@example.com\n`], ['b.csv', `${head}7,Ann,Lee,ann@new.example.com\n`]);
    expect(stage.tables.contacts.count).toBe(1);
    expect(stage.tables.contacts.contact(0).email).toBe('ann@example.com');
    expect(codes(stage)).toEqual([['row.conflict', 'warning', 'b.csv', 2]]);
    expect(stage.files[1]!.report).toMatchObject({ rowsDuplicate: 1, rowsSetAside: 0 });
  });

  it('treats a repeat within one file like a repeat across files', () => {
    const stage = read(['p.csv', `${PAY}1,1001,2024-03-20,Check,10.00\n1,1001,2024-03-20,Check,10.00\n`]);
    expect(stage.tables.payments.count).toBe(1);
    expect(codes(stage)).toEqual([['row.duplicate', 'info', 'p.csv', 3]]);
  });

  it('knows an order without an order id by its invoice id, a product without an id by its name', () => {
    const orders = 'Invoice Id,Order Date,Order Total\n';
    const products = 'Product Name,Sku,Price\n';
    const stage = read(['o1.csv', `${orders}1001,3/1/2024,$5.00\n`], ['o2.csv', `${orders}1001,3/1/2024,$5.00\n`], ['pr1.csv', `${products}Widget,W1,5.00\n`], ['pr2.csv', `${products}Widget,W1,5.00\n`]);
    expect([stage.tables.orders.count, stage.tables.products.count]).toEqual([1, 1]);
    expect(codes(stage)).toEqual([
      ['row.duplicate', 'info', 'o2.csv', 2],
      ['row.duplicate', 'info', 'pr2.csv', 2],
    ]);
  });
});

describe('records without ids', () => {
  const PAY_NO_ID = 'InvoiceId,PayDate,PayType,PayAmt\n';

  it('counts a row repeated in another file once, but keeps repeats within one file', () => {
    const row = '1001,2024-03-20,Check,10.00\n';
    const stage = read(['a.csv', `${PAY_NO_ID}${row}${row}`], ['b.csv', `${PAY_NO_ID}${row}1002,2024-03-21,Check,5.00\n`]);
    expect(stage.tables.payments.count).toBe(3);
    expect(codes(stage)).toEqual([['row.duplicate', 'info', 'b.csv', 2]]);
    // The repeat points at the last row kept with those contents.
    expect(stage.issues[0]!.message).toBe('This row repeats a.csv row 3 exactly; it was counted once.');
  });

  it('compares instalments of payment plans by their contents', () => {
    const head = 'PayPlanId,DateDue,AmtDue\n';
    const stage = read(['a.csv', `${head}9,2024-04-01,10.00\n9,2024-05-01,10.00\n`], ['b.csv', `${head}9,2024-05-01,10.00\n9,2024-06-01,10.00\n`]);
    const items = stage.tables.payPlanItems;
    expect(column(items.count, (i) => [items.fileIndex(i), items.sheetRow(i)])).toEqual([[0, 2], [0, 3], [1, 3]]);
  });
});

describe('order items', () => {
  const ITEMS = 'OrderId,ItemName,Qty,PricePerUnit\n';
  const WITH_IDS = 'Id,OrderId,ItemName,Qty,PricePerUnit\n';
  const lines = (stage: ReadStage) => {
    const t = stage.tables.orderItems;
    return column(t.count, (i) => `${t.orderId(i)}:${t.name(i)}@${stage.tables.files[t.fileIndex(i)]}#${t.sheetRow(i)}`);
  };

  it("keeps each order's lines together, orders in the order first seen", () => {
    const stage = read(['i.csv', `${ITEMS}2,A,1,1.00\n1,B,1,1.00\n2,C,1,1.00\n3,D,1,1.00\n1,E,1,1.00\n`]);
    expect(lines(stage)).toEqual(['2:A@i.csv#2', '2:C@i.csv#4', '1:B@i.csv#3', '1:E@i.csv#6', '3:D@i.csv#5']);
  });

  it('counts an order whose lines two files repeat exactly once (in any line order)', () => {
    const stage = read(['a.csv', `${ITEMS}1,A,1,1.00\n1,B,2,1.00\n2,C,1,1.00\n`], ['b.csv', `${ITEMS}1,B,2,1.00\n1,A,1,1.00\n3,D,1,1.00\n`]);
    expect(lines(stage)).toEqual(['1:A@a.csv#2', '1:B@a.csv#3', '2:C@a.csv#4', '3:D@b.csv#4']);
    expect(codes(stage)).toEqual([['row.duplicate', 'info', 'b.csv', 2]]);
    expect(stage.issues[0]!.message).toBe('The lines of order 1 appear in 2 files with the same contents; they were counted once.');
    expect(stage.files[1]!.duplicateRows).toEqual([2, 3]);
  });

  it('sets aside an order whose lines differ between files', () => {
    const stage = read(['a.csv', `${ITEMS}1,A,1,1.00\n2,C,1,1.00\n`], ['b.csv', `${ITEMS}1,A,2,1.00\n`]);
    expect(lines(stage)).toEqual(['2:C@a.csv#3']);
    expect(codes(stage)).toEqual([['row.conflict', 'error', 'a.csv', 2]]);
    expect(stage.issues[0]!.message).toContain('Order 1 has different line items in a.csv and b.csv');
    expect(stage.files.map((f) => [...f.setAsideRows])).toEqual([[2], [2]]);
  });

  it("joins an order's lines by Keap's line ids: a line added later is kept, repeats counted once", () => {
    const stage = read(['march.csv', `${WITH_IDS}11,1,A,1,1.00\n12,1,B,1,1.00\n`], ['april.csv', `${WITH_IDS}12,1,B,1,1.00\n13,1,Finance,1,0.50\n`]);
    expect(lines(stage)).toEqual(['1:A@march.csv#2', '1:B@march.csv#3', '1:Finance@april.csv#3']);
    expect(codes(stage)).toEqual([['row.duplicate', 'info', 'april.csv', 2]]);
    expect(stage.issues[0]!.message).toBe('1 line of order 1 appears in more than one file with the same contents; it was counted once.');
  });

  it('sets aside an order whose line with the same id differs, naming both places', () => {
    const stage = read(['a.csv', `${WITH_IDS}11,1,A,1,1.00\n`], ['b.csv', `${WITH_IDS}11,1,A,3,1.00\n`]);
    expect(lines(stage)).toEqual([]);
    expect(stage.issues.map((i) => i.message)).toEqual([
      "Line 11 of order 1 is at a.csv row 2 and b.csv row 2 with different contents; the order's lines were set aside because we cannot tell which is right. Remove the outdated file or row.",
    ]);
  });

  it('compares quantities and prices by value: 2.50 and 2.5 are the same line', () => {
    const stage = read(['a.csv', `${ITEMS}1,A,2.50,1.00\n`], ['b.csv', `${ITEMS}1,A,2.5,1\n`]);
    expect(lines(stage)).toEqual(['1:A@a.csv#2']);
    expect(codes(stage)).toEqual([['row.duplicate', 'info', 'b.csv', 2]]);
  });
});
