/**
 * The whole pipeline: files -> kinds and typed records -> merged dataset -> transactions ->
 * chosen transactions -> IIF text, with every stage adding to one list of issues (beancount's
 * loader pattern) and a summary whose row counts and money totals reconcile to the cent.
 */
import type { ConvertOptions, ConvertResult, InputFile, OutputSelection } from './convert-types.ts';
import { issue, type Issue } from './issues.ts';
import { TRANSACTION_HEADER, writeIif, writeLists } from './iif/write.ts';
import { encodeWindows1252 } from './iif/encode.ts';
import { PackedTransactions } from './ledger/packed.ts';
import { mergeExports } from './keap/merge.ts';
import { readExport, type ExportRead } from './keap/read-export.ts';
import type { KeapDataset, SourceRef } from './keap/model.ts';
import { listsToWrite, usedLists } from './ledger/assemble.ts';
import { buildTransactions, moneyOf, type BuildResult } from './ledger/build.ts';
import type { Ledger, Transaction, TxnRole, TxnType } from './ledger/model.ts';
import type { IsoDate } from './dates.ts';
import type { WantedNames } from './qb/lists.ts';
import type { Cents } from './money.ts';
import { defaultPayTypeMapping } from './profile/defaults.ts';
import type { Profile } from './profile/types.ts';
import { defaultItemRole, itemRoleOf, itemTypeLabel, type ItemRole } from './keap/item-roles.ts';
import { wantedNames as wantedNamesOf } from './qb/wanted.ts';
import { NameUses } from './ledger/name-use.ts';
import { emptyReconciliation, type ConvertSummary, type FileReport } from './report.ts';

export type { ConvertOptions, ConvertResult, InputFile, OutputSelection } from './convert-types.ts';
import { readAllBytes, type ByteSource } from './source.ts';

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
}

/** What a conversion returns besides the IIF bytes. */
export interface Conversion {
  summary: ConvertSummary;
  issues: Issue[];
  excludedTransactions: number;
  wantedNames: WantedNames;
  /** Size of the written IIF in bytes. */
  iifBytes: number;
  /** The IIF as byte chunks, when no `output` was given (else empty). */
  iifChunks: Uint8Array[];
}

/**
 * Converts Keap exports to IIF with the given mapping profile: the one conversion the command
 * line, the worker, the in-page fallback, the tests and the benchmarks all call. Never throws
 * for bad input.
 */
export function convert(sources: readonly ByteSource[], profile: Profile, options: ConversionOptions = {}): Conversion {
  // TEMPORARY adapter while the columnar path replaces convertFiles (issue 11).
  const bytesTotal = sources.reduce((n, s) => n + s.size, 0);
  const inputs = sources.map((s) => ({ name: s.name, bytes: readAllBytes(s) }));
  const { onProgress, output, ...selection } = options;
  let rows = 0;
  const r = convertFiles(inputs, profile, { ...selection, onRows: (n) => (rows = n), onProgress: (stage, fraction) => onProgress?.({ phase: stage === 'done' ? 'done' : stage.startsWith('reading') ? 'reading' : stage.startsWith('writing') ? 'writing' : 'building', fraction, bytesRead: bytesTotal, bytesTotal, rows }) });
  const chunks = r.iifChunks.map((c) => encodeWindows1252(c));
  let iifBytes = 0;
  for (const c of chunks) {
    iifBytes += c.length;
    output?.(c);
  }
  return { summary: r.summary, issues: r.issues, excludedTransactions: r.excludedTransactions, wantedNames: r.wantedNames, iifBytes, iifChunks: output ? [] : chunks };
}

/** Reads the files only: kinds, counts, problems and what they hold (products, item types, pay types). */
export function inspect(sources: readonly ByteSource[], profile: Profile): InspectResult {
  return inspectFiles(sources.map((s) => ({ name: s.name, bytes: readAllBytes(s) })), profile);
}

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

/** Built transactions as the later stages read them, by position in file order (date, type, key). */
export interface BuiltTransactions {
  readonly count: number;
  type(k: number): TxnType;
  role(k: number): TxnRole;
  amount(k: number): Cents;
  date(k: number): IsoDate;
  keapIds(k: number): readonly string[];
  /** Adds the names transaction k uses. */
  addUses(k: number, uses: NameUses): void;
}

/** A sorted list of transaction objects, read as BuiltTransactions. */
function listView(list: readonly Transaction[]): BuiltTransactions {
  const at = (k: number) => list[k] as Transaction;
  return {
    count: list.length,
    type: (k) => at(k).type,
    role: (k) => at(k).role,
    amount: (k) => at(k).amount,
    date: (k) => at(k).date,
    keapIds: (k) => at(k).keapIds,
    addUses: (k, uses) => uses.addTransaction(at(k)),
  };
}

/** Packed transactions in sorted order (positions of `order`), read as BuiltTransactions. */
function packedView(packed: PackedTransactions, order: Uint32Array): BuiltTransactions {
  const at = (k: number) => order[k] as number;
  return {
    count: order.length,
    type: (k) => packed.type(at(k)),
    role: (k) => packed.role(at(k)),
    amount: (k) => packed.amount(at(k)),
    date: (k) => packed.date(at(k)),
    keapIds: (k) => packed.keapIds(at(k)),
    addUses: (k, uses) => packed.addUses(at(k), uses),
  };
}

/**
 * Chooses which built transactions go into the file (history, test export): positions in
 * file order of those chosen and of those left out.
 */
export function selectTransactions(all: BuiltTransactions, sel: OutputSelection): { chosen: number[]; excluded: number[]; alreadyExported: number } {
  const done = new Set(sel.alreadyExported ?? []);
  let alreadyExported = 0;
  const chosen: number[] = [];
  const excluded: number[] = [];
  for (let k = 0; k < all.count; k++) {
    const wasExported = done.size > 0 && all.keapIds(k).some((id) => done.has(id));
    if (wasExported) alreadyExported++;
    if (wasExported && !sel.includeAlreadyExported) excluded.push(k);
    else if (sel.day && all.date(k) !== sel.day) excluded.push(k);
    else chosen.push(k);
  }
  // The transactions are in file order already, so the first N are the first N chosen.
  if (sel.firstN !== undefined && sel.firstN >= 0 && chosen.length > sel.firstN) {
    for (let i = sel.firstN; i < chosen.length; i++) excluded.push(chosen[i] as number);
    chosen.length = sel.firstN;
  }
  return { chosen, excluded, alreadyExported };
}

/** Everything a conversion reports besides the written transactions themselves. */
interface Conclusion {
  summary: ConvertSummary;
  issues: Issue[];
  chosen: number[];
  excludedTransactions: number;
  /** The list sections to write (its `transactions` is empty). */
  lists: Ledger;
  wantedNames: WantedNames;
}

/** Selection, reconciliation, list sections, name check and summary: the same for both forms of the built transactions. */
function conclude(stage: ReadStage, built: BuildResult, all: BuiltTransactions, profile: Profile, options: ConvertOptions): Conclusion {
  const issues = [...stage.issues, ...built.issues];
  const { chosen, excluded, alreadyExported } = selectTransactions(all, options);
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
  const moneyAt = (k: number) => moneyOf({ role: all.role(k), amount: all.amount(k) });
  for (const k of chosen) for (const [kind, amount] of moneyAt(k)) {
    rec[kind].output += amount;
    rec[kind].countOut++;
  }
  const setAsideRows = new Set<string>();
  for (const k of excluded) for (const [kind, amount] of moneyAt(k)) {
    rec[kind].setAside += amount;
    rec[kind].countSetAside++;
  }
  for (const s of built.setAside) {
    rec[s.kind].setAside += s.amount;
    rec[s.kind].countSetAside++;
    for (const src of s.sources) setAsideRows.add(rowKey(src));
  }

  // Names QuickBooks already has are left out of the list rows, but still checked (wanted names).
  const uses = new NameUses();
  for (const k of chosen) all.addUses(k, uses);
  const used = usedLists(uses, built.registry, built.customers);
  const lists = listsToWrite(used, profile);
  const wantedNames = wantedNamesOf(used, uses, profile);

  for (const r of stage.reads) finishReport(r, setAsideRows, stage);
  const outputByType: ConvertSummary['outputByType'] = {};
  let firstDate: IsoDate | null = null;
  let lastDate: IsoDate | null = null;
  for (const k of chosen) {
    const o = (outputByType[all.type(k)] ??= { count: 0, amount: 0 });
    o.count++;
    o.amount += all.amount(k);
    const date = all.date(k);
    if (firstDate === null || date < firstDate) firstDate = date;
    if (lastDate === null || date > lastDate) lastDate = date;
  }
  const summary: ConvertSummary = {
    files: stage.reads.map((r) => r.report),
    reconciliation: rec,
    outputByType,
    transactions: chosen.length,
    firstDate,
    lastDate,
    alreadyExported: options.includeAlreadyExported ? 0 : alreadyExported,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
  return { summary, issues, chosen, excludedTransactions: excluded.length, lists, wantedNames };
}

/** Converts Keap exports to IIF with the given mapping profile. Never throws for bad input. */
export function convertFiles(inputs: readonly InputFile[], profile: Profile, options: ConvertOptions & ReadProgressOptions = {}): ConvertResult {
  const { onProgress } = options;
  const stage = readAll(inputs, profile, onProgress, options.onRows);
  onProgress?.('building transactions', 0.5);
  // Records are not needed after the build: the build lets each go once used (and leaves the
  // dataset empty), so records and transactions are not all alive together.
  const built: BuildResult = buildTransactions(stage.dataset, profile, { releaseRecords: true });
  onProgress?.('writing IIF', 0.8);
  const c = conclude(stage, built, listView(built.transactions), profile, options);
  const ledger: Ledger = { ...c.lists, transactions: c.chosen.map((k) => built.transactions[k] as Transaction) };
  const iifChunks = writeIif(ledger);
  onProgress?.('done', 1);
  return { summary: c.summary, issues: c.issues, ledger, iifChunks, excludedTransactions: c.excludedTransactions, wantedNames: c.wantedNames };
}

/** A conversion whose transactions stayed packed (see convertFilesPacked). */
export interface PackedConvertResult extends Omit<ConvertResult, 'ledger' | 'iifChunks'> {
  /** The IIF file as Windows-1252 bytes, in parts (Blob parts). */
  iifParts: Uint8Array[];
  /** The written transactions, in file order: positions in `packed`. */
  written: Uint32Array;
  packed: PackedTransactions;
  /** Where written transaction k starts in the file; at `written.length`, the end of the file. */
  transactionStarts: Float64Array;
}

/**
 * convertFiles for big runs (the worker): each transaction is packed as it is built, so the
 * transactions never all exist as objects. Writes the same bytes as convertFiles + encodeIif.
 */
export function convertFilesPacked(inputs: readonly InputFile[], profile: Profile, options: ConvertOptions & ReadProgressOptions = {}): PackedConvertResult {
  const { onProgress } = options;
  const stage = readAll(inputs, profile, onProgress, options.onRows);
  onProgress?.('building transactions', 0.5);
  const packed = new PackedTransactions();
  const built: BuildResult = buildTransactions(stage.dataset, profile, { releaseRecords: true, packed });
  onProgress?.('writing IIF', 0.8);
  const order = packed.sort();
  const c = conclude(stage, built, packedView(packed, order), profile, options);
  const written = Uint32Array.from(c.chosen, (k) => order[k] as number);
  const head = writeLists(c.lists);
  if (written.length > 0) head.push(TRANSACTION_HEADER);
  // The list sections as one part, as writeIif does.
  const { parts, starts } = packed.writeBytes([encodeWindows1252(head.join(''))], written);
  packed.releaseBytes();
  onProgress?.('done', 1);
  return { summary: c.summary, issues: c.issues, excludedTransactions: c.excludedTransactions, wantedNames: c.wantedNames, iifParts: parts, written, packed, transactionStarts: starts };
}

/** Pay types found that the profile does not map yet, with the default each would get. */
export function unmappedPayTypes(catalog: Catalog, profile: Profile) {
  return catalog.payTypes.filter((p) => !profile.payTypes[p.name]).map((p) => ({ ...p, mapping: defaultPayTypeMapping(p.name, p.total) }));
}
