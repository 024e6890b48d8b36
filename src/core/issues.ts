/**
 * One record type for every problem the converter finds. Every stage returns its issues as
 * data (never throws for bad input), so the user sees all problems of a run at once.
 * `row` is the spreadsheet row: the header is row 1, the first data row is row 2.
 */

export type Severity = 'error' | 'warning' | 'info';

export const ISSUE_CODES = {
  // whole files
  'file.empty': 'The file is empty.',
  'file.header-only': 'The file has a header row but no data rows.',
  'file.binary': 'The file is not a CSV text file.',
  'file.unknown-kind': 'The columns do not match any Keap export we know.',
  'file.missing-column': 'A column the converter needs is missing.',
  'file.ambiguous-column': 'Two columns could mean the same thing.',
  'file.duplicate-header': 'Two columns have the same name.',
  'file.encoding-fallback': 'The file is not UTF-8; it was read as Windows-1252.',
  'file.nul-bytes': 'The file holds NUL bytes.',
  'file.too-large-field': 'A cell is far larger than any real export has.',
  'file.duplicate': 'The same file was added twice.',
  // CSV shape
  'csv.quotes': 'A quoted cell is not closed.',
  'csv.ragged-row': 'The row has a different number of cells from the header.',
  // IIF files (QuickBooks list exports; our own output read back): codes of their own, since
  // a line of an IIF file is not a CSV row and its fixes differ
  'iif.empty': 'The IIF file is empty.',
  'iif.binary': 'The file is not an IIF text file.',
  'iif.unclosed-quote': 'A quoted IIF value is not closed.',
  'iif.no-keyword': 'An IIF line has no keyword in its first cell.',
  'iif.no-header': 'An IIF row comes before any !KEYWORD header row naming its columns.',
  'iif.extra-values': 'An IIF row has more values than its header has columns.',
  'iif.no-endtrns': 'An IIF transaction has no ENDTRNS row.',
  'iif.spl-outside-transaction': 'An SPL row stands outside a transaction.',
  'iif.endtrns-without-trns': 'An ENDTRNS row has no TRNS row before it.',
  // values
  'amount.invalid': 'The amount is not a number.',
  'amount.precision': 'The amount has more than two decimals.',
  'amount.decimal-comma': 'The amount uses a decimal comma.',
  'amount.missing': 'The amount is empty.',
  'price.rounded': 'The unit price has more than two decimals; the line amount was rounded to the cent.',
  'qty.invalid': 'The quantity is not a number.',
  'qty.zero': 'The quantity is zero.',
  'date.invalid': 'The date is not a date.',
  'date.impossible': 'The date does not exist in the calendar.',
  'date.two-digit-year': 'The year has two digits.',
  'date.missing': 'The date is empty.',
  'id.missing': 'The id is empty.',
  'item-type.unknown': 'The Keap item type is not one we know.',
  // rows and joins
  'row.duplicate': 'The same record appears more than once; it was counted once.',
  'row.conflict': 'The same id appears twice with different contents.',
  'order.no-lines': 'The order has no line items.',
  'order.total-mismatch': 'The order lines do not add up to the order total.',
  'order.unpaid': 'The order has no successful payment.',
  'order.no-line-detail': 'The file has no line detail for the order.',
  'order.mixed-signs': 'The order has both sales and returns.',
  'payment.no-invoice': 'The payment refers to an invoice that is not in the files.',
  'payment.zero': 'The payment amount is zero.',
  'payment.pay-type-unmapped': 'The pay type is not mapped.',
  'payment.ignored': 'The pay type is set to be ignored.',
  'refund.exceeds-paid': 'The refund is larger than what was paid on the invoice.',
  'refund.unpaired': 'A Refund has no matching Credit (or a Credit no Refund).',
  'contact.missing': 'The contact is not in the contacts file.',
  'customer.renamed': 'The customer name was changed for QuickBooks.',
  'customer.duplicate-name': 'Two Keap contacts have the same name.',
  'customer.matched': 'The Keap contact is written as a customer QuickBooks already has.',
  'customer.match-suggested': 'The Keap contact may be a customer QuickBooks already has; accept or reject the suggestion.',
  'customer.match-stale': 'A saved customer match names a customer the QuickBooks lists no longer have.',
  'product.unmapped': 'The product has no QuickBooks item.',
  'range.outside': 'The record is outside the chosen date range.',
  'history.already-exported': 'The record was in an earlier export.',
  // Keap Payments deposits
  'deposit.fee-exceeds-amount': 'A payment\'s fee is larger than the payment.',
  'deposit.net-mismatch': 'A row\'s net is not its amount less its fee.',
  'deposit.payment-id-missing': 'A payment in a deposit has no payment id.',
  'deposit.conflict': 'The same deposit is in two files with different contents.',
  'deposit.before-payment': 'The deposit is dated before a payment in it.',
  'deposit.no-date': 'The deposit\'s date is not known.',
  'deposit.total-mismatch': 'The deposit\'s rows do not add up to the total stated for it.',
  'deposit.not-paid': 'The deposits list shows a deposit that is not paid yet.',
  'deposit.unknown-row': 'A row of a deposit is neither a payment, a refund nor a fee.',
  'deposit.payment-missing': 'A deposited payment is neither in this conversion nor in the export history.',
  'deposit.incomplete': 'Some rows of the deposit could not be read.',
  'deposit.pay-type-not-cleared': 'A deposited payment has a pay type that does not go through Keap Payments.',
  'deposit.not-tied': 'A deposited payment could not be matched to one payment of the payments export.',
  'deposit.list-unmatched': 'A deposits list row matches no deposit file.',
  // QuickBooks names and values
  'name.too-long': 'A name is longer than QuickBooks allows.',
  'name.invalid': 'A name holds characters QuickBooks cannot take.',
  'name.parent-type-mismatch': 'A sub-entry has a different type from its parent.',
  'text.replaced': 'Characters QuickBooks cannot take were replaced.',
  'text.truncated': 'A text was shortened to the length QuickBooks allows.',
  'docnum.too-long': 'The document number is longer than QuickBooks allows.',
  'mapping.invalid': 'The mapping profile has a problem.',
  'txn.unbalanced': 'The transaction does not balance.',
  'qb.not-in-lists': 'The name is not in the QuickBooks lists.',
  'qb.type-mismatch': 'The name has the wrong type in QuickBooks.',
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;

export interface Issue {
  code: IssueCode;
  severity: Severity;
  /** File name as the user added it. */
  file?: string;
  /** Spreadsheet row (header = 1). */
  row?: number;
  /** Column header as written in the file. */
  column?: string;
  /** The raw cell value, for showing "raw -> interpreted". */
  raw?: string;
  /** Plain English for the user: what, where, why, and how to fix it. */
  message: string;
  /** For developers. */
  detail?: string;
}

export function issue(code: IssueCode, severity: Severity, message: string, where: Partial<Issue> = {}): Issue {
  return { code, severity, message, ...where };
}

/** Describes where a problem is, e.g. `orders.csv, row 12, column "Qty"`. */
export function describeLocation(i: Pick<Issue, 'file' | 'row' | 'column'>): string {
  const parts: string[] = [];
  if (i.file) parts.push(i.file);
  if (i.row !== undefined) parts.push(`row ${i.row}`);
  if (i.column) parts.push(`column "${i.column}"`);
  return parts.join(', ');
}

/** Shortens a raw value for a message so a 10 MB cell cannot flood the screen. */
export function quoteRaw(raw: string, max = 60): string {
  const oneLine = raw.replace(/[\r\n\t]+/g, ' ');
  return `"${oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine}"`;
}

/** Appends one list to another without spreading it into arguments (which overflows the stack past ~100k items). */
export function appendAll<T>(target: T[], source: readonly T[]): void {
  for (let i = 0; i < source.length; i++) target.push(source[i]!);
}
