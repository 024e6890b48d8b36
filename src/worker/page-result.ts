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
import { accountEffect, type AccountEffect, type Posting } from '../core/review/account-effect.ts';
import { parseIifAmount, splitIifLine, splitIifLines } from '../core/iif/read.ts';

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
    accountEffect: accountEffect(postingsOf(result.iifParts, new Map(result.wantedNames.accounts.map((a) => [a.name, a.type])))),
  };
  if (forExport) out.history = toPageHistory(historyDraftOf(headersOf(packed, written)));
  return out;
}

/** The header fields of the written transactions, one at a time (no list of millions of objects). */
function* headersOf(packed: PackedTransactions, written: Uint32Array): Generator<Pick<Transaction, 'type' | 'role' | 'date' | 'amount' | 'keapIds'>> {
  for (const i of written) yield { type: packed.type(i), role: packed.role(i), date: packed.date(i), amount: packed.amount(i), keapIds: packed.keapIds(i) };
}

/**
 * Every TRNS and SPL amount of the written file, read back with the core IIF reader's line
 * splitter, with the account types of the export's names (else of the file's ACCNT rows).
 * Interim: the account effect is to come from the converter core itself.
 */
function* postingsOf(parts: readonly Uint8Array[], typeOf: ReadonlyMap<string, string>): Generator<Posting> {
  const decoder = new TextDecoder('windows-1252');
  const types = new Map(typeOf);
  const columns = new Map<string, string[]>();
  for (const part of parts) {
    for (const line of splitIifLines(decoder.decode(part))) {
      const { cells } = splitIifLine(line);
      const keyword = cells[0] ?? '';
      if (keyword.startsWith('!')) columns.set(keyword.slice(1), cells.slice(1));
      const names = columns.get(keyword);
      if (!names) continue;
      const value = (field: string): string => {
        const at = names.indexOf(field);
        return at < 0 ? '' : (cells[at + 1] ?? '');
      };
      if (keyword === 'ACCNT' && !types.has(value('NAME'))) types.set(value('NAME'), value('ACCNTTYPE'));
      if (keyword === 'TRNS' || keyword === 'SPL') yield { account: value('ACCNT'), accountType: types.get(value('ACCNT')) ?? '', amount: parseIifAmount(value('AMOUNT')) ?? 0 };
    }
  }
}

/** The buffers of a result that can be transferred rather than copied. */
export function transferablesOf(result: PageConvertResult): ArrayBuffer[] {
  const r = result.rows;
  return [r.textStart, r.type, r.role, r.account, r.amount, r.iifStart, r.sourceStart, r.sources].map((a) => a.buffer as ArrayBuffer);
}
