/**
 * The built transactions, packed: typed columns plus pooled text. A million Keap orders make
 * more than two million transactions; kept as objects they were most of a run's memory. Here a
 * transaction is a row of numbers, its lines are rows of another set of columns, names
 * (accounts, customers, items) are numbers into one name table, and texts used once (memos,
 * document numbers, ids) are bytes in a heap. The accounting rules never see any of this: they
 * call `begin`, `line` and `commit` (or `discard`) with plain values.
 */
import { NO_DAY, type Day } from '../dates.ts';
import type { SourceRef } from '../keap/model.ts';
import { formatDecimal, formatPrice, type Cents, type Decimal } from '../money.ts';
import { cell } from '../iif/cell.ts';
import { Cp1252Heap, Utf8Heap } from '../text/heap.ts';
import { StringTable } from '../text/pool.ts';
import { TXN_ROLES, TXN_TYPES, type TxnRole, type TxnType } from './model.ts';
import { TransactionKeys } from './txn-keys.ts';

/** What a rule says about one transaction (its TRNS row and what it stands for). */
export interface TransactionHeader {
  /** Stable key of the Keap record(s) behind it, e.g. `invoice:1234`; orders transactions of the same day and type. */
  key: string;
  role: TxnRole;
  type: TxnType;
  date: Day;
  account: string;
  name: string;
  class?: string;
  /** Header amount; the lines sum to its negation. */
  amount: Cents;
  docNum?: string;
  memo?: string;
  dueDate?: Day;
  terms?: string;
  payMethod?: string;
  toPrint?: boolean;
  isTaxable?: boolean;
  address?: readonly string[];
  /** Keap rows this transaction was built from. */
  sources: readonly SourceRef[];
  /** Keap ids for the export history, e.g. `sale:1234`, `payment:5678`. */
  keapIds: readonly string[];
}

/** One SPL row. */
export interface TransactionLine {
  account: string;
  name?: string;
  class?: string;
  amount: Cents;
  memo?: string;
  /** Signed like the amount on item lines. */
  qty?: Decimal;
  /** Unit price (positive). */
  price?: Decimal;
  /** Tax rate text such as `6.5%` (the PRICE of the sales-tax line). */
  rate?: string;
  item?: string;
  taxable?: boolean;
  payMethod?: string;
  /** `AUTOSTAX` on the sales-tax line. */
  extra?: string;
}

/** Y/N flags as stored: 0 absent (empty cell), 1 N, 2 Y. */
export const FLAG_NONE = 0;
const flag = (b: boolean | undefined): number => (b === undefined ? FLAG_NONE : b ? 2 : 1);

const INITIAL = 1024;

function grow<T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(a: T, needed: number): T {
  if (needed <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(needed, a.length * 2));
  next.set(a);
  return next;
}

export class TransactionStore {
  count = 0;
  // ---- transaction columns (index = transaction number, in build order) ----
  #type = new Uint8Array(INITIAL);
  #role = new Uint8Array(INITIAL);
  #date = new Int32Array(INITIAL);
  #account = new Uint32Array(INITIAL);
  #name = new Uint32Array(INITIAL);
  #class = new Uint32Array(INITIAL);
  #amount = new Float64Array(INITIAL);
  #docNum = new Uint32Array(INITIAL);
  #memo = new Uint32Array(INITIAL);
  #dueDate = new Int32Array(INITIAL);
  #terms = new Uint32Array(INITIAL);
  #payMethod = new Uint32Array(INITIAL);
  #toPrint = new Uint8Array(INITIAL);
  #isTaxable = new Uint8Array(INITIAL);
  #address = new Uint32Array(INITIAL);
  #keapIds = new Uint32Array(INITIAL);
  #lineStart = new Uint32Array(INITIAL + 1);
  #sourceStart = new Uint32Array(INITIAL + 1);
  // ---- line columns ----
  lineCount = 0;
  #lAccount = new Uint32Array(INITIAL * 2);
  #lName = new Uint32Array(INITIAL * 2);
  #lClass = new Uint32Array(INITIAL * 2);
  #lAmount = new Float64Array(INITIAL * 2);
  #lMemo = new Uint32Array(INITIAL * 2);
  #lQty = new Uint32Array(INITIAL * 2);
  #lPrice = new Uint32Array(INITIAL * 2);
  #lItem = new Uint32Array(INITIAL * 2);
  #lTaxable = new Uint8Array(INITIAL * 2);
  #lPayMethod = new Uint32Array(INITIAL * 2);
  #lExtra = new Uint32Array(INITIAL * 2);
  // ---- sources: (file number, spreadsheet row) pairs ----
  #sources = new Uint32Array(INITIAL * 4);
  #sourceCount = 0;
  // ---- text ----
  /** Names (accounts, customers, items, classes, methods...) and short repeated values; number 0 is ''. */
  readonly names = new StringTable();
  /** IIF cells used once (memos, document numbers), already cleaned and quoted. */
  readonly cells = new Cp1252Heap();
  /** Keap ids (for the export history). */
  readonly #ids = new Utf8Heap();
  readonly files = new StringTable();
  /** Transaction keys (what orders a day's transactions of one type). */
  readonly #keys = new TransactionKeys();
  /** Address blocks (five name numbers each), one per distinct address array. */
  #addresses = new Uint32Array(5 * 64);
  #addressCount = 1;
  readonly #addressOf = new WeakMap<readonly string[], number>();
  /** Recent memo cells, shared (product descriptions repeat on every line of a product). */
  readonly #recentCells = new Map<string, number>();
  /** Name numbers of formatted quantities and prices, by value. */
  readonly #qtyRefs = new Map<number, number>();
  readonly #priceRefs = new Map<number, number>();
  /** Transactions left out by a final check. */
  #dropped = new Uint8Array(INITIAL);
  #open = false;
  // Consecutive transactions and lines mostly repeat the name of the one before (the same A/R
  // account, a customer's invoice then payment): the last one is remembered per column.
  readonly #headerAccounts = new LastName(this.names);
  readonly #headerNames = new LastName(this.names);
  readonly #lineAccounts = new LastName(this.names);
  readonly #lineNames = new LastName(this.names);
  readonly #sourceFiles = new LastName(this.files);

  constructor() {
    this.names.indexOf('');
  }

  /** Opens a transaction: its lines follow, then `commit` (or `discard`). */
  begin(): void {
    if (this.#open) throw new Error('TransactionStore.begin: a transaction is already open');
    this.#open = true;
    if (this.count + 2 > this.#lineStart.length) this.#lineStart = grow(this.#lineStart, this.count + 2);
    this.#lineStart[this.count] = this.lineCount;
  }

  /** Adds one SPL line to the open transaction. */
  line(l: TransactionLine): void {
    const j = this.lineCount++;
    if (j >= this.#lAccount.length) this.#growLines(j + 1);
    this.#lAccount[j] = this.#lineAccounts.ref(l.account);
    this.#lName[j] = l.name ? this.#lineNames.ref(l.name) : 0;
    this.#lClass[j] = l.class ? this.names.indexOf(l.class) : 0;
    this.#lAmount[j] = l.amount;
    this.#lMemo[j] = l.memo ? this.#memoCell(l.memo) : 0;
    this.#lQty[j] = l.qty ? this.#decimalRef(l.qty, this.#qtyRefs, formatDecimal) : 0;
    this.#lPrice[j] = l.rate !== undefined ? this.names.indexOf(l.rate) : l.price ? this.#decimalRef(l.price, this.#priceRefs, formatPrice) : 0;
    this.#lItem[j] = l.item ? this.names.indexOf(l.item) : 0;
    this.#lTaxable[j] = l.item ? flag(l.taxable ?? false) : FLAG_NONE;
    this.#lPayMethod[j] = l.payMethod ? this.names.indexOf(l.payMethod) : 0;
    this.#lExtra[j] = l.extra ? this.names.indexOf(l.extra) : 0;
  }

  /** Drops the open transaction's lines (a rule found a problem after starting it). */
  discard(): void {
    this.#open = false;
    this.lineCount = this.#lineStart[this.count] ?? this.lineCount;
  }

  /** Closes the open transaction with its header; returns its number. */
  commit(h: TransactionHeader): number {
    if (!this.#open) throw new Error('TransactionStore.commit: no open transaction');
    this.#open = false;
    const i = this.count++;
    if (i >= this.#type.length) this.#growTransactions(i + 1);
    this.#type[i] = TXN_TYPES.indexOf(h.type);
    this.#role[i] = TXN_ROLES.indexOf(h.role);
    this.#date[i] = h.date;
    this.#account[i] = this.#headerAccounts.ref(h.account);
    this.#name[i] = this.#headerNames.ref(h.name);
    this.#class[i] = h.class ? this.names.indexOf(h.class) : 0;
    this.#amount[i] = h.amount;
    this.#docNum[i] = h.docNum ? this.cells.add(cell(h.docNum)) : 0;
    this.#memo[i] = h.memo ? this.cells.add(cell(h.memo)) : 0;
    this.#dueDate[i] = h.dueDate ?? NO_DAY;
    this.#terms[i] = h.terms ? this.names.indexOf(h.terms) : 0;
    this.#payMethod[i] = h.payMethod ? this.names.indexOf(h.payMethod) : 0;
    this.#toPrint[i] = flag(h.toPrint);
    this.#isTaxable[i] = flag(h.isTaxable);
    this.#address[i] = h.address ? this.#addressNumber(h.address) : 0;
    this.#keys.set(i, h.key);
    this.#keapIds[i] = this.#ids.add(h.keapIds.join('\u0000'));
    this.#lineStart[i + 1] = this.lineCount;
    if (i + 2 > this.#sourceStart.length) this.#sourceStart = grow(this.#sourceStart, i + 2);
    if ((this.#sourceCount + h.sources.length) * 2 > this.#sources.length) this.#sources = grow(this.#sources, (this.#sourceCount + h.sources.length) * 2);
    for (const src of h.sources) {
      this.#sources[this.#sourceCount * 2] = this.#sourceFiles.ref(src.file);
      this.#sources[this.#sourceCount * 2 + 1] = src.row;
      this.#sourceCount++;
    }
    this.#sourceStart[i + 1] = this.#sourceCount;
    return i;
  }

  /** The name number of a decimal's text: decimals are mostly shared objects (the reader shares them), so each is formatted once. */
  #decimalRef(d: Decimal, refs: Map<number, number>, format: (d: Decimal) => string): number {
    const units = Number(d.units);
    // A number key for the usual values (units and scale in one safe integer); others are formatted each time.
    if (!Number.isSafeInteger(units * 32) || d.scale >= 32) return this.names.indexOf(format(d));
    const key = units * 32 + d.scale;
    let ref = refs.get(key);
    if (ref === undefined) {
      ref = this.names.indexOf(format(d));
      if (refs.size >= 1 << 16) refs.clear();
      refs.set(key, ref);
    }
    return ref;
  }

  #memoCell(memo: string): number {
    const known = this.#recentCells.get(memo);
    if (known !== undefined) return known;
    const ref = this.cells.add(cell(memo));
    if (memo.length <= 120) {
      if (this.#recentCells.size >= 4096) this.#recentCells.clear();
      this.#recentCells.set(memo, ref);
    }
    return ref;
  }

  #addressNumber(lines: readonly string[]): number {
    const known = this.#addressOf.get(lines);
    if (known !== undefined) return known;
    const n = this.#addressCount++;
    this.#addresses = grow(this.#addresses, (n + 1) * 5);
    for (let k = 0; k < 5; k++) this.#addresses[n * 5 + k] = k < lines.length ? this.names.indexOf(lines[k] as string) : 0;
    this.#addressOf.set(lines, n);
    return n;
  }

  #growTransactions(needed: number): void {
    this.#type = grow(this.#type, needed);
    this.#role = grow(this.#role, needed);
    this.#date = grow(this.#date, needed);
    this.#account = grow(this.#account, needed);
    this.#name = grow(this.#name, needed);
    this.#class = grow(this.#class, needed);
    this.#amount = grow(this.#amount, needed);
    this.#docNum = grow(this.#docNum, needed);
    this.#memo = grow(this.#memo, needed);
    this.#dueDate = grow(this.#dueDate, needed);
    this.#terms = grow(this.#terms, needed);
    this.#payMethod = grow(this.#payMethod, needed);
    this.#toPrint = grow(this.#toPrint, needed);
    this.#isTaxable = grow(this.#isTaxable, needed);
    this.#address = grow(this.#address, needed);
    this.#keapIds = grow(this.#keapIds, needed);
    this.#dropped = grow(this.#dropped, needed);
  }

  #growLines(needed: number): void {
    this.#lAccount = grow(this.#lAccount, needed);
    this.#lName = grow(this.#lName, needed);
    this.#lClass = grow(this.#lClass, needed);
    this.#lAmount = grow(this.#lAmount, needed);
    this.#lMemo = grow(this.#lMemo, needed);
    this.#lQty = grow(this.#lQty, needed);
    this.#lPrice = grow(this.#lPrice, needed);
    this.#lItem = grow(this.#lItem, needed);
    this.#lTaxable = grow(this.#lTaxable, needed);
    this.#lPayMethod = grow(this.#lPayMethod, needed);
    this.#lExtra = grow(this.#lExtra, needed);
  }

  // ---- reading a transaction (i = number in build order) ----

  type(i: number): TxnType {
    return TXN_TYPES[this.#type[i] ?? 0] as TxnType;
  }
  role(i: number): TxnRole {
    return TXN_ROLES[this.#role[i] ?? 0] as TxnRole;
  }
  date(i: number): Day {
    return this.#date[i] ?? 0;
  }
  amount(i: number): Cents {
    return this.#amount[i] ?? 0;
  }
  /** Name numbers of the header (see `names`). */
  accountRef(i: number): number {
    return this.#account[i] ?? 0;
  }
  nameRef(i: number): number {
    return this.#name[i] ?? 0;
  }
  classRef(i: number): number {
    return this.#class[i] ?? 0;
  }
  payMethodRef(i: number): number {
    return this.#payMethod[i] ?? 0;
  }
  termsRef(i: number): number {
    return this.#terms[i] ?? 0;
  }
  /** Cell numbers (see `cells`). */
  docNumCell(i: number): number {
    return this.#docNum[i] ?? 0;
  }
  memoCell(i: number): number {
    return this.#memo[i] ?? 0;
  }
  /** NO_DAY when none. */
  dueDate(i: number): Day {
    return this.#dueDate[i] ?? 0;
  }
  toPrintFlag(i: number): number {
    return this.#toPrint[i] ?? 0;
  }
  isTaxableFlag(i: number): number {
    return this.#isTaxable[i] ?? 0;
  }
  /** Name number of address line k (0..4) of transaction i; 0 when none. */
  addressRef(i: number, k: number): number {
    const a = this.#address[i] ?? 0;
    return a === 0 ? 0 : (this.#addresses[a * 5 + k] ?? 0);
  }
  name(i: number): string {
    return this.names.values[this.nameRef(i)] ?? '';
  }
  account(i: number): string {
    return this.names.values[this.accountRef(i)] ?? '';
  }
  docNum(i: number): string {
    return unquoted(this.cells.get(this.docNumCell(i)));
  }
  /** The memo as written (cleaned), without the quotes a comma needs in the file. */
  memo(i: number): string {
    return unquoted(this.cells.get(this.memoCell(i)));
  }
  key(i: number): string {
    return this.#keys.get(i);
  }
  keapIds(i: number): string[] {
    const joined = this.#ids.get(this.#keapIds[i] ?? 0);
    return joined === '' ? [] : joined.split('\u0000');
  }
  lines(i: number): { start: number; end: number } {
    return { start: this.#lineStart[i] ?? 0, end: this.#lineStart[i + 1] ?? 0 };
  }
  /** Index of transaction i's type in TXN_TYPES, and of its role in TXN_ROLES. */
  typeIndex(i: number): number {
    return this.#type[i] ?? 0;
  }
  roleIndex(i: number): number {
    return this.#role[i] ?? 0;
  }
  /** Transaction i's Keap rows are the source numbers start..end-1 (see sourceFile, sourceRow). */
  sourceRange(i: number): { start: number; end: number } {
    return { start: this.#sourceStart[i] ?? 0, end: this.#sourceStart[i + 1] ?? 0 };
  }
  /** The file (its number in `files`) and spreadsheet row of source k. */
  sourceFile(k: number): number {
    return this.#sources[2 * k] ?? 0;
  }
  sourceRow(k: number): number {
    return this.#sources[2 * k + 1] ?? 0;
  }
  sourceCount(i: number): number {
    return (this.#sourceStart[i + 1] ?? 0) - (this.#sourceStart[i] ?? 0);
  }
  sources(i: number): SourceRef[] {
    const out: SourceRef[] = [];
    for (let k = this.#sourceStart[i] ?? 0; k < (this.#sourceStart[i + 1] ?? 0); k++) {
      out.push({ file: this.files.values[this.#sources[2 * k] ?? 0] ?? '', row: this.#sources[2 * k + 1] ?? 0 });
    }
    return out;
  }

  // ---- reading a line (j = line number) ----

  lineAccountRef(j: number): number {
    return this.#lAccount[j] ?? 0;
  }
  lineNameRef(j: number): number {
    return this.#lName[j] ?? 0;
  }
  lineClassRef(j: number): number {
    return this.#lClass[j] ?? 0;
  }
  lineAmount(j: number): Cents {
    return this.#lAmount[j] ?? 0;
  }
  lineMemoCell(j: number): number {
    return this.#lMemo[j] ?? 0;
  }
  lineQtyRef(j: number): number {
    return this.#lQty[j] ?? 0;
  }
  linePriceRef(j: number): number {
    return this.#lPrice[j] ?? 0;
  }
  lineItemRef(j: number): number {
    return this.#lItem[j] ?? 0;
  }
  lineTaxableFlag(j: number): number {
    return this.#lTaxable[j] ?? 0;
  }
  linePayMethodRef(j: number): number {
    return this.#lPayMethod[j] ?? 0;
  }
  lineExtraRef(j: number): number {
    return this.#lExtra[j] ?? 0;
  }

  // ---- final checks and order ----

  drop(i: number): void {
    this.#dropped[i] = 1;
  }

  isDropped(i: number): boolean {
    return this.#dropped[i] === 1;
  }

  /**
   * The kept transactions in file order: by date, then type (TXN_TYPE_ORDER), then key (as
   * text), as numbers in build order.
   */
  sorted(typeOrder: Readonly<Record<TxnType, number>>): Uint32Array {
    const kept: number[] = [];
    for (let i = 0; i < this.count; i++) if (!this.#dropped[i]) kept.push(i);
    const typeRank = TXN_TYPES.map((t) => typeOrder[t]);
    const date = this.#date;
    const type = this.#type;
    const byKey = this.#keys.comparator();
    kept.sort((a, b) => {
      const d = (date[a] ?? 0) - (date[b] ?? 0);
      if (d !== 0) return d;
      const t = (typeRank[type[a] ?? 0] ?? 0) - (typeRank[type[b] ?? 0] ?? 0);
      if (t !== 0) return t;
      return byKey(a, b);
    });
    return Uint32Array.from(kept);
  }
}

/** The number of a name in a table, remembering the last name asked for (compared by identity first). */
class LastName {
  #value = '';
  #ref = 0;
  constructor(private readonly table: StringTable) {}

  ref(value: string): number {
    if (value === this.#value) return this.#ref;
    this.#value = value;
    this.#ref = this.table.indexOf(value);
    return this.#ref;
  }
}

/** A cell's text without the quotes `cell` puts around a value holding a comma (cleaned text has no other quote). */
function unquoted(c: string): string {
  return c.length >= 2 && c.startsWith('"') && c.endsWith('"') ? c.slice(1, -1) : c;
}
