// Live readings for many zones without hammering the service: each zone's answer is cached for a TTL (a failure for
// a shorter one, or as long as a rate limit's Retry-After asks, so a bad key or a rate limit is retried soon but not
// on every request), at most one request per
// zone is in flight (callers asking meanwhile share it), and at most `maxConcurrent` requests run at once.
import type { IntensityProvider, ZoneReading } from '../core/carbon/liveGrid';

export interface CachedProviderOptions {
  /** Fetches one zone; never rejects (a rejection is turned into a reason anyway). */
  fetchZone: (zone: string) => Promise<ZoneReading>;
  /** How long a reading is reused. Electricity Maps publishes hourly values. */
  ttlMs?: number;
  /** How long a failure is reused before the zone is asked again. */
  failureTtlMs?: number;
  maxConcurrent?: number;
  now?: () => number;
}

export const DEFAULT_TTL_MS = 10 * 60_000;
export const DEFAULT_FAILURE_TTL_MS = 60_000;
export const DEFAULT_MAX_CONCURRENT = 4;

export class CachedIntensityProvider implements IntensityProvider {
  private readonly cache = new Map<string, { value: ZoneReading; expires: number }>();
  private readonly inFlight = new Map<string, Promise<ZoneReading>>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly maxConcurrent: number;
  private readonly now: () => number;

  constructor(private readonly options: CachedProviderOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.failureTtlMs = options.failureTtlMs ?? DEFAULT_FAILURE_TTL_MS;
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
    this.now = options.now ?? Date.now;
  }

  async latest(zones: readonly string[]): Promise<ReadonlyMap<string, ZoneReading>> {
    const unique = [...new Set(zones)];
    const values = await Promise.all(unique.map((zone) => this.zone(zone)));
    return new Map(unique.map((zone, i) => [zone, values[i]]));
  }

  /** Forgets every cached answer (a new key, another base URL). */
  clear(): void {
    this.cache.clear();
  }

  private zone(zone: string): Promise<ZoneReading> {
    const cached = this.cache.get(zone);
    if (cached && cached.expires > this.now()) return Promise.resolve(cached.value);
    let pending = this.inFlight.get(zone);
    if (!pending) {
      pending = this.limited(() => this.options.fetchZone(zone))
        .catch((error: unknown): ZoneReading => ({
          ok: false,
          reason: `live reading failed (${error instanceof Error ? error.message : 'unknown error'})`,
        }))
        .then((value) => {
          const keep = value.ok ? this.ttlMs : Math.max(this.failureTtlMs, value.retryAfterMs ?? 0);
          this.cache.set(zone, { value, expires: this.now() + keep });
          return value;
        })
        .finally(() => this.inFlight.delete(zone));
      this.inFlight.set(zone, pending);
    }
    return pending;
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
