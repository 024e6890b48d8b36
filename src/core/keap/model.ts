/**
 * Typed Keap records, one interface per kind of export, after validation. Every record keeps
 * where it came from (file and spreadsheet row) so that each output line and each problem can
 * be traced back to the row the user sees in a spreadsheet.
 */
import type { Cents, Decimal } from '../money.ts';
import type { IsoDate } from '../dates.ts';

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
  | 'products';

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  orderItems: 'Order items (line detail)',
  orders: 'Orders (order level)',
  invoices: 'Invoices',
  payments: 'Payments / transactions',
  payPlans: 'Payment plans',
  payPlanItems: 'Payment plan instalments',
  contacts: 'Contacts',
  products: 'Products',
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

export interface KeapOrderItem {
  src: SourceRef;
  /** Keap's own id of the line (OrderItem.Id); '' when the export has none. */
  itemId?: string;
  orderId: string;
  productId: string;
  itemType: number;
  name: string;
  description: string;
  qty: Decimal;
  unitPrice: Decimal;
  /** qty x unitPrice, rounded half away from zero to the cent. */
  amount: Cents;
  notes: string;
}

/** Order-level record: Keap's Orders report, or the Job table. */
export interface KeapOrder {
  src: SourceRef;
  /** Empty when the export has no id column; the order is then known only by its row. */
  orderId: string;
  invoiceId: string;
  contactId: string;
  date: IsoDate;
  total: Cents | null;
  productNames: readonly string[];
  title: string;
  promoCode: string;
  /** Contact details carried on the order row itself (the Orders report has them); shared and frozen when empty. */
  contact: Readonly<Partial<ContactDetails>>;
}

export interface KeapInvoice {
  src: SourceRef;
  invoiceId: string;
  orderId: string;
  contactId: string;
  date: IsoDate;
  total: Cents | null;
  totalPaid: Cents | null;
  totalDue: Cents | null;
  payPlanStatus: string;
  description: string;
  /** Contact details on the invoice row itself, when the export has them; shared and frozen when empty. */
  contact: Readonly<Partial<ContactDetails>>;
}

export interface KeapPayment {
  src: SourceRef;
  paymentId: string;
  invoiceId: string;
  contactId: string;
  date: IsoDate;
  payType: string;
  amount: Cents;
  note: string;
}

export interface KeapPayPlan {
  src: SourceRef;
  payPlanId: string;
  invoiceId: string;
  startDate: IsoDate | '';
  firstPayAmt: Cents | null;
}

export interface KeapPayPlanItem {
  src: SourceRef;
  payPlanId: string;
  dueDate: IsoDate;
  amountDue: Cents;
}

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

export interface KeapContact extends ContactDetails {
  src: SourceRef;
  contactId: string;
}

export interface KeapProduct {
  src: SourceRef;
  productId: string;
  name: string;
  sku: string;
  price: Cents | null;
}

/** Everything read from the files, merged across files of the same kind. */
export interface KeapDataset {
  orderItems: KeapOrderItem[];
  orders: KeapOrder[];
  invoices: KeapInvoice[];
  payments: KeapPayment[];
  payPlans: KeapPayPlan[];
  payPlanItems: KeapPayPlanItem[];
  contacts: KeapContact[];
  products: KeapProduct[];
}

export function emptyDataset(): KeapDataset {
  return {
    orderItems: [],
    orders: [],
    invoices: [],
    payments: [],
    payPlans: [],
    payPlanItems: [],
    contacts: [],
    products: [],
  };
}
