/**
 * Stored rows by id code (see IdCodes): an open-addressing hash table in two typed arrays. The
 * merge looks up every row with an id; a Map of a million numbers is several times slower and
 * larger.
 */

const EMPTY = -1;

export class CodeIndex {
  #codes: Float64Array;
  #rows: Int32Array;
  #mask: number;
  #size = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.#codes = new Float64Array(capacity);
    this.#rows = new Int32Array(capacity).fill(EMPTY);
    this.#mask = capacity - 1;
  }

  /** The row stored for `code`; when there is none, stores `row` for it and returns -1. */
  firstOrAdd(code: number, row: number): number {
    let slot = this.#slotOf(code);
    for (;;) {
      const found = this.#rows[slot] as number;
      if (found === EMPTY) break;
      if (this.#codes[slot] === code) return found;
      slot = (slot + 1) & this.#mask;
    }
    this.#codes[slot] = code;
    this.#rows[slot] = row;
    if (++this.#size * 2 > this.#mask) this.#grow();
    return -1;
  }

  #slotOf(code: number): number {
    // Codes are integers of up to 53 bits: mix both halves.
    const low = code | 0;
    const high = Math.floor(code / 4294967296) | 0;
    return Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1) & this.#mask;
  }

  #grow(): void {
    const codes = this.#codes;
    const rows = this.#rows;
    this.#codes = new Float64Array(codes.length * 2);
    this.#rows = new Int32Array(rows.length * 2).fill(EMPTY);
    this.#mask = this.#codes.length - 1;
    this.#size = 0;
    for (let i = 0; i < codes.length; i++) if (rows[i] !== EMPTY) this.firstOrAdd(codes[i] as number, rows[i] as number);
  }
}
