// The converter core must stay pure: no UI, worker, storage or download code, and no DOM.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const coreDir = new URL('../src/core/', import.meta.url).pathname;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const FORBIDDEN_IMPORTS = [/['"]svelte/, /['"]idb-keyval/, /['"]file-saver/, /\/ui\//, /\/worker\//, /\/persistence\//, /\.\.\/\.\.\/ui/, /['"]node:/];
const FORBIDDEN_GLOBALS = [/\bdocument\./, /\bwindow\./, /\bindexedDB\b/, /\blocalStorage\b/, /\bsessionStorage\b/, /\bfetch\(/, /\bXMLHttpRequest\b/];

/** The CSV reader, and the problems CSV (written by Papa.unparse, whose quoting and formula escaping we rely on). */
const PAPAPARSE_IMPORTERS = [join('keap', 'read-csv.ts'), join('review', 'problems-csv.ts')];

/** Code lines only: comments are allowed to mention the words. */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

export function violations(files: string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const code = codeOf(readFileSync(file, 'utf8'));
    const imports = [...code.matchAll(/(?:import|export)[^'"]*?from\s*(['"][^'"]+['"])|import\s*\(\s*(['"][^'"]+['"])/g)].map((m) => m[1] ?? m[2] ?? '');
    for (const spec of imports) {
      if (FORBIDDEN_IMPORTS.some((re) => re.test(spec))) out.push(`${relative(coreDir, file)} imports ${spec}`);
      if (spec.includes('papaparse') && !PAPAPARSE_IMPORTERS.some((p) => file.endsWith(p))) out.push(`${relative(coreDir, file)} imports papaparse (only ${PAPAPARSE_IMPORTERS.join(' and ')} may)`);
    }
    for (const re of FORBIDDEN_GLOBALS) if (re.test(code)) out.push(`${relative(coreDir, file)} uses ${re.source}`);
  }
  return out;
}

describe('architecture', () => {
  it('src/core imports nothing from the UI, the worker, storage, file-saver or the DOM', () => {
    const files = walk(coreDir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    expect(violations(files)).toEqual([]);
  });

  it('the check catches a forbidden import (so it can fail)', () => {
    const tmp = join(new URL('../node_modules/.vite/', import.meta.url).pathname, 'arch-probe.ts');
    const fs = require('node:fs') as typeof import('node:fs');
    fs.mkdirSync(join(tmp, '..'), { recursive: true });
    fs.writeFileSync(tmp, "import { get } from 'idb-keyval';\nexport const x = document.title;\n");
    expect(violations([tmp]).length).toBe(2);
  });
});
