// TEST DOUBLE of the Electricity Maps v3 API, on loopback: the real service cannot be reached from tests. It answers
// `GET /v3/carbon-intensity/latest?zone=Z` in the documented response shape (zone, carbonIntensity, datetime,
// updatedAt, createdAt, emissionFactorType, isEstimated, estimationMethod), checks the `auth-token` header (401 when
// wrong), and can be told per zone to fail: 401, 429 (with Retry-After), 500, a slow answer, malformed JSON, or a
// body of the wrong shape. It counts requests and the most in flight at once. Product code reaches it through the
// base URL override (GRIDLENS_ELECTRICITYMAPS_URL or the extension's gridlens.liveData.baseUrl).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ZoneBehaviour =
  | { kind: 'ok'; carbonIntensity: number; datetime?: string; isEstimated?: boolean }
  | { kind: 'status'; status: 401 | 404 | 429 | 500 | 503 }
  | { kind: 'slow'; delayMs: number; carbonIntensity: number }
  | { kind: 'malformed' }
  | { kind: 'wrong-shape' };

export interface ElectricityMapsDouble {
  /** The base URL to give GridLens (no trailing slash). */
  url: string;
  /** The key the double accepts. */
  token: string;
  /** The behaviour of a zone (zones not set answer `fallbackBehaviour`). */
  zones: Map<string, ZoneBehaviour>;
  fallbackBehaviour: ZoneBehaviour;
  /** Requests per zone. */
  requests: Map<string, number>;
  /** Every auth-token header received, in order. */
  tokensSeen: string[];
  /** The most requests in flight at once. */
  maxInFlight: number;
  reset(): void;
  close(): Promise<void>;
}

/** The datetime the double reports unless a zone sets its own: a fixed hour, so answers are reproducible. */
export const DOUBLE_DATETIME = '2026-12-06T02:00:00.000Z';

/**
 * Loopback ports of the doubles this process started: the no-network guards let product code reach these and nothing
 * else. Kept after a double closes (the guards judge at the end of the run), and on globalThis because the
 * extension-host suite bundles each test file with its own copy of this module.
 */
export const doublePorts: Set<number> = ((globalThis as Record<symbol, Set<number> | undefined>)[
  Symbol.for('gridlens.electricityMapsDoublePorts')
] ??= new Set<number>());

export async function startElectricityMapsDouble(token = 'test-token-not-a-real-key'): Promise<ElectricityMapsDouble> {
  let inFlight = 0;
  const pending = new Set<NodeJS.Timeout>();
  const double: ElectricityMapsDouble = {
    url: '',
    token,
    zones: new Map(),
    fallbackBehaviour: { kind: 'ok', carbonIntensity: 123 },
    requests: new Map(),
    tokensSeen: [],
    maxInFlight: 0,
    reset() {
      this.zones.clear();
      this.fallbackBehaviour = { kind: 'ok', carbonIntensity: 123 };
      this.requests.clear();
      this.tokensSeen.length = 0;
      this.maxInFlight = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const json = (response: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const latest = (zone: string, carbonIntensity: number, datetime = DOUBLE_DATETIME, isEstimated = false) => ({
    zone,
    carbonIntensity,
    datetime,
    updatedAt: datetime,
    createdAt: datetime,
    emissionFactorType: 'lifecycle',
    isEstimated,
    estimationMethod: isEstimated ? 'TIME_SLICER_AVERAGE' : null,
  });

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://double');
    if (request.method !== 'GET' || url.pathname !== '/v3/carbon-intensity/latest')
      return json(response, 404, { status: 'error', message: 'Not found' });
    const zone = url.searchParams.get('zone') ?? '';
    double.requests.set(zone, (double.requests.get(zone) ?? 0) + 1);
    const seen = request.headers['auth-token'];
    double.tokensSeen.push(typeof seen === 'string' ? seen : '');
    if (seen !== double.token) return json(response, 401, { status: 'error', message: 'Unauthorized. Please provide a valid auth-token.' });
    if (url.searchParams.get('emissionFactorType') !== 'lifecycle')
      return json(response, 400, { status: 'error', message: 'expected emissionFactorType=lifecycle' });
    if (!zone) return json(response, 400, { status: 'error', message: 'zone is required' });
    inFlight++;
    double.maxInFlight = Math.max(double.maxInFlight, inFlight);
    const done = () => {
      inFlight--;
    };
    response.on('close', done);
    const behaviour = double.zones.get(zone) ?? double.fallbackBehaviour;
    switch (behaviour.kind) {
      case 'ok':
        return json(response, 200, latest(zone, behaviour.carbonIntensity, behaviour.datetime, behaviour.isEstimated));
      case 'status':
        return json(
          response,
          behaviour.status,
          { status: 'error', message: `double: HTTP ${behaviour.status}` },
          behaviour.status === 429 ? { 'retry-after': '60' } : {},
        );
      case 'malformed':
        return json(response, 200, '{"zone": "' + zone + '", "carbonIntensity": 1');
      case 'wrong-shape':
        return json(response, 200, { zone, carbonIntensity: 'high', datetime: 'yesterday' });
      case 'slow': {
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (!response.destroyed) json(response, 200, latest(zone, behaviour.carbonIntensity));
        }, behaviour.delayMs);
        pending.add(timer);
        return undefined;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  doublePorts.add(port);
  double.url = `http://127.0.0.1:${port}`;
  return double;
}
