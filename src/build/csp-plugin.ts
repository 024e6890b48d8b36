import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * The one definition of the production page's Content-Security-Policy. The build writes it
 * twice: as the page's meta tag (every host, GitHub Pages included) and into `_headers` as an
 * HTTP header (Netlify, Cloudflare Pages), so the two cannot drift apart. Not in the dev server,
 * which needs inline scripts and a websocket for hot reload. The policy allows the page's own
 * scripts, styles and worker, and forbids every network connection.
 */
export const PRODUCTION_CSP = [
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

/** The static hosts' headers file (public/_headers), copied by Vite into the output directory. */
const HEADERS_FILE = '_headers';
/** Where public/_headers wants the page's policy; the build puts PRODUCTION_CSP there. */
export const CSP_PLACEHOLDER = '%KEAP2IIF_CSP%';

/**
 * public/_headers with the policy put in place of CSP_PLACEHOLDER. Throws unless the
 * placeholder is there exactly once, on a `Content-Security-Policy:` header line: a policy
 * written out by hand in that file could drift from the page's.
 */
export function fillHeadersFile(template: string, policy: string): string {
  const lines = template.split(/\r?\n/);
  const at = lines.filter((line) => line.includes(CSP_PLACEHOLDER));
  if (at.length !== 1 || template.split(CSP_PLACEHOLDER).length !== 2) {
    throw new Error(`${HEADERS_FILE} must hold ${CSP_PLACEHOLDER} exactly once (found ${template.split(CSP_PLACEHOLDER).length - 1}), where the build puts the page's Content-Security-Policy.`);
  }
  if (!/^\s+Content-Security-Policy:\s/i.test(at[0] ?? '')) {
    throw new Error(`${HEADERS_FILE}: ${CSP_PLACEHOLDER} must be the value of an indented "Content-Security-Policy:" line, not: ${at[0]?.trim()}`);
  }
  return template.replace(CSP_PLACEHOLDER, () => policy);
}

/**
 * Adds the policy as the production page's meta tag, and writes the same policy into the
 * `_headers` file Vite copied from public/ (when there is one).
 */
export function contentSecurityPolicy(policy: string = PRODUCTION_CSP): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'keap2iif-csp',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
        return html.replace(/<head>/i, `<head>\n    ${tag}`);
      },
    },
    writeBundle(options) {
      if (!config?.publicDir || !config.build.copyPublicDir || !existsSync(join(config.publicDir, HEADERS_FILE))) return;
      const file = join(options.dir ?? resolve(config.root, config.build.outDir), HEADERS_FILE);
      if (!existsSync(file)) this.error(`keap2iif csp: ${file} was not copied from ${config.publicDir}.`);
      try {
        writeFileSync(file, fillHeadersFile(readFileSync(file, 'utf8'), policy));
      } catch (e) {
        this.error(`keap2iif csp: ${(e as Error).message}`);
      }
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
