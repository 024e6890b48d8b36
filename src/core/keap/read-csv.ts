/**
 * Decoded text, piece by piece -> the header row, then each record with its spreadsheet row.
 * The only importer of papaparse. Each piece goes to papaparse's parser as array rows, and the
 * record the piece ends in the middle of is carried to the next piece, so only a piece and one
 * partial record are held. Counts rows itself (the header is spreadsheet row 1) because
 * papaparse's error rows are indexes, and turns quote errors into issues on our row numbers.
 * Handles comma, semicolon and tab delimiters, CRLF/LF/CR line ends, quoted cells holding
 * delimiters, quotes and line breaks, and Excel's `sep=,` first line.
 */
import Papa from 'papaparse';
import { issue, type Issue } from '../issues.ts';
import { ownString } from '../text/pool.ts';
import { OversizedRecord } from './oversized-record.ts';

const DELIMITERS = [',', ';', '\t'] as const;

/** Picks the delimiter that splits the header line into the most cells (quotes respected). */
function guessDelimiter(firstLine: string): string {
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

type LineEnd = '\r\n' | '\n' | '\r';

/**
 * The line end papaparse would guess for the whole text, from its first megabyte with quoted
 * text left out: LF when it comes before the first CR, else CRLF when at least half the CRs
 * start one, else CR. Guessed once per file, so that every piece is split the same way.
 */
function guessLineEnd(text: string): LineEnd {
  const sample = text.slice(0, 1 << 20).replace(/"[^]*?"/g, '');
  const firstCr = sample.indexOf('\r');
  if (firstCr < 0) return '\n';
  const firstLf = sample.indexOf('\n');
  if (firstLf >= 0 && firstLf < firstCr) return '\n';
  let crs = 0;
  let crlfs = 0;
  for (let i = firstCr; i >= 0; i = sample.indexOf('\r', i + 1)) {
    crs++;
    if (sample.charCodeAt(i + 1) === 0x0a) crlfs++;
  }
  return crlfs >= (crs + 1) / 2 ? '\r\n' : '\r';
}

/**
 * Characters of text gathered before parsing starts: enough for Excel's `sep=` line, the
 * header line (to guess its delimiter) and the line ends. The first piece usually holds far more.
 */
const HEAD_CHARS = 4096;

/**
 * A record longer than this (16 Mi characters) is not kept to be parsed: no Keap row comes
 * near it, while a quote that is never closed can make one record of the rest of the file.
 */
export const MAX_RECORD_CHARS = 1 << 24;

/** The cells passed for a record too long to read (it is always set aside). */
const UNREADABLE_RECORD: readonly string[] = Object.freeze(['(record too long to read)']);

const EMPTY_RECORD: readonly string[] = Object.freeze(['']);

export interface CsvHandlers {
  /** The header row, cells trimmed ([] for a file with no rows). */
  header(cells: string[]): void;
  /**
   * One data record and its spreadsheet row. `broken`: a quote error makes its cells
   * unreliable (an issue was already raised). The cells are slices of the piece being parsed:
   * copy what is kept.
   */
  record(cells: readonly string[], row: number, broken: boolean): void;
}

function quoteMessage(code: string, row: number): string {
  return code === 'MissingQuotes'
    ? `Row ${row} opens a quoted cell that is never closed, so the rest of the file after it cannot be read reliably; the row was set aside. Open the file in a spreadsheet, fix the quote, and save it again as CSV.`
    : `Row ${row} has a double quote in the middle of a cell that is not quoted, so its cells cannot be told apart reliably; the row was set aside. Save the file again from a spreadsheet as CSV (it quotes such cells).`;
}

/** Streams one file's CSV text: `push` each decoded piece in order, then `end`. */
export class CsvRecords {
  /** The delimiter in use (known once the header line has been seen). */
  delimiter = ',';
  /** Data records seen (after the header), trailing empty lines excluded. */
  records = 0;

  /** Text gathered before parsing starts; null once it has started. */
  #head: string | null = '';
  #parser: Papa.Parser | null = null;
  #lineEnd: LineEnd = '\n';
  /** Text not parsed yet: the start of a record cut by the end of the last piece, then the new piece. */
  #pending = '';
  /** Parse again only once `#pending` is this long (a long record is not re-parsed on every piece). */
  #retryAt = 0;
  /** Records seen, the header included. */
  #index = 0;
  /** Empty lines held back: at the end of the file they are line breaks, not rows. */
  #heldEmpty = 0;
  #oversized: OversizedRecord | null = null;

  constructor(
    private readonly fileName: string,
    /** Where quote problems go, in row order with the caller's own issues. */
    private readonly issues: Issue[],
    private readonly on: CsvHandlers,
  ) {}

  push(text: string): void {
    if (this.#head !== null) {
      this.#head += text;
      if (this.#headComplete(this.#head)) this.#start(false);
      return;
    }
    this.#feed(text, false);
  }

  end(): void {
    if (this.#head !== null) this.#start(true);
    else this.#feed('', true);
    if (this.#index === 0) this.on.header([]);
  }

  #headComplete(head: string): boolean {
    if (head.length >= MAX_RECORD_CHARS) return true;
    if (head.length < HEAD_CHARS) return false;
    // The header line must be whole (the sep= line alone is not enough).
    const { body } = withoutSepLine(withoutBom(head));
    const lineEnd = body.search(/\r|\n/);
    return lineEnd >= 0 && lineEnd < body.length - 1;
  }

  #start(final: boolean): void {
    const head = this.#head ?? '';
    this.#head = null;
    const { body, delimiter } = withoutSepLine(withoutBom(head));
    const firstLineEnd = body.search(/\r|\n/);
    this.delimiter = delimiter ?? guessDelimiter(firstLineEnd < 0 ? body : body.slice(0, firstLineEnd));
    this.#lineEnd = guessLineEnd(body);
    this.#parser = new Papa.Parser({ delimiter: this.delimiter, newline: this.#lineEnd, quoteChar: '"', escapeChar: '"' });
    this.#feed(body, final);
  }

  #feed(text: string, final: boolean): void {
    if (this.#oversized !== null) {
      text = this.#skipOversized(text, final);
      if (this.#oversized !== null) return;
    }
    this.#pending = this.#pending === '' ? text : this.#pending + text;
    if (!final && this.#pending.length < this.#retryAt) return;
    const input = this.#pending;
    // Not the last piece: papaparse leaves out the last, possibly cut, record and says where it starts.
    const result = (this.#parser as Papa.Parser).parse(input, 0, !final) as Papa.ParseResult<string[]>;
    this.#deliver(result.data, result.errors);
    if (final) {
      this.#pending = '';
      return;
    }
    this.#pending = input.slice(result.meta.cursor);
    if (result.data.length > 0) {
      this.#retryAt = 0;
    } else if (input.length > MAX_RECORD_CHARS) {
      this.#pending = '';
      this.#oversized = new OversizedRecord(this.delimiter.charCodeAt(0), this.#lineEnd);
      this.#feed(input, false);
    } else {
      this.#retryAt = input.length * 2;
    }
  }

  /** Scans on through a record too long to keep; returns the text after it (all of it consumed: ''). */
  #skipOversized(text: string, final: boolean): string {
    const scan = this.#oversized as OversizedRecord;
    const end = scan.scan(text);
    if (end < 0 && !final) return '';
    this.#oversized = null;
    const row = this.#index + 1;
    if (end < 0 && scan.unterminated) {
      this.issues.push(issue('csv.quotes', 'error', quoteMessage('MissingQuotes', row), { file: this.fileName, row }));
    } else {
      this.issues.push(issue('file.too-large-field', 'error', `Row ${row} is ${scan.length.toLocaleString('en-US')} characters long, far more than any Keap row, so it was not read; the row was set aside. Check the file for a broken quote.`, { file: this.fileName, row }));
    }
    this.#record(UNREADABLE_RECORD, true);
    return end < 0 ? '' : text.slice(end);
  }

  #deliver(rows: readonly string[][], errors: readonly Papa.ParseError[]): void {
    let e = 0;
    for (let k = 0; k < rows.length; k++) {
      let quoteError: string | null = null;
      // Errors come in row order; those of a record papaparse left out have indexes past the end.
      for (; e < errors.length && (errors[e]!.row ?? 0) <= k; e++) {
        const error = errors[e]!;
        if (error.row === k && error.type === 'Quotes' && quoteError === null) quoteError = error.code;
      }
      if (this.#index === 0) {
        this.#index++;
        // Copies: headers are kept (in the report and in messages), the piece they come from is not.
        this.on.header(rows[k]!.map((h) => ownString(h.trim())));
        continue;
      }
      if (quoteError !== null) {
        const row = this.#index + 1;
        this.issues.push(issue('csv.quotes', 'error', quoteMessage(quoteError, row), { file: this.fileName, row }));
      }
      this.#record(rows[k]!, quoteError !== null);
    }
  }

  #record(cells: readonly string[], broken: boolean): void {
    if (this.#index === 0) {
      this.#index++;
      this.on.header([]);
      return;
    }
    const row = ++this.#index;
    if (!broken && cells.length === 1 && cells[0] === '') {
      this.#heldEmpty++;
      return;
    }
    for (let r = row - this.#heldEmpty; r < row; r++) this.on.record(EMPTY_RECORD, r, false);
    this.records += this.#heldEmpty + 1;
    this.#heldEmpty = 0;
    this.on.record(cells, row, broken);
  }
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Excel's first line `sep=;` names the delimiter; it is not part of the data. */
function withoutSepLine(text: string): { body: string; delimiter: string | null } {
  const sep = /^sep=(.)\r?\n?/i.exec(text);
  if (sep && (sep[1] === ',' || sep[1] === ';' || sep[1] === '\t' || sep[1] === '|')) {
    return { body: text.slice(sep[0].length).replace(/^\r?\n|^\r/, ''), delimiter: sep[1] };
  }
  return { body: text, delimiter: null };
}
