/**
 * Rule: an order becomes one INVOICE for its full total on Accounts Receivable (a payment plan
 * too: its due date is the last instalment's). The lines credit income, so the header debits A/R.
 */
import type { Day } from '../../dates.ts';
import { cleanIifText } from '../../iif/sanitize.ts';
import type { BuildContext } from '../build-context.ts';
import type { TransactionHeader } from '../store.ts';
import type { SaleForm } from './sale-form.ts';

export function invoiceHeader(ctx: BuildContext, sale: SaleForm, dueDate: Day | undefined): TransactionHeader {
  const { reg, profile } = ctx;
  return {
    key: `invoice:${sale.saleId}`,
    role: 'invoice',
    type: 'INVOICE',
    date: sale.date,
    account: reg.ar('accountsReceivable'),
    name: sale.customer.name,
    class: sale.class,
    amount: sale.total,
    docNum: sale.docNum || undefined,
    memo: sale.memo,
    dueDate,
    terms: profile.options.terms ? cleanIifText(profile.options.terms, 31).text : undefined,
    toPrint: false,
    isTaxable: sale.hasTax,
    address: sale.customer.billTo,
    sources: sale.sources,
    keapIds: sale.keapIds,
  };
}
