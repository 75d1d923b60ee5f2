// The editor reads what the scanner reads: the document selector, the workspace scan's include list and the
// activation events come from one table (src/extension/documentSelector.ts) that must agree with detectFamily.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { detectFamily, type Family } from '../../src/core/scan/formats';
import { activationEvents, editorFormats, workspaceInclude } from '../../src/extension/documentSelector';

const repo = path.resolve(__dirname, '../..');

/** Every pattern is `**` + `/` + a file-name glob; `*` stands for any run of characters within the name. */
function nameMatcher(pattern: string): RegExp {
  assert.match(pattern, /^\*\*\/[^/{}]+$/, `pattern ${pattern} is not a flat **/name glob`);
  const name = pattern.slice(3).replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${name}$`);
}

const matchers = Object.values(editorFormats).flatMap((f) => f.patterns.map(nameMatcher));
const editorReads = (name: string) => matchers.some((m) => m.test(name));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [name];
  });
}

describe('editor formats: the editor reads what the scanner reads', () => {
  for (const [family, format] of Object.entries(editorFormats) as Array<[Family, (typeof editorFormats)[Family]]>) {
    it(`${family}: every pattern names files the scanner reads as ${family}`, () => {
      assert.ok(format.patterns.length > 0, `${family} has no file pattern`);
      for (const pattern of format.patterns) {
        const sample = pattern.slice(3).replace(/\*/g, 'x');
        assert.equal(detectFamily(`src/${sample}`), family, `${pattern} (as ${sample})`);
      }
    });
  }

  it('matches every file name of each kind the scanner reads, and no other', () => {
    const names = [
      // one name per branch of detectFamily, spelled as projects write them
      'main.tf', 'prod.tfvars', 'terraform.tfvars.example', 'template.yaml', 'serverless.yml', 'config.yaml.example', 'cdk.json',
      'settings.jsonc', 'stack.template', '.gridlensrc', 'samconfig.toml', '.env', '.env.local', 'prod.env', 'env.example', '.envrc',
      '.flaskenv', 'deploy.sh', 'run.bash', 'Makefile', 'GNUmakefile', 'rules.mk', 'Dockerfile', 'Containerfile', 'api.dockerfile',
      'Dockerfile.gpu', 'application.properties', 'app.py', 'stubs.pyi', 'lab.ipynb', 'client.ts', 'page.tsx', 'index.mjs', 'mod.mts',
      'main.go', 'Main.java', 'App.kt', 'build.gradle.kts', 'Job.scala', 'Program.cs', 'main.rs', 'deploy.ps1', 'Tools.psm1',
      'main.bicep', 'main.bicepparam',
      // and names it does not read
      'README.md', 'types.d.ts', 'logo.png', 'Cargo.lock', 'notes.txt',
      // plus every fixture the scanner's own tests read
      ...filesUnder(path.join(repo, 'test', 'fixtures')),
    ];
    for (const name of names) {
      // a .d.ts matches **/*.ts (a glob cannot exclude it) and the scanner then skips it: the one allowed difference
      if (name.endsWith('.d.ts')) continue;
      assert.equal(editorReads(name), detectFamily(name) !== undefined, `${name}: editor ${editorReads(name)}, scanner ${detectFamily(name) ?? 'skips it'}`);
    }
  });

  it('the workspace scan looks for every pattern, in one flat brace group', () => {
    const all = Object.values(editorFormats).flatMap((f) => f.patterns);
    assert.equal(workspaceInclude, `{${all.join(',')}}`);
  });

  it("package.json's activationEvents are the ones the table gives (regenerate them from activationEvents)", () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { activationEvents: string[] };
    assert.deepEqual(manifest.activationEvents, activationEvents, `package.json activationEvents should be:\n${JSON.stringify(activationEvents, null, 2)}`);
    for (const [family, format] of Object.entries(editorFormats)) {
      // every family can activate GridLens: by its language, as a notebook, or by a marker file in the workspace
      const reachable = format.languages.some((l) => manifest.activationEvents.includes(`onLanguage:${l}`)) || (family === 'notebook' && manifest.activationEvents.includes('onNotebook:jupyter-notebook'));
      assert.ok(reachable, `${family} cannot activate GridLens`);
      for (const marker of format.markers ?? []) assert.ok(format.patterns.some((p) => p === marker || p.endsWith(marker.slice(marker.lastIndexOf('.')))), `${family}: marker ${marker} is a file of the family`);
    }
    // workspaceContains is kept to infrastructure markers: a glob for every source file would activate in any project
    assert.ok(manifest.activationEvents.filter((e) => e.startsWith('workspaceContains:')).length <= 12);
  });
});
