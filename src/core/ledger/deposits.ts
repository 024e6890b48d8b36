/**
 * Keap Payments deposit rows -> one DEPOSIT per payout (rules/deposit.ts). Rows are grouped by
 * deposit id (a file without one is one deposit), read into payments, refunds and fees
 * (deposit-parts.ts), dated (a column of the file, else the deposits list by id or by a unique
 * amount, else the date the user gave for the file), checked against any total stated for them,
 * and tied to the payments of the payments export (deposit-ties.ts). A deposit that cannot be
 * written as the bank received it is set aside whole, with the reason; it is never adjusted.
 */
import { dayOf, formatIifDate, isoOfDay, NO_DAY, type Day, type IsoDate } from '../dates.ts';
import { issue, type IssueCode } from '../issues.ts';
import type { SourceRef } from '../keap/model.ts';
import { sourceOf, type KeapTables } from '../keap/tables.ts';
import { formatCentsPlain, type Cents } from '../money.ts';
import type { BuildContext } from './build-context.ts';
import { depositParts, type DepositParts } from './deposit-parts.ts';
import { PaymentLookup } from './deposit-ties.ts';
import { writeDeposit, type DepositMoneyLine } from './rules/deposit.ts';

/** What a written deposit holds, for the totals. */
export interface DepositFacts {
  txn: number;
  gross: Cents;
  fees: Cents;
  otherFees: Cents;
  refunds: Cents;
  net: Cents;
  /** Payments export rows the deposit's payments were tied to. */
  paymentRows: number[];
}

/** A payment inside a written deposit that this conversion did not write (checked against the history by convert). */
export interface UnwrittenDepositedPayment {
  /** Keap's payment id ('' when the deposit row has none). */
  paymentId: string;
  depositTxn: number;
  amount: Cents;
  source: SourceRef;
}

export interface DepositsOutcome {
  facts: DepositFacts[];
  unwritten: UnwrittenDepositedPayment[];
}

/** Statuses of the deposits list that mean the money reached the bank. */
const PAID_STATUSES = new Set(['paid', 'completed', 'complete', 'deposited']);

interface Group {
  rows: number[];
  sources: SourceRef[];
  file: string;
  depositId: string;
  parts: DepositParts;
}

export function writeDeposits(ctx: BuildContext, tables: KeapTables, depositDates: Readonly<Record<string, IsoDate>>): DepositsOutcome {
  const deposits = tables.deposits;
  const list = tables.depositList;
  const outcome: DepositsOutcome = { facts: [], unwritten: [] };
  const groups = groupRows(tables);

  // The deposits list: by id, and by amount where the amount is unique.
  const listById = new Map<string, number>();
  const listByAmount = new Map<Cents, number[]>();
  for (let l = 0; l < list.count; l++) {
    listById.set(list.depositId(l), l);
    const same = listByAmount.get(list.amount(l));
    if (same) same.push(l);
    else listByAmount.set(list.amount(l), [l]);
  }
  const netsWithoutId = new Map<Cents, number>();
  for (const g of groups) if (!g.depositId) netsWithoutId.set(g.parts.net, (netsWithoutId.get(g.parts.net) ?? 0) + 1);
  const listRowOf = (g: Group): number => {
    if (g.depositId) return listById.get(g.depositId) ?? -1;
    const same = listByAmount.get(g.parts.net) ?? [];
    return same.length === 1 && netsWithoutId.get(g.parts.net) === 1 ? same[0]! : -1;
  };
  const usedListRows = new Set<number>();

  const lookup = new PaymentLookup(ctx, tables);
  for (const g of groups) {
    const { parts } = g;
    const abs = Math.abs(parts.net);
    ctx.input.deposits.amount += abs;
    ctx.input.deposits.count++;
    const listRow = listRowOf(g);
    if (listRow >= 0) usedListRows.add(listRow);
    const id = g.depositId || (listRow >= 0 ? list.depositId(listRow) : '');
    const name = id ? `Deposit ${id}` : `The deposit in ${g.file}`;
    const refuse = (code: IssueCode, severity: 'error' | 'warning' | 'info', message: string, at: SourceRef[] = g.sources) => {
      ctx.setAside.push({ kind: 'deposits', amount: abs, sources: g.sources, code });
      const first = at[0];
      ctx.issues.push(issue(code, severity, message, first ? { file: first.file, row: first.row } : {}));
    };

    if (g.rows.some((r) => deposits.unreadable(r)) || deposits.incompleteFile(deposits.fileIndex(g.rows[0]!))) {
      refuse('deposit.incomplete', 'error', `${name} (net ${formatCentsPlain(parts.net)}) was set aside: some of its rows could not be read (see the problems of ${g.file}), so it would not be the deposit the bank received. Correct the file and convert again.`);
      continue;
    }
    if (parts.problems.length > 0) {
      const [first, ...rest] = parts.problems;
      refuse(first!.code, 'error', `${name} was set aside: ${first!.message} Check the deposit in Keap; nothing was adjusted.`, [sourceOf(tables, deposits, first!.row)]);
      for (const p of rest) ctx.issues.push(issue(p.code, 'error', `${name}: ${p.message}`, sourceOf(tables, deposits, p.row)));
      continue;
    }
    const stated = statedTotal(tables, g, listRow);
    if (stated !== null && stated.amount !== parts.net) {
      refuse('deposit.total-mismatch', 'error', `${name} was set aside: ${stated.where} states ${formatCentsPlain(stated.amount)}, but its rows add up to ${formatCentsPlain(parts.net)} (payments ${formatCentsPlain(parts.gross)}, fees ${formatCentsPlain(parts.fees)}, refunds ${formatCentsPlain(parts.refundTotal)}, other fees ${formatCentsPlain(parts.otherFeeTotal)}): a difference of ${formatCentsPlain(stated.amount - parts.net)}. Nothing was adjusted; check the deposit in Keap.`);
      continue;
    }
    if (listRow >= 0 && !PAID_STATUSES.has(list.status(listRow).trim().toLowerCase())) {
      refuse('deposit.not-paid', 'info', `${name} is "${list.status(listRow)}" in the deposits list, not paid yet; it was left out. Convert it once Keap shows it paid.`);
      continue;
    }
    const date = depositDate(tables, g, listRow, depositDates);
    if (date.day === NO_DAY) {
      refuse('deposit.no-date', 'error', `${name} was set aside: ${date.why} Add the Keap Payments deposits list export, or give the deposit's date on the file card (command line: --deposit-date "${g.file}=MM/DD/YYYY").`);
      continue;
    }
    if (!ctx.inRange(date.day)) {
      refuse('range.outside', 'info', `${name} dated ${formatIifDate(isoOfDay(date.day))} is outside the chosen date range; it was left out.`);
      continue;
    }

    // Ties to the payments export, and the latest payment in the deposit.
    const tie = (r: number, amount: Cents) => {
      const t = lookup.find(deposits.paymentId(r), deposits.date(r), amount, deposits.customer(r), deposits.email(r));
      if (t.row < 0 && t.candidates > 1) {
        ctx.issues.push(issue('deposit.not-tied', 'warning', `The payment of ${formatCentsPlain(amount)} in ${name.replace(/^The/, 'the')} fits ${t.candidates} payments of the payments export (same date, amount and customer); it is written without a customer. Export the payment id with both files to tie them.`, sourceOf(tables, deposits, r)));
      }
      return t.row;
    };
    let latest: Day = NO_DAY;
    let latestRow = -1;
    const paymentRows: number[] = [];
    const lines: DepositMoneyLine[] = [];
    const unwritten: UnwrittenDepositedPayment[] = [];
    for (const p of parts.payments) {
      const paymentId = deposits.paymentId(p.row);
      if (!paymentId) {
        ctx.issues.push(issue('deposit.payment-id-missing', 'warning', `The payment of ${formatCentsPlain(p.amount)} in ${name.replace(/^The/, 'the')} has no payment id; it was matched by date, amount and customer instead, and the export history cannot recognise it by id.`, { ...sourceOf(tables, deposits, p.row), column: 'Payment ID' }));
      }
      const row = tie(p.row, p.amount);
      const customer = row >= 0 ? lookup.customerOf(row) : undefined;
      if (row >= 0) {
        paymentRows.push(row);
        const written = ctx.writtenPayments.get(row);
        if (written && !written.clearing) {
          const payType = tables.payments.payType(row);
          ctx.issues.push(issue('deposit.pay-type-not-cleared', 'warning', `The ${payType} payment ${paymentId} is in ${name.replace(/^The/, 'the')}, but the pay type "${payType}" is not one of the Keap Payments pay types, so its PAYMENT went to another account and the clearing account will not net to zero. Add "${payType}" to the Keap Payments pay types in the mapping.`, sourceOf(tables, deposits, p.row)));
        }
      }
      if (row < 0 || !ctx.writtenPayments.has(row)) unwritten.push({ paymentId, depositTxn: -1, amount: p.amount, source: sourceOf(tables, deposits, p.row) });
      const day = row >= 0 ? Math.max(lookup.date(row), deposits.date(p.row)) : deposits.date(p.row);
      if (day !== NO_DAY && (latest === NO_DAY || day > latest)) {
        latest = day;
        latestRow = p.row;
      }
      lines.push({ amount: p.amount, paymentId, customer, customerText: deposits.customer(p.row) || deposits.email(p.row) });
    }
    if (latest !== NO_DAY && latest > date.day) {
      refuse('deposit.before-payment', 'error', `${name} is dated ${formatIifDate(isoOfDay(date.day))} (${date.from}), before the payment of ${formatIifDate(isoOfDay(latest))} it holds: a deposit cannot pay out a payment not yet made. Check the deposit's date.`, [sourceOf(tables, deposits, latestRow)]);
      continue;
    }
    const refunds = parts.refunds.map((r) => ({ amount: r.amount, kind: r.kind, paymentId: deposits.paymentId(r.row), customer: undefined, customerText: deposits.customer(r.row) || deposits.email(r.row) }));
    const txn = writeDeposit(ctx, {
      id: id || syntheticId(tables, g, date.day),
      hasKeapId: id !== '',
      date: date.day,
      payments: lines,
      refunds,
      fees: parts.fees,
      otherFees: parts.otherFees.map((f) => ({ amount: f.amount, label: f.label })),
      net: parts.net,
      sources: g.sources,
    });
    outcome.facts.push({ txn, gross: parts.gross, fees: parts.fees, otherFees: parts.otherFeeTotal, refunds: parts.refundTotal, net: parts.net, paymentRows });
    for (const u of unwritten) outcome.unwritten.push({ ...u, depositTxn: txn });
  }

  for (let l = 0; l < list.count; l++) {
    if (usedListRows.has(l)) continue;
    const src = sourceOf(tables, list, l);
    const paid = PAID_STATUSES.has(list.status(l).trim().toLowerCase());
    ctx.issues.push(issue(paid ? 'deposit.list-unmatched' : 'deposit.not-paid', 'info', paid
      ? `Deposit ${list.depositId(l)} of ${formatCentsPlain(list.amount(l))} on ${formatIifDate(isoOfDay(list.date(l)))} is in the deposits list, but no deposit file holds its payments, so it was not written. Add its CSV from Keap to write it.`
      : `Deposit ${list.depositId(l)} of ${formatCentsPlain(list.amount(l))} is "${list.status(l)}" in the deposits list, not paid yet; it is not written.`, src));
  }
  return outcome;
}

/** The deposits' rows grouped by deposit id, or by file for files without one, in the order met. */
function groupRows(tables: KeapTables): Group[] {
  const deposits = tables.deposits;
  const byKey = new Map<string, number[]>();
  for (let r = 0; r < deposits.count; r++) {
    const id = deposits.depositId(r);
    const key = id ? `id ${id}` : `file ${deposits.fileIndex(r)}`;
    const rows = byKey.get(key);
    if (rows) rows.push(r);
    else byKey.set(key, [r]);
  }
  return [...byKey.values()].map((rows) => ({
    rows,
    sources: rows.map((r) => sourceOf(tables, deposits, r)),
    file: tables.files[deposits.fileIndex(rows[0]!)] ?? '',
    depositId: deposits.depositId(rows[0]!),
    parts: depositParts(deposits, rows),
  }));
}

/** A total the files state for the deposit: a column of the deposit file, or the deposits list found by id. */
function statedTotal(tables: KeapTables, g: Group, listRow: number): { amount: Cents; where: string } | null {
  const deposits = tables.deposits;
  for (const r of g.rows) {
    const amount = deposits.depositAmount(r);
    if (amount === amount) return { amount, where: `${g.file} row ${deposits.sheetRow(r)}` };
  }
  if (listRow >= 0 && g.depositId) return { amount: tables.depositList.amount(listRow), where: 'the deposits list' };
  return null;
}

/** The deposit's date: a column of its file, else the deposits list, else the date given for its file. */
function depositDate(tables: KeapTables, g: Group, listRow: number, given: Readonly<Record<string, IsoDate>>): { day: Day; from: string; why: string } {
  const deposits = tables.deposits;
  const days = new Set<Day>();
  for (const r of g.rows) if (deposits.depositDate(r) !== NO_DAY) days.add(deposits.depositDate(r));
  if (days.size === 1) return { day: [...days][0]!, from: `the deposit date in ${g.file}`, why: '' };
  if (days.size > 1) return { day: NO_DAY, from: '', why: `its rows give ${days.size} different deposit dates.` };
  if (listRow >= 0) return { day: tables.depositList.date(listRow), from: 'the deposits list', why: '' };
  const typed = given[g.file];
  if (typed) return { day: dayOf(typed), from: `the date given for ${g.file}`, why: '' };
  return { day: NO_DAY, from: '', why: `${g.file} has no deposit date, and no deposits list row matches it by deposit id or by amount (${formatCentsPlain(g.parts.net)}).` };
}

/** A stable id for a deposit the files give no id for: its date, net and first payment (never the file name). */
function syntheticId(tables: KeapTables, g: Group, day: Day): string {
  const first = g.parts.payments[0];
  const firstPayment = first ? tables.deposits.paymentId(first.row) : '';
  return `${isoOfDay(day)}|${g.parts.net}|${firstPayment || g.rows.length}`;
}
