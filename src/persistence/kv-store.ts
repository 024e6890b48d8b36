/**
 * The storage port: a tiny async key-value interface with an IndexedDB implementation (the only
 * module that imports idb-keyval) and an in-memory one. `openKvStore()` checks that IndexedDB
 * really works and falls back to memory with a plain-English problem for the banner, so the app
 * keeps working in private windows and with a full disk instead of losing what the user typed.
 */
import { createStore, del, get, keys, set, update } from 'idb-keyval';

/** Async key-value storage; values are plain data (structured-cloned, like IndexedDB does). */
export interface KvStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** Read-modify-write in one step (one IndexedDB transaction), so two tabs cannot interleave. */
  update<T>(key: string, fn: (old: T | undefined) => T): Promise<void>;
}

/** Banner text when storage cannot be used at all. */
export const STORAGE_BLOCKED_PROBLEM =
  'Your browser is blocking storage (private window?). The app still works, but nothing will be remembered after you close this tab.';

/** Banner text when storage is full (at start or later). */
export const STORAGE_FULL_PROBLEM =
  "Your browser's storage for this site is full. The app still works, but changes from now on will not be remembered after you close this tab. Free some disk space or clear old site data, then reload the page.";

/** Banner text when the browser stops saving for another reason after a good start. */
const STORAGE_LOST_PROBLEM =
  'Your browser stopped saving data for this site. The app still works, but changes from now on will not be remembered after you close this tab. Reload the page to try again.';

/** The IndexedDB store, in its own database so it never collides with other idb-keyval users. */
export function createIdbKvStore(dbName = 'keap2iif', storeName = 'kv'): KvStore {
  const store = createStore(dbName, storeName);
  // Methods are async so that a synchronous throw inside idb-keyval (indexedDB.open refusing)
  // arrives as a rejected promise like every other failure.
  return {
    async get<T>(key: string) {
      return get<T>(key, store);
    },
    async set(key, value) {
      await set(key, value, store);
    },
    async del(key) {
      await del(key, store);
    },
    async keys() {
      return (await keys(store)).map(String);
    },
    async update<T>(key: string, fn: (old: T | undefined) => T) {
      await update<T>(key, fn, store);
    },
  };
}

/**
 * A store that forgets everything when the tab closes. Values are cloned going in and out, as
 * IndexedDB does, so code cannot come to rely on sharing objects with the store.
 */
export function createMemoryKvStore(initial: Record<string, unknown> = {}): KvStore {
  const map = new Map<string, unknown>(Object.entries(initial).map(([k, v]) => [k, structuredClone(v)]));
  return {
    async get<T>(key: string) {
      return structuredClone(map.get(key)) as T | undefined;
    },
    async set(key, value) {
      map.set(key, structuredClone(value));
    },
    async del(key) {
      map.delete(key);
    },
    async keys() {
      return [...map.keys()];
    },
    async update<T>(key: string, fn: (old: T | undefined) => T) {
      map.set(key, structuredClone(fn(structuredClone(map.get(key)) as T | undefined)));
    },
  };
}

function errorName(e: unknown): string {
  return typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string' ? e.name : '';
}

/** True for the ways browsers say "over quota" (DOMException name, legacy code 22, old Firefox name). */
export function isQuotaError(e: unknown): boolean {
  const name = errorName(e);
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

/** Failures that mean "storage is gone", not "our data is wrong": Safari's lost connection is `UnknownError`. */
function isStorageFailure(e: unknown): boolean {
  return isQuotaError(e) || errorName(e) === 'UnknownError';
}

/**
 * Wraps a persistent store so that when it later fails for storage reasons (full disk, Safari
 * dropping the connection) the data read so far moves to memory, the write that failed lands
 * there, and `onProblem` tells the user; nothing they just did is lost for this session.
 */
export function withMemoryFallback(primary: KvStore, onProblem?: (problem: string) => void): KvStore {
  let active = primary;
  let switching: Promise<void> | null = null;

  const fallBack = (cause: unknown): Promise<void> => {
    switching ??= (async () => {
      const memory = createMemoryKvStore();
      try {
        for (const key of await primary.keys()) {
          const value = await primary.get(key);
          if (value !== undefined) await memory.set(key, value);
        }
      } catch {
        // Reads failed too: keep whatever was copied; the memory store still takes new writes.
      }
      active = memory;
      onProblem?.(isQuotaError(cause) ? STORAGE_FULL_PROBLEM : STORAGE_LOST_PROBLEM);
    })();
    return switching;
  };

  const run = async <R>(op: (store: KvStore) => Promise<R>): Promise<R> => {
    if (switching) await switching; // never write to the old store while its data is being copied
    const store = active;
    try {
      return await op(store);
    } catch (e) {
      if (store !== primary || !isStorageFailure(e)) throw e;
      await fallBack(e);
      return op(active);
    }
  };

  return {
    get: <T>(key: string) => run((s) => s.get<T>(key)),
    set: (key, value) => run((s) => s.set(key, value)),
    del: (key) => run((s) => s.del(key)),
    keys: () => run((s) => s.keys()),
    update: <T>(key: string, fn: (old: T | undefined) => T) => run((s) => s.update<T>(key, fn)),
  };
}

export interface OpenKvStoreOptions {
  /** Called when storage fails later on and the app switches to memory (show it in the banner). */
  onProblem?: (problem: string) => void;
  /** Some browsers leave `indexedDB.open` pending forever in private mode; give up after this. */
  probeTimeoutMs?: number;
}

export interface OpenedKvStore {
  store: KvStore;
  /** False when everything lives in memory only. */
  persistent: boolean;
  /** Plain-English reason for the banner when not persistent. */
  problem?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`IndexedDB did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Opens IndexedDB storage after a real write+read+delete, or falls back to memory with a reason. */
export async function openKvStore(options: OpenKvStoreOptions = {}): Promise<OpenedKvStore> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) {
    return { store: createMemoryKvStore(), persistent: false, problem: STORAGE_BLOCKED_PROBLEM };
  }
  const idb = createIdbKvStore();
  try {
    await withTimeout(
      (async () => {
        // Opening alone is not enough: Firefox private windows and full disks only fail on write.
        const key = `probe:${Date.now()}:${Math.random().toString(36).slice(2)}`;
        await idb.set(key, { probe: true });
        const back = await idb.get<{ probe?: boolean }>(key);
        await idb.del(key);
        if (back?.probe !== true) throw new Error('IndexedDB did not return what was written');
      })(),
      options.probeTimeoutMs ?? 5000,
    );
  } catch (e) {
    console.warn('keap2iif: IndexedDB is not usable; keeping data in memory only.', e);
    return { store: createMemoryKvStore(), persistent: false, problem: isQuotaError(e) ? STORAGE_FULL_PROBLEM : STORAGE_BLOCKED_PROBLEM };
  }
  return { store: withMemoryFallback(idb, options.onProblem), persistent: true };
}
