// Refreshes the README's screenshots from the browser tests that assert what they show: runs those tests in
// code-server (test/e2e/ui), then copies their screenshots from test-output/e2e/screenshots/ into docs/screenshots/.
//   npm run screenshots              (run the tests, then copy)
//   npm run screenshots -- --copy    (copy what the last browser run left)
// The editor shots are clipped to the editor and its hover or menu, so each stays small; a shot above MAX_BYTES fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const from = path.join(root, 'test-output', 'e2e', 'screenshots');
const to = path.join(root, 'docs', 'screenshots');
const MAX_BYTES = 250 * 1024;

/** README image ← the test screenshot it is copied from (the test named after it asserts what the image shows). */
const shots: Record<string, string> = {
  'editor-database-region-hover.png': 'cases-database-region-hover.png', // cases.test.ts: a DynamoDB region is a fact
  'editor-quick-fix.png': 'cases-quick-fix-menu.png', // cases.test.ts: the switch moves the resource's three literals
  'editor-profile-hover.png': 'cases-us-profile-hover.png', // cases.test.ts: a us. profile ranges over its destinations
  'editor-explain.png': 'cases-explain-preview.png', // cases.test.ts: Explain renders as a Markdown preview
  'editor-hint-and-hover.png': 'quickfix-1-hint-and-hover.png', // quickfix.test.ts: hint and hover on Terraform
  'leaderboard.png': 'leaderboard-1-opened.png', // leaderboard.test.ts
  'leaderboard-compare.png': 'leaderboard-4-compare.png', // leaderboard.test.ts
};

/** The browser tests that write those screenshots (mocha --grep). */
const TESTS =
  'browser: the editor on real-shaped code|browser: quick fix on a Terraform region|opens from the command palette, sorts by carbon';

if (!process.argv.includes('--copy')) {
  const mocha = path.join(root, 'node_modules', '.bin', 'mocha');
  const run = spawnSync(mocha, ['--config', 'test/e2e/.mocharc.json', '--grep', TESTS], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('screenshots: the browser tests failed; docs/screenshots was not changed.');
    process.exit(1);
  }
}

const missing = Object.values(shots).filter((name) => !existsSync(path.join(from, name)));
if (missing.length) {
  console.error(`screenshots: not in ${path.relative(root, from)}: ${missing.join(', ')}. Run \`npm run screenshots\` (without --copy).`);
  process.exit(1);
}
let failed = false;
for (const [target, source] of Object.entries(shots)) {
  const bytes = statSync(path.join(from, source)).size;
  if (bytes > MAX_BYTES) {
    console.error(`screenshots: ${source} is ${Math.round(bytes / 1024)} KB, over ${MAX_BYTES / 1024} KB; clip it in its test.`);
    failed = true;
    continue;
  }
  copyFileSync(path.join(from, source), path.join(to, target));
  console.log(`screenshots: docs/screenshots/${target} ← ${source} (${Math.round(bytes / 1024)} KB)`);
}
process.exit(failed ? 1 : 0);
