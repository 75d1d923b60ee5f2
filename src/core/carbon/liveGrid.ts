// Live grid intensity (opt-in): the latest reading per grid zone, from a provider the I/O layer injects (src/live
// fetches Electricity Maps). Core stays pure: an answer is computed twice, first to learn which zones it needs, then
// with the readings the provider returned for them. A zone without a reading keeps its yearly figure and says why.

/** The `source` of a figure that is the latest live reading rather than the yearly average. */
export const LIVE_GRID_SOURCE = 'electricity-maps-latest';

/** How answers cite a live figure (it is not in the bundled dataset, so not in data/sources.yaml). */
export const LIVE_GRID_SOURCE_REF = {
  id: LIVE_GRID_SOURCE,
  title: 'Electricity Maps API v3, latest carbon intensity per zone (life-cycle, flow-traced)',
  url: 'https://portal.electricitymaps.com/docs/api',
  licence: "the API key holder's own agreement with Electricity Maps",
} as const;

export interface LiveReading {
  /** Life-cycle gCO2e/kWh, as the yearly figures. */
  gPerKWh: number;
  /** The hour the reading is for (ISO 8601, UTC). */
  datetime: string;
  /** Electricity Maps estimated the value instead of measuring it. */
  estimated: boolean;
}

/** What the provider answered for one zone: a reading, or why there is none. */
export type ZoneReading =
  | { ok: true; reading: LiveReading }
  | { ok: false; reason: string; /** The service asked to wait this long (HTTP 429 Retry-After). */ retryAfterMs?: number };

/** The readings one answer is computed with. */
export interface LiveGrid {
  reading(zone: string): ZoneReading | undefined;
}

/** Fetches the latest readings of zones. Never rejects: a zone that failed has a reason instead of a reading. */
export interface IntensityProvider {
  latest(zones: readonly string[]): Promise<ReadonlyMap<string, ZoneReading>>;
}

const NOT_FETCHED: ZoneReading = { ok: false, reason: 'not fetched' };

/**
 * Runs `answer` with live readings: once to record the zones it asks for (with no readings, so nothing is
 * fetched for a query that fails), then again with what the provider returned for exactly those zones.
 */
export async function withLiveGrid<T>(provider: IntensityProvider, answer: (live: LiveGrid) => T): Promise<T> {
  const zones = new Set<string>();
  answer({ reading: (zone) => (zones.add(zone), NOT_FETCHED) });
  const readings = zones.size === 0 ? new Map<string, ZoneReading>() : await provider.latest([...zones]);
  return answer({ reading: (zone) => readings.get(zone) });
}
