#!/usr/bin/env node
// `npm test`: build, unit tests, the built CLI, the leaderboard page in Chromium, the packages (npm, action, hook, .vsix),
// the extension-host suite inside code-server, the browser tests through Chromium.
// Prints counts per layer and ends with one line `N passed, N failed[, N skipped]`; exits non-zero on any failure.
// A missing system piece (Chromium, code-server's build prerequisites) is reported loudly by name; on a developer's
// machine the e2e layers are then skipped, under CI=true that is a failure.
//
//   npm test                      all layers
//   npm test -- unit              only some layers: build, lint, unit, cli, page, package, host, browser (in any combination)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const statsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gridlens-test-')), 'stats.jsonl');
// Mocha colours even when piped; keep CI logs plain.
const reporter = ['--reporter', path.join(root, 'test/e2e/lib/statsReporter.cjs'), ...(process.stdout.isTTY ? [] : ['--no-color'])];
const MIN = 60_000;

const LAYERS = [
  { name: 'build', title: 'build (data + bundles)', command: ['npm', 'run', '--silent', 'build'], timeout: 5 * MIN, counts: false },
  {
    name: 'lint',
    title: 'lint (layer imports, unused code, cycles, formatting)',
    command: ['npm', 'run', '--silent', 'lint'],
    timeout: 5 * MIN,
    counts: false,
  },
  {
    name: 'unit',
    title: 'unit tests (mocha, Node)',
    command: ['npm', 'run', '--silent', 'test:unit', '--', ...reporter, '--reporter-option', 'layer=unit'],
    timeout: 5 * MIN,
  },
  {
    name: 'cli',
    title: 'built CLI (dist/cli.js on worker threads)',
    command: [bin('mocha'), '--config', 'test/built/.mocharc.json', ...reporter, '--reporter-option', 'layer=cli'],
    timeout: 5 * MIN,
  },
  {
    name: 'page',
    title: 'leaderboard page (Chromium, outside VS Code)',
    command: [bin('mocha'), '--config', 'test/webview/.mocharc.json', ...reporter, '--reporter-option', 'layer=page'],
    timeout: 5 * MIN,
  },
  {
    name: 'package',
    title: 'packages (npm tarball, GitHub Action, pre-commit hook, .vsix)',
    command: [bin('mocha'), '--config', 'test/package/.mocharc.json', ...reporter, '--reporter-option', 'layer=package'],
    timeout: 8 * MIN,
  },
  {
    name: 'e2e-setup',
    title: 'e2e setup (code-server install, packaging)',
    command: [bin('tsx'), 'test/e2e/prepare.ts'],
    timeout: 12 * MIN,
    counts: false,
    e2e: true,
  },
  {
    name: 'host',
    title: 'extension-host suite (inside code-server)',
    command: [bin('tsx'), 'test/e2e/hostSuite.ts'],
    timeout: 6 * MIN,
    e2e: true,
  },
  {
    name: 'browser',
    title: 'browser tests (Chromium → code-server workbench)',
    command: [bin('mocha'), '--config', 'test/e2e/.mocharc.json', ...reporter, '--reporter-option', 'layer=browser'],
    timeout: 10 * MIN,
    e2e: true,
  },
];

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !LAYERS.some((layer) => layer.name === name));
if (unknown.length) {
  console.error(`unknown layer(s): ${unknown.join(', ')}; choose from ${LAYERS.map((l) => l.name).join(', ')}`);
  process.exit(2);
}
const selected = LAYERS.filter(
  (layer) =>
    wanted.length === 0 ||
    wanted.includes(layer.name) ||
    (layer.name === 'e2e-setup' && wanted.some((w) => w === 'host' || w === 'browser')),
);

let active;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (active?.pid) {
      try {
        process.kill(-active.pid, 'SIGTERM');
      } catch {}
    }
    process.exit(130);
  });
}

function readStats(layer) {
  if (!fs.existsSync(statsFile)) return undefined;
  const lines = fs
    .readFileSync(statsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  return lines.filter((entry) => entry.layer === layer).at(-1);
}

function run(layer) {
  return new Promise((resolve) => {
    const [command, ...args] = layer.command;
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      detached: true, // own process group, so a timeout can stop everything it started
      env: { ...process.env, GRIDLENS_TEST_STATS: statsFile, GRIDLENS_E2E_PACKAGED: layer.name === 'e2e-setup' ? '' : '1' },
    });
    active = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${layer.title}: TIMED OUT after ${layer.timeout / MIN} min; stopping it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 10_000).unref();
    }, layer.timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 1, error: error.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      active = undefined;
      resolve({ code: code ?? 1, signal, timedOut });
    });
  });
}

const results = [];
let e2eUnavailable;
const t0 = Date.now();
for (const layer of selected) {
  if (layer.e2e && e2eUnavailable) {
    results.push({ layer, status: ci ? 'FAILED (missing piece)' : 'NOT RUN', passes: 0, failures: 0, pending: 0, seconds: 0 });
    continue;
  }
  console.log(`\n━━━ ${layer.title} ━━━`);
  const started = Date.now();
  const exit = await run(layer);
  const seconds = (Date.now() - started) / 1000;
  const stats = readStats(layer.name);
  const entry = { layer, seconds, passes: stats?.passes ?? 0, failures: stats?.failures ?? 0, pending: stats?.pending ?? 0 };
  if (stats?.unavailable) {
    e2eUnavailable = stats.unavailable;
    entry.note = stats.unavailable;
    entry.status = ci ? 'FAILED (missing piece)' : 'NOT RUN';
    if (ci) entry.failures = Math.max(entry.failures, 1);
  } else if (exit.code !== 0 || exit.timedOut) {
    // A layer that fails without reporting failing tests (a crash, a build error, a timeout) still counts.
    entry.failures = Math.max(entry.failures, 1);
    entry.status = exit.timedOut ? 'TIMED OUT' : 'FAILED';
  } else if (layer.counts !== false && !stats) {
    entry.failures = 1;
    entry.status = 'FAILED (reported no counts)';
  } else {
    entry.status = entry.failures > 0 ? 'FAILED' : 'ok';
  }
  results.push(entry);
  if (layer.name === 'build' && entry.failures > 0) {
    console.error('build failed: not running the tests');
    break;
  }
}

const totals = results.reduce(
  (sum, r) => ({ passes: sum.passes + r.passes, failures: sum.failures + r.failures, pending: sum.pending + r.pending }),
  { passes: 0, failures: 0, pending: 0 },
);
console.log(`\n━━━ summary (${((Date.now() - t0) / 1000).toFixed(0)}s${ci ? ', CI=true' : ''}) ━━━`);
for (const r of results) {
  const counts = r.layer.counts === false ? '' : `${r.passes} passed, ${r.failures} failed${r.pending ? `, ${r.pending} skipped` : ''}`;
  console.log(
    `${r.status === 'ok' ? '  ok ' : ' !!  '} ${r.layer.title}: ${counts || r.status}${counts && r.status !== 'ok' ? ` [${r.status}]` : ''} (${r.seconds.toFixed(1)}s)`,
  );
  if (r.note) console.log(`        ${r.note}`);
}
if (e2eUnavailable && !ci) {
  console.log('\n!!! The extension-host suite and the browser tests DID NOT RUN on this machine (see above for the missing piece).');
  console.log('!!! Under CI=true this is a failure.');
}
console.log(`${totals.passes} passed, ${totals.failures} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`);
fs.rmSync(path.dirname(statsFile), { recursive: true, force: true });
process.exit(totals.failures > 0 ? 1 : 0);
