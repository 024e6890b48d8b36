/**
 * Deterministic synthetic Keap exports for the benchmark: order items, invoices, payments
 * (single payments, payment-plan instalments, refund + credit pairs, unpaid orders), contacts,
 * and optionally the payment-plan exports. Same seed and size -> byte-identical files.
 * Never real customer data. Written with a buffered stream so 1M orders need little memory.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { applyTemplate } from '../../src/core/profile/template.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import type { Profile } from '../../src/core/profile/types.ts';
import type { Catalog } from '../../src/core/convert.ts';

/** mulberry32: tiny, fast, good enough for synthetic data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Jane', 'John', 'Maria', 'José', 'Li', 'Amélie', 'Omar', 'Priya', 'Søren', 'Kate', 'Ahmed', 'Zoë', 'Carlos', 'Mei', 'Olga', 'Sam'];
const LAST = ['Doe', 'Smith', "O'Brien", 'García', 'Nguyen', 'Müller', 'Kowalski', 'Brown', 'Lee', 'Martin', 'Rossi', 'Dubois', 'Khan', 'Silva'];
const COMPANIES = ['Smith & Co, LLC', 'Acme Widgets', 'Blue "Sky" Studio', 'North Coast Yoga', 'Café Rouge'];
const CITIES = [['Springfield', 'IL', '62701'], ['Portland', 'OR', '97201'], ['Austin', 'TX', '73301'], ['Boston', 'MA', '02108'], ['Denver', 'CO', '80202']] as const;
const CARD_TYPES = ['Credit Card', 'Credit Card (Manual)', 'PayPal', 'Check', 'Cash'];

const SYLLABLES = ['ka', 'lo', 'mer', 'vin', 'do', 'sa', 'ber', 'ton', 'ri', 'gan', 'ley', 'mor', 'ash', 'wel', 'by', 'den'];
function surname(rnd: () => number): string {
  let s = '';
  for (let k = 0; k < 4; k++) s += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return s[0]!.toUpperCase() + s.slice(1);
}

/** Product names: plain ones, some with commas and quotes (quoted CSV cells). */
const PRODUCTS: string[] = Array.from({ length: 200 }, (_, i) => {
  if (i % 25 === 3) return `Deluxe Kit, size ${i}`;
  if (i % 31 === 5) return `The "Pro" Course ${i}`;
  return `Product ${String(i).padStart(3, '0')}`;
});

export interface GenOptions {
  orders: number;
  seed?: number;
  /** Also write the payment-plan exports (pay-plans.csv, pay-plan-items.csv). */
  planFiles?: boolean;
}

export interface GeneratedSet {
  dir: string;
  files: string[];
  bytes: number;
  orders: number;
  rows: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const money = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${pad2(Math.abs(c) % 100)}`;
function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Day number -> 'YYYY-MM-DD hh:mm:ss' (Keap's export format), from 2023-01-01. */
const BASE = Date.UTC(2023, 0, 1);
function stamp(day: number, secs: number): string {
  const d = new Date(BASE + day * 86_400_000 + secs * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

class Out {
  #parts: string[] = [];
  #size = 0;
  rows = 0;
  readonly stream;
  constructor(path: string, header: string) {
    this.stream = createWriteStream(path);
    this.line(header);
    this.rows = 0;
  }
  line(s: string): void {
    this.#parts.push(s, '\r\n');
    this.#size += s.length;
    this.rows++;
    if (this.#size > 1 << 20) this.flushSync();
  }
  flushSync(): void {
    if (this.#parts.length === 0) return;
    this.stream.write(this.#parts.join(''));
    this.#parts = [];
    this.#size = 0;
  }
  close(): Promise<void> {
    this.flushSync();
    return new Promise((resolve, reject) => this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

/** Writes the set into `root/<orders>[-plans]` unless it is there already; returns its files. */
export async function generate(root: string, opts: GenOptions): Promise<GeneratedSet> {
  const seed = opts.seed ?? 42;
  const dir = join(root, `${opts.orders}${opts.planFiles ? '-plans' : ''}-s${seed}`);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) {
    const cached = JSON.parse(readFileSync(manifest, 'utf8')) as GeneratedSet;
    // A set generated elsewhere (the repo moved) names its files by old paths: point them here.
    const files = cached.files.map((f) => join(dir, basename(f)));
    if (files.every((f) => existsSync(f))) {
      const set = { ...cached, dir, files };
      writeFileSync(manifest, JSON.stringify(set, null, 2)); // node-run.ts reads the manifest itself
      return set;
    }
  }
  mkdirSync(dir, { recursive: true });
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const n = opts.orders;
  const nContacts = Math.max(50, Math.floor(n / 3));

  const contacts = new Out(join(dir, 'contacts.csv'), 'Id,First Name,Last Name,Company Name,Email,Phone 1,Street Address 1,Street Address 2,City,State,Postal Code,Country');
  for (let c = 1; c <= nContacts; c++) {
    const first = pick(FIRST);
    const last = rnd() < 0.03 ? pick(LAST) : surname(rnd);
    const [city, state, zip] = pick(CITIES);
    const country = rnd() < 0.9 ? 'United States' : 'Canada';
    contacts.line([String(c), first, last, rnd() < 0.08 ? `${pick(COMPANIES)} ${c}` : '', `${first.toLowerCase()}.${c}@example.com`, `555-01${pad2(c % 100)}`, `${1 + (c % 900)} Main St`, rnd() < 0.2 ? `Suite ${c % 50}` : '', city, state, zip, country].map(csvCell).join(','));
  }

  const items = new Out(join(dir, 'order-items.csv'), 'OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes');
  const invoices = new Out(join(dir, 'invoices.csv'), 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus');
  const payments = new Out(join(dir, 'payments.csv'), 'PaymentId,InvoiceId,ContactId,PayDate,PayType,PayAmt,PayNote');
  const plans = opts.planFiles ? new Out(join(dir, 'pay-plans.csv'), 'Id,InvoiceId,StartDate,FirstPayAmt') : null;
  const planItems = opts.planFiles ? new Out(join(dir, 'pay-plan-items.csv'), 'PayPlanId,DateDue,AmtDue') : null;

  let paymentId = 500_000;
  let planId = 9_000;
  const span = 730;
  for (let i = 0; i < n; i++) {
    const orderId = String(100_000 + i);
    const contactId = String(1 + Math.floor(rnd() * nContacts));
    const day = Math.floor((i * span) / n);
    const secs = Math.floor(rnd() * 86_000);
    const date = stamp(day, secs);
    let total = 0;
    const lines = 1 + Math.floor(rnd() * 3);
    for (let l = 0; l < lines; l++) {
      const p = Math.floor(rnd() * PRODUCTS.length);
      const qty = rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 3);
      const price = 500 + Math.floor(rnd() * 20_000);
      total += qty * price;
      items.line([orderId, String(1000 + p), '4', csvCell(PRODUCTS[p]!), csvCell(rnd() < 0.3 ? `${PRODUCTS[p]}, digital; lifetime access` : ''), String(qty), money(price), ''].join(','));
    }
    if (rnd() < 0.3) {
      const ship = 500 + Math.floor(rnd() * 1500);
      total += ship;
      items.line([orderId, '0', '1', 'Standard Shipping', '', '1', money(ship), ''].join(','));
    }
    if (rnd() < 0.1) {
      const disc = 100 + Math.floor(rnd() * 400);
      total -= disc;
      items.line([orderId, '0', '7', 'Spring discount', '', '1', money(-disc), ''].join(','));
    }
    if (rnd() < 0.2) {
      const tax = Math.round(total * 0.065);
      total += tax;
      items.line([orderId, '0', '2', 'Sales Tax', 'IL 6.5%', '1', money(tax), ''].join(','));
    }

    const r = rnd();
    let paid = 0;
    let planStatus = '0';
    const pay = (dDay: number, type: string, amount: number, note: string) => {
      payments.line([String(paymentId++), orderId, contactId, stamp(dDay, secs + 60), csvCell(type), money(amount), csvCell(note)].join(','));
    };
    if (r < 0.7) {
      // One payment, on the order day or a few days later.
      pay(day + (rnd() < 0.5 ? 0 : 1 + Math.floor(rnd() * 5)), pick(CARD_TYPES), total, `Auto Charge For Invoice Ids:${orderId}`);
      paid = total;
    } else if (r < 0.82) {
      // Payment plan: three monthly instalments, the remainder on the first.
      planStatus = '1';
      const each = Math.floor(total / 3);
      const first = total - 2 * each;
      const pid = String(planId++);
      plans?.line([pid, orderId, stamp(day, 0), money(first)].join(','));
      for (let k = 0; k < 3; k++) {
        const amt = k === 0 ? first : each;
        planItems?.line([pid, stamp(day + 30 * k, 0), money(amt)].join(','));
        if (day + 30 * k <= span) {
          pay(day + 30 * k, 'Credit Card', amt, `Payment plan ${k + 1} of 3`);
          paid += amt;
        }
      }
    } else if (r < 0.9) {
      // Paid, then refunded: Keap writes a Refund (-x) and a Credit (+x) pair.
      pay(day, pick(CARD_TYPES), total, '');
      const back = rnd() < 0.5 ? total : Math.floor(total / 2);
      pay(day + 3, 'Refund', -back, 'Customer changed mind');
      pay(day + 3, 'Credit', back, 'Refund balance');
      paid = total;
    }
    // else: unpaid (a failed charge)
    invoices.line([orderId, contactId, orderId, date, money(total), money(paid), money(total - paid), planStatus].join(','));
  }
  const outs = [contacts, items, invoices, payments, ...(plans ? [plans] : []), ...(planItems ? [planItems] : [])];
  await Promise.all(outs.map((o) => o.close()));
  const files = ['contacts.csv', 'order-items.csv', 'invoices.csv', 'payments.csv', ...(plans ? ['pay-plans.csv', 'pay-plan-items.csv'] : [])].map((f) => join(dir, f));
  const set: GeneratedSet = {
    dir,
    files,
    bytes: files.reduce((s, f) => s + statSync(f).size, 0),
    orders: n,
    rows: outs.reduce((s, o) => s + o.rows, 0),
  };
  writeFileSync(manifest, JSON.stringify(set, null, 2));
  return set;
}

/** The mapping profile for the generated data: every product and pay type mapped, as a template would. */
export function benchProfile(): Profile {
  const catalog: Catalog = {
    products: PRODUCTS.map((name) => ({ name, lines: 1, total: 100, itemTypes: [4] })),
    payTypes: [...CARD_TYPES, 'Refund', 'Credit'].map((name) => ({ name, rows: 1, total: 100 })),
    itemTypes: [],
  };
  return applyTemplate(defaultProfile('Bench'), catalog);
}
