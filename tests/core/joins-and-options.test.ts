// Joining files (orders report only, invoice id vs order id, monthly files merged) and the
// profile's choices (date range, unpaid orders, invoice numbers, customer names, list rows).
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/core/convert-types.ts';
import { assignCustomerNames } from '../../src/core/ledger/customers.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { applyTemplate } from '../../src/core/profile/template.ts';
import type { Profile, QbLists } from '../../src/core/profile/types.ts';
import { checkNames } from '../../src/core/qb/lists.ts';
import { isReconciled } from '../../src/core/report.ts';
import { convertFiles, inspectFiles } from '../support/convert.ts';
import { textFile } from '../support/iif-check.ts';

const CONTACTS = textFile('contacts.csv', 'Id,First Name,Last Name,Company Name,Email\n7,Jane,Doe,,jane@example.com\n8,John,Smith,Smith & Co,john@example.com\n');
const ITEMS = textFile('items.csv', 'OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes\n501,1,4,Widget,,1,10.00,\n502,1,4,Widget,,2,10.00,\n');
// Keap's invoice ids drifted from the order ids after orders were deleted.
const INVOICES = textFile('invoices.csv', 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus\n91,7,501,2024-01-05,10.00,10.00,0,0\n92,8,502,2024-02-05,20.00,0,20.00,0\n');
const PAYMENTS = textFile('payments.csv', 'InvoiceId,PayDate,PayType,PayAmt,PayNote\n91,2024-01-06,Credit Card,10.00,\n');

function run(files: InputFile[], tweak: (p: Profile) => void = () => {}) {
  const base = defaultProfile('T');
  tweak(base);
  const profile = applyTemplate(base, inspectFiles(files, base).catalog);
  const r = convertFiles(files, profile);
  expect(isReconciled(r.summary.reconciliation)).toBe(true);
  for (const f of r.summary.files) expect(f.rowsRead).toBe(f.rowsConverted + f.rowsSetAside + f.rowsBlank);
  return { r, facts: r.facts };
}

describe('joining files', () => {
  it('links order items by order id and payments by invoice id through the invoice table', () => {
    const { facts } = run([CONTACTS, ITEMS, INVOICES, PAYMENTS]);
    expect(facts.transactions.map((t) => `${t.type} ${t.docNum} ${t.name} ${t.amount}`)).toEqual([
      'INVOICE 91 Jane Doe 1000',
      'PAYMENT  Jane Doe 1000',
      'INVOICE 92 Smith & Co 2000',
    ]);
  });

  it('uses the Keap order number as invoice number when the profile says so', () => {
    const { facts } = run([CONTACTS, ITEMS, INVOICES, PAYMENTS], (p) => (p.options.invoiceNumberSource = 'orderId'));
    expect(facts.transactions.filter((t) => t.type === 'INVOICE').map((t) => t.docNum)).toEqual(['501', '502']);
  });

  it('follows the profile when payment ids could be either an invoice id or an order id', () => {
    const items = textFile('items.csv', 'OrderId,ItemName,Qty,PricePerUnit\n601,Widget,1,10.00\n501,Widget,2,10.00\n');
    const invoices = textFile('invoices.csv', 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue\n501,7,601,2024-01-05,10.00,0,0\n601,8,501,2024-01-06,20.00,0,0\n');
    const payments = textFile('payments.csv', 'InvoiceId,PayDate,PayType,PayAmt\n501,2024-01-07,Check,10.00\n');
    const payer = (refersTo: 'invoiceId' | 'orderId') =>
      run([CONTACTS, items, invoices, payments], (p) => (p.options.paymentRefersTo = refersTo)).facts.transactions.find((t) => t.type === 'PAYMENT')!.name;
    expect(payer('invoiceId')).toBe('Jane Doe');
    expect(payer('orderId')).toBe('Smith & Co');
  });

  it('turns the order-level Orders report into invoices, warning that line detail is missing', () => {
    const orders = textFile(
      'orders.csv',
      'ContactId,Contact,First Name,Last Name,Title,Co Name,Street Address 1,Street Address 2,City,State,Postal Code,Country,Order Type,Promo Code,Order Title,Order Date,Product Ids,Product Name,Serial,Order Total,Affiliate Id\n' +
        '7,Jane Doe,Jane,Doe,,,12 Main St,,Springfield,IL,62701,United States,Online,,Shopping Cart,3/5/2024,12,Widget,,$10.00,0\n' +
        '8,John Smith,John,Smith,,Smith & Co,4 Elm Rd,,Portland,OR,97201,United States,Online,,Shopping Cart,3/6/2024,12;14,Widget;Gadget,,"$1,040.00",0\n',
    );
    const { r, facts } = run([orders]);
    expect(r.summary.files[0]!.kind).toBe('orders');
    expect(facts.transactions.map((t) => [t.type, t.name, t.amount, t.splits[0]!.INVITEM])).toEqual([
      ['INVOICE', 'Jane Doe', 1000, 'Widget'],
      ['INVOICE', 'Smith & Co', 104000, 'Keap Order'],
    ]);
    expect(r.issues.some((i) => i.code === 'order.no-line-detail' && i.severity === 'warning')).toBe(true);
  });

  it('takes customers from name columns when there is no contacts export, one customer per person', () => {
    const orders = textFile(
      'orders.csv',
      'Order Id,Contact,Email,Order Date,Product Name,Order Total\n' +
        '71,Jane Doe,jane@example.com,3/5/2024,Widget,$10.00\n' +
        '72,Jane Doe,jane@example.com,3/9/2024,Widget,$10.00\n' +
        '73,"Smith, John",john@example.com,3/9/2024,Widget,$10.00\n',
    );
    const { r, facts } = run([orders]);
    expect(facts.transactions.map((t) => t.name)).toEqual(['Jane Doe', 'Jane Doe', 'John Smith']);
    expect([...facts.customers].sort()).toEqual(['Jane Doe', 'John Smith']);
    expect(r.issues.filter((i) => i.code === 'customer.duplicate-name')).toEqual([]);
  });

  it('uses the contact columns of an invoices export that has names but no contact id', () => {
    const invoices = textFile('invoices.csv', 'Invoice Number,Contact Name,Date Created,Invoice Total,Total Paid,Total Due\n91,Ann Lee,2024-01-05,10.00,0,10.00\n');
    const items = textFile('items.csv', 'OrderId,ItemName,Qty,PricePerUnit\n91,Widget,1,10.00\n');
    const { facts } = run([invoices, items]);
    expect(facts.transactions.map((t) => `${t.type} ${t.docNum} ${t.name}`)).toEqual(['INVOICE 91 Ann Lee']);
  });

  it('merges monthly exports, counting exact repeats once and reporting them', () => {
    const jan = textFile('payments-jan.csv', 'InvoiceId,PayDate,PayType,PayAmt,PayNote\n91,2024-01-06,Credit Card,10.00,\n');
    const again = textFile('payments-jan-again.csv', 'InvoiceId,PayDate,PayType,PayAmt,PayNote\n91,2024-01-06,Credit Card,10.00,\n');
    const { r, facts } = run([CONTACTS, ITEMS, INVOICES, jan, again]);
    expect(facts.transactions.filter((t) => t.type === 'PAYMENT')).toHaveLength(1);
    expect(r.issues.some((i) => i.code === 'row.duplicate' && i.file === 'payments-jan-again.csv')).toBe(true);
    expect(r.summary.files.find((f) => f.file === 'payments-jan-again.csv')!.rowsDuplicate).toBe(1);
  });
});

describe('profile choices', () => {
  it('exports only the chosen date range, setting the rest aside in the totals', () => {
    const { r, facts } = run([CONTACTS, ITEMS, INVOICES, PAYMENTS], (p) => {
      p.options.dateFrom = '2024-02-01';
      p.options.dateTo = '2024-02-29';
    });
    expect(facts.transactions.map((t) => t.docNum)).toEqual(['92']);
    expect(r.summary.reconciliation.sales.setAside).toBe(1000);
    expect(r.issues.filter((i) => i.code === 'range.outside')).toHaveLength(2);
  });

  it('can skip orders with no successful payment (failed charges)', () => {
    const { facts } = run([CONTACTS, ITEMS, INVOICES, PAYMENTS], (p) => (p.options.skipUnpaidOrders = true));
    expect(facts.transactions.map((t) => t.type)).toEqual(['INVOICE', 'PAYMENT']);
  });

  it('leaves customers out of the list sections when asked, or when QuickBooks already has them', () => {
    expect(run([CONTACTS, ITEMS, INVOICES], (p) => (p.options.writeCustomers = false)).facts.customers.size).toBe(0);
    const withLists = run([CONTACTS, ITEMS, INVOICES], (p) => {
      p.qbLists = { sourceFile: 'lists.iif', accounts: [{ name: 'accounts receivable', type: 'AR', extra: '', hidden: false }], items: [], customers: [{ name: 'Jane Doe', hidden: false }], vendors: [], otherNames: [], paymentMethods: [], classes: [] };
    });
    expect([...withLists.facts.customers]).toEqual(['Smith & Co']);
    expect(withLists.facts.accounts.has('Accounts Receivable')).toBe(false);
  });
});

describe('Keap item types', () => {
  const items = textFile(
    'items.csv',
    'OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit\n501,1,4,Widget,,1,10.00\n501,0,3,Handling,,1,2.00\n501,0,1,Standard Shipping,,1,5.00\n501,0,0,Manual discount,,1,-1.00\n',
  );
  const invoices = textFile('invoices.csv', 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue\n91,7,501,2024-01-05,16.00,0,16.00\n');

  it('the template names every item type found, with the role its lines get', () => {
    const base = defaultProfile('T');
    const profile = applyTemplate(base, inspectFiles([items], base).catalog);
    expect(profile.itemTypes).toEqual({
      '0': { label: 'Unknown / manual line', role: 'auto' },
      '1': { label: 'Shipping', role: 'shipping' },
      '3': { label: 'Service & misc', role: 'product' },
      '4': { label: 'Product', role: 'product' },
    });
  });

  it('a role chosen in the profile changes what the lines of that type become', () => {
    const asProduct = run([CONTACTS, items, invoices]).facts.transactions[0]!;
    expect(asProduct.splits.map((s) => s.INVITEM)).toEqual(['Widget', 'Handling', 'Shipping', 'Discount']);
    const asShipping = run([CONTACTS, items, invoices], (p) => (p.itemTypes['3'] = { role: 'shipping' })).facts.transactions[0]!;
    expect(asShipping.splits.map((s) => [s.INVITEM, s.ACCNT])).toEqual([
      ['Widget', 'Sales'],
      ['Shipping', 'Shipping Income'],
      ['Shipping', 'Shipping Income'],
      ['Discount', 'Discounts Given'],
    ]);
  });
});

describe('customer names', () => {
  it('gives two contacts with the same name distinct names, with a warning', () => {
    const { customers, issues } = assignCustomerNames(
      [
        { contactId: '12', firstName: 'Ann', lastName: 'Lee' },
        { contactId: '3', firstName: 'Ann', lastName: 'Lee' },
      ],
      'company-or-person',
    );
    expect(customers.get('3')!.name).toBe('Ann Lee');
    expect(customers.get('12')!.name).toBe('Ann Lee (12)');
    expect(issues[0]!.code).toBe('customer.duplicate-name');
  });

  it('replaces colons and keeps long names within 41 characters and unique', () => {
    const long = 'A'.repeat(60);
    const { customers } = assignCustomerNames(
      [
        { contactId: '1', company: 'Acme: West' },
        { contactId: '2', company: long },
        { contactId: '3', company: long },
      ],
      'company-or-person',
    );
    expect(customers.get('1')!.name).toBe('Acme- West');
    const a = customers.get('2')!.name;
    const b = customers.get('3')!.name;
    expect(a.length).toBeLessThanOrEqual(41);
    expect(b.length).toBeLessThanOrEqual(41);
    expect(a).not.toBe(b);
  });

  it.each([
    ['company-or-person', 'Smith & Co'],
    ['person', 'John Smith'],
    ['last-first', 'Smith, John'],
  ] as const)('rule %s -> %s', (rule, name) => {
    const { customers } = assignCustomerNames([{ contactId: '8', firstName: 'John', lastName: 'Smith', company: 'Smith & Co' }], rule);
    expect(customers.get('8')!.name).toBe(name);
  });
});

describe('checking the export against the QuickBooks lists', () => {
  it('flags names QuickBooks lacks and types that do not fit, even for names it already has', () => {
    const lists: QbLists = {
      sourceFile: 'lists.iif',
      accounts: [
        { name: 'Accounts Receivable', type: 'AR', extra: '', hidden: false },
        { name: 'Sales', type: 'BANK', extra: '', hidden: false },
      ],
      items: [],
      customers: [{ name: 'Jane Doe', hidden: false }],
      vendors: [],
      otherNames: [],
      paymentMethods: [],
      classes: [],
    };
    const { r } = run([CONTACTS, ITEMS, INVOICES, PAYMENTS], (p) => (p.qbLists = lists));
    const checks = checkNames(lists, r.wantedNames);
    const by = (name: string) => checks.find((c) => c.name === name);
    expect(by('Accounts Receivable')?.status).toBe('ok');
    expect(by('Sales')).toMatchObject({ status: 'type-mismatch' });
    expect(by('Undeposited Funds')).toMatchObject({ status: 'missing' });
    expect(by('Jane Doe')?.status).toBe('ok');
    expect(by('Smith & Co')?.status).toBe('missing');
  });
});
