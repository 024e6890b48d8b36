/**
 * The rows of one Keap Payments deposit read as what they are: payments (gross and processing
 * fee), refunds and chargebacks (negative rows), and fees that belong to no payment (deposit,
 * chargeback, updater). Each row is checked on its own (a fee larger than its payment, a net
 * that is not amount less fee, a row that is none of these); the totals follow from the rows and
 * are never adjusted.
 */
import type { IssueCode } from '../issues.ts';
import type { DepositRows } from '../keap/tables.ts';
import { formatCentsPlain, type Cents } from '../money.ts';

export interface DepositPart {
  row: number;
  /** Positive. */
  amount: Cents;
}

export interface DepositParts {
  payments: (DepositPart & { fee: Cents })[];
  refunds: (DepositPart & { kind: 'refund' | 'chargeback' })[];
  otherFees: (DepositPart & { label: string })[];
  gross: Cents;
  fees: Cents;
  otherFeeTotal: Cents;
  refundTotal: Cents;
  net: Cents;
  /** Rows that cannot be part of a deposit as they are (the deposit is then set aside). */
  problems: { row: number; code: IssueCode; message: string }[];
}

const money = (c: Cents) => (c === c ? c : 0);

/** Reads a deposit's rows (numbers in `deposits`). */
export function depositParts(deposits: DepositRows, rows: readonly number[]): DepositParts {
  const parts: DepositParts = { payments: [], refunds: [], otherFees: [], gross: 0, fees: 0, otherFeeTotal: 0, refundTotal: 0, net: 0, problems: [] };
  for (const r of rows) {
    const type = deposits.type(r);
    const t = type.toLowerCase();
    const amount = money(deposits.amount(r));
    // Keap may show a fee as 0.59 or -0.59: it is taken off either way.
    const fee = Math.abs(money(deposits.fee(r)));
    const stated = deposits.net(r);
    const label = type || (amount < 0 ? 'refund' : 'payment');
    let expected: Cents;
    if (t.includes('fee') || (amount === 0 && fee > 0)) {
      // A fee of its own: the amount may be in the fee column or (negative) in the amount column.
      const own = fee > 0 ? fee : Math.abs(amount);
      parts.otherFees.push({ row: r, amount: own, label: type || 'fee' });
      parts.otherFeeTotal += own;
      expected = -own;
    } else if (amount > 0 && !/refund|chargeback/.test(t)) {
      if (fee > amount) {
        parts.problems.push({ row: r, code: 'deposit.fee-exceeds-amount', message: `The ${label} of ${formatCentsPlain(amount)} has a fee of ${formatCentsPlain(fee)}, larger than the payment itself.` });
      }
      parts.payments.push({ row: r, amount, fee });
      parts.gross += amount;
      parts.fees += fee;
      expected = amount - fee;
    } else if (amount < 0) {
      const kind = t.includes('chargeback') ? 'chargeback' : 'refund';
      parts.refunds.push({ row: r, amount: -amount, kind });
      parts.refundTotal += -amount;
      // A fee charged on a refund or chargeback belongs to no payment.
      if (fee > 0) {
        parts.otherFees.push({ row: r, amount: fee, label: `${kind} fee` });
        parts.otherFeeTotal += fee;
      }
      expected = amount - fee;
    } else {
      parts.problems.push({ row: r, code: 'deposit.unknown-row', message: `The row of type "${type}" for ${formatCentsPlain(amount)} is neither a payment (positive), a refund or chargeback (negative) nor a fee, so we cannot tell what it does to the deposit.` });
      continue;
    }
    if (stated === stated && stated !== expected) {
      parts.problems.push({ row: r, code: 'deposit.net-mismatch', message: `The ${label} row says its net is ${formatCentsPlain(stated)}, but its amount ${formatCentsPlain(amount)} less its fee ${formatCentsPlain(fee)} is ${formatCentsPlain(expected)} (a difference of ${formatCentsPlain(stated - expected)}).` });
    }
  }
  parts.net = parts.gross - parts.fees - parts.refundTotal - parts.otherFeeTotal;
  return parts;
}
