import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoOfDay } from '../../src/core/dates.ts';
import { alreadyExportedIds, exportFileName, historyDraftOf, isExportRecord, recordFromDraft } from '../../src/core/history.ts';
import type { ExportRecord } from '../../src/core/history.ts';
import type { TxnRole, TxnType } from '../../src/core/ledger/model.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { applyTemplate } from '../../src/core/profile/template.ts';
import { convertFiles, inspectFiles } from '../support/convert.ts';

/** What the history keeps of a written transaction (keapIds, role and ISO date). */
interface Written {
  key: string;
  role: TxnRole;
  type: TxnType;
  date: string;
  keapIds: string[];
}

function txn(key: string, role: TxnRole, type: TxnType, date: string, keapIds: string[]): Written {
  return { key, role, type, date, keapIds };
}

function ledger(transactions: Written[]): { transactions: Written[] } {
  return { transactions };
}

const sample = ledger([
  txn('payment:1', 'payment', 'PAYMENT', '2024-03-20', ['payment:p.csv#2']),
  txn('invoice:1001', 'invoice', 'INVOICE', '2024-01-01', ['invoice:1001', 'order:1001']),
  txn('invoice:1002', 'invoice', 'INVOICE', '2024-03-31', ['invoice:1002', 'order:1001']),
]);

function record(partial: Partial<ExportRecord>): ExportRecord {
  return {
    id: 'r', fileName: 'f.iif', createdAt: '2024-04-01T00:00:00.000Z', test: false, transactions: 0,
    keapIds: [], counts: {}, firstDate: null, lastDate: null, ...partial,
  };
}

describe('recordFromDraft', () => {
  it('collects ids, counts per role and the date range', () => {
    const r = recordFromDraft(historyDraftOf(sample.transactions), 'keap-2024-01-01_2024-03-31.iif', false, new Date('2024-04-02T10:00:00Z'));
    expect(r).toEqual({
      id: '2024-04-02T10:00:00.000Z|keap-2024-01-01_2024-03-31.iif',
      fileName: 'keap-2024-01-01_2024-03-31.iif',
      createdAt: '2024-04-02T10:00:00.000Z',
      test: false,
      transactions: 3,
      keapIds: ['invoice:1001', 'invoice:1002', 'order:1001', 'payment:p.csv#2'],
      counts: { payment: 1, invoice: 2 },
      firstDate: '2024-01-01',
      lastDate: '2024-03-31',
    });
    expect(isExportRecord(r)).toBe(true);
  });

  it('sums up what a conversion wrote (its Keap ids, roles and dates, in file order)', () => {
    const dir = new URL('../fixtures/keap/basic/', import.meta.url);
    const files = readdirSync(dir).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));
    const profile = applyTemplate(defaultProfile('History'), inspectFiles(files, defaultProfile()).catalog);
    const result = convertFiles(files, profile);
    const { store, order } = result.written;
    const draft = historyDraftOf(Array.from(order, (i, k) => ({ keapIds: result.keapIds[k]!, role: result.roles[k] as TxnRole, date: isoOfDay(store.date(i)) })));
    expect(draft).toMatchObject({ transactions: 7, counts: { invoice: 3, payment: 4 }, firstDate: '2024-03-15', lastDate: '2024-05-05' });
    expect(draft).toMatchObject({ transactions: result.summary.transactions, firstDate: result.summary.firstDate, lastDate: result.summary.lastDate });
    expect(result.keapIds.every((ids) => ids.length > 0)).toBe(true);
    expect(draft.keapIds).toEqual([...new Set(result.keapIds.flat())].sort());
    // What the record keeps is what the next conversion leaves out.
    const again = convertFiles(files, profile, { alreadyExported: alreadyExportedIds([recordFromDraft(draft, 'f.iif', false, new Date(0))]) });
    expect(again.transactions).toEqual([]);
    expect(again.excludedTransactions).toBe(7);
  });

  it('records an empty ledger with null dates', () => {
    const r = recordFromDraft(historyDraftOf([]), 'keap-empty.iif', true, new Date(0));
    expect(r).toMatchObject({ transactions: 0, keapIds: [], counts: {}, firstDate: null, lastDate: null, test: true });
  });
});

describe('alreadyExportedIds', () => {
  it('unions real exports and ignores test exports (they go into a copy of the company file)', () => {
    const ids = alreadyExportedIds([
      record({ keapIds: ['invoice:2', 'invoice:1'] }),
      record({ keapIds: ['invoice:9'], test: true }),
      record({ keapIds: ['invoice:1', 'payment:3'] }),
    ]);
    expect(ids).toEqual(['invoice:1', 'invoice:2', 'payment:3']);
  });

  it('is empty without records', () => {
    expect(alreadyExportedIds([])).toEqual([]);
  });
});

describe('exportFileName', () => {
  const oneDay = ledger([txn('a', 'invoice', 'INVOICE', '2024-01-05', []), txn('b', 'payment', 'PAYMENT', '2024-01-05', [])]);
  const month = ledger([txn('a', 'invoice', 'INVOICE', '2024-01-31', []), txn('b', 'payment', 'PAYMENT', '2024-01-01', [])]);
  it.each([
    ['range', sample, false, 'keap-2024-01-01_2024-03-31.iif'],
    ['test, one day', oneDay, true, 'keap-test-2024-01-05.iif'],
    ['test, range', month, true, 'keap-test-2024-01-01_2024-01-31.iif'],
    ['one day', oneDay, false, 'keap-2024-01-05.iif'],
    ['empty', ledger([]), false, 'keap-empty.iif'],
    ['empty test', ledger([]), true, 'keap-empty.iif'],
  ] as const)('%s', (_label, l, test, expected) => {
    expect(exportFileName(historyDraftOf(l.transactions), test)).toBe(expected);
  });
});

describe('isExportRecord', () => {
  it.each([
    ['null', null],
    ['missing keapIds', { ...record({}), keapIds: undefined }],
    ['non-string id in keapIds', record({ keapIds: [1 as unknown as string] })],
    ['count not a number', record({ counts: { invoice: '2' as unknown as number } })],
  ])('refuses %s', (_label, value) => {
    expect(isExportRecord(value)).toBe(false);
  });
});
