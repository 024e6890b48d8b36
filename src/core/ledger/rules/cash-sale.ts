/**
 * Rule: with the profile's cash-sale option, an order paid in full by one payment on the order
 * date becomes one CASH SALE (sales receipt) on the payment's deposit account, instead of an
 * INVOICE and a PAYMENT that QuickBooks could not link (IIF cannot apply a payment).
 */
import { formatIifDate, isoOfDay } from '../../dates.ts';
import type { PaymentRows } from '../../keap/tables.ts';
import type { BuildContext } from '../build-context.ts';
import type { TransactionHeader } from '../store.ts';
import { paymentKeapId } from './payment.ts';
import type { SaleForm } from './sale-form.ts';

/**
 * The payment row that makes the order a cash sale, or -1: the option is on, it is not a
 * return, and its only money-in row pays the whole total on the order date, with no other row
 * (refund, credit) on it.
 */
export function cashSalePayment(ctx: BuildContext, payments: PaymentRows, sale: Pick<SaleForm, 'date' | 'total'>, moneyIn: readonly number[], written: readonly number[]): number {
  if (!ctx.profile.options.cashSaleWhenPaidOnOrderDate || sale.total < 0 || moneyIn.length !== 1) return -1;
  const p = moneyIn[0] as number;
  const paidInFull = payments.date(p) === sale.date && payments.amount(p) === sale.total;
  return paidInFull && moneyIn.length === written.length ? p : -1;
}

export function cashSaleHeader(ctx: BuildContext, payments: PaymentRows, sale: SaleForm, p: number, paymentSource: SaleForm['sources'][number]): TransactionHeader {
  const { reg, memo } = ctx;
  const payType = payments.payType(p);
  const pm = ctx.payTypeMapping(payType, payments.amount(p));
  return {
    key: `cashsale:${sale.saleId}`,
    role: 'cashSale',
    type: 'CASH SALE',
    date: sale.date,
    account: ctx.moneyInAccount(payType, payments.amount(p)),
    name: sale.customer.name,
    class: sale.class,
    amount: sale.total,
    docNum: sale.docNum || undefined,
    memo: memo(`${sale.memo}. Paid ${formatIifDate(isoOfDay(payments.date(p)))} by ${payType || 'payment'}`),
    payMethod: reg.paymentMethod(pm.paymentMethod || payType) || undefined,
    toPrint: false,
    isTaxable: sale.hasTax,
    address: sale.customer.billTo,
    sources: [...sale.sources, paymentSource],
    keapIds: [...sale.keapIds, paymentKeapId(payments, p)],
  };
}
