/**
 * QuickBooks "Lists to IIF Files" export -> QbLists, plus the name checks that compare what our
 * IIF will refer to with what the company file already holds. Reads by column name (never by
 * position), keeps inactive entries flagged, never throws for bad input.
 */
import { issue } from '../issues.ts';
import type { Issue } from '../issues.ts';
import { ACCOUNT_TYPE_LABELS } from '../profile/types.ts';
import type { AccountType, QbAccount, QbItem, QbLists, QbNamed } from '../profile/types.ts';
import { readIif } from '../iif/read.ts';
import type { IifRow } from '../iif/read.ts';
import { decodeBytes, sniffBinary } from '../text/decode.ts';

const LIST_KEYWORDS = ['ACCNT', 'INVITEM', 'CUST', 'VEND', 'OTHERNAME', 'PAYMETH', 'CLASS'] as const;
type ListKeyword = (typeof LIST_KEYWORDS)[number];

function emptyLists(sourceFile: string): QbLists {
  return { sourceFile, accounts: [], items: [], customers: [], vendors: [], otherNames: [], paymentMethods: [], classes: [] };
}

function isListKeyword(k: string): k is ListKeyword {
  return (LIST_KEYWORDS as readonly string[]).includes(k);
}

/** Reads a QuickBooks list export. Group (GRP) and sales-tax-group (STAX) components are not items of their own. */
export function readQbLists(text: string, sourceFile: string): { lists: QbLists; issues: Issue[] } {
  const doc = readIif(text, sourceFile);
  const lists = emptyLists(sourceFile);
  const issues = [...doc.issues];
  if (issues.some((i) => i.code === 'iif.empty')) return { lists, issues };

  if (!doc.headers.some((h) => isListKeyword(h.keyword))) {
    issues.push(
      issue(
        'file.unknown-kind',
        'error',
        `${sourceFile} is not a QuickBooks list export: it has no chart of accounts, item, customer, vendor, other name, payment method or class section. ` +
          'In QuickBooks Desktop choose File > Utilities > Export > Lists to IIF Files, tick the lists and add the file it saves.',
        { file: sourceFile },
      ),
    );
    return { lists, issues };
  }

  // Headers and END markers sit between rows; merge everything by line to know where a group ends.
  type Step = { line: number; header: string } | { line: number; marker: string } | { line: number; row: IifRow };
  const steps: Step[] = [
    ...doc.headers.map((h) => ({ line: h.line, header: h.keyword })),
    ...doc.markers.map((m) => ({ line: m.line, marker: m.keyword })),
    ...doc.rows.map((r) => ({ line: r.line, row: r })),
  ].sort((a, b) => a.line - b.line);
  let inGroup = false;
  for (const step of steps) {
    if ('header' in step) {
      // The short group table is `!INVITEM` then `!ENDGRP`; only a real new section ends a group.
      if (!step.header.startsWith('END')) inGroup = false;
      continue;
    }
    if ('marker' in step) {
      if (step.marker === 'ENDGRP' || step.marker === 'ENDTAX') inGroup = false;
      continue;
    }
    const row = step.row;
    if (!isListKeyword(row.keyword) || row.headerLine === undefined) continue;
    const name = (row.values.NAME ?? '').trim();
    const hidden = (row.values.HIDDEN ?? '').trim().toUpperCase() === 'Y';
    if (row.keyword === 'INVITEM') {
      const type = (row.values.INVITEMTYPE ?? '').trim().toUpperCase();
      if (type === 'GRP' || type === 'STAX') inGroup = true;
      // Component rows repeat an item defined elsewhere: a reference, not a new item.
      else if (inGroup) continue;
    }
    if (name === '') {
      issues.push(
        issue('id.missing', 'warning', `Line ${row.line} is a ${row.keyword} row with an empty NAME; it was skipped.`, {
          file: sourceFile,
          row: row.line,
          column: 'NAME',
        }),
      );
      continue;
    }
    addEntry(lists, row, name, hidden);
  }
  return { lists, issues };
}

function addEntry(lists: QbLists, row: IifRow, name: string, hidden: boolean): void {
  const v = row.values;
  switch (row.keyword as ListKeyword) {
    case 'ACCNT':
      lists.accounts.push({ name, type: (v.ACCNTTYPE ?? '').trim().toUpperCase(), extra: (v.EXTRA ?? '').trim().toUpperCase(), hidden });
      break;
    case 'INVITEM':
      lists.items.push({
        name,
        type: (v.INVITEMTYPE ?? '').trim().toUpperCase(),
        account: (v.ACCNT ?? '').trim(),
        hidden,
        taxVendor: (v.TAXVEND ?? '').trim(),
      });
      break;
    case 'CUST': {
      // Only a non-empty e-mail is kept: most customers of a large list have none.
      const email = (v.EMAIL ?? '').trim();
      lists.customers.push(email === '' ? { name, hidden } : { name, hidden, email });
      break;
    }
    case 'VEND':
      lists.vendors.push({ name, hidden });
      break;
    case 'OTHERNAME':
      lists.otherNames.push({ name, hidden });
      break;
    case 'PAYMETH':
      lists.paymentMethods.push({ name, hidden });
      break;
    case 'CLASS':
      lists.classes.push({ name, hidden });
      break;
  }
}

/** Decodes the bytes (Windows-1252 unless valid UTF-8) and reads them as a list export. */
export function readQbListsBytes(bytes: Uint8Array, sourceFile: string): { lists: QbLists; issues: Issue[] } {
  const binary = sniffBinary(bytes);
  if (binary !== null) {
    return {
      lists: emptyLists(sourceFile),
      issues: [
        issue('iif.binary', 'error', `${sourceFile} is not an IIF text file (it looks like ${binary} data). Add the .IIF file QuickBooks saved.`, {
          file: sourceFile,
        }),
      ],
    };
  }
  return readQbLists(decodeBytes(bytes).text, sourceFile);
}

// ---------------------------------------------------------------------------------------------
// Name look-ups

/** QuickBooks compares names case-insensitively; surrounding spaces never matter. */
function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The entry whose name matches (case-insensitive, surrounding spaces ignored). */
function findNamed<T extends { name: string }>(entries: readonly T[], name: string): T | undefined {
  const key = nameKey(name);
  return entries.find((e) => nameKey(e.name) === key);
}

/** The QuickBooks account with this name, if any. */
export function findAccount(lists: QbLists, name: string): QbAccount | undefined {
  return findNamed(lists.accounts, name);
}

/** The QuickBooks item with this name, if any. */
export function findItem(lists: QbLists, name: string): QbItem | undefined {
  return findNamed(lists.items, name);
}

/** True when a list holds the name (case-insensitive, surrounding spaces ignored). */
export function hasName(listEntries: readonly { name: string }[], name: string): boolean {
  return findNamed(listEntries, name) !== undefined;
}

/** Special accounts found by EXTRA (UNDEPOSIT, SALESTAX) and active AR accounts, for suggestions. */
export function specialAccountNames(lists: QbLists): { undepositedFunds?: string; salesTaxPayable?: string; accountsReceivable: string[] } {
  // By EXTRA, not by name: the user may have renamed them, and QuickBooks names a second one "*Sales Tax Payable".
  const byExtra = (extra: string): string | undefined =>
    (lists.accounts.find((a) => a.extra === extra && !a.hidden) ?? lists.accounts.find((a) => a.extra === extra))?.name;
  const result: { undepositedFunds?: string; salesTaxPayable?: string; accountsReceivable: string[] } = {
    accountsReceivable: lists.accounts.filter((a) => a.type === 'AR' && !a.hidden).map((a) => a.name),
  };
  const undeposited = byExtra('UNDEPOSIT');
  if (undeposited !== undefined) result.undepositedFunds = undeposited;
  const salesTax = byExtra('SALESTAX');
  if (salesTax !== undefined) result.salesTaxPayable = salesTax;
  return result;
}

export interface ListNames {
  accounts: { name: string; type: string }[];
  items: { name: string; type: string }[];
  customers: string[];
  vendors: string[];
  otherNames: string[];
  paymentMethods: string[];
  classes: string[];
}

function byName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Sorted names per list for the mapping pickers; inactive entries are left out unless asked for. */
export function listNames(lists: QbLists, options: { includeHidden?: boolean } = {}): ListNames {
  const keep = <T extends { hidden: boolean }>(e: T): boolean => options.includeHidden === true || !e.hidden;
  const names = (entries: readonly QbNamed[]): string[] => entries.filter(keep).map((e) => e.name).sort(byName);
  return {
    accounts: lists.accounts.filter(keep).map((a) => ({ name: a.name, type: a.type })).sort((a, b) => byName(a.name, b.name)),
    items: lists.items.filter(keep).map((i) => ({ name: i.name, type: i.type })).sort((a, b) => byName(a.name, b.name)),
    customers: names(lists.customers),
    vendors: names(lists.vendors),
    otherNames: names(lists.otherNames),
    paymentMethods: names(lists.paymentMethods),
    classes: names(lists.classes),
  };
}

// ---------------------------------------------------------------------------------------------
// Name checks

export interface WantedNames {
  accounts: { name: string; type: AccountType; role: string }[];
  /** `type` is an INVITEMTYPE (SERV, PART, OTHC, INVENTORY, DISC, COMPTAX...); '' accepts any type. */
  items: { name: string; type: string; role: string }[];
  customers: string[];
  vendors: string[];
  paymentMethods: string[];
  classes: string[];
}

export type NameCheckList = 'account' | 'item' | 'customer' | 'vendor' | 'paymentMethod' | 'class';
export type NameCheckStatus = 'ok' | 'missing' | 'type-mismatch' | 'inactive';

export interface NameCheck {
  list: NameCheckList;
  /** The name as wanted (our spelling). */
  name: string;
  role: string;
  status: NameCheckStatus;
  expectedType?: string;
  actualType?: string;
  /** Plain English for the user. */
  message: string;
}

/** INVITEMTYPE keywords in words, as QuickBooks' item list shows them. */
export const ITEM_TYPE_LABELS: Record<string, string> = {
  SERV: 'Service',
  PART: 'Non-inventory part',
  INVENTORY: 'Inventory part',
  OTHC: 'Other charge',
  SUBT: 'Subtotal',
  DISC: 'Discount',
  PMT: 'Payment',
  COMPTAX: 'Sales tax item',
  STAX: 'Sales tax group',
  GRP: 'Group',
};

function accountLabel(type: string): string {
  return (ACCOUNT_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

function itemLabel(type: string): string {
  return ITEM_TYPE_LABELS[type] ?? type;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function spelledAs(wanted: string, actual: string): string {
  return wanted.trim() === actual ? '' : ` (spelled "${actual}" there)`;
}

function index<T extends { name: string }>(entries: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  // First entry wins, as findNamed does.
  for (const e of entries) if (!map.has(nameKey(e.name))) map.set(nameKey(e.name), e);
  return map;
}

const NAME_LIST_LABELS = { customer: 'customer', vendor: 'vendor', otherName: 'other name' } as const;

/**
 * Compares the names our IIF will use with the QuickBooks lists: one check per distinct
 * (list, name, role). Empty names are skipped (they are a profile problem, not a lists one).
 */
export function checkNames(lists: QbLists, wanted: WantedNames): NameCheck[] {
  const checks: NameCheck[] = [];
  const seen = new Set<string>();
  const once = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  const accounts = index(lists.accounts);
  for (const w of wanted.accounts) {
    if (nameKey(w.name) === '' || !once(`account\u0000${nameKey(w.name)}\u0000${w.type}\u0000${w.role}`)) continue;
    const found = accounts.get(nameKey(w.name));
    const expected = accountLabel(w.type);
    const base = { list: 'account' as const, name: w.name, role: w.role, expectedType: w.type };
    if (!found) {
      checks.push({
        ...base,
        status: 'missing',
        message: `QuickBooks has no account "${w.name.trim()}"; the import will create it as a new ${expected} account.`,
      });
    } else if (found.type !== w.type) {
      const actual = accountLabel(found.type);
      checks.push({
        ...base,
        status: 'type-mismatch',
        actualType: found.type,
        message: `"${found.name}" is ${article(actual)} ${actual} account in QuickBooks, but the ${w.role} must be ${article(expected)} ${expected} (${w.type}) account.`,
      });
    } else if (found.hidden) {
      checks.push({
        ...base,
        status: 'inactive',
        actualType: found.type,
        message: `The ${expected} account "${found.name}" (the ${w.role}) is inactive in QuickBooks; make it active again before you import.`,
      });
    } else {
      checks.push({
        ...base,
        status: 'ok',
        actualType: found.type,
        message: `QuickBooks has the ${expected} account "${w.name.trim()}"${spelledAs(w.name, found.name)}.`,
      });
    }
  }

  const items = index(lists.items);
  for (const w of wanted.items) {
    const type = w.type.trim().toUpperCase();
    if (nameKey(w.name) === '' || !once(`item\u0000${nameKey(w.name)}\u0000${type}\u0000${w.role}`)) continue;
    const found = items.get(nameKey(w.name));
    const expected = itemLabel(type);
    const base = type === '' ? { list: 'item' as const, name: w.name, role: w.role } : { list: 'item' as const, name: w.name, role: w.role, expectedType: type };
    if (!found) {
      checks.push({
        ...base,
        status: 'missing',
        message:
          type === ''
            ? `QuickBooks has no item "${w.name.trim()}"; the import will create it as a new item.`
            : `QuickBooks has no item "${w.name.trim()}"; the import will create it as a new ${expected} item.`,
      });
    } else if (type !== '' && found.type !== type) {
      const actual = itemLabel(found.type);
      checks.push({
        ...base,
        status: 'type-mismatch',
        actualType: found.type,
        message: `"${found.name}" is ${article(actual)} ${actual} item in QuickBooks, but the ${w.role} must be ${article(expected)} ${expected} (${type}) item.`,
      });
    } else if (found.hidden) {
      checks.push({
        ...base,
        status: 'inactive',
        actualType: found.type,
        message: `The item "${found.name}" (the ${w.role}) is inactive in QuickBooks; make it active again before you import.`,
      });
    } else {
      checks.push({
        ...base,
        status: 'ok',
        actualType: found.type,
        message: `QuickBooks has the ${itemLabel(found.type)} item "${w.name.trim()}"${spelledAs(w.name, found.name)}.`,
      });
    }
  }

  // Customers, vendors, employees and other names share one name space in QuickBooks.
  const nameLists = {
    customer: index(lists.customers),
    vendor: index(lists.vendors),
    otherName: index(lists.otherNames),
  };
  const checkPerson = (list: 'customer' | 'vendor', names: readonly string[]): void => {
    const label = NAME_LIST_LABELS[list];
    const role = list === 'customer' ? 'Customer' : 'Vendor';
    for (const name of names) {
      const key = nameKey(name);
      if (key === '' || !once(`${list}\u0000${key}`)) continue;
      const found = nameLists[list].get(key);
      if (found) {
        checks.push(namedResult(list, name, role, found, label));
        continue;
      }
      const other = (['customer', 'vendor', 'otherName'] as const).find((l) => l !== list && nameLists[l].has(key));
      if (other) {
        const otherLabel = NAME_LIST_LABELS[other];
        const actualName = nameLists[other].get(key)?.name ?? name.trim();
        checks.push({
          list,
          name,
          role,
          status: 'type-mismatch',
          expectedType: list,
          actualType: other,
          message: `"${actualName}" is ${article(otherLabel)} ${otherLabel} in QuickBooks, but it is needed as ${article(label)} ${label}; QuickBooks does not allow the same name in two name lists. Rename one of them.`,
        });
        continue;
      }
      checks.push({
        list,
        name,
        role,
        status: 'missing',
        message: `QuickBooks has no ${label} "${name.trim()}"; it will be added as a new ${label} when the file is imported.`,
      });
    }
  };
  checkPerson('customer', wanted.customers);
  checkPerson('vendor', wanted.vendors);

  const simple = (list: 'paymentMethod' | 'class', entries: readonly QbNamed[], names: readonly string[], label: string, role: string): void => {
    const map = index(entries);
    for (const name of names) {
      const key = nameKey(name);
      if (key === '' || !once(`${list}\u0000${key}`)) continue;
      const found = map.get(key);
      if (found) checks.push(namedResult(list, name, role, found, label));
      else {
        checks.push({
          list,
          name,
          role,
          status: 'missing',
          message: `QuickBooks has no ${label} "${name.trim()}"; it will be added as a new ${label} when the file is imported.`,
        });
      }
    }
  };
  simple('paymentMethod', lists.paymentMethods, wanted.paymentMethods, 'payment method', 'Payment method');
  simple('class', lists.classes, wanted.classes, 'class', 'Class');
  return checks;
}

function namedResult(list: NameCheckList, name: string, role: string, found: QbNamed, label: string): NameCheck {
  if (found.hidden) {
    return {
      list,
      name,
      role,
      status: 'inactive',
      message: `The ${label} "${found.name}" is inactive in QuickBooks; make it active again before you import.`,
    };
  }
  return { list, name, role, status: 'ok', message: `QuickBooks has the ${label} "${name.trim()}"${spelledAs(name, found.name)}.` };
}
