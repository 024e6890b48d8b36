/**
 * Reads the cells of one row by field, validating each (money to cents, dates to day numbers,
 * quantities exactly, ids to codes) and raising issues that name file, row and column. A row
 * with an error is set aside by its caller, never dropped silently and never read as 0. One
 * reader serves a whole file: `start` points it at the next row.
 */
import { dayOf, NO_DAY, parseDate, type Day } from '../dates.ts';
import { issue, quoteRaw, type Issue } from '../issues.ts';
import { parseCents, parseDecimal, type Cents } from '../money.ts';
import { ownString } from '../text/pool.ts';
import type { DecimalColumn, IdCodes } from './columns.ts';
import { isDigits, plainCents, plainDay, plainDecimalKey, plainIdNumber } from './plain-values.ts';

/** Cells longer than this are not real export values (a broken quote swallowing a file, or an attack). */
const MAX_CELL_LENGTH = 32_768;

/** Where a field is in this file: its column (-1: the file has none) and the name messages use. */
export interface Field {
  readonly col: number;
  /** The column's header as written in the file, or the field's own name when there is no column. */
  readonly name: string;
}

/** Finds each named field's column in a file (from detection) once, for every row of the file. */
export function fieldsOf<K extends string>(names: readonly K[], columns: Readonly<Record<string, number>>, headers: readonly string[]): Record<K, Field> {
  const fields = {} as Record<K, Field>;
  for (const name of names) {
    const col = columns[name];
    fields[name] = col === undefined ? { col: -1, name } : { col, name: headers[col] ?? name };
  }
  return fields;
}

const RAW_LIMIT = 200;

export class CellReader {
  cells: readonly string[] = [];
  row = 0;
  /** The current row has an error: it is set aside. */
  hasError = false;

  constructor(
    readonly file: string,
    /** The file's issues, in row order. */
    private readonly issues: Issue[],
    readonly ids: IdCodes,
  ) {}

  start(cells: readonly string[], row: number): void {
    this.cells = cells;
    this.row = row;
    this.hasError = false;
  }

  warn(code: Issue['code'], f: Field, message: string, raw?: string): void {
    this.issues.push(this.#issue(code, 'warning', message, f, raw));
  }

  fail(code: Issue['code'], f: Field, message: string, raw?: string): void {
    this.hasError = true;
    this.issues.push(this.#issue(code, 'error', message, f, raw));
  }

  /** The trimmed text of a field ('' when the file has no such column), Excel's `="..."` unwrapped. */
  text(f: Field): string {
    if (f.col < 0) return '';
    const v = this.cells[f.col] ?? '';
    const n = v.length;
    if (n === 0) return '';
    if (n > MAX_CELL_LENGTH) {
      this.fail('file.too-large-field', f, `The cell in column "${f.name}" holds ${n.toLocaleString('en-US')} characters, far more than any Keap value; the row was set aside. Check the file for a broken quote.`);
      return '';
    }
    const first = v.charCodeAt(0);
    const last = v.charCodeAt(n - 1);
    // Most cells start and end with a visible ASCII character and are not `="..."`.
    if (first > 0x20 && first < 0x7f && first !== 0x3d && last > 0x20 && last < 0x7f) return v;
    const t = v.trim();
    // Excel keeps leading zeros and long ids as text by writing ="00123"; unwrap it.
    return t.length > 3 && t.startsWith('="') && t.endsWith('"') ? t.slice(2, -1).replace(/""/g, '"') : t;
  }

  /** An id as its code (see IdCodes). */
  id(f: Field, required: boolean): number {
    const v = this.text(f);
    const plain = plainIdNumber(v);
    return plain >= 0 ? plain : this.ids.codeOf(this.#normalizedId(v, f, required));
  }

  /** Spreadsheets turn 1001 into 1001.0 or 1,001, and an id is an id. */
  #normalizedId(v: string, f: Field, required: boolean): string {
    if (!isDigits(v)) {
      if (/^\d+\.0+$/.test(v)) v = v.replace(/\.0+$/, '');
      if (/^\d{1,3}(,\d{3})+$/.test(v)) v = v.replace(/,/g, '');
    }
    if (required && v === '') this.fail('id.missing', f, `The ${f.name} is empty, so this row cannot be linked to anything. Fill it in or remove the row.`);
    return v;
  }

  /** A date as a day number; NO_DAY when empty or unreadable. */
  date(f: Field, required: boolean): Day {
    const raw = this.text(f);
    if (raw === '') {
      if (required) this.fail('date.missing', f, `The date in column "${f.name}" is empty. Fill in the date (for example 03/15/2024).`);
      return NO_DAY;
    }
    const plain = plainDay(raw);
    if (plain !== NO_DAY) return plain;
    const r = parseDate(raw);
    if (!r.ok) {
      if (r.reason === 'impossible') {
        this.fail('date.impossible', f, `${quoteRaw(raw)} is not a real calendar date. Correct the date (month/day/year) and try again.`, raw);
      } else {
        this.fail('date.invalid', f, `${quoteRaw(raw)} is not a date we can read. Use month/day/year (03/15/2024) or year-month-day (2024-03-15).`, raw);
      }
      return NO_DAY;
    }
    if (r.twoDigitYear) {
      this.warn('date.two-digit-year', f, `${quoteRaw(raw)} has a two-digit year; it was read as ${r.date.slice(0, 4)}. Check that this is right.`, raw);
    }
    return dayOf(r.date);
  }

  /** An amount in cents; NaN when empty or unreadable. */
  money(f: Field, required: boolean): Cents {
    const raw = this.text(f);
    if (raw === '') {
      if (required) this.fail('amount.missing', f, `The amount in column "${f.name}" is empty. Fill in the amount (0.00 if none).`);
      return NaN;
    }
    const plain = plainCents(raw);
    if (plain === plain) return plain;
    const r = parseCents(raw);
    if (r.ok) return r.cents;
    if (r.reason === 'precision') {
      this.fail('amount.precision', f, `${quoteRaw(raw)} has more than two decimals; money amounts must be whole cents. Round it in Keap or the spreadsheet.`, raw);
    } else if (r.reason === 'decimal-comma') {
      this.fail('amount.decimal-comma', f, `${quoteRaw(raw)} uses a comma as the decimal mark. Save the export with a period as the decimal mark (12.50).`, raw);
    } else {
      this.fail('amount.invalid', f, `${quoteRaw(raw)} is not an amount of money. Expected something like 1234.56 or $1,234.56.`, raw);
    }
    return NaN;
  }

  /** Stages an exact decimal in `column` (see DecimalColumn); false when empty or unreadable. */
  decimal(f: Field, code: 'qty.invalid' | 'amount.invalid', what: string, column: DecimalColumn): boolean {
    const raw = this.text(f);
    const key = plainDecimalKey(raw);
    if (key === key) {
      column.stageKey(key);
      return true;
    }
    const r = parseDecimal(raw);
    if (r.ok) {
      column.stageValue(r.value);
      return true;
    }
    if (raw === '') this.fail(code, f, `The ${what} in column "${f.name}" is empty.`);
    else this.fail(code, f, `${quoteRaw(raw)} is not a valid ${what}.`, raw);
    return false;
  }

  /**
   * An issue that owns its text: the raw value, and a message built around it, would otherwise
   * be slices of the decoded piece and keep all of it alive for as long as the issue lives.
   */
  #issue(code: Issue['code'], severity: Issue['severity'], message: string, f: Field, raw?: string): Issue {
    return issue(code, severity, ownString(message), {
      file: this.file,
      row: this.row,
      column: f.name,
      ...(raw === undefined ? {} : { raw: ownString(raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}…` : raw) }),
    });
  }
}
