/**
 * What each Keap order-item type becomes in QuickBooks. Keap types lines (1 shipping, 2 tax,
 * 4 product, 7 special…); the profile may say otherwise per type (an account that records
 * handling fees as "service & misc" lines, say), so every type found is named in the profile.
 */
import { ITEM_TYPES } from './model.ts';

export const ITEM_ROLES = ['auto', 'product', 'shipping', 'tax', 'financeCharge', 'discount'] as const;
export type ItemRole = (typeof ITEM_ROLES)[number];

export const ITEM_ROLE_LABELS: Record<ItemRole, string> = {
  auto: 'As Keap means it (manual lines: product, or discount when negative)',
  product: 'Product (its own mapped item)',
  shipping: 'Shipping item',
  tax: 'Sales tax line',
  financeCharge: 'Finance charge item',
  discount: 'Discount item',
};

/** The role a template writes for a type: Keap's meaning; manual lines (0) stay 'auto'. */
export function defaultItemRole(itemType: number): ItemRole {
  if (itemType === 0) return 'auto';
  return keapItemRole(itemType);
}

/** Keap's own meaning of each type. */
function keapItemRole(itemType: number): Exclude<ItemRole, 'auto'> {
  switch (itemType) {
    case 1:
      return 'shipping';
    case 2:
      return 'tax';
    case 6:
      return 'financeCharge';
    case 7: case 10: case 11: case 12: case 13: case 14:
      return 'discount';
    default:
      return 'product';
  }
}

/** The role of one line: the profile's choice for its type, else Keap's meaning. */
export function itemRoleOf(itemType: number, amount: number, overrides: Readonly<Record<string, { role: ItemRole }>>): Exclude<ItemRole, 'auto'> {
  const chosen = overrides[String(itemType)]?.role;
  if (chosen && chosen !== 'auto') return chosen;
  // A negative manual line is a discount Keap staff typed in by hand.
  if (itemType === 0 && amount < 0) return 'discount';
  return keapItemRole(itemType);
}

export function itemTypeLabel(itemType: number): string {
  return ITEM_TYPES[itemType] ?? `Type ${itemType}`;
}
