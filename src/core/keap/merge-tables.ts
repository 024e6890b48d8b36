/**
 * Several files of one kind (monthly exports of the same report) -> the rows the build reads.
 * An exact repeat of a record is counted once and reported; the same id with different contents
 * is a conflict, and money records in conflict are set aside rather than guessed. Order items
 * are compared as whole orders (line by line when Keap's line ids are there) and come out with
 * each order's lines together, orders in the order first seen. Rows are compared by their typed
 * values; a text signature is made only for rows without an id, or for an order in two files.
 */
import { issue, type Issue } from '../issues.ts';
import { CodeIndex } from './code-index.ts';
import { NO_ID, type IdCodes } from './columns.ts';
import type { KindTable, MergeKey } from './kinds/kind-table.ts';
import type { DepositTable } from './kinds/deposits.ts';
import type { KindTables } from './kinds/kind-tables.ts';
import type { OrderItemTable } from './kinds/order-items.ts';
import type { FileKind } from './model.ts';
import type { FileRead } from './tables.ts';

/** Kinds whose records carry money: a conflict among them sets both rows aside. */
const MONEY_KINDS: ReadonlySet<FileKind> = new Set(['orders', 'invoices', 'payments', 'payPlans', 'payPlanItems', 'depositList']);

/** Every kind but order items and deposits, in the order they are merged (and their problems listed). */
const KEYED_KINDS = ['orders', 'invoices', 'payments', 'payPlans', 'payPlanItems', 'contacts', 'products', 'depositList'] as const;

/** Merges what was read into each table; returns the problems found. */
export function mergeTables(tables: KindTables, files: readonly FileRead[], names: readonly string[], ids: IdCodes): Issue[] {
  const merge = new Merge(files, names, ids);
  merge.orderItems(tables.orderItems);
  for (const kind of KEYED_KINDS) merge.keyed(kind, tables[kind]);
  merge.deposits(tables.deposits);
  return merge.issues;
}

/** Rows of a table chosen in order (stored row numbers). */
class KeptRows {
  readonly #rows: Int32Array;
  #count = 0;
  constructor(capacity: number) {
    this.#rows = new Int32Array(capacity);
  }
  add(p: number): void {
    this.#rows[this.#count++] = p;
  }
  get rows(): Int32Array {
    return this.#rows.slice(0, this.#count);
  }
}

class Merge {
  readonly issues: Issue[] = [];

  constructor(
    private readonly files: readonly FileRead[],
    private readonly names: readonly string[],
    private readonly ids: IdCodes,
  ) {}

  orderItems(t: OrderItemTable): void {
    const n = t.stored;
    if (n === 0 || (t.storedFile(0) === t.storedFile(n - 1) && linesTogether(t))) {
      const all = new Int32Array(n);
      for (let p = 0; p < n; p++) all[p] = p;
      t.keep(all);
      return;
    }
    // Each order's lines, linked in stored order; orders numbered as first seen.
    const orderNumber = new Map<number, number>();
    const first: number[] = [];
    const last: number[] = [];
    const next = new Int32Array(n).fill(-1);
    for (let p = 0; p < n; p++) {
      const order = t.storedOrder(p);
      const g = orderNumber.get(order);
      if (g === undefined) {
        orderNumber.set(order, first.length);
        first.push(p);
        last.push(p);
      } else {
        next[last[g]!] = p;
        last[g] = p;
      }
    }
    const kept = new KeptRows(n);
    for (let g = 0; g < first.length; g++) {
      const lines: number[] = [];
      for (let p = first[g]!; p >= 0; p = next[p]!) lines.push(p);
      const inOneFile = t.storedFile(lines[0]!) === t.storedFile(lines[lines.length - 1]!);
      if (inOneFile) for (const p of lines) kept.add(p);
      else this.#orderInFiles(t, lines, kept);
    }
    t.keep(kept.rows);
  }

  /** One order's lines found in several files (stored rows, so grouped by file in file order). */
  #orderInFiles(t: OrderItemTable, lines: readonly number[], kept: KeptRows): void {
    const orderId = t.storedOrderText(lines[0]!);
    // With Keap's line ids, overlapping monthly exports are joined line by line: a line added
    // to the order later (a finance charge) is in the later file only, and belongs to it.
    if (lines.every((p) => t.storedItem(p) !== NO_ID)) {
      const byItem = new Map<number, number>();
      const conflicts: number[] = [];
      const repeats: number[] = [];
      for (const p of lines) {
        const prior = byItem.get(t.storedItem(p));
        if (prior === undefined) byItem.set(t.storedItem(p), p);
        else if (t.storedFile(prior) === t.storedFile(p) || !t.sameContent(prior, p)) conflicts.push(prior, p);
        else repeats.push(p);
      }
      if (conflicts.length === 0) {
        for (const p of byItem.values()) kept.add(p);
        for (const p of repeats) this.#duplicate(t, p);
        if (repeats.length > 0) {
          const one = repeats.length === 1;
          this.#report(t, repeats[0]!, 'row.duplicate', 'info', `${repeats.length} line${one ? '' : 's'} of order ${orderId} appear${one ? 's' : ''} in more than one file with the same contents; ${one ? 'it was' : 'they were'} counted once.`);
        }
        return;
      }
      for (const p of lines) this.#setAside(t, p);
      const [a, b] = [conflicts[0]!, conflicts[1]!];
      this.#report(t, b, 'row.conflict', 'error', `Line ${t.storedItemText(b)} of order ${orderId} is at ${this.#where(t, a)} and ${this.#where(t, b)} with different contents; the order's lines were set aside because we cannot tell which is right. Remove the outdated file or row.`);
      return;
    }
    const groups = byFile(t, lines);
    const contents = (g: readonly number[]) => g.map((p) => t.signature(p)).sort().join('\n');
    const firstContents = contents(groups[0]!);
    if (groups.every((g) => contents(g) === firstContents)) {
      for (const p of groups[0]!) kept.add(p);
      for (const g of groups.slice(1)) for (const p of g) this.#duplicate(t, p);
      this.#report(t, groups[1]![0]!, 'row.duplicate', 'info', `The lines of order ${orderId} appear in ${groups.length} files with the same contents; they were counted once.`);
      return;
    }
    for (const p of lines) this.#setAside(t, p);
    const fileNames = groups.map((g) => this.names[t.storedFile(g[0]!)]);
    this.#report(t, lines[0]!, 'row.conflict', 'error', `Order ${orderId} has different line items in ${fileNames.join(' and ')}; its lines were set aside because we cannot tell which file is right. Remove the outdated file or row.`);
  }

  /** Deduplicates a kind with ids, across and within files; rows without ids are compared by content across files only. */
  keyed(kind: FileKind, t: KindTable): void {
    const n = t.stored;
    const kept = new KeptRows(n);
    const multiFile = n > 0 && t.storedFile(0) !== t.storedFile(n - 1);
    const firstByCode = new CodeIndex(n);
    const firstByText = new Map<string, number>();
    /** Rows without an id by contents: the last one kept with those contents. */
    const byContents = new Map<string, number>();
    const conflicted = new Set<MergeKey>();
    for (let p = 0; p < n; p++) {
      const key = t.mergeKey(p);
      if (key === null) {
        if (!multiFile) {
          kept.add(p);
          continue;
        }
        const contents = t.signature(p);
        const prior = byContents.get(contents);
        if (prior !== undefined && t.storedFile(prior) !== t.storedFile(p)) {
          this.#duplicate(t, p);
          this.#report(t, p, 'row.duplicate', 'info', `This row repeats ${this.#where(t, prior)} exactly; it was counted once.`);
          continue;
        }
        byContents.set(contents, p);
        kept.add(p);
        continue;
      }
      const prior = typeof key === 'number' ? firstByCode.firstOrAdd(key, p) : firstOrAdd(firstByText, key, p);
      if (prior < 0) {
        kept.add(p);
        continue;
      }
      const id = typeof key === 'number' ? this.ids.text(key) : key;
      if (t.sameContent(prior, p)) {
        this.#duplicate(t, p);
        this.#report(t, p, 'row.duplicate', 'info', `Id ${id} repeats ${this.#where(t, prior)} exactly; it was counted once.`);
      } else if (MONEY_KINDS.has(kind)) {
        conflicted.add(key);
        this.#setAside(t, p);
        this.#report(t, p, 'row.conflict', 'error', `Id ${id} appears at ${this.#where(t, prior)} and here with different contents; both rows were set aside because we cannot tell which is right. Remove the outdated row or file.`);
      } else {
        this.#duplicate(t, p);
        this.#report(t, p, 'row.conflict', 'warning', `Id ${id} appears at ${this.#where(t, prior)} and here with different details; the first one was used.`);
      }
    }
    let rows = kept.rows;
    if (conflicted.size > 0) {
      // The first row of an id in conflict was kept when it was met; it is set aside too.
      rows = rows.filter((p) => {
        if (!conflicted.has(t.mergeKey(p))) return true;
        this.#setAside(t, p);
        return false;
      });
    }
    t.keep(rows);
  }

  /**
   * Deposits are compared whole: the same deposit (same id, or a file without ids with the same
   * rows) dropped twice is counted once; the same deposit id with different rows in two files is
   * a conflict, and every row of it is set aside. Rows come out grouped by deposit, in the order
   * the deposits were first seen.
   */
  deposits(t: DepositTable): void {
    for (let f = 0; f < this.files.length; f++) {
      const read = this.files[f]!;
      // Rows set aside so far were never stored: a ragged row, a row without its deposit id.
      if (read.report.kind === 'deposits' && read.setAsideRows.size > 0) t.markIncomplete(f);
    }
    const groups = new Map<string, number[]>();
    for (let p = 0; p < t.stored; p++) {
      const id = t.storedDeposit(p);
      const key = id === NO_ID ? `file ${t.storedFile(p)}` : `id ${id}`;
      const rows = groups.get(key);
      if (rows) rows.push(p);
      else groups.set(key, [p]);
    }
    const kept = new KeptRows(t.stored);
    const contents = (rows: readonly number[]) => rows.map((p) => t.signature(p)).sort().join('\n');
    /** Deposits without ids by their rows' contents: the first file seen with them. */
    const fileDeposits = new Map<string, number>();
    for (const rows of groups.values()) {
      const first = rows[0]!;
      if (t.storedDeposit(first) === NO_ID) {
        const own = contents(rows);
        const prior = fileDeposits.get(own);
        if (prior === undefined) {
          fileDeposits.set(own, first);
          for (const p of rows) kept.add(p);
        } else {
          for (const p of rows) this.#duplicate(t, p);
          this.#report(t, first, 'row.duplicate', 'info', `${this.names[t.storedFile(first)]} holds the same deposit as ${this.names[t.storedFile(prior)]}; it was counted once.`);
        }
        continue;
      }
      const perFile = byFile(t, rows);
      if (perFile.length === 1) {
        for (const p of rows) kept.add(p);
        continue;
      }
      const firstContents = contents(perFile[0]!);
      const depositId = t.storedDepositText(first);
      const fileNames = perFile.map((g) => this.names[t.storedFile(g[0]!)]);
      if (perFile.every((g) => contents(g) === firstContents)) {
        for (const p of perFile[0]!) kept.add(p);
        for (const g of perFile.slice(1)) for (const p of g) this.#duplicate(t, p);
        this.#report(t, perFile[1]![0]!, 'row.duplicate', 'info', `Deposit ${depositId} is in ${fileNames.join(' and ')} with the same rows; it was counted once.`);
        continue;
      }
      for (const p of rows) this.#setAside(t, p);
      this.#report(t, perFile[1]![0]!, 'deposit.conflict', 'error', `Deposit ${depositId} is in ${fileNames.join(' and ')} with different rows; it was set aside because we cannot tell which file is right. Remove the outdated file.`);
    }
    t.keep(kept.rows);
  }

  #where(t: KindTable, p: number): string {
    return `${this.names[t.storedFile(p)]} row ${t.storedSheetRow(p)}`;
  }

  #report(t: KindTable, p: number, code: Issue['code'], severity: Issue['severity'], message: string): void {
    this.issues.push(issue(code, severity, message, { file: this.names[t.storedFile(p)], row: t.storedSheetRow(p) }));
  }

  #duplicate(t: KindTable, p: number): void {
    this.files[t.storedFile(p)]!.duplicateRows.push(t.storedSheetRow(p));
  }

  #setAside(t: KindTable, p: number): void {
    this.files[t.storedFile(p)]!.setAsideRows.add(t.storedSheetRow(p));
  }
}

function firstOrAdd(index: Map<string, number>, key: string, row: number): number {
  const found = index.get(key);
  if (found !== undefined) return found;
  index.set(key, row);
  return -1;
}

/** Stored rows split into runs of the same file. */
function byFile(t: KindTable, rows: readonly number[]): number[][] {
  const groups: number[][] = [];
  for (const p of rows) {
    const group = groups[groups.length - 1];
    if (group !== undefined && t.storedFile(group[0]!) === t.storedFile(p)) group.push(p);
    else groups.push([p]);
  }
  return groups;
}

/**
 * True when each order's lines sit next to each other (as Keap exports them). Orders in
 * ascending id order need no memory of the orders passed; otherwise the check remembers them.
 */
function linesTogether(t: OrderItemTable): boolean {
  let passed: Set<number> | null = null;
  for (let p = 1; p < t.stored; p++) {
    const previous = t.storedOrder(p - 1);
    const order = t.storedOrder(p);
    if (order === previous) continue;
    if (passed === null) {
      if (previous >= 0 && order > previous) continue;
      passed = new Set();
      for (let q = 0; q < p; q++) passed.add(t.storedOrder(q));
    } else {
      passed.add(previous);
    }
    if (passed.has(order)) return false;
  }
  return true;
}
