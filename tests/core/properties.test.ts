// Invariants under random Keap-like data (fast-check), hostile strings in every text field:
// the IIF parses back into exactly the transactions built, every transaction sums to zero,
// no value holds a TAB, CR, LF or ';', every row has its header's width, the bytes are
// Windows-1252 with CRLF, and input money = output + set aside, per kind, to the cent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/core/convert-types.ts';
import { encodeWindows1252 } from '../../src/core/iif/encode.ts';
import { cleanIifText } from '../../src/core/iif/sanitize.ts';
import { readIif, parseIifAmount } from '../../src/core/iif/read.ts';
import { decodeWindows1252 } from '../../src/core/text/windows-1252.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { applyTemplate } from '../../src/core/profile/template.ts';
import { isReconciled } from '../../src/core/report.ts';
import { convertFiles, inspectFiles } from '../support/convert.ts';
import { checkIif } from '../support/iif-check.ts';

const hostileChar = fc.constantFrom('\uff1a', '\u037e', '\uff1b', '\uff02', '\t', '\r', '\n', '\r\n', ';', '"', ':', ',', '😀', '株', 'ש', '\u202e', 'é', '€', '=', '+', '@', ' ', '\\n');
const hostileText = fc
  .array(fc.oneof(fc.string({ minLength: 0, maxLength: 6 }), hostileChar), { minLength: 0, maxLength: 8 })
  .map((parts) => parts.join(''));
const nonEmptyText = hostileText.filter((s) => s.trim() !== '');

/** CSV-quotes one cell the way a spreadsheet would. */
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvRow = (cells: (string | number)[]) => cells.map((c) => csvCell(String(c))).join(',') + '\r\n';
const money = (cents: number) => (cents / 100).toFixed(2);

const orderArb = fc.record({
  contact: fc.integer({ min: 1, max: 6 }),
  day: fc.integer({ min: 1, max: 28 }),
  lines: fc.array(
    fc.record({
      product: fc.integer({ min: 0, max: 4 }),
      type: fc.constantFrom(4, 4, 4, 9, 3, 1, 2, 7, 0),
      qty: fc.integer({ min: -2, max: 5 }),
      price: fc.integer({ min: 0, max: 50_000 }),
      desc: hostileText,
    }),
    { minLength: 1, maxLength: 4 },
  ),
  payments: fc.array(
    fc.record({
      type: fc.constantFrom('Credit Card', 'Credit Card (Manual)', 'PayPal', 'Check', 'Refund', 'Credit', 'Write-off', 'Odd Type'),
      cents: fc.integer({ min: -20_000, max: 60_000 }),
      note: hostileText,
      day: fc.integer({ min: 1, max: 28 }),
    }),
    { maxLength: 3 },
  ),
  totalDelta: fc.constantFrom(0, 0, 0, 0, 1),
});

const datasetArb = fc.record({
  productNames: fc.uniqueArray(nonEmptyText, { minLength: 5, maxLength: 5, selector: (s) => s.trim() }),
  contacts: fc.array(fc.record({ first: hostileText, last: hostileText, company: hostileText, street: hostileText }), { minLength: 6, maxLength: 6 }),
  orders: fc.array(orderArb, { minLength: 1, maxLength: 8 }),
  orphanPayment: fc.boolean(),
});

type Dataset = typeof datasetArb extends fc.Arbitrary<infer T> ? T : never;

function toFiles(d: Dataset): InputFile[] {
  let items = 'OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes\r\n';
  let invoices = 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus\r\n';
  let payments = 'InvoiceId,PayDate,PayType,PayAmt,PayNote\r\n';
  let contacts = 'Id,First Name,Last Name,Company Name,Email,Street Address 1,Street Address 2,City,State,Postal Code,Country\r\n';
  d.contacts.forEach((c, i) => {
    contacts += csvRow([i + 1, c.first, c.last, c.company, `c${i}@example.com`, c.street, '', 'Springfield', 'IL', '62701', 'USA']);
  });
  d.orders.forEach((o, i) => {
    const id = 5000 + i;
    let total = 0;
    for (const l of o.lines) {
      const name = l.type === 1 ? 'Standard Shipping' : l.type === 2 ? 'Sales Tax' : d.productNames[l.product]!;
      items += csvRow([id, l.product, l.type, name, l.desc, l.qty, money(l.price)]);
      total += l.qty * l.price;
    }
    invoices += csvRow([id, o.contact, id, `2024-03-${String(o.day).padStart(2, '0')}`, money(total + o.totalDelta), 0, 0, 0]);
    for (const p of o.payments) payments += csvRow([id, `2024-04-${String(p.day).padStart(2, '0')} 00:00:00`, p.type, money(p.cents), p.note]);
  });
  if (d.orphanPayment) payments += csvRow([999_999, '2024-04-01', 'Check', '12.34', 'orphan']);
  const enc = (s: string) => new TextEncoder().encode(s);
  return [
    { name: 'items.csv', bytes: enc(items) },
    { name: 'invoices.csv', bytes: enc(invoices) },
    { name: 'payments.csv', bytes: enc(payments) },
    { name: 'contacts.csv', bytes: enc(contacts) },
  ];
}

describe('invariants under random Keap-like data', () => {
  it('every written IIF is clean, balanced, parses back exactly and reconciles', () => {
    let written = 0;
    fc.assert(
      fc.property(datasetArb, fc.boolean(), (d, cashSales) => {
        const files = toFiles(d);
        const base = defaultProfile('Random');
        base.options.cashSaleWhenPaidOnOrderDate = cashSales;
        const profile = applyTemplate(base, inspectFiles(files, base).catalog);
        const result = convertFiles(files, profile);
        const bytes = new Uint8Array(Buffer.concat(result.iifChunks));
        const text = decodeWindows1252(bytes);

        // (d) Windows-1252: every byte is a Windows-1252 character, one byte each (encoding the
        // decoded text gives the bytes back exactly); CRLF is checked by checkIif.
        expect(encodeWindows1252(text)).toEqual(bytes);
        // (b), (c) and structure: balance, widths, CRLF.
        const facts = checkIif(text);
        // (c) no value holds TAB, CR, LF or ';' (TAB/CR/LF would split the row; checked by widths).
        for (const line of text.split('\r\n')) expect(line).not.toMatch(/[;\r\n]/);
        // (a) parses back into exactly the transactions and lines that were built (the store).
        const { store, order } = result.written;
        written += order.length;
        expect(facts.transactions.length).toBe(order.length);
        const doc = readIif(text);
        doc.transactions.forEach((t, k) => {
          const i = order[k]!;
          expect(t.trns.values.TRNSTYPE).toBe(store.type(i));
          expect(parseIifAmount(t.trns.values.AMOUNT!)).toBe(store.amount(i));
          expect(t.trns.values.NAME).toBe(cleanIifText(store.name(i)).text);
          // A colon in a customer name would silently create a Customer:Job.
          expect(t.trns.values.NAME).not.toContain(':');
          const { start, end } = store.lines(i);
          const lines = Array.from({ length: end - start }, (_, n) => start + n);
          expect(t.spl.map((s) => parseIifAmount(s.values.AMOUNT!))).toEqual(lines.map((j) => store.lineAmount(j)));
          expect(t.spl.map((s) => s.values.ACCNT)).toEqual(lines.map((j) => cleanIifText(store.names.values[store.lineAccountRef(j)]!).text));
        });
        // (e) money in = money out + money set aside, per kind, to the cent.
        expect(isReconciled(result.summary.reconciliation)).toBe(true);
        // No row lost: every row is converted, set aside or blank.
        for (const f of result.summary.files) expect(f.rowsRead).toBe(f.rowsConverted + f.rowsSetAside + f.rowsBlank);
      }),
      { numRuns: 150, seed: 20241125 },
    );
    // The generator must really exercise the writer, not only the refusals.
    expect(written).toBeGreaterThan(300);
  });

  it('cleanIifText never leaves a TAB, CR, LF, ; or " and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), hostileText), (s) => {
        const once = cleanIifText(s).text;
        expect(once).not.toMatch(/[\t\r\n;"]/);
        expect(cleanIifText(once).text).toBe(once);
        for (const ch of once) expect(ch.codePointAt(0)!).toBeLessThan(0x10000);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
