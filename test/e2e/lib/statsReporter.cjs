// Mocha reporter: the usual spec output, plus one JSON line of counts appended to $GRIDLENS_TEST_STATS for
// scripts/test.mjs.  Use: mocha --reporter test/e2e/lib/statsReporter.cjs --reporter-option layer=<name>
'use strict';
const fs = require('fs');
const Mocha = require('mocha');

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const layer = (options.reporterOptions && options.reporterOptions.layer) || 'mocha';
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.GRIDLENS_TEST_STATS;
      if (!file) return;
      const { passes, failures, pending } = runner.stats;
      fs.appendFileSync(file, `${JSON.stringify({ layer, passes, failures, pending })}\n`);
    });
  }
}

module.exports = StatsReporter;
