/**
 * Keap tables + profile -> QuickBooks transactions in the store. Each Keap event becomes what an
 * accountant would enter by hand: one INVOICE per order for its full total (payment plans
 * included: QuickBooks has none), one PAYMENT per instalment, a CHECK per refund, a CREDIT MEMO
 * per credit, write-off or return. Records that cannot be written are set aside with the reason;
 * nothing is adjusted to make numbers fit. Then every transaction is checked: names QuickBooks
 * can take, and a balance of exactly zero.
 */
import { appendAll, issue, type Issue } from '../issues.ts';
import { isoOfDay, type IsoDate } from '../dates.ts';
import type { SourceRef } from '../keap/model.ts';
import { sourceOf, type KeapTables } from '../keap/tables.ts';
import type { Cents } from '../money.ts';
import type { Profile } from '../profile/types.ts';
import type { MoneyKind } from '../report.ts';
import { checkBalance } from './check.ts';
import { createBuildContext, type BuildContext, type MoneyInput, type SetAside } from './build-context.ts';
import { writeDeposits, type DepositsOutcome } from './deposits.ts';
import type { ContactInput } from './customers.ts';
import { nameCustomers, type CustomerMatching } from './customer-matching.ts';
import type { CustomerDef, TxnRole } from './model.ts';
import { writeMoneyMovements } from './payments.ts';
import type { NameRegistry } from './registry.ts';
import type { NameProblem } from '../qb/names.ts';
import { indexSales, type Sale } from './sales-index.ts';
import { writeSales } from './sales.ts';
import { TransactionStore } from './store.ts';

export type { SetAside } from './build-context.ts';

/** Payments written to the Keap Payments clearing account that no deposit of the files covers. */
export interface NotYetDeposited {
  date: IsoDate;
  customer: string;
  amount: Cents;
  /** Keap's payment id ('' when the payments export has none). */
  paymentId: string;
  source: SourceRef;
  /** Its transaction (a PAYMENT, or the CASH SALE it is part of). */
  txn: number;
}

/** What the build did with Keap Payments deposits (null when no deposit file was converted). */
export interface DepositsBuilt extends DepositsOutcome {
  notYetDeposited: NotYetDeposited[];
}

export interface BuildOptions {
  /** The date of each deposit file's deposits, by file name, when neither the file nor the deposits list gives one. */
  depositDates?: Readonly<Record<string, IsoDate>>;
}

export interface BuildResult {
  store: TransactionStore;
  setAside: SetAside[];
  issues: Issue[];
  registry: NameRegistry;
  customers: Map<string, CustomerDef>;
  /** Money read from the files per kind (independent of what was written). */
  input: MoneyInput;
  /** Contacts matched to (or suggested for) customers QuickBooks already has. */
  customerMatching: CustomerMatching;
  deposits: DepositsBuilt | null;
}

const hasName = (c: Partial<ContactInput>) => !!(c.firstName || c.lastName || c.company || c.email);

/**
 * Customers: from the contacts export, else from the contact columns of the invoice or order
 * row. Contacts known only by name are told apart by name and email, so one person's many
 * orders make one customer (their sales get that synthetic contact id).
 */
function contactsOf(tables: KeapTables, sales: readonly Sale[], findSale: (id: string) => Sale | undefined): ContactInput[] {
  const contactRow = new Map<string, number>();
  for (let r = 0; r < tables.contacts.count; r++) contactRow.set(tables.contacts.contactId(r), r);
  const fromContacts = (id: string): ContactInput => {
    const r = contactRow.get(id) as number;
    return { ...tables.contacts.contact(r), contactId: id, src: sourceOf(tables, tables.contacts, r) };
  };
  const inputs: ContactInput[] = [];
  const seen = new Set<string>();
  for (const s of sales) {
    if (s.contactId && contactRow.has(s.contactId)) {
      if (!seen.has(s.contactId)) {
        inputs.push(fromContacts(s.contactId));
        seen.add(s.contactId);
      }
      continue;
    }
    const invoiceContact = s.invoiceRow >= 0 ? tables.invoices.contact(s.invoiceRow) : null;
    const orderContact = s.orderRow >= 0 ? tables.orders.contact(s.orderRow) : null;
    const inline = invoiceContact && hasName(invoiceContact)
      ? { c: invoiceContact, src: sourceOf(tables, tables.invoices, s.invoiceRow) }
      : orderContact && hasName(orderContact)
        ? { c: orderContact, src: sourceOf(tables, tables.orders, s.orderRow) }
        : null;
    if (!inline) continue;
    const id = s.contactId || `name:${[inline.c.firstName, inline.c.lastName, inline.c.company, inline.c.email].map((x) => (x ?? '').trim().toLowerCase()).join('|')}`;
    if (!seen.has(id)) {
      inputs.push({ ...inline.c, contactId: id, src: inline.src });
      seen.add(id);
    }
    s.contactId = id;
  }
  // Payments whose invoice is not in the files still have a customer when their contact is.
  for (let p = 0; p < tables.payments.count; p++) {
    const id = tables.payments.contactId(p);
    if (id && !seen.has(id) && contactRow.has(id) && !findSale(tables.payments.invoiceId(p))) {
      inputs.push(fromContacts(id));
      seen.add(id);
    }
  }
  return inputs;
}

/** Builds every transaction the files allow, and the reasons for the rest. */
export function buildTransactions(tables: KeapTables, profile: Profile, options: BuildOptions = {}): BuildResult {
  const store = new TransactionStore();
  // Deposits change where card payments land: only when deposit files are converted.
  const withDeposits = tables.deposits.count > 0;
  const ctx = createBuildContext(profile, store, withDeposits);
  for (let r = 0; r < tables.deposits.count; r++) if (tables.deposits.paymentId(r)) ctx.depositedPaymentIds.add(tables.deposits.paymentId(r));
  const { issues, setAside, reg, input } = ctx;
  const index = indexSales(tables, profile.options.paymentRefersTo);
  const { sales, findSale } = index;
  const orders = tables.orders;
  let ordersWithoutIds = orders.count > 0;
  for (let r = 0; r < orders.count && ordersWithoutIds; r++) if (orders.orderId(r) || orders.invoiceId(r)) ordersWithoutIds = false;

  const reserved = new Set<string>([profile.tax.agency.toLowerCase()]);
  for (const v of profile.qbLists?.vendors ?? []) reserved.add(v.name.toLowerCase());
  for (const v of profile.qbLists?.otherNames ?? []) reserved.add(v.name.toLowerCase());
  const { customers, issues: customerIssues, matching } = nameCustomers(contactsOf(tables, sales, findSale), profile, reserved);
  appendAll(issues, customerIssues);
  for (const [id, c] of customers) ctx.customers.set(id, c);
  const customerFor = (s: Sale): CustomerDef | null => (s.contactId ? (customers.get(s.contactId) ?? null) : null);

  // Payment rows per sale (for cash sales and unpaid orders).
  const paymentsBySale = new Map<Sale, number[]>();
  for (let p = 0; p < tables.payments.count; p++) {
    const s = findSale(tables.payments.invoiceId(p));
    if (!s) continue;
    const list = paymentsBySale.get(s);
    if (list) list.push(p);
    else paymentsBySale.set(s, [p]);
  }

  writeSales(ctx, tables, index, paymentsBySale, customerFor);
  writeMoneyMovements(ctx, tables, findSale, customerFor, ordersWithoutIds);
  // A deposits list alone writes nothing, but its rows are still reported.
  const outcome = withDeposits || tables.depositList.count > 0 ? writeDeposits(ctx, tables, options.depositDates ?? {}) : null;
  finalChecks(store, reg, issues, setAside);
  appendAll(issues, reg.issues);
  const deposits = outcome && depositsBuilt(ctx, tables, outcome);
  return { store, setAside, issues, registry: reg, customers, input, customerMatching: matching, deposits };
}

/** The written deposits (a final check may have left one out) and the clearing payments none of them covers. */
function depositsBuilt(ctx: BuildContext, tables: KeapTables, outcome: DepositsOutcome): DepositsBuilt {
  const { store } = ctx;
  const facts = outcome.facts.filter((f) => !store.isDropped(f.txn));
  const covered = new Set<number>();
  for (const f of facts) for (const row of f.paymentRows) covered.add(row);
  const notYetDeposited: NotYetDeposited[] = [];
  for (const [row, w] of ctx.writtenPayments) {
    if (!w.clearing || covered.has(row) || store.isDropped(w.txn)) continue;
    const p = tables.payments;
    notYetDeposited.push({ date: isoOfDay(p.date(row)), customer: store.name(w.txn), amount: p.amount(row), paymentId: p.paymentId(row), source: sourceOf(tables, p, row), txn: w.txn });
  }
  notYetDeposited.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.source.row - b.source.row));
  return { facts, unwritten: outcome.unwritten.filter((u) => !store.isDropped(u.depositTxn)), notYetDeposited };
}

/** Leaves out (with the reason) every transaction that uses a name QuickBooks cannot take, or does not balance. */
function finalChecks(store: TransactionStore, reg: NameRegistry, issues: Issue[], setAside: SetAside[]): void {
  const problemsOfRef = nameProblemsByRef(store, reg);
  for (let i = 0; i < store.count; i++) {
    const problems = transactionNameProblems(store, i, problemsOfRef);
    const balance = problems.length === 0 ? checkBalance(store, i) : null;
    if (problems.length === 0 && balance === null) continue;
    store.drop(i);
    const sources = store.sources(i);
    const first = sources[0];
    const where = first ? { file: first.file, row: first.row } : {};
    if (problems.length > 0) {
      const code = problems.some((p) => p.code === 'name.too-long') ? 'name.too-long' : 'name.invalid';
      for (const [kind, amount] of moneyOf(store.role(i), store.amount(i))) setAside.push({ kind, amount, sources, code });
      issues.push(issue(code, 'error', `The ${store.type(i)} for ${store.name(i)} (${store.keapIds(i).join(', ')}) was set aside because the mapping has a name QuickBooks cannot take: ${problems.map((p) => p.message).join(' ')} Fix it in the Mapping step.`, where));
    } else if (balance) {
      issues.push(issue(balance.code, 'error', balance.message, where));
      for (const [kind, amount] of moneyOf(store.role(i), store.amount(i))) setAside.push({ kind, amount, sources, code: balance.code });
    }
  }
}

const NO_NAME_PROBLEMS: readonly NameProblem[] = [];

/**
 * The problems of each name of the store, looked up once per name rather than per use. Names
 * used as classes are checked as classes first (a class is only checked where one is used).
 */
function nameProblemsByRef(store: TransactionStore, reg: NameRegistry): (ref: number) => readonly NameProblem[] {
  const names = store.names.values;
  const classChecked = new Uint8Array(names.length);
  const checkClass = (ref: number) => {
    if (ref === 0 || classChecked[ref]) return;
    classChecked[ref] = 1;
    reg.problemsOf(names[ref] as string, true);
  };
  for (let i = 0; i < store.count; i++) {
    checkClass(store.classRef(i));
    const { start, end } = store.lines(i);
    for (let j = start; j < end; j++) checkClass(store.lineClassRef(j));
  }
  const known: (readonly NameProblem[] | undefined)[] = [];
  return (ref) => (ref === 0 ? NO_NAME_PROBLEMS : (known[ref] ??= reg.problemsOf(names[ref] as string)));
}

/** Problems with the names transaction i uses (customer names are made clean and are not checked here). */
function transactionNameProblems(store: TransactionStore, i: number, problemsOf: (ref: number) => readonly NameProblem[]): readonly NameProblem[] {
  let out: NameProblem[] | null = null;
  const add = (ref: number) => {
    const found = problemsOf(ref);
    if (found.length === 0) return;
    out ??= [];
    for (const p of found) if (!out.some((x) => x.message === p.message)) out.push(p);
  };
  add(store.accountRef(i));
  add(store.classRef(i));
  add(store.payMethodRef(i));
  const { start, end } = store.lines(i);
  for (let j = start; j < end; j++) {
    add(store.lineAccountRef(j));
    add(store.lineItemRef(j));
    add(store.lineClassRef(j));
    add(store.linePayMethodRef(j));
  }
  return out ?? NO_NAME_PROBLEMS;
}

/** The money a transaction accounts for, per kind (a cash sale is a sale and a payment). */
export function moneyOf(role: TxnRole, amount: Cents): [MoneyKind, Cents][] {
  const abs = Math.abs(amount);
  switch (role) {
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
    case 'deposit':
      return [['deposits', abs]];
  }
}
