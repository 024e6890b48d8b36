/** One table per kind of Keap export, sharing one set of id codes. */
import type { IdCodes } from '../columns.ts';
import { ContactTable } from './contacts.ts';
import { DepositListTable } from './deposit-list.ts';
import { DepositTable } from './deposits.ts';
import { InvoiceTable } from './invoices.ts';
import { OrderItemTable } from './order-items.ts';
import { OrderTable } from './orders.ts';
import { PayPlanItemTable } from './pay-plan-items.ts';
import { PayPlanTable } from './pay-plans.ts';
import { PaymentTable } from './payments.ts';
import { ProductTable } from './products.ts';

export interface KindTables {
  orderItems: OrderItemTable;
  orders: OrderTable;
  invoices: InvoiceTable;
  payments: PaymentTable;
  payPlans: PayPlanTable;
  payPlanItems: PayPlanItemTable;
  contacts: ContactTable;
  products: ProductTable;
  deposits: DepositTable;
  depositList: DepositListTable;
}

export function createKindTables(ids: IdCodes): KindTables {
  return {
    orderItems: new OrderItemTable(ids),
    orders: new OrderTable(ids),
    invoices: new InvoiceTable(ids),
    payments: new PaymentTable(ids),
    payPlans: new PayPlanTable(ids),
    payPlanItems: new PayPlanItemTable(ids),
    contacts: new ContactTable(ids),
    products: new ProductTable(ids),
    deposits: new DepositTable(ids),
    depositList: new DepositListTable(ids),
  };
}

