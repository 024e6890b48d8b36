/**
 * What the page gets from a conversion: summary, problems and checks as they are, the
 * transactions as compact review rows, and the IIF as a Blob. The transactions never cross to
 * the page (and in the worker they are packed as they are built, core/ledger/packed.ts): a
 * million-order run makes millions of them, which the page could neither hold nor receive
 * without freezing.
 */
import { convertFilesPacked, type ReadProgressOptions } from '../core/convert.ts';
import type { ConvertOptions, ConvertResult, InputFile, OutputSelection } from '../core/convert-types.ts';
import { historyDraftOf, type HistoryDraft } from '../core/history.ts';
import type { Profile } from '../core/profile/types.ts';
import { monthlyTotals, type MonthTotal } from '../core/review/monthly.ts';
import { ReviewRowsBuilder, type ReviewRows } from '../core/review/rows.ts';
import type { PackedTransactions } from '../core/ledger/packed.ts';
import type { Transaction } from '../core/ledger/model.ts';

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
}

/** Runs the core (transactions packed as they are built) and turns its result into the page's form. */
export function convertForPage(
  inputs: readonly InputFile[],
  profile: Profile,
  options: PageConvertOptions,
  callbacks: Pick<ConvertOptions, 'onProgress'> & ReadProgressOptions = {},
): PageConvertResult {
  const { forExport, ...selection } = options;
  const result = convertFilesPacked(inputs, profile, { ...selection, ...callbacks });
  const { packed, written } = result;
  const rows = new ReviewRowsBuilder(written.length, packed.sourceCountOf(written));
  for (const i of written) {
    const { line, account } = packed.reviewOf(i);
    rows.add(line, packed.type(i), packed.role(i), account, packed.amount(i), packed.sources(i));
  }
  const out: PageConvertResult = {
    summary: result.summary,
    issues: result.issues,
    wantedNames: result.wantedNames,
    excludedTransactions: result.excludedTransactions,
    rows: rows.finish(result.transactionStarts),
    months: monthlyTotals(headersOf(packed, written)),
    iif: new Blob(result.iifParts as BlobPart[], { type: IIF_MIME }),
  };
  if (forExport) out.history = toPageHistory(historyDraftOf(headersOf(packed, written)));
  return out;
}

/** The header fields of the written transactions, one at a time (no list of millions of objects). */
function* headersOf(packed: PackedTransactions, written: Uint32Array): Generator<Pick<Transaction, 'type' | 'role' | 'date' | 'amount' | 'keapIds'>> {
  for (const i of written) yield { type: packed.type(i), role: packed.role(i), date: packed.date(i), amount: packed.amount(i), keapIds: packed.keapIds(i) };
}

/** The buffers of a result that can be transferred rather than copied. */
export function transferablesOf(result: PageConvertResult): ArrayBuffer[] {
  const r = result.rows;
  return [r.textStart, r.type, r.role, r.account, r.amount, r.iifStart, r.sourceStart, r.sources].map((a) => a.buffer as ArrayBuffer);
}
