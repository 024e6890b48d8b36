/**
 * A static host for the end-to-end tests, the way Netlify or Cloudflare Pages serve a deploy:
 * dist/ under a sub-path (as GitHub Pages serves a project, e.g. /keap2iif/), the rules of its
 * `_headers` file sent as real HTTP headers (matched against the path inside the deploy), the
 * `_headers` file itself not served, `/keap2iif` redirected to `/keap2iif/`, and a directory
 * answered with its index.html. Every path asked for is recorded.
 *
 * With `reportViolations`, every response whose rules set a Content-Security-Policy also
 * carries a report-only copy of it with a report-uri on this host, so the browser reports
 * violations the page cannot see itself: those in the module worker, which runs under the
 * policy of its own script's response, not under the page's. The enforced headers are unchanged.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { headersFor, parseHeadersFile } from '../support/headers-file.ts';
import { CONTENT_TYPES } from '../support/content-types.ts';


export interface StaticHost {
  origin: string;
  /** The site's address: origin + sub-path, ending in "/". */
  url: string;
  /** Every request the host answered, as "METHOD path status". */
  log: string[];
  /** The CSP violation reports received (with `reportViolations`), as the browser sent them. */
  violationReports: unknown[];
  close(): Promise<void>;
}

/** Where the browser posts the reports of the report-only policy copy (outside the site's paths). */
const REPORT_PATH = '/__csp-report';

/** Serves `dir` at `base` (e.g. "/keap2iif/") on 127.0.0.1, applying `dir/_headers`. */
export async function serveLikeStaticHost(dir: string, base: string, options: { reportViolations?: boolean } = {}): Promise<StaticHost> {
  if (!/^\/([\w.-]+\/)*$/.test(base)) throw new Error(`base must be a path ending in "/": ${base}`);
  const root = resolve(dir);
  const headersFile = join(root, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const log: string[] = [];
  const violationReports: unknown[] = [];
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (options.reportViolations && method === 'POST' && path === REPORT_PATH) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          violationReports.push(JSON.parse(body));
        } catch {
          violationReports.push(body);
        }
        res.writeHead(204).end();
      });
      return;
    }
    const answer = (status: number, headers: Record<string, string>, body?: Buffer | string): void => {
      log.push(`${method} ${path} ${status}`);
      res.writeHead(status, headers);
      res.end(method === 'HEAD' ? undefined : body);
    };
    if (method !== 'GET' && method !== 'HEAD') return answer(405, { allow: 'GET, HEAD' });
    if (`${path}/` === base) return answer(301, { location: base });
    if (!path.startsWith(base)) return answer(404, { 'content-type': 'text/plain; charset=utf-8' }, 'not found');
    // The path inside the deploy, as the host matches `_headers` rules against it.
    let inside: string;
    try {
      inside = `/${decodeURIComponent(path.slice(base.length))}`;
    } catch {
      return answer(400, { 'content-type': 'text/plain; charset=utf-8' }, 'bad request');
    }
    const hostHeaders = Object.fromEntries(headersFor(rules, inside));
    const policy = hostHeaders['content-security-policy'];
    if (options.reportViolations && policy) hostHeaders['content-security-policy-report-only'] = `${policy}; report-uri ${REPORT_PATH}`;
    if (inside.endsWith('/')) inside += 'index.html';
    const file = normalize(join(root, inside));
    const servable = (file === root || file.startsWith(root + sep)) && file !== headersFile && existsSync(file) && statSync(file).isFile();
    if (!servable) return answer(404, { ...hostHeaders, 'content-type': 'text/plain; charset=utf-8' }, 'not found');
    answer(200, { ...hostHeaders, 'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-store' }, readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${base}`,
    log,
    violationReports,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
