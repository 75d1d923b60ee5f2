// Preloaded with `node --require` into the measured CLI process: writes the process's peak resident set size (KB,
// all threads including workers) to $GRIDLENS_BENCH_RSS_FILE when the process exits.
'use strict';
const file = process.env.GRIDLENS_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // the measurement is lost, the run is not
    }
  });
}
