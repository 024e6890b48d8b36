/**
 * Transactions of a big run in packed form. A million Keap orders make more than two million
 * transactions; as objects (splits, sources, ids, memos) they take about a kilobyte each and
 * were most of a run's memory. Here each transaction is written to its IIF bytes the moment it
 * is built, and only what later stages read is kept: a few numbers in typed arrays, its review
 * line, its Keap ids, the Keap rows it came from and the names it uses (as name-use events).
 * The output is byte for byte what `writeIif` writes from the same transactions.
 */
import type { IsoDate } from '../dates.ts';
import { encodeInto } from '../iif/encode.ts';
import { transactionText } from '../iif/write.ts';
import type { SourceRef } from '../keap/model.ts';
import type { Cents } from '../money.ts';
import { TXN_ROLES, TXN_TYPE_ORDER, TXN_TYPES, type Transaction, type TxnRole, type TxnType } from './model.ts';
import { StringTable } from '../text/pool.ts';
import { NameUses, visitNameUses, type NameUseVisitor, type UseCode } from './name-use.ts';
import { reviewLine } from '../review/rows.ts';

/** Encoded IIF is kept in blocks of this many bytes (a transaction never spans two). */
const BYTE_BLOCK = 4 * 1024 * 1024;
/** Name-use events are stored as name index * USE_SLOTS + use code. */
const USE_SLOTS = 16;

/** A copy of `a` with room for `size` entries. */
function resized<T extends Uint8Array | Uint32Array | Float64Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

/** `a`, or a copy at least twice as long when it has less room than `needed`. */
function grown<T extends Uint8Array | Uint32Array | Float64Array>(a: T, needed: number): T {
  return needed <= a.length ? a : resized(a, Math.max(needed, a.length * 2));
}


export class PackedTransactions {
  count = 0;
  #type = new Uint8Array(1024);
  #role = new Uint8Array(1024);
  #amount = new Float64Array(1024);
  #date = new Uint32Array(1024);
  #name = new Uint32Array(1024);
  #account = new Uint32Array(1024);
  #byteBlock = new Uint32Array(1024);
  #byteStart = new Uint32Array(1024);
  #byteLength = new Uint32Array(1024);
  #useStart = new Uint32Array(1025);
  #uses = new Uint32Array(8192);
  #useCount = 0;
  #sourceStart = new Uint32Array(1025);
  #sources = new Uint32Array(4096);
  #sourceCount = 0;
  #lines: string[] = [];
  #keapIds: string[] = [];
  /** Keys that the review line changed (control characters); the sort needs the real key. */
  #oddKeys = new Map<number, string>();
  /** Names, accounts, items, classes and pay methods: one table. */
  readonly #names = new StringTable();
  readonly #dates = new StringTable();
  readonly #files = new StringTable();
  readonly #blocks: Uint8Array[] = [];
  #blockUsed = BYTE_BLOCK;
  /** Transactions left out by the final checks (not written). */
  #dropped = new Uint8Array(1024);
  /** Positions in build order, sorted (date, type, key) by `sort`. */
  #order: Uint32Array | null = null;

  /** Packs one built transaction (its IIF bytes are written now). */
  add(t: Transaction): void {
    const i = this.count++;
    if (i >= this.#type.length) {
      // Every column grows to the same capacity (the start columns hold one more).
      const capacity = this.#type.length * 2;
      this.#type = resized(this.#type, capacity);
      this.#role = resized(this.#role, capacity);
      this.#amount = resized(this.#amount, capacity);
      this.#date = resized(this.#date, capacity);
      this.#name = resized(this.#name, capacity);
      this.#account = resized(this.#account, capacity);
      this.#byteBlock = resized(this.#byteBlock, capacity);
      this.#byteStart = resized(this.#byteStart, capacity);
      this.#byteLength = resized(this.#byteLength, capacity);
      this.#dropped = resized(this.#dropped, capacity);
      this.#useStart = resized(this.#useStart, capacity + 1);
      this.#sourceStart = resized(this.#sourceStart, capacity + 1);
    }
    this.#type[i] = TXN_TYPES.indexOf(t.type);
    this.#role[i] = TXN_ROLES.indexOf(t.role);
    this.#amount[i] = t.amount;
    this.#date[i] = this.#dates.indexOf(t.date);
    this.#name[i] = this.#names.indexOf(t.name);
    this.#account[i] = this.#names.indexOf(t.account);
    this.#writeBytes(i, transactionText(t));
    this.#useStart[i] = this.#useCount;
    visitNameUses(t, (use, name) => {
      this.#uses = grown(this.#uses, this.#useCount + 1);
      this.#uses[this.#useCount++] = this.#names.indexOf(name) * USE_SLOTS + use;
    });
    this.#useStart[i + 1] = this.#useCount;
    this.#sourceStart[i] = this.#sourceCount;
    this.#sources = grown(this.#sources, (this.#sourceCount + t.sources.length) * 2);
    for (const src of t.sources) {
      this.#sources[this.#sourceCount * 2] = this.#files.indexOf(src.file);
      this.#sources[this.#sourceCount * 2 + 1] = src.row;
      this.#sourceCount++;
    }
    this.#sourceStart[i + 1] = this.#sourceCount;
    const line = reviewLine(t);
    this.#lines.push(line);
    if (!line.startsWith(t.key + '\u001f')) this.#oddKeys.set(i, t.key);
    this.#keapIds.push(t.keapIds.join('\u0000'));
  }

  #writeBytes(i: number, text: string): void {
    if (this.#blockUsed + text.length > BYTE_BLOCK || this.#blocks.length === 0) {
      this.#blocks.push(new Uint8Array(Math.max(BYTE_BLOCK, text.length)));
      this.#blockUsed = 0;
    }
    const block = this.#blocks.length - 1;
    encodeInto(text, this.#blocks[block] as Uint8Array, this.#blockUsed);
    this.#byteBlock[i] = block;
    this.#byteStart[i] = this.#blockUsed;
    this.#byteLength[i] = text.length;
    this.#blockUsed += text.length;
  }

  // ---- what the later stages read (i is a position in build order) ----------------------------

  type(i: number): TxnType {
    return TXN_TYPES[this.#type[i] ?? 0] as TxnType;
  }

  role(i: number): TxnRole {
    return TXN_ROLES[this.#role[i] ?? 0] as TxnRole;
  }

  amount(i: number): Cents {
    return this.#amount[i] ?? 0;
  }

  date(i: number): IsoDate {
    return this.#dates.values[this.#date[i] ?? 0] as IsoDate;
  }

  name(i: number): string {
    return this.#names.values[this.#name[i] ?? 0] ?? '';
  }

  keapIds(i: number): string[] {
    const joined = this.#keapIds[i] ?? '';
    return joined === '' ? [] : joined.split('\u0000');
  }

  sources(i: number): SourceRef[] {
    const out: SourceRef[] = [];
    for (let k = this.#sourceStart[i] ?? 0; k < (this.#sourceStart[i + 1] ?? 0); k++) {
      out.push({ file: this.#files.values[this.#sources[2 * k] ?? 0] ?? '', row: this.#sources[2 * k + 1] ?? 0 });
    }
    return out;
  }

  /** Replays the names transaction i uses, in visitNameUses order. */
  visitUses(i: number, visit: NameUseVisitor): void {
    for (let k = this.#useStart[i] ?? 0; k < (this.#useStart[i + 1] ?? 0); k++) {
      const v = this.#uses[k] ?? 0;
      visit((v % USE_SLOTS) as UseCode, this.#names.values[Math.floor(v / USE_SLOTS)] ?? '');
    }
  }

  /** Adds transaction i's names to `uses`. */
  addUses(i: number, uses: NameUses): void {
    const type = this.type(i);
    this.visitUses(i, (use, name) => uses.add(type, use, name));
  }

  /** Leaves transaction i out (a final check failed). */
  drop(i: number): void {
    this.#dropped[i] = 1;
  }

  /**
   * The kept transactions in (date, type, key) order, as positions in build order: the order
   * `sortTransactions` gives the same transactions.
   */
  sort(): Uint32Array {
    if (this.#order) return this.#order;
    // Dates ranked by their text, so the order is the text order whatever their form.
    const dateRank = new Uint32Array(this.#dates.values.length);
    this.#dates.values.map((d, k) => [d, k] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).forEach(([, k], r) => (dateRank[k] = r));
    const kept: number[] = [];
    for (let i = 0; i < this.count; i++) if (!this.#dropped[i]) kept.push(i);
    const rank = (i: number) => (dateRank[this.#date[i] ?? 0] ?? 0) * 8 + TXN_TYPE_ORDER[this.type(i)];
    const lines = this.#lines;
    const odd = this.#oddKeys;
    const keyOf = (i: number) => odd.get(i) ?? (lines[i] as string).slice(0, (lines[i] as string).indexOf('\u001f'));
    kept.sort((a, b) => {
      const d = rank(a) - rank(b);
      if (d !== 0) return d;
      // A review line starts with the key and U+001F, lower than any character of a key
      // without control characters, so comparing lines up to it compares keys; only the rare
      // keys with control characters are compared as themselves.
      const oddPair = odd.size > 0 && (odd.has(a) || odd.has(b));
      return oddPair ? compareKeys(keyOf(a), keyOf(b)) : compareKeys(lines[a] as string, lines[b] as string);
    });
    this.#order = Uint32Array.from(kept);
    return this.#order;
  }

  /** Count of Keap source rows of the given transactions (for sizing the review rows). */
  sourceCountOf(positions: ArrayLike<number>): number {
    let n = 0;
    for (let k = 0; k < positions.length; k++) {
      const i = positions[k] as number;
      n += (this.#sourceStart[i + 1] ?? 0) - (this.#sourceStart[i] ?? 0);
    }
    return n;
  }

  /** Review line, header account and Keap rows of transaction i, for the review table. */
  reviewOf(i: number): { line: string; account: string } {
    return { line: this.#lines[i] as string, account: this.#names.values[this.#account[i] ?? 0] ?? '' };
  }

  /**
   * Writes the transactions at `positions` (in that order) after `head` (the list sections and
   * header, already bytes) as blocks of bytes, and where each starts in the whole file.
   */
  writeBytes(head: Uint8Array[], positions: ArrayLike<number>): { parts: Uint8Array[]; starts: Float64Array } {
    const parts: Uint8Array[] = [...head];
    let written = 0;
    for (const h of head) written += h.length;
    const starts = new Float64Array(positions.length + 1);
    let out = new Uint8Array(BYTE_BLOCK);
    let used = 0;
    for (let k = 0; k < positions.length; k++) {
      const i = positions[k] as number;
      const length = this.#byteLength[i] ?? 0;
      if (used + length > out.length) {
        parts.push(out.subarray(0, used));
        out = new Uint8Array(Math.max(BYTE_BLOCK, length));
        used = 0;
      }
      const start = this.#byteStart[i] ?? 0;
      out.set((this.#blocks[this.#byteBlock[i] ?? 0] as Uint8Array).subarray(start, start + length), used);
      starts[k] = written;
      used += length;
      written += length;
    }
    if (used > 0) parts.push(out.subarray(0, used));
    starts[positions.length] = written;
    return { parts, starts };
  }

  /** Frees the encoded transactions (after writing). */
  releaseBytes(): void {
    this.#blocks.length = 0;
  }
}

/**
 * Compares two review lines by their keys only, up to the first U+001F (equal keys are a tie,
 * whatever the rest of the line holds, as in sortTransactions); a key alone compares as itself.
 */
function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const ca = a.charCodeAt(k);
    const cb = b.charCodeAt(k);
    if (ca !== cb) return ca - cb;
    if (ca === 0x1f) return 0;
  }
  return a.length - b.length;
}
