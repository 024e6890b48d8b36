import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/core/dates.ts';
import { detectKind } from '../../src/core/keap/detect.ts';
import { FILE_SCHEMAS, headerKey } from '../../src/core/keap/schemas.ts';
import { readOne, readText } from '../support/read.ts';

describe('detectKind by headers', () => {
  it.each([
    ['OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes', 'orderItems'],
    ['Order Id,Product Name,Quantity,Unit Price', 'orderItems'],
    ['order #,item name,qty,price', 'orderItems'],
    ['InvoiceId,PayDate,PayType,PayAmt,PayNote', 'payments'],
    ['Invoice #,Payment Date,Payment Type,Amount,Note', 'payments'],
    ['invoice id , pay date , pay type , amount', 'payments'],
    ['Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus', 'invoices'],
    ['Invoice Id,Contact Id,Order Id,Date Created,Invoice Total,Total Paid,Total Due', 'invoices'],
    ['ContactId,Contact,First Name,Last Name,Title,Co Name,Street Address 1,Street Address 2,City,State,Postal Code,Country,Order Type,Promo Code,Order Title,Order Date,Product Ids,Product Name,Serial,Order Total,Affiliate Id', 'orders'],
    ['Id,First Name,Last Name,Company Name,Email,Street Address 1,Street Address 2,City,State,Postal Code,Country', 'contacts'],
    ['Id,Name,First Name,Last Name,Spouse Name,Birthday,Company Name,Company Id,Phone 1,Email,Custom Field 7', 'contacts'],
    ['Product Name,Sku,Price,Product Status,Product Category', 'products'],
    ['Id,InvoiceId,StartDate,FirstPayAmt,Type', 'payPlans'],
    ['Id,PayPlanId,DateDue,AmtDue,Status,AmtPaid', 'payPlanItems'],
    ['Id,InvoiceId,Amt,PayDate,PayStatus,PaymentId,SkipCommission', 'payments'],
    ['Id,PayDate,UserId,PayAmt,PayType,ContactId,PayNote,InvoiceId,RefundId,ChargeId,Commission,Synced', 'payments'],
    ['Transaction Date,Invoice #,Transaction Type,Transaction Amount,Memo', 'payments'],
  ])('%s -> %s', (header, kind) => {
    expect(detectKind(header.split(',')).kind).toBe(kind);
  });

  it('refuses a file that fits no kind, saying why', () => {
    const d = detectKind(['Foo', 'Bar', 'Baz']);
    expect(d.kind).toBeNull();
    expect(d.reason).toMatch(/match/);
  });

  it('reports a missing required column instead of guessing', () => {
    const d = detectKind(['OrderId', 'ItemName', 'Qty']);
    expect(d.kind).toBe('orderItems');
    expect(d.missing).toEqual(['pricePerUnit']);
  });

  it('uses the map the user saved for this header row', () => {
    const headers = ['Ref', 'When', 'Kind', 'Value'];
    const d = detectKind(headers, [{ headerKey: headerKey(headers), kind: 'payments', columns: { invoiceId: 'Ref', date: 'When', payType: 'Kind', amount: 'Value' } }]);
    expect(d).toMatchObject({ kind: 'payments', fromUserMap: true, missing: [], columns: { invoiceId: 0, date: 1, payType: 2, amount: 3 } });
  });

  it('every schema field has at least one synonym and required fields exist in each kind', () => {
    for (const s of Object.values(FILE_SCHEMAS)) {
      expect(s.fields.some((f) => f.required)).toBe(true);
      for (const f of s.fields) expect(f.synonyms.length).toBeGreaterThan(0);
    }
  });
});

const PAYMENTS = 'InvoiceId,PayDate,PayType,PayAmt,PayNote\r\n1001,3/20/2024,Credit Card,"$1,234.50","note, with comma"\r\n';

function encodeUtf16(text: string, le: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = le ? 0xff : 0xfe;
  out[1] = le ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = le ? c & 0xff : c >> 8;
    out[3 + i * 2] = le ? c >> 8 : c & 0xff;
  }
  return out;
}

describe('bytes and shapes', () => {
  const variants: [string, Uint8Array, string][] = [
    ['utf-8', new TextEncoder().encode(PAYMENTS), 'utf-8'],
    ['utf-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(PAYMENTS)]), 'utf-8-bom'],
    ['utf-16 LE', encodeUtf16(PAYMENTS, true), 'utf-16le'],
    ['utf-16 BE', encodeUtf16(PAYMENTS, false), 'utf-16be'],
    ['utf-16 LE without BOM', encodeUtf16(PAYMENTS, true).subarray(2), 'utf-16le'],
    ['LF only', new TextEncoder().encode(PAYMENTS.replace(/\r\n/g, '\n')), 'utf-8'],
    ['CR only', new TextEncoder().encode(PAYMENTS.replace(/\r\n/g, '\r')), 'utf-8'],
    ['semicolons', new TextEncoder().encode(PAYMENTS.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';')), 'utf-8'],
    ['tabs', new TextEncoder().encode(PAYMENTS.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t')), 'utf-8'],
    ['Excel sep= line', new TextEncoder().encode(`sep=,\r\n${PAYMENTS}`), 'utf-8'],
    ['blank trailing lines', new TextEncoder().encode(`${PAYMENTS}\r\n\r\n,,,,\r\n`), 'utf-8'],
  ];
  it.each(variants)('%s', (_label, bytes, encoding) => {
    const { file, issues, tables } = readOne('p.csv', bytes);
    expect(file.report.encoding).toBe(encoding);
    expect(file.report.kind).toBe('payments');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const p = tables.payments;
    expect([p.invoiceId(0), p.date(0), p.payType(0), p.amount(0), p.note(0)]).toEqual(['1001', dayOf('2024-03-20'), 'Credit Card', 123450, 'note, with comma']);
    expect(file.report.rowsRead - file.report.rowsBlank).toBe(1);
  });

  it('falls back to Windows-1252 with a notice when the bytes are not UTF-8', () => {
    const text = 'Id,First Name,Last Name,Email\r\n7,Ren\xe9e,M\xfcller,r@example.com\r\n';
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const { file, issues, tables } = readOne('c.csv', bytes);
    expect(file.report.encoding).toBe('windows-1252');
    expect(issues.some((i) => i.code === 'file.encoding-fallback' && i.severity === 'warning')).toBe(true);
    expect(tables.contacts.contact(0)).toMatchObject({ firstName: 'Renée', lastName: 'Müller' });
  });

  it('keeps quoted line breaks and quotes inside cells, counting spreadsheet rows', () => {
    const { issues, tables } = readText('i.csv', 'OrderId,ItemName,ItemDescription,Qty,PricePerUnit\n1,"Widget ""XL""","two\nlines",1,2.00\n2,Gadget,,1,x\n');
    expect(tables.orderItems.name(0)).toBe('Widget "XL"');
    expect(tables.orderItems.description(0)).toBe('two\nlines');
    const bad = issues.find((i) => i.code === 'amount.invalid')!;
    expect(bad).toMatchObject({ file: 'i.csv', row: 3, column: 'PricePerUnit', raw: 'x' });
  });

  it('unwraps values Excel protected as ="..." text', () => {
    const { tables } = readText('p.csv', 'InvoiceId,PayDate,PayType,PayAmt,PayNote\n"=""01001""",3/20/2024,Check,90.00,\n');
    expect([tables.payments.invoiceId(0), tables.payments.amount(0)]).toEqual(['01001', 9000]);
  });

  it('rounds a unit price with three decimals to the cent, with a note', () => {
    const { issues, tables } = readText('i.csv', 'OrderId,ItemName,Qty,PricePerUnit\n1,Widget,3,0.333\n');
    expect(tables.orderItems.amount(0)).toBe(100);
    expect(issues[0]).toMatchObject({ code: 'price.rounded', severity: 'warning', row: 2 });
  });

  it('refuses an amount with three decimals for a total', () => {
    const { file, issues, tables } = readText('p.csv', 'InvoiceId,PayDate,PayType,PayAmt\n1,1/1/2024,Check,12.345\n');
    expect(tables.payments.count).toBe(0);
    expect(issues[0]).toMatchObject({ code: 'amount.precision', row: 2, column: 'PayAmt' });
    expect(file.setAsideRows.has(2)).toBe(true);
    expect(file.report).toMatchObject({ rowsRead: 1, rowsSetAside: 1, rowsConverted: 0 });
  });
});
