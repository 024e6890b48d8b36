/**
 * Which Chromium-family browser the end-to-end tests and the bench drive, found the same way
 * on every machine (issue 13): CHROMIUM_PATH or CHROME_PATH, then the Chromium installed for
 * playwright-core, then Debian's and Ubuntu's Chromium, then Google Chrome, Chromium and
 * Microsoft Edge at their standard places on Linux, macOS and Windows. Nothing is downloaded.
 * When none is found the caller fails at once with a message naming the ways to get one: a
 * missing browser is a failure, never a skip.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, LaunchOptions } from 'playwright-core';

/** What the lookup reads from the machine; injected so a unit test can fake it. */
export interface BrowserLookupHost {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** True when an executable file is at `path`. */
  exists(path: string): boolean;
  /** playwright-core's own idea of where its Chromium is installed (may throw, may not exist). */
  playwrightChromium(): string;
}

export interface BrowserCandidate {
  path: string;
  /** Where the path comes from, for messages ("CHROMIUM_PATH", "Debian/Ubuntu Chromium", …). */
  source: string;
}

/** The flags every launch uses: headless, no sandbox (containers, CI), and no background traffic. */
const BROWSER_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const VARIABLES = ['CHROMIUM_PATH', 'CHROME_PATH'] as const;

/**
 * The ways to get a browser, as the failure message lists them. playwright-core's own CLI
 * installs the very revision its executablePath() names; `npx playwright install` would fetch
 * the latest `playwright` package, whose Chromium revision may not be the one looked for.
 */
const HOW_TO_GET_A_BROWSER = [
  'point CHROMIUM_PATH (or CHROME_PATH) at a Chrome, Chromium or Edge executable, e.g. CHROMIUM_PATH=/path/to/chrome npm test;',
  "or install the Chromium this project's playwright-core drives: npx playwright-core install chromium;",
  'or, on Debian or Ubuntu, install the distribution package: sudo apt-get install chromium (chromium-browser on Ubuntu);',
  'or install Google Chrome, Chromium or Microsoft Edge in its standard place.',
];

/** A missing browser: the end-to-end tests and the bench cannot run, and say how to fix it. */
export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

/** Reads an environment variable by name regardless of case (Windows' variables are case-insensitive). */
function envValue(env: BrowserLookupHost['env'], name: string): string | undefined {
  const direct = env[name];
  if (direct !== undefined) return direct;
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/** Steps 3 and 4 of the lookup: the distribution's Chromium, then the standard places of Chrome, Chromium and Edge. */
function installedBrowserCandidates(platform: NodeJS.Platform, env: BrowserLookupHost['env']): BrowserCandidate[] {
  const list = (source: string, paths: string[]): BrowserCandidate[] => paths.map((path) => ({ path, source }));
  if (platform === 'linux') {
    // Chromium's own places on Linux are the distribution's (Fedora and Arch use the same two names).
    return [
      ...list('Debian/Ubuntu Chromium', ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium']),
      ...list('Google Chrome', ['/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/opt/google/chrome/chrome']),
      ...list('Microsoft Edge', ['/usr/bin/microsoft-edge-stable', '/usr/bin/microsoft-edge', '/opt/microsoft/msedge/msedge']),
    ];
  }
  if (platform === 'darwin') {
    const home = envValue(env, 'HOME');
    const app = (bundle: string, binary: string): string[] => [
      `/Applications/${bundle}.app/Contents/MacOS/${binary}`,
      ...(home ? [posix.join(home, 'Applications', `${bundle}.app`, 'Contents', 'MacOS', binary)] : []),
    ];
    return [
      ...list('Google Chrome', app('Google Chrome', 'Google Chrome')),
      ...list('Chromium', app('Chromium', 'Chromium')),
      ...list('Microsoft Edge', app('Microsoft Edge', 'Microsoft Edge')),
    ];
  }
  if (platform === 'win32') {
    const programFiles = envValue(env, 'ProgramFiles') || 'C:\\Program Files';
    const programFilesX86 = envValue(env, 'ProgramFiles(x86)') || 'C:\\Program Files (x86)';
    const localAppData = envValue(env, 'LOCALAPPDATA');
    const under = (...tail: string[]): string[] =>
      [programFiles, programFilesX86, ...(localAppData ? [localAppData] : [])].map((base) => win32.join(base, ...tail));
    return [
      ...list('Google Chrome', under('Google', 'Chrome', 'Application', 'chrome.exe')),
      ...list('Chromium', under('Chromium', 'Application', 'chrome.exe')),
      ...list('Microsoft Edge', under('Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ];
  }
  return [];
}

/**
 * The browser to drive, or null when none is installed. A variable that is set but names no
 * executable is an error of its own: the run should use what was asked for or stop, never
 * quietly take another browser.
 */
export function findBrowser(host: BrowserLookupHost): BrowserCandidate | null {
  for (const name of VARIABLES) {
    const value = envValue(host.env, name)?.trim();
    if (!value) continue;
    if (!host.exists(value)) {
      throw new BrowserNotFoundError(`${name} is set to ${value}, but no executable is there. Fix or unset ${name}.`);
    }
    return { path: value, source: name };
  }
  let own: string | undefined;
  try {
    own = host.playwrightChromium();
  } catch {
    own = undefined; // playwright-core knows no Chromium for this platform
  }
  if (own && host.exists(own)) return { path: own, source: "playwright-core's Chromium" };
  return installedBrowserCandidates(host.platform, host.env).find((c) => host.exists(c.path)) ?? null;
}

/** The message of a run that found no browser: what was tried, and the ways to get one. */
function browserNotFoundMessage(host: BrowserLookupHost): string {
  const tried = installedBrowserCandidates(host.platform, host.env).map((c) => `  ${c.path}`);
  let own = 'none for this platform';
  try {
    own = host.playwrightChromium();
  } catch {
    // keep "none for this platform"
  }
  return [
    'No Chromium-family browser was found for the end-to-end tests (a missing browser fails the run; it is never skipped).',
    `Looked at: ${VARIABLES.join(', ')} (not set), playwright-core's Chromium (${own}), and:`,
    ...tried,
    'To get one:',
    ...HOW_TO_GET_A_BROWSER.map((line) => `  - ${line}`),
  ].join('\n');
}

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** This machine, as the lookup sees it. */
export function systemHost(): BrowserLookupHost {
  return {
    env: process.env,
    platform: process.platform,
    exists: (path) => isExecutableFile(path, process.platform),
    playwrightChromium: () => chromium.executablePath(),
  };
}

/** The browser to drive on this machine; throws BrowserNotFoundError (with the ways to get one) when there is none. */
export function requireBrowser(host: BrowserLookupHost = systemHost()): BrowserCandidate {
  const found = findBrowser(host);
  if (!found) throw new BrowserNotFoundError(browserNotFoundMessage(host));
  return found;
}

/** Launches the browser found by requireBrowser with BROWSER_ARGS (plus `extraArgs`). */
export function launchBrowser(extraArgs: readonly string[] = [], options: Omit<LaunchOptions, 'executablePath' | 'args'> = {}): Promise<Browser> {
  const { path } = requireBrowser();
  return chromium.launch({ headless: true, ...options, executablePath: path, args: [...BROWSER_ARGS, ...extraArgs] });
}
