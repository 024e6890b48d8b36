/**
 * Rule: an order whose lines add up to less than zero (returned products) becomes a CREDIT MEMO
 * on the Credit Credit Account: the same lines, quantities positive, the header a credit to A/R.
 */
import type { BuildContext } from '../build-context.ts';
import type { TransactionHeader } from '../store.ts';
import type { SaleForm } from './sale-form.ts';

export function returnHeader(ctx: BuildContext, sale: SaleForm): TransactionHeader {
  return {
    key: `return:${sale.saleId}`,
    role: 'return',
    type: 'CREDIT MEMO',
    date: sale.date,
    account: ctx.reg.ar('creditCredit'),
    name: sale.customer.name,
    class: sale.class,
    amount: sale.total,
    docNum: sale.docNum || undefined,
    memo: ctx.memo(`Return: ${sale.memo}`),
    toPrint: false,
    isTaxable: sale.hasTax,
    address: sale.customer.billTo,
    sources: sale.sources,
    keapIds: sale.keapIds,
  };
}
