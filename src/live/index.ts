// Live grid intensity for the CLI, the server and the extension: an intensity provider for core from a key and a
// base URL. Without a key nothing touches the network: every zone keeps its yearly figure, flagged with the reason.
import type { IntensityProvider, ZoneReading } from '../core/carbon/liveGrid';
import { CachedIntensityProvider } from './cachedProvider';
import { ELECTRICITY_MAPS_URL, fetchLatest } from './electricityMaps';

export { ELECTRICITY_MAPS_URL } from './electricityMaps';

/** The key of the CLI and `gridlens serve`. */
export const TOKEN_ENV = 'GRIDLENS_ELECTRICITYMAPS_TOKEN';
/** Another base URL than the public API: for tests (a local double) or a self-hosted proxy. */
export const BASE_URL_ENV = 'GRIDLENS_ELECTRICITYMAPS_URL';

export interface LiveSettings {
  token?: string;
  baseUrl?: string;
  timeoutMs?: number;
  ttlMs?: number;
  maxConcurrent?: number;
}

/** Answers every zone with the same reason, without any request. */
const refusing = (reason: string): IntensityProvider => ({
  latest: async (zones) => new Map(zones.map((zone): [string, ZoneReading] => [zone, { ok: false, reason }])),
});

export function liveIntensityProvider(settings: LiveSettings, missingKeyHint: string): IntensityProvider {
  const token = settings.token?.trim();
  if (!token) return refusing(`no Electricity Maps API key (${missingKeyHint})`);
  const baseUrl = settings.baseUrl?.trim() || ELECTRICITY_MAPS_URL;
  if (!/^https?:\/\//i.test(baseUrl)) return refusing(`the Electricity Maps base URL is not an http(s) URL`);
  return new CachedIntensityProvider({
    fetchZone: (zone) => fetchLatest(zone, { token, baseUrl, timeoutMs: settings.timeoutMs }),
    ttlMs: settings.ttlMs,
    maxConcurrent: settings.maxConcurrent,
  });
}
