// The `_headers` reader shared by the build test and the e2e static host.
import { describe, expect, it } from 'vitest';
import { cspDirectives, headersFor, matchesPattern, parseHeadersFile } from './headers-file.ts';

describe('_headers file', () => {
  const file = [
    '# a comment',
    '/*',
    '  X-Content-Type-Options: nosniff',
    '  Link: </a.css>; rel=preload',
    '',
    '/assets/*',
    '  Cache-Control: public, max-age=31536000, immutable',
    '  Link: </b.css>; rel=preload',
    '/users/:id/profile',
    '  X-Profile: yes',
  ].join('\r\n');

  it('reads rules and headers in order', () => {
    expect(parseHeadersFile(file)).toEqual([
      { pattern: '/*', headers: [['X-Content-Type-Options', 'nosniff'], ['Link', '</a.css>; rel=preload']] },
      { pattern: '/assets/*', headers: [['Cache-Control', 'public, max-age=31536000, immutable'], ['Link', '</b.css>; rel=preload']] },
      { pattern: '/users/:id/profile', headers: [['X-Profile', 'yes']] },
    ]);
  });

  it.each<[string, string, boolean]>([
    ['/*', '/', true],
    ['/*', '/assets/x.js', true],
    ['/assets/*', '/assets/x.js', true],
    ['/assets/*', '/index.html', false],
    ['/users/:id/profile', '/users/7/profile', true],
    ['/users/:id/profile', '/users/7/8/profile', false],
    ['/a.b', '/aXb', false],
    ['/', '/index.html', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(matchesPattern(pattern, path)).toBe(expected);
  });

  it('gives a path the headers of every matching rule, joining repeats', () => {
    const rules = parseHeadersFile(file);
    expect(Object.fromEntries(headersFor(rules, '/assets/x.js'))).toEqual({
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=31536000, immutable',
      link: '</a.css>; rel=preload, </b.css>; rel=preload',
    });
    expect(Object.fromEntries(headersFor(rules, '/index.html'))).toEqual({ 'x-content-type-options': 'nosniff', link: '</a.css>; rel=preload' });
  });

  it.each([
    ['  X-A: 1', 'a header before any path'],
    ['/*\n  not a header', 'expected "Name: value"'],
    ['*.js\n  X-A: 1', 'a path must start with "/"'],
  ])('refuses %j', (text, message) => {
    expect(() => parseHeadersFile(text)).toThrow(message);
  });

  it('splits a policy into its directives and refuses a repeated one', () => {
    expect(cspDirectives("default-src 'self'; IMG-src 'self' data:;")).toEqual(new Map([['default-src', ["'self'"]], ['img-src', ["'self'", 'data:']]]));
    expect(() => cspDirectives("script-src 'self'; script-src 'none'")).toThrow('appears twice');
  });
});
