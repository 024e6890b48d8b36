/**
 * Raw CSV records -> typed Keap records, one kind per file. Each cell is validated
 * (money to cents, dates to calendar dates, quantities exactly); a row with an error is set
 * aside with an issue naming file, row and column, never dropped silently and never read as 0.
 */
import { parseDate, type IsoDate } from '../dates.ts';
import { issue, quoteRaw, type Issue } from '../issues.ts';
import {
  decimalFromInt,
  formatCentsPlain,
  multiplyToCents,
  parseCents,
  parseDecimal,
  type Cents,
  type Decimal,
} from '../money.ts';
import type {
  ContactDetails,
  FileKind,
  KeapContact,
  KeapInvoice,
  KeapOrder,
  KeapOrderItem,
  KeapPayPlan,
  KeapPayPlanItem,
  KeapPayment,
  KeapProduct,
  SourceRef,
} from './model.ts';
import { ownString, StringPool } from '../text/pool.ts';

import { MAX_CELL_LENGTH } from './cell-reader.ts';
import { itemTypeOf } from './kinds/item-types.ts';

export type KeapRecord =
  | KeapOrderItem
  | KeapOrder
  | KeapInvoice
  | KeapPayment
  | KeapPayPlan
  | KeapPayPlanItem
  | KeapContact
  | KeapProduct;

const NO_ISSUES: Issue[] = [];
/** Shared by every order row without product names. */
const NO_NAMES: readonly string[] = Object.freeze([]);

/** Reads one record's cells by field name, collecting issues with the right file, row and column. */
class RowReader {
  /** Made only when a row has a problem: most rows have none, and there are millions of rows. */
  issues: Issue[] = NO_ISSUES;
  hasError = false;

  constructor(
    private readonly cells: readonly string[],
    private readonly columns: Record<string, number>,
    private readonly headers: readonly string[],
    readonly src: SourceRef,
    /** Shares repeated values (dates, names, ids) between the rows of a file. */
    private readonly pool: StringPool,
  ) {}

  private add(i: Issue): void {
    if (this.issues === NO_ISSUES) this.issues = [];
    this.issues.push(i);
  }

  private where(field: string, raw?: string): Partial<Issue> {
    const col = this.columns[field];
    return {
      file: this.src.file,
      row: this.src.row,
      column: col === undefined ? field : (this.headers[col] ?? field),
      ...(raw === undefined ? {} : { raw: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw }),
    };
  }

  private fail(code: Issue['code'], field: string, message: string, raw?: string): void {
    this.hasError = true;
    this.add(issue(code, 'error', message, this.where(field, raw)));
  }

  warn(code: Issue['code'], field: string, message: string, raw?: string): void {
    this.add(issue(code, 'warning', message, this.where(field, raw)));
  }

  hasColumn(field: string): boolean {
    return this.columns[field] !== undefined;
  }

  columnName(field: string): string {
    const col = this.columns[field];
    return col === undefined ? field : (this.headers[col] ?? field);
  }

  /** The trimmed text of a field ('' when the file has no such column). */
  text(field: string): string {
    const col = this.columns[field];
    if (col === undefined) return '';
    const v = this.cells[col] ?? '';
    if (v.length > MAX_CELL_LENGTH) {
      this.fail('file.too-large-field', field, `The cell in column "${this.columnName(field)}" holds ${v.length.toLocaleString('en-US')} characters, far more than any Keap value; the row was set aside. Check the file for a broken quote.`);
      return '';
    }
    const t = v.trim();
    // Excel keeps leading zeros and long ids as text by writing ="00123"; unwrap it.
    return t.length > 3 && t.startsWith('="') && t.endsWith('"') ? t.slice(2, -1).replace(/""/g, '"') : t;
  }

  /** The text of a field to keep in a record: its own copy, never a slice of the file. */
  kept(field: string): string {
    return ownString(this.text(field));
  }

  /** The text of a field whose values repeat from row to row (names, types, states): one shared copy. */
  pooled(field: string): string {
    return this.pool.get(this.text(field));
  }

  /** One shared copy of a value that repeats from row to row. */
  intern(value: string): string {
    return this.pool.get(value);
  }

  /** An id; `shared` for ids that come on many rows (an order's lines, a contact's invoices). */
  id(field: string, required: boolean, shared = false): string {
    let v = this.text(field);
    // Spreadsheets turn 1001 into 1001.0 or 1,001; an id is an id.
    if (/^\d+\.0+$/.test(v)) v = v.replace(/\.0+$/, '');
    if (/^\d{1,3}(,\d{3})+$/.test(v)) v = v.replace(/,/g, '');
    if (required && v === '') this.fail('id.missing', field, `The ${this.columnName(field)} is empty, so this row cannot be linked to anything. Fill it in or remove the row.`);
    return shared ? this.pool.get(v) : ownString(v);
  }

  date(field: string, required: boolean): IsoDate | '' {
    const raw = this.text(field);
    if (raw === '') {
      if (required) this.fail('date.missing', field, `The date in column "${this.columnName(field)}" is empty. Fill in the date (for example 03/15/2024).`);
      return '';
    }
    const r = parseDate(raw);
    if (!r.ok) {
      if (r.reason === 'impossible') {
        this.fail('date.impossible', field, `${quoteRaw(raw)} is not a real calendar date. Correct the date (month/day/year) and try again.`, raw);
      } else {
        this.fail('date.invalid', field, `${quoteRaw(raw)} is not a date we can read. Use month/day/year (03/15/2024) or year-month-day (2024-03-15).`, raw);
      }
      return '';
    }
    if (r.twoDigitYear) {
      this.warn('date.two-digit-year', field, `${quoteRaw(raw)} has a two-digit year; it was read as ${r.date.slice(0, 4)}. Check that this is right.`, raw);
    }
    return this.pool.get(r.date);
  }

  money(field: string, required: boolean): Cents | null {
    const raw = this.text(field);
    if (raw === '') {
      if (required) this.fail('amount.missing', field, `The amount in column "${this.columnName(field)}" is empty. Fill in the amount (0.00 if none).`);
      return null;
    }
    const r = parseCents(raw);
    if (r.ok) return r.cents;
    if (r.reason === 'precision') {
      this.fail('amount.precision', field, `${quoteRaw(raw)} has more than two decimals; money amounts must be whole cents. Round it in Keap or the spreadsheet.`, raw);
    } else if (r.reason === 'decimal-comma') {
      this.fail('amount.decimal-comma', field, `${quoteRaw(raw)} uses a comma as the decimal mark. Save the export with a period as the decimal mark (12.50).`, raw);
    } else {
      this.fail('amount.invalid', field, `${quoteRaw(raw)} is not an amount of money. Expected something like 1234.56 or $1,234.56.`, raw);
    }
    return null;
  }

  decimal(field: string, code: 'qty.invalid' | 'amount.invalid', what: string): Decimal | null {
    const raw = this.text(field);
    const r = parseDecimal(raw);
    if (r.ok) return r.value;
    if (raw === '') {
      this.fail(code, field, `The ${what} in column "${this.columnName(field)}" is empty.`);
    } else {
      this.fail(code, field, `${quoteRaw(raw)} is not a valid ${what}.`, raw);
    }
    return null;
  }
}

function readOrderItem(r: RowReader): KeapOrderItem | null {
  const orderId = r.id('orderId', true, true);
  const name = r.pooled('itemName');
  const typeRaw = r.text('itemType');
  let itemType = 4;
  if (typeRaw !== '') {
    const n = itemTypeOf(typeRaw);
    if (n === null) {
      r.warn('item-type.unknown', 'itemType', `Item type ${quoteRaw(typeRaw)} is not a Keap item type; the line was treated as a product.`, typeRaw);
    } else itemType = n;
  }
  const qty = r.decimal('qty', 'qty.invalid', 'quantity') ?? decimalFromInt(0);
  const unitPrice = r.decimal('pricePerUnit', 'amount.invalid', 'unit price');
  if (unitPrice === null) return null;
  if (qty.units === 0n && !r.hasError) {
    r.warn('qty.zero', 'qty', `The quantity is 0, so the line adds nothing to the order; it was kept as a zero line.`);
  }
  const { cents, rounded } = multiplyToCents(qty, unitPrice);
  if (rounded) {
    r.warn('price.rounded', 'pricePerUnit', `The unit price has more than two decimals; ${r.text('qty')} x ${r.text('pricePerUnit')} was rounded half away from zero to ${formatCentsPlain(cents)}.`);
  }
  if (r.hasError) return null;
  const itemId = r.id('itemId', false);
  return {
    src: r.src,
    ...(itemId ? { itemId } : {}),
    orderId,
    productId: r.id('productId', false, true),
    itemType,
    name: name || (itemType === 6 ? 'Finance charge' : itemType === 2 ? 'Sales Tax' : ''),
    description: r.pooled('itemDescription'),
    qty,
    unitPrice,
    amount: cents,
    notes: r.kept('notes'),
  };
}

function readContactDetails(r: RowReader): ContactDetails {
  return {
    firstName: r.pooled('firstName'),
    lastName: r.pooled('lastName'),
    company: r.kept('company'),
    email: r.kept('email'),
    phone: r.kept('phone'),
    address1: r.kept('address1'),
    address2: r.kept('address2'),
    city: r.pooled('city'),
    state: r.pooled('state'),
    postalCode: r.pooled('postalCode'),
    country: r.pooled('country'),
  };
}

/** Shared by every order and invoice row without contact columns (most of them, in large files). */
const NO_CONTACT: Readonly<ContactDetails> = Object.freeze({
  firstName: '', lastName: '', company: '', email: '', phone: '', address1: '', address2: '', city: '', state: '', postalCode: '', country: '',
});

function isEmptyContact(c: ContactDetails): boolean {
  // Once per invoice or order row: a loop, not an array of the values each time.
  for (const key in c) if (c[key as keyof ContactDetails] !== '') return false;
  return true;
}

/** Contact details, taking a single "Name" column apart when there are no first/last columns. */
function readInlineContact(r: RowReader): ContactDetails {
  const contact = readContactDetails(r);
  const full = r.kept('contactName');
  if (!contact.firstName && !contact.lastName && full) {
    const comma = full.indexOf(',');
    if (comma > 0) {
      // "Last, First"
      contact.lastName = full.slice(0, comma).trim();
      contact.firstName = full.slice(comma + 1).trim();
    } else {
      const parts = full.split(/\s+/);
      contact.lastName = parts.length > 1 ? parts.pop()! : '';
      contact.firstName = parts.join(' ');
    }
  }
  return isEmptyContact(contact) ? NO_CONTACT : contact;
}

function readOrder(r: RowReader): KeapOrder | null {
  const date = r.date('orderDate', true);
  const total = r.money('orderTotal', true);
  const names = r.text('productNames');
  const contact = readInlineContact(r);
  if (r.hasError) return null;
  return {
    src: r.src,
    orderId: r.id('orderId', false),
    invoiceId: r.id('invoiceId', false),
    contactId: r.id('contactId', false, true),
    date: date as IsoDate,
    total,
    productNames: names === '' ? NO_NAMES : names.split(/\s*[;|]\s*|\s*\n\s*/).filter((n) => n !== '').map((n) => r.intern(n)),
    title: r.kept('orderTitle'),
    promoCode: r.pooled('promoCode'),
    contact,
  };
}

function readInvoice(r: RowReader): KeapInvoice | null {
  const invoiceId = r.id('invoiceId', true);
  const date = r.date('date', true);
  const total = r.money('total', true);
  const totalPaid = r.money('totalPaid', false);
  const totalDue = r.money('totalDue', false);
  if (r.hasError) return null;
  const orderId = r.id('orderId', false);
  return {
    src: r.src,
    invoiceId,
    // Keap's invoice and order ids are mostly the same number: keep one string for both.
    orderId: orderId === invoiceId ? invoiceId : orderId,
    contactId: r.id('contactId', false, true),
    date: date as IsoDate,
    total,
    totalPaid,
    totalDue,
    payPlanStatus: r.pooled('payPlanStatus'),
    description: r.pooled('description'),
    contact: readInlineContact(r),
  };
}

function readPayment(r: RowReader): KeapPayment | null {
  const invoiceId = r.id('invoiceId', true);
  const date = r.date('date', true);
  const payType = r.pooled('payType');
  if (payType === '' && r.hasColumn('payType')) r.warn('payment.pay-type-unmapped', 'payType', 'The pay type is empty; the row was treated by the sign of its amount (money in when positive, a refund when negative).');
  const amount = r.money('amount', true);
  if (r.hasError || amount === null) return null;
  return {
    src: r.src,
    paymentId: r.id('paymentId', false),
    invoiceId,
    contactId: r.id('contactId', false, true),
    date: date as IsoDate,
    payType,
    amount,
    note: r.kept('note'),
  };
}

function readPayPlan(r: RowReader): KeapPayPlan | null {
  const payPlanId = r.id('payPlanId', true);
  const invoiceId = r.id('invoiceId', true);
  const startDate = r.date('startDate', false);
  const firstPayAmt = r.money('firstPayAmt', false);
  if (r.hasError) return null;
  return { src: r.src, payPlanId, invoiceId, startDate, firstPayAmt };
}

function readPayPlanItem(r: RowReader): KeapPayPlanItem | null {
  const payPlanId = r.id('payPlanId', true, true);
  const dueDate = r.date('dueDate', true);
  const amountDue = r.money('amountDue', true);
  if (r.hasError || amountDue === null) return null;
  return { src: r.src, payPlanId, dueDate: dueDate as IsoDate, amountDue };
}

function readContact(r: RowReader): KeapContact | null {
  const contactId = r.id('contactId', true);
  const details = readInlineContact(r);
  if (r.hasError) return null;
  return { src: r.src, contactId, ...details };
}

function readProduct(r: RowReader): KeapProduct | null {
  const name = r.kept('name');
  if (name === '') r.warn('id.missing', 'name', 'The product name is empty; the row was skipped as a product definition.');
  const price = r.money('price', false);
  if (r.hasError || name === '') return null;
  return { src: r.src, productId: r.id('productId', false), name, sku: r.kept('sku'), price };
}

const READERS: Record<FileKind, (r: RowReader) => KeapRecord | null> = {
  orderItems: readOrderItem,
  orders: readOrder,
  invoices: readInvoice,
  payments: readPayment,
  payPlans: readPayPlan,
  payPlanItems: readPayPlanItem,
  contacts: readContact,
  products: readProduct,
};

/** Reads one data row of a file of the given kind. */
export function readRecord(
  kind: FileKind,
  cells: readonly string[],
  columns: Record<string, number>,
  headers: readonly string[],
  src: SourceRef,
  pool: StringPool = new StringPool(),
): { record: KeapRecord | null; issues: Issue[] } {
  const reader = new RowReader(cells, columns, headers, src, pool);
  const record = READERS[kind](reader);
  return { record: reader.hasError ? null : record, issues: reader.issues };
}

/** The date a record is about (for a file's date range). */
export function recordDate(kind: FileKind, rec: KeapRecord): IsoDate | '' {
  if (kind === 'orders') return (rec as KeapOrder).date;
  if (kind === 'invoices') return (rec as KeapInvoice).date;
  if (kind === 'payments') return (rec as KeapPayment).date;
  if (kind === 'payPlanItems') return (rec as KeapPayPlanItem).dueDate;
  return '';
}
