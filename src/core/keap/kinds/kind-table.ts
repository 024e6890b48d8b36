/**
 * What the tables of every kind of export share: where each stored row came from, the rows the
 * build reads (after merging: repeats counted once, conflicts set aside, an order's lines
 * together), and comparing two stored rows' contents. "Stored row" p is the p-th row appended;
 * the accessors of the reader contract (tables.ts) take row i of the rows kept, in build order.
 */
import { NO_DAY, type Day } from '../../dates.ts';
import type { RowSources } from '../tables.ts';
import type { CellReader } from '../cell-reader.ts';
import { NumberColumn, type ContentColumn, type Growable } from '../columns.ts';

/** Reads the current row of a CellReader into a table; false when the row was set aside. */
export type RowRead = (r: CellReader) => boolean;

/** A merge key: an id code, a text key (products), or null for a row without an id. */
export type MergeKey = number | string | null;

const NONE = new Int32Array(0);

export abstract class KindTable implements RowSources {
  readonly #file = new NumberColumn((size) => new Uint16Array(size));
  readonly #sheetRow = new NumberColumn((size) => new Int32Array(size));
  /** Stored rows in the order the build meets them. */
  #kept: Int32Array = NONE;

  /** The columns that make a row's contents (compared when the same row comes twice). */
  protected abstract content(): readonly ContentColumn[];

  /** A reader of one file's rows into this table, its fields at `columns` (field -> column index). */
  abstract rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead;

  /** The id that says two stored rows are the same record (null: the row has none). */
  abstract mergeKey(p: number): MergeKey;

  /** The date a stored row is about, for the file's date range (NO_DAY: none). */
  dayOf(_p: number): Day {
    return NO_DAY;
  }

  /** Rows appended so far. */
  get stored(): number {
    return this.#sheetRow.length;
  }

  /** Records where the row just read into the columns came from. */
  addSource(fileIndex: number, sheetRow: number): void {
    this.#file.push(fileIndex);
    this.#sheetRow.push(sheetRow);
  }

  storedFile(p: number): number {
    return this.#file.at(p);
  }

  storedSheetRow(p: number): number {
    return this.#sheetRow.at(p);
  }

  /** Sets the rows the build reads, in its order (stored row numbers). */
  keep(rows: Int32Array): void {
    this.#kept = rows;
  }

  /** The stored row behind row i of the rows kept. */
  protected at(i: number): number {
    return this.#kept[i] as number;
  }

  get count(): number {
    return this.#kept.length;
  }

  fileIndex(i: number): number {
    return this.#file.at(this.at(i));
  }

  sheetRow(i: number): number {
    return this.#sheetRow.at(this.at(i));
  }

  /** True when stored rows p and q hold the same record (every field equal). */
  sameContent(p: number, q: number): boolean {
    for (const column of this.content()) if (!column.same(p, q)) return false;
    return true;
  }

  /** A stored row's contents as text, equal exactly when the contents are (for multisets and rows without ids). */
  signature(p: number): string {
    let s = '';
    for (const column of this.content()) s += `${column.part(p)}\u0001`;
    return s;
  }

  /** Makes room for `rows` stored rows in every column (an estimate: more may come). */
  reserve(rows: number): void {
    for (const column of this.#growables()) column.reserve(rows);
  }

  /** Forgets the stored rows from `length` on (a file read again from its start). */
  truncate(length: number): void {
    for (const column of this.#growables()) column.truncate(length);
  }

  /** Gives back unused room once reading is over. */
  trim(): void {
    for (const column of this.#growables()) column.trim();
  }

  #growables(): Growable[] {
    return [this.#file, this.#sheetRow, ...this.content()];
  }
}
