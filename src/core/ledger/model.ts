/**
 * The ledger model between Keap records and IIF text: QuickBooks transactions with their
 * split lines, plus the list entries (accounts, items, customers...) they refer to.
 * Amounts follow IIF's sign rule: debits positive, credits negative; every transaction's
 * header amount plus its splits sums to exactly zero.
 */
import type { Cents, Decimal } from '../money.ts';
import type { IsoDate } from '../dates.ts';
import type { SourceRef } from '../keap/model.ts';
import type { AccountType, ItemType } from '../profile/types.ts';

export type TxnType = 'INVOICE' | 'PAYMENT' | 'CREDIT MEMO' | 'CHECK' | 'CASH SALE';
export const TXN_TYPES: TxnType[] = ['INVOICE', 'CASH SALE', 'PAYMENT', 'CREDIT MEMO', 'CHECK'];
/** Order of the types within one day in the written file. */
export const TXN_TYPE_ORDER: Record<TxnType, number> = { INVOICE: 0, 'CASH SALE': 1, 'CREDIT MEMO': 2, PAYMENT: 3, CHECK: 4 };

/** What a transaction stands for in Keap terms (used for totals, history and review). */
export type TxnRole = 'invoice' | 'return' | 'cashSale' | 'payment' | 'refund' | 'credit' | 'writeOff';

export const TXN_ROLE_LABELS: Record<TxnRole, string> = {
  invoice: 'Invoice',
  return: 'Return (credit memo)',
  cashSale: 'Cash sale',
  payment: 'Payment',
  refund: 'Refund (check)',
  credit: 'Credit (credit memo)',
  writeOff: 'Write-off (credit memo)',
};
/** Every role, in a fixed order (stored as an index in compact forms). */
export const TXN_ROLES = Object.keys(TXN_ROLE_LABELS) as TxnRole[];

export interface Split {
  account: string;
  name?: string;
  class?: string;
  amount: Cents;
  memo?: string;
  /** Signed like the amount on item lines. */
  qty?: Decimal;
  /** Unit price (positive), or a tax rate. */
  price?: Decimal;
  /** Tax rate text such as `6.5%` for the sales-tax line. */
  rate?: string;
  item?: string;
  taxable?: boolean;
  payMethod?: string;
  /** `AUTOSTAX` on the sales-tax line. */
  extra?: string;
}

export interface Transaction {
  /** Stable key of the Keap record(s) behind it, e.g. `invoice:1234`, `payment:5678`. */
  key: string;
  role: TxnRole;
  type: TxnType;
  date: IsoDate;
  account: string;
  name: string;
  class?: string;
  /** Header amount; the splits sum to its negation. */
  amount: Cents;
  docNum?: string;
  memo?: string;
  dueDate?: IsoDate;
  terms?: string;
  payMethod?: string;
  toPrint?: boolean;
  isTaxable?: boolean;
  address?: string[];
  splits: Split[];
  /** Keap rows this transaction was built from. */
  sources: SourceRef[];
  /** Keap ids (for the export history): e.g. `invoice:1234`, `payment:file#row`. */
  keapIds: string[];
}

export interface AccountDef {
  name: string;
  type: AccountType;
  extra?: 'UNDEPOSIT' | 'SALESTAX';
  desc?: string;
}

export interface ItemDef {
  name: string;
  type: ItemType;
  account: string;
  desc?: string;
  /** For COMPTAX: rate text like `6.5%`. */
  price?: string;
  taxable?: boolean;
  taxVendor?: string;
}

export interface CustomerDef {
  name: string;
  contactId: string;
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  phone: string;
  /** Bill-to address lines (at most five, each at most 41 characters). */
  billTo: string[];
}

export interface Ledger {
  accounts: AccountDef[];
  items: ItemDef[];
  vendors: string[];
  paymentMethods: string[];
  classes: string[];
  customers: CustomerDef[];
  transactions: Transaction[];
}

/**
 * Builds a transaction with every field present (undefined when absent). One object shape for
 * all transactions keeps V8 fast on the hundreds of thousands a large export makes; object
 * spreads with optional parts gave each a different shape.
 */
export function makeTransaction(f: Transaction): Transaction {
  return {
    key: f.key,
    role: f.role,
    type: f.type,
    date: f.date,
    account: f.account,
    name: f.name,
    class: f.class,
    amount: f.amount,
    docNum: f.docNum,
    memo: f.memo,
    dueDate: f.dueDate,
    terms: f.terms,
    payMethod: f.payMethod,
    toPrint: f.toPrint,
    isTaxable: f.isTaxable,
    address: f.address,
    splits: f.splits,
    sources: f.sources,
    keapIds: f.keapIds,
  };
}

/** Builds a split with every field present (see makeTransaction). */
export function makeSplit(f: Split): Split {
  return {
    account: f.account,
    name: f.name,
    class: f.class,
    amount: f.amount,
    memo: f.memo,
    qty: f.qty,
    price: f.price,
    rate: f.rate,
    item: f.item,
    taxable: f.taxable,
    payMethod: f.payMethod,
    extra: f.extra,
  };
}
