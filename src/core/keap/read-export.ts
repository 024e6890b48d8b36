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
import { detectKind } from './detect.ts';
import { readRecord, recordDate, type KeapRecord } from './ingest.ts';
import type { FileKind } from './model.ts';
import { delimiterName, readCsv } from './read-csv.ts';
import { FILE_SCHEMAS } from './schemas.ts';

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

  const table = readCsv(text, file.name);
  appendAll(issues, table.issues);
  report.delimiter = delimiterName(table.delimiter);
  report.headers = table.headers;
  report.rowsRead = table.records.length;

  const detection = detectKind(table.headers, columnMaps);
  report.kind = detection.kind;
  report.reason = detection.reason;
  if (detection.kind === null) {
    return refuse(report, issues, 'file.unknown-kind', `${file.name}: ${detection.reason} Map its columns in the Files step, or check that it is a Keap export.`);
  }
  const schema = FILE_SCHEMAS[detection.kind];
  for (const [field, idx] of Object.entries(detection.columns)) report.columns[field] = table.headers[idx] ?? '';

  // Duplicate header names are only a problem when a column we use is among them.
  const seen = new Map<string, number>();
  for (const h of table.headers) seen.set(h.toLowerCase(), (seen.get(h.toLowerCase()) ?? 0) + 1);
  for (const [h, n] of seen) {
    if (n > 1 && h !== '') {
      const used = Object.values(report.columns).some((c) => c.toLowerCase() === h);
      issues.push(issue('file.duplicate-header', used ? 'error' : 'warning', `The header "${h}" appears ${n} times${used ? ', and the converter needs that column: rename one of them or map the columns' : '; those columns are not used'}.`, { file: file.name, row: 1, column: h }));
    }
  }
  for (const a of detection.ambiguous) {
    issues.push(issue('file.ambiguous-column', 'error', `${file.name}: the columns ${a.headers.map((h) => `"${h}"`).join(' and ')} could both be the ${schema.fields.find((s) => s.field === a.field)?.label ?? a.field}. Map the columns to say which one to use.`, { file: file.name, row: 1, column: a.headers[0] }));
  }
  if (detection.missing.length > 0 || detection.ambiguous.length > 0 || issues.some((i) => i.code === 'file.duplicate-header' && i.severity === 'error')) {
    const missing = detection.missing.map((m) => schema.fields.find((s) => s.field === m)?.label ?? m);
    if (missing.length > 0) {
      issues.push(issue('file.missing-column', 'error', `${file.name} looks like ${schema.label} but has no column for ${missing.join(', ')}. Map a column to ${missing.length > 1 ? 'these fields' : 'this field'} in the Files step, or export the report again with ${missing.length > 1 ? 'these columns' : 'this column'}.`, { file: file.name, row: 1 }));
    }
    report.refused = true;
    report.rowsSetAside = report.rowsRead;
    report.problems = issues.length;
    return { report, kind: detection.kind, records: [], setAsideRows: new Set(table.records.map((_, i) => i + 2)), issues };
  }
  report.refused = false;

  if (detection.kind === 'payments' && detection.columns.payType === undefined) {
    issues.push(issue('payment.pay-type-unmapped', 'warning', `${file.name} has no pay type column, so each row is taken by the sign of its amount: money in when positive, a refund when negative. Credits and write-offs cannot be told apart without it; export the pay type too if you have them.`, { file: file.name, row: 1 }));
  }
  if (table.records.length === 0) {
    issues.push(issue('file.header-only', 'warning', `${file.name} has a header row but no data rows; there is nothing to convert in it.`, { file: file.name }));
  }

  const records: KeapRecord[] = [];
  const setAsideRows = new Set<number>();
  const width = table.headers.length;
  const usedIdx = Object.values(detection.columns);
  table.records.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) {
      report.rowsBlank++;
      return;
    }
    if (table.brokenRows.has(row)) {
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
    const { record, issues: rowIssues } = readRecord(detection.kind!, cells, detection.columns, table.headers, { file: file.name, row });
    issues.push(...rowIssues);
    if (record === null) {
      setAsideRows.add(row);
      return;
    }
    records.push(record);
    const d = recordDate(detection.kind!, record);
    if (d) {
      if (report.firstDate === null || d < report.firstDate) report.firstDate = d;
      if (report.lastDate === null || d > report.lastDate) report.lastDate = d;
    }
  });
  report.problems = issues.length;
  return { report, kind: detection.kind, records, setAsideRows, issues };
}
