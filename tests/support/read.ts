// Reading files with the core's reader in tests: bytes or text in, the reading stage out.
import { isoOfDay, NO_DAY } from '../../src/core/dates.ts';
import { readFiles, type ReadOptions } from '../../src/core/keap/read-files.ts';
import type { FileRead, KeapTables, ReadStage, RowSources } from '../../src/core/keap/tables.ts';
import { formatDecimal } from '../../src/core/money.ts';
import type { ColumnMap } from '../../src/core/profile/types.ts';
import { bytesSource } from '../../src/core/source.ts';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** Reads files given as bytes. */
export function readAll(files: readonly NamedBytes[], options: ReadOptions & { columnMaps?: readonly ColumnMap[] } = {}): ReadStage {
  return readFiles(files.map((f) => bytesSource(f.name, f.bytes)), options.columnMaps ?? [], undefined, options);
}

/** Reads one file: the stage plus that file's read. */
export function readOne(name: string, bytes: Uint8Array, options: ReadOptions = {}): ReadStage & { file: FileRead } {
  const stage = readAll([{ name, bytes }], options);
  return { ...stage, file: stage.files[0]! };
}

/** Reads one file given as text (UTF-8). */
export function readText(name: string, text: string, options: ReadOptions = {}): ReadStage & { file: FileRead } {
  return readOne(name, new TextEncoder().encode(text), options);
}

/** Every row of every table as plain values (dates as ISO, decimals as text), to compare reads. */
export function tableRows(t: KeapTables): Record<string, Record<string, unknown>[]> {
  const rows = <R extends RowSources>(table: R, row: (i: number) => Record<string, unknown>) =>
    Array.from({ length: table.count }, (_, i) => ({ file: t.files[table.fileIndex(i)], row: table.sheetRow(i), ...row(i) }));
  const day = (d: number) => (d === NO_DAY ? '' : isoOfDay(d));
  const { orderItems: oi, orders: o, invoices: inv, payments: p, payPlans: pp, payPlanItems: pi, contacts: c, products: pr } = t;
  return {
    orderItems: rows(oi, (i) => ({ itemId: oi.itemId(i), orderId: oi.orderId(i), productId: oi.productId(i), itemType: oi.itemType(i), name: oi.name(i), description: oi.description(i), notes: oi.notes(i), qty: formatDecimal(oi.qty(i)), unitPrice: formatDecimal(oi.unitPrice(i)), amount: oi.amount(i) })),
    orders: rows(o, (i) => ({ orderId: o.orderId(i), invoiceId: o.invoiceId(i), contactId: o.contactId(i), date: day(o.date(i)), total: o.total(i), productNames: o.productNames(i), title: o.title(i), promoCode: o.promoCode(i), contact: o.contact(i) })),
    invoices: rows(inv, (i) => ({ invoiceId: inv.invoiceId(i), orderId: inv.orderId(i), contactId: inv.contactId(i), date: day(inv.date(i)), total: inv.total(i), totalPaid: inv.totalPaid(i), totalDue: inv.totalDue(i), payPlanStatus: inv.payPlanStatus(i), description: inv.description(i), contact: inv.contact(i) })),
    payments: rows(p, (i) => ({ paymentId: p.paymentId(i), invoiceId: p.invoiceId(i), contactId: p.contactId(i), date: day(p.date(i)), payType: p.payType(i), amount: p.amount(i), note: p.note(i) })),
    payPlans: rows(pp, (i) => ({ payPlanId: pp.payPlanId(i), invoiceId: pp.invoiceId(i), startDate: day(pp.startDate(i)), firstPayAmt: pp.firstPayAmt(i) })),
    payPlanItems: rows(pi, (i) => ({ payPlanId: pi.payPlanId(i), dueDate: day(pi.dueDate(i)), amountDue: pi.amountDue(i) })),
    contacts: rows(c, (i) => ({ contactId: c.contactId(i), ...c.contact(i) })),
    products: rows(pr, (i) => ({ productId: pr.productId(i), name: pr.name(i), sku: pr.sku(i), price: pr.price(i) })),
  };
}
