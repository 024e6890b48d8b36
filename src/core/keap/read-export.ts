/**
 * One input file -> its kind, typed records and a file report. Refuses whole files that are
 * not CSV exports (images, spreadsheets, HTML pages, empty files) with a clear message, and
 * reports missing or ambiguous columns so the user can map them instead of us guessing.
 */
import type { InputFile } from '../convert-types.ts';
import { appendAll, issue, type Issue } from '../issues.ts';
import type { ColumnMap } from '../profile/types.ts';
import type { FileReport } from '../report.ts';
import { decodeBytes } from '../text/decode.ts';
import { detectKind, type Detection } from './detect.ts';
import { readRecord, recordDate, type KeapRecord } from './ingest.ts';
import type { FileKind } from './model.ts';
import { delimiterName, streamCsv } from './read-csv.ts';
import { binaryRefusal, blankTextRefusal, emptyFileRefusal, nulTextRefusal, SNIFF_BYTES, webPageRefusal, type Refusal } from './file-checks.ts';
import { checkHeader } from './header-check.ts';
import { StringPool } from '../text/pool.ts';

export interface ExportRead {
  report: FileReport;
  kind: FileKind | null;
  records: KeapRecord[];
  /** Spreadsheet rows set aside while reading. */
  setAsideRows: Set<number>;
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

function refuse(report: FileReport, issues: Issue[], refusal: Refusal): ExportRead {
  report.refused = true;
  report.reason = refusal.message;
  issues.push(issue(refusal.code, 'error', refusal.message, { file: report.file }));
  report.problems = issues.length;
  return { report, kind: null, records: [], setAsideRows: new Set(), issues };
}

/** Reads and validates one export file. Never throws for bad input. */
export function readExport(file: InputFile, columnMaps: readonly ColumnMap[]): ExportRead {
  const report = emptyReport(file.name);
  const issues: Issue[] = [];
  if (file.bytes.length === 0) return refuse(report, issues, emptyFileRefusal(file.name));
  const binary = binaryRefusal(file.name, file.bytes.subarray(0, SNIFF_BYTES));
  if (binary) return refuse(report, issues, binary);
  const decoded = decodeBytes(file.bytes);
  report.encoding = decoded.encoding;
  if (decoded.fellBack) {
    issues.push(issue('file.encoding-fallback', 'warning', `${file.name} is not UTF-8, so it was read as Windows-1252 (what Excel writes on Windows). Check that accented names look right in the review.`, { file: file.name }));
  }
  const text = decoded.text;
  if (text.includes('\u0000')) return refuse(report, issues, nulTextRefusal(file.name));
  if (text.trim() === '') return refuse(report, issues, blankTextRefusal(file.name));
  if (/^\s*(<!doctype html|<html|<\?xml|<head|<body)/i.test(text)) return refuse(report, issues, webPageRefusal(file.name));

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
    if (!checkHeader(file.name, h, d.kind, d, report, issues)) {
      mode = 'columns';
      return;
    }
    mode = 'ok';
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
    return refuse(report, issues, { code: 'file.unknown-kind', message: `${file.name}: ${found?.reason ?? 'it has no header row.'} Map its columns in the Files step, or check that it is a Keap export.` });
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
