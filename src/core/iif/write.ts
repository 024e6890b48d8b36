/**
 * Ledger -> IIF text, the only place that knows IIF syntax. List sections first (accounts,
 * tax agency, items, payment methods, classes, customers), then the !TRNS/!SPL/!ENDTRNS header
 * triple and the transactions. Tab-separated, CRLF, MM/DD/YYYY dates, amounts like -1234.56.
 * Every value passes through `cell`, so no value can add a column or a row.
 */
import { formatIifDate } from '../dates.ts';
import { formatCentsPlain, formatDecimal, formatPrice } from '../money.ts';
import type { Ledger, Split, Transaction } from '../ledger/model.ts';
import { cleanIifText, isCleanIifText } from './sanitize.ts';

const CRLF = '\r\n';

const TRNS_COLUMNS = ['TRNSID', 'TRNSTYPE', 'DATE', 'ACCNT', 'NAME', 'CLASS', 'AMOUNT', 'DOCNUM', 'MEMO', 'CLEAR', 'TOPRINT', 'NAMEISTAXABLE', 'ADDR1', 'ADDR2', 'ADDR3', 'ADDR4', 'ADDR5', 'DUEDATE', 'TERMS', 'PAYMETH'] as const;
const SPL_COLUMNS = ['SPLID', 'TRNSTYPE', 'DATE', 'ACCNT', 'NAME', 'CLASS', 'AMOUNT', 'DOCNUM', 'MEMO', 'CLEAR', 'QNTY', 'PRICE', 'INVITEM', 'PAYMETH', 'TAXABLE', 'EXTRA'] as const;

/**
 * One IIF cell. Cleans the value (no TAB, CR, LF, `;` or `"`) and, as QuickBooks' own exports
 * do, wraps a value holding a comma in double quotes so no reader can take the comma for a
 * delimiter.
 */
function cell(value: string | undefined): string {
  if (!value) return '';
  const text = isCleanIifText(value) ? value : cleanIifText(value).text;
  return text.includes(',') ? `"${text}"` : text;
}

function row(keyword: string, values: (string | undefined)[]): string {
  let line = keyword;
  for (const v of values) line += '\t' + cell(v);
  return line + CRLF;
}

const salesForm = (t: Transaction) => t.type === 'INVOICE' || t.type === 'CREDIT MEMO' || t.type === 'CASH SALE';
const yn = (b: boolean | undefined) => (b === undefined ? '' : b ? 'Y' : 'N');

// Values we generate ourselves (types, dates, amounts, Y/N flags) are already IIF-safe and go
// in as they are; everything that comes from Keap or the profile passes through `cell`.
function trnsRow(t: Transaction, date: string = formatIifDate(t.date)): string {
  const addr = t.address ?? NO_ADDRESS;
  // In TRNS_COLUMNS order.
  return (
    'TRNS\t\t' + t.type + '\t' + date + '\t' + cell(t.account) + '\t' + cell(t.name) + '\t' + cell(t.class) + '\t' +
    formatCentsPlain(t.amount) + '\t' + cell(t.docNum) + '\t' + cell(t.memo) + '\tN\t' +
    (t.toPrint === undefined ? '' : yn(t.toPrint)) + '\t' + (salesForm(t) ? yn(t.isTaxable ?? false) : '') + '\t' +
    cell(addr[0]) + '\t' + cell(addr[1]) + '\t' + cell(addr[2]) + '\t' + cell(addr[3]) + '\t' + cell(addr[4]) + '\t' +
    (t.dueDate ? formatIifDate(t.dueDate) : '') + '\t' + cell(t.terms) + '\t' + (t.type === 'CASH SALE' ? cell(t.payMethod) : '') + CRLF
  );
}

function splRow(t: Transaction, s: Split, date: string = formatIifDate(t.date)): string {
  // In SPL_COLUMNS order.
  return (
    'SPL\t\t' + t.type + '\t' + date + '\t' + cell(s.account) + '\t' + cell(s.name) + '\t' + cell(s.class) + '\t' +
    formatCentsPlain(s.amount) + '\t\t' + cell(s.memo) + '\tN\t' + (s.qty ? formatDecimal(s.qty) : '') + '\t' +
    (s.rate !== undefined ? cell(s.rate) : s.price ? formatPrice(s.price) : '') + '\t' + cell(s.item) + '\t' + cell(s.payMethod) + '\t' +
    (s.item ? yn(s.taxable ?? false) : '') + '\t' + cell(s.extra) + CRLF
  );
}

const NO_ADDRESS: readonly string[] = [];
const END_ROW = 'ENDTRNS' + CRLF;

/** Writes the list sections (only the non-empty ones). */
export function writeLists(ledger: Ledger): string[] {
  const out: string[] = [];
  if (ledger.accounts.length > 0) {
    out.push(['!ACCNT', 'NAME', 'ACCNTTYPE', 'DESC', 'EXTRA'].join('\t') + CRLF);
    for (const a of ledger.accounts) out.push(row('ACCNT', [a.name, a.type, a.desc, a.extra]));
  }
  if (ledger.vendors.length > 0) {
    out.push(['!VEND', 'NAME'].join('\t') + CRLF);
    for (const v of ledger.vendors) out.push(row('VEND', [v]));
  }
  if (ledger.items.length > 0) {
    out.push(['!INVITEM', 'NAME', 'INVITEMTYPE', 'DESC', 'ACCNT', 'PRICE', 'TAXABLE', 'TAXVEND'].join('\t') + CRLF);
    for (const i of ledger.items) out.push(row('INVITEM', [i.name, i.type, i.desc, i.account, i.price, yn(i.taxable ?? false), i.taxVendor]));
  }
  if (ledger.paymentMethods.length > 0) {
    out.push(['!PAYMETH', 'NAME'].join('\t') + CRLF);
    for (const p of ledger.paymentMethods) out.push(row('PAYMETH', [p]));
  }
  if (ledger.classes.length > 0) {
    out.push(['!CLASS', 'NAME'].join('\t') + CRLF);
    for (const c of ledger.classes) out.push(row('CLASS', [c]));
  }
  if (ledger.customers.length > 0) {
    out.push(['!CUST', 'NAME', 'BADDR1', 'BADDR2', 'BADDR3', 'BADDR4', 'BADDR5', 'EMAIL', 'PHONE1', 'FIRSTNAME', 'LASTNAME', 'COMPANYNAME'].join('\t') + CRLF);
    for (const c of ledger.customers) {
      const b = c.billTo;
      out.push(row('CUST', [c.name, b[0], b[1], b[2], b[3], b[4], c.email, c.phone, c.firstName, c.lastName, c.company]));
    }
  }
  return out;
}

/** One transaction's rows: TRNS, its SPL rows and ENDTRNS. */
export function transactionText(t: Transaction): string {
  const date = formatIifDate(t.date);
  let text = trnsRow(t, date);
  for (const s of t.splits) text += splRow(t, s, date);
  return text + END_ROW;
}

/** The three header rows that open the transactions section. */
export const TRANSACTION_HEADER = ['!TRNS', ...TRNS_COLUMNS].join('\t') + CRLF + ['!SPL', ...SPL_COLUMNS].join('\t') + CRLF + '!ENDTRNS' + CRLF;

/** Writes the whole file as chunks of text (join them, or use them as Blob parts). */
export function writeIif(ledger: Ledger, chunkTransactions = 600): string[] {
  const chunks: string[] = [];
  let buf: string[] = writeLists(ledger);
  const flush = () => {
    if (buf.length > 0) chunks.push(buf.join(''));
    buf = [];
  };
  flush();
  if (ledger.transactions.length > 0) {
    buf.push(TRANSACTION_HEADER);
    for (const t of ledger.transactions) {
      buf.push(transactionText(t));
      if (buf.length >= chunkTransactions) flush();
    }
  }
  flush();
  return chunks;
}
