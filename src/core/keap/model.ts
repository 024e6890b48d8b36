/**
 * What every part of the converter says about Keap's exports: where a row came from (file and
 * spreadsheet row, so each output line and each problem can be traced back to the row the user
 * sees in a spreadsheet), the kinds of export and their labels, Keap's item types, contact details.
 */

export interface SourceRef {
  file: string;
  /** Spreadsheet row, header = 1. */
  row: number;
}

export type FileKind =
  | 'orderItems'
  | 'orders'
  | 'invoices'
  | 'payments'
  | 'payPlans'
  | 'payPlanItems'
  | 'contacts'
  | 'products'
  | 'deposits'
  | 'depositList';

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  orderItems: 'Order items (line detail)',
  orders: 'Orders (order level)',
  invoices: 'Invoices',
  payments: 'Payments / transactions',
  payPlans: 'Payment plans',
  payPlanItems: 'Payment plan instalments',
  contacts: 'Contacts',
  products: 'Products',
  deposits: 'Keap Payments deposit',
  depositList: 'Keap Payments deposits list',
};

/** Keap order item types (OrderItem.ItemType). */
export const ITEM_TYPES: Record<number, string> = {
  0: 'Unknown / manual line',
  1: 'Shipping',
  2: 'Tax',
  3: 'Service & misc',
  4: 'Product',
  5: 'Upsell product',
  6: 'Finance charge',
  7: 'Special (discount)',
  8: 'Program',
  9: 'Subscription plan',
  10: 'Special: free trial days',
  11: 'Special: order total',
  12: 'Special: product',
  13: 'Special: category',
  14: 'Special: shipping',
};

export interface ContactDetails {
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  phone: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

