/**
 * What the page gets from a conversion: summary, problems and checks as they are, the
 * transactions as compact review rows, and the IIF as a Blob. The transactions never cross to
 * the page (and in the worker they are packed as they are built, core/ledger/packed.ts): a
 * million-order run makes millions of them, which the page could neither hold nor receive
 * without freezing.
 */
import { convert, type ConversionOptions, type ConvertProgress, type OutputSelection } from '../core/convert.ts';
import type { ConversionReport } from '../core/convert-types.ts';
import { isoOfDay } from '../core/dates.ts';
import { historyDraftOf, type HistoryDraft } from '../core/history.ts';
import type { Profile } from '../core/profile/types.ts';
import { depositFees, monthlyTotals, type MonthTotal } from '../core/review/monthly.ts';
import { reviewRowsOf, type ReviewRows } from '../core/review/rows.ts';
import type { TransactionStore } from '../core/ledger/store.ts';
import type { TxnRole, TxnType } from '../core/ledger/model.ts';
import type { ByteSource } from '../core/source.ts';
import type { AccountEffect } from '../core/review/account-effect.ts';

/** Saved as plain bytes: QuickBooks only looks at the .iif extension, and no browser may re-encode it. */
const IIF_MIME = 'application/octet-stream';

export interface PageConvertResult {
  summary: ConversionReport['summary'];
  issues: ConversionReport['issues'];
  wantedNames: ConversionReport['wantedNames'];
  customerMatches: ConversionReport['customerMatches'];
  excludedTransactions: number;
  /** The written transactions, compact, in file order. */
  rows: ReviewRows;
  /** Invoiced, collected and Keap Payments fees per month, for the chart. */
  months: MonthTotal[];
  /** Payments in the Keap Payments clearing account that no deposit of the files covers (empty without deposit files). */
  notYetDeposited: ConversionReport['notYetDeposited'];
  /** The IIF file, Windows-1252 bytes. */
  iif: Blob;
  /** What the file does to each QuickBooks account (debits, credits, net), grouped by account type. */
  accountEffect: AccountEffect;
  /** What the file holds for the export history; only on export runs. */
  history?: PageHistory;
}

/** Ids per block of PageHistory.keapIdBlocks. */
const IDS_PER_BLOCK = 20_000;
const ID_JOIN = '\u0000';

/**
 * The history draft as the page holds it: the Keap ids (millions after a big export) joined in
 * blocks, so the page receives and keeps a few hundred strings rather than millions, and splits
 * them only when it stores the record (historyDraftFromPage).
 */
export interface PageHistory extends Omit<HistoryDraft, 'keapIds'> {
  keapIdBlocks: string[];
}

function toPageHistory(draft: HistoryDraft): PageHistory {
  const { keapIds, ...rest } = draft;
  const keapIdBlocks: string[] = [];
  for (let i = 0; i < keapIds.length; i += IDS_PER_BLOCK) keapIdBlocks.push(keapIds.slice(i, i + IDS_PER_BLOCK).join(ID_JOIN));
  return { ...rest, keapIdBlocks };
}

/** The history draft back from its page form. */
export function historyDraftFromPage(history: PageHistory): HistoryDraft {
  const { keapIdBlocks, ...rest } = history;
  return { ...rest, keapIds: keapIdBlocks.flatMap((b) => b.split(ID_JOIN)) };
}

export interface PageConvertOptions extends OutputSelection {
  /** An export run also sums up the history draft (all Keap ids written). */
  forExport?: boolean;
  /** Dates typed on the file cards of deposit files that carry none, by file name. */
  depositDates?: ConversionOptions['depositDates'];
}

/** Runs the conversion and turns its result into the page's form. */
export function convertForPage(
  sources: readonly ByteSource[],
  profile: Profile,
  options: PageConvertOptions,
  onProgress?: (progress: ConvertProgress) => void,
): PageConvertResult {
  const { forExport, ...selection } = options;
  const result = convert(sources, profile, { ...selection, onProgress });
  const { store, order, starts } = result.written;
  const out: PageConvertResult = {
    summary: result.summary,
    issues: result.issues,
    wantedNames: result.wantedNames,
    customerMatches: result.customerMatches,
    excludedTransactions: result.excludedTransactions,
    rows: reviewRowsOf(store, order, starts),
    months: monthlyTotals(monthTransactions(store, order, profile.deposits.feeAccount)),
    notYetDeposited: result.notYetDeposited,
    iif: new Blob(result.iifChunks as BlobPart[], { type: IIF_MIME }),
    accountEffect: result.accountEffect,
  };
  if (forExport) out.history = toPageHistory(historyDraftOf(headersOf(store, order)));
  return out;
}

/** The header fields of the written transactions, one at a time (no list of millions of objects). */
function* headersOf(store: TransactionStore, order: Uint32Array): Generator<{ type: TxnType; role: TxnRole; date: string; amount: number; keapIds: string[] }> {
  for (const i of order) yield { type: store.type(i), role: store.role(i), date: isoOfDay(store.date(i)), amount: store.amount(i), keapIds: store.keapIds(i) };
}

/** The transactions as the monthly chart reads them: header fields and a deposit's fees. */
function* monthTransactions(store: TransactionStore, order: Uint32Array, feeAccount: string): Generator<{ type: TxnType; date: string; amount: number; fees: number }> {
  for (const i of order) yield { type: store.type(i), date: isoOfDay(store.date(i)), amount: store.amount(i), fees: depositFees(store, i, feeAccount) };
}

/** The buffers of a result that can be transferred rather than copied. */
export function transferablesOf(result: PageConvertResult): ArrayBuffer[] {
  const r = result.rows;
  return [r.textStart, r.type, r.role, r.account, r.amount, r.iifStart, r.sourceStart, r.sources].map((a) => a.buffer as ArrayBuffer);
}
