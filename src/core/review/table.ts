/**
 * Mapping screen helpers: filter and sort the product and pay-type tables (by name, line count
 * or total). Pure so the sort order is tested and the components hold no logic.
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
