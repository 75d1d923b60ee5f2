// Argument helpers shared by the CLI commands: typed parsing with usage errors that exit 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CarbonBasis } from '../core/carbon/units';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A problem with what the user typed: reported on stderr with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Format = 'table' | 'json' | 'csv';

export function parse<T extends ParseArgsConfig['options']>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function format(value: string | undefined, allowed: readonly Format[]): Format {
  const chosen = (value ?? 'table') as Format;
  if (!allowed.includes(chosen)) throw new UsageError(`--format must be one of ${allowed.join(', ')}; got '${value}'`);
  return chosen;
}

/** Repeated and comma-separated values of a list option (`--provider aws,gcp --provider azure`). */
export function list(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A list option as a query field: absent when not given. */
export const optionalList = (values: readonly string[] | undefined): string[] | undefined => (values?.length ? list(values) : undefined);

export function positiveNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${name} must be a non-negative number; got '${text}'`);
  return value;
}

/** A number as a person writes it in decimal (`600`, `2.5`, `-1`); NaN for anything else (`0x10`, `1e999`, ''). */
export function decimalNumber(text: string): number {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
}

/** The option every command with figures takes: `--usage-only` leaves embodied emissions out of the headline. */
export const basisOption = { 'usage-only': { type: 'boolean' } } as const;
export const BASIS_USAGE = '[--usage-only]';

/** What headline figures count, from `--usage-only`: usage + embodied (total) unless it is given. */
export const basisOf = (values: { 'usage-only'?: boolean }): CarbonBasis => (values['usage-only'] ? 'usage' : 'total');

/** A JSON answer as every surface prints it (the CLI's --format json and the HTTP server give the same bytes). */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
