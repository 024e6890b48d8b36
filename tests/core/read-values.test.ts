// Cell values as the reader keeps them: ids as numbers (text for the rare other id), money in
// exact cents, dates as day numbers, quantities and prices as exact decimals; every value it
// cannot read is a problem on its file, row and column, and its row is set aside.
import { describe, expect, it } from 'vitest';
import { dayOf, NO_DAY } from '../../src/core/dates.ts';
import { formatDecimal } from '../../src/core/money.ts';
import { readAll, readText } from '../support/read.ts';

const PAYMENTS = 'InvoiceId,PayDate,PayType,PayAmt,PayNote';
/** One payments row with the given cells replaced. */
const payment = (cells: { id?: string; date?: string; amount?: string; note?: string }) =>
  readText('p.csv', `${PAYMENTS}\n${cells.id ?? '1001'},${cells.date ?? '2024-03-20'},Check,${cells.amount ?? '1.00'},${cells.note ?? ''}\n`);

describe('ids', () => {
  it.each([
    ['1001', '1001'],
    ['1001.0', '1001'],
    ['"1,001"', '1001'],
    [' 42 ', '42'],
    ['0', '0'],
    ['01001', '01001'],
    ['"=""01001"""', '01001'],
    ['A-17', 'A-17'],
    ['123456789012345', '123456789012345'],
    ['1234567890123456', '1234567890123456'],
  ])('%s is the id %s', (cell, id) => {
    const { issues, tables } = payment({ id: cell });
    expect(issues).toEqual([]);
    expect(tables.payments.invoiceId(0)).toBe(id);
  });

  it('1001 and 1001.0 are the same record, 01001 another', () => {
    const head = 'Id,ContactId,DateCreated,InvoiceTotal,TotalPaid,TotalDue\n';
    const stage = readAll([
      { name: 'a.csv', bytes: new TextEncoder().encode(`${head}1001,7,2024-03-20,10.00,0,10.00\n01001,7,2024-03-20,10.00,0,10.00\n`) },
      { name: 'b.csv', bytes: new TextEncoder().encode(`${head}1001.0,7,2024-03-20,10.00,0,10.00\n`) },
    ]);
    const inv = stage.tables.invoices;
    expect(Array.from({ length: inv.count }, (_, i) => inv.invoiceId(i))).toEqual(['1001', '01001']);
    expect(stage.issues.map((i) => [i.code, i.file, i.row])).toEqual([['row.duplicate', 'b.csv', 2]]);
  });

  it('an empty required id sets the row aside', () => {
    const { file, issues, tables } = payment({ id: '' });
    expect(issues).toEqual([expect.objectContaining({ code: 'id.missing', severity: 'error', file: 'p.csv', row: 2, column: 'InvoiceId' })]);
    expect(tables.payments.count).toBe(0);
    expect(file.setAsideRows).toEqual(new Set([2]));
  });
});

describe('money', () => {
  it.each([
    ['90', 9000],
    ['12.5', 1250],
    ['"$1,234.50"', 123450],
    ['(12.00)', -1200],
    ['-0.00', 0],
    ['12.', 1200],
    ['.5', 50],
    ['USD 12.00', 1200],
    ['12.00-', -1200],
    ['9999999999999.99', 999999999999999],
  ])('%s is %i cents', (cell, cents) => {
    const { issues, tables } = payment({ amount: cell });
    expect(issues).toEqual([]);
    expect(Object.is(tables.payments.amount(0), cents)).toBe(true);
  });

  it.each([
    ['12.345', 'amount.precision'],
    ['"1.234,56"', 'amount.decimal-comma'],
    ['"12,5"', 'amount.decimal-comma'],
    ['abc', 'amount.invalid'],
    ['99999999999999', 'amount.invalid'],
  ])('%s is refused: %s', (cell, code) => {
    const { file, issues, tables } = payment({ amount: cell });
    expect(issues).toEqual([expect.objectContaining({ code, severity: 'error', row: 2, column: 'PayAmt', raw: cell.replace(/^"|"$/g, '') })]);
    expect(tables.payments.count).toBe(0);
    expect(file.setAsideRows.has(2)).toBe(true);
  });

  it('an empty optional amount is NaN; an empty required one sets the row aside', () => {
    const inv = readText('i.csv', 'Id,DateCreated,InvoiceTotal,TotalPaid,TotalDue\n1001,2024-03-20,10.00,,\n').tables.invoices;
    expect([inv.total(0), inv.totalPaid(0), inv.totalDue(0)]).toEqual([1000, NaN, NaN]);
    expect(payment({ amount: '' }).issues).toEqual([expect.objectContaining({ code: 'amount.missing', column: 'PayAmt' })]);
  });
});

describe('dates', () => {
  it.each([
    ['2024-03-20', '2024-03-20'],
    ['2024-03-20 13:45:00', '2024-03-20'],
    ['2024-03-20T13:45:00', '2024-03-20'],
    ['2024/03/20', '2024-03-20'],
    ['2024-3-5', '2024-03-05'],
    ['3/20/2024', '2024-03-20'],
    ['12/31/2024', '2024-12-31'],
    ['2/29/2024', '2024-02-29'],
    ['03/20/2024 1:05 PM', '2024-03-20'],
    ['"Mar 20, 2024"', '2024-03-20'],
  ])('%s is %s', (cell, iso) => {
    const { issues, tables } = payment({ date: cell });
    expect(issues).toEqual([]);
    expect(tables.payments.date(0)).toBe(dayOf(iso));
  });

  it.each([
    ['02/30/2024', 'date.impossible'],
    ['13/45/2024', 'date.impossible'],
    ['2023-02-29', 'date.impossible'],
    ['1/1/1899', 'date.impossible'],
    ['soon', 'date.invalid'],
    ['2024-03-20 25', 'date.invalid'],
  ])('%s is refused: %s', (cell, code) => {
    const { issues, tables } = payment({ date: cell });
    expect(issues).toEqual([expect.objectContaining({ code, severity: 'error', row: 2, column: 'PayDate', raw: cell })]);
    expect(tables.payments.count).toBe(0);
  });

  it('reads a two-digit year as spreadsheets do, with a warning, and keeps the row', () => {
    const { issues, tables } = payment({ date: '3/20/24' });
    expect(issues).toEqual([expect.objectContaining({ code: 'date.two-digit-year', severity: 'warning', row: 2 })]);
    expect(tables.payments.date(0)).toBe(dayOf('2024-03-20'));
  });

  it('an empty optional date is NO_DAY; an empty required one sets the row aside', () => {
    expect(readText('pp.csv', 'Id,InvoiceId,StartDate,FirstPayAmt\n9,1001,,\n').tables.payPlans.startDate(0)).toBe(NO_DAY);
    expect(payment({ date: '' }).issues).toEqual([expect.objectContaining({ code: 'date.missing', column: 'PayDate' })]);
  });

  it('gives each file its first and last date', () => {
    const { file } = readText('p.csv', `${PAYMENTS}\n1,2024-03-20,Check,1.00,\n2,1/5/2024,Check,1.00,\n3,2024-12-01,Check,1.00,\n`);
    expect([file.report.firstDate, file.report.lastDate]).toEqual(['2024-01-05', '2024-12-01']);
  });
});

describe('quantities and unit prices', () => {
  const ITEMS = 'OrderId,ItemName,ItemType,Qty,PricePerUnit';
  const line = (qty: string, price: string, type = '4') => readText('i.csv', `${ITEMS}\n1001,Widget,${type},${qty},${price}\n`);

  it.each([
    ['2', '25.00', 5000, '2', '25'],
    ['1.5', '2.25', 338, '1.5', '2.25'],
    ['3', '0.333', 100, '3', '0.333'],
    ['-1', '0.00', 0, '-1', '0'],
    ['2.50', '"$1,000.10"', 250025, '2.5', '1000.1'],
    ['0.125', '8', 100, '0.125', '8'],
  ])('%s x %s is %i cents, both kept exactly', (qty, price, cents, qtyText, priceText) => {
    const items = line(qty, price).tables.orderItems;
    expect(items.amount(0)).toBe(cents);
    expect(Object.is(items.amount(0), -0)).toBe(false);
    expect([formatDecimal(items.qty(0)), formatDecimal(items.unitPrice(0))]).toEqual([qtyText, priceText]);
  });

  it('says when quantity x price was rounded to the cent', () => {
    expect(line('1.5', '2.25').issues).toEqual([expect.objectContaining({ code: 'price.rounded', severity: 'warning', column: 'PricePerUnit' })]);
    expect(line('2', '25.00').issues).toEqual([]);
  });

  it('keeps a zero quantity with a warning', () => {
    const { issues, tables } = line('0', '5.00');
    expect(issues).toEqual([expect.objectContaining({ code: 'qty.zero', severity: 'warning', column: 'Qty' })]);
    expect(tables.orderItems.count).toBe(1);
  });

  it.each([
    ['x', '5.00', 'qty.invalid', 'Qty'],
    ['1e3', '5.00', 'qty.invalid', 'Qty'],
    ['1', '', 'amount.invalid', 'PricePerUnit'],
    ['123456789012345678', '1000000', 'amount.invalid', 'PricePerUnit'],
  ])('%s x %s is refused: %s', (qty, price, code, column) => {
    const { issues, tables } = line(qty, price);
    expect(issues).toEqual([expect.objectContaining({ code, severity: 'error', row: 2, column })]);
    expect(tables.orderItems.count).toBe(0);
  });
});

describe('text, names and types', () => {
  it('trims cells, unwraps ="..." and sets aside a cell far larger than any Keap value', () => {
    const big = 'x'.repeat(40_000);
    const { issues, tables } = readText('p.csv', `${PAYMENTS}\n1,2024-03-20,  Check  ,1.00,"=""007"""\n2,2024-03-20,Check,1.00,${big}\n`);
    expect([tables.payments.payType(0), tables.payments.note(0)]).toEqual(['Check', '007']);
    expect(issues).toEqual([expect.objectContaining({ code: 'file.too-large-field', row: 3, column: 'PayNote' })]);
    expect(tables.payments.count).toBe(1);
  });

  it.each([
    ['6', 6, 'Finance charge'],
    ['2', 2, 'Sales Tax'],
    ['Special: Free Trial Days', 10, ''],
    ['4.0', 4, ''],
  ])('item type %s is %i, an empty name of that type is "%s"', (cell, code, name) => {
    const { issues, tables } = readText('i.csv', `OrderId,ItemName,ItemType,Qty,PricePerUnit\n1001,,${cell},1,1.00\n`);
    expect(issues).toEqual([]);
    expect([tables.orderItems.itemType(0), tables.orderItems.name(0)]).toEqual([code, name]);
  });

  it.each(['Gizmo', 'constructor'])('an unknown item type (%s) is a product, with a warning', (cell) => {
    const { issues, tables } = readText('i.csv', `OrderId,ItemName,ItemType,Qty,PricePerUnit\n1001,A,${cell},1,1.00\n`);
    expect(issues).toEqual([expect.objectContaining({ code: 'item-type.unknown', severity: 'warning', raw: cell })]);
    expect(tables.orderItems.itemType(0)).toBe(4);
  });

  it('keeps an item type code past a byte', () => {
    expect(readText('i.csv', 'OrderId,ItemName,ItemType,Qty,PricePerUnit\n1001,A,300,1,1.00\n').tables.orderItems.itemType(0)).toBe(300);
  });

  it("splits the Orders report's product names and its contact's single name", () => {
    const { tables } = readText('o.csv', 'Order Id,Contact,Order Date,Product Name,Order Total\n1,"Doe, Jane",3/1/2024,"A; B | C\nD",$1.00\n2,Jane Q. Public,3/1/2024,,$1.00\n3,Cher,3/1/2024,Solo,$1.00\n');
    const o = tables.orders;
    expect([o.productNames(0), o.productNames(1), o.productNames(2)]).toEqual([['A', 'B', 'C', 'D'], [], ['Solo']]);
    expect([o.contact(0), o.contact(1), o.contact(2)].map((c) => [c.firstName, c.lastName])).toEqual([['Jane', 'Doe'], ['Jane Q.', 'Public'], ['Cher', '']]);
  });

  it('gives an empty contact when the file has none, a fresh object each time', () => {
    const inv = readText('i.csv', 'Id,DateCreated,InvoiceTotal,TotalPaid,TotalDue\n1001,2024-03-20,10.00,0,10.00\n').tables.invoices;
    expect(Object.values(inv.contact(0)).every((v) => v === '')).toBe(true);
    expect(inv.contact(0)).not.toBe(inv.contact(0));
  });

  it('skips a product without a name, with a warning', () => {
    const { file, issues, tables } = readText('pr.csv', 'Id,Product Name,Sku,Price\n1,,S1,1.00\n2,Widget,S2,\n');
    expect(issues).toEqual([expect.objectContaining({ code: 'id.missing', severity: 'warning', row: 2 })]);
    expect([tables.products.count, tables.products.name(0), tables.products.price(0)]).toEqual([1, 'Widget', NaN]);
    expect(file.setAsideRows).toEqual(new Set([2]));
  });
});
