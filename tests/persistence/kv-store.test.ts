import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  STORAGE_BLOCKED_PROBLEM,
  STORAGE_FULL_PROBLEM,
  createIdbKvStore,
  createMemoryKvStore,
  isQuotaError,
  openKvStore,
  withMemoryFallback,
} from '../../src/persistence/kv-store.ts';
import type { KvStore } from '../../src/persistence/kv-store.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The same behaviour is expected of both implementations. */
describe.each([
  ['idb', () => createIdbKvStore(`test-${Math.random()}`, 'kv')],
  ['memory', () => createMemoryKvStore()],
] as const)('%s store', (_name, make: () => KvStore) => {
  it('sets, gets, lists and deletes', async () => {
    const kv = make();
    expect(await kv.get('a')).toBeUndefined();
    await kv.set('a', { n: 1 });
    await kv.set('b', [1, 2]);
    expect(await kv.get('a')).toEqual({ n: 1 });
    expect((await kv.keys()).sort()).toEqual(['a', 'b']);
    await kv.del('a');
    expect(await kv.get('a')).toBeUndefined();
    expect(await kv.keys()).toEqual(['b']);
  });

  it('updates read-modify-write', async () => {
    const kv = make();
    await kv.update<number>('count', (old) => (old ?? 0) + 1);
    await kv.update<number>('count', (old) => (old ?? 0) + 1);
    expect(await kv.get('count')).toBe(2);
  });

  it('stores copies, not the caller\'s objects', async () => {
    const kv = make();
    const value = { list: [1] };
    await kv.set('v', value);
    value.list.push(2);
    const back = await kv.get<{ list: number[] }>('v');
    back?.list.push(3);
    expect(await kv.get('v')).toEqual({ list: [1] });
  });
});

describe('openKvStore', () => {
  it('uses IndexedDB when a write, read and delete work', async () => {
    const opened = await openKvStore();
    expect(opened.persistent).toBe(true);
    expect(opened.problem).toBeUndefined();
    await opened.store.set('x', 1);
    expect(await opened.store.get('x')).toBe(1);
    // the probe cleans up after itself
    expect((await opened.store.keys()).filter((k) => k.startsWith('probe:'))).toEqual([]);
  });

  it('falls back to memory when indexedDB is missing', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const opened = await openKvStore();
    expect(opened).toMatchObject({ persistent: false, problem: STORAGE_BLOCKED_PROBLEM });
    await opened.store.set('x', 1);
    expect(await opened.store.get('x')).toBe(1);
  });

  it('falls back to memory when opening throws (private window)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const opened = await openKvStore();
    expect(opened).toMatchObject({ persistent: false, problem: STORAGE_BLOCKED_PROBLEM });
  });

  it('falls back to memory when opening never answers', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('indexedDB', { open: () => ({}) }); // a request whose events never fire
    const opened = await openKvStore({ probeTimeoutMs: 20 });
    expect(opened).toMatchObject({ persistent: false, problem: STORAGE_BLOCKED_PROBLEM });
  });

  it('falls back with the "storage full" message when the probe write is over quota', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    const opened = await openKvStore();
    expect(opened).toMatchObject({ persistent: false, problem: STORAGE_FULL_PROBLEM });
  });
});

describe('withMemoryFallback', () => {
  function quotaStore(inner: KvStore, state: { full: boolean }): KvStore {
    const quota = () => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'));
    return {
      ...inner,
      set: (k, v) => (state.full ? quota() : inner.set(k, v)),
      update: (k, fn) => (state.full ? quota() : inner.update(k, fn)),
    };
  }

  it('keeps the failed write and the earlier data in memory, and reports the problem once', async () => {
    const state = { full: false };
    const primary = quotaStore(createMemoryKvStore(), state);
    const problems: string[] = [];
    const kv = withMemoryFallback(primary, (p) => problems.push(p));
    await kv.set('old', 'kept');
    state.full = true;
    await kv.set('new', 'written anyway');
    await kv.update<number>('n', (old) => (old ?? 0) + 1);
    expect(await kv.get('old')).toBe('kept');
    expect(await kv.get('new')).toBe('written anyway');
    expect(await kv.get('n')).toBe(1);
    expect(problems).toEqual([STORAGE_FULL_PROBLEM]);
    // the primary store is no longer touched
    expect(await primary.get('new')).toBeUndefined();
  });

  it('works with a real IndexedDB store that runs out of quota', async () => {
    const idb = createIdbKvStore(`quota-${Math.random()}`, 'kv');
    const problems: string[] = [];
    const kv = withMemoryFallback(idb, (p) => problems.push(p));
    await kv.set('profile', { name: 'Acme' });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    await kv.set('history', [1]);
    expect(await kv.get('profile')).toEqual({ name: 'Acme' });
    expect(await kv.get('history')).toEqual([1]);
    expect(problems).toEqual([STORAGE_FULL_PROBLEM]);
  });

  it('passes other errors through', async () => {
    const primary: KvStore = { ...createMemoryKvStore(), set: () => Promise.reject(new DOMException('x', 'DataCloneError')) };
    const onProblem = vi.fn();
    await expect(withMemoryFallback(primary, onProblem).set('a', 1)).rejects.toThrow('x');
    expect(onProblem).not.toHaveBeenCalled();
  });
});

describe('isQuotaError', () => {
  it.each([
    [new DOMException('q', 'QuotaExceededError'), true],
    [{ name: 'NS_ERROR_DOM_QUOTA_REACHED' }, true],
    [{ code: 22 }, true],
    [new Error('other'), false],
    [null, false],
  ])('%s -> %s', (e, expected) => {
    expect(isQuotaError(e)).toBe(expected);
  });
});
