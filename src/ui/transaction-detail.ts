/**
 * Reads one transaction's lines for the review table: the bytes of that transaction in the
 * written IIF (a Blob slice; offsets from the compact rows), decoded as Windows-1252 and read
 * with the core IIF reader. The page never holds the whole ledger.
 */
import type { ReviewRows } from '../core/review/rows.ts';
import { transactionDetail, type TransactionDetail } from '../core/review/detail.ts';

export type DetailState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; detail: TransactionDetail }
  | { status: 'failed'; message: string };

export async function loadDetail(iif: Blob, rows: ReviewRows, index: number): Promise<DetailState> {
  const start = rows.iifStart[index];
  const end = rows.iifStart[index + 1];
  if (start === undefined || end === undefined || end <= start) return { status: 'failed', message: 'The lines of this transaction are not in the written file.' };
  try {
    const bytes = new Uint8Array(await iif.slice(start, end).arrayBuffer());
    const detail = transactionDetail(new TextDecoder('windows-1252').decode(bytes));
    return detail ? { status: 'ready', detail } : { status: 'failed', message: 'The lines of this transaction could not be read back from the file.' };
  } catch (e) {
    return { status: 'failed', message: `The lines could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}
