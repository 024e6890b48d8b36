/**
 * The Targets table of issue 11, filled from one bench run: per measure the figure measured,
 * the target, and whether it is met. A measure whose size or runner was not part of the run
 * says so instead of a figure.
 */

/** What a bench run measured, by number of orders. */
export interface BenchMeasures {
  /** Node in-process: seconds, medians. */
  node: Map<number, { parseOnlySeconds: number; fullSeconds: number }>;
  /** Whole processes: the command line, and a fresh node parsing with papaparse `header: true`. */
  cli: Map<number, { seconds: number; floorSeconds: number | null; peakRssBytes: number; failed?: string }>;
  chromium: Map<number, { parseOnlySeconds: number; fullSeconds: number; workerHeapPeakBytes: number; longestTaskMs: number; failed?: string }>;
}

export interface TargetRow {
  measure: string;
  measured: string;
  target: string;
  met: 'yes' | 'no' | 'not run';
}

const MB = 1e6;
const fixed = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (full: number, floor: number) => `${fixed(full / floor, 1)}x (${fixed(full, 2)} s vs ${fixed(floor, 2)} s)`;
const K100 = 100_000;
const M1 = 1_000_000;

interface Target {
  measure: string;
  target: string;
  /** The measured value (compared with `limit`, lower is better) and its text; null when not run. */
  read(m: BenchMeasures): { value: number; text: string } | { failed: string } | null;
  limit: number;
}

const TARGETS: Target[] = [
  {
    measure: 'command line, whole process, 100k orders, vs a fresh node running papaparse header: true',
    target: '<= 2.0x',
    limit: 2,
    read: (m) => {
      const c = m.cli.get(K100);
      if (!c) return null;
      if (c.failed) return { failed: c.failed };
      return c.floorSeconds === null ? null : { value: c.seconds / c.floorSeconds, text: ratio(c.seconds, c.floorSeconds) };
    },
  },
  ...[K100, M1].map((orders): Target => ({
    measure: `Node in-process full conversion vs papaparse parse-only (arrays), ${orders === K100 ? '100k' : '1M'} orders`,
    target: '<= 3x (stretch 1.5x)',
    limit: 3,
    read: (m) => {
      const n = m.node.get(orders);
      return n ? { value: n.fullSeconds / n.parseOnlySeconds, text: ratio(n.fullSeconds, n.parseOnlySeconds) } : null;
    },
  })),
  {
    measure: 'Chromium worker full vs page parse-only, 1M orders',
    target: '<= 4x',
    limit: 4,
    read: (m) => {
      const c = m.chromium.get(M1);
      if (!c) return null;
      if (c.failed) return { failed: c.failed };
      return { value: c.fullSeconds / c.parseOnlySeconds, text: ratio(c.fullSeconds, c.parseOnlySeconds) };
    },
  },
  {
    measure: 'Chromium worker heap peak, 1M orders',
    target: '<= 600 MB',
    limit: 600 * MB,
    read: (m) => {
      const c = m.chromium.get(M1);
      if (!c) return null;
      if (c.failed) return { failed: c.failed };
      return { value: c.workerHeapPeakBytes, text: `${fixed(c.workerHeapPeakBytes / MB, 0)} MB` };
    },
  },
  ...[K100, M1].map((orders): Target => ({
    measure: `command line peak RSS, ${orders === K100 ? '100k' : '1M'} orders`,
    target: orders === K100 ? '<= 250 MB' : '<= 1 GB',
    limit: orders === K100 ? 250 * MB : 1000 * MB,
    read: (m) => {
      const c = m.cli.get(orders);
      if (!c) return null;
      if (c.failed) return { failed: c.failed };
      return { value: c.peakRssBytes, text: `${fixed(c.peakRssBytes / MB, 0)} MB` };
    },
  })),
  {
    measure: 'longest main-thread task during a conversion, 1M orders',
    target: '<= 50 ms',
    limit: 50,
    read: (m) => {
      const c = m.chromium.get(M1);
      if (!c) return null;
      if (c.failed) return { failed: c.failed };
      return { value: c.longestTaskMs, text: `${fixed(c.longestTaskMs, 0)} ms` };
    },
  },
];

/** Every row of the Targets table for this run. */
export function targetRows(m: BenchMeasures): TargetRow[] {
  return TARGETS.map((t) => {
    const r = t.read(m);
    if (r === null) return { measure: t.measure, measured: 'not measured in this run', target: t.target, met: 'not run' };
    if ('failed' in r) return { measure: t.measure, measured: `FAILED: ${r.failed}`, target: t.target, met: 'no' };
    return { measure: t.measure, measured: r.text, target: t.target, met: r.value <= t.limit ? 'yes' : 'no' };
  });
}

/** The rows as a Markdown table. */
export function targetTable(rows: readonly TargetRow[]): string {
  return [
    '| measure | measured | target | met? |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.measure} | ${r.measured} | ${r.target} | ${r.met === 'yes' ? 'yes' : r.met === 'no' ? '**no**' : 'not run'} |`),
  ].join('\n');
}
