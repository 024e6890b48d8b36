/**
 * The reader's storage: one typed column per field, so a million rows are a few arrays rather
 * than a million objects. Columns grow as rows are appended (sized up front from the first
 * piece's rows per byte, else by doubling), can be cut back (a file started again in another
 * encoding), and give back unused room when reading ends. A column whose rows all hold the same
 * value (no notes, no second contact) takes no room at all, and numbers take 4 bytes until one
 * needs 8. Text is copied as it is stored: a cell from the parser is a slice of the decoded
 * piece and would keep all of it alive.
 */
import { NO_DAY } from '../dates.ts';
import { decimalOf, type Decimal } from '../money.ts';
import { ownString } from '../text/pool.ts';
import { plainIdNumber } from './plain-values.ts';

const INITIAL_ROWS = 1024;

/** What every column of a table does besides holding values. */
export interface Growable {
  /** Makes room for `rows` rows at least (an estimate: more may come). */
  reserve(rows: number): void;
  /** Forgets rows from `length` on. */
  truncate(length: number): void;
  /** Gives back unused room (reading is over). */
  trim(): void;
}

/** Room left over after trimming: copying a column to save less is not worth it. */
function worthTrimming(capacity: number, length: number): boolean {
  return capacity - length > length / 8;
}

type SmallArray = Int32Array | Uint16Array | Uint8Array;

/** A column of small numbers in a typed array (file numbers, spreadsheet rows, item types). */
export class NumberColumn<A extends SmallArray> implements Growable {
  data: A;
  length = 0;

  constructor(private readonly make: (size: number) => A) {
    this.data = make(INITIAL_ROWS);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.#resize(this.data.length * 2);
    this.data[this.length++] = value;
  }

  at(p: number): number {
    return this.data[p] as number;
  }

  reserve(rows: number): void {
    if (rows > this.data.length) this.#resize(rows);
  }

  truncate(length: number): void {
    this.length = Math.min(this.length, length);
  }

  trim(): void {
    if (worthTrimming(this.data.length, this.length)) this.data = this.data.slice(0, this.length) as A;
  }

  #resize(size: number): void {
    const bigger = this.make(size);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
}

/** Stands for NaN in 4-byte storage (so -2^31 itself takes 8 bytes). */
const INT32_NAN = -0x80000000;

/**
 * Numbers that are mostly 32-bit integers (ids, cents, day numbers, indexes): 4 bytes a row,
 * widened to 8 bytes for the whole column the first time a value does not fit. Until a row holds
 * something other than `fill`, nothing is stored at all.
 */
export class IntColumn implements Growable {
  #data: Int32Array | Float64Array | null = null;
  #wide = false;
  #length = 0;
  /** Rows to make room for when storage is first needed. */
  #room = INITIAL_ROWS;

  constructor(private readonly fill: number) {}

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    let data = this.#data;
    if (data === null) {
      if (value === this.fill || (value !== value && this.fill !== this.fill)) {
        this.#length++;
        return;
      }
      data = this.#allocate();
    }
    if (this.#length === data.length) data = this.#resize(data.length * 2);
    if (!this.#wide) {
      if ((value | 0) === value && value !== INT32_NAN) {
        data[this.#length++] = value;
        return;
      }
      if (value !== value) {
        data[this.#length++] = INT32_NAN;
        return;
      }
      data = this.#widen();
    }
    data[this.#length++] = value;
  }

  at(p: number): number {
    const data = this.#data;
    if (data === null) return this.fill;
    const v = data[p] as number;
    return this.#wide || v !== INT32_NAN ? v : NaN;
  }

  reserve(rows: number): void {
    this.#room = Math.max(this.#room, rows);
    if (this.#data !== null && rows > this.#data.length) this.#resize(rows);
  }

  truncate(length: number): void {
    this.#length = Math.min(this.#length, length);
  }

  trim(): void {
    if (this.#data !== null && worthTrimming(this.#data.length, this.#length)) this.#data = this.#data.slice(0, this.#length);
  }

  #allocate(): Int32Array {
    const data = new Int32Array(Math.max(this.#room, this.#length + 1));
    const fill = this.fill === this.fill ? this.fill : INT32_NAN;
    if (fill !== 0) data.fill(fill, 0, this.#length);
    this.#data = data;
    return data;
  }

  #resize(size: number): Int32Array | Float64Array {
    const old = this.#data as Int32Array | Float64Array;
    const bigger = this.#wide ? new Float64Array(size) : new Int32Array(size);
    bigger.set(old.subarray(0, this.#length));
    this.#data = bigger;
    return bigger;
  }

  #widen(): Float64Array {
    const old = this.#data as Int32Array;
    const wide = new Float64Array(old.length);
    for (let p = 0; p < this.#length; p++) {
      const v = old[p] as number;
      wide[p] = v === INT32_NAN ? NaN : v;
    }
    this.#data = wide;
    this.#wide = true;
    return wide;
  }
}

/**
 * Keap's ids as numbers. An id of plain digits (no leading zero, at most 15 digits, so exact
 * in a double) is its own code; any other id (`A-17`, `00123`) gets a negative code for its text.
 * One table serves a whole read, so equal ids have equal codes in every column.
 */
export class IdCodes {
  readonly #texts: string[] = [];
  readonly #codes = new Map<string, number>();

  /** The code of a (normalised) id; NO_ID for ''. */
  codeOf(id: string): number {
    if (id === '') return NO_ID;
    const plain = plainIdNumber(id);
    return plain >= 0 ? plain : this.#textCode(id);
  }

  /** The id a code stands for ('' for NO_ID). */
  text(code: number): string {
    if (code >= 0) return String(code);
    return code === NO_ID ? '' : (this.#texts[-2 - code] as string);
  }

  #textCode(id: string): number {
    let code = this.#codes.get(id);
    if (code === undefined) {
      code = -2 - this.#texts.length;
      const own = ownString(id);
      this.#texts.push(own);
      this.#codes.set(own, code);
    }
    return code;
  }
}

/** The code of an empty id. */
export const NO_ID = -1;

/** A column whose values can be compared between two stored rows (for repeats across files). */
export interface ContentColumn extends Growable {
  /** True when stored rows p and q hold the same value. */
  same(p: number, q: number): boolean;
  /** The value of stored row p as text that differs exactly when the values differ. */
  part(p: number): string;
}

/** Numbers compared as values (NaN equal to NaN: an empty optional amount). */
class ComparedInts extends IntColumn implements ContentColumn {
  same(p: number, q: number): boolean {
    const a = this.at(p);
    const b = this.at(q);
    return a === b || (a !== a && b !== b);
  }
  part(p: number): string {
    return String(this.at(p));
  }
}

/** Ids, as codes (see IdCodes). */
export class IdColumn extends ComparedInts {
  constructor(readonly codes: IdCodes) {
    super(NO_ID);
  }
  text(p: number): string {
    return this.codes.text(this.at(p));
  }
}

/** Money in integer cents; NaN where an optional amount was empty. */
export class CentsColumn extends ComparedInts {
  constructor() {
    super(NaN);
  }
}

/** Dates as day numbers; NO_DAY where an optional date was empty. */
export class DayColumn extends ComparedInts {
  constructor() {
    super(NO_DAY);
  }
}

/** Small codes (Keap's item types, 0-14) in bytes; the rare larger one is kept aside. */
export class SmallCodeColumn extends NumberColumn<Uint8Array> implements ContentColumn {
  static readonly #LARGE = 255;
  readonly #large = new Map<number, number>();

  constructor() {
    super((size) => new Uint8Array(size));
  }
  override push(value: number): void {
    if (value >= SmallCodeColumn.#LARGE) this.#large.set(this.length, value);
    super.push(Math.min(value, SmallCodeColumn.#LARGE));
  }
  override at(p: number): number {
    const v = this.data[p] as number;
    return v === SmallCodeColumn.#LARGE ? (this.#large.get(p) as number) : v;
  }
  override truncate(length: number): void {
    for (const p of this.#large.keys()) if (p >= length) this.#large.delete(p);
    super.truncate(length);
  }
  same(p: number, q: number): boolean {
    return this.at(p) === this.at(q);
  }
  part(p: number): string {
    return String(this.at(p));
  }
}

/** How many distinct values a text column remembers to share; past that it starts again. */
const SHARED_LIMIT = 1 << 16;

/**
 * Text: a column of indexes into the column's own list of values. A column of values that repeat
 * (names, pay types, cities) stores each one once; the memory of repeats is bounded and starts
 * again when full, which keeps the values that repeat nearby (rows come grouped by order, date
 * or contact). A column of values that rarely repeat (notes, emails) just copies each one.
 */
export class TextColumn implements ContentColumn {
  readonly #index = new IntColumn(0);
  values: string[] = [''];
  #shared: Map<string, number> | null;

  constructor(repeats: boolean) {
    this.#shared = repeats ? new Map() : null;
  }

  push(text: string): void {
    this.#index.push(text === '' ? 0 : this.#indexOf(text));
  }

  /** The number of stored row p's value in `values` (0: ''). */
  indexAt(p: number): number {
    return this.#index.at(p);
  }

  at(p: number): string {
    return this.values[this.#index.at(p)] as string;
  }

  same(p: number, q: number): boolean {
    return this.at(p) === this.at(q);
  }

  part(p: number): string {
    const text = this.at(p);
    return `${text.length}:${text}`;
  }

  reserve(rows: number): void {
    this.#index.reserve(rows);
  }

  truncate(length: number): void {
    this.#index.truncate(length);
    let used = 0;
    for (let p = 0; p < this.#index.length; p++) used = Math.max(used, this.#index.at(p));
    this.values.length = used + 1;
    this.#shared?.clear();
  }

  trim(): void {
    this.#index.trim();
    // A fresh map, not clear(): clearing walks every entry, and the old map is dropped anyway.
    if (this.#shared !== null) this.#shared = new Map();
  }

  #indexOf(text: string): number {
    const shared = this.#shared;
    if (shared === null) return this.values.push(ownString(text)) - 1;
    let i = shared.get(text);
    if (i === undefined) {
      if (shared.size >= SHARED_LIMIT) shared.clear();
      const own = ownString(text);
      i = this.values.push(own) - 1;
      shared.set(own, i);
    }
    return i;
  }
}

/** Keys are exact while |units| x 16 + 15 stays under 2^53. */
const KEY_UNITS_LIMIT = 2 ** 49;

/**
 * Exact quantities and prices, one number per row: the value's key, units x 16 + scale (see
 * plainDecimalKey), which plain cells give without a BigInt or a lookup. The rare value too large
 * for an exact key is kept aside by row. Each Decimal is made when asked for (decimalOf shares
 * the small ones). A row's value is staged while the row is read and stored once it is valid.
 */
export class DecimalColumn implements ContentColumn {
  /** NaN for a value kept aside in #large. */
  readonly #keys = new IntColumn(NaN);
  readonly #large = new Map<number, Decimal>();
  #stagedKey = NaN;
  #stagedLarge: Decimal | null = null;

  /** Stages a plain cell's value by its key. */
  stageKey(key: number): void {
    this.#stagedKey = key;
    this.#stagedLarge = null;
  }

  /** Stages a value read by parseDecimal. */
  stageValue(value: Decimal): void {
    const units = Number(value.units);
    if (Math.abs(units) < KEY_UNITS_LIMIT && value.scale < 16) this.stageKey(units * 16 + value.scale);
    else {
      this.#stagedKey = NaN;
      this.#stagedLarge = value;
    }
  }

  /** The staged value's decimal places. */
  get stagedScale(): number {
    return this.#stagedLarge?.scale ?? scaleOfKey(this.#stagedKey);
  }

  /** The staged value's units as a number; NaN when too large to be exact. */
  get stagedUnits(): number {
    return this.#stagedLarge === null ? (this.#stagedKey - scaleOfKey(this.#stagedKey)) / 16 : NaN;
  }

  staged(): Decimal {
    return this.#stagedLarge ?? decimalOfKey(this.#stagedKey);
  }

  /** Stores the staged value as the next row's. */
  commit(): void {
    if (this.#stagedLarge !== null) this.#large.set(this.#keys.length, this.#stagedLarge);
    this.#keys.push(this.#stagedKey);
  }

  at(p: number): Decimal {
    const key = this.#keys.at(p);
    return key === key ? decimalOfKey(key) : (this.#large.get(p) as Decimal);
  }

  same(p: number, q: number): boolean {
    const a = this.#keys.at(p);
    const b = this.#keys.at(q);
    if (a === b) return true;
    if (a === a || b === b) return false;
    const x = this.at(p);
    const y = this.at(q);
    return x.units === y.units && x.scale === y.scale;
  }

  part(p: number): string {
    const d = this.at(p);
    return `${d.units}e-${d.scale}`;
  }

  reserve(rows: number): void {
    this.#keys.reserve(rows);
  }

  truncate(length: number): void {
    for (const p of this.#large.keys()) if (p >= length) this.#large.delete(p);
    this.#keys.truncate(length);
  }

  trim(): void {
    this.#keys.trim();
  }
}

function scaleOfKey(key: number): number {
  return ((key % 16) + 16) % 16;
}

/** Decimals by key: the same few quantities and prices fill most rows, so each is one shared object. */
const decimalByKey = new Map<number, Decimal>();
const DECIMAL_CACHE_LIMIT = 1 << 14;

function decimalOfKey(key: number): Decimal {
  let d = decimalByKey.get(key);
  if (d === undefined) {
    const scale = scaleOfKey(key);
    d = decimalOf(BigInt((key - scale) / 16), scale);
    if (decimalByKey.size >= DECIMAL_CACHE_LIMIT) decimalByKey.clear();
    decimalByKey.set(key, d);
  }
  return d;
}
