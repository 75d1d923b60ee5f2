// The pre-commit hook (.pre-commit-hooks.yaml): Debian's pre-commit installs it from a git copy of this repository
// (npm install, npm pack, npm install -g, as for any `language: node` hook) and runs it on the staged files of a
// project made from samples/: once through `pre-commit try-repo`, once from a .pre-commit-config.yaml.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyRepository, REPO_ROOT, run, runOk } from './packedCli';

const git = (cwd: string, ...args: string[]) =>
  runOk('git', ['-c', 'user.name=GridLens test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
  });

describe('pre-commit hook (pre-commit on staged files)', function () {
  this.timeout(300_000);
  let dir: string;
  let hookRepo: string;
  let project: string;
  const env = () => ({
    ...process.env,
    PRE_COMMIT_HOME: join(dir, 'pre-commit-home'),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  });
  const tryRepo = () => run('pre-commit', ['try-repo', hookRepo, 'gridlens', '--verbose'], { cwd: project, env: env() });

  before(() => {
    const version = run('pre-commit', ['--version'], { cwd: REPO_ROOT });
    assert.equal(version.status, 0, 'pre-commit is not installed: apt-get install -y pre-commit (Debian package)');
    dir = mkdtempSync(join(tmpdir(), 'gridlens-pre-commit-'));
    // the hook's repository: this checkout as a fresh clone has it, committed (pre-commit clones it)
    hookRepo = join(dir, 'gridlens');
    mkdirSync(hookRepo);
    copyRepository(hookRepo);
    git(hookRepo, 'init', '-q');
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-q', '-m', 'gridlens');
    project = join(dir, 'project');
    cpSync(join(REPO_ROOT, 'samples'), project, { recursive: true });
    git(project, 'init', '-q');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('try-repo: fails when a staged file sets a region with a cleaner option saving ≥ 30 %, naming only staged files', () => {
    git(project, 'add', 'infra');
    const result = tryRepo();
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /GridLens carbon scan\.+Failed/);
    assert.match(result.stdout, /infra\/variables\.tf:4 +region +inference +us-east-1 .* us-west-2 −\d+%/);
    assert.doesNotMatch(result.stdout, /proxy\/|sam\//, 'unstaged files are not scanned');
  });

  it('from .pre-commit-config.yaml: passes when the staged files have no such region', () => {
    git(project, 'commit', '-q', '--no-verify', '-m', 'infra');
    const rev = runOk('git', ['rev-parse', 'HEAD'], { cwd: hookRepo }).trim();
    writeFileSync(
      join(project, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: gridlens\n        verbose: true\n`,
    );
    git(project, 'add', '.env', '.pre-commit-config.yaml');
    const result = run('pre-commit', ['run'], { cwd: project, env: env() });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /GridLens carbon scan\.+Passed/);
    assert.match(result.stdout, /\.env:2 +region +inference +us-west-2/);
  });
});
