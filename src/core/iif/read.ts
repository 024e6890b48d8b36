/**
 * IIF text -> rows keyed by column name, grouped TRNS/SPL/ENDTRNS transactions, and issues.
 * Tolerant by design: it reads QuickBooks' own exports and the odd files found in the wild
 * (CR-only, LF, CRLF, quoted cells, padding tabs, missing ENDTRNS) and never throws.
 */
import { issue } from '../issues.ts';
import type { Issue } from '../issues.ts';
import { parseCents } from '../money.ts';
import type { Cents } from '../money.ts';
import { decodeBytes, sniffBinary } from '../text/decode.ts';

/** A `!KEYWORD` row: the column names for the data rows of that keyword that follow it. */
export interface IifHeader {
  keyword: string;
  /** Column names in order (upper-cased, trimmed; may hold '' for padding cells). */
  columns: string[];
  line: number;
}

/** One data row. `values` is keyed by the column names of the latest header for its keyword. */
export interface IifRow {
  keyword: string;
  /** 1-based line number in the file. */
  line: number;
  /** Cells after the keyword, quotes already removed. */
  cells: string[];
  /** Column name -> value; every named column of the header is present ('' when the row is short). */
  values: Record<string, string>;
  /** Line of the header the row was read with; undefined when there was none. */
  headerLine?: number;
}

/** A column-less marker row such as ENDGRP, ENDTAX or ENDCUSTITEMDICT (ENDTRNS is not kept here). */
export interface IifMarker {
  keyword: string;
  line: number;
}

export interface IifTransaction {
  trns: IifRow;
  spl: IifRow[];
  /** Line of the TRNS row. */
  line: number;
  /** Line of the closing ENDTRNS row; undefined when it was missing. */
  endLine?: number;
}

export interface IifDocument {
  headers: IifHeader[];
  /** Every data row in file order (TRNS and SPL included; END* markers and blank lines left out). */
  rows: IifRow[];
  markers: IifMarker[];
  transactions: IifTransaction[];
  issues: Issue[];
}

/** Result of splitting one line into cells. */
export interface SplitLine {
  cells: string[];
  /** True when a cell opened a quote that never closed (it was then read as plain text). */
  unclosedQuote: boolean;
}

/**
 * Splits one IIF line on TAB. A cell starting with `"` runs to the next `"` that is followed by
 * TAB or the end of the line, so a raw TAB inside a quoted value stays in the value (QuickBooks
 * writes notepad text that way); the quotes are dropped and `""` inside becomes `"`.
 * A stray `"` inside a quoted cell is kept as is. `\n` (backslash n) is left alone.
 */
export function splitIifLine(line: string): SplitLine {
  const cells: string[] = [];
  let unclosedQuote = false;
  const n = line.length;
  let i = 0;
  for (;;) {
    let end: number;
    if (line.charCodeAt(i) === 0x22 /* " */) {
      const quoted = readQuoted(line, i);
      if (quoted) {
        cells.push(quoted.value);
        end = quoted.end;
      } else {
        // Unclosed quote: read the cell as plain text so later columns do not shift.
        unclosedQuote = true;
        end = nextTab(line, i);
        cells.push(line.slice(i, end));
      }
    } else {
      end = nextTab(line, i);
      cells.push(line.slice(i, end));
    }
    if (end >= n) break;
    i = end + 1;
  }
  return { cells, unclosedQuote };
}

function nextTab(line: string, from: number): number {
  const k = line.indexOf('\t', from);
  return k < 0 ? line.length : k;
}

function readQuoted(line: string, start: number): { value: string; end: number } | null {
  let value = '';
  let from = start + 1;
  for (;;) {
    const q = line.indexOf('"', from);
    if (q < 0) return null;
    const next = line[q + 1];
    if (next === undefined || next === '\t') return { value: value + line.slice(from, q), end: q + 1 };
    if (next === '"') {
      value += line.slice(from, q + 1);
      from = q + 2;
    } else {
      // A stray quote inside the value (seen in real files): keep it.
      value += line.slice(from, q + 1);
      from = q + 1;
    }
  }
}

/** Splits text into lines on CRLF, LF or CR. */
export function splitIifLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function isEndMarker(keyword: string): boolean {
  return keyword.startsWith('END') && keyword !== 'ENDTRNS';
}

/** Reads IIF text. Never throws; problems come back in `issues` with `row` = line number. */
export function readIif(text: string, sourceFile?: string): IifDocument {
  const doc: IifDocument = { headers: [], rows: [], markers: [], transactions: [], issues: [] };
  const where = (line: number): Partial<Issue> => (sourceFile ? { file: sourceFile, row: line } : { row: line });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    doc.issues.push(issue('iif.empty', 'error', `${sourceFile ?? 'The file'} is empty.`, sourceFile ? { file: sourceFile } : {}));
    return doc;
  }

  const headerFor = new Map<string, IifHeader>();
  const missingHeaderReported = new Set<string>();
  let open: IifTransaction | null = null;
  const closeOpen = (reason: string): void => {
    if (!open) return;
    doc.issues.push(
      issue('iif.no-endtrns', 'warning', `The transaction that starts on line ${open.line} has no ENDTRNS row ${reason}.`, {
        ...where(open.line),
        detail: 'TRNS without ENDTRNS',
      }),
    );
    doc.transactions.push(open);
    open = null;
  };

  const lines = splitIifLines(body);
  for (let idx = 0; idx < lines.length; idx++) {
    const raw = lines[idx]!;
    const lineNo = idx + 1;
    // Blank lines and rows of only padding tabs carry nothing.
    if (raw.replace(/[\t ]/g, '') === '') continue;
    const { cells, unclosedQuote } = splitIifLine(raw);
    const first = (cells[0] ?? '').trim().toUpperCase();
    const rest = cells.slice(1);
    if (unclosedQuote) {
      doc.issues.push(
        issue('iif.unclosed-quote', 'warning', `Line ${lineNo} has a quoted value that is never closed; it was read as plain text.`, where(lineNo)),
      );
    }

    if (first.startsWith('!')) {
      const header: IifHeader = { keyword: first.slice(1).trim(), columns: rest.map((c) => c.trim().toUpperCase()), line: lineNo };
      doc.headers.push(header);
      headerFor.set(header.keyword, header);
      continue;
    }
    if (first === '') {
      doc.issues.push(
        issue('iif.no-keyword', 'warning', `Line ${lineNo} has no keyword in its first cell, so it was skipped.`, where(lineNo)),
      );
      continue;
    }
    if (isEndMarker(first)) {
      doc.markers.push({ keyword: first, line: lineNo });
      continue;
    }

    if (first === 'ENDTRNS') {
      if (open) {
        open.endLine = lineNo;
        doc.transactions.push(open);
        open = null;
      } else {
        doc.issues.push(issue('iif.endtrns-without-trns', 'warning', `Line ${lineNo} is an ENDTRNS row without a TRNS row before it.`, where(lineNo)));
      }
      continue;
    }

    const header = headerFor.get(first);
    const row: IifRow = { keyword: first, line: lineNo, cells: rest, values: toValues(header, rest) };
    if (header) {
      row.headerLine = header.line;
      const extra = rest.slice(header.columns.length).some((c) => c.trim() !== '');
      if (extra) {
        doc.issues.push(
          issue(
            'iif.extra-values',
            'warning',
            `Line ${lineNo} (${first}) has more values than its !${first} header on line ${header.line} has columns; the extra values were not read.`,
            where(lineNo),
          ),
        );
      }
    } else if (!missingHeaderReported.has(first)) {
      // Once per keyword: a file without headers would otherwise give one issue per row.
      missingHeaderReported.add(first);
      doc.issues.push(
        issue(
          'iif.no-header',
          'warning',
          `Line ${lineNo} is a ${first} row, but no !${first} header row comes before it, so its columns have no names.`,
          where(lineNo),
        ),
      );
    }
    doc.rows.push(row);

    if (first === 'TRNS') {
      closeOpen(`before the next TRNS row on line ${lineNo}`);
      open = { trns: row, spl: [], line: lineNo };
    } else if (first === 'SPL') {
      if (open) open.spl.push(row);
      else {
        doc.issues.push(issue('iif.spl-outside-transaction', 'warning', `Line ${lineNo} is an SPL row outside a transaction (no TRNS row before it).`, where(lineNo)));
      }
    }
  }
  closeOpen('before the end of the file');
  // A missing ENDTRNS is only noticed later; report in file order (sort is stable).
  doc.issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return doc;
}

function toValues(header: IifHeader | undefined, cells: string[]): Record<string, string> {
  // Null prototype: a column called "constructor" must not read Object.prototype.
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!header) return values;
  header.columns.forEach((name, i) => {
    // First occurrence wins: old exports repeat names (`QNTY QNTY`, twelve `AMOUNT`s in !BUD).
    if (name === '' || name in values) return;
    values[name] = cells[i] ?? '';
  });
  return values;
}

/** Decodes bytes (BOM, UTF-8, UTF-16, Windows-1252 fallback) and reads them as IIF. */
export function readIifBytes(bytes: Uint8Array, sourceFile?: string): IifDocument {
  const binary = sniffBinary(bytes);
  if (binary !== null) {
    return {
      headers: [],
      rows: [],
      markers: [],
      transactions: [],
      issues: [
        issue('iif.binary', 'error', `${sourceFile ?? 'The file'} is not an IIF text file (it looks like ${binary} data).`, sourceFile ? { file: sourceFile } : {}),
      ],
    };
  }
  return readIif(decodeBytes(bytes).text, sourceFile);
}

/**
 * An IIF money value in cents: drops surrounding quotes and thousands commas (`"1,899.98"`).
 * Null when the value is empty, a rate (`7.50%`) or not money (more than two decimals included).
 */
export function parseIifAmount(value: string): Cents | null {
  let s = value.trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).trim();
  if (s === '') return null;
  const parsed = parseCents(s);
  return parsed.ok ? parsed.cents : null;
}
