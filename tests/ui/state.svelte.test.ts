/**
 * The state classes of issue 12: a history saved on one machine and imported on a fresh one
 * leaves out what was exported (a broken file changes nothing), forgetting one export puts its
 * records back; editing the mapping never copies the QuickBooks lists; the names the export
 * would create are grouped by list and filtered; a failed run is shown with "Try again", which
 * runs it again; the print summary fingerprints exactly the files and the IIF.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { exportFileName } from '../../src/core/history.ts';
import { createMemoryKvStore } from '../../src/persistence/kv-store.ts';
import type { InputFile } from '../../src/core/convert-types.ts';
import type { Profile } from '../../src/core/profile/types.ts';
import type { PageConvertOptions, PageConvertResult } from '../../src/worker/page-result.ts';
import { allFiles, file, makeApp, reviewed, settle } from './app-harness.ts';

vi.mock('../../src/ui/save-file.ts', () => ({ saveBlob: vi.fn(), saveText: vi.fn() }));

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function exported(): Promise<{ json: string; transactions: number }> {
  const { app, history } = await makeApp();
  await app.session.add(allFiles());
  const result = await reviewed(app);
  app.exporter.checklistDone = true;
  await app.exporter.download(false);
  expect(app.exporter.status).toMatch(/^Saved keap-/);
  return { json: await history.exportJson(app.editor.activeId), transactions: result.rows.count };
}

describe('export history across machines', () => {
  it('a history imported on a fresh browser profile leaves out what was exported; forgetting the export puts it back', async () => {
    const { json, transactions } = await exported();
    const { app } = await makeApp(createMemoryKvStore());
    await app.session.add(allFiles());
    expect((await reviewed(app)).rows.count).toBe(transactions);

    await app.history.importFile(new File([json], 'keap2iif-export-history.json'));
    expect(app.history.importError).toBe('');
    expect(app.history.status).toMatch(/^Added 1 export from keap2iif-export-history\.json/);
    expect(app.history.records).toHaveLength(1);
    await settle(400);
    const after = await reviewed(app);
    expect(after.rows.count).toBe(0);
    expect(after.excludedTransactions).toBe(transactions);

    // The same file again adds nothing.
    await app.history.importFile(new File([json], 'again.json'));
    expect(app.history.status).toMatch(/^Nothing new in again\.json/);
    expect(app.history.records).toHaveLength(1);

    const id = app.history.records[0]?.id as string;
    await app.history.forget(id);
    expect(app.history.records).toEqual([]);
    expect(app.history.status).toMatch(/will be in the next export again/);
    await settle(400);
    expect((await reviewed(app)).rows.count).toBe(transactions);
  });

  it('refuses a foreign or broken file with a message and changes nothing', async () => {
    const { json } = await exported();
    const { app, history } = await makeApp(createMemoryKvStore());
    await app.history.importFile(new File([json], 'mine.json'));
    const before = await history.list(app.editor.activeId);
    for (const [name, text] of [
      ['profile.json', app.library.exportJson()],
      ['broken.json', json.slice(0, 40)],
      ['damaged.json', json.replace('"transactions"', '"transactionz"')],
    ] as const) {
      await app.history.importFile(new File([text], name));
      expect(app.history.importError).toContain(`"${name}" was not imported, and the export history is unchanged.`);
      expect(await history.list(app.editor.activeId)).toEqual(before);
      expect(app.history.records).toEqual(before);
    }
  });
});

describe('the profile editor and the QuickBooks lists', () => {
  it('keeps the lists as loaded (never copied or proxied) while the mapping is edited, and saves them', async () => {
    const { app, profiles } = await makeApp();
    await app.qb.load(file('qb-lists.iif'));
    const lists = app.editor.qbLists;
    expect(lists).not.toBeNull();
    app.editor.profile.options.terms = 'Net 30';
    flushSync();
    expect(app.editor.snapshot.options.terms).toBe('Net 30');
    expect(app.editor.snapshot.qbLists).toBe(lists);
    await app.editor.flush();
    const stored = await profiles.load(app.editor.activeId);
    expect(stored.ok && stored.profile.qbLists?.accounts.length).toBe(lists?.accounts.length);
    expect(stored.ok && stored.profile.options.terms).toBe('Net 30');
  });

  it('groups the names QuickBooks lacks by list with counts, accounts open and customers collapsed, and filters them', async () => {
    const { app } = await makeApp();
    await app.session.add(allFiles());
    app.editor.profile.accounts.shippingIncome = 'Postage Recovered';
    await app.qb.load(file('qb-lists.iif'));
    await settle(400);
    await reviewed(app);
    const groups = app.qb.groups;
    expect(groups.length).toBeGreaterThan(0);
    const accounts = groups.find((g) => g.list === 'account');
    expect(accounts?.openByDefault).toBe(true);
    expect(accounts?.checks.map((c) => c.name)).toContain('Postage Recovered');
    expect(accounts?.total).toBe(accounts?.checks.length);
    const customers = groups.find((g) => g.list === 'customer');
    if (customers) expect(customers.openByDefault).toBe(false);
    // Fixed order of the lists.
    const order = ['account', 'item', 'customer', 'vendor', 'paymentMethod', 'class'];
    expect(groups.map((g) => order.indexOf(g.list))).toEqual([...groups.map((g) => order.indexOf(g.list))].sort((a, b) => a - b));

    app.qb.filter = 'postage';
    const filtered = app.qb.groups.find((g) => g.list === 'account');
    expect(filtered?.checks.map((c) => c.name)).toEqual(['Postage Recovered']);
    expect(filtered?.total).toBe(accounts?.total);
  });
});

describe('a failed run', () => {
  it('is shown with Try again, which runs it again and clears the notice', async () => {
    const { app, client } = await makeApp();
    let failures = 1;
    const real = client.convert.bind(client);
    client.convert = (files: InputFile[], profile: Profile, selection: PageConvertOptions): Promise<PageConvertResult> => {
      if (failures-- > 0) return Promise.reject(new Error('The converter stopped responding: nothing was heard from it for 20 seconds.'));
      return real(files, profile, selection);
    };
    await app.session.add(allFiles());
    await vi.waitFor(() => {
      flushSync();
      expect(app.notices.error?.title).toBe('Converting your files failed');
    }, { timeout: 5000, interval: 20 });
    expect(app.notices.error?.message).toContain('stopped responding');
    expect(app.notices.canRetry).toBe(true);
    expect(app.run.result).toBeNull();
    await app.notices.retry();
    await reviewed(app);
    expect(app.notices.error).toBeNull();
  });

  it('a later success of another step leaves the notice alone', async () => {
    const { app } = await makeApp();
    app.notices.show('Converting your files failed', new Error('x'), { source: 'conversion' });
    app.notices.resolve('files');
    expect(app.notices.error?.title).toBe('Converting your files failed');
    app.notices.resolve('conversion');
    expect(app.notices.error).toBeNull();
  });
});

describe('the print summary', () => {
  it('fingerprints each Keap file and the IIF of the review with SHA-256', async () => {
    const { app } = await makeApp();
    await app.session.add(allFiles());
    const result = await reviewed(app);
    await app.print.prepare();
    expect(app.print.state).toBe('ready');
    expect(app.print.files.map((f) => f.name)).toEqual(app.session.files.map((f) => f.name));
    for (const f of app.session.files) {
      expect(app.print.files.find((p) => p.name === f.name)).toEqual({ name: f.name, size: f.bytes.byteLength, sha256: sha256(f.bytes) });
    }
    const iifBytes = new Uint8Array(await result.iif.arrayBuffer());
    expect(app.print.iif).toEqual({ name: exportFileName(result.summary, false), size: iifBytes.byteLength, sha256: sha256(iifBytes) });
    expect(app.run.profile?.name).toBe(app.editor.profile.name);
  });
});
