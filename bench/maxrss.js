// Fallback peak-RSS probe when GNU time is not available: loaded with `node --import`, it writes the
// process's maximum resident set size (KiB) and minor page faults, from getrusage, to
// $BENCH_MAXRSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
  process.on('exit', () => {
    const { maxRSS, minorPageFault } = process.resourceUsage();
    writeFileSync(file, `${maxRSS} ${minorPageFault}\n`);
  });
}
