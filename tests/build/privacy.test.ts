/**
 * Privacy of what is shipped (issue 7 §3), checked on the built files: the page's
 * Content-Security-Policy forbids every connection, no built asset names a remote address it
 * could load (the few URLs the bundles hold are listed below with why they are harmless), and
 * no component renders raw HTML. `npm test` builds dist/ and dist-single/ before this runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const SINGLE = join(ROOT, 'dist-single', 'keap2iif.html');

function ensureBuilt(): void {
  if (!existsSync(join(DIST, 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(SINGLE)) execFileSync('npx', ['vite', 'build', '--config', 'vite.single.config.ts'], { cwd: ROOT, stdio: 'inherit' });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The directives of the page's CSP meta tag (throws when there is none). */
function cspOf(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/gi)];
  expect(metas, 'exactly one CSP meta tag').toHaveLength(1);
  const directives = new Map<string, string[]>();
  for (const part of (metas[0]?.[1] ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

/**
 * URLs that may appear in built code, and why each is harmless: none is ever requested.
 */
const ALLOWED_URLS: { pattern: RegExp; why: string }[] = [
  { pattern: /^http:\/\/www\.w3\.org\/(1999\/xhtml|2000\/svg|1998\/Math\/MathML|1999\/xlink|2000\/xmlns\/)$/, why: 'XML namespace URI (the Svelte runtime creates elements with it)' },
  { pattern: /^https:\/\/svelte\.dev\/e\/[a-z_]+$/, why: 'link inside a Svelte runtime error or warning message text' },
];

interface FoundUrl {
  file: string;
  url: string;
  context: string;
}

/** True when `index` lies inside a block comment that is a licence notice. */
function inLicenceComment(text: string, index: number): boolean {
  const open = text.lastIndexOf('/*', index);
  if (open < 0) return false;
  const close = text.indexOf('*/', open);
  if (close < index) return false;
  return /@license|@preserve|License:/i.test(text.slice(open, close));
}

/** Every http(s) or protocol-relative URL in the text, except those inside licence comments. */
function urlsIn(file: string, text: string): FoundUrl[] {
  const out: FoundUrl[] = [];
  for (const m of text.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)<>\\]*/gi)) {
    const index = m.index ?? 0;
    const url = m[0];
    // `//x.y` without a scheme is a URL only where a src/href/url() would take it; in minified code
    // it is far more often a comment or a regex, so only schemed URLs count in scripts.
    if (!url.startsWith('http') && !file.endsWith('.html') && !file.endsWith('.css')) continue;
    if (inLicenceComment(text, index)) continue;
    out.push({ file, url, context: text.slice(Math.max(0, index - 60), index + url.length + 20) });
  }
  return out;
}

describe('what the build ships', () => {
  ensureBuilt();

  it('dist/index.html carries a CSP that forbids every connection and inline code', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const csp = cspOf(html);
    expect(csp.get('connect-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    for (const [name, sources] of csp) {
      for (const source of sources) {
        expect(source, `${name} allows no remote host, inline code or eval`).toMatch(/^('self'|'none'|data:|blob:)$/);
      }
    }
    // The meta tag comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<script|<link rel="stylesheet"/));
    // Every script and stylesheet is a relative path to the site's own files.
    for (const m of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) {
      expect(m[1], 'asset reference').toMatch(/^(\.\/|data:)/);
    }
  });

  it('dist-single/keap2iif.html carries a CSP that forbids every connection', () => {
    const html = readFileSync(SINGLE, 'utf8');
    const csp = cspOf(html);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('worker-src')).toEqual(['blob:', 'data:']);
    expect(csp.get('script-src')?.every((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s))).toBe(true);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
  });

  it('no built file names a remote address, apart from the listed harmless ones', () => {
    const files = [...filesUnder(DIST), SINGLE];
    const found = files.flatMap((f) => urlsIn(relative(ROOT, f), readFileSync(f, 'utf8')));
    const unexpected = found.filter((f) => !ALLOWED_URLS.some((a) => a.pattern.test(f.url)));
    expect(unexpected, 'URLs in the built files that are not known to be harmless').toEqual([]);
    // What was found, for the record (and so a change in the bundles is noticed here).
    const hosts = [...new Set(found.map((f) => new URL(f.url).host))].sort();
    expect(hosts).toEqual(expect.arrayContaining(['www.w3.org']));
    expect(hosts.every((h) => h === 'www.w3.org' || h === 'svelte.dev')).toBe(true);
  });

  it('no component renders raw HTML ({@html})', () => {
    const offenders = filesUnder(join(ROOT, 'src')).filter((f) => readFileSync(f, 'utf8').includes('{@html'));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
