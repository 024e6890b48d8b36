import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { PROFILE_VERSION } from '../../src/core/profile/types.ts';
import { createIdbKvStore, createMemoryKvStore } from '../../src/persistence/kv-store.ts';
import {
  PROFILE_STORAGE_VERSION,
  ProfileStore,
  ProfileStoreError,
  exportProfileJson,
  importProfileJson,
} from '../../src/persistence/profile-store.ts';

describe('ProfileStore', () => {
  it('creates, lists, loads, saves, renames, duplicates and removes (IndexedDB)', async () => {
    const store = new ProfileStore(createIdbKvStore(`profiles-${Math.random()}`, 'kv'));
    expect(await store.list()).toEqual([]);
    expect(await store.getActiveId()).toBeNull();

    const acme = await store.create('Acme');
    // the first profile becomes the active one
    expect(await store.getActiveId()).toBe(acme);
    const loaded = await store.load(acme);
    expect(loaded.ok && loaded.profile.name).toBe('Acme');

    if (!loaded.ok) throw new Error('unreachable');
    await store.save(acme, { ...loaded.profile, tax: { agency: 'State of Illinois', rate: '6.25' } });
    const saved = await store.load(acme);
    expect(saved.ok && saved.profile.tax).toEqual({ agency: 'State of Illinois', rate: '6.25' });

    await store.rename(acme, 'Acme Inc.');
    const copy = await store.duplicate(acme, 'Acme (copy)');
    expect(copy).not.toBe(acme);
    const copied = await store.load(copy);
    expect(copied.ok && copied.profile.name).toBe('Acme (copy)');
    expect(copied.ok && copied.profile.tax.agency).toBe('State of Illinois');
    // a second profile does not take over as active
    expect(await store.getActiveId()).toBe(acme);

    const list = await store.list();
    expect(list.map((p) => p.name)).toEqual(['Acme (copy)', 'Acme Inc.']);
    for (const p of list) expect(p.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    await store.setActiveId(copy);
    expect(await store.getActiveId()).toBe(copy);
    await store.remove(copy);
    expect(await store.getActiveId()).toBeNull();
    expect((await store.list()).map((p) => p.id)).toEqual([acme]);
    const gone = await store.load(copy);
    expect(gone.ok).toBe(false);
  });

  it('creates from a given profile under the new name', async () => {
    const store = new ProfileStore(createMemoryKvStore());
    const from = defaultProfile('Template');
    from.options.terms = 'Net 30';
    const id = await store.create('Beta LLC', from);
    const loaded = await store.load(id);
    expect(loaded.ok && loaded.profile.name).toBe('Beta LLC');
    expect(loaded.ok && loaded.profile.options.terms).toBe('Net 30');
    expect(from.name).toBe('Template');
  });

  it.each([
    ['a newer storage version', { version: PROFILE_STORAGE_VERSION + 1, savedAt: 'x', profile: defaultProfile('Future') }, /newer version of keap2iif/],
    ['an unknown storage version', { version: 0, savedAt: 'x', profile: defaultProfile('Old') }, /does not know/],
    ['something that is not an envelope', 'hello', /damaged/],
    ['a profile of a newer profile version', { version: 1, savedAt: 'x', profile: { ...defaultProfile('New'), version: PROFILE_VERSION + 1 } }, /newer version/],
    ['a profile that is not a profile', { version: 1, savedAt: 'x', profile: { hello: 1 } }, /not a keap2iif profile/],
  ])('refuses %s without throwing, and leaves it listed and untouched', async (_label, stored, message) => {
    const kv = createMemoryKvStore({ 'profile:p1': stored });
    const store = new ProfileStore(kv);
    const loaded = await store.load('p1');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors.join(' ')).toMatch(message);
    expect((await store.list()).map((p) => p.id)).toEqual(['p1']);
    await expect(store.rename('p1', 'x')).rejects.toBeInstanceOf(ProfileStoreError);
    await expect(store.duplicate('p1', 'x')).rejects.toBeInstanceOf(ProfileStoreError);
    expect(await kv.get('profile:p1')).toEqual(stored);
    await store.remove('p1');
    expect(await store.list()).toEqual([]);
  });

  it('refuses to rename a profile that does not exist, without creating it', async () => {
    const store = new ProfileStore(createMemoryKvStore());
    await expect(store.rename('nope', 'x')).rejects.toThrow(/no saved profile/);
    expect(await store.list()).toEqual([]);
  });

  it('forgets an active id whose profile is gone', async () => {
    const store = new ProfileStore(createMemoryKvStore({ 'profiles:active': 'ghost' }));
    expect(await store.getActiveId()).toBeNull();
  });
});

describe('profile JSON files', () => {
  it('round-trips a profile', () => {
    const profile = defaultProfile('Acme');
    const text = exportProfileJson(profile);
    expect(text).toContain('\n  "format": "keap2iif-profile"');
    const back = importProfileJson(`\uFEFF${text}`);
    expect(back.ok && back.profile).toEqual(profile);
  });

  it.each([
    ['empty', '  ', /empty/],
    ['invalid JSON', '{"format": "keap2iif-profile",', /not valid JSON/],
    ['not a profile', '[1,2]', /not a keap2iif profile/],
  ])('refuses %s with a message', (_label, text, message) => {
    const result = importProfileJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join(' ')).toMatch(message);
  });
});
