/**
 * Types of the whole-pipeline API (`convert.ts`), kept apart so the worker protocol and the UI
 * can import them without pulling in the pipeline.
 */
import type { IsoDate } from './dates.ts';
import type { Issue } from './issues.ts';
import type { Ledger } from './ledger/model.ts';
import type { WantedNames } from './qb/lists.ts';
import type { ConvertSummary } from './report.ts';

/** One file as the user added it. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** Which transactions go into the written file. */
export interface OutputSelection {
  /** Keap ids (Transaction.keapIds) already exported earlier; such transactions are left out... */
  alreadyExported?: readonly string[];
  /** ...unless this is true (the user chose to include them, with a warning). */
  includeAlreadyExported?: boolean;
  /** Test export: only the first N transactions (by date, then key). */
  firstN?: number;
  /** Test export: only the transactions of this day. */
  day?: IsoDate;
}

export interface ConvertOptions extends OutputSelection {
  /** Progress callback (stage name, fraction 0..1). */
  onProgress?: (stage: string, fraction: number) => void;
}

export interface ConvertResult {
  summary: ConvertSummary;
  /** Every problem found, errors and warnings, with file, row and column where they exist. */
  issues: Issue[];
  /** Everything that is written (after the selection). */
  ledger: Ledger;
  /** The IIF text in pieces (join them, or use them as Blob parts); encode with `encodeIif`. */
  iifChunks: string[];
  /** Transactions built but left out by the selection (already exported, or outside a test export). */
  excludedTransactions: number;
  /**
   * Every QuickBooks name the written transactions use, with the type each must have, including
   * names left out of the list sections because QuickBooks has them already (for the list check).
   */
  wantedNames: WantedNames;
}
