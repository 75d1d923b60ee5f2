// Opt-in live grid intensity against the Electricity Maps TEST DOUBLE on loopback (test/doubles): the client reads
// the documented answer and turns every failure (401, 429, 500, slow, malformed) into a reason; the cache reuses
// answers for a TTL, coalesces one request per zone and bounds concurrency; answers carry the live figure with its
// datetime, or the yearly one with the reason; without a key nothing is requested.
import assert from 'node:assert/strict';
import { estimateFor, leaderboardFor, recommendFor, regionsFor } from '../../src/core/api/queries';
import { LIVE_GRID_SOURCE, withLiveGrid, type ZoneReading } from '../../src/core/carbon/liveGrid';
import { bundledDataset } from '../../src/core/data/bundled';
import { liveIntensityProvider } from '../../src/live';
import { CachedIntensityProvider } from '../../src/live/cachedProvider';
import { fetchLatest } from '../../src/live/electricityMaps';
import { DOUBLE_DATETIME, startElectricityMapsDouble, type ElectricityMapsDouble } from '../doubles/electricityMapsDouble';

const index = bundledDataset();
const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const REGION = 'aws:eu-central-1';
const zoneOf = (code: string) => index.regions.get(code)!.gridZone;

describe('live grid intensity (Electricity Maps test double)', () => {
  let double: ElectricityMapsDouble;
  before(async () => { double = await startElectricityMapsDouble(); });
  after(() => double.close());
  beforeEach(() => double.reset());

  const client = (overrides: { token?: string; timeoutMs?: number } = {}) => (zone: string) =>
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
      assert.deepEqual(await fetchLatest('DE', { token: 't', baseUrl: double.url, fetch: unreachable }), { ok: false, reason: 'cannot reach Electricity Maps (fetch failed)' });
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
      assert.equal([...double.requests.values()].reduce((a, b) => a + b, 0), zones.length);
    });

    it('turns a fetch that rejects into a reason', async () => {
      const provider = new CachedIntensityProvider({ fetchZone: () => Promise.reject(new Error('boom')) });
      assert.deepEqual((await provider.latest(['DE'])).get('DE'), { ok: false, reason: 'live reading failed (boom)' });
    });
  });

  describe('answers', () => {
    const live = () => liveIntensityProvider({ token: double.token, baseUrl: double.url, timeoutMs: 300 }, 'set the key');

    it('estimate: the live figure with source and datetime, carbon scaled by it', async () => {
      const zone = zoneOf(REGION);
      double.zones.set(zone, { kind: 'ok', carbonIntensity: 100 });
      const yearly = estimateFor(index, { model: MODEL, region: REGION });
      const answer = await withLiveGrid(live(), (grid) => estimateFor(index, { model: MODEL, region: REGION }, { live: grid }));
      const grid = answer.inputs.gridIntensity;
      assert.equal(grid.gPerKWh, 100);
      assert.equal(grid.source.id, LIVE_GRID_SOURCE);
      assert.equal(grid.datetime, DOUBLE_DATETIME);
      assert.equal(grid.fallback, undefined);
      assert.ok(Math.abs(answer.carbon.central / yearly.carbon.central - 100 / yearly.inputs.gridIntensity.gPerKWh) < 1e-9);
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
      const text = JSON.stringify([estimateFor(index, { model: MODEL, region: REGION }), recommendFor(index, { model: MODEL }), regionsFor(index), leaderboardFor(index, { model: [MODEL] })]);
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
      for (const row of answer.rows.filter((r) => r.gridIntensity)) assert.match(row.gridIntensity!.fallback ?? '', /no Electricity Maps API key \(set GRIDLENS_ELECTRICITYMAPS_TOKEN\)/);
    });

    it('a query that fails fetches nothing', async () => {
      await assert.rejects(withLiveGrid(live(), (grid) => estimateFor(index, { model: 'no-such-model-xyz', region: REGION }, { live: grid })), /Unknown model/);
      assert.equal(double.requests.size, 0);
    });
  });
});
