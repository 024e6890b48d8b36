/**
 * Default profile: QuickBooks' own standard names (Accounts Receivable, Undeposited Funds,
 * Sales Tax Payable) and plain names for the rest, so a template works unedited.
 */
import { PROFILE_FORMAT, PROFILE_VERSION, type PayTypeMapping, type Profile } from './types.ts';

export function defaultProfile(name = 'My company'): Profile {
  return {
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    name,
    accounts: {
      accountsReceivable: 'Accounts Receivable',
      undepositedFunds: 'Undeposited Funds',
      paymentCredit: 'Accounts Receivable',
      creditCredit: 'Accounts Receivable',
      refundBank: 'Checking',
      salesTaxPayable: 'Sales Tax Payable',
      shippingIncome: 'Shipping Income',
      discounts: 'Discounts Given',
      financeCharges: 'Finance Charge Income',
      credits: 'Sales Returns and Allowances',
      writeOff: 'Bad Debt',
      defaultIncome: 'Sales',
    },
    accountTypes: {},
    items: {
      shipping: 'Shipping',
      salesTax: 'Sales Tax',
      financeCharge: 'Finance Charge',
      discount: 'Discount',
      credit: 'Keap Credit',
      writeOff: 'Write-off',
      defaultProduct: 'Keap Order',
    },
    tax: { agency: 'Sales Tax Agency', rate: '' },
    products: {},
    payTypes: {},
    itemTypes: {},
    options: {
      invoiceNumberSource: 'invoiceId',
      paymentRefersTo: 'invoiceId',
      customerName: 'company-or-person',
      dateFrom: '',
      dateTo: '',
      cashSaleWhenPaidOnOrderDate: false,
      fileClass: '',
      skipUnpaidOrders: false,
      writeCustomers: true,
      writeAccounts: true,
      writeItems: true,
      terms: '',
    },
    deposits: { clearingAccount: 'Keap Payments Clearing', bankAccount: 'Checking', feeAccount: 'Merchant Fees' },
    columnMaps: [],
    qbLists: null,
  };
}

/** A card pay type of Keap's ("Credit Card", "Credit Card (Manual)"...): by default these go through Keap Payments. */
export function isCardPayType(payType: string): boolean {
  return payType.trim().toLowerCase().startsWith('credit card');
}

/** True when payments of this pay type go through Keap Payments (and so into its deposits). */
export function goesThroughKeapPayments(profile: Profile, payType: string): boolean {
  const listed = profile.deposits.payTypes;
  return listed === undefined ? isCardPayType(payType) : listed.includes(payType);
}

/** Keap's pay types with the action an accountant expects; anything else is judged by sign. */
export function defaultPayTypeMapping(payType: string, total = 0): PayTypeMapping {
  const t = payType.trim().toLowerCase();
  if (t === 'refund' || t === 'chargeback') return { action: 'refund', account: '', paymentMethod: '' };
  if (t === 'credit' || t === 'comp' || t === 'freebie') return { action: 'credit', account: '', paymentMethod: '' };
  if (t === 'write-off' || t === 'writeoff' || t === 'write off') return { action: 'writeOff', account: '', paymentMethod: '' };
  if (total < 0) return { action: 'refund', account: '', paymentMethod: '' };
  let method = payType.trim();
  if (t.startsWith('credit card')) method = 'Credit Card';
  else if (t === 'paypal') method = 'PayPal';
  else if (t === 'check' || t === 'cheque') method = 'Check';
  else if (t === 'cash') method = 'Cash';
  else if (method === '') method = 'Other';
  return { action: 'payment', account: '', paymentMethod: method };
}
