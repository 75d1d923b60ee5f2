// The GitHub Action (action.yml): its own `run:` steps, read from action.yml with the inputs substituted as the
// runner does, run by bash as a composite action's `shell: bash` is, against a copy of samples/; the SARIF file, the
// exit code and the step that fails the job are checked. `uses:` steps (the code-scanning upload) cannot run here:
// their inputs are checked instead.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { copyRepository, REPO_ROOT } from './packedCli';

interface Step {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

interface Job {
  /** Step name → exit status of the run steps that ran. */
  ran: Array<{ name: string; status: number; stderr: string }>;
  /** The step that failed the job, if any. */
  failedAt?: string;
  outputs: Record<string, Record<string, string>>;
  /** The action's outputs, as `outputs:` maps them. */
  actionOutputs: Record<string, string>;
}

interface Context {
  inputs: Record<string, string>;
  actionPath: string;
  workspace: string;
  runnerTemp: string;
}

/** Evaluates the `${{ … }}` expressions the action uses; anything else is a test failure, not a silent blank. */
function substitute(text: string, context: Context, outputs: Job['outputs']): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    let match: RegExpExecArray | null;
    if ((match = /^inputs\.([\w-]+)$/.exec(expression))) {
      assert.ok(match[1] in action.inputs, `action.yml uses an undeclared input: ${match[1]}`);
      return context.inputs[match[1]] ?? action.inputs[match[1]].default ?? '';
    }
    if ((match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression))) return outputs[match[1]]?.[match[2]] ?? '';
    if (expression === 'github.action_path') return context.actionPath;
    if (expression === 'github.workspace') return context.workspace;
    if (expression === 'runner.temp') return context.runnerTemp;
    throw new Error(`the test does not know the expression \${{ ${expression} }} used in action.yml`);
  });
}

/** Runs the composite action's run steps in order, as the runner does; `reuse` gives earlier outputs for steps not rerun. */
function runAction(context: Context, reuse: Job['outputs'] = {}): Job {
  const job: Job = { ran: [], outputs: { ...reuse }, actionOutputs: {} };
  for (const step of action.runs.steps) {
    if (step.uses || (step.id && step.id in reuse)) continue;
    assert.equal(step.shell, 'bash', `${step.name}: composite run steps name their shell`);
    const outputFile = join(context.runnerTemp, `output-${job.ran.length}`);
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GITHUB_OUTPUT: outputFile,
      GITHUB_ACTION_PATH: context.actionPath,
      GITHUB_WORKSPACE: context.workspace,
      RUNNER_TEMP: context.runnerTemp,
    };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = substitute(String(value), context, job.outputs);
    const script = join(context.runnerTemp, `step-${job.ran.length}.sh`);
    writeFileSync(script, substitute(step.run ?? '', context, job.outputs));
    // what GitHub runs for `shell: bash`
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: substitute(step['working-directory'] ?? '${{ github.workspace }}', context, job.outputs),
      env,
      encoding: 'utf8',
    });
    job.ran.push({ name: step.name, status: result.status ?? -1, stderr: `${result.stderr}` });
    if (step.id) {
      job.outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const at = line.indexOf('=');
            return [line.slice(0, at), line.slice(at + 1)];
          }),
      );
    }
    if (result.status !== 0) {
      job.failedAt = step.name;
      break;
    }
  }
  for (const [name, output] of Object.entries(action.outputs)) job.actionOutputs[name] = substitute(output.value, context, job.outputs);
  return job;
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
}

function readSarif(
  workspace: string,
  job: Job,
): { version: string; runs: Array<{ tool: { driver: { version: string } }; results: SarifResult[] }> } {
  return JSON.parse(readFileSync(join(workspace, job.actionOutputs['sarif-file']), 'utf8'));
}

const uris = (results: SarifResult[]) => results.map((r) => decodeURI(r.locations[0].physicalLocation.artifactLocation.uri));

describe('GitHub Action (action.yml run steps on samples/)', function () {
  this.timeout(300_000);
  let dir: string;
  let actionPath: string;
  let installed: Job['outputs'];
  let first: { job: Job; workspace: string };
  const version: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;

  function context(inputs: Record<string, string>): Context {
    const workspace = mkdtempSync(join(dir, 'workspace-'));
    cpSync(join(REPO_ROOT, 'samples'), workspace, { recursive: true });
    const runnerTemp = mkdtempSync(join(dir, 'runner-temp-'));
    return { inputs, actionPath, workspace, runnerTemp };
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridlens-action-'));
    actionPath = join(dir, 'action');
    mkdirSync(actionPath);
    copyRepository(actionPath);
    // The install step's npm ci: the packages from npm's cache where it has them (CI's npm ci just filled it).
    process.env.npm_config_prefer_offline = 'true';
    const ctx = context({});
    const job = runAction(ctx);
    first = { job, workspace: ctx.workspace };
    installed = { install: job.outputs.install };
  });
  after(() => {
    delete process.env.npm_config_prefer_offline;
    rmSync(dir, { recursive: true, force: true });
  });

  it('with the default inputs: installs the CLI from the action source, writes SARIF, passes', () => {
    const { job, workspace } = first;
    assert.equal(job.failedAt, undefined, JSON.stringify(job.ran, null, 2));
    assert.deepEqual(
      job.ran.map((s) => s.name),
      action.runs.steps.filter((s) => s.run).map((s) => s.name),
    );
    assert.equal(job.actionOutputs['exit-code'], '0');
    const sarif = readSarif(workspace, job);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].tool.driver.version, version);
    const results = sarif.runs[0].results;
    assert.ok(results.length > 0 && results.every((r) => r.ruleId === 'gridlens/cleaner-region'));
    for (const uri of uris(results)) assert.ok(existsSync(join(workspace, uri)), `${uri} is relative to the workspace`);
  });

  it('uploads that SARIF file to code scanning with github/codeql-action/upload-sarif', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'an upload-sarif step');
    assert.equal(upload.with?.sarif_file, '${{ steps.scan.outputs.sarif-file }}');
    assert.equal(upload.if, "inputs.upload-sarif == 'true'");
    const steps = action.runs.steps.map((s) => s.name);
    assert.ok(steps.indexOf(upload.name) < steps.length - 1, 'the upload runs before the step that fails the job');
  });

  it('fail-above: a pair above the threshold fails the job with exit code 1, after the SARIF is written', () => {
    const ctx = context({ paths: 'sam\nproxy .env', 'fail-above': '1', jurisdiction: 'EU' });
    const job = runAction(ctx, installed);
    assert.equal(job.failedAt, 'Fail above the thresholds');
    assert.equal(job.ran.at(-1)?.status, 1);
    assert.equal(job.actionOutputs['exit-code'], '1');
    const results = readSarif(ctx.workspace, job).runs[0].results;
    assert.ok(results.some((r) => r.ruleId === 'gridlens/carbon-above-threshold'));
    for (const uri of uris(results)) assert.match(uri, /^(sam\/|proxy\/|\.env$)/, 'only the given paths');
  });

  it('min-savings and jurisdiction: a cleaner region saving enough fails the job; paths stay workspace-relative', () => {
    const ctx = context({ paths: 'sam', 'min-savings': '10', jurisdiction: 'any' });
    const job = runAction(ctx, installed);
    assert.equal(job.failedAt, 'Fail above the thresholds');
    assert.equal(job.actionOutputs['exit-code'], '1');
    const results = readSarif(ctx.workspace, job).runs[0].results;
    assert.ok(results.length > 0);
    for (const uri of uris(results)) assert.ok(uri.startsWith('sam/') && existsSync(join(ctx.workspace, uri)), uri);

    const strict = context({ paths: 'sam', 'min-savings': '99' });
    const passing = runAction(strict, installed);
    assert.equal(passing.failedAt, undefined, JSON.stringify(passing.ran, null, 2));
    assert.equal(passing.actionOutputs['exit-code'], '0');
  });

  it('usage-only: the SARIF messages count usage alone; by default usage + embodied', () => {
    const messages = (inputs: Record<string, string>) => {
      const ctx = context({ paths: 'sam', 'min-savings': '10', jurisdiction: 'any', ...inputs });
      return readSarif(ctx.workspace, runAction(ctx, installed))
        .runs[0].results.map((r) => r.message.text)
        .join('\n');
    };
    assert.match(messages({}), /usage \+ embodied hardware emissions; grid life-cycle, location-based/);
    assert.match(messages({ 'usage-only': 'true' }), /usage only \(no embodied hardware emissions\); grid life-cycle, location-based/);
  });

  it('a bad input fails the scan step with exit code 2 and no SARIF to upload', () => {
    const ctx = context({ jurisdiction: 'nowhere!' });
    const job = runAction(ctx, installed);
    assert.equal(job.failedAt, 'Scan');
    assert.equal(job.ran.at(-1)?.status, 2);
    assert.match(job.ran.at(-1)?.stderr ?? '', /--jurisdiction must be/);
    assert.equal(job.actionOutputs['sarif-file'], '');
  });
});
