/**
 * Rule: a Keap Payments deposit (one payout to the bank) becomes one DEPOSIT, as an accountant
 * would enter it from the bank statement:
 *
 * - TRNS on the bank account for +net (what the bank received);
 * - one SPL per payment on the clearing account for -gross, with the customer and the Keap
 *   payment id in the memo (the payment itself was written to the clearing account);
 * - one SPL on the fee account for +fees, the processing fees of the payments (its memo gives
 *   their count);
 * - a refund or chargeback inside the deposit: +amount on the clearing account (its refund check
 *   was drawn on the clearing account);
 * - each fee that belongs to no payment (deposit, chargeback, updater): +fee on the fee account.
 *
 * QuickBooks takes no negative deposit: a deposit whose net is not positive is written as a
 * GENERAL JOURNAL with the same lines (the bank line first).
 */
import type { Day } from '../../dates.ts';
import type { SourceRef } from '../../keap/model.ts';
import { formatCentsPlain, type Cents } from '../../money.ts';
import type { BuildContext } from '../build-context.ts';

/** A line of the deposit that moves money of one Keap payment, refund or chargeback. */
export interface DepositMoneyLine {
  /** Positive: the payment's gross, or the refund's amount. */
  amount: Cents;
  paymentId: string;
  /** The QuickBooks customer, when the line is tied to a payment written for one. */
  customer: string | undefined;
  /** What the deposit file says about the customer (name or email), for the memo. */
  customerText: string;
}

export interface DepositToWrite {
  /** The deposit's Keap id, or a stable id made from its contents when the files give none. */
  id: string;
  /** True when `id` is Keap's Deposit ID (said in the memo). */
  hasKeapId: boolean;
  date: Day;
  payments: DepositMoneyLine[];
  /** Refunds and chargebacks (kind says which, for the memo). */
  refunds: (DepositMoneyLine & { kind: string })[];
  /** Processing fees of the payments. */
  fees: Cents;
  /** Fees that belong to no payment, each with its label (e.g. "Chargeback Fee"). */
  otherFees: { amount: Cents; label: string }[];
  net: Cents;
  sources: SourceRef[];
}

/** The history id of a deposit. Stored in users' histories: never change its form. */
export function depositKeapId(id: string): string {
  return `deposit:${id}`;
}

function moneyMemo(what: string, line: DepositMoneyLine): string {
  const id = line.paymentId ? ` ${line.paymentId}` : ' (no payment id)';
  return `Keap ${what}${id}${line.customerText ? ` ${line.customerText}` : ''}`;
}

/** Writes the deposit; returns its transaction number. */
export function writeDeposit(ctx: BuildContext, d: DepositToWrite): number {
  const { reg, memo, store } = ctx;
  const bank = reg.depositBank();
  const clearing = reg.clearingAccount();
  const fees = d.fees > 0 || d.otherFees.length > 0 ? reg.feeAccount() : '';
  const count = d.payments.length;
  store.begin();
  for (const p of d.payments) store.line({ account: clearing, name: p.customer, amount: -p.amount, memo: memo(moneyMemo('payment', p)) });
  for (const r of d.refunds) store.line({ account: clearing, name: r.customer, amount: r.amount, memo: memo(moneyMemo(r.kind, r)) });
  if (d.fees > 0) store.line({ account: fees, amount: d.fees, memo: memo(`Keap Payments fees on ${count} payment${count === 1 ? '' : 's'}`) });
  for (const f of d.otherFees) store.line({ account: fees, amount: f.amount, memo: memo(`Keap Payments ${f.label}`) });
  const journal = d.net <= 0;
  return store.commit({
    key: `deposit:${d.id}`,
    role: 'deposit',
    type: journal ? 'GENERAL JOURNAL' : 'DEPOSIT',
    date: d.date,
    account: bank,
    name: '',
    amount: d.net,
    memo: memo(`Keap Payments deposit${d.hasKeapId ? ` ${d.id}` : ''}: ${count} payment${count === 1 ? '' : 's'} of ${formatCentsPlain(d.payments.reduce((s, p) => s + p.amount, 0))}${journal ? ' (fees and refunds exceed the payments: a journal entry, as QuickBooks takes no negative deposit)' : ''}`),
    sources: d.sources,
    keapIds: [depositKeapId(d.id)],
  });
}
