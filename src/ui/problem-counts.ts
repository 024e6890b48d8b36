/**
 * The problems of a run counted by severity, and by kind of problem (code) for the print
 * summary: how many rows were set aside and why, at a glance.
 */
import type { Issue, Severity } from '../core/issues.ts';

export function severityCounts(issues: readonly Issue[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) counts[i.severity]++;
  return counts;
}

export interface CodeCount {
  code: string;
  severity: Severity;
  count: number;
  /** The first message of this kind, as an example. */
  example: string;
}

/** One line per problem code and severity, most frequent first. */
export function codeCounts(issues: readonly Issue[]): CodeCount[] {
  const byCode = new Map<string, CodeCount>();
  for (const i of issues) {
    const key = `${i.severity}|${i.code}`;
    const c = byCode.get(key);
    if (c) c.count++;
    else byCode.set(key, { code: i.code, severity: i.severity, count: 1, example: i.message });
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
