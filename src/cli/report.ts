/** The JSON report of `convert --report`: per file counts, money per kind, every problem. */
import type { Conversion } from '../core/convert.ts';
import { isReconciled } from '../core/report.ts';
import type { NameCheck } from '../core/qb/lists.ts';

/**
 * The report as plain data (written with JSON.stringify). `nameChecks`: every name the file uses
 * checked against the QuickBooks lists (with --qb-lists), else null.
 */
export function buildReport(result: Conversion, nameChecks: readonly NameCheck[] | null = null) {
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
    /** With --qb-lists: each name the file uses, and whether QuickBooks has it with the right type. */
    nameChecks,
    /** Keap contacts matched to a QuickBooks customer, or with a suggested match to accept or reject in the profile. */
    customerMatches: result.customerMatches.map((m) => ({
      contactId: m.contact.contactKey,
      keapName: m.contact.proposedName,
      email: m.contact.email,
      status: m.match.status,
      ...(m.match.status === 'matched' ? { qbName: m.match.qbName, by: m.match.by } : {}),
      ...(m.match.status === 'suggested' ? { candidates: m.match.candidates } : {}),
    })),
    /** What the import does to each QuickBooks account: debits, credits and net per account, grouped by type; the total nets to zero. */
    accountEffect: result.accountEffect,
    /** Payments in the Keap Payments clearing account that no deposit of the files covers (the deposits row is summary.deposits). */
    notYetDeposited: result.notYetDeposited,
    summary: s,
  };
}
