/**
 * The result of one conversion as plain data: per-file counts, reconciled totals and every
 * problem. It crosses the worker boundary and is written as the command line's report.json,
 * so it holds no class instances and no functions.
 */
import type { Cents } from './money.ts';
import type { IsoDate } from './dates.ts';
import type { FileKind } from './keap/model.ts';

export interface FileReport {
  file: string;
  /** Kind the file was taken as; null when it could not be recognised (refused). */
  kind: FileKind | null;
  /** Why it was taken as that kind, in plain English. */
  reason: string;
  /** `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `windows-1252`. */
  encoding: string;
  delimiter: string;
  headers: string[];
  /** field -> header used for it. */
  columns: Record<string, string>;
  /** Data rows in the file (header excluded). rowsRead = rowsConverted + rowsSetAside + rowsBlank. */
  rowsRead: number;
  rowsConverted: number;
  rowsSetAside: number;
  rowsBlank: number;
  /** Rows that repeat a row already read (same id, same content), counted once. */
  rowsDuplicate: number;
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  problems: number;
  /** The whole file was refused (wrong file, no usable columns). */
  refused: boolean;
}

/** Money reconciled per kind of Keap event. input = output + setAside, to the cent. */
export type MoneyKind = 'sales' | 'returns' | 'payments' | 'refunds' | 'credits' | 'writeOffs' | 'deposits';

export const MONEY_KIND_LABELS: Record<MoneyKind, string> = {
  sales: 'Orders (sales)',
  returns: 'Returns',
  payments: 'Payments received',
  refunds: 'Refunds paid',
  credits: 'Credits',
  writeOffs: 'Write-offs',
  deposits: 'Keap Payments deposits (net)',
};

export interface MoneyLine {
  input: Cents;
  output: Cents;
  setAside: Cents;
  countIn: number;
  countOut: number;
  countSetAside: number;
}

export type Reconciliation = Record<MoneyKind, MoneyLine>;

/** The Keap Payments deposits written, in cents: net = gross - fees - otherFees - refunds. */
export interface DepositSummary {
  count: number;
  /** The payments deposited. */
  gross: Cents;
  /** Processing fees of those payments. */
  fees: Cents;
  /** Fees that belong to no payment (deposit, chargeback, updater). */
  otherFees: Cents;
  /** Refunds and chargebacks taken out of the deposits. */
  refunds: Cents;
  /** What the bank received. */
  net: Cents;
  /** Payments written to the clearing account that no deposit of the files covers (yet). */
  notYetDeposited: { count: number; amount: Cents };
}

export interface ConvertSummary {
  files: FileReport[];
  reconciliation: Reconciliation;
  /** Sum of header amounts per IIF transaction type (cents, as written). */
  outputByType: Record<string, { count: number; amount: Cents }>;
  transactions: number;
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  /** Keap ids left out because they were in an earlier export. */
  alreadyExported: number;
  errors: number;
  warnings: number;
  /** Present when deposit files were converted. */
  deposits?: DepositSummary;
}

function emptyMoneyLine(): MoneyLine {
  return { input: 0, output: 0, setAside: 0, countIn: 0, countOut: 0, countSetAside: 0 };
}

export function emptyReconciliation(): Reconciliation {
  return {
    sales: emptyMoneyLine(),
    returns: emptyMoneyLine(),
    payments: emptyMoneyLine(),
    refunds: emptyMoneyLine(),
    credits: emptyMoneyLine(),
    writeOffs: emptyMoneyLine(),
    deposits: emptyMoneyLine(),
  };
}

export function isReconciled(r: Reconciliation): boolean {
  return Object.values(r).every((l) => l.input === l.output + l.setAside);
}

