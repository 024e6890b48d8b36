/**
 * Mapping screen helpers: the rows of the product and pay-type tables (what the files hold, then
 * what the profile maps besides), filtered and sorted (by name, line count or total). Pure so
 * the order is tested and the components hold no logic.
 */
import type { Cents } from '../money.ts';

export type SortKey = 'name' | 'lines' | 'total';
export type SortDir = 'asc' | 'desc';

export interface CatalogRow {
  name: string;
  count: number;
  total: Cents;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Rows whose name contains the filter text (case-insensitive), sorted by the chosen key. */
export function filterAndSort<T extends CatalogRow>(rows: readonly T[], filter: string, key: SortKey, dir: SortDir): T[] {
  const f = filter.trim().toLowerCase();
  const kept = f ? rows.filter((r) => r.name.toLowerCase().includes(f)) : [...rows];
  const sign = dir === 'asc' ? 1 : -1;
  kept.sort((a, b) => {
    let c = 0;
    if (key === 'lines') c = a.count - b.count;
    else if (key === 'total') c = a.total - b.total;
    else return collator.compare(a.name, b.name) * sign;
    // Ties on a number keep names in reading order whatever the direction.
    return c === 0 ? collator.compare(a.name, b.name) : c * sign;
  });
  return kept;
}

/** A row of a mapping table: a name from the files, or one only the profile maps. */
export interface MappingRow extends CatalogRow {
  /** False for a name the profile maps that these files do not hold (kept for later exports). */
  inFiles: boolean;
}

/**
 * The rows of a mapping table: each name of the files once (first occurrence), then the names
 * the profile maps that the files do not hold, with no count or total.
 */
export function mappingRows(fromFiles: readonly CatalogRow[], mapped: Iterable<string>): MappingRow[] {
  const seen = new Set<string>();
  const out: MappingRow[] = [];
  for (const r of fromFiles) {
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    out.push({ name: r.name, count: r.count, total: r.total, inFiles: true });
  }
  for (const name of mapped) {
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, count: 0, total: 0, inFiles: false });
  }
  return out;
}
