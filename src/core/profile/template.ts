/**
 * Fills a profile with a mapping for every product and pay type found in the files that has
 * none yet, using names QuickBooks accepts as they are (item names fitted to 31 characters and
 * kept distinct), so that a template converts unedited. Existing mappings are never changed.
 */
import type { Catalog } from '../convert.ts';
import { fitName, NAME_LIMITS } from '../qb/names.ts';
import { defaultPayTypeMapping } from './defaults.ts';
import type { Profile } from './types.ts';

/** Returns a new profile with defaults for everything in the catalog that is not mapped. */
export function applyTemplate(profile: Profile, catalog: Catalog): Profile {
  const out: Profile = structuredClone(profile);
  const taken = new Set<string>([
    ...Object.values(out.products).map((m) => m.item.toLowerCase()),
    ...Object.values(out.items).map((i) => i.toLowerCase()),
  ]);
  for (const p of catalog.products) {
    if (out.products[p.name]) continue;
    const item = fitName(p.name, NAME_LIMITS.item, taken);
    taken.add(item.toLowerCase());
    const isService = p.itemTypes.every((t) => t === 3 || t === 8 || t === 9);
    out.products[p.name] = { item, itemType: isService ? 'SERV' : 'PART', account: out.accounts.defaultIncome };
  }
  for (const t of catalog.itemTypes ?? []) {
    if (out.itemTypes[String(t.code)]) continue;
    out.itemTypes[String(t.code)] = { label: t.label, role: t.role };
  }
  for (const t of catalog.payTypes) {
    if (out.payTypes[t.name]) continue;
    out.payTypes[t.name] = defaultPayTypeMapping(t.name, t.total);
  }
  return out;
}
