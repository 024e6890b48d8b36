// The browser lookup of the end-to-end tests and the bench (tests/support/browser.ts), on a
// fake machine: which executable wins for each set of variables, platforms and installed files.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findBrowser, requireBrowser, systemHost } from './browser.ts';
import type { BrowserLookupHost } from './browser.ts';

const PW = '/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const MAC_CHROME = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
const MAC_USER_CHROMIUM = '/Users/dev/Applications/Chromium.app/Contents/MacOS/Chromium';
const MAC_EDGE = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
const WIN_CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const WIN_CHROME_X86 = 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe';
const WIN_CHROMIUM_USER = 'C:\\Users\\dev\\AppData\\Local\\Chromium\\Application\\chrome.exe';
const WIN_EDGE_X86 = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const WIN_ENV = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local' };

interface FakeMachine {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  /** Executables present on the fake file system. */
  files?: string[];
  /** What playwright-core answers: a path, or 'throws'. */
  playwright?: string | 'throws';
}

function fakeHost(m: FakeMachine): BrowserLookupHost {
  const files = new Set(m.files ?? []);
  return {
    platform: m.platform ?? 'linux',
    env: m.env ?? {},
    exists: (path) => files.has(path),
    playwrightChromium: () => {
      if (m.playwright === 'throws') throw new Error('ERROR: Playwright does not support chromium on this platform');
      return m.playwright ?? PW;
    },
  };
}

describe('browser lookup order', () => {
  it.each<[string, FakeMachine, string, string]>([
    // 1. the variables come first, CHROMIUM_PATH before CHROME_PATH
    ['CHROMIUM_PATH beats everything installed', { env: { CHROMIUM_PATH: '/opt/my/chrome' }, files: ['/opt/my/chrome', PW, '/usr/bin/chromium'] }, '/opt/my/chrome', 'CHROMIUM_PATH'],
    ['CHROME_PATH when CHROMIUM_PATH is unset', { env: { CHROME_PATH: '/opt/other/chrome' }, files: ['/opt/other/chrome', PW] }, '/opt/other/chrome', 'CHROME_PATH'],
    ['CHROMIUM_PATH before CHROME_PATH', { env: { CHROMIUM_PATH: '/a/chromium', CHROME_PATH: '/b/chrome' }, files: ['/a/chromium', '/b/chrome'] }, '/a/chromium', 'CHROMIUM_PATH'],
    ['an empty CHROMIUM_PATH counts as unset', { env: { CHROMIUM_PATH: '', CHROME_PATH: '/b/chrome' }, files: ['/b/chrome'] }, '/b/chrome', 'CHROME_PATH'],
    ['a blank CHROMIUM_PATH counts as unset', { env: { CHROMIUM_PATH: '  ' }, files: ['/usr/bin/chromium'] }, '/usr/bin/chromium', 'Debian/Ubuntu Chromium'],
    // 2. playwright-core's own Chromium
    ["playwright-core's Chromium before Debian's", { files: [PW, '/usr/bin/chromium'] }, PW, "playwright-core's Chromium"],
    ["playwright-core's Chromium on macOS before Chrome", { platform: 'darwin', playwright: '/pw/chrome-mac/Chromium', files: ['/pw/chrome-mac/Chromium', MAC_CHROME] }, '/pw/chrome-mac/Chromium', "playwright-core's Chromium"],
    ['a playwright-core path that is not installed is passed over', { files: ['/usr/bin/chromium'] }, '/usr/bin/chromium', 'Debian/Ubuntu Chromium'],
    ['a playwright-core lookup that throws is passed over', { playwright: 'throws', files: ['/usr/bin/chromium'] }, '/usr/bin/chromium', 'Debian/Ubuntu Chromium'],
    // 3. Debian and Ubuntu Chromium
    ["Debian's Chromium before Google Chrome", { files: ['/usr/bin/google-chrome', '/usr/bin/chromium'] }, '/usr/bin/chromium', 'Debian/Ubuntu Chromium'],
    ["Ubuntu's chromium-browser", { files: ['/usr/bin/chromium-browser', '/usr/bin/microsoft-edge'] }, '/usr/bin/chromium-browser', 'Debian/Ubuntu Chromium'],
    ["Ubuntu's snap", { files: ['/snap/bin/chromium'] }, '/snap/bin/chromium', 'Debian/Ubuntu Chromium'],
    // 4. Chrome, then Chromium, then Edge at their standard places
    ['Google Chrome on Linux', { files: ['/opt/google/chrome/chrome', '/opt/microsoft/msedge/msedge'] }, '/opt/google/chrome/chrome', 'Google Chrome'],
    ['google-chrome-stable before google-chrome', { files: ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'] }, '/usr/bin/google-chrome-stable', 'Google Chrome'],
    ['Microsoft Edge on Linux', { files: ['/usr/bin/microsoft-edge-stable'] }, '/usr/bin/microsoft-edge-stable', 'Microsoft Edge'],
    ['Google Chrome on macOS before Edge', { platform: 'darwin', files: [MAC_EDGE, MAC_CHROME] }, MAC_CHROME, 'Google Chrome'],
    ['Chromium in ~/Applications on macOS', { platform: 'darwin', env: { HOME: '/Users/dev' }, files: [MAC_USER_CHROMIUM, MAC_EDGE] }, MAC_USER_CHROMIUM, 'Chromium'],
    ['Microsoft Edge on macOS', { platform: 'darwin', files: [MAC_EDGE] }, MAC_EDGE, 'Microsoft Edge'],
    ['Google Chrome in Program Files on Windows', { platform: 'win32', env: WIN_ENV, files: [WIN_EDGE_X86, WIN_CHROME_X86, WIN_CHROME] }, WIN_CHROME, 'Google Chrome'],
    ['Google Chrome in Program Files (x86), variables in any case', { platform: 'win32', env: { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }, files: [WIN_EDGE_X86, WIN_CHROME_X86] }, WIN_CHROME_X86, 'Google Chrome'],
    ['Chromium in LOCALAPPDATA before Edge on Windows', { platform: 'win32', env: WIN_ENV, files: [WIN_EDGE_X86, WIN_CHROMIUM_USER] }, WIN_CHROMIUM_USER, 'Chromium'],
    ['Edge on Windows, default Program Files when the variables are missing', { platform: 'win32', files: [WIN_EDGE_X86] }, WIN_EDGE_X86, 'Microsoft Edge'],
    ['CHROME_PATH on Windows', { platform: 'win32', env: { ...WIN_ENV, chrome_path: 'D:\\chrome\\chrome.exe' }, files: ['D:\\chrome\\chrome.exe', WIN_CHROME] }, 'D:\\chrome\\chrome.exe', 'CHROME_PATH'],
  ])('%s', (_name, machine, path, source) => {
    expect(findBrowser(fakeHost(machine))).toEqual({ path, source });
  });

  it.each<[string, FakeMachine]>([
    ['nothing installed on Linux', {}],
    ['Linux paths do not count on Windows', { platform: 'win32', env: WIN_ENV, files: ['/usr/bin/chromium', MAC_CHROME] }],
    ['Windows paths do not count on macOS', { platform: 'darwin', files: [WIN_CHROME, '/usr/bin/google-chrome'] }],
    ['macOS paths do not count on Linux', { files: [MAC_CHROME, WIN_CHROME] }],
    ['no standard places on an unknown platform', { platform: 'freebsd', playwright: 'throws', files: ['/usr/bin/chromium'] }],
  ])('finds none: %s', (_name, machine) => {
    const host = fakeHost(machine);
    expect(findBrowser(host)).toBeNull();
    expect(() => requireBrowser(host)).toThrow(BrowserNotFoundError);
  });

  it('fails, naming every way to get a browser, when none is found', () => {
    let message = '';
    try {
      requireBrowser(fakeHost({}));
    } catch (e) {
      expect(e).toBeInstanceOf(BrowserNotFoundError);
      message = (e as Error).message;
    }
    expect(message).toContain('CHROMIUM_PATH');
    expect(message).toContain('npx playwright-core install chromium');
    expect(message).toContain('apt-get install chromium');
    expect(message).toContain('never skipped');
    // What was looked at.
    expect(message).toContain(`playwright-core's Chromium (${PW})`);
    expect(message).toContain('/usr/bin/chromium');
  });

  it.each(['CHROMIUM_PATH', 'CHROME_PATH'])('fails when %s names no executable, even with browsers installed', (name) => {
    const host = fakeHost({ env: { [name]: '/typo/chrome' }, files: [PW, '/usr/bin/chromium', '/usr/bin/google-chrome'] });
    expect(() => findBrowser(host)).toThrow(BrowserNotFoundError);
    expect(() => findBrowser(host)).toThrow(`${name} is set to /typo/chrome, but no executable is there`);
  });
});

describe('the real file system check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keap2iif-browser-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts an executable file, not a plain file, a directory or nothing', () => {
    const { exists } = systemHost();
    const file = join(dir, 'chrome');
    expect(exists(file)).toBe(false);
    expect(exists(dir)).toBe(false);
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o644);
    // Windows has no executable bit: any file counts there.
    expect(exists(file)).toBe(process.platform === 'win32');
    chmodSync(file, 0o755);
    expect(exists(file)).toBe(true);
  });
});
