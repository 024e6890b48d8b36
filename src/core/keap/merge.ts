/**
 * Merges the records of several files (monthly exports of the same report) into one dataset.
 * An exact repeat of the same record is counted once and reported; the same id with different
 * contents is a conflict, and money records in conflict are set aside rather than guessed.
 */
import { issue, type Issue } from '../issues.ts';
import type { KeapRecord } from './ingest.ts';
import { emptyDataset, type FileKind, type KeapDataset, type KeapOrderItem, type SourceRef } from './model.ts';
import type { ExportRead } from './read-export.ts';

export interface MergeResult {
  dataset: KeapDataset;
  issues: Issue[];
  /** Rows counted once because they repeat another row. */
  duplicateRows: SourceRef[];
  /** Rows set aside because the same id has different contents. */
  conflictRows: SourceRef[];
}

/** Content of a record without its source, for comparing repeats. */
function signature(rec: KeapRecord): string {
  const { src: _src, ...rest } = rec as KeapRecord & { src: SourceRef };
  return JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

function idOf(kind: FileKind, rec: KeapRecord): string {
  const r = rec as unknown as Record<string, unknown>;
  switch (kind) {
    case 'orders':
      return String(r.orderId || r.invoiceId || '');
    case 'invoices':
      return String(r.invoiceId);
    case 'payments':
      return String(r.paymentId || '');
    case 'contacts':
      return String(r.contactId);
    case 'products':
      return String(r.productId || r.name);
    case 'payPlans':
      return String(r.payPlanId);
    default:
      return '';
  }
}

const MONEY_KINDS: FileKind[] = ['orders', 'invoices', 'payments', 'payPlans', 'payPlanItems'];

function where(src: SourceRef): string {
  return `${src.file} row ${src.row}`;
}

/** True when each order's lines sit next to each other (as Keap exports them). */
function linesGroupedByOrder(items: readonly KeapOrderItem[]): boolean {
  const finished = new Set<string>();
  for (let i = 1; i < items.length; i++) {
    const prev = items[i - 1]!.orderId;
    if (items[i]!.orderId === prev) continue;
    finished.add(prev);
    if (finished.has(items[i]!.orderId)) return false;
  }
  return true;
}

/** Merges reads of every file into one dataset. */
export function mergeExports(reads: readonly ExportRead[]): MergeResult {
  const dataset = emptyDataset();
  const issues: Issue[] = [];
  const duplicateRows: SourceRef[] = [];
  const conflictRows: SourceRef[] = [];

  // Order items: an order's lines come as a group; compare groups between files. One file
  // whose orders' lines already sit together needs no grouping (a map per order, at a
  // million orders, is most of the memory merging takes).
  const itemReads = reads.filter((r) => r.kind === 'orderItems');
  const single = itemReads.length === 1 ? (itemReads[0]!.records as KeapOrderItem[]) : null;
  const grouped = single !== null && linesGroupedByOrder(single);
  if (grouped) dataset.orderItems = single.slice();
  const itemGroups = new Map<string, Map<string, KeapOrderItem[]>>();
  for (const read of grouped ? [] : itemReads) {
    for (const rec of read.records as KeapOrderItem[]) {
      let byFile = itemGroups.get(rec.orderId);
      if (!byFile) itemGroups.set(rec.orderId, (byFile = new Map()));
      let list = byFile.get(rec.src.file);
      if (!list) byFile.set(rec.src.file, (list = []));
      list.push(rec);
    }
  }
  for (const [orderId, byFile] of itemGroups) {
    const groups = [...byFile.values()];
    const first = groups[0]!;
    if (groups.length === 1) {
      dataset.orderItems.push(...first);
      continue;
    }
    const sig = (g: KeapOrderItem[]) => g.map(signature).sort().join('\n');
    const firstSig = sig(first);
    // With Keap's line ids, overlapping monthly exports are joined line by line: a line added
    // to the order later (a finance charge) is in the later file only, and belongs to it.
    if (groups.every((g) => g.every((it) => it.itemId))) {
      const byItemId = new Map<string, KeapOrderItem>();
      const conflicts: KeapOrderItem[] = [];
      const repeats: KeapOrderItem[] = [];
      for (const g of groups) {
        for (const it of g) {
          const prior = byItemId.get(it.itemId!);
          if (!prior) byItemId.set(it.itemId!, it);
          else if (prior.src.file === it.src.file || signature(prior) !== signature(it)) conflicts.push(prior, it);
          else repeats.push(it);
        }
      }
      if (conflicts.length === 0) {
        dataset.orderItems.push(...byItemId.values());
        for (const r of repeats) duplicateRows.push(r.src);
        if (repeats.length > 0) {
          issues.push(issue('row.duplicate', 'info', `${repeats.length} line${repeats.length === 1 ? '' : 's'} of order ${orderId} appear${repeats.length === 1 ? 's' : ''} in more than one file with the same contents; ${repeats.length === 1 ? 'it was' : 'they were'} counted once.`, { file: repeats[0]!.src.file, row: repeats[0]!.src.row }));
        }
        continue;
      }
      for (const g of groups) conflictRows.push(...g.map((r) => r.src));
      const c = conflicts[1]!;
      issues.push(issue('row.conflict', 'error', `Line ${c.itemId} of order ${orderId} is at ${where(conflicts[0]!.src)} and ${where(c.src)} with different contents; the order's lines were set aside because we cannot tell which is right. Remove the outdated file or row.`, { file: c.src.file, row: c.src.row }));
      continue;
    }
    if (groups.every((g) => sig(g) === firstSig)) {
      dataset.orderItems.push(...first);
      for (const g of groups.slice(1)) duplicateRows.push(...g.map((r) => r.src));
      issues.push(issue('row.duplicate', 'info', `The lines of order ${orderId} appear in ${groups.length} files with the same contents; they were counted once.`, { file: groups[1]![0]!.src.file, row: groups[1]![0]!.src.row }));
    } else {
      for (const g of groups) conflictRows.push(...g.map((r) => r.src));
      issues.push(issue('row.conflict', 'error', `Order ${orderId} has different line items in ${[...byFile.keys()].join(' and ')}; its lines were set aside because we cannot tell which file is right. Remove the outdated file or row.`, { file: first[0]!.src.file, row: first[0]!.src.row }));
    }
  }

  for (const read of reads) {
    if (read.kind === null || read.kind === 'orderItems') continue;
    const kind = read.kind;
    for (const rec of read.records) {
      (dataset[kind] as KeapRecord[]).push(rec);
    }
  }

  // Deduplicate every kind with ids, across and within files.
  for (const kind of ['orders', 'invoices', 'payments', 'payPlans', 'payPlanItems', 'contacts', 'products'] as const) {
    const list = dataset[kind] as KeapRecord[];
    const byId = new Map<string, KeapRecord>();
    const sigById = new Map<string, string>();
    const bySig = new Map<string, KeapRecord>();
    const conflicted = new Set<string>();
    const keep: KeapRecord[] = [];
    // Repeats without an id can only be told apart by content, and only across files.
    const firstFile = list[0] ? (list[0] as { src: SourceRef }).src.file : '';
    const multiFile = list.some((r) => (r as { src: SourceRef }).src.file !== firstFile);
    for (const rec of list) {
      const src = (rec as { src: SourceRef }).src;
      const id = idOf(kind, rec);
      if (id === '') {
        if (!multiFile) {
          keep.push(rec);
          continue;
        }
        const sig = signature(rec);
        const prior = bySig.get(sig);
        if (prior && (prior as { src: SourceRef }).src.file !== src.file) {
          duplicateRows.push(src);
          issues.push(issue('row.duplicate', 'info', `This row repeats ${where((prior as { src: SourceRef }).src)} exactly; it was counted once.`, { file: src.file, row: src.row }));
          continue;
        }
        bySig.set(sig, rec);
        keep.push(rec);
        continue;
      }
      const prior = byId.get(id);
      if (!prior) {
        byId.set(id, rec);
        keep.push(rec);
        continue;
      }
      // Signatures (a JSON of the whole record) are made only when an id comes twice.
      let priorSig = sigById.get(id);
      if (priorSig === undefined) sigById.set(id, (priorSig = signature(prior)));
      const sig = signature(rec);
      const priorSrc = (prior as { src: SourceRef }).src;
      if (priorSig === sig) {
        duplicateRows.push(src);
        issues.push(issue('row.duplicate', 'info', `Id ${id} repeats ${where(priorSrc)} exactly; it was counted once.`, { file: src.file, row: src.row }));
        continue;
      }
      if (MONEY_KINDS.includes(kind)) {
        conflicted.add(id);
        conflictRows.push(src);
        issues.push(issue('row.conflict', 'error', `Id ${id} appears at ${where(priorSrc)} and here with different contents; both rows were set aside because we cannot tell which is right. Remove the outdated row or file.`, { file: src.file, row: src.row }));
      } else {
        duplicateRows.push(src);
        issues.push(issue('row.conflict', 'warning', `Id ${id} appears at ${where(priorSrc)} and here with different details; the first one was used.`, { file: src.file, row: src.row }));
      }
    }
    const final = keep.filter((rec) => {
      const id = idOf(kind, rec);
      if (id !== '' && conflicted.has(id)) {
        conflictRows.push((rec as { src: SourceRef }).src);
        return false;
      }
      return true;
    });
    (dataset as unknown as Record<string, KeapRecord[]>)[kind] = final;
  }
  return { dataset, issues, duplicateRows, conflictRows };
}
