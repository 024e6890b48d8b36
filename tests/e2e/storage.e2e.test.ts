/**
 * Storage faults (issue 7 §4) in real Chromium: IndexedDB refusing every write with a
 * QuotaExceededError (from the start, and after a good start) gives the visible "nothing will
 * be remembered" notice and the app still converts; a stored profile written by a newer
 * version of the app is refused with a message, never half-loaded or overwritten, and the app
 * works with a fresh profile.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { assertStayedLocal, dropFiles, fixture, openApp, useServedApp, gotoStep } from './harness.ts';
import type { StaticServer } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

const FILES = ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'];

async function convertsFully(page: Page): Promise<void> {
  await dropFiles(page, '[data-testid="keap-files-zone"]', FILES.map((n) => fixture(n)));
  await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
  await gotoStep(page, 'Review');
  await page.getByTestId('reconciled').waitFor();
  expect(await page.getByTestId('reconciled').textContent()).toContain('Reconciled to the cent');
  await expect.poll(() => page.getByTestId('txn-row').count()).toBe(4);
}

/** The page's console errors, minus the storage failures these tests cause on purpose. */
function unexpectedErrors(errors: string[]): string[] {
  return errors.filter((e) => !/Quota|could not save the profile/i.test(e));
}

describe('storage faults', () => {
  it('IndexedDB over quota from the start: says nothing will be remembered, and converts', async () => {
    const s = await openApp(browser, server.origin, {
      initScript: () => {
        IDBObjectStore.prototype.put = function put(): IDBRequest {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
    });
    const { page } = s;
    const banner = page.getByRole('status').filter({ hasText: 'Settings are not being saved.' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/storage for this site is full.*will not be remembered/);
    await convertsFully(page);
    await page.screenshot({ path: '/tmp/storage-quota.png' });
    expect(unexpectedErrors(s.errors)).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('IndexedDB over quota after a good start: switches to memory with the notice, keeps the edits, converts', async () => {
    const s = await openApp(browser, server.origin, {
      initScript: () => {
        // The start-up probe (keys "probe:…") still works; every real write then fails.
        const real = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function put(this: IDBObjectStore, value: unknown, key?: IDBValidKey): IDBRequest {
          if (typeof key === 'string' && key.startsWith('probe:')) return real.call(this, value, key);
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
    });
    const { page } = s;
    const banner = page.getByRole('status').filter({ hasText: 'Settings are not being saved.' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/storage for this site is full.*will not be remembered/);
    await dropFiles(page, '[data-testid="keap-files-zone"]', FILES.map((n) => fixture(n)));
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
    await gotoStep(page, 'Mapping');
    await page.getByLabel('QuickBooks item for Widget').fill('Blue Widget');
    // Saved to memory: the edit is kept for this session and used by the conversion.
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('All changes saved');
    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    await page.getByRole('button', { name: /Show lines of INVOICE 1001/ }).click();
    await expect.poll(() => page.locator('#txn-detail').textContent()).toContain('Blue Widget');
    expect(unexpectedErrors(s.errors)).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });

  it('refuses a stored profile from a newer version, leaves it untouched, and works with a fresh one', async () => {
    const s = await openApp(browser, server.origin, {
      initScript: () => {
        // Before the app opens its database, create it as a newer keap2iif would have left it.
        const future = {
          version: 2,
          savedAt: '2031-01-01T00:00:00.000Z',
          profile: { format: 'keap2iif-profile', version: 9, name: 'Future Co', products: { Widget: { item: 'Future Widget Item', itemType: 'INVENTORY', account: 'Future Sales' } }, somethingNew: { a: 1 } },
        };
        const open = indexedDB.open('keap2iif');
        open.onupgradeneeded = () => {
          const kv = open.result.createObjectStore('kv');
          kv.put(future, 'profile:future-1');
          kv.put('future-1', 'profiles:active');
        };
        open.onsuccess = () => open.result.close();
      },
    });
    const { page } = s;
    const readStored = (): Promise<unknown> =>
      page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open('keap2iif');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('kv').objectStore('kv').get('profile:future-1');
              get.onsuccess = () => {
                resolve(get.result);
                open.result.close();
              };
              get.onerror = () => reject(get.error);
            };
          }),
      );
    const before = await readStored();

    // The refusal is visible on the first screen, and again in the mapping step.
    const notice = page.getByTestId('profile-load-error');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('"Future Co" was saved by a newer version of keap2iif');
    await dropFiles(page, '[data-testid="keap-files-zone"]', FILES.map((n) => fixture(n)));
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
    await gotoStep(page, 'Mapping');
    await page.getByTestId('profile-load-error').waitFor();
    expect(await page.getByTestId('save-state').textContent()).toContain('Not saving');
    // Not half-loaded: nothing of the newer profile is in the form.
    await expect.poll(() => page.getByLabel('QuickBooks item for Widget').inputValue()).toBe('Widget');
    expect(await page.getByLabel('Income account for Widget').inputValue()).not.toBe('Future Sales');
    await page.screenshot({ path: '/tmp/storage-newer-profile.png', fullPage: true });

    // A fresh profile: saved, used, and the newer one is still listed and untouched.
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByLabel('Name of the new profile').fill('Fresh start');
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await expect.poll(() => page.locator('#profile-select option:checked').textContent()).toBe('Fresh start');
    expect(await page.getByTestId('profile-load-error').count()).toBe(0);
    expect(await page.locator('#profile-select option').allTextContents()).toEqual(expect.arrayContaining(['Future Co', 'Fresh start']));
    await page.getByLabel('QuickBooks item for Widget').fill('Fresh Widget');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('All changes saved');
    await gotoStep(page, 'Review');
    await page.getByTestId('reconciled').waitFor();
    await page.getByRole('button', { name: /Show lines of INVOICE 1001/ }).click();
    await expect.poll(() => page.locator('#txn-detail').textContent()).toContain('Fresh Widget');
    expect(await readStored()).toEqual(before);

    expect(s.errors).toEqual([]);
    assertStayedLocal(s);
    await s.context.close();
  });
});
