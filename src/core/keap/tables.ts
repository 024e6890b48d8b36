/**
 * What the reader hands the build: every Keap row that survived reading and merging, one table
 * per kind of export, read by row number through accessors. Behind the accessors the rows are
 * typed columns (ids as numbers, money as integer cents, dates as day numbers, text in a pool):
 * the reader and its storage own that layout, the accounting rules only call these methods.
 * Rows are numbered 0..count-1 in the order the build should meet them (an order's lines next
 * to each other, files in the order they were added).
 */
import type { Day } from '../dates.ts';
import type { Cents, Decimal } from '../money.ts';
import type { ContactDetails, SourceRef } from './model.ts';

/** Where a row came from: the file (index in KeapTables.files) and its spreadsheet row (header = 1). */
export interface RowSources {
  readonly count: number;
  /** Index of the row's file in `KeapTables.files`. */
  fileIndex(i: number): number;
  /** Spreadsheet row (header = 1). */
  sheetRow(i: number): number;
}

export interface OrderItemRows extends RowSources {
  /** Keap's own id of the line (OrderItem.Id); '' when the export has none. */
  itemId(i: number): string;
  orderId(i: number): string;
  productId(i: number): string;
  /** Keap's item type code (OrderItem.ItemType); 4 (product) when the file has no type. */
  itemType(i: number): number;
  name(i: number): string;
  description(i: number): string;
  notes(i: number): string;
  qty(i: number): Decimal;
  unitPrice(i: number): Decimal;
  /** qty x unitPrice, rounded half away from zero to the cent. */
  amount(i: number): Cents;
}

export interface OrderRows extends RowSources {
  /** '' when the export has no id column (the order is then known only by its row). */
  orderId(i: number): string;
  invoiceId(i: number): string;
  contactId(i: number): string;
  date(i: number): Day;
  /** NaN when the cell was empty. */
  total(i: number): Cents;
  productNames(i: number): readonly string[];
  title(i: number): string;
  promoCode(i: number): string;
  /** Contact details on the order row itself (the Orders report has them); all '' when none. */
  contact(i: number): ContactDetails;
}

export interface InvoiceRows extends RowSources {
  invoiceId(i: number): string;
  orderId(i: number): string;
  contactId(i: number): string;
  date(i: number): Day;
  /** NaN when empty. */
  total(i: number): Cents;
  totalPaid(i: number): Cents;
  totalDue(i: number): Cents;
  payPlanStatus(i: number): string;
  description(i: number): string;
  contact(i: number): ContactDetails;
}

export interface PaymentRows extends RowSources {
  paymentId(i: number): string;
  invoiceId(i: number): string;
  contactId(i: number): string;
  date(i: number): Day;
  payType(i: number): string;
  amount(i: number): Cents;
  note(i: number): string;
}

export interface PayPlanRows extends RowSources {
  payPlanId(i: number): string;
  invoiceId(i: number): string;
  /** NO_DAY when empty. */
  startDate(i: number): Day;
  /** NaN when empty. */
  firstPayAmt(i: number): Cents;
}

export interface PayPlanItemRows extends RowSources {
  payPlanId(i: number): string;
  dueDate(i: number): Day;
  amountDue(i: number): Cents;
}

export interface ContactRows extends RowSources {
  contactId(i: number): string;
  contact(i: number): ContactDetails;
}

export interface ProductRows extends RowSources {
  productId(i: number): string;
  name(i: number): string;
  sku(i: number): string;
  /** NaN when empty. */
  price(i: number): Cents;
}

/**
 * Rows of Keap Payments deposits. A row with a deposit id belongs to that deposit; a file
 * without the column is one deposit. Money is NaN where a cell was empty.
 */
export interface DepositRows extends RowSources {
  /** '' when the file has no deposit id column. */
  depositId(i: number): string;
  /** The deposit's date when the file has a column for it; NO_DAY otherwise. */
  depositDate(i: number): Day;
  /** The date the payment was created (NO_DAY when empty: a fee row). */
  date(i: number): Day;
  /** Keap's "Type of Transaction" ('' when none). */
  type(i: number): string;
  paymentId(i: number): string;
  /** The payment's gross amount; negative for a refund or chargeback. */
  amount(i: number): Cents;
  fee(i: number): Cents;
  net(i: number): Cents;
  customer(i: number): string;
  email(i: number): string;
  /** The deposit's total as the file states it on the row (NaN when none). */
  depositAmount(i: number): Cents;
  /** A cell of the row could not be read (its problem is listed): the deposit cannot be written. */
  unreadable(i: number): boolean;
  /** Some rows of the file could not be read at all: none of its deposits is complete. */
  incompleteFile(fileIndex: number): boolean;
}

/** The deposits list: one row per deposit (payout) with its date, status, amount and method. */
export interface DepositListRows extends RowSources {
  depositId(i: number): string;
  date(i: number): Day;
  status(i: number): string;
  amount(i: number): Cents;
  method(i: number): string;
}

/** Every kind's rows after reading and merging (duplicates counted once, conflicts set aside). */
export interface KeapTables {
  /** File names, by file index (as the user added them, made unique). */
  files: readonly string[];
  orderItems: OrderItemRows;
  orders: OrderRows;
  invoices: InvoiceRows;
  payments: PaymentRows;
  payPlans: PayPlanRows;
  payPlanItems: PayPlanItemRows;
  contacts: ContactRows;
  products: ProductRows;
  deposits: DepositRows;
  depositList: DepositListRows;
}

/** Row i of a table as a SourceRef (for problems and set-asides). */
export function sourceOf(tables: Pick<KeapTables, 'files'>, rows: RowSources, i: number): SourceRef {
  return { file: tables.files[rows.fileIndex(i)] ?? '', row: rows.sheetRow(i) };
}


/** One file after reading: its report (counts completed by the conversion) and its rows set aside or repeated. */
export interface FileRead {
  report: import('../report.ts').FileReport;
  /** Spreadsheet rows set aside while reading or merging (bad cells, ragged rows, conflicts). */
  setAsideRows: Set<number>;
  /** Spreadsheet rows counted once because they repeat a row already read (same id, same content). */
  duplicateRows: number[];
}

/** The reading stage's result: what the build reads, per-file reads, and every problem found so far. */
export interface ReadStage {
  tables: KeapTables;
  /** In the order the files were given. */
  files: FileRead[];
  issues: import('../issues.ts').Issue[];
}
