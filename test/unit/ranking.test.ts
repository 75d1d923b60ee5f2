// The leaderboard's one ranking rule (core/carbon/ranking.ts) on the bundled dataset: rows from the CLI/API path are
// ascending by central carbon or, for a range, its midpoint; a profile never outranks a region on its low end alone.
import assert from 'node:assert/strict';
import { leaderboardRows } from '../../src/core/carbon/leaderboard';
import { rankingCarbon } from '../../src/core/carbon/ranking';
import { bundledDataset } from '../../src/core/data/bundled';

describe('leaderboard ranking rule', () => {
  const rows = leaderboardRows(bundledDataset());

  it('ranks a range by its midpoint, a point by its central figure', () => {
    assert.equal(rankingCarbon({ carbon: null, carbonRange: { min: 2, max: 40 } }), 21);
    assert.equal(rankingCarbon({ carbon: { central: 7 }, carbonRange: { min: 2, max: 40 } }), 7);
    assert.equal(rankingCarbon({ carbon: null }), null);
  });

  it('orders the leaderboard rows by that figure, rows without one last', () => {
    const figures = rows.map(rankingCarbon);
    const firstMissing = figures.indexOf(null);
    const ranked = (firstMissing < 0 ? figures : figures.slice(0, firstMissing)) as number[];
    assert.ok(firstMissing < 0 || figures.slice(firstMissing).every((f) => f === null), 'a row without a figure sits among ranked rows');
    for (let i = 1; i < ranked.length; i++)
      assert.ok(ranked[i - 1] <= ranked[i], `row ${i} (${rows[i].model.id} ${rows[i].region}) ranks before row ${i - 1}`);
    // the rule is observable: some range whose low end beats a regional row ranks after it
    const overtaken = rows.some((r, i) => r.carbonRange && rows.slice(0, i).some((p) => p.carbon && p.carbon.central > r.carbonRange!.min));
    assert.ok(overtaken, 'no range ranks after a region its low end beats: ranges would rank by their low end');
  });
});
