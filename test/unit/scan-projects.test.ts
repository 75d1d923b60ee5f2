// Projects in one workspace: a folder with its own manifest keeps its values to itself; the workspace root and an
// enclosing project still serve the projects under them.
import assert from 'node:assert/strict';
import { projectRoots, serves } from '../../src/core/scan/projects';

describe('scanner: projects in one workspace', () => {
  const projectOf = projectRoots([
    'web/package.json',
    'web/src/app.ts',
    'api/pyproject.toml',
    'api/app/main.py',
    'api/docker-compose.yml',
    'tools/gen/main.go',
    '.env',
    'packages/package.json',
    'packages/cdk/cdk.json',
    'packages/cdk/bin/app.ts',
  ]);

  it('gives each file the deepest folder holding a manifest, or the root', () => {
    assert.equal(projectOf('web/src/app.ts'), 'web');
    assert.equal(projectOf('api/app/main.py'), 'api');
    assert.equal(projectOf('tools/gen/main.go'), '');
    assert.equal(projectOf('packages/cdk/bin/app.ts'), 'packages/cdk');
  });

  it('lets a value serve its own project and the projects it encloses, never a sibling', () => {
    assert.ok(serves(projectOf, 'api/docker-compose.yml', 'api/app/main.py'));
    assert.ok(!serves(projectOf, 'api/docker-compose.yml', 'web/src/app.ts'));
    assert.ok(serves(projectOf, '.env', 'web/src/app.ts'), 'the workspace root serves every project');
    assert.ok(serves(projectOf, 'packages/package.json', 'packages/cdk/bin/app.ts'), 'an enclosing project serves the ones under it');
    assert.ok(!serves(projectOf, 'packages/cdk/cdk.json', 'packages/package.json'), 'but not the other way');
  });
});
