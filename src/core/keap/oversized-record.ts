/**
 * Finds where a record too long to keep ends, without keeping it: the reader holds a piece
 * plus the record it is in the middle of, and one record of many megabytes (a quote that is
 * never closed swallows the rest of the file) must not make it hold the whole file. Follows
 * papaparse's quoting closely enough for records that are set aside anyway: a quote opens a
 * quoted cell only at the start of a cell, `""` is a quote inside it, and a closing quote may
 * be followed by spaces before the delimiter or line end (anything else keeps the cell open,
 * as papaparse's "InvalidQuotes" does).
 */

const enum State {
  CellStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted cell: closing, or the first half of `""`. */
  QuoteInQuoted,
  /** After a closing quote: only spaces may come before the delimiter or line end. */
  AfterClose,
}

const QUOTE = 0x22;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff;
}

/** Scans one record from its first character, across as many pieces as it takes. */
export class OversizedRecord {
  #state = State.CellStart;
  #previous = 0;
  /** Characters scanned so far. */
  length = 0;

  constructor(
    private readonly delimiter: number,
    private readonly newline: '\r\n' | '\n' | '\r',
  ) {}

  /** Scans `text`; returns the index just after the record's line end, or -1 when the record goes on. */
  scan(text: string): number {
    let state = this.#state;
    let previous = this.#previous;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (state === State.CellStart) state = c === QUOTE ? State.Quoted : State.Unquoted;
      else if (state === State.Quoted) {
        if (c === QUOTE) state = State.QuoteInQuoted;
        previous = c;
        continue;
      } else if (state === State.QuoteInQuoted && c === QUOTE) {
        state = State.Quoted;
        previous = c;
        continue;
      }
      if (state !== State.Quoted) {
        if (this.#endsLine(c, previous)) {
          this.length += i + 1;
          this.#state = State.CellStart;
          this.#previous = 0;
          return i + 1;
        }
        if (c === this.delimiter) state = State.CellStart;
        else if (state === State.QuoteInQuoted || state === State.AfterClose) state = isSpace(c) ? State.AfterClose : State.Quoted;
      }
      previous = c;
    }
    this.length += text.length;
    this.#state = state;
    this.#previous = previous;
    return -1;
  }

  /** At the end of the file: true when the record ends inside a quoted cell that was never closed. */
  get unterminated(): boolean {
    return this.#state === State.Quoted;
  }

  #endsLine(c: number, previous: number): boolean {
    if (this.newline === '\r\n') return c === 0x0a && previous === 0x0d;
    return c === this.newline.charCodeAt(0);
  }
}
