/**
 * Fills a profile with a mapping for every product and pay type found in the files that has
 * none yet, using names QuickBooks accepts as they are (item names fitted to 31 characters and
 * kept distinct), so that a template converts unedited. Existing mappings are never changed.
 */
import type { Catalog } from '../convert.ts';
import { fitName, NAME_LIMITS } from '../qb/names.ts';
import { defaultPayTypeMapping, isCardPayType } from './defaults.ts';
import type { Profile, ProductMapping } from './types.ts';

/** Returns a new profile with defaults for everything in the catalog that is not mapped. */
export function applyTemplate(profile: Profile, catalog: Catalog): Profile {
  const out: Profile = structuredClone(profile);
  const taken = takenItemNames(out);
  for (const p of catalog.products) {
    if (out.products[p.name]) continue;
    out.products[p.name] = defaultProductMapping(out, p.name, p.itemTypes, taken);
  }
  for (const t of catalog.itemTypes ?? []) {
    if (out.itemTypes[String(t.code)]) continue;
    out.itemTypes[String(t.code)] = { label: t.label, role: t.role };
  }
  for (const t of catalog.payTypes) {
    if (out.payTypes[t.name]) continue;
    out.payTypes[t.name] = defaultPayTypeMapping(t.name, t.total);
    // A card pay type met for the first time goes through Keap Payments, as it would by default.
    if (out.deposits.payTypes && isCardPayType(t.name) && !out.deposits.payTypes.includes(t.name)) out.deposits.payTypes.push(t.name);
  }
  // Written out so that the profile shows (and the user can change) which pay types they are.
  out.deposits.payTypes ??= Object.keys(out.payTypes).filter(isCardPayType).sort();
  return out;
}

/** Item names (lower case) the profile already uses, which a new default must not repeat. */
function takenItemNames(profile: Profile): Set<string> {
  return new Set<string>([...Object.values(profile.products).map((m) => m.item.toLowerCase()), ...Object.values(profile.items).map((i) => i.toLowerCase())]);
}

/**
 * The mapping a product gets by default: its name fitted to an item name QuickBooks takes and
 * distinct from the names `taken` (which it joins), a Service item when every line of it is a
 * service type (or none is known), and the default income account.
 */
export function defaultProductMapping(profile: Profile, name: string, itemTypes: readonly number[] = [], taken: Set<string> = takenItemNames(profile)): ProductMapping {
  const item = fitName(name, NAME_LIMITS.item, taken);
  taken.add(item.toLowerCase());
  const isService = itemTypes.every((t) => t === 3 || t === 8 || t === 9);
  return { item, itemType: isService ? 'SERV' : 'PART', account: profile.accounts.defaultIncome };
}
