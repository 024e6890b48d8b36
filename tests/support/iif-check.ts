// Shared assertions on written IIF: parses it back with the core reader and checks the
// invariants every file must hold (balance, dates, declared names, no injected cells).
import { readIif, parseIifAmount } from '../../src/core/iif/read.ts';
import type { InputFile } from '../../src/core/convert-types.ts';

export function textFile(name: string, text: string): InputFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

export interface IifFacts {
  transactions: { type: string; date: string; account: string; name: string; amount: number; docNum: string; memo: string; splits: Record<string, string>[] }[];
  accounts: Map<string, string>;
  items: Map<string, string>;
  customers: Set<string>;
}

/** Parses written IIF and asserts the invariants; throws with a clear message when one fails. */
export function checkIif(text: string): IifFacts {
  if (!text.endsWith('\r\n') && text !== '') throw new Error('IIF does not end with CRLF');
  if (/[^\r]\n/.test(text) || /\r(?!\n)/.test(text)) throw new Error('IIF has a line ending that is not CRLF');
  if (text === '') return { transactions: [], accounts: new Map(), items: new Map(), customers: new Set() };
  const doc = readIif(text);
  const hard = doc.issues.filter((i) => i.severity === 'error');
  if (hard.length > 0) throw new Error(`IIF reader found problems: ${hard.map((i) => i.message).join('; ')}`);
  // Every data row has exactly as many cells as its header (no injected columns).
  const widths = new Map<string, number>();
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    const cells = line.split('\t');
    if (line.startsWith('!')) widths.set(cells[0]!.slice(1), cells.length);
    else if (cells[0] !== 'ENDTRNS') {
      const w = widths.get(cells[0]!);
      if (w === undefined) throw new Error(`row without header: ${line.slice(0, 80)}`);
      if (cells.length !== w) throw new Error(`row has ${cells.length} cells, header ${w}: ${line.slice(0, 80)}`);
    }
  }
  const accounts = new Map<string, string>();
  const items = new Map<string, string>();
  const customers = new Set<string>();
  for (const r of doc.rows) {
    if (r.keyword === 'ACCNT') accounts.set(r.values.NAME!, r.values.ACCNTTYPE!);
    if (r.keyword === 'INVITEM') items.set(r.values.NAME!, r.values.INVITEMTYPE!);
    if (r.keyword === 'CUST') customers.add(r.values.NAME!);
  }
  const transactions = doc.transactions.map((t) => {
    const amount = parseIifAmount(t.trns.values.AMOUNT ?? '');
    if (amount === null) throw new Error(`TRNS amount unreadable at line ${t.line}`);
    let sum = amount;
    for (const s of t.spl) {
      const a = parseIifAmount(s.values.AMOUNT ?? '');
      if (a === null) throw new Error(`SPL amount unreadable at line ${s.line}`);
      sum += a;
      if (s.values.DATE !== t.trns.values.DATE) throw new Error(`SPL date differs from TRNS date at line ${s.line}`);
      if (s.values.TRNSTYPE !== t.trns.values.TRNSTYPE) throw new Error(`SPL type differs at line ${s.line}`);
    }
    if (sum !== 0) throw new Error(`transaction at line ${t.line} is off by ${sum} cents`);
    if (t.spl.length === 0) throw new Error(`transaction at line ${t.line} has no SPL`);
    return {
      type: t.trns.values.TRNSTYPE!,
      date: t.trns.values.DATE!,
      account: t.trns.values.ACCNT!,
      name: t.trns.values.NAME!,
      amount,
      docNum: t.trns.values.DOCNUM ?? '',
      memo: t.trns.values.MEMO ?? '',
      splits: t.spl.map((s) => ({ ...s.values })),
    };
  });
  return { transactions, accounts, items, customers };
}
