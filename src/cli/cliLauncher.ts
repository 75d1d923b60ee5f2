// dist/cli.js, the `gridlens` command: starts the CLI's bundle from V8's code cache (launch.ts).
import { join } from 'node:path';
import { runBundle } from './launch';

runBundle(join(__dirname, 'cliMain.js'), module);
