/**
 * Types of the whole-pipeline API (`convert.ts`), kept apart so the worker protocol and the UI
 * can import them without pulling in the pipeline.
 */
import type { IsoDate } from './dates.ts';
import type { Issue } from './issues.ts';
import type { Cents } from './money.ts';
import type { Catalog } from './keap/catalog.ts';
import type { WantedNames } from './qb/lists.ts';
import type { CustomerMatch, MatchContact } from './qb/customer-match.ts';
import type { AccountEffect } from './review/account-effect.ts';
import type { ConvertSummary, FileReport } from './report.ts';

/** Which transactions go into the written file. */
export interface OutputSelection {
  /** Keap ids (of transactions' keapIds) already exported earlier; such transactions are left out... */
  alreadyExported?: readonly string[];
  /** ...unless this is true (the user chose to include them, with a warning). */
  includeAlreadyExported?: boolean;
  /** Test export: only the first N transactions (by date, then key). */
  firstN?: number;
  /** Test export: only the transactions of this day. */
  day?: IsoDate;
  /** Test export: only this Keap Payments deposit (its Keap deposit id, or the id the review shows). */
  depositId?: string;
}

/** Where a conversion is, for progress lines and bars. */
export type ConvertPhase = 'reading' | 'building' | 'writing' | 'done';

export interface ConvertProgress {
  phase: ConvertPhase;
  /** 0..1 over the whole run. */
  fraction: number;
  /** Input bytes read so far, of bytesTotal. */
  bytesRead: number;
  bytesTotal: number;
  /** Data rows read so far (all files). */
  rows: number;
}

export interface ConversionOptions extends OutputSelection {
  onProgress?: (progress: ConvertProgress) => void;
  /**
   * Receives the IIF file as Windows-1252 bytes, chunk by chunk, in order (a chunk may be
   * reused after the call returns: copy or write it at once). When absent, the chunks are
   * kept in the result's `iifChunks`.
   */
  output?: (chunk: Uint8Array) => void;
  /**
   * The date of the deposits in a deposit file, by file name (as added), for deposit files
   * that carry no date and that the deposits list does not date (the app's file card, the
   * command line's --deposit-date FILE=MM/DD/YYYY).
   */
  depositDates?: Readonly<Record<string, IsoDate>>;
}

/** What a conversion reports besides the IIF bytes. */
export interface ConversionReport {
  summary: ConvertSummary;
  /** Every problem found, errors and warnings, with file, row and column where they exist. */
  issues: Issue[];
  /** Transactions built but left out by the selection (already exported, or outside a test export). */
  excludedTransactions: number;
  /**
   * Every QuickBooks name the written transactions use, with the type each must have, including
   * names left out of the list sections because QuickBooks has them already (for the list check).
   */
  wantedNames: WantedNames;
  /** Size of the written IIF in bytes. */
  iifBytes: number;
  /**
   * Keap contacts matched to a customer QuickBooks already has, or with a suggested match to
   * accept or reject (contacts with neither are left out).
   */
  customerMatches: CustomerMatchRow[];
  /** What the import does to each QuickBooks account: debits, credits and net, grouped by type. */
  accountEffect: AccountEffect;
  /**
   * Payments written to the Keap Payments clearing account that no deposit of the files covers,
   * by date: normal for the last days of a period (empty when no deposit file was converted).
   */
  notYetDeposited: NotYetDepositedPayment[];
}

export interface NotYetDepositedPayment {
  date: IsoDate;
  /** The QuickBooks customer. */
  customer: string;
  amount: Cents;
  /** Keap's payment id ('' when the payments export has none). */
  paymentId: string;
  file: string;
  row: number;
}

export interface CustomerMatchRow {
  contact: MatchContact;
  match: CustomerMatch;
}

export interface InspectResult {
  files: FileReport[];
  issues: Issue[];
  catalog: Catalog;
}

/** One file's bytes as the user added it. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}
