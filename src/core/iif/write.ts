/**
 * Transactions -> IIF bytes, the only place that knows IIF syntax. List sections first
 * (accounts, tax agency, items, payment methods, classes, customers), then the
 * !TRNS/!SPL/!ENDTRNS header triple and the transactions. Tab-separated, CRLF, MM/DD/YYYY dates,
 * amounts like -1234.56, Windows-1252. Every value from Keap or the profile passes through
 * `cell`, so no value can add a column or a row. The file is written as byte chunks straight
 * from the transaction store (each name encoded once); it never exists as one string.
 */
import { formatIifDate, isoOfDay, NO_DAY, type Day } from '../dates.ts';
import type { ListSections } from '../ledger/model.ts';
import { FLAG_NONE, type TransactionStore } from '../ledger/store.ts';
import { TXN_TYPES } from '../ledger/model.ts';
import { cell } from './cell.ts';
import { encodeWindows1252 } from './encode.ts';

const CRLF = '\r\n';

const TRNS_COLUMNS = ['TRNSID', 'TRNSTYPE', 'DATE', 'ACCNT', 'NAME', 'CLASS', 'AMOUNT', 'DOCNUM', 'MEMO', 'CLEAR', 'TOPRINT', 'NAMEISTAXABLE', 'ADDR1', 'ADDR2', 'ADDR3', 'ADDR4', 'ADDR5', 'DUEDATE', 'TERMS', 'PAYMETH'] as const;
const SPL_COLUMNS = ['SPLID', 'TRNSTYPE', 'DATE', 'ACCNT', 'NAME', 'CLASS', 'AMOUNT', 'DOCNUM', 'MEMO', 'CLEAR', 'QNTY', 'PRICE', 'INVITEM', 'PAYMETH', 'TAXABLE', 'EXTRA'] as const;

/** The three header rows that open the transactions section. */
export const TRANSACTION_HEADER = ['!TRNS', ...TRNS_COLUMNS].join('\t') + CRLF + ['!SPL', ...SPL_COLUMNS].join('\t') + CRLF + '!ENDTRNS' + CRLF;

const yn = (b: boolean | undefined) => (b === undefined ? '' : b ? 'Y' : 'N');

function row(keyword: string, values: (string | undefined)[]): string {
  let line = keyword;
  for (const v of values) line += '\t' + cell(v);
  return line + CRLF;
}

/** The list sections as text (only the non-empty ones; small next to the transactions). */
export function writeLists(lists: ListSections): string {
  const out: string[] = [];
  if (lists.accounts.length > 0) {
    out.push(['!ACCNT', 'NAME', 'ACCNTTYPE', 'DESC', 'EXTRA'].join('\t') + CRLF);
    for (const a of lists.accounts) out.push(row('ACCNT', [a.name, a.type, a.desc, a.extra]));
  }
  if (lists.vendors.length > 0) {
    out.push(['!VEND', 'NAME'].join('\t') + CRLF);
    for (const v of lists.vendors) out.push(row('VEND', [v]));
  }
  if (lists.items.length > 0) {
    out.push(['!INVITEM', 'NAME', 'INVITEMTYPE', 'DESC', 'ACCNT', 'PRICE', 'TAXABLE', 'TAXVEND'].join('\t') + CRLF);
    for (const i of lists.items) out.push(row('INVITEM', [i.name, i.type, i.desc, i.account, i.price, yn(i.taxable ?? false), i.taxVendor]));
  }
  if (lists.paymentMethods.length > 0) {
    out.push(['!PAYMETH', 'NAME'].join('\t') + CRLF);
    for (const p of lists.paymentMethods) out.push(row('PAYMETH', [p]));
  }
  if (lists.classes.length > 0) {
    out.push(['!CLASS', 'NAME'].join('\t') + CRLF);
    for (const c of lists.classes) out.push(row('CLASS', [c]));
  }
  if (lists.customers.length > 0) {
    out.push(['!CUST', 'NAME', 'BADDR1', 'BADDR2', 'BADDR3', 'BADDR4', 'BADDR5', 'EMAIL', 'PHONE1', 'FIRSTNAME', 'LASTNAME', 'COMPANYNAME'].join('\t') + CRLF);
    for (const c of lists.customers) {
      const b = c.billTo;
      out.push(row('CUST', [c.name, b[0], b[1], b[2], b[3], b[4], c.email, c.phone, c.firstName, c.lastName, c.company]));
    }
  }
  return out.join('');
}

/** Collects bytes into chunks of CHUNK bytes and hands each full chunk on. */
class ChunkWriter {
  static readonly CHUNK = 1 << 20;
  buf: Uint8Array;
  pos = 0;
  /** Bytes handed on so far. */
  flushed = 0;

  constructor(
    private readonly emit: (chunk: Uint8Array) => void,
    /** The receiver copies each chunk at once, so one buffer can be refilled. */
    private readonly reuse: boolean,
  ) {
    // A refilled buffer is full size; kept chunks start small (small files, many tests) and
    // double up to CHUNK.
    this.buf = new Uint8Array(reuse ? ChunkWriter.CHUNK : 1 << 16);
  }

  get offset(): number {
    return this.flushed + this.pos;
  }

  /** Makes room for n more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(n);
  }

  bytes(b: Uint8Array, start = 0, end = b.length): void {
    const n = end - start;
    this.room(n);
    if (n <= 32) {
      // Most cells are short: a loop beats making a view of them.
      const buf = this.buf;
      let pos = this.pos;
      for (let k = start; k < end; k++) buf[pos++] = b[k] as number;
      this.pos = pos;
      return;
    }
    this.buf.set(n === b.length ? b : b.subarray(start, end), this.pos);
    this.pos += n;
  }

  /** Hands on what is buffered; `last` when nothing more will be written. */
  flush(last = false): void {
    if (this.pos === 0) return;
    this.emit(this.buf.subarray(0, this.pos));
    this.flushed += this.pos;
    this.pos = 0;
    if (!this.reuse && !last) this.buf = new Uint8Array(Math.min(ChunkWriter.CHUNK, this.buf.length * 2));
  }
}

const TAB = 9;
const ASCII = (s: string) => encodeWindows1252(s);
const TRNS_START = ASCII('TRNS\t\t');
const SPL_START = ASCII('SPL\t\t');
const END_ROW = ASCII('ENDTRNS' + CRLF);
const ROW_END = ASCII(CRLF);
const TYPE_BYTES = TXN_TYPES.map((t) => ASCII(t + '\t'));
const FLAG_BYTES = [ASCII(''), ASCII('N'), ASCII('Y')];
const CLEAR_N = ASCII('\tN\t');
const EMPTY = new Uint8Array(0);

/** Writes a store's transactions (the numbers in `order`, in that order) as IIF bytes. */
class TransactionWriter {
  readonly #names: (Uint8Array | undefined)[] = [];
  readonly #dates = new Map<Day, Uint8Array>();

  constructor(
    private readonly store: TransactionStore,
    private readonly out: ChunkWriter,
  ) {}

  /** A name cell's bytes, encoded the first time the name is written. */
  #name(ref: number): Uint8Array {
    if (ref === 0) return EMPTY;
    let b = this.#names[ref];
    if (b === undefined) this.#names[ref] = b = encodeWindows1252(cell(this.store.names.values[ref]));
    return b;
  }

  #date(day: Day): Uint8Array {
    let b = this.#dates.get(day);
    if (b === undefined) this.#dates.set(day, (b = ASCII(formatIifDate(isoOfDay(day)))));
    return b;
  }

  #cell(ref: number): void {
    const cells = this.store.cells;
    if (ref !== 0) this.out.bytes(cells.bytes, cells.start(ref), cells.end(ref));
  }

  #tab(): void {
    this.out.room(1);
    this.out.buf[this.out.pos++] = TAB;
  }

  /** Cents as `-1234.56`, straight into the buffer. */
  #amount(cents: number): void {
    const out = this.out;
    out.room(24);
    const buf = out.buf;
    if (cents < 0) buf[out.pos++] = 45;
    const abs = Math.abs(cents);
    const frac = abs % 100;
    let whole = (abs - frac) / 100;
    const start = out.pos;
    do {
      buf[out.pos++] = 48 + (whole % 10);
      whole = Math.floor(whole / 10);
    } while (whole > 0);
    buf.subarray(start, out.pos).reverse();
    buf[out.pos++] = 46;
    buf[out.pos++] = 48 + Math.floor(frac / 10);
    buf[out.pos++] = 48 + (frac % 10);
  }

  write(i: number): void {
    const s = this.store;
    const out = this.out;
    const typeIndex = TXN_TYPES.indexOf(s.type(i));
    const typeBytes = TYPE_BYTES[typeIndex] as Uint8Array;
    const date = this.#date(s.date(i));
    const type = s.type(i);
    const isSalesForm = type === 'INVOICE' || type === 'CREDIT MEMO' || type === 'CASH SALE';
    // TRNS, in TRNS_COLUMNS order.
    out.bytes(TRNS_START);
    out.bytes(typeBytes);
    out.bytes(date);
    this.#tab();
    out.bytes(this.#name(s.accountRef(i)));
    this.#tab();
    out.bytes(this.#name(s.nameRef(i)));
    this.#tab();
    out.bytes(this.#name(s.classRef(i)));
    this.#tab();
    this.#amount(s.amount(i));
    this.#tab();
    this.#cell(s.docNumCell(i));
    this.#tab();
    this.#cell(s.memoCell(i));
    out.bytes(CLEAR_N);
    out.bytes(FLAG_BYTES[s.toPrintFlag(i)] as Uint8Array);
    this.#tab();
    // NAMEISTAXABLE on sales forms only, N when not said.
    if (isSalesForm) out.bytes(FLAG_BYTES[s.isTaxableFlag(i) || 1] as Uint8Array);
    for (let k = 0; k < 5; k++) {
      this.#tab();
      out.bytes(this.#name(s.addressRef(i, k)));
    }
    this.#tab();
    const due = s.dueDate(i);
    if (due !== NO_DAY) out.bytes(this.#date(due));
    this.#tab();
    out.bytes(this.#name(s.termsRef(i)));
    this.#tab();
    if (type === 'CASH SALE') out.bytes(this.#name(s.payMethodRef(i)));
    out.bytes(ROW_END);
    // SPL rows, in SPL_COLUMNS order.
    const { start, end } = s.lines(i);
    for (let j = start; j < end; j++) {
      out.bytes(SPL_START);
      out.bytes(typeBytes);
      out.bytes(date);
      this.#tab();
      out.bytes(this.#name(s.lineAccountRef(j)));
      this.#tab();
      out.bytes(this.#name(s.lineNameRef(j)));
      this.#tab();
      out.bytes(this.#name(s.lineClassRef(j)));
      this.#tab();
      this.#amount(s.lineAmount(j));
      this.#tab();
      this.#tab();
      this.#cell(s.lineMemoCell(j));
      out.bytes(CLEAR_N);
      out.bytes(this.#name(s.lineQtyRef(j)));
      this.#tab();
      out.bytes(this.#name(s.linePriceRef(j)));
      this.#tab();
      out.bytes(this.#name(s.lineItemRef(j)));
      this.#tab();
      out.bytes(this.#name(s.linePayMethodRef(j)));
      this.#tab();
      const taxable = s.lineTaxableFlag(j);
      if (taxable !== FLAG_NONE) out.bytes(FLAG_BYTES[taxable] as Uint8Array);
      this.#tab();
      out.bytes(this.#name(s.lineExtraRef(j)));
      out.bytes(ROW_END);
    }
    out.bytes(END_ROW);
  }
}

export interface WrittenIif {
  /** Where written transaction k starts in the file; at `order.length`, the end of the file. */
  starts: Float64Array;
  bytes: number;
}

/**
 * Writes the whole file: the list sections, then the transactions of `order` in that order.
 * `emit` receives the bytes in chunks, in order; with `reuse` one chunk buffer is refilled
 * after each call (the receiver must copy or write it at once).
 */
export function writeIif(lists: ListSections, store: TransactionStore, order: ArrayLike<number>, emit: (chunk: Uint8Array) => void, reuse: boolean): WrittenIif {
  const out = new ChunkWriter(emit, reuse);
  out.bytes(encodeWindows1252(writeLists(lists)));
  if (order.length > 0) out.bytes(ASCII(TRANSACTION_HEADER));
  const writer = new TransactionWriter(store, out);
  const starts = new Float64Array(order.length + 1);
  for (let k = 0; k < order.length; k++) {
    starts[k] = out.offset;
    writer.write(order[k] as number);
  }
  starts[order.length] = out.offset;
  out.flush(true);
  return { starts, bytes: out.flushed };
}
