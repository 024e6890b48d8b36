/**
 * Review stage: turns the problems of a run into a CSV the user can open in a spreadsheet.
 * Cells that a spreadsheet would run as a formula are neutralised (CSV injection), every cell
 * is quoted when needed, and lines end with CRLF as Excel expects.
 */
import type { Issue } from '../issues.ts';

export const PROBLEMS_CSV_HEADER = ['Severity', 'Code', 'File', 'Row', 'Column', 'Value', 'Message'] as const;

// A leading =, +, -, @, tab or CR makes Excel/LibreOffice/Sheets treat the cell as a formula;
// a leading apostrophe makes them show it as text (OWASP "CSV injection" advice).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to a cell a spreadsheet would otherwise evaluate as a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Quotes a cell when it holds a comma, quote, line break or edge space (RFC 4180). */
export function quoteCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  // Row numbers are ours and never start with a formula character; text comes from the file.
  if (typeof value === 'number') return String(value);
  return quoteCell(neutraliseCell(value));
}

/** The problems as CSV text (header row first, CRLF line ends, final CRLF). */
export function problemsToCsv(issues: readonly Issue[]): string {
  const lines = [PROBLEMS_CSV_HEADER.join(',')];
  for (const i of issues) {
    lines.push(
      [i.severity, i.code, i.file, i.row, i.column, i.raw, i.message].map(cell).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
