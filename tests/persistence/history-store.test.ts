import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../src/core/history.ts';
import { createIdbKvStore, createMemoryKvStore } from '../../src/persistence/kv-store.ts';
import { HISTORY_STORAGE_VERSION, HistoryStore, HistoryStoreError, readHistoryFile } from '../../src/persistence/history-store.ts';

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

describe('importing a history file', () => {
  it('merges a file saved on another machine without duplicates, oldest first, and its ids are then left out', async () => {
    const laptop = new HistoryStore(createIdbKvStore(`history-${Math.random()}`, 'kv'));
    const desktop = new HistoryStore(createMemoryKvStore());
    const march = { ...record('march', ['invoice:1', 'payment:1']), createdAt: '2024-04-01T00:00:00.000Z' };
    const april = { ...record('april', ['invoice:2']), createdAt: '2024-05-01T00:00:00.000Z' };
    const may = { ...record('may', ['invoice:3']), createdAt: '2024-06-01T00:00:00.000Z' };
    await laptop.add('acme', march);
    await laptop.add('acme', april);
    await desktop.add('desk-profile', may);
    await desktop.add('desk-profile', march);

    const read = readHistoryFile(await laptop.exportJson('acme'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(await desktop.merge('desk-profile', read.records)).toEqual({ added: 1, known: 1 });
    expect((await desktop.list('desk-profile')).map((r) => r.id)).toEqual(['march', 'april', 'may']);
    // Importing the same file again adds nothing.
    expect(await desktop.merge('desk-profile', read.records)).toEqual({ added: 0, known: 2 });
    expect(await desktop.list('desk-profile')).toHaveLength(3);
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['a JSON list', '[1,2]', /not a keap2iif export history/],
    ['a mapping profile', JSON.stringify({ format: 'keap2iif-profile', version: 1, name: 'x' }), /mapping profile, not an export history/],
    ['another app\'s JSON', JSON.stringify({ records: [] }), /not a keap2iif export history/],
    ['a newer version', JSON.stringify({ format: 'keap2iif-history', version: 99, records: [] }), /newer version/],
    ['no version', JSON.stringify({ format: 'keap2iif-history', records: [] }), /not one this app knows/],
    ['no records', JSON.stringify({ format: 'keap2iif-history', version: 1 }), /no list of exports/],
    ['a damaged record', JSON.stringify({ format: 'keap2iif-history', version: 1, records: [record('a', ['x']), { id: 'b' }] }), /Export 2 of 2 in it is damaged/],
    ['a record with a number id', JSON.stringify({ format: 'keap2iif-history', version: 1, records: [{ ...record('a', ['x']), keapIds: [1] }] }), /damaged/],
    ['an unreadable history saved as stored', JSON.stringify({ format: 'keap2iif-history', profileId: 'p', unreadable: 'damaged', stored: {} }), /could not read/],
  ])('refuses %s with a message', (_label, text, message) => {
    const read = readHistoryFile(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
  });

  it('takes a record listed twice in the file once, and reads a file with a byte-order mark', () => {
    const text = `\uFEFF${JSON.stringify({ format: 'keap2iif-history', version: 1, records: [record('a', ['x']), record('a', ['x']), record('b', ['y'])] })}`;
    const read = readHistoryFile(text);
    expect(read.ok && read.records.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('refuses to merge into an unreadable stored history and leaves it untouched', async () => {
    const stored = { version: 99, savedAt: 'x', records: [] };
    const kv = createMemoryKvStore({ 'history:acme': stored });
    await expect(new HistoryStore(kv).merge('acme', [record('a', ['x'])])).rejects.toBeInstanceOf(HistoryStoreError);
    expect(await kv.get('history:acme')).toEqual(stored);
  });
});

describe('forgetting one export', () => {
  it('removes that record only, so its ids are exported again, and says when there was nothing to remove', async () => {
    const history = new HistoryStore(createIdbKvStore(`history-${Math.random()}`, 'kv'));
    await history.add('acme', record('r1', ['invoice:1']));
    await history.add('acme', record('r2', ['invoice:2']));
    expect(await history.remove('acme', 'r1')).toBe(true);
    expect((await history.list('acme')).map((r) => r.id)).toEqual(['r2']);
    expect(await history.remove('acme', 'r1')).toBe(false);
    expect(await history.remove('other', 'r2')).toBe(false);
    expect((await history.list('acme')).map((r) => r.id)).toEqual(['r2']);
  });

  it('refuses on an unreadable stored history and leaves it untouched', async () => {
    const stored = [1, 2];
    const kv = createMemoryKvStore({ 'history:acme': stored });
    await expect(new HistoryStore(kv).remove('acme', 'r1')).rejects.toThrow(/damaged/);
    expect(await kv.get('history:acme')).toEqual(stored);
  });
});
