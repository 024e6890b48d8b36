/**
 * The reading stage: every input file, piece by piece, into one table per kind of export, then
 * merged (repeats across monthly files counted once, conflicts set aside). What the build reads,
 * each file's report and every problem found, in file order and then the merge's.
 */
import { appendAll, type Issue } from '../issues.ts';
import type { ColumnMap } from '../profile/types.ts';
import type { ByteSource } from '../source.ts';
import { IdCodes } from './columns.ts';
import { completeFileReport } from './file-report.ts';
import { createKindTables } from './kinds/kind-tables.ts';
import { mergeTables } from './merge-tables.ts';
import { READ_PIECE_BYTES, readFile, type FileReading } from './read-file.ts';
import type { FileRead, KeapTables, ReadStage } from './tables.ts';

export interface ReadOptions {
  /** Bytes read at a time (tests use small pieces to cut records at chosen places). */
  pieceBytes?: number;
}

/** File names as given, a second file of the same name becoming "name (2)": row references must be unambiguous. */
function uniqueNames(sources: readonly ByteSource[]): string[] {
  const seen = new Set<string>();
  return sources.map((s) => {
    let name = s.name;
    for (let n = 2; seen.has(name); n++) name = `${s.name} (${n})`;
    seen.add(name);
    return name;
  });
}

/**
 * Reads and merges Keap exports. `onProgress` gets the bytes read (of all sources) and the data
 * rows read so far after each piece. Never throws for bad input.
 */
export function readFiles(
  sources: readonly ByteSource[],
  columnMaps: readonly ColumnMap[],
  onProgress?: (bytesRead: number, rows: number) => void,
  options: ReadOptions = {},
): ReadStage {
  const names = uniqueNames(sources);
  const ids = new IdCodes();
  const tables = createKindTables(ids);
  const readings: FileReading[] = [];
  let bytesBefore = 0;
  let rowsBefore = 0;
  sources.forEach((source, fileIndex) => {
    // A file read again (as Windows-1252) does not move the progress back.
    let bytes = 0;
    let rows = 0;
    const reading = readFile(source, names[fileIndex]!, fileIndex, {
      tables,
      ids,
      columnMaps,
      pieceBytes: options.pieceBytes ?? READ_PIECE_BYTES,
      onPiece: (fileBytes, fileRows) => {
        bytes = Math.max(bytes, fileBytes);
        rows = Math.max(rows, fileRows);
        onProgress?.(bytesBefore + bytes, rowsBefore + rows);
      },
    });
    readings.push(reading);
    bytesBefore += source.size;
    rowsBefore += reading.read.report.rowsRead;
    onProgress?.(bytesBefore, rowsBefore);
  });
  const files: FileRead[] = readings.map((r) => r.read);
  const issues: Issue[] = [];
  // No spread: a file can have more issues than a call takes arguments.
  for (const r of readings) appendAll(issues, r.issues);
  appendAll(issues, mergeTables(tables, files, names, ids));
  for (const t of Object.values(tables)) t.trim();
  for (const f of files) completeFileReport(f, [], issues);
  const keapTables: KeapTables = { files: names, ...tables };
  return { tables: keapTables, files, issues };
}
