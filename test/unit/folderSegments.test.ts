import * as assert from 'assert';
import { folderSegments } from '../../src/extension/folderSegments';

describe('folderSegments (the path segment naming each folder of a multi-root workspace scan)', () => {
  it('keeps distinct folder names as they are', () => {
    assert.deepStrictEqual(folderSegments(['api', 'web', 'infra']), ['api', 'web', 'infra']);
  });

  it('gives folders of the same name segments of their own, so neither is left out of the scan', () => {
    assert.deepStrictEqual(folderSegments(['app', 'app', 'lib', 'app']), ['app', 'app (2)', 'lib', 'app (3)']);
    // a folder literally named like a numbered twin does not take another's segment
    assert.deepStrictEqual(folderSegments(['app', 'app (2)', 'app']), ['app', 'app (2)', 'app (3)']);
  });

  it('makes every name one path segment that is not the root', () => {
    const segments = folderSegments(['team/api', 'C:\\work\\web', '.', '..', '  ', 'team-api']);
    assert.deepStrictEqual(segments, ['team-api', 'C:-work-web', 'folder', 'folder (2)', 'folder (3)', 'team-api (2)']);
    for (const segment of segments) assert.ok(!/[\\/]/.test(segment) && segment !== '.' && segment !== '..', segment);
    assert.strictEqual(new Set(segments).size, segments.length);
  });
});
