/**
 * Checks a profile read from JSON (an imported file, IndexedDB, or --profile) before it is
 * used. A profile of a newer or unknown version, or of the wrong shape, is refused as a whole
 * with messages; a profile missing optional settings gets the defaults, with a warning.
 */
import { FILE_KINDS } from '../keap/schemas.ts';
import { ITEM_ROLES } from '../keap/item-roles.ts';
import { defaultProfile } from './defaults.ts';
import { isTaxRate } from './tax-rate.ts';
import {
  ACCOUNT_TYPES,
  PAY_TYPE_ACTIONS,
  PRODUCT_ITEM_TYPES,
  PROFILE_FORMAT,
  PROFILE_VERSION,
  type CustomerMatchChoice,
  type CustomerMatchDecision,
  type Profile,
} from './types.ts';

export type ProfileValidation = { ok: true; profile: Profile; warnings: string[] } | { ok: false; errors: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates (and, where safe, completes) a profile; never half-loads one. */
export function validateProfile(json: unknown): ProfileValidation {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isObject(json)) return { ok: false, errors: ['The file is not a keap2iif profile (expected a JSON object).'] };
  if (json.format !== PROFILE_FORMAT) {
    return { ok: false, errors: [`The file is not a keap2iif profile: its "format" is ${JSON.stringify(json.format ?? null)}, expected "${PROFILE_FORMAT}".`] };
  }
  if (typeof json.version !== 'number' || !Number.isInteger(json.version)) {
    return { ok: false, errors: ['The profile has no valid "version" number.'] };
  }
  if (json.version > PROFILE_VERSION) {
    return { ok: false, errors: [`The profile was written by a newer version of keap2iif (profile version ${json.version}; this app reads up to ${PROFILE_VERSION}). Update the app, or export the profile again from the newer one.`] };
  }
  if (json.version < 1) return { ok: false, errors: [`Profile version ${json.version} is not supported.`] };

  const base = defaultProfile(typeof json.name === 'string' && json.name.trim() ? json.name : 'Imported profile');
  const out: Profile = structuredClone(base);

  const strings = <T extends object>(section: string, target: T, source: unknown) => {
    if (source === undefined) {
      warnings.push(`The profile had no "${section}" settings; the defaults were used.`);
      return;
    }
    if (!isObject(source)) {
      errors.push(`"${section}" must be an object.`);
      return;
    }
    for (const key of Object.keys(target)) {
      const v = source[key];
      if (v === undefined) continue;
      if (typeof v !== 'string') errors.push(`"${section}.${key}" must be text.`);
      else (target as Record<string, unknown>)[key] = v.trim();
    }
  };
  strings('accounts', out.accounts, json.accounts);
  strings('items', out.items, json.items);
  strings('tax', out.tax, json.tax);
  if (!isTaxRate(out.tax.rate)) {
    errors.push(`"tax.rate" must be a percentage like 6.5 (got "${out.tax.rate}").`);
  }
  out.tax.rate = out.tax.rate.replace(/%$/, '');

  if (json.accountTypes !== undefined) {
    if (!isObject(json.accountTypes)) errors.push('"accountTypes" must be an object.');
    else
      for (const [name, t] of Object.entries(json.accountTypes)) {
        if (typeof t !== 'string' || !(ACCOUNT_TYPES as readonly string[]).includes(t)) {
          errors.push(`Account "${name}" has type ${JSON.stringify(t)}; expected one of ${ACCOUNT_TYPES.join(', ')}.`);
        } else out.accountTypes[name] = t as Profile['accountTypes'][string];
      }
  }

  if (json.products !== undefined) {
    if (!isObject(json.products)) errors.push('"products" must be an object keyed by Keap product name.');
    else
      for (const [name, m] of Object.entries(json.products)) {
        if (!isObject(m) || typeof m.item !== 'string' || typeof m.account !== 'string') {
          errors.push(`Product "${name}" needs an "item" and an "account" (text).`);
          continue;
        }
        const itemType = m.itemType ?? 'SERV';
        if (typeof itemType !== 'string' || !(PRODUCT_ITEM_TYPES as readonly string[]).includes(itemType)) {
          errors.push(`Product "${name}" has item type ${JSON.stringify(itemType)}; expected one of ${PRODUCT_ITEM_TYPES.join(', ')}.`);
          continue;
        }
        out.products[name] = {
          item: m.item.trim(),
          itemType: itemType as (typeof PRODUCT_ITEM_TYPES)[number],
          account: m.account.trim(),
          ...(typeof m.class === 'string' && m.class.trim() !== '' ? { class: m.class.trim() } : {}),
        };
      }
  }

  if (json.payTypes !== undefined) {
    if (!isObject(json.payTypes)) errors.push('"payTypes" must be an object keyed by Keap pay type.');
    else
      for (const [name, m] of Object.entries(json.payTypes)) {
        if (!isObject(m) || typeof m.action !== 'string' || !(PAY_TYPE_ACTIONS as readonly string[]).includes(m.action)) {
          errors.push(`Pay type "${name}" needs an "action": one of ${PAY_TYPE_ACTIONS.join(', ')}.`);
          continue;
        }
        out.payTypes[name] = {
          action: m.action as (typeof PAY_TYPE_ACTIONS)[number],
          account: typeof m.account === 'string' ? m.account.trim() : '',
          paymentMethod: typeof m.paymentMethod === 'string' ? m.paymentMethod.trim() : '',
        };
      }
  }

  if (json.itemTypes !== undefined) {
    if (!isObject(json.itemTypes)) errors.push('"itemTypes" must be an object keyed by Keap item type code.');
    else
      for (const [code, m] of Object.entries(json.itemTypes)) {
        if (!/^\d{1,3}$/.test(code) || !isObject(m) || typeof m.role !== 'string' || !(ITEM_ROLES as readonly string[]).includes(m.role)) {
          errors.push(`Item type "${code}" needs a "role": one of ${ITEM_ROLES.join(', ')}.`);
          continue;
        }
        out.itemTypes[code] = { ...(typeof m.label === 'string' ? { label: m.label } : {}), role: m.role as (typeof ITEM_ROLES)[number] };
      }
  }

  if (json.options !== undefined) {
    if (!isObject(json.options)) errors.push('"options" must be an object.');
    else {
      const o = json.options;
      const opt = out.options;
      if (o.invoiceNumberSource !== undefined) {
        if (o.invoiceNumberSource === 'invoiceId' || o.invoiceNumberSource === 'orderId') opt.invoiceNumberSource = o.invoiceNumberSource;
        else errors.push('"options.invoiceNumberSource" must be "invoiceId" or "orderId".');
      }
      if (o.paymentRefersTo !== undefined) {
        if (o.paymentRefersTo === 'invoiceId' || o.paymentRefersTo === 'orderId') opt.paymentRefersTo = o.paymentRefersTo;
        else errors.push('"options.paymentRefersTo" must be "invoiceId" or "orderId".');
      }
      if (o.customerName !== undefined) {
        if (o.customerName === 'company-or-person' || o.customerName === 'person' || o.customerName === 'last-first') opt.customerName = o.customerName;
        else errors.push('"options.customerName" must be "company-or-person", "person" or "last-first".');
      }
      for (const key of ['dateFrom', 'dateTo'] as const) {
        const v = o[key];
        if (v === undefined || v === '') continue;
        if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) opt[key] = v;
        else errors.push(`"options.${key}" must be a date written YYYY-MM-DD, or empty.`);
      }
      for (const key of ['cashSaleWhenPaidOnOrderDate', 'skipUnpaidOrders', 'writeCustomers', 'writeAccounts', 'writeItems'] as const) {
        const v = o[key];
        if (v === undefined) continue;
        if (typeof v === 'boolean') opt[key] = v;
        else errors.push(`"options.${key}" must be true or false.`);
      }
      for (const key of ['fileClass', 'terms'] as const) {
        const v = o[key];
        if (v === undefined) continue;
        if (typeof v === 'string') opt[key] = v.trim();
        else errors.push(`"options.${key}" must be text.`);
      }
    }
  }

  if (json.deposits !== undefined) depositsFrom(json.deposits, out, errors);

  if (json.columnMaps !== undefined) {
    if (!Array.isArray(json.columnMaps)) errors.push('"columnMaps" must be a list.');
    else
      json.columnMaps.forEach((m: unknown, i: number) => {
        if (!isObject(m) || typeof m.headerKey !== 'string' || typeof m.kind !== 'string' || !(FILE_KINDS as string[]).includes(m.kind) || !isObject(m.columns)) {
          errors.push(`Column map ${i + 1} is not valid (needs headerKey, a known kind and columns).`);
          return;
        }
        const columns: Record<string, string> = {};
        for (const [field, header] of Object.entries(m.columns)) if (typeof header === 'string') columns[field] = header;
        out.columnMaps.push({ headerKey: m.headerKey, kind: m.kind as Profile['columnMaps'][number]['kind'], columns });
      });
  }

  if (json.customerMatches !== undefined) {
    const matches = customerMatchesFrom(json.customerMatches, errors);
    if (matches) out.customerMatches = matches;
  }

  if (json.qbLists !== undefined && json.qbLists !== null) {
    const l = json.qbLists;
    const listKeys = ['accounts', 'items', 'customers', 'vendors', 'otherNames', 'paymentMethods', 'classes'] as const;
    if (!isObject(l) || !listKeys.every((k) => Array.isArray(l[k]))) {
      errors.push('"qbLists" is not a valid QuickBooks list snapshot; load the QuickBooks list export again.');
    } else {
      out.qbLists = l as unknown as Profile['qbLists'];
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, profile: out, warnings };
}

/** The deposits section: optional (older profiles have none and get the defaults, silently). */
function depositsFrom(source: unknown, out: Profile, errors: string[]): void {
  if (!isObject(source)) {
    errors.push('"deposits" must be an object.');
    return;
  }
  for (const key of ['clearingAccount', 'bankAccount', 'feeAccount'] as const) {
    const v = source[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.trim() === '') errors.push(`"deposits.${key}" must be an account name.`);
    else out.deposits[key] = v.trim();
  }
  const payTypes = source.payTypes;
  if (payTypes === undefined) return;
  if (!Array.isArray(payTypes) || !payTypes.every((t) => typeof t === 'string')) errors.push('"deposits.payTypes" must be a list of Keap pay types.');
  else out.deposits.payTypes = payTypes.map((t: string) => t.trim());
}

const MATCH_DECISIONS: readonly string[] = ['accepted', 'rejected'] satisfies CustomerMatchDecision[];

/**
 * The saved customer-match choices, keyed by Keap contact id. A broken entry refuses the profile,
 * as a broken product mapping does: a choice silently dropped would quietly create a duplicate customer.
 */
function customerMatchesFrom(source: unknown, errors: string[]): Record<string, CustomerMatchChoice> | null {
  if (!isObject(source)) {
    errors.push('"customerMatches" must be an object keyed by Keap contact id.');
    return null;
  }
  const entries: [string, CustomerMatchChoice][] = [];
  for (const [contactKey, m] of Object.entries(source)) {
    if (contactKey.trim() === '' || !isObject(m) || typeof m.qbName !== 'string' || m.qbName.trim() === '' || typeof m.decision !== 'string' || !MATCH_DECISIONS.includes(m.decision)) {
      errors.push(`The customer match of Keap contact "${contactKey}" needs a "qbName" (the QuickBooks customer) and a "decision": accepted or rejected.`);
      continue;
    }
    entries.push([contactKey, { qbName: m.qbName.trim(), decision: m.decision as CustomerMatchDecision }]);
  }
  // fromEntries defines own properties: a "__proto__" key stays a key and cannot reach the prototype.
  return Object.fromEntries(entries);
}
