/**
 * Keap's item type of an order line from its cell: the code (`4`, `4.0`) or the label a report
 * shows ("Product", "Special: Free Trial Days"). See ITEM_TYPES in model.ts for the codes.
 */
import { isDigits } from '../plain-values.ts';

// A Map, not an object: a cell reading "constructor" must not find Object's own properties.
const ITEM_TYPE_LABELS = new Map<string, number>(Object.entries({
  unknown: 0, shipping: 1, tax: 2, salestax: 2, service: 3, servicemisc: 3, product: 4, upsell: 5,
  upsellproduct: 5, financecharge: 6, special: 7, discount: 7, program: 8, subscription: 9, subscriptionplan: 9,
  // Keap's labels for the special sub-kinds ("Special: Free Trial Days" ...).
  specialfreetrialdays: 10, freetrialdays: 10, freetrial: 10, specialordertotal: 11, specialproduct: 12,
  specialcategory: 13, specialshipping: 14, freeshipping: 14, manual: 0, manualline: 0,
}));

/** The item type code of a non-empty cell; null when it is neither a code nor a known label. */
export function itemTypeOf(cell: string): number | null {
  if (cell.length <= 2 && isDigits(cell)) return Number(cell);
  if (/^\d+(\.0+)?$/.test(cell)) return Number.parseInt(cell, 10);
  return ITEM_TYPE_LABELS.get(cell.toLowerCase().replace(/[^a-z]/g, '')) ?? null;
}
