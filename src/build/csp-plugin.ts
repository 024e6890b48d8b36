import type { Plugin } from 'vite';

/**
 * Adds the Content-Security-Policy meta tag to the production page only (the dev server
 * needs inline scripts and a websocket for hot reload). The policy allows the page's own
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
