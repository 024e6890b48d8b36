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

/** Texts as Windows-1252 bytes (IIF cells: the writer copies them as they are). Text 0 is ''. */
export class Cp1252Heap {
  #bytes = new Uint8Array(1 << 16);
  #used = 0;
  #ends = new Uint32Array(1024);
  #count = 1;

  /** Adds a text whose characters are all in Windows-1252 (cleaned IIF text); returns its number. */
  add(text: string): number {
    if (text === '') return 0;
    this.#bytes = grownBytes(this.#bytes, this.#used + text.length);
    encodeInto(text, this.#bytes, this.#used);
    this.#used += text.length;
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

  get(ref: number): string {
    return ref === 0 ? '' : decodeWindows1252(this.#bytes.subarray(this.start(ref), this.end(ref)));
  }
}

let utf8Encoder: TextEncoder | undefined;
let utf8Decoder: TextDecoder | undefined;

/** Texts as UTF-8 bytes (ids, which must come back exactly as they were). Text 0 is ''. */
export class Utf8Heap {
  #bytes = new Uint8Array(1 << 16);
  #used = 0;
  #ends = new Uint32Array(1024);
  #count = 1;

  add(text: string): number {
    if (text === '') return 0;
    // At most three bytes per UTF-16 code unit.
    this.#bytes = grownBytes(this.#bytes, this.#used + text.length * 3);
    const { written } = (utf8Encoder ??= new TextEncoder()).encodeInto(text, this.#bytes.subarray(this.#used));
    this.#used += written;
    this.#ends = grownOffsets(this.#ends, this.#count + 1);
    this.#ends[this.#count] = this.#used;
    return this.#count++;
  }

  get(ref: number): string {
    if (ref === 0) return '';
    return (utf8Decoder ??= new TextDecoder()).decode(this.#bytes.subarray(this.#ends[ref - 1] ?? 0, this.#ends[ref] ?? 0));
  }
}
