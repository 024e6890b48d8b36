/**
 * What the page gets from a conversion: summary, problems and checks as they are, the
 * transactions as compact review rows, and the IIF as a Blob. The ledger itself stays where it
 * was built (the worker) and is dropped there: a million-order run makes millions of
 * transaction objects, which the page could neither hold nor receive without freezing.
 */
import { convertFiles, type ReadProgressOptions } from '../core/convert.ts';
import type { ConvertOptions, ConvertResult, InputFile, OutputSelection } from '../core/convert-types.ts';
import { historyDraftOf, type HistoryDraft } from '../core/history.ts';
import { encodeWindows1252 } from '../core/iif/encode.ts';
import type { Profile } from '../core/profile/types.ts';
import { monthlyTotals, type MonthTotal } from '../core/review/monthly.ts';
import { buildReviewRows, type ReviewRows } from '../core/review/rows.ts';

/** Saved as plain bytes: QuickBooks only looks at the .iif extension, and no browser may re-encode it. */
export const IIF_MIME = 'application/octet-stream';

export interface PageConvertResult {
  summary: ConvertResult['summary'];
  issues: ConvertResult['issues'];
  wantedNames: ConvertResult['wantedNames'];
  excludedTransactions: number;
  /** The written transactions, compact, in file order. */
  rows: ReviewRows;
  /** Invoiced and collected per month, for the chart. */
  months: MonthTotal[];
  /** The IIF file, Windows-1252 bytes. */
  iif: Blob;
  /** What the file holds for the export history; only on export runs. */
  history?: HistoryDraft;
}

export interface PageConvertOptions extends OutputSelection {
  /** An export run also sums up the history draft (all Keap ids written). */
  forExport?: boolean;
}

/** Runs the core and turns its result into the page's form. */
export function convertForPage(
  inputs: readonly InputFile[],
  profile: Profile,
  options: PageConvertOptions,
  callbacks: Pick<ConvertOptions, 'onProgress'> & ReadProgressOptions = {},
): PageConvertResult {
  const { forExport, ...selection } = options;
  // Each chunk becomes bytes at once (one byte per character: the writer's text is Windows-1252).
  const parts: Uint8Array[] = [];
  const result = convertFiles(inputs, profile, {
    ...selection,
    ...callbacks,
    withTransactionStarts: true,
    onIifChunk: (chunk) => parts.push(encodeWindows1252(chunk)),
  });
  const transactions = result.ledger.transactions;
  const out: PageConvertResult = {
    summary: result.summary,
    issues: result.issues,
    wantedNames: result.wantedNames,
    excludedTransactions: result.excludedTransactions,
    rows: buildReviewRows(transactions, result.transactionStarts),
    months: monthlyTotals(transactions),
    iif: new Blob(parts as BlobPart[], { type: IIF_MIME }),
  };
  if (forExport) out.history = historyDraftOf(transactions);
  return out;
}

/** The buffers of a result that can be transferred rather than copied. */
export function transferablesOf(result: PageConvertResult): ArrayBuffer[] {
  const r = result.rows;
  return [r.textStart, r.type, r.role, r.account, r.amount, r.iifStart, r.sourceStart, r.sources].map((a) => a.buffer as ArrayBuffer);
}
