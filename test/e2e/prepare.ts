// One-time setup for the e2e layers, run by scripts/test.mjs before the extension-host suite and the browser tests:
// checks Chromium, installs code-server if needed, builds the suite, packages GridLens and the runner extension.
//   npx tsx test/e2e/prepare.ts
import * as fs from 'fs';
import * as path from 'path';
import { buildSuite } from '../extension-host/build';
import { ensureCodeServer } from './lib/installCodeServer';
import { packageAll } from './lib/packaging';
import { CODE_SERVER_VERSION, REPO_ROOT } from './lib/paths';
import { assertRequirements, DEBIAN_PACKAGES, findChromium } from './lib/prerequisites';
import { reportUnavailable, writeStats } from './lib/report';

/** .ci/run installs the Debian packages on a fresh machine: it must name every one the harness checks for. */
function checkCiPackageList(): void {
  const ciRun = fs.readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8');
  const missing = DEBIAN_PACKAGES.filter((name) => !new RegExp(`^\\s*${name.replace(/[.+]/g, '\\$&')}\\b`, 'm').test(ciRun));
  if (missing.length) throw new Error(`.ci/run does not install ${missing.join(', ')}, which test/e2e/lib/prerequisites.ts requires`);
}

async function main(): Promise<void> {
  const started = Date.now();
  checkCiPackageList();
  assertRequirements(['run']);
  const installSeconds = await ensureCodeServer((line) => console.log(line));
  const [files, packages] = await Promise.all([buildSuite(), packageAll()]);
  console.log(
    `e2e setup: code-server ${CODE_SERVER_VERSION} ${installSeconds ? `installed in ${installSeconds}s` : 'cached'}; Chromium ${findChromium()}; ` +
      `${files.length} extension-host test files built; GridLens + runner packaged in ${packages.seconds.toFixed(1)}s; total ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
}

main().then(
  () => writeStats('e2e-setup', { passes: 0, failures: 0, pending: 0 }),
  (error: Error) => {
    if (reportUnavailable(error, 'e2e-setup', 'extension-host suite and browser tests')) return;
    console.error(`e2e setup: ERROR ${error.stack ?? error.message}`);
    writeStats('e2e-setup', { passes: 0, failures: 1, pending: 0, error: error.message });
    process.exit(1);
  },
);
