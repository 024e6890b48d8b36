/**
 * Text -> header row, then each record as it is parsed (streamed, never all held). The only
 * importer of papaparse. Counts rows itself (the header is spreadsheet row 1) because papaparse's
 * error rows are record indexes, and turns quote errors into issues on our row numbers. Handles
 * comma, semicolon and tab delimiters, CRLF/LF/CR line ends, quoted cells holding delimiters,
 * quotes and line breaks, and Excel's `sep=,` first line.
 */
import Papa from 'papaparse';
import { issue, type Issue } from '../issues.ts';

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

export interface CsvStream {
  delimiter: string;
  issues: Issue[];
  /** Data records seen (after the header), trailing empty lines excluded. */
  records: number;
}

/**
 * Streams CSV text (already decoded) row by row: `onHeader` gets the header row, then
 * `onRecord` each data record with its spreadsheet row number (header = row 1) and whether an
 * unterminated or stray quote makes it unreliable. Records are not kept, so a caller can turn
 * each one into a compact typed record at once instead of holding every row's cells.
 */
export function streamCsv(
  text: string,
  fileName: string,
  onHeader: (headers: string[]) => void,
  onRecord: (cells: string[], row: number, broken: boolean) => void,
  /** Where quote problems go, in row order with the caller's own issues. */
  issues: Issue[] = [],
): CsvStream {
  let body = text.startsWith('\ufeff') ? text.slice(1) : text;
  let delimiter: string | null = null;
  const sep = /^sep=(.)\r?\n?/i.exec(body);
  if (sep && (sep[1] === ',' || sep[1] === ';' || sep[1] === '\t' || sep[1] === '|')) {
    delimiter = sep[1];
    body = body.slice(sep[0].length).replace(/^\r?\n|^\r/, '');
  }
  const firstLineEnd = body.search(/\r|\n/);
  const firstLine = firstLineEnd < 0 ? body : body.slice(0, firstLineEnd);
  const delim = delimiter ?? guessDelimiter(firstLine);

  let index = 0; // record index: 0 = header
  let records = 0;
  // Lines that are one empty cell are held back: at the end of the file they are only line
  // breaks, not rows the user sees.
  let heldEmpty: number[] = [];
  const EMPTY: string[] = [''];
  Papa.parse<string[]>(body, {
    delimiter: delim,
    header: false,
    skipEmptyLines: false,
    quoteChar: '"',
    escapeChar: '"',
    step: (results) => {
      const cells = results.data;
      const i = index++;
      if (i === 0) {
        onHeader(cells.map((h) => h.trim()));
        return;
      }
      const row = i + 1;
      let broken = false;
      for (const e of results.errors) {
        if (e.type !== 'Quotes' || broken) continue;
        broken = true;
        const message =
          e.code === 'MissingQuotes'
            ? `Row ${row} opens a quoted cell that is never closed, so the rest of the file after it cannot be read reliably; the row was set aside. Open the file in a spreadsheet, fix the quote, and save it again as CSV.`
            : `Row ${row} has a double quote in the middle of a cell that is not quoted, so its cells cannot be told apart reliably; the row was set aside. Save the file again from a spreadsheet as CSV (it quotes such cells).`;
        issues.push(issue('csv.quotes', 'error', message, { file: fileName, row }));
      }
      if (!broken && cells.length === 1 && cells[0] === '') {
        heldEmpty.push(row);
        return;
      }
      for (const r of heldEmpty) onRecord(EMPTY, r, false);
      records += heldEmpty.length + 1;
      heldEmpty = [];
      onRecord(cells, row, broken);
    },
  });
  if (index === 0) onHeader([]);
  return { delimiter: delim, issues, records };
}
