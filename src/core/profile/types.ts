/**
 * The mapping profile: everything the user (or their accountant) decides about how Keap data
 * becomes QuickBooks data. Plain JSON, the same file in the app (IndexedDB, export/import)
 * and on the command line (`--profile`).
 */
import type { IsoDate } from '../dates.ts';
import type { FileKind } from '../keap/model.ts';
import type { ItemRole } from '../keap/item-roles.ts';

export const PROFILE_FORMAT = 'keap2iif-profile';
export const PROFILE_VERSION = 1;

/** QuickBooks account types as IIF writes them (ACCNTTYPE). */
export const ACCOUNT_TYPES = [
  'AR', 'AP', 'BANK', 'CCARD', 'OCASSET', 'FIXASSET', 'OASSET', 'OCLIAB', 'LTLIAB',
  'EQUITY', 'INC', 'COGS', 'EXP', 'EXINC', 'EXEXP', 'NONPOSTING',
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ACCOUNT_TYPE_LABELS: Record<AccountType, string> = {
  AR: 'Accounts receivable', AP: 'Accounts payable', BANK: 'Bank', CCARD: 'Credit card',
  OCASSET: 'Other current asset', FIXASSET: 'Fixed asset', OASSET: 'Other asset',
  OCLIAB: 'Other current liability', LTLIAB: 'Long-term liability', EQUITY: 'Equity',
  INC: 'Income', COGS: 'Cost of goods sold', EXP: 'Expense', EXINC: 'Other income',
  EXEXP: 'Other expense', NONPOSTING: 'Non-posting',
};

/** Item types a product line may use (INVITEMTYPE). */
export const PRODUCT_ITEM_TYPES = ['SERV', 'PART', 'OTHC', 'INVENTORY'] as const;
export type ProductItemType = (typeof PRODUCT_ITEM_TYPES)[number];
export type ItemType = ProductItemType | 'DISC' | 'COMPTAX';

export interface ProductMapping {
  /** QuickBooks item name (segments of at most 31 characters, `Parent:Child`). */
  item: string;
  itemType: ProductItemType;
  /** Income account the item posts to. */
  account: string;
  /** Optional QuickBooks class for this product's lines. */
  class?: string;
}

export const PAY_TYPE_ACTIONS = ['payment', 'refund', 'credit', 'writeOff', 'ignore'] as const;
export type PayTypeAction = (typeof PAY_TYPE_ACTIONS)[number];

export interface PayTypeMapping {
  /** payment: money in; refund: money paid back; credit: balance reduction; writeOff: bad debt. */
  action: PayTypeAction;
  /** Where money in is deposited (payments) or paid from (refunds). Empty = the profile default. */
  account: string;
  /** QuickBooks payment method (PAYMETH) for payments. */
  paymentMethod: string;
}

export interface ItemTypeMapping {
  /** Keap's name for the type, for people reading the profile (not used by the converter). */
  label?: string;
  role: ItemRole;
}

export interface ProfileAccounts {
  /** Invoice debit account (TRNS of every invoice). */
  accountsReceivable: string;
  /** Default deposit account for payments (OCASSET, EXTRA UNDEPOSIT). */
  undepositedFunds: string;
  /** A/R account credited by money actually received (payments) and debited by refunds. */
  paymentCredit: string;
  /** A/R account credited by credits, comps, freebies and write-offs (credit memos). */
  creditCredit: string;
  /** Bank account refunds are paid from. */
  refundBank: string;
  /** Sales tax liability (OCLIAB, EXTRA SALESTAX). */
  salesTaxPayable: string;
  shippingIncome: string;
  discounts: string;
  financeCharges: string;
  /** Account a Keap `Credit` (comp, freebie, refund balance reduction) is booked against. */
  credits: string;
  /** Bad-debt expense account for write-offs. */
  writeOff: string;
  /** Income account for product lines whose product has no mapping of its own. */
  defaultIncome: string;
}

export interface ProfileItems {
  shipping: string;
  salesTax: string;
  financeCharge: string;
  discount: string;
  credit: string;
  writeOff: string;
  /** Item for order-level lines that hold several products (Orders report without line detail). */
  defaultProduct: string;
}

export interface ProfileTax {
  /** Tax agency (a vendor in QuickBooks), the NAME of the sales-tax line. */
  agency: string;
  /** Rate as text without `%`, e.g. `6.5`; empty when unknown (the line then carries no rate). */
  rate: string;
}

/**
 * Keap Payments deposits (used only when a deposit file is among the files converted). Payments
 * of the pay types that go through Keap Payments are written to a clearing account of bank type
 * instead of Undeposited Funds, and each deposit moves their net from it to the bank: an
 * imported DEPOSIT cannot clear payments sitting in Undeposited Funds, which would stay listed
 * in QuickBooks' Payments to Deposit.
 */
export interface ProfileDeposits {
  /** Bank-type account the Keap Payments payments land in until deposited. */
  clearingAccount: string;
  /** The bank account Keap Payments pays deposits into. */
  bankAccount: string;
  /** Expense account for processing fees and fees of the deposit itself. */
  feeAccount: string;
  /**
   * Keap pay types whose payments go through Keap Payments. Absent: the card pay types (names
   * starting "Credit Card").
   */
  payTypes?: string[];
}

export type InvoiceNumberSource = 'invoiceId' | 'orderId';
export type CustomerNameRule = 'company-or-person' | 'person' | 'last-first';

export interface ProfileOptions {
  /** Which Keap number becomes the QuickBooks invoice number (DOCNUM). */
  invoiceNumberSource: InvoiceNumberSource;
  /**
   * Which Keap id the payments export's "InvoiceId" column holds. Keap's invoice id and order
   * id match until orders are deleted; with an invoices export both are known and it bridges them.
   */
  paymentRefersTo: InvoiceNumberSource;
  customerName: CustomerNameRule;
  /** Inclusive date range to export; empty = no limit. */
  dateFrom: IsoDate | '';
  dateTo: IsoDate | '';
  /** Orders paid in full on the order date become a CASH SALE instead of INVOICE + PAYMENT. */
  cashSaleWhenPaidOnOrderDate: boolean;
  /** One QuickBooks class for every transaction line (a product's own class wins). */
  fileClass: string;
  /** Leave out orders with no successful payment (failed charges). */
  skipUnpaidOrders: boolean;
  /** Write `!CUST` rows (a CUST row overwrites an existing QuickBooks customer). */
  writeCustomers: boolean;
  writeAccounts: boolean;
  writeItems: boolean;
  /** Payment terms printed on invoices (TERMS), empty for none. */
  terms: string;
}

/** A user's answer for a file layout we could not recognise by itself. */
export interface ColumnMap {
  /** Normalised header row the map applies to (see `headerKey`). */
  headerKey: string;
  kind: FileKind;
  /** field -> header text as written in the file. */
  columns: Record<string, string>;
}

export interface QbAccount { name: string; type: string; extra: string; hidden: boolean }
export interface QbItem { name: string; type: string; account: string; hidden: boolean; taxVendor: string }
export interface QbNamed { name: string; hidden: boolean }
/**
 * A customer (or Customer:Job) of the list export. `email` is the EMAIL column, kept to match
 * Keap contacts by e-mail; absent when the cell is empty and in lists saved before it was read.
 */
export interface QbCustomer extends QbNamed { email?: string }

/** What the user's QuickBooks company file already holds (from its list export). */
export interface QbLists {
  sourceFile: string;
  accounts: QbAccount[];
  items: QbItem[];
  customers: QbCustomer[];
  vendors: QbNamed[];
  otherNames: QbNamed[];
  paymentMethods: QbNamed[];
  classes: QbNamed[];
}

export type CustomerMatchDecision = 'accepted' | 'rejected';

/** The user's answer about one Keap contact and an existing QuickBooks customer. */
export interface CustomerMatchChoice {
  /** The QuickBooks customer the answer is about, spelled as in the list export. */
  qbName: string;
  /**
   * accepted: the contact is written as `qbName`. rejected: the contact is a customer of its
   * own; it is neither matched nor suggested again (`qbName` keeps what was declined).
   */
  decision: CustomerMatchDecision;
}

export interface Profile {
  format: typeof PROFILE_FORMAT;
  version: typeof PROFILE_VERSION;
  name: string;
  accounts: ProfileAccounts;
  /** Account types of accounts that are not fixed by their role (product income accounts). */
  accountTypes: Record<string, AccountType>;
  items: ProfileItems;
  tax: ProfileTax;
  /** Keyed by the Keap product name as written in the export. */
  products: Record<string, ProductMapping>;
  /** Keyed by the Keap pay type as written in the export. */
  payTypes: Record<string, PayTypeMapping>;
  /** Keyed by the Keap order-item type code ("1" shipping, "2" tax, "4" product…). */
  itemTypes: Record<string, ItemTypeMapping>;
  options: ProfileOptions;
  /** Keap Payments deposits; profiles saved before deposits get the defaults. */
  deposits: ProfileDeposits;
  columnMaps: ColumnMap[];
  qbLists: QbLists | null;
  /**
   * Keyed by Keap contact id (the build's `name:` key for a contact known only by name).
   * Optional: profiles saved before customer matching have none.
   */
  customerMatches?: Record<string, CustomerMatchChoice>;
}
