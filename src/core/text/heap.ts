/**
 * Append-only text kept as bytes, for the many texts that are each used once (memos, document
 * numbers, Keap ids): a million orders make millions of them, and as JS strings each would cost
 * an object and a header. A text is added once and read back by its number.
 */
import { decodeWindows1252 } from './windows-1252.ts';
import { encodeInto } from '../iif/encode.ts';

/** Grows `a` to hold at least `needed` entries (doubling). */
function grownBytes(a: Uint8Array<ArrayBuffer>, needed: number): Uint8Array<ArrayBuffer> {
  if (needed <= a.length) return a;
  const next = new Uint8Array(Math.max(needed, a.length * 2));
  next.set(a);
  return next;
}

function grownOffsets(a: Uint32Array<ArrayBuffer>, needed: number): Uint32Array<ArrayBuffer> {
  if (needed <= a.length) return a;
  const next = new Uint32Array(Math.max(needed, a.length * 2));
  next.set(a);
  return next;
}

/** Texts kept as bytes one after the other, read back by number; text 0 is ''. */
class ByteHeap {
  #bytes = new Uint8Array(1 << 16);
  #used = 0;
  #ends = new Uint32Array(1024);
  #count = 1;

  constructor(
    /** The most bytes one UTF-16 code unit can take. */
    private readonly bytesPerUnit: number,
    /** Writes `text` at `offset`; returns the bytes written. */
    private readonly encode: (text: string, out: Uint8Array, offset: number) => number,
  ) {}

  /** Adds a text; returns its number. */
  add(text: string): number {
    if (text === '') return 0;
    this.#bytes = grownBytes(this.#bytes, this.#used + text.length * this.bytesPerUnit);
    this.#used += this.encode(text, this.#bytes, this.#used);
    this.#ends = grownOffsets(this.#ends, this.#count + 1);
    this.#ends[this.#count] = this.#used;
    return this.#count++;
  }

  start(ref: number): number {
    return ref === 0 ? 0 : (this.#ends[ref - 1] ?? 0);
  }

  end(ref: number): number {
    return ref === 0 ? 0 : (this.#ends[ref] ?? 0);
  }

  /** The bytes of every text (read with start/end). */
  get bytes(): Uint8Array {
    return this.#bytes;
  }

  protected slice(ref: number): Uint8Array {
    return this.#bytes.subarray(this.start(ref), this.end(ref));
  }
}

/** Texts as Windows-1252 bytes (IIF cells: the writer copies them as they are). */
export class Cp1252Heap extends ByteHeap {
  constructor() {
    // Cleaned IIF text: every character is in Windows-1252, one byte each.
    super(1, (text, out, offset) => {
      encodeInto(text, out, offset);
      return text.length;
    });
  }

  get(ref: number): string {
    return ref === 0 ? '' : decodeWindows1252(this.slice(ref));
  }
}

let utf8Encoder: TextEncoder | undefined;
let utf8Decoder: TextDecoder | undefined;

/** Texts as UTF-8 bytes (ids, which must come back exactly as they were). */
export class Utf8Heap extends ByteHeap {
  constructor() {
    super(3, (text, out, offset) => (utf8Encoder ??= new TextEncoder()).encodeInto(text, out.subarray(offset)).written);
  }

  get(ref: number): string {
    return ref === 0 ? '' : (utf8Decoder ??= new TextDecoder()).decode(this.slice(ref));
  }
}
