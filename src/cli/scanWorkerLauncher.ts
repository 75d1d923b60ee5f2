// dist/scanWorker.js, the script of `gridlens scan`'s worker threads: starts the scan worker's bundle
// (dist/scanWorkerMain.js) from V8's code cache (launch.ts), as dist/cli.js starts the CLI's.
import { join } from 'node:path';
import { runBundle } from './launch';

runBundle(join(__dirname, 'scanWorkerMain.js'), module);
