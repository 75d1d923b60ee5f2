// The library entry (src/lib/index.ts, published as dist/lib.{cjs,mjs} with gridlens.d.ts): the CLI's answers as
// values, and published types that are exactly what the functions take and return (compile-time checks below:
// `npm run typecheck` fails when gridlens.d.ts drifts from the sources).
import assert from 'node:assert/strict';
import type * as Published from '../../src/lib/gridlens';
import * as lib from '../../src/lib/index';
import { main } from '../../src/cli/main';
import type { EstimateData, LeaderboardData, RecommendationData, RegionsData } from '../../src/core/api/schemas';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type Checks = [
  Assert<Same<Published.Recommendation, RecommendationData>>,
  Assert<Same<Published.Estimate, EstimateData>>,
  Assert<Same<Published.Leaderboard, LeaderboardData>>,
  Assert<Same<{ regions: Published.RegionInfo[] }, RegionsData>>,
  Assert<Same<Parameters<typeof Published.recommend>, Parameters<typeof lib.recommend>>>,
  Assert<Same<Parameters<typeof Published.estimate>, Parameters<typeof lib.estimate>>>,
  Assert<Same<Parameters<typeof Published.leaderboard>, Parameters<typeof lib.leaderboard>>>,
  Assert<Same<Parameters<typeof Published.regions>, Parameters<typeof lib.regions>>>,
  Assert<Same<ReturnType<typeof Published.leaderboard>, LeaderboardData>>,
  Assert<Same<ReturnType<typeof Published.regions>, RegionsData>>,
  // what the functions return fits the published types
  Assert<ReturnType<typeof lib.recommend> extends Published.Recommendation ? true : false>,
  Assert<ReturnType<typeof lib.estimate> extends Published.Estimate ? true : false>,
  Assert<ReturnType<typeof lib.leaderboard> extends Published.Leaderboard ? true : false>,
  Assert<ReturnType<typeof lib.regions> extends ReturnType<typeof Published.regions> ? true : false>,
  Assert<Same<InstanceType<typeof Published.InvalidParameterError>, InstanceType<typeof lib.InvalidParameterError>>>,
  Assert<Same<InstanceType<typeof Published.UnknownModelError>, InstanceType<typeof lib.UnknownModelError>>>,
  Assert<Same<InstanceType<typeof Published.UnknownRegionError>, InstanceType<typeof lib.UnknownRegionError>>>,
];

async function cliJson(...argv: string[]): Promise<unknown> {
  let stdout = '';
  assert.equal(await main([...argv, '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined }), 0);
  return JSON.parse(stdout);
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('library entry (gridlens)', () => {
  it('recommend, estimate, leaderboard and regions answer as the CLI does', async () => {
    assert.deepEqual(
      plain(lib.recommend({ model: 'mistral-7b', jurisdiction: ['EU'], provider: ['AWS'] })),
      await cliJson('recommend', 'mistral-7b', '--jurisdiction', 'EU', '--provider', 'aws'),
    );
    assert.deepEqual(
      plain(lib.recommend({ model: 'mistral-7b', near: 'eu-west-1', maxDistanceKm: 600, from: 'aws:us-east-1' })),
      await cliJson('recommend', 'mistral-7b', '--near', 'eu-west-1', '--max-distance-km', '600', '--from', 'aws:us-east-1'),
    );
    assert.deepEqual(
      plain(lib.estimate({ model: 'amazon.nova-lite-v1:0', region: 'aws:eu-west-1' })),
      await cliJson('estimate', 'amazon.nova-lite-v1:0', '--region', 'aws:eu-west-1'),
    );
    assert.deepEqual(plain(lib.leaderboard({ provider: ['gcp'] })), await cliJson('leaderboard', '--provider', 'gcp'));
    assert.deepEqual(plain(lib.regions()), await cliJson('regions'));
  });

  it('throws typed errors naming the parameter or the closest names', () => {
    assert.throws(
      () => lib.recommend({ model: 'lama-3.1-70b-instruct' }),
      (e: unknown) => e instanceof lib.UnknownModelError && e.suggestions.includes('meta/llama-3.1-70b-instruct'),
    );
    assert.throws(
      () => lib.estimate({ model: 'mistral-7b', region: 'aws:eu-west-9' }),
      (e: unknown) => e instanceof lib.UnknownRegionError && e.parameter === 'region',
    );
    assert.throws(
      () => lib.recommend({ model: 'mistral-7b', maxDistanceKm: 10 }),
      (e: unknown) => e instanceof lib.InvalidParameterError && e.parameter === 'maxDistanceKm',
    );
    assert.throws(
      () => lib.regions({ provider: ['ibm'] }),
      (e: unknown) => e instanceof lib.InvalidParameterError && e.parameter === 'provider',
    );
  });
});
