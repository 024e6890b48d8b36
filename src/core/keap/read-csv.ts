/**
 * Text -> header row + raw records. The only importer of papaparse. Counts rows itself (the
 * header is spreadsheet row 1) because papaparse's error rows are record indexes, and turns
 * quote errors into issues on our row numbers. Handles comma, semicolon and tab delimiters,
 * CRLF/LF/CR line ends, quoted cells with delimiters, quotes and line breaks, and Excel's
 * `sep=,` first line.
 */
import Papa from 'papaparse';
import { issue, type Issue } from '../issues.ts';

export interface CsvTable {
  headers: string[];
  /** Data records; record i is spreadsheet row i + 2. */
  records: string[][];
  delimiter: string;
  issues: Issue[];
  /** Rows (spreadsheet numbering) with an unterminated quote. */
  brokenRows: Set<number>;
}

const DELIMITERS = [',', ';', '\t'] as const;

/** Picks the delimiter that splits the header line into the most cells (quotes respected). */
export function guessDelimiter(firstLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let inQuotes = false;
    for (const ch of firstLine) {
      if (ch === '"') inQuotes = !inQuotes;
      else if (ch === d && !inQuotes) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : d === ';' ? 'semicolon' : 'comma';
}

/** Parses CSV text (already decoded, BOM removed) into a header row and records. */
export function readCsv(text: string, fileName: string): CsvTable {
  const issues: Issue[] = [];
  let body = text.startsWith('\ufeff') ? text.slice(1) : text;
  let delimiter: string | null = null;
  const sep = /^sep=(.)\r?\n?/i.exec(body);
  if (sep && (sep[1] === ',' || sep[1] === ';' || sep[1] === '\t' || sep[1] === '|')) {
    delimiter = sep[1];
    body = body.slice(sep[0].length).replace(/^\r?\n|^\r/, '');
  }
  const firstLineEnd = body.search(/\r|\n/);
  const firstLine = firstLineEnd < 0 ? body : body.slice(0, firstLineEnd);
  delimiter ??= guessDelimiter(firstLine);

  const parsed = Papa.parse<string[]>(body, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    quoteChar: '"',
    escapeChar: '"',
  });
  const brokenRows = new Set<number>();
  for (const e of parsed.errors) {
    if (e.type === 'Quotes' && typeof e.row === 'number') {
      const row = e.row + 1;
      if (brokenRows.has(row)) continue;
      brokenRows.add(row);
      const message =
        e.code === 'MissingQuotes'
          ? `Row ${row} opens a quoted cell that is never closed, so the rest of the file after it cannot be read reliably; the row was set aside. Open the file in a spreadsheet, fix the quote, and save it again as CSV.`
          : `Row ${row} has a double quote in the middle of a cell that is not quoted, so its cells cannot be told apart reliably; the row was set aside. Save the file again from a spreadsheet as CSV (it quotes such cells).`;
      issues.push(issue('csv.quotes', 'error', message, { file: fileName, row }));
    }
  }
  const all = parsed.data;
  // A trailing line break leaves one empty record; it is not a row the user sees.
  while (all.length > 0 && all[all.length - 1]!.length === 1 && all[all.length - 1]![0] === '' && all.length > 1) {
    const last = all[all.length - 1]!;
    if (last.length === 1 && last[0] === '') all.pop();
    else break;
  }
  const headers = (all[0] ?? []).map((h) => h.trim());
  return { headers, records: all.slice(1), delimiter, issues, brokenRows };
}
