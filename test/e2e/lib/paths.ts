// Where the e2e harness keeps things. Everything here is git-ignored (.cache/, test-output/) or throw-away (os.tmpdir()).
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Pinned: the last code-server whose engines.node is 20 (VS Code 1.100.3). code-server 4.101+ needs Node 22/24. */
export const CODE_SERVER_VERSION = '4.100.3';

/**
 * code-server lives here with its own package.json, so it never touches the project's lock file.
 * GRIDLENS_CODE_SERVER_CACHE moves it (e.g. to a CI cache directory).
 */
export const CODE_SERVER_DIR = path.join(
  process.env.GRIDLENS_CODE_SERVER_CACHE || path.join(REPO_ROOT, '.cache', 'code-server'),
  CODE_SERVER_VERSION,
);

/** Screenshots, code-server logs of failed runs, host-suite results. */
export const OUTPUT_DIR = path.join(REPO_ROOT, 'test-output', 'e2e');

/** The fixture workspace; the harness copies it to a temp dir before each session, so tests may edit files freely. */
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'e2e', 'workspace');

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Where GridLens's .vsix and the test-runner .vsix are written by the harness. */
export const VSIX_DIR = path.join(REPO_ROOT, '.cache', 'e2e-vsix');
