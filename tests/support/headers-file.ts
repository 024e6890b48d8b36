/**
 * Reads a `_headers` file the way Netlify and Cloudflare Pages do: `#` comments, a URL path
 * pattern at the start of a line (`*` matches anything, `:name` one path segment), then its
 * headers on indented `Name: value` lines. A header set by several matching rules is joined
 * with ", ". Used by the build test and by the e2e static host that applies the file.
 */

export interface HeaderRule {
  pattern: string;
  headers: [name: string, value: string][];
}

/** The rules of a `_headers` file, in order; throws on a line neither host would accept. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  let current: HeaderRule | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (!/^\s/.test(line)) {
      if (!trimmed.startsWith('/')) throw new Error(`_headers line ${i + 1}: a path must start with "/": ${trimmed}`);
      current = { pattern: trimmed, headers: [] };
      rules.push(current);
      return;
    }
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(trimmed);
    if (!m) throw new Error(`_headers line ${i + 1}: expected "Name: value": ${trimmed}`);
    if (!current) throw new Error(`_headers line ${i + 1}: a header before any path: ${trimmed}`);
    current.headers.push([m[1] as string, (m[2] as string).trim()]);
  });
  return rules;
}

/** True when a URL path matches a rule's pattern. */
export function matchesPattern(pattern: string, path: string): boolean {
  const source = pattern
    .split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/)
    // Odd entries are the separators the split captured: a splat or a placeholder.
    .map((part, i) => (i % 2 === 0 ? part.replace(/[.+?^${}()|[\]\\]/g, '\\$&') : part === '*' ? '.*' : '[^/]+'))
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

/** The headers a host sends for `path` (names lower-cased, as HTTP treats them). */
export function headersFor(rules: HeaderRule[], path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of rules) {
    if (!matchesPattern(rule.pattern, path)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const before = out.get(key);
      out.set(key, before === undefined ? value : `${before}, ${value}`);
    }
  }
  return out;
}

/** A Content-Security-Policy as directive name -> sources, for comparing two policies. */
export function cspDirectives(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [first, ...sources] = part.trim().split(/\s+/);
    if (!first) continue;
    const name = first.toLowerCase();
    if (directives.has(name)) throw new Error(`directive ${name} appears twice in: ${policy}`);
    directives.set(name, sources);
  }
  return directives;
}
