/** The JSON report of `convert --report`: per file counts, money per kind, every problem. */
import type { Conversion } from '../core/convert.ts';
import { isReconciled } from '../core/report.ts';

/** The report as plain data (written with JSON.stringify). */
export function buildReport(result: Conversion) {
  const s = result.summary;
  return {
    format: 'keap2iif-report',
    version: 1,
    files: s.files.map((f) => ({
      file: f.file,
      kind: f.kind,
      reason: f.reason,
      encoding: f.encoding,
      delimiter: f.delimiter,
      refused: f.refused,
      rowsRead: f.rowsRead,
      rowsConverted: f.rowsConverted,
      rowsSetAside: f.rowsSetAside,
      rowsBlank: f.rowsBlank,
      rowsDuplicate: f.rowsDuplicate,
      firstDate: f.firstDate,
      lastDate: f.lastDate,
      problems: f.problems,
    })),
    totals: {
      /** Written transactions per IIF type: count and sum of header amounts, in cents. */
      byTransactionType: s.outputByType,
      /** Money per Keap kind, in cents: input = output + setAside. */
      reconciliation: s.reconciliation,
      reconciled: isReconciled(s.reconciliation),
      transactions: s.transactions,
      firstDate: s.firstDate,
      lastDate: s.lastDate,
    },
    problems: result.issues.map((i) => ({
      file: i.file ?? null,
      row: i.row ?? null,
      column: i.column ?? null,
      code: i.code,
      severity: i.severity,
      message: i.message,
    })),
    summary: s,
  };
}
