/**
 * The credit memo a Keap credit or write-off becomes: the header credits the Credit Credit
 * Account (A/R) for the amount, one line debits the credit (or write-off) item's account.
 */
import { decimalFromInt, decimalOf } from '../../money.ts';
import type { BuildContext } from '../build-context.ts';
import type { MoneyRow } from './money-row.ts';

export function writeCreditMemo(ctx: BuildContext, row: MoneyRow, kind: 'credit' | 'writeOff'): void {
  const { reg, memo, store } = ctx;
  const abs = Math.abs(row.amount);
  const n = reg.special(kind);
  const what = kind === 'credit' ? 'Credit' : 'Write-off';
  store.begin();
  store.line({ account: n.account, class: row.class, amount: abs, memo: memo(`${what} on Keap invoice ${row.invoiceId}${row.note}`), item: n.item, qty: decimalFromInt(1), price: decimalOf(BigInt(abs), 2) });
  store.commit({
    key: `${kind}:${row.keapId}`,
    role: kind,
    type: 'CREDIT MEMO',
    date: row.date,
    account: reg.ar('creditCredit'),
    name: row.customer.name,
    class: row.class,
    amount: -abs,
    memo: memo(`Keap ${what} on invoice ${row.invoiceId}${row.note}`),
    toPrint: false,
    isTaxable: false,
    address: row.customer.billTo,
    sources: [row.source],
    keapIds: [row.keapId],
  });
}
