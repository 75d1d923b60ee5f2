// Argument helpers shared by the CLI commands: typed parsing with usage errors that exit 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DatasetIndex } from '../core/data/dataset';
import { closestModels, closestRegions, resolveRegion } from '../core/data/resolve';
import { ProviderId, type Region } from '../core/data/schema';
import { UnknownRegionError } from '../core/carbon/recommend';
import type { LatLon } from '../core/carbon/geo';

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

export function providers(values: string[] | undefined): ProviderId[] {
  return (values ?? []).flatMap((v) => v.split(',')).filter(Boolean).map((v) => {
    const parsed = ProviderId.safeParse(v.toLowerCase());
    if (!parsed.success) throw new UsageError(`Unknown provider '${v}': use aws, gcp or azure`);
    return parsed.data;
  });
}

export function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** `provider:region`, or a bare region code, zone or Azure display name. */
export function region(index: DatasetIndex, text: string): Region {
  const [maybeProvider, rest] = text.includes(':') ? text.split(/:(.*)/s) : [undefined, text];
  const provider = maybeProvider === undefined ? undefined : providers([maybeProvider])[0];
  const match = resolveRegion(index, rest, provider);
  if (!match) throw new UnknownRegionError(text, closestRegions(index, rest, provider));
  return match.region;
}

/** `lat,lon` or a region whose coordinates are used. */
export function point(index: DatasetIndex, text: string): LatLon {
  const coordinates = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (coordinates) {
    const lat = Number(coordinates[1]);
    const lon = Number(coordinates[2]);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new UsageError(`--near '${text}' is not a valid latitude,longitude`);
    return { lat, lon };
  }
  const found = region(index, text);
  return { lat: found.lat, lon: found.lon };
}

export function positiveNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${name} must be a non-negative number; got '${text}'`);
  return value;
}

export const suggestModels = (index: DatasetIndex) => (query: string) => closestModels(index, query);
