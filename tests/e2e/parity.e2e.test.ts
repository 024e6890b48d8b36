/**
 * The app and the command line are the same converter: a profile made by the command line's
 * template (and edited), imported into the app, with the same files, gives the same IIF bytes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runInProcess } from '../support/cli.ts';
import { assertStayedLocal, download, FIXTURES, openApp, type StaticServer, useServedApp } from './harness.ts';

let server: StaticServer;
let browser: Browser;

useServedApp((s, b) => {
  server = s;
  browser = b;
});

const FILES = ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'].map((f) => join(FIXTURES, f));

describe('app and command line', () => {
  it('write the same IIF from the same files and profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keap2iif-parity-'));
    const template = await runInProcess(['template', '--name', 'Parity', ...FILES]);
    expect(template.code).toBe(0);
    const profile = JSON.parse(template.stdout);
    profile.products.Widget.item = 'Widgets:Blue Widget';
    profile.tax = { agency: 'Illinois Dept of Revenue', rate: '6.5' };
    profile.options.fileClass = 'Online';
    const profilePath = join(dir, 'parity.json');
    writeFileSync(profilePath, JSON.stringify(profile, null, 2));
    const cliOut = join(dir, 'cli.iif');
    expect((await runInProcess(['convert', '--profile', profilePath, '--out', cliOut, ...FILES])).code).toBe(0);

    const s = await openApp(browser, server.origin);
    const { page } = s;
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Mapping/ }).click();
    await page.setInputFiles('#profile-import', profilePath);
    await expect.poll(() => page.locator('#profile-select option:checked').textContent()).toContain('Parity');
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Files/ }).click();
    await page.setInputFiles('#keap-files-input', FILES);
    await expect.poll(() => page.getByTestId('file-card').count()).toBe(4);
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Review/ }).click();
    await page.getByTestId('reconciled').waitFor();
    await page.getByLabel(/backed up my QuickBooks company file/).check();
    await page.getByLabel(/import into a copy/).check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const app = await download(page, () => page.getByRole('button', { name: /Download IIF/ }).click());

    const cliBytes = readFileSync(cliOut);
    expect(app.bytes.toString('latin1')).toContain('Widgets:Blue Widget');
    expect(app.bytes.toString('latin1')).toContain('Online');
    expect(app.bytes.equals(cliBytes)).toBe(true);
    assertStayedLocal(s);
    await s.context.close();
  });
});
