import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * Adds the Content-Security-Policy meta tag to the production page only (the dev server
 * needs inline scripts and a websocket for hot reload). The policy allows the page's own
 * scripts, styles and worker, and forbids every network connection.
 */
const PRODUCTION_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(policy: string = PRODUCTION_CSP): Plugin {
  return {
    name: 'keap2iif-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
        return html.replace(/<head>/i, `<head>\n    ${tag}`);
      },
    },
  };
}

/**
 * The policy of the offline single file (dist-single/keap2iif.html), before the hashes of its
 * inline code are added. Nothing may be fetched from anywhere: the page's code and styles are
 * allowed only by their SHA-256 hashes (so injected markup cannot run), the worker only from the
 * Blob (or data:) URL the page makes from its own inlined code.
 */
const SINGLE_FILE_CSP_BASE = [
  "default-src 'none'",
  "img-src data: blob:",
  "worker-src blob: data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

const INLINE_SCRIPT_RE = /<script\b[^>]*>([\s\S]*?)<\/script>/gi;
const INLINE_STYLE_RE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;

/** `'sha256-…'` sources for every non-empty inline block matched by `re`. */
function inlineHashes(html: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(re)) {
    const code = m[1] ?? '';
    if (code.trim() === '') continue;
    out.push(`'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);
  }
  return [...new Set(out)];
}

/** The full single-file policy for an HTML page whose scripts and styles are all inline. */
function singleFilePolicy(html: string): string {
  const scripts = inlineHashes(html, INLINE_SCRIPT_RE);
  const styles = inlineHashes(html, INLINE_STYLE_RE);
  if (scripts.length === 0) throw new Error('keap2iif single file: no inline script found to allow in the Content-Security-Policy.');
  return [
    SINGLE_FILE_CSP_BASE[0],
    `script-src ${scripts.join(' ')}`,
    `style-src ${styles.length > 0 ? styles.join(' ') : "'none'"}`,
    ...SINGLE_FILE_CSP_BASE.slice(1),
  ].join('; ');
}

/**
 * For the offline single-file build: runs after vite-plugin-singlefile has inlined everything
 * (list it after that plugin), adds the CSP meta tag with the hashes of the inline code, checks
 * that no script, stylesheet or worker file is left next to the page, and names the page
 * `fileName`.
 */
export function singleFileContentSecurityPolicy(fileName = 'keap2iif.html'): Plugin {
  return {
    name: 'keap2iif-single-file-csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const htmlNames = Object.keys(bundle).filter((n) => n.endsWith('.html'));
        const leftOver = Object.keys(bundle).filter((n) => /\.(m?js|css)$/.test(n));
        if (htmlNames.length !== 1) this.error(`keap2iif single file: expected one HTML page, found ${htmlNames.length}.`);
        if (leftOver.length > 0) this.error(`keap2iif single file: these files were not inlined: ${leftOver.join(', ')}.`);
        const name = htmlNames[0] as string;
        const asset = bundle[name];
        if (!asset || asset.type !== 'asset') return this.error(`keap2iif single file: ${name} is not an asset.`);
        const html = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
        if (/<script\b[^>]*\bsrc=|<link\b[^>]*rel="stylesheet"/i.test(html)) this.error('keap2iif single file: the page still loads a script or stylesheet from a file.');
        const tag = `<meta http-equiv="Content-Security-Policy" content="${singleFilePolicy(html)}">`;
        const out = html.replace(/<head>/i, `<head>\n    ${tag}`);
        delete bundle[name];
        this.emitFile({ type: 'asset', fileName, source: out });
      },
    },
  };
}
