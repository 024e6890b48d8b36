// TEMPORARY (issue 11): the old record reader behind the KeapTables contract, until the columnar
// reader lands. Deleted then.
import { dayOf, NO_DAY } from '../dates.ts';
import type { Issue } from '../issues.ts';
import type { ColumnMap } from '../profile/types.ts';
import type { ByteSource } from '../source.ts';
import { readAllBytes } from '../source.ts';
import { emptyDataset, type ContactDetails, type KeapDataset, type SourceRef } from './model.ts';
import { mergeExports } from './merge.ts';
import { readExport } from './read-export.ts';
import type { KeapTables, ReadStage, RowSources } from './tables.ts';

const CONTACT_KEYS: (keyof ContactDetails)[] = ['firstName', 'lastName', 'company', 'email', 'phone', 'address1', 'address2', 'city', 'state', 'postalCode', 'country'];
const contactOf = (c: Partial<ContactDetails>): ContactDetails => {
  const out = {} as ContactDetails;
  for (const k of CONTACT_KEYS) out[k] = c[k] ?? '';
  return out;
};
const day = (d: string) => (d ? dayOf(d) : NO_DAY);
const money = (c: number | null) => (c === null ? Number.NaN : c);

function rowsOf<T extends { src: SourceRef }>(list: T[], fileIndex: (f: string) => number): RowSources & { at: (i: number) => T } {
  return { count: list.length, fileIndex: (i) => fileIndex(list[i]!.src.file), sheetRow: (i) => list[i]!.src.row, at: (i) => list[i]! };
}

export function tablesOf(data: KeapDataset, files: string[]): KeapTables {
  const fileIndex = (f: string) => files.indexOf(f);
  const oi = rowsOf(data.orderItems, fileIndex);
  const o = rowsOf(data.orders, fileIndex);
  const inv = rowsOf(data.invoices, fileIndex);
  const p = rowsOf(data.payments, fileIndex);
  const pp = rowsOf(data.payPlans, fileIndex);
  const ppi = rowsOf(data.payPlanItems, fileIndex);
  const c = rowsOf(data.contacts, fileIndex);
  const pr = rowsOf(data.products, fileIndex);
  return {
    files,
    orderItems: { ...oi, itemId: (i) => oi.at(i).itemId ?? '', orderId: (i) => oi.at(i).orderId, productId: (i) => oi.at(i).productId, itemType: (i) => oi.at(i).itemType, name: (i) => oi.at(i).name, description: (i) => oi.at(i).description, notes: (i) => oi.at(i).notes, qty: (i) => oi.at(i).qty, unitPrice: (i) => oi.at(i).unitPrice, amount: (i) => oi.at(i).amount },
    orders: { ...o, orderId: (i) => o.at(i).orderId, invoiceId: (i) => o.at(i).invoiceId, contactId: (i) => o.at(i).contactId, date: (i) => day(o.at(i).date), total: (i) => money(o.at(i).total), productNames: (i) => o.at(i).productNames, title: (i) => o.at(i).title, promoCode: (i) => o.at(i).promoCode, contact: (i) => contactOf(o.at(i).contact) },
    invoices: { ...inv, invoiceId: (i) => inv.at(i).invoiceId, orderId: (i) => inv.at(i).orderId, contactId: (i) => inv.at(i).contactId, date: (i) => day(inv.at(i).date), total: (i) => money(inv.at(i).total), totalPaid: (i) => money(inv.at(i).totalPaid), totalDue: (i) => money(inv.at(i).totalDue), payPlanStatus: (i) => inv.at(i).payPlanStatus, description: (i) => inv.at(i).description, contact: (i) => contactOf(inv.at(i).contact) },
    payments: { ...p, paymentId: (i) => p.at(i).paymentId, invoiceId: (i) => p.at(i).invoiceId, contactId: (i) => p.at(i).contactId, date: (i) => day(p.at(i).date), payType: (i) => p.at(i).payType, amount: (i) => p.at(i).amount, note: (i) => p.at(i).note },
    payPlans: { ...pp, payPlanId: (i) => pp.at(i).payPlanId, invoiceId: (i) => pp.at(i).invoiceId, startDate: (i) => day(pp.at(i).startDate), firstPayAmt: (i) => money(pp.at(i).firstPayAmt) },
    payPlanItems: { ...ppi, payPlanId: (i) => ppi.at(i).payPlanId, dueDate: (i) => day(ppi.at(i).dueDate), amountDue: (i) => ppi.at(i).amountDue },
    contacts: { ...c, contactId: (i) => c.at(i).contactId, contact: (i) => contactOf(c.at(i)) },
    products: { ...pr, productId: (i) => pr.at(i).productId, name: (i) => pr.at(i).name, sku: (i) => pr.at(i).sku, price: (i) => money(pr.at(i).price) },
  };
}

export function readFiles(sources: readonly ByteSource[], columnMaps: readonly ColumnMap[], onProgress?: (bytesRead: number, rows: number) => void): ReadStage {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  let rows = 0;
  const reads = sources.map((s) => {
    let name = s.name;
    for (let n = 2; seen.has(name); n++) name = `${s.name} (${n})`;
    seen.add(name);
    const read = readExport({ name, bytes: readAllBytes(s) }, columnMaps);
    for (const x of read.issues) issues.push(x);
    bytes += s.size;
    rows += read.report.rowsRead;
    onProgress?.(bytes, rows);
    return read;
  });
  const merged = mergeExports(reads);
  for (const x of merged.issues) issues.push(x);
  const files = reads.map((r) => r.report.file);
  return {
    tables: tablesOf(merged.dataset ?? emptyDataset(), files),
    files: reads.map((r) => {
      const aside = new Set(r.setAsideRows);
      for (const s of merged.conflictRows) if (s.file === r.report.file) aside.add(s.row);
      return { report: r.report, setAsideRows: aside, duplicateRows: merged.duplicateRows.filter((s) => s.file === r.report.file).map((s) => s.row) };
    }),
    issues,
  };
}
