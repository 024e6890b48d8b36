/**
 * A file's row counts once its rows' fates are known: read = converted + set aside + blank,
 * repeats counted apart. Reading fills them as of the read (what `inspect` shows); the
 * conversion completes them again with the rows its build set aside.
 */
import type { Issue } from '../issues.ts';
import type { FileRead } from './tables.ts';

/** Fills the report's counts from the rows set aside while reading, those set aside later, and the problems so far. */
export function completeFileReport(read: FileRead, laterSetAside: Iterable<number>, issues: readonly Issue[]): void {
  const report = read.report;
  const aside = new Set(read.setAsideRows);
  for (const row of laterSetAside) aside.add(row);
  let duplicates = 0;
  for (const row of read.duplicateRows) if (!aside.has(row)) duplicates++;
  report.rowsDuplicate = duplicates;
  report.rowsSetAside = aside.size;
  report.rowsConverted = report.rowsRead - report.rowsSetAside - report.rowsBlank;
  let problems = 0;
  for (const i of issues) if (i.file === report.file && i.severity !== 'info') problems++;
  report.problems = problems;
}
