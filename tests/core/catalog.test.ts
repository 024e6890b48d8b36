// What the files hold, for the mapping screen and the template: read with readFiles, listed by
// catalogOf (products by their lines' role, item types with their default role, pay types).
import { describe, expect, it } from 'vitest';
import { catalogOf } from '../../src/core/keap/catalog.ts';
import { readAll } from '../support/read.ts';

const files = (...named: [string, string][]) => readAll(named.map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) })));

describe('catalogOf', () => {
  const stage = files(
    ['items.csv', 'OrderId,ItemName,ItemType,Qty,PricePerUnit\n1,Widget,4,2,10.00\n1,Ground,1,1,5.00\n1,Sales Tax,2,1,1.30\n2,Widget,5,1,10.00\n2,Goodwill,0,1,-3.00\n2,Setup,0,1,7.00\n'],
    ['orders.csv', 'Order Id,Order Date,Product Name,Order Total\n1,3/1/2024,Widget,$36.30\n3,3/2/2024,Gadget,$12.00\n4,3/3/2024,"Gadget; Widget",$20.00\n'],
    ['payments.csv', 'InvoiceId,PayDate,PayType,PayAmt\n1,3/1/2024,Credit Card,36.30\n2,3/2/2024,Credit Card,14.00\n2,3/3/2024,Refund,-4.00\n'],
  );

  it('lists products from product lines, and from orders without line detail that name one product', () => {
    expect(catalogOf(stage.tables).products).toEqual([
      { name: 'Gadget', lines: 1, total: 1200, itemTypes: [4] },
      { name: 'Setup', lines: 1, total: 700, itemTypes: [0] },
      { name: 'Widget', lines: 2, total: 3000, itemTypes: [4, 5] },
    ]);
  });

  it('lists every item type found with the role its lines get by default', () => {
    expect(catalogOf(stage.tables).itemTypes).toEqual([
      { code: 0, label: 'Unknown / manual line', lines: 2, total: 400, role: 'auto' },
      { code: 1, label: 'Shipping', lines: 1, total: 500, role: 'shipping' },
      { code: 2, label: 'Tax', lines: 1, total: 130, role: 'tax' },
      { code: 4, label: 'Product', lines: 1, total: 2000, role: 'product' },
      { code: 5, label: 'Upsell product', lines: 1, total: 1000, role: 'product' },
    ]);
  });

  it("follows the profile's role for an item type", () => {
    const products = catalogOf(stage.tables, { '1': { role: 'product' } }).products.map((p) => p.name);
    expect(products).toContain('Ground');
  });

  it('lists pay types with their rows and totals', () => {
    expect(catalogOf(stage.tables).payTypes).toEqual([
      { name: 'Credit Card', rows: 2, total: 5030 },
      { name: 'Refund', rows: 1, total: -400 },
    ]);
  });
});
