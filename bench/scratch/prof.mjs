import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2];
const f = readdirSync(dir).find(x => x.endsWith('.cpuprofile'));
const p = JSON.parse(readFileSync(dir + '/' + f, 'utf8'));
const self = new Map(); const byId = new Map(p.nodes.map(n => [n.id, n]));
const dt = p.timeDeltas; const counts = new Map();
for (let i = 0; i < p.samples.length; i++) counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (dt[i] ?? 0));
// self time per function
for (const n of p.nodes) { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber+1}`; self.set(k, (self.get(k) ?? 0) + (counts.get(n.id) ?? 0)); }
// total (inclusive) time
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = new Map();
for (const n of p.nodes) { const t = counts.get(n.id) ?? 0; if (!t) continue; const seen = new Set(); let id = n.id; while (id !== undefined) { const m = byId.get(id); const k = `${m.callFrame.functionName || '(anon)'} ${m.callFrame.url.split('/').slice(-2).join('/')}:${m.callFrame.lineNumber+1}`; if (!seen.has(k)) { total.set(k, (total.get(k) ?? 0) + t); seen.add(k); } id = parent.get(id); } }
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v/1000).toFixed(0).padStart(7)}ms ${k}`).join('\n');
console.log('SELF\n' + top(self, 30)); console.log('TOTAL\n' + top(total, 40));
