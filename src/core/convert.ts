/**
 * The whole pipeline: files -> kinds and typed records -> merged dataset -> transactions ->
 * chosen transactions -> IIF text, with every stage adding to one list of issues (beancount's
 * loader pattern) and a summary whose row counts and money totals reconcile to the cent.
 */
import type { ConvertOptions, ConvertResult, InputFile, OutputSelection } from './convert-types.ts';
import { issue, type Issue } from './issues.ts';
import { writeIif } from './iif/write.ts';
import { mergeExports } from './keap/merge.ts';
import { readExport, type ExportRead } from './keap/read-export.ts';
import type { KeapDataset, SourceRef } from './keap/model.ts';
import { listsToWrite, usedLists } from './ledger/assemble.ts';
import { buildTransactions, moneyOf, sortTransactions, type BuildResult } from './ledger/build.ts';
import type { Transaction } from './ledger/model.ts';
import type { Cents } from './money.ts';
import { defaultPayTypeMapping } from './profile/defaults.ts';
import type { Profile } from './profile/types.ts';
import { defaultItemRole, itemRoleOf, itemTypeLabel, type ItemRole } from './keap/item-roles.ts';
import { wantedNames as wantedNamesOf } from './qb/wanted.ts';
import { NameUses } from './ledger/name-use.ts';
import { emptyReconciliation, type ConvertSummary, type FileReport } from './report.ts';

export type { ConvertOptions, ConvertResult, InputFile, OutputSelection } from './convert-types.ts';

/** What the files hold, for the mapping screen and the template. */
export interface Catalog {
  products: { name: string; lines: number; total: Cents; itemTypes: number[] }[];
  /** Every Keap order-item type found, with the role its lines get by default. */
  itemTypes: { code: number; label: string; lines: number; total: Cents; role: ItemRole }[];
  payTypes: { name: string; rows: number; total: Cents }[];
}

export interface InspectResult {
  files: FileReport[];
  issues: Issue[];
  catalog: Catalog;
}

interface ReadStage {
  reads: ExportRead[];
  dataset: KeapDataset;
  issues: Issue[];
  duplicateRows: SourceRef[];
  conflictRows: SourceRef[];
}

/** Options beyond `ConvertOptions` for callers that show reading progress in rows (the worker). */
export interface ReadProgressOptions {
  /** Called after each file is read with the data rows read so far (all files). */
  onRows?: (rows: number, file: string) => void;
}

function readAll(inputs: readonly InputFile[], profile: Profile, onProgress?: ConvertOptions['onProgress'], onRows?: ReadProgressOptions['onRows']): ReadStage {
  const issues: Issue[] = [];
  const reads: ExportRead[] = [];
  const seenNames = new Set<string>();
  let rows = 0;
  inputs.forEach((file, i) => {
    onProgress?.('reading', i / Math.max(1, inputs.length));
    let name = file.name;
    // Two files with the same name would make row references ambiguous.
    for (let n = 2; seenNames.has(name); n++) name = `${file.name} (${n})`;
    seenNames.add(name);
    const read = readExport({ name, bytes: file.bytes }, profile.columnMaps);
    reads.push(read);
    for (const x of read.issues) issues.push(x); // no spread: a file can have more issues than the argument limit
    rows += read.report.rowsRead;
    onRows?.(rows, name);
  });
  const merged = mergeExports(reads);
  for (const x of merged.issues) issues.push(x);
  // The merged dataset holds every record; dropping the per-file lists lets the build free
  // records as it goes (memory matters at a million orders).
  for (const read of reads) read.records = [];
  return { reads, dataset: merged.dataset, issues, duplicateRows: merged.duplicateRows, conflictRows: merged.conflictRows };
}

/** Everything found in the files, for the mapping screen. */
export function catalogOf(dataset: KeapDataset, roles: Profile['itemTypes'] = {}): Catalog {
  const products = new Map<string, { name: string; lines: number; total: Cents; itemTypes: Set<number> }>();
  const addProduct = (name: string, amount: Cents, itemType: number) => {
    const p = products.get(name) ?? { name, lines: 0, total: 0, itemTypes: new Set<number>() };
    p.lines++;
    p.total += amount;
    p.itemTypes.add(itemType);
    products.set(name, p);
  };
  const itemTypes = new Map<number, { code: number; label: string; lines: number; total: Cents; role: ItemRole }>();
  for (const it of dataset.orderItems) {
    if (itemRoleOf(it.itemType, it.amount, roles) === 'product') addProduct(it.name, it.amount, it.itemType);
    const t = itemTypes.get(it.itemType) ?? { code: it.itemType, label: itemTypeLabel(it.itemType), lines: 0, total: 0, role: defaultItemRole(it.itemType) };
    t.lines++;
    t.total += it.amount;
    itemTypes.set(it.itemType, t);
  }
  const ordersWithItems = new Set(dataset.orderItems.map((i) => i.orderId));
  for (const o of dataset.orders) {
    if (o.orderId && ordersWithItems.has(o.orderId)) continue;
    if (o.productNames.length === 1) addProduct(o.productNames[0]!, o.total ?? 0, 4);
  }
  const payTypes = new Map<string, { name: string; rows: number; total: Cents }>();
  for (const p of dataset.payments) {
    const t = payTypes.get(p.payType) ?? { name: p.payType, rows: 0, total: 0 };
    t.rows++;
    t.total += p.amount;
    payTypes.set(p.payType, t);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    products: [...products.values()].map((p) => ({ ...p, itemTypes: [...p.itemTypes].sort((a, b) => a - b) })).sort(byName),
    payTypes: [...payTypes.values()].sort(byName),
    itemTypes: [...itemTypes.values()].sort((a, b) => a.code - b.code),
  };
}

/** Reads the files only: kinds, counts, problems and what they hold. */
export function inspectFiles(inputs: readonly InputFile[], profile: Profile, options: ReadProgressOptions = {}): InspectResult {
  const stage = readAll(inputs, profile, undefined, options.onRows);
  for (const r of stage.reads) finishReport(r, new Set(), stage);
  return { files: stage.reads.map((r) => r.report), issues: stage.issues, catalog: catalogOf(stage.dataset, profile.itemTypes) };
}

function finishReport(read: ExportRead, laterSetAside: ReadonlySet<string>, stage: ReadStage): void {
  const rep = read.report;
  const file = rep.file;
  const aside = new Set(read.setAsideRows);
  for (const s of stage.conflictRows) if (s.file === file) aside.add(s.row);
  for (const key of laterSetAside) {
    const [f, row] = splitKey(key);
    if (f === file) aside.add(row);
  }
  rep.rowsDuplicate = stage.duplicateRows.filter((s) => s.file === file && !aside.has(s.row)).length;
  rep.rowsSetAside = aside.size;
  rep.rowsConverted = rep.rowsRead - rep.rowsSetAside - rep.rowsBlank;
  rep.problems = stage.issues.filter((i) => i.file === file && i.severity !== 'info').length;
}

const rowKey = (s: SourceRef) => `${s.row}\u0000${s.file}`;
function splitKey(key: string): [string, number] {
  const i = key.indexOf('\u0000');
  return [key.slice(i + 1), Number(key.slice(0, i))];
}

/** Chooses which built transactions go into the file (history, test export). */
export function selectTransactions(all: readonly Transaction[], sel: OutputSelection): { chosen: Transaction[]; excluded: Transaction[]; alreadyExported: number } {
  const done = new Set(sel.alreadyExported ?? []);
  let alreadyExported = 0;
  const chosen: Transaction[] = [];
  const excluded: Transaction[] = [];
  for (const t of all) {
    const wasExported = t.keapIds.some((id) => done.has(id));
    if (wasExported) alreadyExported++;
    if (wasExported && !sel.includeAlreadyExported) excluded.push(t);
    else if (sel.day && t.date !== sel.day) excluded.push(t);
    else chosen.push(t);
  }
  if (sel.firstN !== undefined && sel.firstN >= 0 && chosen.length > sel.firstN) {
    const sorted = [...chosen];
    sortTransactions(sorted);
    for (const t of sorted.slice(sel.firstN)) excluded.push(t); // no spread: may be millions
    return { chosen: sorted.slice(0, sel.firstN), excluded, alreadyExported };
  }
  return { chosen, excluded, alreadyExported };
}

/** Converts Keap exports to IIF with the given mapping profile. Never throws for bad input. */
export function convertFiles(inputs: readonly InputFile[], profile: Profile, options: ConvertOptions & ReadProgressOptions = {}): ConvertResult {
  const { onProgress } = options;
  const stage = readAll(inputs, profile, onProgress, options.onRows);
  onProgress?.('building transactions', 0.5);
  // Records are not needed after the build: the build lets each go once used (and leaves the
  // dataset empty), so records and transactions are not all alive together.
  const built: BuildResult = buildTransactions(stage.dataset, profile, { releaseRecords: true });
  const issues = [...stage.issues, ...built.issues];

  const { chosen, excluded, alreadyExported } = selectTransactions(built.transactions, options);
  if (alreadyExported > 0) {
    issues.push(issue('history.already-exported', options.includeAlreadyExported ? 'warning' : 'info', options.includeAlreadyExported
      ? `${alreadyExported} transaction${alreadyExported === 1 ? ' was' : 's were'} in an earlier export and ${alreadyExported === 1 ? 'is' : 'are'} included again as you chose. Importing them twice will double them in QuickBooks.`
      : `${alreadyExported} transaction${alreadyExported === 1 ? ' was' : 's were'} in an earlier export and ${alreadyExported === 1 ? 'was' : 'were'} left out so QuickBooks does not get them twice.`));
  }

  // Reconciliation: money read = money written + money set aside, per kind.
  const rec = emptyReconciliation();
  for (const [kind, v] of Object.entries(built.input) as [keyof typeof rec, { amount: Cents; count: number }][]) {
    rec[kind].input = v.amount;
    rec[kind].countIn = v.count;
  }
  for (const t of chosen) for (const [kind, amount] of moneyOf(t)) {
    rec[kind].output += amount;
    rec[kind].countOut++;
  }
  const setAsideRows = new Set<string>();
  for (const t of excluded) for (const [kind, amount] of moneyOf(t)) {
    rec[kind].setAside += amount;
    rec[kind].countSetAside++;
  }
  for (const s of built.setAside) {
    rec[s.kind].setAside += s.amount;
    rec[s.kind].countSetAside++;
    for (const src of s.sources) setAsideRows.add(rowKey(src));
  }

  onProgress?.('writing IIF', 0.8);
  // Names QuickBooks already has are left out of the list rows, but still checked (wanted names).
  const uses = new NameUses();
  for (const t of chosen) uses.addTransaction(t);
  const used = usedLists(uses, built.registry, built.customers, chosen);
  const ledger = listsToWrite(used, profile);
  const wantedNames = wantedNamesOf(used, uses, profile);
  const transactionStarts = options.withTransactionStarts ? new Float64Array(ledger.transactions.length + 1) : undefined;
  const iifChunks = writeIif(ledger, { onChunk: options.onIifChunk, transactionStarts });

  for (const r of stage.reads) finishReport(r, setAsideRows, stage);
  const outputByType: ConvertSummary['outputByType'] = {};
  for (const t of chosen) {
    const o = (outputByType[t.type] ??= { count: 0, amount: 0 });
    o.count++;
    o.amount += t.amount;
  }
  const dates = chosen.map((t) => t.date).sort();
  const summary: ConvertSummary = {
    files: stage.reads.map((r) => r.report),
    reconciliation: rec,
    outputByType,
    transactions: chosen.length,
    firstDate: dates[0] ?? null,
    lastDate: dates.at(-1) ?? null,
    alreadyExported: options.includeAlreadyExported ? 0 : alreadyExported,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
  onProgress?.('done', 1);
  const result: ConvertResult = { summary, issues, ledger, iifChunks, excludedTransactions: excluded.length, wantedNames };
  if (transactionStarts) result.transactionStarts = transactionStarts;
  return result;
}

/** Pay types found that the profile does not map yet, with the default each would get. */
export function unmappedPayTypes(catalog: Catalog, profile: Profile) {
  return catalog.payTypes.filter((p) => !profile.payTypes[p.name]).map((p) => ({ ...p, mapping: defaultPayTypeMapping(p.name, p.total) }));
}
