/**
 * One input file -> its kind, typed records and a file report. Refuses whole files that are
 * not CSV exports (images, spreadsheets, HTML pages, empty files) with a clear message, and
 * reports missing or ambiguous columns so the user can map them instead of us guessing.
 */
import type { InputFile } from '../convert-types.ts';
import { appendAll, issue, type Issue } from '../issues.ts';
import type { ColumnMap } from '../profile/types.ts';
import type { FileReport } from '../report.ts';
import { decodeBytes, sniffBinary } from '../text/decode.ts';
import { detectKind, type Detection } from './detect.ts';
import { readRecord, recordDate, type KeapRecord } from './ingest.ts';
import type { FileKind } from './model.ts';
import { delimiterName, streamCsv } from './read-csv.ts';
import { FILE_SCHEMAS } from './schemas.ts';
import { StringPool } from '../text/pool.ts';

export interface ExportRead {
  report: FileReport;
  kind: FileKind | null;
  records: KeapRecord[];
  /** Spreadsheet rows set aside while reading. */
  setAsideRows: Set<number>;
  issues: Issue[];
}

const BINARY_NAMES: Record<string, string> = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  pdf: 'a PDF document',
  zip: 'an Excel workbook (.xlsx) or another zipped file',
  xls: 'an old Excel workbook (.xls)',
  binary: 'a binary (non-text) file',
};

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

function refuse(report: FileReport, issues: Issue[], code: Issue['code'], message: string): ExportRead {
  report.refused = true;
  report.reason = message;
  issues.push(issue(code, 'error', message, { file: report.file }));
  report.problems = issues.length;
  return { report, kind: null, records: [], setAsideRows: new Set(), issues };
}

/** Reads and validates one export file. Never throws for bad input. */
export function readExport(file: InputFile, columnMaps: readonly ColumnMap[]): ExportRead {
  const report = emptyReport(file.name);
  const issues: Issue[] = [];
  if (file.bytes.length === 0) return refuse(report, issues, 'file.empty', `${file.name} is empty (0 bytes). Export the data from Keap again.`);
  const binary = sniffBinary(file.bytes);
  if (binary) {
    const hasNul = binary === 'binary';
    return refuse(
      report,
      issues,
      hasNul ? 'file.nul-bytes' : 'file.binary',
      `${file.name} is ${BINARY_NAMES[binary]}, not a CSV export. In Keap, export the report as CSV; if you opened it in Excel, use File > Save As > CSV.`,
    );
  }
  const decoded = decodeBytes(file.bytes);
  report.encoding = decoded.encoding;
  if (decoded.fellBack) {
    issues.push(issue('file.encoding-fallback', 'warning', `${file.name} is not UTF-8, so it was read as Windows-1252 (what Excel writes on Windows). Check that accented names look right in the review.`, { file: file.name }));
  }
  const text = decoded.text;
  if (text.includes('\u0000')) {
    return refuse(report, issues, 'file.nul-bytes', `${file.name} holds NUL bytes, which a CSV export never has; it may be damaged or not a text file. Export it from Keap again.`);
  }
  if (text.trim() === '') return refuse(report, issues, 'file.empty', `${file.name} has no content. Export the data from Keap again.`);
  if (/^\s*(<!doctype html|<html|<\?xml|<head|<body)/i.test(text)) {
    return refuse(report, issues, 'file.binary', `${file.name} is a web page (HTML), not a CSV export. This happens when a download link expired: download the export from Keap again.`);
  }

  // Each row becomes a typed record as it is parsed; the file's rows are never all held as cells.
  let detection: Detection | null = null;
  let mode = 'unknown' as 'unknown' | 'columns' | 'ok';
  let headers: string[] = [];
  let width = 0;
  let usedIdx: number[] = [];
  const records: KeapRecord[] = [];
  const setAsideRows = new Set<number>();
  // One per file: it holds values only while the file is read.
  const pool = new StringPool();
  const onHeader = (h: string[]): void => {
    headers = h;
    report.headers = h;
    const d = detectKind(h, columnMaps);
    detection = d;
    report.kind = d.kind;
    report.reason = d.reason;
    if (d.kind === null) return;
    const schema = FILE_SCHEMAS[d.kind];
    for (const [field, idx] of Object.entries(d.columns)) report.columns[field] = h[idx] ?? '';
    // Duplicate header names are only a problem when a column we use is among them.
    const seen = new Map<string, number>();
    for (const x of h) seen.set(x.toLowerCase(), (seen.get(x.toLowerCase()) ?? 0) + 1);
    let duplicateUsed = false;
    for (const [name, n] of seen) {
      if (n > 1 && name !== '') {
        const used = Object.values(report.columns).some((c) => c.toLowerCase() === name);
        duplicateUsed ||= used;
        issues.push(issue('file.duplicate-header', used ? 'error' : 'warning', `The header "${name}" appears ${n} times${used ? ', and the converter needs that column: rename one of them or map the columns' : '; those columns are not used'}.`, { file: file.name, row: 1, column: name }));
      }
    }
    for (const amb of d.ambiguous) {
      issues.push(issue('file.ambiguous-column', 'error', `${file.name}: the columns ${amb.headers.map((x) => `"${x}"`).join(' and ')} could both be the ${schema.fields.find((f) => f.field === amb.field)?.label ?? amb.field}. Map the columns to say which one to use.`, { file: file.name, row: 1, column: amb.headers[0] }));
    }
    if (d.missing.length > 0 || d.ambiguous.length > 0 || duplicateUsed) {
      const missing = d.missing.map((m) => schema.fields.find((f) => f.field === m)?.label ?? m);
      if (missing.length > 0) {
        issues.push(issue('file.missing-column', 'error', `${file.name} looks like ${schema.label} but has no column for ${missing.join(', ')}. Map a column to ${missing.length > 1 ? 'these fields' : 'this field'} in the Files step, or export the report again with ${missing.length > 1 ? 'these columns' : 'this column'}.`, { file: file.name, row: 1 }));
      }
      mode = 'columns';
      return;
    }
    mode = 'ok';
    if (d.kind === 'payments' && d.columns.payType === undefined) {
      issues.push(issue('payment.pay-type-unmapped', 'warning', `${file.name} has no pay type column, so each row is taken by the sign of its amount: money in when positive, a refund when negative. Credits and write-offs cannot be told apart without it; export the pay type too if you have them.`, { file: file.name, row: 1 }));
    }
    width = h.length;
    usedIdx = Object.values(d.columns);
  };
  const onRecord = (cells: readonly string[], row: number, broken: boolean): void => {
    report.rowsRead++;
    if (mode === 'unknown') return;
    if (mode === 'columns') {
      setAsideRows.add(row);
      return;
    }
    const kind = (detection as Detection).kind!;
    if (cells.every((c) => c.trim() === '')) {
      report.rowsBlank++;
      return;
    }
    if (broken) {
      setAsideRows.add(row);
      return;
    }
    if (cells.length !== width) {
      const extraEmpty = cells.length > width && cells.slice(width).every((c) => c.trim() === '');
      const shortButComplete = cells.length < width && usedIdx.every((ix) => ix < cells.length);
      if (!extraEmpty && !shortButComplete) {
        issues.push(issue('csv.ragged-row', 'error', `Row ${row} has ${cells.length} cells but the header has ${width}, so its values may sit under the wrong columns; the row was set aside. Check the row for a stray comma or a missing value.`, { file: file.name, row }));
        setAsideRows.add(row);
        return;
      }
    }
    const { record, issues: rowIssues } = readRecord(kind, cells, (detection as Detection).columns, headers, { file: file.name, row }, pool);
    appendAll(issues, rowIssues);
    if (record === null) {
      setAsideRows.add(row);
      return;
    }
    records.push(record);
    const date = recordDate(kind, record);
    if (date) {
      if (report.firstDate === null || date < report.firstDate) report.firstDate = date;
      if (report.lastDate === null || date > report.lastDate) report.lastDate = date;
    }
  };
  const stream = streamCsv(text, file.name, onHeader, onRecord, issues);
  report.delimiter = delimiterName(stream.delimiter);
  const found = detection as Detection | null;
  if (found === null || found.kind === null) {
    return refuse(report, issues, 'file.unknown-kind', `${file.name}: ${found?.reason ?? 'it has no header row.'} Map its columns in the Files step, or check that it is a Keap export.`);
  }
  if (mode === 'columns') {
    report.refused = true;
    report.rowsSetAside = setAsideRows.size;
    report.problems = issues.length;
    return { report, kind: found.kind, records: [], setAsideRows, issues };
  }
  report.refused = false;
  if (stream.records === 0) {
    issues.push(issue('file.header-only', 'warning', `${file.name} has a header row but no data rows; there is nothing to convert in it.`, { file: file.name }));
  }
  report.problems = issues.length;
  return { report, kind: found.kind, records, setAsideRows, issues };
}
