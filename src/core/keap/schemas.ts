/**
 * What each kind of Keap export looks like: its fields, which are required, and the header
 * names (Keap API names and report labels) that mean each field. Header names are compared
 * after `normalizeHeader`, so case, spaces and punctuation do not matter.
 */
import type { FileKind } from './model.ts';

export interface FieldSpec {
  field: string;
  label: string;
  required: boolean;
  /** Normalised header names, best match first. */
  synonyms: string[];
}

export interface KindSchema {
  kind: FileKind;
  label: string;
  fields: FieldSpec[];
  /** Fields at least one of which must be present for a file to be taken as this kind. */
  markers: string[][];
  /** Normalised headers whose presence rules this kind out. */
  excludes: string[];
}

/** Lower case, `#` read as "no", every other non-alphanumeric character removed. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/#/g, 'no')
    .replace(/[^a-z0-9]/g, '');
}

/** Identifies a header row regardless of case, spacing and order-preserving punctuation. */
export function headerKey(headers: readonly string[]): string {
  return headers.map(normalizeHeader).join('|');
}

const f = (field: string, label: string, required: boolean, ...synonyms: string[]): FieldSpec => ({
  field,
  label,
  required,
  synonyms: synonyms.map(normalizeHeader),
});

const ADDRESS_FIELDS = [
  f('firstName', 'First name', false, 'First Name', 'FirstName', 'First', 'Billing First Name', 'ShipFirstName'),
  f('lastName', 'Last name', false, 'Last Name', 'LastName', 'Last', 'Surname', 'Billing Last Name', 'ShipLastName'),
  f('company', 'Company', false, 'Company Name', 'Company', 'Co Name', 'CompanyName', 'ShipCompany', 'Organization'),
  f('email', 'Email', false, 'Email', 'Email Address', 'E-mail', 'Email 1', 'Primary Email'),
  f('phone', 'Phone', false, 'Phone 1', 'Phone', 'Phone Number', 'ShipPhone'),
  f('address1', 'Street address 1', false, 'Street Address 1', 'Address 1', 'Address Line 1', 'Street Address', 'Billing Address 1', 'StreetAddress1', 'ShipStreet1', 'Address', 'Street'),
  f('address2', 'Street address 2', false, 'Street Address 2', 'Address 2', 'Address Line 2', 'Billing Address 2', 'StreetAddress2', 'ShipStreet2'),
  f('city', 'City', false, 'City', 'Billing City', 'ShipCity', 'Town'),
  f('state', 'State', false, 'State', 'Province', 'Region', 'Billing State', 'ShipState', 'State/Province'),
  f('postalCode', 'Postal code', false, 'Postal Code', 'Zip', 'Zip Code', 'ZipCode', 'Postcode', 'Billing Zip', 'ShipZip', 'PostalCode'),
  f('country', 'Country', false, 'Country', 'Billing Country', 'ShipCountry'),
];

/** Headers only a payments export has (normalised). */
const PAYMENT_ONLY = ['paytype', 'payamt', 'paydate', 'paymenttype', 'paymentmethod', 'paymentamount', 'paymentdate', 'transactiontype', 'transactionamount', 'datepaid'];
/**
 * Headers only a Keap Payments deposit (or the deposits list) has (normalised): a deposit's
 * payments look like a payments report (date, type, amount), and its list like an orders report
 * (date, amount), so these columns keep such files out of every other kind.
 */
const DEPOSIT_ONLY = ['depositid', 'payoutid', 'depositno', 'payoutno', 'depositnumber', 'netafterfees', 'fees', 'processingfee', 'processingfees', 'datethepaymentwascreated', 'typeoftransaction'];
/** Headers a payments, orders or invoices export has and a deposit never does (normalised). */
const SALES_ONLY = ['paytype', 'payamt', 'invoiceid', 'invoiceno', 'invoicenumber', 'orderid', 'orderno', 'ordertotal', 'invoicetotal', 'jobid', 'contactid', 'qty', 'quantity', 'priceperunit', 'totaldue', 'totalpaid'];
/** Headers only Keap's contact export has (normalised); its custom fields may look like money columns. */
const CONTACT_EXPORT_ONLY = ['phone1type', 'phone1ext', 'emailaddress2', 'tagids', 'streetaddress1shipping', 'fax1', 'spousename'];

export const FILE_SCHEMAS: Record<FileKind, KindSchema> = {
  orderItems: {
    kind: 'orderItems',
    label: 'Order items (line detail)',
    fields: [
      // A line-items report may key its lines by invoice number; the sales index maps it to the order.
      f('orderId', 'Order id', true, 'OrderId', 'Order Id', 'Order No', 'Order Number', 'Order #', 'JobId', 'Job Id', 'Order', 'InvoiceId', 'Invoice Id', 'Invoice No', 'Invoice Number', 'Invoice #', 'Invoice'),
      f('productId', 'Product id', false, 'ProductId', 'Product Id', 'Product No'),
      f('itemId', 'Order item id', false, 'OrderItemId', 'Order Item Id', 'Item Id', 'Line Id', 'Id'),
      f('itemType', 'Item type', false, 'ItemType', 'Item Type', 'Line Type', 'Type'),
      f('itemName', 'Item name', true, 'ItemName', 'Item Name', 'Product Name', 'Product', 'Item', 'Name'),
      f('itemDescription', 'Item description', false, 'ItemDescription', 'Item Description', 'Description', 'Product Description'),
      f('qty', 'Quantity', true, 'Qty', 'Quantity', 'Units'),
      f('pricePerUnit', 'Price per unit', true, 'PricePerUnit', 'Price Per Unit', 'PPU', 'Unit Price', 'Price', 'Price Each'),
      f('notes', 'Notes', false, 'Notes', 'Note'),
    ],
    markers: [['qty', 'pricePerUnit']],
    excludes: [],
  },
  orders: {
    kind: 'orders',
    label: 'Orders (order level)',
    fields: [
      f('orderId', 'Order id', false, 'Order Id', 'OrderId', 'Order No', 'Order Number', 'Order #', 'Id', 'JobId', 'Job Id'),
      f('invoiceId', 'Invoice id', false, 'Invoice Id', 'InvoiceId', 'Invoice No', 'Invoice Number', 'Invoice #'),
      f('contactId', 'Contact id', false, 'ContactId', 'Contact Id'),
      f('contactName', 'Contact name', false, 'Contact', 'Contact Name', 'Customer', 'Customer Name', 'Name'),
      ...ADDRESS_FIELDS,
      f('orderDate', 'Order date', true, 'Order Date', 'OrderDate', 'Date', 'Date Created', 'DateCreated', 'Created'),
      f('productNames', 'Product name(s)', false, 'Product Name', 'Product Names', 'Products', 'ProductName', 'Product'),
      f('orderTitle', 'Order title', false, 'Order Title', 'JobTitle', 'Job Title', 'Title'),
      f('promoCode', 'Promo code', false, 'Promo Code', 'PromoCode'),
      f('orderTotal', 'Order total', true, 'Order Total', 'OrderTotal', 'Total', 'Amount', 'Invoice Total'),
    ],
    markers: [['orderTotal', 'orderDate']],
    // A payments report also has a date, an invoice number, an amount and often the contact's
    // name: any payment column rules orders out. So do columns only the contact export has.
    excludes: ['qty', 'quantity', 'priceperunit', ...PAYMENT_ONLY, ...CONTACT_EXPORT_ONLY, ...DEPOSIT_ONLY],
  },
  invoices: {
    kind: 'invoices',
    label: 'Invoices',
    fields: [
      f('invoiceId', 'Invoice id', true, 'Id', 'InvoiceId', 'Invoice Id', 'Invoice No', 'Invoice Number', 'Invoice #', 'Invoice'),
      f('contactId', 'Contact id', false, 'ContactId', 'Contact Id'),
      f('orderId', 'Order id (JobId)', false, 'JobId', 'Job Id', 'OrderId', 'Order Id', 'Order No', 'Order Number', 'Order #'),
      f('date', 'Date created', true, 'DateCreated', 'Date Created', 'Invoice Date', 'Date'),
      f('total', 'Invoice total', true, 'InvoiceTotal', 'Invoice Total', 'Total', 'Amount'),
      f('totalPaid', 'Total paid', false, 'TotalPaid', 'Total Paid', 'Amount Paid', 'Paid'),
      f('totalDue', 'Total due', false, 'TotalDue', 'Total Due', 'Balance Due', 'Balance', 'Due'),
      f('payPlanStatus', 'Pay plan status', false, 'PayPlanStatus', 'Pay Plan Status'),
      f('description', 'Description', false, 'Description', 'ProductSold', 'Product Sold'),
      f('contactName', 'Contact name', false, 'Contact', 'Contact Name', 'Customer', 'Customer Name', 'Name', 'Full Name'),
      ...ADDRESS_FIELDS,
    ],
    markers: [['totalPaid', 'totalDue', 'payPlanStatus']],
    excludes: ['qty', 'quantity', ...PAYMENT_ONLY, ...CONTACT_EXPORT_ONLY, ...DEPOSIT_ONLY],
  },
  payments: {
    kind: 'payments',
    label: 'Payments / transactions',
    fields: [
      f('invoiceId', 'Invoice id', true, 'InvoiceId', 'Invoice Id', 'Invoice No', 'Invoice Number', 'Invoice #', 'Invoice', 'Order Id', 'OrderId', 'Order No', 'Order Number', 'Order #', 'Order'),
      f('paymentId', 'Payment id', false, 'PaymentId', 'Payment Id', 'Transaction Id', 'TransactionId', 'Id'),
      f('contactId', 'Contact id', false, 'ContactId', 'Contact Id'),
      f('date', 'Payment date', true, 'PayDate', 'Pay Date', 'Payment Date', 'Transaction Date', 'Date Paid', 'Paid Date', 'Paid On', 'Date Received', 'Date', 'Date Created'),
      // Optional: Keap's InvoicePayment table has no pay type; rows are then judged by sign.
      f('payType', 'Pay type', false, 'PayType', 'Pay Type', 'Payment Type', 'Payment Method', 'Transaction Type', 'Method', 'Type'),
      f('amount', 'Amount', true, 'PayAmt', 'Pay Amt', 'Payment Amount', 'Transaction Amount', 'Amount', 'Amt', 'Total'),
      f('note', 'Note', false, 'PayNote', 'Pay Note', 'Note', 'Notes', 'Memo', 'Description'),
    ],
    markers: [['payType', 'amount']],
    excludes: ['qty', 'quantity', 'priceperunit', 'firstpayamt', 'ordertotal', 'invoicetotal', 'totaldue', 'totalpaid', ...CONTACT_EXPORT_ONLY, ...DEPOSIT_ONLY],
  },
  payPlans: {
    kind: 'payPlans',
    label: 'Payment plans',
    fields: [
      f('payPlanId', 'Pay plan id', true, 'Id', 'PayPlanId', 'Pay Plan Id'),
      f('invoiceId', 'Invoice id', true, 'InvoiceId', 'Invoice Id', 'Invoice No', 'Invoice #'),
      f('startDate', 'Start date', false, 'StartDate', 'Start Date', 'InitDate', 'Init Date'),
      f('firstPayAmt', 'First payment amount', false, 'FirstPayAmt', 'First Pay Amt', 'First Payment Amount'),
    ],
    markers: [['firstPayAmt', 'startDate']],
    excludes: ['payplanid', 'qty', 'paytype', ...DEPOSIT_ONLY],
  },
  payPlanItems: {
    kind: 'payPlanItems',
    label: 'Payment plan instalments',
    fields: [
      f('payPlanId', 'Pay plan id', true, 'PayPlanId', 'Pay Plan Id'),
      f('dueDate', 'Due date', true, 'DateDue', 'Date Due', 'Due Date', 'DueDate'),
      f('amountDue', 'Amount due', true, 'AmtDue', 'Amt Due', 'Amount Due', 'AmountDue', 'Amount'),
    ],
    markers: [['payPlanId']],
    excludes: ['qty', 'paytype', ...DEPOSIT_ONLY],
  },
  contacts: {
    kind: 'contacts',
    label: 'Contacts',
    fields: [
      f('contactId', 'Contact id', true, 'Id', 'ContactId', 'Contact Id'),
      ...ADDRESS_FIELDS,
      f('contactName', 'Full name', false, 'Name', 'Full Name', 'Contact Name', 'Contact'),
    ],
    markers: [['firstName', 'lastName', 'email']],
    // Not 'amount': contact exports end with the account's custom fields, and "Amount" is a
    // plausible one (the contact-only columns keep such a file out of the money kinds).
    excludes: ['ordertotal', 'invoicetotal', 'payamt', 'paytype', 'qty', 'priceperunit', 'orderdate', ...DEPOSIT_ONLY],
  },
  products: {
    kind: 'products',
    label: 'Products',
    fields: [
      f('productId', 'Product id', false, 'Id', 'ProductId', 'Product Id'),
      f('name', 'Product name', true, 'ProductName', 'Product Name', 'Name'),
      f('sku', 'SKU', false, 'Sku', 'SKU', 'Product Sku'),
      f('price', 'Price', false, 'ProductPrice', 'Product Price', 'Price'),
    ],
    markers: [['sku', 'price']],
    excludes: ['qty', 'quantity', 'orderid', 'orderdate', 'ordertotal', 'paytype', 'firstname', 'lastname', ...DEPOSIT_ONLY],
  },
  // Keap's help ("Keap Pay deposits") names the columns of a deposit's CSV: "Date the Payment was
  // created, Type of Transaction, Payment ID, Payment Amount, Fees, Net after Fees". No genuine
  // file has been seen: the other names are what processors' payout reports use.
  deposits: {
    kind: 'deposits',
    label: 'Keap Payments deposit',
    fields: [
      f('depositId', 'Deposit id', false, 'Deposit ID', 'DepositId', 'Payout ID', 'PayoutId', 'Deposit #', 'Deposit Number', 'Payout #', 'Payout Number'),
      f('depositDate', 'Deposit date', false, 'Deposit Date', 'Payout Date', 'Date Deposited', 'Arrival Date'),
      f('date', 'Payment date', true, 'Date the Payment was created', 'Payment Created', 'Date Created', 'Created', 'Payment Date', 'Transaction Date', 'Date'),
      f('type', 'Type of transaction', false, 'Type of Transaction', 'Transaction Type', 'Payment Type', 'Type'),
      f('paymentId', 'Payment id', false, 'Payment ID', 'PaymentId', 'Charge ID', 'ChargeId', 'Transaction ID', 'TransactionId', 'Id'),
      f('amount', 'Payment amount', true, 'Payment Amount', 'Gross', 'Gross Amount', 'Amount'),
      f('fee', 'Fees', false, 'Fees', 'Fee', 'Processing Fee', 'Processing Fees', 'Fee Amount'),
      f('net', 'Net after fees', false, 'Net after Fees', 'Net', 'Net Amount'),
      f('customer', 'Customer name', false, 'Customer Name', 'Customer', 'Name'),
      f('email', 'Customer email', false, 'Customer Email', 'Email'),
      f('depositAmount', 'Deposit total', false, 'Deposit Amount', 'Deposit Total', 'Payout Amount', 'Payout Total', 'Total Deposited'),
    ],
    markers: [['fee', 'net']],
    excludes: [...SALES_ONLY, ...CONTACT_EXPORT_ONLY],
  },
  // The list of deposits (payouts to the bank): "date, status, amount, method and a Deposit ID".
  depositList: {
    kind: 'depositList',
    label: 'Keap Payments deposits list',
    fields: [
      f('depositId', 'Deposit id', true, 'Deposit ID', 'DepositId', 'Payout ID', 'PayoutId', 'Deposit #', 'Deposit Number', 'Payout #', 'Payout Number', 'Id'),
      f('date', 'Deposit date', true, 'Date', 'Deposit Date', 'Payout Date', 'Arrival Date', 'Date Deposited'),
      f('status', 'Status', true, 'Status', 'Deposit Status', 'Payout Status'),
      f('amount', 'Amount', true, 'Amount', 'Deposit Amount', 'Payout Amount', 'Net', 'Total'),
      f('method', 'Method', false, 'Method', 'Deposit Method', 'Payout Method', 'Bank Account', 'Destination'),
    ],
    markers: [['status'], ['depositId']],
    excludes: [...SALES_ONLY, ...CONTACT_EXPORT_ONLY, 'fees', 'fee', 'netafterfees', 'processingfee', 'paymentid', 'typeoftransaction', 'paymentamount', 'datethepaymentwascreated'],
  },
};

export const FILE_KINDS = Object.keys(FILE_SCHEMAS) as FileKind[];
