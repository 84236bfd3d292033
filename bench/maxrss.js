// Fallback peak-RSS probe when GNU time is not available: loaded with `node --import`, it writes the
// process's maximum resident set size (KiB, from getrusage) to $BENCH_MAXRSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MAXRSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
