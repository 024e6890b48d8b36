/**
 * Export history, pure: what one written IIF file contained (an ExportRecord), which Keap ids
 * have already gone to QuickBooks, and the name the file is saved under. IIF imports cannot
 * be undone in QuickBooks, so these records are what stops the same payment being imported twice.
 */
import type { IsoDate } from './dates.ts';
import type { TxnRole } from './ledger/model.ts';

/** One IIF file the user saved. Plain JSON, stored per profile. */
export interface ExportRecord {
  id: string;
  fileName: string;
  /** ISO timestamp of the export. */
  createdAt: string;
  /** A test export (first N transactions or one day), meant for a copy of the company file. */
  test: boolean;
  transactions: number;
  /** Every Keap id written (union of the transactions' keapIds), sorted. */
  keapIds: string[];
  /** Transactions per TxnRole (only roles that occur). */
  counts: Record<string, number>;
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
}

/** What a written file holds, for its history record (made in the worker, where the transactions are). */
export interface HistoryDraft {
  transactions: number;
  /** Every Keap id written (union of the transactions' keapIds), sorted. */
  keapIds: string[];
  counts: Record<string, number>;
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
}

/** Sums up the transactions written to one file. */
export function historyDraftOf(transactions: Iterable<{ keapIds: readonly string[]; role: TxnRole; date: IsoDate }>): HistoryDraft {
  const ids = new Set<string>();
  const counts: Partial<Record<TxnRole, number>> = {};
  let first: IsoDate | null = null;
  let last: IsoDate | null = null;
  let count = 0;
  for (const t of transactions) {
    count++;
    for (const id of t.keapIds) ids.add(id);
    counts[t.role] = (counts[t.role] ?? 0) + 1;
    // ISO dates compare correctly as strings.
    if (first === null || t.date < first) first = t.date;
    if (last === null || t.date > last) last = t.date;
  }
  return { transactions: count, keapIds: [...ids].sort(), counts: counts as Record<string, number>, firstDate: first, lastDate: last };
}

/** Builds the history record of a written file; `now` is passed in so the result is reproducible. */
export function recordFromDraft(draft: HistoryDraft, fileName: string, test: boolean, now: Date): ExportRecord {
  const createdAt = now.toISOString();
  return {
    // The timestamp plus file name is unique in practice and keeps the function deterministic,
    // which also makes adding the same record twice (a double click) detectable.
    id: `${createdAt}|${fileName}`,
    fileName,
    createdAt,
    test,
    transactions: draft.transactions,
    keapIds: draft.keapIds,
    counts: draft.counts,
    firstDate: draft.firstDate,
    lastDate: draft.lastDate,
  };
}

/**
 * Keap ids already sent to QuickBooks, for `OutputSelection.alreadyExported`. Test exports do
 * not count: the checklist tells users to import a test file into a COPY of their company file,
 * so its transactions are not in the real one and must still be exported for real later.
 */
export function alreadyExportedIds(records: readonly ExportRecord[]): string[] {
  const ids = new Set<string>();
  for (const r of records) {
    if (r.test) continue;
    for (const id of r.keapIds) ids.add(id);
  }
  return [...ids].sort();
}

/**
 * File name for a written file (its history draft, or the run's summary): `keap-2024-01-01_2024-03-31.iif` (first and last transaction
 * date, one date when they are the same day), `keap-test-…` for a test export, `keap-empty.iif`
 * when nothing is in it. Dates rather than a timestamp, so files are told apart by what they hold.
 */
export function exportFileName(dates: { firstDate: IsoDate | null; lastDate: IsoDate | null }, test: boolean): string {
  const first = dates.firstDate;
  const last = dates.lastDate;
  if (first === null || last === null) return 'keap-empty.iif';
  const prefix = test ? 'keap-test-' : 'keap-';
  return first === last ? `${prefix}${first}.iif` : `${prefix}${first}_${last}.iif`;
}

/** Checks that a value read back from storage is an ExportRecord (for refusing damaged history). */
export function isExportRecord(value: unknown): value is ExportRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const isDateOrNull = (d: unknown): boolean => d === null || typeof d === 'string';
  return (
    typeof r.id === 'string' &&
    typeof r.fileName === 'string' &&
    typeof r.createdAt === 'string' &&
    typeof r.test === 'boolean' &&
    typeof r.transactions === 'number' &&
    Array.isArray(r.keapIds) &&
    r.keapIds.every((id) => typeof id === 'string') &&
    typeof r.counts === 'object' &&
    r.counts !== null &&
    Object.values(r.counts).every((n) => typeof n === 'number') &&
    isDateOrNull(r.firstDate) &&
    isDateOrNull(r.lastDate)
  );
}
