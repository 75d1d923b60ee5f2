// Opt-in live grid intensity against the Electricity Maps TEST DOUBLE on loopback (test/doubles): the client reads
// the documented answer and turns every failure (401, 429, 500, slow, malformed) into a reason; the cache reuses
// answers for a TTL, coalesces one request per zone and bounds concurrency; answers carry the live figure with its
// datetime, or the yearly one with the reason; without a key nothing is requested.
import assert from 'node:assert/strict';
import path from 'node:path';
import { liveProviderFromEnv } from '../../src/cli/live';
import { main } from '../../src/cli/main';
import { runScan } from '../../src/cli/scan';
import { startServer } from '../../src/cli/serve';
import { estimateFor, leaderboardFor, recommendFor, regionsFor } from '../../src/core/api/queries';
import { estimateByCode } from '../../src/core/carbon/calculator';
import { insightsFor } from '../../src/core/carbon/insight';
import { scanWorkspace } from '../../src/core/scan/workspace';
import { explainMarkdown } from '../../src/extension/explain';
import { LIVE_GRID_SOURCE, withLiveGrid, type ZoneReading } from '../../src/core/carbon/liveGrid';
import { bundledDataset } from '../../src/core/data/bundled';
import { BASE_URL_ENV, liveIntensityProvider, TOKEN_ENV } from '../../src/live';
import { CachedIntensityProvider } from '../../src/live/cachedProvider';
import { fetchLatest } from '../../src/live/electricityMaps';
import { request } from './serve.test';
import { DOUBLE_DATETIME, startElectricityMapsDouble, type ElectricityMapsDouble } from '../doubles/electricityMapsDouble';

const index = bundledDataset();
const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const REGION = 'aws:eu-central-1';
const zoneOf = (code: string) => index.regions.get(code)!.gridZone;

describe('live grid intensity (Electricity Maps test double)', () => {
  let double: ElectricityMapsDouble;
  before(async () => {
    double = await startElectricityMapsDouble();
  });
  after(() => double.close());
  beforeEach(() => double.reset());

  const client =
    (overrides: { token?: string; timeoutMs?: number } = {}) =>
    (zone: string) =>
      fetchLatest(zone, { token: overrides.token ?? double.token, baseUrl: double.url, timeoutMs: overrides.timeoutMs ?? 2000 });

  describe('client', () => {
    it('reads the latest life-cycle reading and sends the key in the auth-token header', async () => {
      double.zones.set('DE', { kind: 'ok', carbonIntensity: 311, isEstimated: true });
      assert.deepEqual(await client()('DE'), { ok: true, reading: { gPerKWh: 311, datetime: DOUBLE_DATETIME, estimated: true } });
      assert.deepEqual(double.tokensSeen, [double.token]);
    });

    it('turns each failure into a reason that never contains the key', async () => {
      const cases: Array<[Parameters<typeof double.zones.set>[1], RegExp]> = [
        [{ kind: 'status', status: 429 }, /rate limit.*429/],
        [{ kind: 'status', status: 500 }, /HTTP 500/],
        [{ kind: 'status', status: 404 }, /no latest reading for zone FR.*404/],
        [{ kind: 'malformed' }, /malformed answer \(not JSON\)/],
        [{ kind: 'wrong-shape' }, /malformed answer \(carbonIntensity/],
        [{ kind: 'slow', delayMs: 1500, carbonIntensity: 5 }, /no answer from Electricity Maps within 200 ms/],
      ];
      for (const [behaviour, expected] of cases) {
        double.zones.set('FR', behaviour);
        const answer = await client({ timeoutMs: 200 })('FR');
        assert.equal(answer.ok, false, behaviour.kind);
        assert.match((answer as { reason: string }).reason, expected);
      }
      const refused = await client({ token: 'secret-wrong-key' })('FR');
      assert.equal(refused.ok, false);
      assert.match((refused as { reason: string }).reason, /refused the API key.*401/);
      assert.doesNotMatch((refused as { reason: string }).reason, /secret-wrong-key/);
    });

    it('reports an unreachable service as a reason', async () => {
      const unreachable = () => Promise.reject(new TypeError('fetch failed'));
      assert.deepEqual(await fetchLatest('DE', { token: 't', baseUrl: double.url, fetch: unreachable }), {
        ok: false,
        reason: 'cannot reach Electricity Maps (fetch failed)',
      });
    });
  });

  describe('cache', () => {
    it('reuses a reading for its TTL, a failure for the shorter failure TTL, then asks again', async () => {
      let now = 0;
      const provider = new CachedIntensityProvider({ fetchZone: client(), ttlMs: 1000, failureTtlMs: 100, now: () => now });
      double.zones.set('BAD', { kind: 'status', status: 500 });
      await provider.latest(['DE', 'BAD']);
      await provider.latest(['DE', 'BAD']);
      assert.deepEqual([double.requests.get('DE'), double.requests.get('BAD')], [1, 1]);
      now = 500;
      await provider.latest(['DE', 'BAD']);
      assert.deepEqual([double.requests.get('DE'), double.requests.get('BAD')], [1, 2], 'the failure expired, the reading did not');
      now = 1600;
      await provider.latest(['DE']);
      assert.equal(double.requests.get('DE'), 2);
    });

    it('keeps a rate-limited zone for as long as Retry-After asks', async () => {
      let now = 0;
      const provider = new CachedIntensityProvider({ fetchZone: client(), failureTtlMs: 100, now: () => now });
      double.zones.set('DE', { kind: 'status', status: 429 }); // the double sends Retry-After: 60
      const first = (await provider.latest(['DE'])).get('DE');
      assert.deepEqual(first, { ok: false, reason: 'Electricity Maps rate limit reached (HTTP 429)', retryAfterMs: 60_000 });
      now = 59_000;
      await provider.latest(['DE']);
      assert.equal(double.requests.get('DE'), 1);
      now = 60_001;
      await provider.latest(['DE']);
      assert.equal(double.requests.get('DE'), 2);
    });

    it('coalesces concurrent asks for a zone into one request', async () => {
      double.zones.set('DE', { kind: 'slow', delayMs: 100, carbonIntensity: 200 });
      const provider = new CachedIntensityProvider({ fetchZone: client() });
      const answers = await Promise.all([provider.latest(['DE']), provider.latest(['DE', 'DE']), provider.latest(['DE'])]);
      assert.equal(double.requests.get('DE'), 1);
      for (const answer of answers) assert.equal((answer.get('DE') as Extract<ZoneReading, { ok: true }>).reading.gPerKWh, 200);
    });

    it('runs at most maxConcurrent requests at once', async () => {
      double.fallbackBehaviour = { kind: 'slow', delayMs: 60, carbonIntensity: 50 };
      const provider = new CachedIntensityProvider({ fetchZone: client(), maxConcurrent: 2 });
      const zones = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'];
      const answers = await provider.latest(zones);
      assert.equal(answers.size, zones.length);
      assert.equal(double.maxInFlight, 2);
      assert.equal(
        [...double.requests.values()].reduce((a, b) => a + b, 0),
        zones.length,
      );
    });

    it('turns a fetch that rejects into a reason', async () => {
      const provider = new CachedIntensityProvider({ fetchZone: () => Promise.reject(new Error('boom')) });
      assert.deepEqual((await provider.latest(['DE'])).get('DE'), { ok: false, reason: 'live reading failed (boom)' });
    });
  });

  describe('answers', () => {
    const live = () => liveIntensityProvider({ token: double.token, baseUrl: double.url, timeoutMs: 300 }, 'set the key');

    it('estimate: the live figure with source and datetime, the usage part scaled by it', async () => {
      const zone = zoneOf(REGION);
      double.zones.set(zone, { kind: 'ok', carbonIntensity: 100 });
      const yearly = estimateFor(index, { model: MODEL, region: REGION });
      const answer = await withLiveGrid(live(), (grid) => estimateFor(index, { model: MODEL, region: REGION }, { live: grid }));
      const grid = answer.inputs.gridIntensity;
      assert.equal(grid.gPerKWh, 100);
      assert.equal(grid.source.id, LIVE_GRID_SOURCE);
      assert.equal(grid.datetime, DOUBLE_DATETIME);
      assert.equal(grid.fallback, undefined);
      // the live reading feeds the usage part; embodied does not depend on the grid; the headline is their sum
      const { usage, embodied, total } = answer.carbon;
      assert.ok(usage && embodied && total && yearly.carbon.usage && yearly.carbon.embodied);
      assert.ok(
        Math.abs(usage.central / yearly.carbon.usage.central / (100 / yearly.inputs.gridIntensity.gPerKWh) - 1) < 0.01,
        'the usage part scales with the grid (3 significant digits)',
      );
      assert.deepEqual(embodied, yearly.carbon.embodied);
      assert.ok(Math.abs(answer.carbon.central - (usage.central + embodied.central)) <= 0.01 * answer.carbon.central);
      assert.equal(answer.carbon.basis, 'total');
      assert.deepEqual([...double.requests.keys()], [zone], 'only the zone the answer needs');
    });

    it('estimate: on failure the yearly figure with the reason', async () => {
      double.zones.set(zoneOf(REGION), { kind: 'status', status: 429 });
      const yearly = estimateFor(index, { model: MODEL, region: REGION });
      const answer = await withLiveGrid(live(), (grid) => estimateFor(index, { model: MODEL, region: REGION }, { live: grid }));
      assert.deepEqual(answer.carbon, yearly.carbon);
      assert.equal(answer.inputs.gridIntensity.source.id, yearly.inputs.gridIntensity.source.id);
      assert.match(answer.inputs.gridIntensity.fallback ?? '', /429/);
      assert.equal(answer.inputs.gridIntensity.datetime, undefined);
    });

    it('without live data the answers carry no live fields (the JSON is as before)', () => {
      const text = JSON.stringify([
        estimateFor(index, { model: MODEL, region: REGION }),
        recommendFor(index, { model: MODEL }),
        regionsFor(index),
        leaderboardFor(index, { model: [MODEL] }),
      ]);
      assert.doesNotMatch(text, /"datetime"|"fallback"|"liveGrid"|electricity-maps-latest/);
    });

    it('recommend ranks by the live figures; a zone that fails keeps its yearly figure, flagged', async () => {
      const yearly = recommendFor(index, { model: MODEL, provider: ['aws'] });
      const dirtiest = yearly.dirtiest!;
      // the yearly dirtiest region is the cleanest right now; one other zone fails
      double.zones.set(dirtiest.gridIntensity!.zone, { kind: 'ok', carbonIntensity: 1 });
      const failing = yearly.recommended!.gridIntensity!.zone;
      double.zones.set(failing, { kind: 'status', status: 500 });
      const answer = await withLiveGrid(live(), (grid) => recommendFor(index, { model: MODEL, provider: ['aws'] }, { live: grid }));
      assert.equal(answer.recommended?.region, dirtiest.region);
      assert.equal(answer.recommended?.gridIntensity?.source, LIVE_GRID_SOURCE);
      const flagged = [answer.recommended, ...answer.alternatives].filter((o) => o?.gridIntensity?.zone === failing);
      assert.ok(flagged.length > 0);
      for (const option of flagged) {
        assert.match(option!.gridIntensity!.fallback ?? '', /HTTP 500/);
        assert.equal(option!.gridIntensity!.source, index.data.grid.source);
      }
      for (const profile of answer.profiles) assert.ok(profile.carbonRange?.liveGrid, 'ranges say how many destinations are live');
    });

    it('without a key nothing is requested and every figure says why it is yearly', async () => {
      const provider = liveIntensityProvider({ baseUrl: double.url }, 'set GRIDLENS_ELECTRICITYMAPS_TOKEN');
      const answer = await withLiveGrid(provider, (grid) => leaderboardFor(index, { model: [MODEL] }, { live: grid }));
      assert.equal(double.requests.size, 0);
      for (const row of answer.rows.filter((r) => r.gridIntensity))
        assert.match(row.gridIntensity!.fallback ?? '', /no Electricity Maps API key \(set GRIDLENS_ELECTRICITYMAPS_TOKEN\)/);
    });

    it('a query that fails fetches nothing', async () => {
      await assert.rejects(
        withLiveGrid(live(), (grid) => estimateFor(index, { model: 'no-such-model-xyz', region: REGION }, { live: grid })),
        /Unknown model/,
      );
      assert.equal(double.requests.size, 0);
    });
  });
});

describe('--live in the CLI and gridlens serve (Electricity Maps test double)', () => {
  let double: ElectricityMapsDouble;
  const saved = { token: process.env[TOKEN_ENV], url: process.env[BASE_URL_ENV] };
  before(async () => {
    double = await startElectricityMapsDouble();
    process.env[TOKEN_ENV] = double.token;
    process.env[BASE_URL_ENV] = double.url;
  });
  after(async () => {
    for (const [name, value] of [
      [TOKEN_ENV, saved.token],
      [BASE_URL_ENV, saved.url],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await double.close();
  });
  beforeEach(() => double.reset());

  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  };

  it('estimate --live --format json: the live figure and its datetime; without --live, nothing is requested', async () => {
    double.zones.set(zoneOf(REGION), { kind: 'ok', carbonIntensity: 42 });
    const plain = await run('estimate', MODEL, '--region', REGION, '--format', 'json');
    assert.equal(double.requests.size, 0);
    assert.doesNotMatch(plain.stdout, /datetime|fallback/);
    const live = await run('estimate', MODEL, '--region', REGION, '--live', '--format', 'json');
    assert.equal(live.code, 0, live.stderr);
    const grid = JSON.parse(live.stdout).inputs.gridIntensity;
    assert.deepEqual([grid.gPerKWh, grid.source.id, grid.datetime], [42, LIVE_GRID_SOURCE, DOUBLE_DATETIME]);
    const table = await run('estimate', MODEL, '--region', REGION, '--live');
    assert.match(
      table.stdout,
      new RegExp(`Grid +42 gCO2e/kWh \\(${zoneOf(REGION)}, live 2026-12-06 02:00 UTC, life-cycle, location-based\\) — ${LIVE_GRID_SOURCE}`),
    );
  });

  it('leaderboard and recommend --live: every figure live or flagged; the table says how many', async () => {
    double.fallbackBehaviour = { kind: 'status', status: 401 };
    double.zones.set(zoneOf(REGION), { kind: 'ok', carbonIntensity: 42 });
    const board = JSON.parse((await run('leaderboard', '--model', MODEL, '--live', '--format', 'json')).stdout);
    const grids = board.rows.flatMap((r: { gridIntensity: unknown }) => (r.gridIntensity ? [r.gridIntensity] : [])) as Array<{
      zone: string;
      datetime?: string;
      fallback?: string;
    }>;
    assert.ok(grids.some((g) => g.datetime === DOUBLE_DATETIME && g.zone === zoneOf(REGION)));
    for (const g of grids)
      assert.ok(g.zone === zoneOf(REGION) ? g.datetime : /refused the API key.*401/.test(g.fallback ?? ''), JSON.stringify(g));
    const table = await run('recommend', MODEL, '--live');
    assert.match(
      table.stdout,
      /Grid: live Electricity Maps readings for \d+ of \d+ figures \(latest 2026-12-06T02:00:00.000Z\); yearly averages for the rest \(live data unavailable: Electricity Maps refused the API key/,
    );
  });

  it('gridlens serve --live answers as the CLI does with --live, and flags figures when the service fails', async () => {
    double.zones.set(zoneOf(REGION), { kind: 'ok', carbonIntensity: 42 });
    const server = await startServer(index, { port: 0, host: '127.0.0.1', live: liveProviderFromEnv() });
    try {
      const target = `/api/estimate?model=${encodeURIComponent(MODEL)}&region=${encodeURIComponent(REGION)}`;
      const reply = await request(server.url, target);
      assert.equal(reply.status, 200);
      assert.equal(reply.body, (await run('estimate', MODEL, '--region', REGION, '--live', '--format', 'json')).stdout);
      assert.equal(JSON.parse(reply.body).inputs.gridIntensity.datetime, DOUBLE_DATETIME);
      assert.equal(double.requests.get(zoneOf(REGION)), 2, 'one request for the server (then cached), one for the CLI run');
      await request(server.url, target);
      assert.equal(double.requests.get(zoneOf(REGION)), 2, 'the server reused its cached reading');
      const regions = JSON.parse((await request(server.url, '/api/regions?provider=aws')).body).regions as Array<{
        gridZone: string;
        gridIntensity: { source?: string; datetime?: string; fallback?: string };
      }>;
      assert.ok(regions.every((r) => r.gridIntensity.source && (r.gridIntensity.datetime || r.gridIntensity.fallback)));
      const missing = await request(server.url, '/api/estimate?model=no-such-model-xyz&region=aws:eu-central-1');
      assert.equal(missing.status, 404);
    } finally {
      await server.close();
    }
    double.reset();
    double.fallbackBehaviour = { kind: 'malformed' };
    const failing = await startServer(index, { port: 0, host: '127.0.0.1', live: liveProviderFromEnv() });
    try {
      const rows = JSON.parse((await request(failing.url, `/api/leaderboard?model=${encodeURIComponent(MODEL)}`)).body).rows as Array<{
        gridIntensity: { source: string; fallback?: string } | null;
      }>;
      for (const row of rows.filter((r) => r.gridIntensity)) {
        assert.equal(row.gridIntensity!.source, index.data.grid.source);
        assert.match(row.gridIntensity!.fallback ?? '', /malformed answer/);
      }
    } finally {
      await failing.close();
    }
  });

  it('scan --live: region and paired model findings carry the live reading or the reason; the table says how many', async () => {
    const root = path.resolve(__dirname, '../e2e/workspace/infra');
    const usEast = zoneOf('aws:us-east-1');
    double.fallbackBehaviour = { kind: 'status', status: 429 };
    double.zones.set(usEast, { kind: 'ok', carbonIntensity: 99 });
    let out = '';
    const scan = (...args: string[]) => {
      out = '';
      return runScan([root, ...args], {
        stdout: (t) => {
          out += t;
        },
        stderr: () => undefined,
        cwd: root,
      });
    };
    assert.equal(await scan('--format', 'json'), 0);
    assert.doesNotMatch(out, /gridSource|gridDatetime|gridFallback/);
    assert.equal(double.requests.size, 0);
    await scan('--format', 'json', '--live');
    const findings = JSON.parse(out).findings as Array<{
      kind: string;
      value: string | null;
      carbon?: { gridGPerKWh?: number; gridSource?: string; gridDatetime?: string; gridFallback?: string };
    }>;
    const region = findings.find((f) => f.kind === 'region' && f.value === 'us-east-1');
    assert.deepEqual(
      [region?.carbon?.gridGPerKWh, region?.carbon?.gridSource, region?.carbon?.gridDatetime],
      [99, LIVE_GRID_SOURCE, DOUBLE_DATETIME],
    );
    await scan('--live');
    assert.match(out, /Grid: live Electricity Maps readings for \d+ of \d+ figures/);
  });

  it('serve without --live never asks the service', async () => {
    const server = await startServer(index, { port: 0, host: '127.0.0.1' });
    try {
      const reply = await request(server.url, `/api/leaderboard?model=${encodeURIComponent(MODEL)}`);
      assert.equal(reply.status, 200);
      assert.doesNotMatch(reply.body, /datetime|fallback/);
      assert.equal(double.requests.size, 0);
    } finally {
      await server.close();
    }
  });
});

describe('live grid intensity in the calculator: usage, embodied, basis and contested zones', () => {
  const llama70 = index.models.get('meta/llama-3.1-70b-instruct')!;
  const reading = (gPerKWh: number): ZoneReading => ({
    ok: true,
    reading: { gPerKWh, datetime: '2026-12-06T02:00:00.000Z', estimated: false },
  });
  const liveGrid = (readings: Record<string, ZoneReading>) => ({ reading: (zone: string) => readings[zone] });

  it('a live reading feeds the usage part; embodied is unchanged; the headline follows the basis', () => {
    const yearly = estimateByCode(index, llama70, 'aws', 'eu-west-1');
    const live = estimateByCode(index, llama70, 'aws', 'eu-west-1', { live: liveGrid({ [yearly.grid.zone]: reading(50) }) });
    assert.equal(live.grid.gPerKWh, 50);
    assert.ok(Math.abs(live.usage.central - live.energyKWhPerMTok.central * 50) < 1e-9);
    assert.deepEqual(live.embodied, yearly.embodied);
    assert.ok(Math.abs(live.total.central - (live.usage.central + live.embodied.central)) < 1e-9);
    assert.deepEqual(live.carbon, live.total);
    const usageOnly = estimateByCode(index, llama70, 'aws', 'eu-west-1', {
      basis: 'usage',
      live: liveGrid({ [yearly.grid.zone]: reading(50) }),
    });
    assert.deepEqual(usageOnly.carbon, usageOnly.usage);
  });

  it('a contested zone keeps its alternative: the other zone live at the same hour when it has a reading, else its yearly figure', () => {
    const oregon = estimateByCode(index, llama70, 'aws', 'us-west-2');
    const alt = oregon.grid.alternative!;
    assert.ok(alt, 'us-west-2 records an alternative zone');
    const bothLive = estimateByCode(index, llama70, 'aws', 'us-west-2', {
      live: liveGrid({ [oregon.grid.zone]: reading(100), [alt.zone]: reading(300) }),
    });
    assert.deepEqual(bothLive.grid.alternative, { zone: alt.zone, gPerKWh: 300 });
    assert.ok(Math.abs(bothLive.usage.high - bothLive.energyKWhPerMTok.high * 300) < 1e-9, 'the band reaches the other zone');
    assert.ok(Math.abs(bothLive.usage.central - bothLive.energyKWhPerMTok.central * 100) < 1e-9);
    const altMissing = estimateByCode(index, llama70, 'aws', 'us-west-2', { live: liveGrid({ [oregon.grid.zone]: reading(100) }) });
    assert.deepEqual(altMissing.grid.alternative, alt, 'the yearly figure of the other zone');
    const mainFailed = estimateByCode(index, llama70, 'aws', 'us-west-2', {
      live: liveGrid({ [oregon.grid.zone]: { ok: false, reason: 'HTTP 429' }, [alt.zone]: reading(300) }),
    });
    assert.equal(mainFailed.grid.fallback, 'HTTP 429');
    assert.deepEqual(mainFailed.grid.alternative, alt, 'a yearly central value is compared with the yearly alternative');
  });

  it('explain of a cross-region range says its grid figures are live readings where a zone had one, "yearly average" without live data', () => {
    const text =
      'import boto3\nclient = boto3.client("bedrock-runtime", region_name="us-east-1")\nclient.converse(modelId="us.anthropic.claude-3-7-sonnet-20250219-v1:0")\n';
    const { analyses, pairs } = scanWorkspace(index, [{ path: 'app.py', text }]);
    const explain = (live?: ReturnType<typeof liveGrid>) => {
      const insight = insightsFor(index, 'app.py', analyses[0].findings, pairs, {
        minSavingsPercent: 30,
        jurisdiction: { kind: 'same' },
        ...(live ? { calc: { live } } : {}),
      }).find((i) => i.finding.text === 'us.anthropic.claude-3-7-sonnet-20250219-v1:0');
      assert.ok(insight?.model?.spread, 'a cross-region profile');
      return explainMarkdown(index, insight, undefined, 'full');
    };
    assert.match(explain(), /5\. Grid \(life-cycle, location-based, yearly average\)/);
    const everyZone = { reading: () => reading(100) };
    assert.match(
      explain(everyZone),
      /5\. Grid \(life-cycle, location-based, latest hourly reading where one was available, else yearly average\)/,
    );
  });
});
