/**
 * What static hosts get from the build (issue 13 §2): dist/ holds the favicon and `_headers`,
 * and the Content-Security-Policy sent as an HTTP header is the page's meta policy (both from
 * PRODUCTION_CSP in src/build/csp-plugin.ts) plus frame-ancestors 'none', next to nosniff,
 * no-referrer and a Permissions-Policy that turns the powerful features off. The offline single
 * file carries the same icon inline. `npm test` builds dist/ and dist-single/ before this runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_PLACEHOLDER, PRODUCTION_CSP, fillHeadersFile } from '../../src/build/csp-plugin.ts';
import { cspDirectives, headersFor, parseHeadersFile } from '../support/headers-file.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const SINGLE = join(ROOT, 'dist-single', 'keap2iif.html');

function ensureBuilt(): void {
  if (!existsSync(join(DIST, 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(SINGLE)) execFileSync('npx', ['vite', 'build', '--config', 'vite.single.config.ts'], { cwd: ROOT, stdio: 'inherit' });
}

function metaPolicy(html: string): string {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/gi)];
  expect(metas, 'exactly one CSP meta tag').toHaveLength(1);
  return metas[0]?.[1] ?? '';
}

/** Every feature the Permissions-Policy must turn off for every origin, the page's own included. */
const FEATURES_OFF = ['camera', 'microphone', 'geolocation', 'display-capture', 'payment', 'usb', 'serial', 'hid', 'midi', 'accelerometer', 'gyroscope', 'magnetometer'];

describe('what static hosts get', () => {
  ensureBuilt();
  const headersText = (): string => readFileSync(join(DIST, '_headers'), 'utf8');

  it('dist/ holds the favicon and _headers, and the page links the favicon by a relative path', () => {
    expect(existsSync(join(DIST, '_headers'))).toBe(true);
    const icon = readFileSync(join(DIST, 'favicon.svg'), 'utf8');
    expect(icon).toBe(readFileSync(join(ROOT, 'public', 'favicon.svg'), 'utf8'));
    expect(icon).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 64 64"/);
    // Nothing an image could load or run.
    expect(icon).not.toMatch(/<script|href=|url\(|<foreignObject/i);
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).toContain('<link rel="icon" type="image/svg+xml" href="./favicon.svg" />');
  });

  it('sends the meta policy as a header, plus frame-ancestors, nosniff, no-referrer and a Permissions-Policy', () => {
    const text = headersText();
    expect(text, 'the build filled the policy in').not.toContain(CSP_PLACEHOLDER);
    const rules = parseHeadersFile(text);
    expect(rules.map((r) => r.pattern)).toEqual(['/*']);
    // Every file a host serves gets the headers, the page, its scripts and the worker's script alike.
    for (const path of ['/', '/index.html', '/assets/convert.worker-x.js', '/favicon.svg']) {
      const h = headersFor(rules, path);
      expect([...h.keys()].sort()).toEqual(['content-security-policy', 'permissions-policy', 'referrer-policy', 'x-content-type-options']);
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('referrer-policy')).toBe('no-referrer');
    }
    const headers = headersFor(rules, '/index.html');

    // One definition: the page's meta policy is PRODUCTION_CSP, and the header is the same policy
    // with only frame-ancestors added (a meta policy cannot carry it).
    const meta = metaPolicy(readFileSync(join(DIST, 'index.html'), 'utf8'));
    expect(meta).toBe(PRODUCTION_CSP);
    const header = cspDirectives(headers.get('content-security-policy') ?? '');
    const expected = new Map(cspDirectives(meta));
    expect(expected.has('frame-ancestors')).toBe(false);
    expected.set('frame-ancestors', ["'none'"]);
    expect(header).toEqual(expected);
    expect(header.get('connect-src')).toEqual(["'none'"]);

    const permissions = new Map(
      (headers.get('permissions-policy') ?? '').split(',').map((part) => {
        const [feature, allow] = part.trim().split('=');
        return [feature ?? '', allow ?? ''] as const;
      }),
    );
    for (const feature of FEATURES_OFF) expect(permissions.get(feature), feature).toBe('()');
    expect([...permissions.values()].every((allow) => allow === '()'), 'every listed feature is off').toBe(true);
  });

  it('the offline single file carries the same icon as a data: URL its policy allows', () => {
    const html = readFileSync(SINGLE, 'utf8');
    const href = /<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" \/>/.exec(html)?.[1];
    expect(href).toBeDefined();
    expect(Buffer.from(href ?? '', 'base64').toString('utf8')).toBe(readFileSync(join(ROOT, 'public', 'favicon.svg'), 'utf8'));
    expect(cspDirectives(metaPolicy(html)).get('img-src')).toContain('data:');
    expect(existsSync(join(ROOT, 'dist-single', 'favicon.svg')), 'no public/ files next to the single file').toBe(false);
    expect(existsSync(join(ROOT, 'dist-single', '_headers'))).toBe(false);
  });
});

describe('filling _headers', () => {
  const template = `/*\n  Content-Security-Policy: ${CSP_PLACEHOLDER}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n`;

  it('puts the policy in place of the placeholder, and nothing else changes', () => {
    expect(fillHeadersFile(template, "default-src 'self'")).toBe(`/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n`);
    // A policy holding `$&` or `$'` is put in literally, not read as a replacement pattern.
    expect(fillHeadersFile(template, "script-src 'self' $&")).toContain("script-src 'self' $&; frame-ancestors");
  });

  it.each([
    ['no placeholder (a policy written out by hand)', `/*\n  Content-Security-Policy: default-src 'self'\n`, 'exactly once (found 0)'],
    ['the placeholder twice', `${template}/a\n  Content-Security-Policy: ${CSP_PLACEHOLDER}\n`, 'exactly once (found 2)'],
    ['the placeholder outside a Content-Security-Policy line', `/*\n  X-Policy: ${CSP_PLACEHOLDER}\n`, 'must be the value of an indented "Content-Security-Policy:" line'],
  ])('refuses a template with %s', (_name, text, message) => {
    expect(() => fillHeadersFile(text, PRODUCTION_CSP)).toThrow(message);
  });
});
