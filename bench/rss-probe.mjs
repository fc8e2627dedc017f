// Preloaded into the CLI with `node --import` by bench/run.mjs: at exit, writes the process's peak
// resident set size (process.resourceUsage().maxRSS, in KiB) to the file named by FLUE_BENCH_RSS_FILE.
// Portable where /usr/bin/time -v is not (macOS, minimal CI images).
import { writeFileSync } from 'node:fs';

const file = process.env.FLUE_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
