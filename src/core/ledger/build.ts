/**
 * Keap dataset + profile -> QuickBooks transactions. Each Keap event becomes what an
 * accountant would enter by hand: one INVOICE per order for its full total (payment plans
 * included: QuickBooks has none), one PAYMENT per instalment, a CHECK per refund, a CREDIT
 * MEMO per credit, write-off or return. Records that cannot be written are set aside with
 * the reason; nothing is adjusted to make numbers fit.
 */
import { appendAll, issue, type Issue } from '../issues.ts';
import type { KeapDataset, KeapPayment } from '../keap/model.ts';
import type { Cents } from '../money.ts';
import type { Profile } from '../profile/types.ts';
import type { MoneyKind } from '../report.ts';
import { createBuildContext, type MoneyInput, type SetAside, type TransactionSink } from './build-context.ts';
import type { PackedTransactions } from './packed.ts';
import { checkBalanced } from './check.ts';
import { assignCustomerNames, type ContactInput } from './customers.ts';
import { TXN_TYPE_ORDER, type CustomerDef, type Transaction } from './model.ts';
import { buildMoneyMovements } from './payments.ts';
import type { NameRegistry } from './registry.ts';
import { buildSales, indexSales, type Sale } from './sales.ts';
import { joinFlat } from '../text/pool.ts';

export type { SetAside } from './build-context.ts';
export { paymentKey } from './payments.ts';

export interface BuildResult {
  transactions: Transaction[];
  setAside: SetAside[];
  issues: Issue[];
  registry: NameRegistry;
  customers: Map<string, CustomerDef>;
  /** Money read from the files per kind (independent of what was written). */
  input: MoneyInput;
}

export interface BuildOptions {
  /**
   * Lets the build free the dataset's records as soon as it no longer needs them (its lists
   * are emptied as it goes), so records and transactions are not all alive together: at a
   * million orders that is most of the peak memory. The dataset is left empty, and the arrays
   * it held may be emptied too: the caller must not read the records afterwards.
   */
  releaseRecords?: boolean;
  /**
   * Packs each transaction as it is built (its IIF bytes written at once) instead of keeping
   * the objects: `transactions` is then empty and `packed` holds them, in the same order and
   * with the same checks.
   */
  packed?: PackedTransactions;
}

/** Builds every transaction the files allow, and the reasons for the rest. */
export function buildTransactions(data: KeapDataset, profile: Profile, options: BuildOptions = {}): BuildResult {
  const release = options.releaseRecords === true;
  const { packed } = options;
  // Balance is checked as each transaction is packed (it needs the splits); the problems are
  // reported with the name checks below, in build order, as for a list.
  const unbalanced = new Map<number, Issue[]>();
  const sink: TransactionSink | undefined = packed && {
    push(...built: Transaction[]) {
      for (const t of built) {
        const balance = checkBalanced(t);
        if (balance.length > 0) unbalanced.set(packed.count, balance);
        packed.add(t);
      }
      return packed.count;
    },
  };
  const ctx = createBuildContext(profile, sink);
  const { issues, setAside, reg, input } = ctx;
  const transactions = ctx.transactions as Transaction[]; // a list unless packed
  const opts = profile.options;
  const index = indexSales(data, opts.paymentRefersTo);
  const { sales, findSale } = index;
  // Read here because the orders may be gone (released) when the payments are written.
  const ordersWithoutIds = data.orders.length > 0 && data.orders.every((o) => !o.orderId && !o.invoiceId);
  if (release) {
    // The sales index holds what the sales need (each sale's lines, order and invoice).
    data.orderItems = [];
    data.orders = [];
    data.invoices = [];
    data.payPlans = [];
    data.payPlanItems = [];
    data.products = [];
  }
  const contactsById = new Map(data.contacts.map((c) => [c.contactId, c]));

  // Customers: from the contacts export, else from the contact columns of the invoice or
  // order row. Contacts known only by name are told apart by name and email, so one person's
  // many orders make one customer.
  const contactInputs: ContactInput[] = [];
  const seenContact = new Set<string>();
  const hasName = (c: Partial<ContactInput>) => !!(c.firstName || c.lastName || c.company || c.email);
  for (const s of sales.values()) {
    if (s.contactId && contactsById.has(s.contactId)) {
      if (!seenContact.has(s.contactId)) {
        contactInputs.push(contactsById.get(s.contactId)!);
        seenContact.add(s.contactId);
      }
      continue;
    }
    const inline = s.invoice && hasName(s.invoice.contact) ? { c: s.invoice.contact, src: s.invoice.src } : s.order && hasName(s.order.contact) ? { c: s.order.contact, src: s.order.src } : null;
    if (!inline) continue;
    const id = s.contactId || `name:${[inline.c.firstName, inline.c.lastName, inline.c.company, inline.c.email].map((x) => (x ?? '').trim().toLowerCase()).join('|')}`;
    if (!seenContact.has(id)) {
      contactInputs.push({ ...inline.c, contactId: id, src: inline.src });
      seenContact.add(id);
    }
    s.contactId = id;
  }
  for (const p of data.payments) {
    if (!findSale(p.invoiceId) && p.contactId && contactsById.has(p.contactId) && !seenContact.has(p.contactId)) {
      contactInputs.push(contactsById.get(p.contactId)!);
      seenContact.add(p.contactId);
    }
  }
  const reserved = new Set<string>([profile.tax.agency.toLowerCase()]);
  for (const v of profile.qbLists?.vendors ?? []) reserved.add(v.name.toLowerCase());
  for (const v of profile.qbLists?.otherNames ?? []) reserved.add(v.name.toLowerCase());
  const { customers, issues: customerIssues } = assignCustomerNames(contactInputs, opts.customerName, reserved);
  appendAll(issues, customerIssues);
  for (const [id, c] of customers) ctx.customers.set(id, c);
  if (release) {
    // Customers are named: the contacts are not read again.
    data.contacts = [];
    contactsById.clear();
    contactInputs.length = 0;
    seenContact.clear();
  }
  const customerFor = (s: Sale): CustomerDef | null => (s.contactId ? (customers.get(s.contactId) ?? null) : null);

  // Payments grouped by sale (for cash sales and unpaid orders).
  const paymentsBySale = new Map<Sale, KeapPayment[]>();
  for (const p of data.payments) {
    const s = findSale(p.invoiceId);
    if (!s) continue;
    const list = paymentsBySale.get(s);
    if (list) list.push(p);
    else paymentsBySale.set(s, [p]);
  }

  buildSales(ctx, index, paymentsBySale, customerFor, release);
  buildMoneyMovements(ctx, data, findSale, customerFor, ordersWithoutIds, release);
  if (release) {
    index.clear();
    ctx.consumedPayments.clear();
  }

  // Final checks: names QuickBooks can take, and balance.
  const kept: Transaction[] = [];
  const nameRefused = (t: FinalCheck, problems: string[]) => {
    for (const [kind, amount] of moneyOf(t)) setAside.push({ kind, amount, sources: t.sources, code: 'name.invalid' });
    const first = t.sources[0];
    issues.push(issue(problems.some((p) => p.includes('allows')) ? 'name.too-long' : 'name.invalid', 'error', `The ${t.type} for ${t.name} (${t.keapIds.join(', ')}) was set aside because the mapping has a name QuickBooks cannot take: ${problems.join(' ')} Fix it in the Mapping step.`, first ? { file: first.file, row: first.row } : {}));
  };
  const balanceRefused = (t: FinalCheck, balance: Issue[]) => {
    issues.push(...balance);
    for (const [kind, amount] of moneyOf(t)) setAside.push({ kind, amount, sources: t.sources, code: 'txn.unbalanced' });
  };
  if (packed) {
    for (let i = 0; i < packed.count; i++) {
      const nameProblems = reg.problemsOfUses((visit) => packed.visitUses(i, visit));
      const balance = unbalanced.get(i);
      if (nameProblems.length === 0 && !balance) continue;
      packed.drop(i);
      const t: FinalCheck = { type: packed.type(i), role: packed.role(i), amount: packed.amount(i), name: packed.name(i), keapIds: packed.keapIds(i), sources: packed.sources(i) };
      if (nameProblems.length > 0) nameRefused(t, nameProblems);
      else if (balance) balanceRefused(t, balance);
    }
  }
  for (const t of packed ? [] : transactions) {
    const nameProblems = reg.problemsFor(t);
    if (nameProblems.length > 0) {
      nameRefused(t, nameProblems);
      continue;
    }
    const balance = checkBalanced(t);
    if (balance.length > 0) {
      balanceRefused(t, balance);
      continue;
    }
    kept.push(t);
  }
  appendAll(issues, reg.issues);
  sortTransactions(kept);
  return { transactions: kept, setAside, issues, registry: reg, customers, input };
}

/** What the final checks read of a transaction, whole or packed. */
type FinalCheck = Pick<Transaction, 'type' | 'role' | 'amount' | 'name' | 'keapIds' | 'sources'>;


/** A date 'YYYY-MM-DD' and a type order (one digit) as one number in (date, type) order; -1 if the date is not of that form. */
function dateTypeRank(date: string, typeOrder: number): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = date.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n * 10 + typeOrder;
}

/** Sorts in place by date, then IIF type (TXN_TYPE_ORDER), then key. */
export function sortTransactions(list: Transaction[]): void {
  // Date and type are one number per transaction (a typed array, not a string each: at the end
  // of the build every transaction is alive, and this is when memory peaks); the keys are
  // compared only between transactions of the same date and type. The order is the one of the
  // joined strings date + type digit + key, since dates have a fixed width. An index is sorted
  // rather than a wrapper object per transaction.
  const n = list.length;
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = list[i]!;
    const r = dateTypeRank(t.date, TXN_TYPE_ORDER[t.type]);
    if (r < 0) return sortTransactionsByText(list);
    rank[i] = r;
  }
  const order = list.map((_, i) => i);
  order.sort((a, b) => {
    const d = rank[a]! - rank[b]!;
    if (d !== 0) return d;
    const ka = list[a]!.key;
    const kb = list[b]!.key;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const unsorted = list.slice();
  for (let i = 0; i < n; i++) list[i] = unsorted[order[i]!]!;
}

/** The same order for dates of any form: one joined string per transaction. */
function sortTransactionsByText(list: Transaction[]): void {
  const keys = list.map((t) => joinFlat(t.date, String(TXN_TYPE_ORDER[t.type]), t.key));
  const order = keys.map((_, i) => i);
  order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  const unsorted = list.slice();
  for (let i = 0; i < order.length; i++) list[i] = unsorted[order[i]!]!;
}

/** The money a transaction accounts for, per kind (a cash sale is a sale and a payment). */
export function moneyOf(t: Pick<Transaction, 'role' | 'amount'>): [MoneyKind, Cents][] {
  const abs = Math.abs(t.amount);
  switch (t.role) {
    case 'invoice':
      return [['sales', abs]];
    case 'cashSale':
      return [['sales', abs], ['payments', abs]];
    case 'return':
      return [['returns', abs]];
    case 'payment':
      return [['payments', abs]];
    case 'refund':
      return [['refunds', abs]];
    case 'credit':
      return [['credits', abs]];
    case 'writeOff':
      return [['writeOffs', abs]];
  }
}
