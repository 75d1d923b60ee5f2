// The Electricity Maps v3 client of live grid intensity: the latest life-cycle carbon intensity of one zone,
// `GET {base}/v3/carbon-intensity/latest?zone=Z&emissionFactorType=lifecycle` with the key in the `auth-token`
// header. Global fetch (Node 20, browsers, web workers). Never throws: every failure becomes the reason the yearly
// figure stands in. The key never appears in a reason or a log line.
import * as z from 'zod/mini';
import type { ZoneReading } from '../core/carbon/liveGrid';

/** The public API; GRIDLENS_ELECTRICITYMAPS_URL (or the extension's setting) points elsewhere, for tests or a proxy. */
export const ELECTRICITY_MAPS_URL = 'https://api.electricitymaps.com';
export const DEFAULT_TIMEOUT_MS = 5_000;
/** A latest-reading answer is a few hundred bytes; anything far larger is not one. */
const MAX_BODY_CHARS = 64 * 1024;

const LatestSchema = z.object({
  zone: z.string(),
  carbonIntensity: z.number().check(z.nonnegative()),
  datetime: z.string().check(z.refine((text) => !Number.isNaN(Date.parse(text)), 'not a date')),
  isEstimated: z.optional(z.nullable(z.boolean())),
  emissionFactorType: z.optional(z.nullable(z.string())),
});

export interface ElectricityMapsOptions {
  token: string;
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The latest-reading URL of a zone under a base URL (a path prefix, as a proxy may have, is kept). */
export function latestUrl(baseUrl: string, zone: string): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/v3/carbon-intensity/latest`);
  url.searchParams.set('zone', zone);
  url.searchParams.set('emissionFactorType', 'lifecycle');
  return url.toString();
}

function reasonForStatus(status: number, zone: string): string {
  if (status === 401 || status === 403) return `Electricity Maps refused the API key for zone ${zone} (HTTP ${status})`;
  if (status === 429) return 'Electricity Maps rate limit reached (HTTP 429)';
  if (status === 404) return `Electricity Maps has no latest reading for zone ${zone} (HTTP 404)`;
  return `Electricity Maps answered HTTP ${status}`;
}

/** Retry-After in seconds, as milliseconds (at most an hour); undefined when absent or not a number of seconds. */
function retryAfter(header: string | null): number | undefined {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Math.min(Number(header), 3600) * 1000;
}

/** The latest reading of one zone, or why there is none. */
export async function fetchLatest(zone: string, options: ElectricityMapsOptions): Promise<ZoneReading> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(latestUrl(options.baseUrl ?? ELECTRICITY_MAPS_URL, zone), {
      headers: { 'auth-token': options.token, accept: 'application/json' },
      signal: controller.signal,
      redirect: 'error', // the key goes to the configured host only
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const retryAfterMs = response.status === 429 ? retryAfter(response.headers.get('retry-after')) : undefined;
      return { ok: false, reason: reasonForStatus(response.status, zone), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    const text = await response.text();
    if (text.length > MAX_BODY_CHARS) return { ok: false, reason: 'Electricity Maps sent a malformed answer (too large)' };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'Electricity Maps sent a malformed answer (not JSON)' };
    }
    const parsed = z.safeParse(LatestSchema, body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, reason: `Electricity Maps sent a malformed answer (${issue.path.join('.') || 'body'}: ${issue.message})` };
    }
    const latest = parsed.data;
    if (latest.zone !== zone) return { ok: false, reason: `Electricity Maps answered for zone ${latest.zone.slice(0, 64)}, not ${zone}` };
    if (latest.emissionFactorType && latest.emissionFactorType !== 'lifecycle') {
      return {
        ok: false,
        reason: `Electricity Maps answered with ${latest.emissionFactorType.slice(0, 32)} emission factors, not life-cycle`,
      };
    }
    return {
      ok: true,
      reading: {
        gPerKWh: latest.carbonIntensity,
        datetime: new Date(latest.datetime).toISOString(),
        estimated: latest.isEstimated ?? false,
      },
    };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, reason: `no answer from Electricity Maps within ${timeoutMs} ms` };
    return { ok: false, reason: `cannot reach Electricity Maps (${error instanceof Error ? error.message : 'network error'})` };
  } finally {
    clearTimeout(timer);
  }
}
