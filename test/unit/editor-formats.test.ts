// The editor reads what the scanner reads: the document selector, the workspace scan's include list and the
// activation events are generated from the format registry (src/core/scan/registry.ts), as detectFamily is.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { detectFamily, FORMATS } from '../../src/core/scan/registry';
import { activationEvents, documentSelector } from '../../src/extension/documentSelector';

const repo = path.resolve(__dirname, '../..');

/** Every pattern is `**` + `/` + a file-name glob; `*` stands for any run of characters within the name. */
function nameMatcher(pattern: string): RegExp {
  assert.match(pattern, /^\*\*\/[^/{}]+$/, `pattern ${pattern} is not a flat **/name glob`);
  const name = pattern
    .slice(3)
    .replace(/[.+^${}()|[\]\\?]/g, '\\$&')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${name}$`);
}

const patterns = documentSelector.flatMap((filter) => (filter.pattern === undefined ? [] : [filter.pattern as string]));
const matchers = patterns.map(nameMatcher);
const editorReads = (name: string) => matchers.some((m) => m.test(name));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [name];
  });
}

describe('editor formats: the editor reads what the scanner reads', () => {
  for (const format of FORMATS) {
    it(`${format.id}: every name it declares is read as ${format.id}`, () => {
      assert.ok(format.names.length > 0, `${format.id} has no file name`);
      for (const name of format.names) {
        const sample = name.replace(/\*/g, 'x');
        assert.equal(detectFamily(`src/${sample}`), format.id, `${name} (as ${sample})`);
      }
    });
  }

  it('matches every file name of each kind the scanner reads, and no other', () => {
    const names = [
      // one name per branch of detectFamily, spelled as projects write them
      'main.tf',
      'prod.tfvars',
      'terraform.tfvars.example',
      'template.yaml',
      'serverless.yml',
      'config.yaml.example',
      'cdk.json',
      'settings.jsonc',
      'stack.template',
      '.gridlensrc',
      'samconfig.toml',
      '.env',
      '.env.local',
      'prod.env',
      'env.example',
      '.envrc',
      '.flaskenv',
      'deploy.sh',
      'run.bash',
      'Makefile',
      'GNUmakefile',
      'rules.mk',
      'Dockerfile',
      'Containerfile',
      'api.dockerfile',
      'Dockerfile.gpu',
      'application.properties',
      'app.py',
      'stubs.pyi',
      'lab.ipynb',
      'client.ts',
      'page.tsx',
      'index.mjs',
      'mod.mts',
      'main.go',
      'Main.java',
      'App.kt',
      'build.gradle.kts',
      'Job.scala',
      'Program.cs',
      'main.rs',
      'deploy.ps1',
      'Tools.psm1',
      'main.bicep',
      'main.bicepparam',
      // and names it does not read
      'README.md',
      'types.d.ts',
      'logo.png',
      'Cargo.lock',
      'notes.txt',
      // plus every fixture the scanner's own tests read
      ...filesUnder(path.join(repo, 'test', 'fixtures')),
    ];
    for (const name of names) {
      // a .d.ts matches **/*.ts (a glob cannot exclude it) and the scanner then skips it: the one allowed difference
      if (name.endsWith('.d.ts')) continue;
      assert.equal(
        editorReads(name),
        detectFamily(name) !== undefined,
        `${name}: editor ${editorReads(name)}, scanner ${detectFamily(name) ?? 'skips it'}`,
      );
    }
  });

  it("package.json's activationEvents are the ones the registry gives (npm run sync-manifest rewrites them)", () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { activationEvents: string[] };
    assert.deepEqual(
      manifest.activationEvents,
      activationEvents,
      'package.json activationEvents differ from the registry: run npm run sync-manifest',
    );
    for (const format of FORMATS) {
      // every format can activate GridLens: by its language or its notebook type
      const events = [
        ...format.languages.map((l) => `onLanguage:${l}`),
        ...('notebookTypes' in format ? format.notebookTypes : []).map((t) => `onNotebook:${t}`),
      ];
      assert.ok(
        events.some((e) => manifest.activationEvents.includes(e)),
        `${format.id} cannot activate GridLens`,
      );
      for (const marker of 'markers' in format ? format.markers : [])
        assert.equal(
          detectFamily(`src/${marker.replace(/\*/g, 'x')}`),
          format.id,
          `${format.id}: marker ${marker} is a file of the format`,
        );
    }
    // workspaceContains is kept to infrastructure markers: a glob for every source file would activate in any project
    assert.ok(manifest.activationEvents.filter((e) => e.startsWith('workspaceContains:')).length <= 12);
  });
});
