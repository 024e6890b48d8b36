/**
 * The top entries of a V8 CPU profile (`node --cpu-prof`): self time per function, so the bench
 * can print where the time went next to the path of the profile (open it in Chrome DevTools or
 * speedscope for the whole picture).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  /** `name (file:line)`, or V8's own `(garbage collector)`, `(program)`, `(idle)`. */
  name: string;
  selfMs: number;
  share: number;
}

function label(frame: CpuProfileNode['callFrame'], root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.startsWith('file://') ? relative(root, new URL(frame.url).pathname) : frame.url;
  // Modules loaded through tsx report line 0 for every function: a line is given only when known.
  return frame.lineNumber > 0 ? `${name} (${file}:${frame.lineNumber + 1})` : `${name} (${file})`;
}

/** Self time per function, largest first; `root` shortens file paths. */
export function topEntries(profile: CpuProfile, root: string, count = 12): ProfileEntry[] {
  const nameOf = new Map<number, string>();
  for (const n of profile.nodes) nameOf.set(n.id, label(n.callFrame, root));
  const selfUs = new Map<string, number>();
  let totalUs = 0;
  // Sample i was taken timeDeltas[i] after the one before it; the delta is charged to sample i.
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const name = nameOf.get(id) ?? '(unknown)';
    selfUs.set(name, (selfUs.get(name) ?? 0) + us);
    totalUs += us;
  });
  return [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: totalUs > 0 ? us / totalUs : 0 }));
}

/** Reads a .cpuprofile file and returns its top entries. */
export function summariseProfile(path: string, root: string, count = 12): ProfileEntry[] {
  return topEntries(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, root, count);
}
