/**
 * Review stage: turns the problems of a run into a CSV the user can open in a spreadsheet,
 * written by papaparse's `unparse`: cells a spreadsheet would run as a formula are neutralised
 * (CSV injection), cells are quoted where RFC 4180 needs it, and lines end with CRLF as Excel
 * expects.
 */
import Papa from 'papaparse';
import type { Issue } from '../issues.ts';

const PROBLEMS_CSV_HEADER = ['Severity', 'Code', 'File', 'Row', 'Column', 'Value', 'Message'];

/**
 * A leading =, +, -, @, tab or CR makes Excel, LibreOffice and Sheets treat a cell as a formula;
 * papaparse then prefixes `'`, which makes them show it as text (OWASP "CSV injection" advice).
 * Our own pattern rather than `escapeFormulae: true`, whose /^[=+\-@\t\r].*$/ fails on a value
 * with a line break after the formula start (`.` stops at the break), letting "=cmd\n..." through.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The problems as CSV text (header row first, CRLF line ends, final CRLF). */
export function problemsToCsv(issues: readonly Issue[]): string {
  // Row numbers stay numbers: ours, never a formula, and papaparse leaves numbers as they are.
  const rows = issues.map((i) => [i.severity, i.code, i.file ?? null, i.row ?? null, i.column ?? null, i.raw ?? null, i.message]);
  // The header as the first row (not `fields`): papaparse ends the text differently with and
  // without data rows when given `fields`; as rows it never adds a final line end, so we do.
  return `${Papa.unparse([PROBLEMS_CSV_HEADER, ...rows], { newline: '\r\n', escapeFormulae: FORMULA_START })}\r\n`;
}
