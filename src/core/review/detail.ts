/**
 * Review stage: the lines of one transaction, read back from the IIF that was written (the
 * page keeps only compact rows, and the file itself is the truest record of what QuickBooks
 * will get). The slice of the file holding the transaction is read with the core IIF reader.
 */
import { readIif } from '../iif/read.ts';
import { TRANSACTION_HEADER } from '../iif/write.ts';
import { parseCents, type Cents } from '../money.ts';

export interface DetailLine {
  account: string;
  name: string;
  item: string;
  qty: string;
  price: string;
  amount: Cents;
  memo: string;
}

export interface TransactionDetail {
  account: string;
  memo: string;
  lines: DetailLine[];
}

function cents(value: string | undefined): Cents {
  const parsed = parseCents(value ?? '');
  return parsed.ok ? parsed.cents : 0;
}

/** Reads one transaction's TRNS/SPL rows (the text between its offsets in the written IIF). */
export function transactionDetail(iifSlice: string): TransactionDetail | null {
  const doc = readIif(TRANSACTION_HEADER + iifSlice);
  const t = doc.transactions[0];
  if (!t) return null;
  return {
    account: t.trns.values.ACCNT ?? '',
    memo: t.trns.values.MEMO ?? '',
    lines: t.spl.map((s) => ({
      account: s.values.ACCNT ?? '',
      name: s.values.NAME ?? '',
      item: s.values.INVITEM ?? '',
      qty: s.values.QNTY ?? '',
      price: s.values.PRICE ?? '',
      amount: cents(s.values.AMOUNT),
      memo: s.values.MEMO ?? '',
    })),
  };
}
