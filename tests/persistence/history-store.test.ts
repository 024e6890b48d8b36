import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../src/core/history.ts';
import { createIdbKvStore, createMemoryKvStore } from '../../src/persistence/kv-store.ts';
import { HISTORY_STORAGE_VERSION, HistoryStore, HistoryStoreError } from '../../src/persistence/history-store.ts';

function record(id: string, keapIds: string[], test = false): ExportRecord {
  return {
    id, fileName: `${id}.iif`, createdAt: '2024-04-01T00:00:00.000Z', test, transactions: keapIds.length,
    keapIds, counts: { invoice: keapIds.length }, firstDate: '2024-03-01', lastDate: '2024-03-31',
  };
}

describe('HistoryStore', () => {
  it('adds, lists per profile, ignores a repeated add and clears (IndexedDB)', async () => {
    const history = new HistoryStore(createIdbKvStore(`history-${Math.random()}`, 'kv'));
    expect(await history.list('acme')).toEqual([]);
    await history.add('acme', record('r1', ['invoice:1']));
    await history.add('acme', record('r2', ['invoice:2'], true));
    await history.add('acme', record('r1', ['invoice:1']));
    await history.add('beta', record('r3', ['invoice:3']));
    expect((await history.list('acme')).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect((await history.list('beta')).map((r) => r.id)).toEqual(['r3']);

    const json = JSON.parse(await history.exportJson('acme'));
    expect(json).toMatchObject({ format: 'keap2iif-history', version: HISTORY_STORAGE_VERSION, profileId: 'acme' });
    expect(json.records).toHaveLength(2);

    await history.clear('acme');
    expect(await history.list('acme')).toEqual([]);
    expect(await history.list('beta')).toHaveLength(1);
  });

  it.each([
    ['a newer version', { version: HISTORY_STORAGE_VERSION + 1, savedAt: 'x', records: [] }, /newer version/],
    ['an unknown version', { version: 0, savedAt: 'x', records: [] }, /does not know/],
    ['damaged records', { version: 1, savedAt: 'x', records: [{ id: 1 }] }, /damaged/],
    ['not an envelope', [1, 2], /damaged/],
  ])('refuses %s rather than treating it as empty, and does not overwrite it', async (_label, stored, message) => {
    const kv = createMemoryKvStore({ 'history:acme': stored });
    const history = new HistoryStore(kv);
    await expect(history.list('acme')).rejects.toThrow(message);
    await expect(history.list('acme')).rejects.toBeInstanceOf(HistoryStoreError);
    await expect(history.add('acme', record('r1', ['invoice:1']))).rejects.toThrow(message);
    expect(await kv.get('history:acme')).toEqual(stored);
    // it can still be exported as stored, then cleared
    const json = JSON.parse(await history.exportJson('acme'));
    expect(json.stored).toEqual(stored);
    expect(json.unreadable).toMatch(message);
    await history.clear('acme');
    expect(await history.list('acme')).toEqual([]);
  });
});
