/**
 * The app's state classes wired together (createApp) with their effects running (the `ui`
 * project compiles Svelte for the browser): runs that race file changes and profile switches,
 * autosave on leaving the page, half-typed invalid profiles, profile import name collisions,
 * and which profile an export is recorded for. The converter runs in this thread behind a gate
 * the test opens, so a run can be held "in flight".
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { createMemoryKvStore } from '../../src/persistence/kv-store.ts';
import { HistoryStore } from '../../src/persistence/history-store.ts';
import { allFiles, file, hasType, makeApp, reviewed, settle } from './app-harness.ts';

vi.mock('../../src/ui/save-file.ts', () => ({ saveBlob: vi.fn(), saveText: vi.fn() }));

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
  delete (globalThis as { document?: unknown }).document;
});

describe('files changing while runs are in flight', () => {
  it('removing every file while they are being read leaves no reports, results or spinner behind', async () => {
    const { app, client } = await makeApp();
    client.held = true;
    const adding = app.session.add(allFiles());
    await settle();
    expect(app.session.busy).toBe(true);
    const removing = [...app.session.files].map((f) => app.session.remove(f.name));
    client.release();
    await Promise.all([adding, ...removing]);
    await settle(50);
    expect(app.session.files).toHaveLength(0);
    expect(app.session.inspected).toBeNull();
    expect(app.session.busy).toBe(false);
    expect(app.run.result).toBeNull();
    expect(app.notices.error).toBeNull();
  });

  it('a conversion of the old files is not shown after a file is removed, and the new one wins', async () => {
    const { app, client } = await makeApp();
    await app.session.add(allFiles());
    const before = await reviewed(app);
    expect(hasType(before, 'PAYMENT')).toBe(true);

    // A re-conversion of all four files is in flight when payments.csv is removed.
    client.held = true;
    app.editor.profile.options.terms = 'Net 30';
    flushSync();
    await vi.waitFor(() => expect(client.calls.convert).toBe(2), { timeout: 2000, interval: 20 });
    const removing = app.session.remove('payments.csv');
    // What was shown came from files that are no longer all there.
    expect(app.run.result).toBeNull();
    client.release();
    await removing;
    const after = await reviewed(app);
    expect(hasType(after, 'PAYMENT')).toBe(false);
    await settle(400);
    expect((app.run.result ? hasType(app.run.result, 'PAYMENT') : undefined)).toBe(false);
  });

  it('adding a file hides the totals of the files before it until the new run is done', async () => {
    const { app, client } = await makeApp();
    await app.session.add([file('order-items.csv'), file('invoices.csv'), file('contacts.csv')]);
    const before = await reviewed(app);
    expect(hasType(before, 'PAYMENT')).toBe(false);
    client.held = true;
    const adding = app.session.add([file('payments.csv')]);
    await vi.waitFor(() => expect(client.calls.inspect).toBe(2), { timeout: 2000, interval: 10 });
    // The new file is being read: the totals of the first two files are not shown as if they were all.
    expect(app.run.result).toBeNull();
    client.release();
    await adding;
    const after = await reviewed(app);
    expect(hasType(after, 'PAYMENT')).toBe(true);
  });
});

describe('autosave', () => {
  it('saves the last edit at once when the page is hidden or closed, without waiting for the pause in typing', async () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    Object.assign(globalThis, { window: win, document: doc });
    const { app, profiles } = await makeApp();
    const id = app.editor.activeId;

    app.editor.profile.accounts.undepositedFunds = 'Undeposited Funds:Keap';
    flushSync();
    expect(app.editor.saveState).toBe('pending');
    win.dispatchEvent(new Event('pagehide'));
    await settle();
    const first = await profiles.load(id);
    expect(first.ok && first.profile.accounts.undepositedFunds).toBe('Undeposited Funds:Keap');

    app.editor.profile.options.terms = 'Net 15';
    flushSync();
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await settle();
    const second = await profiles.load(id);
    expect(second.ok && second.profile.options.terms).toBe('Net 15');
  });

  it('never saves a half-typed value the stored-profile check refuses, so the mapping still loads after a reload', async () => {
    const kv = createMemoryKvStore();
    const { app, profiles } = await makeApp(kv);
    const id = app.editor.activeId;
    app.editor.profile.products.Widget = { item: 'Widgets:Blue', itemType: 'SERV', account: 'Sales' };
    flushSync();
    await app.editor.flush();

    app.editor.profile.tax.rate = '6,5';
    flushSync();
    await app.editor.flush();
    expect(app.editor.saveState).toBe('invalid');
    expect(app.editor.invalidReason).toContain('tax.rate');
    const stored = await profiles.load(id);
    expect(stored.ok).toBe(true);
    expect(stored.ok && stored.profile.products.Widget?.item).toBe('Widgets:Blue');

    // A reload finds the last valid version, not a refused profile replaced by the defaults.
    const reloaded = await makeApp(kv);
    expect(reloaded.app.editor.loadError).toBe('');
    expect(reloaded.app.editor.profile.products.Widget?.item).toBe('Widgets:Blue');

    app.editor.profile.tax.rate = '6.5';
    flushSync();
    await app.editor.flush();
    expect(app.editor.saveState).toBe('saved');
    const fixed = await profiles.load(id);
    expect(fixed.ok && fixed.profile.tax.rate).toBe('6.5');
  });
});

describe('profiles', () => {
  it('an imported profile never takes the name of an existing one', async () => {
    const { app } = await makeApp();
    const json = app.library.exportJson();
    expect(await app.library.importJson(json, 'mine.json')).toBe(true);
    expect(await app.library.importJson(json, 'mine.json')).toBe(true);
    const names = app.library.list.map((p) => p.name).sort();
    expect(names).toEqual(['My company', 'My company (imported 2)', 'My company (imported)']);
    expect(app.editor.profile.name).toBe('My company (imported 2)');
    expect(app.library.status).toContain('as "My company (imported 2)"');
    await app.library.createNew('my company');
    expect(app.editor.profile.name).toBe('my company (2)');
  });
});

describe('export history follows the profile the file was made with', () => {
  it('records a download on the profile it was converted with, even when another profile is opened meanwhile', async () => {
    const { app, client, history } = await makeApp();
    const first = app.editor.activeId;
    await app.session.add(allFiles());
    await reviewed(app);
    app.exporter.checklistDone = true;

    client.held = true;
    const downloading = app.exporter.download(false);
    await settle();
    await app.library.createNew('Other company');
    await settle();
    const second = app.editor.activeId;
    expect(second).not.toBe(first);
    client.release();
    await downloading;
    await settle();

    expect(app.exporter.status).toMatch(/^Saved keap-/);
    expect((await history.list(first)).map((r) => r.test)).toEqual([false]);
    expect(await history.list(second)).toEqual([]);
    // The profile now shown has its own (empty) history: nothing of its next export is left out.
    expect(app.history.records).toEqual([]);
    expect(app.history.alreadyExported).toEqual([]);
  });

  it('does not export while the history of a newly opened profile is still loading', async () => {
    const { app, history } = await makeApp();
    await app.session.add(allFiles());
    await reviewed(app);
    app.exporter.checklistDone = true;
    await app.exporter.download(false);
    expect(app.exporter.status).toMatch(/^Saved keap-/);

    const slowList = vi.spyOn(history, 'list');
    let open: () => void = () => {};
    slowList.mockImplementationOnce((id) => new Promise((r) => (open = () => r(HistoryStore.prototype.list.call(history, id)))));
    await app.library.createNew('Second');
    flushSync();
    await app.exporter.download(true);
    expect(app.exporter.status).toContain('still loading');
    open();
    await settle();
    expect(app.history.loadedFor).toBe(app.editor.activeId);
    slowList.mockRestore();
  });

  it('a test export is recorded as a test and leaves nothing out of the next export', async () => {
    const { app, history } = await makeApp();
    await app.session.add(allFiles());
    const full = await reviewed(app);
    app.exporter.testCount = 1;
    await app.exporter.download(true);
    expect(app.exporter.status).toMatch(/^Saved keap-test-/);
    const records = await history.list(app.editor.activeId);
    expect(records.map((r) => [r.test, r.transactions])).toEqual([[true, 1]]);
    expect(app.history.alreadyExported).toEqual([]);
    await settle(400);
    const again = await reviewed(app);
    expect(again.rows.count).toBe(full.rows.count);
  });

  it('"include records exported before" resets after a full export, so the next one cannot repeat them', async () => {
    const { app } = await makeApp();
    await app.session.add(allFiles());
    await reviewed(app);
    app.exporter.checklistDone = true;
    app.history.includeAlreadyExported = true;
    await app.exporter.download(false);
    expect(app.exporter.status).toMatch(/^Saved keap-/);
    expect(app.history.includeAlreadyExported).toBe(false);
  });

  it('says the file was saved when only recording it in the history failed (never "not written")', async () => {
    const { app, history } = await makeApp();
    await app.session.add(allFiles());
    await reviewed(app);
    app.exporter.checklistDone = true;
    vi.spyOn(history, 'add').mockRejectedValueOnce(new Error('disk on fire'));
    await app.exporter.download(false);
    expect(app.exporter.status).toMatch(/^Saved keap-.*but it could not be added to the export history/);
    expect(app.notices.error?.title).toMatch(/was saved, but the export history could not be updated/);
  });
});
