/**
 * What the files hold, for the mapping screen and the template: every product, Keap item type
 * and pay type, with how many rows and how much money each carries.
 */
import type { Cents } from '../money.ts';
import type { Profile } from '../profile/types.ts';
import { defaultItemRole, itemRoleOf, itemTypeLabel, type ItemRole } from './item-roles.ts';
import type { KeapTables } from './tables.ts';

export interface Catalog {
  products: { name: string; lines: number; total: Cents; itemTypes: number[] }[];
  /** Every Keap order-item type found, with the role its lines get by default. */
  itemTypes: { code: number; label: string; lines: number; total: Cents; role: ItemRole }[];
  payTypes: { name: string; rows: number; total: Cents }[];
}

/** Everything found in the tables, for the mapping screen. */
export function catalogOf(tables: KeapTables, roles: Profile['itemTypes'] = {}): Catalog {
  const { orderItems: items, orders, payments } = tables;
  const products = new Map<string, { name: string; lines: number; total: Cents; itemTypes: Set<number> }>();
  const addProduct = (name: string, amount: Cents, itemType: number) => {
    const p = products.get(name) ?? { name, lines: 0, total: 0, itemTypes: new Set<number>() };
    p.lines++;
    p.total += amount;
    p.itemTypes.add(itemType);
    products.set(name, p);
  };
  const itemTypes = new Map<number, { code: number; label: string; lines: number; total: Cents; role: ItemRole }>();
  const ordersWithItems = new Set<string>();
  for (let r = 0; r < items.count; r++) {
    const type = items.itemType(r);
    const amount = items.amount(r);
    ordersWithItems.add(items.orderId(r));
    if (itemRoleOf(type, amount, roles) === 'product') addProduct(items.name(r), amount, type);
    const t = itemTypes.get(type) ?? { code: type, label: itemTypeLabel(type), lines: 0, total: 0, role: defaultItemRole(type) };
    t.lines++;
    t.total += amount;
    itemTypes.set(type, t);
  }
  for (let r = 0; r < orders.count; r++) {
    const orderId = orders.orderId(r);
    if (orderId && ordersWithItems.has(orderId)) continue;
    const names = orders.productNames(r);
    const total = orders.total(r);
    if (names.length === 1) addProduct(names[0] as string, Number.isNaN(total) ? 0 : total, 4);
  }
  const payTypes = new Map<string, { name: string; rows: number; total: Cents }>();
  for (let r = 0; r < payments.count; r++) {
    const name = payments.payType(r);
    const t = payTypes.get(name) ?? { name, rows: 0, total: 0 };
    t.rows++;
    t.total += payments.amount(r);
    payTypes.set(name, t);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    products: [...products.values()].map((p) => ({ ...p, itemTypes: [...p.itemTypes].sort((a, b) => a - b) })).sort(byName),
    payTypes: [...payTypes.values()].sort(byName),
    itemTypes: [...itemTypes.values()].sort((a, b) => a.code - b.code),
  };
}
