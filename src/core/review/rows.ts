/**
 * Review stage: the transactions of a run in compact form, for the review table. A million-order
 * export makes millions of transactions; as objects they would take gigabytes on the page and
 * seconds to send from the worker. Here each transaction is a few numbers in typed arrays plus
 * its shown text in one shared string, so the page holds tens of bytes per row and receives
 * the whole table as a handful of buffers.
 */
import type { SourceRef } from '../keap/model.ts';
import { isoOfDay } from '../dates.ts';
import { TXN_ROLES, TXN_TYPES, type TxnRole, type TxnType } from '../ledger/model.ts';
import type { TransactionStore } from '../ledger/store.ts';
import { StringTable } from '../text/pool.ts';
import { formatCentsPlain, type Cents } from '../money.ts';


/**
 * Text fields of a row, in the order they are stored: the header memo is kept so the search
 * finds it (line memos are left out: they are most of the text, and the row's detail shows
 * them from the written file); accounts are an index.
 */
const FIELDS = ['key', 'type', 'date', 'name', 'docNum', 'amount', 'memo'] as const;
const FIELD_SEP = '\u001f';
/** Ends every row, so a search word cannot match across two rows. */
const ROW_END = '\u001e';
/** Control characters would break the field split; Keap text rarely has any. */
const CONTROL = /[\u0000-\u001f]/;
const CONTROLS = /[\u0000-\u001f]/g;
/**
 * Rows per text block. The text is kept in blocks so the worker can send it in several small
 * messages (the page reads each message in one task) and a search scans block by block.
 */
export const ROWS_PER_BLOCK = 4096;

export interface ReviewRows {
  count: number;
  /** Row text (see FIELDS, joined by U+001F, each row ended by U+001E), ROWS_PER_BLOCK rows per block. */
  blocks: string[];
  /** Where row i starts in its block; `count + 1` entries. */
  textStart: Uint32Array;
  /** Index in TXN_TYPES. */
  type: Uint8Array;
  /** Index in TXN_ROLES. */
  role: Uint8Array;
  /** Index in `accounts` of the header account. */
  account: Uint32Array;
  accounts: string[];
  /** Header amount in cents. */
  amount: Float64Array;
  /**
   * Where transaction i's rows start in the written IIF (bytes = characters, Windows-1252);
   * `count + 1` entries. Empty when the run wrote no IIF.
   */
  iifStart: Float64Array;
  /** Keap rows behind transaction i: pairs (index in `files`, row) from sourceStart[i] to sourceStart[i + 1]. */
  sourceStart: Uint32Array;
  sources: Uint32Array;
  files: string[];
}

/** One row as the table shows it. */
export interface ReviewRow {
  index: number;
  key: string;
  type: TxnType;
  role: TxnRole;
  date: string;
  name: string;
  docNum: string;
  account: string;
  amount: Cents;
  /** The transaction's memo (header line). */
  memo: string;
}

function clean(value: string | undefined): string {
  if (!value) return '';
  return CONTROL.test(value) ? value.replace(CONTROLS, ' ') : value;
}


/** The text fields of transaction i of a store as one review row (see FIELDS). */
function reviewLine(store: TransactionStore, i: number): string {
  return clean(store.key(i)) + FIELD_SEP + store.type(i) + FIELD_SEP + isoOfDay(store.date(i)) + FIELD_SEP + clean(store.name(i)) + FIELD_SEP + clean(store.docNum(i)) + FIELD_SEP + formatCentsPlain(store.amount(i)) + FIELD_SEP + clean(store.memo(i)) + ROW_END;
}

/** Fills a ReviewRows row by row (`count` rows and `sourceCount` Keap source rows in all). */
class ReviewRowsBuilder {
  readonly #textStart: Uint32Array;
  readonly #type: Uint8Array;
  readonly #role: Uint8Array;
  readonly #account: Uint32Array;
  readonly #amount: Float64Array;
  readonly #sourceStart: Uint32Array;
  readonly #sources: Uint32Array;
  /** The store's file names (the sources keep its file numbers). */
  readonly #files: readonly string[];
  readonly #accounts = new StringTable();
  /** Account number in the table by name number in the store. */
  readonly #accountOfRef = new Map<number, number>();
  readonly #blocks: string[] = [];
  #block: string[] = [];
  #length = 0;
  #rows = 0;
  #s = 0;

  constructor(readonly count: number, sourceCount: number, files: readonly string[]) {
    this.#files = files;
    this.#textStart = new Uint32Array(count + 1);
    this.#type = new Uint8Array(count);
    this.#role = new Uint8Array(count);
    this.#account = new Uint32Array(count);
    this.#amount = new Float64Array(count);
    this.#sourceStart = new Uint32Array(count + 1);
    this.#sources = new Uint32Array(sourceCount * 2);
  }

  /** Adds transaction i of the store as the next row, with its review line. */
  add(store: TransactionStore, i: number, line: string): void {
    const row = this.#rows++;
    if (row > 0 && row % ROWS_PER_BLOCK === 0) {
      this.#blocks.push(this.#block.join(''));
      this.#block = [];
      this.#length = 0;
    }
    this.#textStart[row] = this.#length;
    this.#block.push(line);
    this.#length += line.length;
    this.#type[row] = store.typeIndex(i);
    this.#role[row] = store.roleIndex(i);
    const ref = store.accountRef(i);
    let account = this.#accountOfRef.get(ref);
    if (account === undefined) this.#accountOfRef.set(ref, (account = this.#accounts.indexOf(store.account(i))));
    this.#account[row] = account;
    this.#amount[row] = store.amount(i);
    this.#sourceStart[row] = this.#s / 2;
    const { start, end } = store.sourceRange(i);
    for (let k = start; k < end; k++) {
      this.#sources[this.#s++] = store.sourceFile(k);
      this.#sources[this.#s++] = store.sourceRow(k);
    }
  }

  /** The finished table; `iifStarts` are the offsets of the rows in the written IIF (count + 1 of them). */
  finish(iifStarts?: Float64Array): ReviewRows {
    const count = this.#rows;
    this.#textStart[count] = this.#length;
    this.#sourceStart[count] = this.#s / 2;
    if (this.#block.length > 0) this.#blocks.push(this.#block.join(''));
    this.#block = [];
    const iifStart = iifStarts && iifStarts.length >= count + 1 ? iifStarts.slice(0, count + 1) : new Float64Array(0);
    return {
      count,
      blocks: this.#blocks,
      textStart: this.#textStart,
      type: this.#type,
      role: this.#role,
      account: this.#account,
      accounts: this.#accounts.values,
      amount: this.#amount,
      iifStart,
      sourceStart: this.#sourceStart,
      sources: this.#s === this.#sources.length ? this.#sources : this.#sources.slice(0, this.#s),
      files: [...this.#files],
    };
  }
}

/**
 * The compact rows of the transactions `order` of a store (in that order); `iifStarts` are the
 * writer's offsets of each in the written IIF (count + 1 of them).
 */
export function reviewRowsOf(store: TransactionStore, order: ArrayLike<number>, iifStarts?: Float64Array): ReviewRows {
  let sourceCount = 0;
  for (let k = 0; k < order.length; k++) sourceCount += store.sourceCount(order[k] as number);
  const builder = new ReviewRowsBuilder(order.length, sourceCount, store.files.values);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    builder.add(store, i, reviewLine(store, i));
  }
  return builder.finish(iifStarts);
}

/** An empty table (no run yet, or a run without transactions). */
export function emptyReviewRows(): ReviewRows {
  return new ReviewRowsBuilder(0, 0, []).finish();
}

/** Where row `index` starts and ends (before its ROW_END) in its block. */
function rowText(rows: ReviewRows, blocks: readonly string[], index: number): string {
  const b = Math.floor(index / ROWS_PER_BLOCK);
  const block = blocks[b] ?? '';
  const isLastOfBlock = index + 1 === rows.count || (index + 1) % ROWS_PER_BLOCK === 0;
  const end = isLastOfBlock ? block.length : (rows.textStart[index + 1] ?? block.length);
  return block.slice(rows.textStart[index] ?? 0, end - 1);
}

/** Row `index` as the table shows it. */
export function reviewRow(rows: ReviewRows, index: number): ReviewRow {
  const f = rowText(rows, rows.blocks, index).split(FIELD_SEP);
  const at = (name: (typeof FIELDS)[number]) => f[FIELDS.indexOf(name)] ?? '';
  return {
    index,
    key: at('key'),
    type: TXN_TYPES[rows.type[index] ?? 0] as TxnType,
    role: TXN_ROLES[rows.role[index] ?? 0] as TxnRole,
    date: at('date'),
    name: at('name'),
    docNum: at('docNum'),
    account: rows.accounts[rows.account[index] ?? 0] ?? '',
    amount: rows.amount[index] ?? 0,
    memo: at('memo'),
  };
}

/** The Keap rows transaction `index` was built from. */
export function reviewSources(rows: ReviewRows, index: number): SourceRef[] {
  const out: SourceRef[] = [];
  const end = rows.sourceStart[index + 1] ?? 0;
  for (let k = rows.sourceStart[index] ?? 0; k < end; k++) {
    out.push({ file: rows.files[rows.sources[2 * k] ?? 0] ?? '', row: rows.sources[2 * k + 1] ?? 0 });
  }
  return out;
}

/** The row of block `b` holding character `position` of that block (binary search over textStart). */
function rowAtPosition(rows: ReviewRows, b: number, position: number): number {
  let lo = b * ROWS_PER_BLOCK;
  let hi = Math.min(rows.count, lo + ROWS_PER_BLOCK) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((rows.textStart[mid] ?? 0) <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the transaction with this key, or -1. */
export function findReviewRow(rows: ReviewRows, key: string): number {
  const needle = clean(key) + FIELD_SEP;
  for (let b = 0; b < rows.blocks.length; b++) {
    const block = rows.blocks[b] as string;
    for (let at = block.indexOf(needle); at !== -1; at = block.indexOf(needle, at + 1)) {
      const row = rowAtPosition(rows, b, at);
      if (rows.textStart[row] === at) return row; // the key is the first field: anything else is a longer key or another field
    }
  }
  return -1;
}

export interface ReviewFilter {
  type: TxnType | '';
  search: string;
}

/** Lower-cased text blocks per table, made on the first search only. */
const lowered = new WeakMap<ReviewRows, string[]>();

/** Whether row `row` also holds every one of `words` (its text or its account). */
function rowHasAll(rows: ReviewRows, blocks: readonly string[], row: number, words: readonly string[]): boolean {
  const own = rowText(rows, blocks, row) + FIELD_SEP + (rows.accounts[rows.account[row] ?? 0] ?? '').toLowerCase();
  return words.every((w) => own.includes(w));
}

/**
 * Indices of the rows of the chosen type that contain every search word (case-insensitive;
 * the row's text, memo included, and its account), in table order. Words are found with `indexOf` over each
 * block of text, so a search over millions of rows is a few native scans, not a string per row.
 */
export function filterReviewRows(rows: ReviewRows, filter: ReviewFilter): number[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const typeCode = filter.type ? TXN_TYPES.indexOf(filter.type) : -1;
  const out: number[] = [];
  if (words.length === 0) {
    for (let i = 0; i < rows.count; i++) if (typeCode < 0 || rows.type[i] === typeCode) out.push(i);
    return out;
  }
  let blocks = lowered.get(rows);
  if (blocks === undefined) {
    blocks = rows.blocks.map((b) => b.toLowerCase());
    lowered.set(rows, blocks);
  }
  // Accounts are few: find the ones that hold the first word, then test their rows directly.
  const first = words[0] as string;
  const accountHit = rows.accounts.map((a) => a.toLowerCase().includes(first));
  const anyAccountHit = accountHit.some(Boolean);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as string;
    const end = Math.min(rows.count, (b + 1) * ROWS_PER_BLOCK);
    const hits: number[] = [];
    let lastRow = -1;
    for (let at = block.indexOf(first); at !== -1; at = block.indexOf(first, at + 1)) {
      const row = rowAtPosition(rows, b, at);
      if (row === lastRow) continue;
      lastRow = row;
      hits.push(row);
      const next = row + 1 < end ? (rows.textStart[row + 1] ?? block.length) : block.length;
      at = next - 1; // the next search starts at the next row
    }
    if (anyAccountHit) {
      for (let row = b * ROWS_PER_BLOCK; row < end; row++) if (accountHit[rows.account[row] ?? 0]) hits.push(row);
      hits.sort((x, y) => x - y);
    }
    let previous = -1;
    for (const row of hits) {
      if (row === previous) continue;
      previous = row;
      if (typeCode >= 0 && rows.type[row] !== typeCode) continue;
      if (words.length > 1 && !rowHasAll(rows, blocks, row, words)) continue;
      out.push(row);
    }
  }
  return out;
}

/** The Keap deposit ids of the deposit rows (their keys are `deposit:<id>`), in table order. */
export function depositIdsOf(rows: ReviewRows): string[] {
  const role = TXN_ROLES.indexOf('deposit');
  const ids: string[] = [];
  for (let i = 0; i < rows.count; i++) if (rows.role[i] === role) ids.push(reviewRow(rows, i).key.slice('deposit:'.length));
  return ids;
}

/** Count of rows per IIF type. */
export function countRowsByType(rows: ReviewRows): Map<TxnType, number> {
  const m = new Map<TxnType, number>();
  for (let i = 0; i < rows.count; i++) {
    const t = TXN_TYPES[rows.type[i] ?? 0] as TxnType;
    m.set(t, (m.get(t) ?? 0) + 1);
  }
  return m;
}

/** Position of `value` in an ascending list of row indices (e.g. filterReviewRows' result), or -1. */
export function sortedIndexOf(sorted: readonly number[], value: number): number {
  if (value < 0) return -1;
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
