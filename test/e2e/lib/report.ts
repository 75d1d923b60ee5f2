// How each test layer hands its counts to scripts/test.mjs, and how a missing system piece is reported:
// loudly, naming it; a skip on a developer's machine, a failure under CI=true.
import * as fs from 'fs';
import { CodeServerUnavailableError } from './installCodeServer';
import { MissingPrerequisiteError } from './prerequisites';

export interface LayerStats {
  passes: number;
  failures: number;
  pending: number;
  /** Set when the layer could not run because a system piece is missing (message names it). */
  unavailable?: string;
  error?: string;
}

/** Appends `{layer, ...stats}` as one JSON line to $GRIDLENS_TEST_STATS (when the orchestrator set it). */
export function writeStats(layer: string, stats: LayerStats): void {
  const file = process.env.GRIDLENS_TEST_STATS;
  if (file) fs.appendFileSync(file, `${JSON.stringify({ layer, ...stats })}\n`);
}

export function isUnavailable(error: unknown): error is MissingPrerequisiteError | CodeServerUnavailableError {
  return error instanceof MissingPrerequisiteError || error instanceof CodeServerUnavailableError;
}

export function ciMode(): boolean {
  return /^(1|true|yes)$/i.test(process.env.CI ?? '');
}

export function banner(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const bar = '!'.repeat(width);
  return [bar, ...lines.map((line) => `! ${line.padEnd(width - 4)} !`), bar].join('\n');
}

/**
 * If `error` says a system piece is missing: prints a banner naming it, records the layer as unavailable (CI: failed)
 * and exits (0 locally, 1 under CI). Returns false for any other error, which the caller reports as a failure.
 */
export function reportUnavailable(error: unknown, layer: string, description: string): boolean {
  if (!isUnavailable(error)) return false;
  const ci = ciMode();
  const what = ci
    ? `FAILED: ${description} cannot run (CI=true: a missing piece is a failure)`
    : `NOT RUN: ${description} SKIPPED on this machine`;
  console.error(banner([what, ...error.message.split('\n')]));
  const summary =
    error instanceof MissingPrerequisiteError
      ? `missing ${error.missing.map((r) => `'${r.debianPackage}'`).join(', ')} (Debian)`
      : error.message;
  writeStats(layer, { passes: 0, failures: ci ? 1 : 0, pending: 0, unavailable: summary });
  process.exit(ci ? 1 : 0);
}
