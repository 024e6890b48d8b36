/**
 * One input file -> its rows in the table of its kind, its problems and its report, read piece by
 * piece (a piece of bytes, its text and the record it ends in the middle of are all that is held).
 * Refuses whole files that are not CSV exports (images, workbooks, web pages, empty files) with a
 * clear message, reports columns that are missing or ambiguous so the user can map them, and sets
 * aside (never drops) each row it cannot read. Never throws for bad input.
 */
import { NO_DAY, isoOfDay } from '../dates.ts';
import { issue, type Issue } from '../issues.ts';
import type { ColumnMap } from '../profile/types.ts';
import type { FileReport } from '../report.ts';
import type { ByteSource } from '../source.ts';
import type { TextEncodingName } from '../text/decode.ts';
import { pieceDecoder, textStartOf } from '../text/piece-decoder.ts';
import { CellReader } from './cell-reader.ts';
import type { IdCodes } from './columns.ts';
import { CsvRecords, delimiterName, type CsvHandlers } from './read-csv.ts';
import { detectKind, type Detection } from './detect.ts';
import { binaryRefusal, blankTextRefusal, emptyFileRefusal, LeadingText, nulTextRefusal, SNIFF_BYTES, webPageRefusal, type Refusal } from './file-checks.ts';
import { checkHeader } from './header-check.ts';
import type { KindTable, RowRead } from './kinds/kind-table.ts';
import type { KindTables } from './kinds/kind-tables.ts';
import type { FileRead } from './tables.ts';

/** How much of a file is read at a time. */
export const READ_PIECE_BYTES = 1 << 20;

/** Where a file's rows go, and what reading it needs. */
export interface ReadTarget {
  tables: KindTables;
  ids: IdCodes;
  columnMaps: readonly ColumnMap[];
  pieceBytes: number;
  /** After each piece: bytes of this file read so far (from its start again if it is read twice), and its rows. */
  onPiece?: (bytesRead: number, rows: number) => void;
}

/** A file read: what the merge and the conversion need, and the file's problems in row order. */
export interface FileReading {
  read: FileRead;
  issues: Issue[];
}

function emptyReport(file: string): FileReport {
  return {
    file,
    kind: null,
    reason: '',
    encoding: '',
    delimiter: '',
    headers: [],
    columns: {},
    rowsRead: 0,
    rowsConverted: 0,
    rowsSetAside: 0,
    rowsBlank: 0,
    rowsDuplicate: 0,
    firstDate: null,
    lastDate: null,
    problems: 0,
    refused: true,
  };
}

function refuse(report: FileReport, issues: Issue[], refusal: Refusal): FileReading {
  report.refused = true;
  report.reason = refusal.message;
  issues.push(issue(refusal.code, 'error', refusal.message, { file: report.file }));
  report.problems = issues.length;
  return { read: { report, setAsideRows: new Set(), duplicateRows: [] }, issues };
}

/** Reads one file (named `name`, the `fileIndex`-th of the read) into the tables. */
export function readFile(source: ByteSource, name: string, fileIndex: number, target: ReadTarget): FileReading {
  if (source.size === 0) return refuse(emptyReport(name), [], emptyFileRefusal(name));
  const head = source.read(0, Math.min(source.size, SNIFF_BYTES));
  const binary = binaryRefusal(name, head);
  if (binary !== null) return refuse(emptyReport(name), [], binary);
  const start = textStartOf(head);
  // Invalid UTF-8 shows only when it comes: read the file again, from its start, as Windows-1252.
  return new FilePass(source, name, fileIndex, target, start.encoding, start.skip).read() ?? new FilePass(source, name, fileIndex, target, 'windows-1252', start.skip).read()!;
}

function isBlankCell(c: string): boolean {
  if (c.length === 0) return true;
  const first = c.charCodeAt(0);
  return !(first > 0x20 && first < 0x7f) && c.trim() === '';
}

function isBlankRow(cells: readonly string[], from = 0): boolean {
  for (let k = from; k < cells.length; k++) if (!isBlankCell(cells[k]!)) return false;
  return true;
}

const NO_BYTES = new Uint8Array(0);

/** One reading of a file in one encoding. */
class FilePass implements CsvHandlers {
  readonly #report: FileReport;
  readonly #issues: Issue[] = [];
  readonly #setAside = new Set<number>();
  #mode: 'unknown' | 'columns' | 'rows' = 'unknown';
  #detection: Detection | null = null;
  #table: KindTable | null = null;
  /** The table's row count before this file: where to cut back to if the file is not kept. */
  #firstStored = 0;
  #readRow: RowRead | null = null;
  readonly #cells: CellReader;
  #width = 0;
  #usedColumns: number[] = [];
  #sized = false;
  #firstDay = Infinity;
  #lastDay = -Infinity;

  constructor(
    private readonly source: ByteSource,
    private readonly name: string,
    private readonly fileIndex: number,
    private readonly target: ReadTarget,
    private readonly encoding: TextEncodingName,
    private readonly skip: number,
  ) {
    this.#report = emptyReport(name);
    this.#report.encoding = encoding;
    this.#cells = new CellReader(name, this.#issues, target.ids);
  }

  /** Reads the file; null when it turns out not to be valid UTF-8 (nothing of it is kept then). */
  read(): FileReading | null {
    if (this.encoding === 'windows-1252') {
      this.#issues.push(issue('file.encoding-fallback', 'warning', `${this.name} is not UTF-8, so it was read as Windows-1252 (what Excel writes on Windows). Check that accented names look right in the review.`, { file: this.name }));
    }
    const warnings = this.#issues.slice();
    const decoder = pieceDecoder(this.encoding);
    const csv = new CsvRecords(this.name, this.#issues, this);
    const leading = new LeadingText();
    // Text waits until its start shows it is not a web page; then it is parsed as it comes.
    let waiting: string[] | null = [];
    let hasNul = false;
    const { source, target } = this;
    let offset = this.skip;
    for (let ended = false; !ended; ) {
      const bytes = offset < source.size ? source.read(offset, target.pieceBytes) : NO_BYTES;
      offset += bytes.length;
      ended = bytes.length === 0 || offset >= source.size;
      const text = decoder.decode(bytes, ended);
      if (text === null) {
        this.#forgetRows();
        return null;
      }
      target.onPiece?.(offset, this.#report.rowsRead);
      // A refused file is still decoded to its end: invalid UTF-8 later on is reported too.
      if (hasNul) continue;
      if (text.includes('\u0000')) {
        hasNul = true;
        this.#forgetRows();
        continue;
      }
      if (waiting === null) {
        if (!leading.webPage) csv.push(text);
      } else if (!leading.see(text)) {
        waiting.push(text);
      } else {
        if (!leading.webPage) for (const t of [...waiting, text]) csv.push(t);
        waiting = null;
      }
      this.#sizeTable(offset - this.skip);
    }
    if (hasNul) return refuse(this.#freshReport(), warnings, nulTextRefusal(this.name));
    if (leading.blank) return refuse(this.#freshReport(), warnings, blankTextRefusal(this.name));
    if (leading.webPage) return refuse(this.#freshReport(), warnings, webPageRefusal(this.name));
    if (waiting !== null) for (const t of waiting) csv.push(t);
    csv.end();
    return this.#finish(csv);
  }

  header(headers: string[]): void {
    const report = this.#report;
    report.headers = headers;
    const d = detectKind(headers, this.target.columnMaps);
    this.#detection = d;
    report.kind = d.kind;
    report.reason = d.reason;
    if (d.kind === null) return;
    if (!checkHeader(this.name, headers, d.kind, d, report, this.#issues)) {
      this.#mode = 'columns';
      return;
    }
    this.#mode = 'rows';
    this.#width = headers.length;
    this.#usedColumns = Object.values(d.columns);
    this.#table = this.target.tables[d.kind];
    this.#firstStored = this.#table.stored;
    this.#readRow = this.#table.rowReader(d.columns, headers);
  }

  record(cells: readonly string[], row: number, broken: boolean): void {
    const report = this.#report;
    report.rowsRead++;
    if (this.#mode === 'unknown') return;
    if (this.#mode === 'columns') {
      this.#setAside.add(row);
      return;
    }
    if (isBlankRow(cells)) {
      report.rowsBlank++;
      return;
    }
    if (broken || this.#isRagged(cells, row)) {
      this.#setAside.add(row);
      return;
    }
    this.#cells.start(cells, row);
    const table = this.#table as KindTable;
    if (!(this.#readRow as RowRead)(this.#cells)) {
      this.#setAside.add(row);
      return;
    }
    table.addSource(this.fileIndex, row);
    const day = table.dayOf(table.stored - 1);
    if (day !== NO_DAY) {
      if (day < this.#firstDay) this.#firstDay = day;
      if (day > this.#lastDay) this.#lastDay = day;
    }
  }

  /**
   * A row with more or fewer cells than the header may have its values under the wrong
   * columns. Tolerated: extra cells that are all empty (trailing delimiters), and a short row
   * that still has every column the converter uses.
   */
  #isRagged(cells: readonly string[], row: number): boolean {
    const width = this.#width;
    if (cells.length === width) return false;
    if (cells.length > width && isBlankRow(cells, width)) return false;
    if (cells.length < width && this.#usedColumns.every((ix) => ix < cells.length)) return false;
    this.#issues.push(issue('csv.ragged-row', 'error', `Row ${row} has ${cells.length} cells but the header has ${width}, so its values may sit under the wrong columns; the row was set aside. Check the row for a stray comma or a missing value.`, { file: this.name, row }));
    return true;
  }

  /**
   * Once the first rows are in, makes room for the whole file at the rows per byte seen so far
   * (a little more), so that big columns are not copied each time they fill up.
   */
  #sizeTable(bytesRead: number): void {
    const table = this.#table;
    const rows = this.#report.rowsRead;
    if (this.#sized || table === null || rows === 0) return;
    this.#sized = true;
    table.reserve(this.#firstStored + Math.ceil((rows / bytesRead) * (this.source.size - this.skip) * 1.05));
  }

  #forgetRows(): void {
    this.#table?.truncate(this.#firstStored);
    this.#mode = 'unknown';
  }

  /** The report of a file refused after it was partly read: only what came before reading its rows. */
  #freshReport(): FileReport {
    const report = emptyReport(this.name);
    report.encoding = this.encoding;
    return report;
  }

  #finish(csv: CsvRecords): FileReading {
    const report = this.#report;
    report.delimiter = delimiterName(csv.delimiter);
    const d = this.#detection;
    if (d === null || d.kind === null) {
      return refuse(report, this.#issues, {
        code: 'file.unknown-kind',
        message: `${this.name}: ${d?.reason ?? 'it has no header row.'} Map its columns in the Files step, or check that it is a Keap export.`,
      });
    }
    const read: FileRead = { report, setAsideRows: this.#setAside, duplicateRows: [] };
    if (this.#mode === 'columns') {
      report.refused = true;
      report.rowsSetAside = this.#setAside.size;
      report.problems = this.#issues.length;
      return { read, issues: this.#issues };
    }
    report.refused = false;
    if (csv.records === 0) {
      this.#issues.push(issue('file.header-only', 'warning', `${this.name} has a header row but no data rows; there is nothing to convert in it.`, { file: this.name }));
    }
    if (this.#firstDay !== Infinity) {
      report.firstDate = isoOfDay(this.#firstDay);
      report.lastDate = isoOfDay(this.#lastDay);
    }
    report.problems = this.#issues.length;
    return { read, issues: this.#issues };
  }
}
