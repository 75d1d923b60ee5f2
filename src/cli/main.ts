// The gridlens command line (and `gridlens serve`, its answers over HTTP): dispatches to one command per file,
// maps errors to exit codes (0 ok, 1 findings above a threshold, 2 usage or input errors).
import { version } from '../../package.json';
import { bundledDataset } from '../core/data/bundled';
import { NoTokenFigureError } from '../core/carbon/calculator';
import { InvalidParameterError } from '../core/api/queries';
import { UnknownModelError, UnknownRegionError } from '../core/carbon/recommend';
import { UsageError, type Io } from './args';
import { estimateUsage, runEstimate } from './estimateCommand';
import { leaderboardUsage, runLeaderboard } from './leaderboardCommand';
import { recommendUsage, runRecommend } from './recommendCommand';
import { regionsUsage, runRegions } from './regionsCommand';
import { runScan, scanUsage } from './scan';
import { runServe, serveUsage } from './serve';

const usage = `GridLens — the carbon cost of where AI inference runs (gCO2e per million output tokens)

Usage:
  ${recommendUsage}
  ${estimateUsage}
  ${leaderboardUsage}
  ${regionsUsage}
  ${scanUsage}
  ${serveUsage}
  gridlens --version | --help

Grid carbon intensity: Electricity Maps yearly data (ODbL). Sources: data/SOURCES.md.`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'recommend':
        return await runRecommend(bundledDataset(), rest, io);
      case 'estimate':
        return await runEstimate(bundledDataset(), rest, io);
      case 'leaderboard':
        return await runLeaderboard(bundledDataset(), rest, io);
      case 'regions':
        return await runRegions(bundledDataset(), rest, io);
      case 'scan':
        return runScan(rest, io);
      case 'serve':
        return await runServe(bundledDataset(), rest, io);
      case '--version':
      case '-v':
        io.stdout(`${version}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${usage}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command '${command}'.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gridlens: ${error.message}\nRun 'gridlens help' for usage.\n`);
      return 2;
    }
    if (error instanceof InvalidParameterError) {
      io.stderr(`gridlens: ${cliName(error.parameter)}: ${error.reason}\nRun 'gridlens help' for usage.\n`);
      return 2;
    }
    if (error instanceof UnknownModelError || error instanceof UnknownRegionError || error instanceof NoTokenFigureError) {
      io.stderr(`gridlens: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** A query parameter as the CLI spells it: the model is the positional argument, the rest are --kebab-case options. */
const cliName = (parameter: string) => (parameter === 'model' ? 'model' : `--${parameter.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);

if (require.main === module) {
  main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
      // Done once the output is flushed: exiting then skips Node's teardown of the heap, which took a bench tree's
      // scan 50 ms of wall time from its report written to the process gone (13 ms with the exit; medians of 5 runs).
      process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
    },
    (error: unknown) => {
      process.stderr.write(`gridlens: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
