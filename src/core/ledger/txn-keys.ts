/**
 * The keys of the store's transactions (`invoice:1001`, `payment:payment:555`): what orders
 * transactions of the same day and type in the file. Kept as columns: the key's form (its
 * prefix) as a number, an all-digit id (most of Keap's) as an order code, anything else as text.
 * Two keys compare as their texts would.
 */
import { StringTable } from '../text/pool.ts';
import { Utf8Heap } from '../text/heap.ts';

/** Keys whose id part is all digits (most of Keap's) sort by a number, not a string. */
const MAX_CODED_DIGITS = 15;

/**
 * A number whose order is the text order of a digit string (up to 15 digits): each digit d
 * becomes d + 1 in base 11, so a shorter string that is a prefix of a longer one comes first,
 * as in string comparison. Exact in a double (11^15 < 2^53). NaN for anything else.
 */
export function digitsOrderCode(digits: string): number {
  if (digits.length === 0 || digits.length > MAX_CODED_DIGITS) return Number.NaN;
  let code = 0;
  for (let i = 0; i < MAX_CODED_DIGITS; i++) {
    const c = i < digits.length ? digits.charCodeAt(i) - 48 : -1;
    if (i < digits.length && (c < 0 || c > 9)) return Number.NaN;
    code = code * 11 + (c + 1);
  }
  return code;
}

/** The digit string back from digitsOrderCode. */
function digitsOfCode(code: number): string {
  const digits: number[] = [];
  let rest = code;
  for (let i = 0; i < MAX_CODED_DIGITS; i++) {
    digits.push(rest % 11);
    rest = Math.floor(rest / 11);
  }
  let out = '';
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits[i] as number;
    if (d === 0) break;
    out += String(d - 1);
  }
  return out;
}

function grown<T extends Uint32Array | Float64Array>(a: T, needed: number): T {
  if (needed <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(needed, a.length * 2));
  next.set(a);
  return next;
}

export class TransactionKeys {
  #prefix = new Uint32Array(1024);
  #code = new Float64Array(1024);
  #text = new Uint32Array(1024);
  readonly #prefixes = new StringTable();
  readonly #texts = new Utf8Heap();
  /** The form of the last coded key: runs of invoices or payments skip the slicing and lookup. */
  #lastPrefix = '';
  #lastPrefixRef = 0;

  constructor() {
    this.#prefixes.indexOf('');
  }

  /** Sets the key of transaction i. */
  set(i: number, key: string): void {
    if (i >= this.#prefix.length) {
      this.#prefix = grown(this.#prefix, i + 1);
      this.#code = grown(this.#code, i + 1);
      this.#text = grown(this.#text, i + 1);
    }
    const last = this.#lastPrefix;
    if (last !== '' && key.startsWith(last)) {
      const code = digitsOrderCode(key.slice(last.length));
      if (!Number.isNaN(code)) {
        this.#prefix[i] = this.#lastPrefixRef;
        this.#code[i] = code;
        this.#text[i] = 0;
        return;
      }
    }
    // A coded key's prefix runs to its last ':'; any other key's to its first.
    const lastCut = key.lastIndexOf(':') + 1;
    const code = digitsOrderCode(key.slice(lastCut));
    const cut = Number.isNaN(code) ? key.indexOf(':') + 1 : lastCut;
    const prefix = key.slice(0, cut);
    this.#prefix[i] = this.#prefixes.indexOf(prefix);
    if (!Number.isNaN(code)) {
      this.#lastPrefix = prefix;
      this.#lastPrefixRef = this.#prefix[i] as number;
    }
    this.#code[i] = code;
    this.#text[i] = Number.isNaN(code) ? this.#texts.add(key.slice(cut)) : 0;
  }

  /** The key of transaction i, as it was given. */
  get(i: number): string {
    const prefix = this.#prefixes.values[this.#prefix[i] ?? 0] ?? '';
    const code = this.#code[i] ?? Number.NaN;
    return prefix + (Number.isNaN(code) ? this.#texts.get(this.#text[i] ?? 0) : digitsOfCode(code));
  }

  /**
   * A comparator of transactions by key, as text. Keys are compared by code when both have one
   * and the same form; whole key texts only otherwise (each made once).
   */
  comparator(): (a: number, b: number) => number {
    const prefix = this.#prefix;
    const code = this.#code;
    const texts = new Map<number, string>();
    const text = (i: number): string => {
      let k = texts.get(i);
      if (k === undefined) texts.set(i, (k = this.get(i)));
      return k;
    };
    return (a, b) => {
      const ca = code[a] ?? Number.NaN;
      const cb = code[b] ?? Number.NaN;
      if (prefix[a] === prefix[b] && !Number.isNaN(ca) && !Number.isNaN(cb)) return ca - cb;
      const ka = text(a);
      const kb = text(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    };
  }
}
