/**
 * The QuickBooks side of the model: transaction types and roles, and the list entries
 * (accounts, items, customers...) transactions refer to. The transactions themselves live in
 * the store (store.ts). Amounts follow IIF's sign rule: debits positive, credits negative;
 * every transaction's header amount plus its lines sums to exactly zero.
 */
import type { AccountType, ItemType } from '../profile/types.ts';

export type TxnType = 'INVOICE' | 'PAYMENT' | 'CREDIT MEMO' | 'CHECK' | 'CASH SALE' | 'DEPOSIT' | 'GENERAL JOURNAL';
/** Stored as an index into this list (store, review rows): new types go at the end. */
export const TXN_TYPES: TxnType[] = ['INVOICE', 'CASH SALE', 'PAYMENT', 'CREDIT MEMO', 'CHECK', 'DEPOSIT', 'GENERAL JOURNAL'];
/**
 * Order of the types within one day in the written file: a deposit comes after the payments
 * and refunds it moves, as an accountant would enter it.
 */
export const TXN_TYPE_ORDER: Record<TxnType, number> = { INVOICE: 0, 'CASH SALE': 1, 'CREDIT MEMO': 2, PAYMENT: 3, CHECK: 4, DEPOSIT: 5, 'GENERAL JOURNAL': 6 };

/** What a transaction stands for in Keap terms (used for totals, history and review). */
export type TxnRole = 'invoice' | 'return' | 'cashSale' | 'payment' | 'refund' | 'credit' | 'writeOff' | 'deposit';

export const TXN_ROLE_LABELS: Record<TxnRole, string> = {
  invoice: 'Invoice',
  return: 'Return (credit memo)',
  cashSale: 'Cash sale',
  payment: 'Payment',
  refund: 'Refund (check)',
  credit: 'Credit (credit memo)',
  writeOff: 'Write-off (credit memo)',
  deposit: 'Keap Payments deposit',
};
/** Every role, in a fixed order (stored as an index in compact forms). */
export const TXN_ROLES = Object.keys(TXN_ROLE_LABELS) as TxnRole[];

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

/** The list sections of a file: every name its transactions use that QuickBooks may lack. */
export interface ListSections {
  accounts: AccountDef[];
  items: ItemDef[];
  vendors: string[];
  paymentMethods: string[];
  classes: string[];
  customers: CustomerDef[];
}
