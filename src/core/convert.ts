/**
 * The one conversion: files -> typed Keap tables -> transactions in the store -> chosen
 * transactions -> IIF bytes, with every stage adding to one list of issues (beancount's loader
 * pattern) and a summary whose row counts and money totals reconcile to the cent. The command
 * line, the worker, the in-page fallback, the tests and the benchmarks all call `convert`.
 */
import type { ConversionOptions, ConversionReport, ConvertProgress, InspectResult, OutputSelection } from './convert-types.ts';
import { dayOf, isoOfDay } from './dates.ts';
import { issue, type Issue } from './issues.ts';
import { writeIif } from './iif/write.ts';
import { catalogOf } from './keap/catalog.ts';
import { readFiles } from './keap/read-files.ts';
import type { ReadStage } from './keap/tables.ts';
import { completeFileReport } from './keap/file-report.ts';
import { listsToWrite, usedLists, withParentsFirst } from './ledger/assemble.ts';
import { buildTransactions, moneyOf, type BuildResult, type DepositsBuilt } from './ledger/build.ts';
import { depositKeapId } from './ledger/rules/deposit.ts';
import { formatCentsPlain } from './money.ts';
import { TXN_TYPE_ORDER } from './ledger/model.ts';
import { collectNameUses } from './ledger/name-use.ts';
import type { TransactionStore } from './ledger/store.ts';
import type { Profile } from './profile/types.ts';
import { wantedNames as wantedNamesOf } from './qb/wanted.ts';
import { emptyReconciliation, type ConvertSummary, type DepositSummary } from './report.ts';
import { accountEffect } from './review/account-effect.ts';
import { postingsOf } from './review/store-postings.ts';
import type { ByteSource } from './source.ts';

export type { ConversionOptions, ConversionReport, ConvertProgress, InspectResult, OutputSelection } from './convert-types.ts';
export type { Catalog } from './keap/catalog.ts';

/** The transactions a conversion wrote, for the review, the history and the chart. */
export interface WrittenTransactions {
  store: TransactionStore;
  /** The written transactions in file order, as numbers in the store. */
  order: Uint32Array;
  /** Where written transaction k starts in the IIF; at `order.length`, the end of the file. */
  starts: Float64Array;
}

export interface Conversion extends ConversionReport {
  /** The IIF as byte chunks, when no `output` was given (else empty). */
  iifChunks: Uint8Array[];
  written: WrittenTransactions;
}

/** Reads the files only: kinds, counts, problems and what they hold (products, item types, pay types). */
export function inspect(sources: readonly ByteSource[], profile: Profile): InspectResult {
  const stage = readFiles(sources, profile.columnMaps);
  for (const f of stage.files) completeFileReport(f, [], stage.issues);
  return { files: stage.files.map((f) => f.report), issues: stage.issues, catalog: catalogOf(stage.tables, profile.itemTypes) };
}

/**
 * Chooses which built transactions go into the file (history, test export): positions in `order`
 * of those chosen and of those left out.
 */
function selectTransactions(store: TransactionStore, order: Uint32Array, sel: OutputSelection): { chosen: number[]; excluded: number[]; alreadyExported: number } {
  const done = new Set(sel.alreadyExported ?? []);
  const day = sel.day ? dayOf(sel.day) : null;
  const deposit = sel.depositId ? depositKeapId(sel.depositId) : null;
  let alreadyExported = 0;
  const chosen: number[] = [];
  const excluded: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const wasExported = done.size > 0 && store.keapIds(i).some((id) => done.has(id));
    if (wasExported) alreadyExported++;
    if (wasExported && !sel.includeAlreadyExported) excluded.push(i);
    else if (day !== null && store.date(i) !== day) excluded.push(i);
    else if (deposit !== null && !store.keapIds(i).includes(deposit)) excluded.push(i);
    else chosen.push(i);
  }
  // The transactions are in file order already, so the first N are the first N chosen.
  if (sel.firstN !== undefined && sel.firstN >= 0 && chosen.length > sel.firstN) {
    for (let k = sel.firstN; k < chosen.length; k++) excluded.push(chosen[k] as number);
    chosen.length = sel.firstN;
  }
  return { chosen, excluded, alreadyExported };
}

function alreadyExportedIssue(count: number, included: boolean): Issue {
  const were = count === 1 ? ' was' : 's were';
  return included
    ? issue('history.already-exported', 'warning', `${count} transaction${were} in an earlier export and ${count === 1 ? 'is' : 'are'} included again as you chose. Importing them twice will double them in QuickBooks.`)
    : issue('history.already-exported', 'info', `${count} transaction${were} in an earlier export and ${count === 1 ? 'was' : 'were'} left out so QuickBooks does not get them twice.`);
}

/** Money read = money written + money set aside, per kind, and the rows set aside per file. */
function reconcile(built: BuildResult, chosen: readonly number[], excluded: readonly number[]) {
  const rec = emptyReconciliation();
  for (const [kind, v] of Object.entries(built.input) as [keyof typeof rec, { amount: number; count: number }][]) {
    rec[kind].input = v.amount;
    rec[kind].countIn = v.count;
  }
  const { store } = built;
  for (const i of chosen) for (const [kind, amount] of moneyOf(store.role(i), store.amount(i))) {
    rec[kind].output += amount;
    rec[kind].countOut++;
  }
  for (const i of excluded) for (const [kind, amount] of moneyOf(store.role(i), store.amount(i))) {
    rec[kind].setAside += amount;
    rec[kind].countSetAside++;
  }
  const setAsideRows = new Map<string, Set<number>>();
  for (const s of built.setAside) {
    rec[s.kind].setAside += s.amount;
    rec[s.kind].countSetAside++;
    for (const src of s.sources) {
      let rows = setAsideRows.get(src.file);
      if (!rows) setAsideRows.set(src.file, (rows = new Set()));
      rows.add(src.row);
    }
  }
  return { reconciliation: rec, setAsideRows };
}

/**
 * Converts Keap exports to IIF with the given mapping profile. Never throws for bad input: every
 * problem is in `issues`, with its file, row and column.
 */
export function convert(sources: readonly ByteSource[], profile: Profile, options: ConversionOptions = {}): Conversion {
  const { onProgress, output } = options;
  const bytesTotal = sources.reduce((n, s) => n + s.size, 0);
  let rows = 0;
  const report = (phase: ConvertProgress['phase'], fraction: number, bytesRead = bytesTotal) => onProgress?.({ phase, fraction, bytesRead, bytesTotal, rows });
  report('reading', 0, 0);
  const stage: ReadStage = readFiles(sources, profile.columnMaps, (bytesRead, rowsRead) => {
    rows = rowsRead;
    report('reading', bytesTotal > 0 ? (0.5 * bytesRead) / bytesTotal : 0.5, bytesRead);
  });
  report('building', 0.5);
  const built = buildTransactions(stage.tables, profile, { depositDates: options.depositDates ?? {} });
  const { store } = built;
  const issues = [...stage.issues, ...built.issues];
  if (built.deposits) for (const x of missingDepositedPayments(built.deposits, options.alreadyExported ?? [])) issues.push(x);
  const sel = selectTransactions(store, store.sorted(TXN_TYPE_ORDER), options);
  if (sel.alreadyExported > 0) issues.push(alreadyExportedIssue(sel.alreadyExported, options.includeAlreadyExported === true));
  const { reconciliation, setAsideRows } = reconcile(built, sel.chosen, sel.excluded);

  // Names QuickBooks already has are left out of the list rows, but still checked (wanted names).
  const uses = collectNameUses(store, sel.chosen);
  const { lists: used, issues: pathIssues } = withParentsFirst(usedLists(uses, built.registry, built.customers), profile);
  for (const x of pathIssues) issues.push(x);
  const lists = listsToWrite(used, profile);
  const wantedNames = wantedNamesOf(used, uses, profile);

  report('writing', 0.8);
  const iifChunks: Uint8Array[] = [];
  const order = Uint32Array.from(sel.chosen);
  const written = writeIif(lists, store, order, output ?? ((chunk) => iifChunks.push(chunk)), output !== undefined);

  for (const f of stage.files) completeFileReport(f, setAsideRows.get(f.report.file) ?? [], stage.issues);
  const outputByType: ConvertSummary['outputByType'] = {};
  let first = Infinity;
  let last = -Infinity;
  for (const i of order) {
    const o = (outputByType[store.type(i)] ??= { count: 0, amount: 0 });
    o.count++;
    o.amount += store.amount(i);
    first = Math.min(first, store.date(i));
    last = Math.max(last, store.date(i));
  }
  const summary: ConvertSummary = {
    files: stage.files.map((f) => f.report),
    reconciliation,
    outputByType,
    transactions: order.length,
    firstDate: order.length > 0 ? isoOfDay(first) : null,
    lastDate: order.length > 0 ? isoOfDay(last) : null,
    alreadyExported: options.includeAlreadyExported ? 0 : sel.alreadyExported,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    ...(built.deposits ? { deposits: depositSummary(built.deposits, order) } : {}),
  };
  report('done', 1);
  return {
    summary,
    issues,
    excludedTransactions: sel.excluded.length,
    wantedNames,
    iifBytes: written.bytes,
    accountEffect: accountEffect(postingsOf(store, order, (name) => built.registry.accounts.get(name)?.type ?? '')),
    customerMatches: built.customerMatching.matches
      .map((match, k) => ({ contact: built.customerMatching.contacts[k]!, match }))
      .filter((m) => m.match.status !== 'none' || m.match.staleChoice !== undefined || m.match.declined !== undefined),
    notYetDeposited: notYetDepositedIn(built.deposits, order).map(({ source, txn: _, ...p }) => ({ ...p, file: source.file, row: source.row })),
    iifChunks,
    written: { store, order, starts: written.starts },
  };
}

/**
 * Payments inside a written deposit that this conversion did not write and the export history
 * does not hold: QuickBooks lacks their PAYMENT, so the clearing account would go below zero.
 */
function missingDepositedPayments(deposits: DepositsBuilt, alreadyExported: readonly string[]): Issue[] {
  const done = new Set(alreadyExported);
  const out: Issue[] = [];
  for (const u of deposits.unwritten) {
    if (u.paymentId && done.has(`payment:${u.paymentId}`)) continue;
    const which = u.paymentId ? `payment ${u.paymentId}` : 'a payment without a payment id';
    out.push(issue('deposit.payment-missing', 'warning', `The deposit holds ${which} of ${formatCentsPlain(u.amount)} that is neither in this conversion nor in the export history: its PAYMENT is missing from QuickBooks, so the clearing account will not net to zero. Add the payments export that holds it (or import it first).`, { file: u.source.file, row: u.source.row }));
  }
  return out;
}

/** The payments in the file (`order`) that landed in the clearing account and that no deposit covers. */
function notYetDepositedIn(deposits: DepositsBuilt | null, order: Uint32Array): DepositsBuilt['notYetDeposited'] {
  if (!deposits) return [];
  const chosen = new Set(order);
  return deposits.notYetDeposited.filter((p) => chosen.has(p.txn));
}

/** The deposits row of the totals, over the deposits written, and the payments still in the clearing account. */
function depositSummary(deposits: DepositsBuilt, order: Uint32Array): DepositSummary {
  const chosen = new Set(order);
  const s: DepositSummary = { count: 0, gross: 0, fees: 0, otherFees: 0, refunds: 0, net: 0, notYetDeposited: { count: 0, amount: 0 } };
  for (const f of deposits.facts) {
    if (!chosen.has(f.txn)) continue;
    s.count++;
    s.gross += f.gross;
    s.fees += f.fees;
    s.otherFees += f.otherFees;
    s.refunds += f.refunds;
    s.net += f.net;
  }
  for (const p of notYetDepositedIn(deposits, order)) {
    s.notYetDeposited.count++;
    s.notYetDeposited.amount += p.amount;
  }
  return s;
}
