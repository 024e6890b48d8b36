// Preloaded into a measured process (`node --import ./tests/bench/report-max-rss.mjs ...`): at
// exit it writes the process's peak resident set size, in bytes, to the file named by
// KEAP2IIF_MAX_RSS_FILE. Plain JavaScript so it needs no loader in the process it measures.
import { writeFileSync } from 'node:fs';

const target = process.env.KEAP2IIF_MAX_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
