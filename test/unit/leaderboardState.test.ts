// The leaderboard page's pure state: sorting (every column, nulls last), filtering, the best-region-per-model
// grouping, paging, CSV export, and the figures for 10,000 rows.
import assert from 'node:assert/strict';
import { csvCell, leaderboardCsv } from '../../src/core/api/leaderboardCsv';
import { sortKeys, type Row, type SortKey } from '../../src/webview/leaderboard/protocol';
import {
  bandScale,
  bestPerModel,
  carbonValue,
  missingPriceNote,
  computeView,
  defaultSavedState,
  defaultViewState,
  describeView,
  filterRows,
  intensityTier,
  logPosition,
  mapRegions,
  currentRegion,
  modelChoices,
  preferredModel,
  regionalRowsForModel,
  resolvedSearchModels,
  setFilter,
  sortRows,
  stateForContext,
  stateForFocus,
  toggleSort,
  unresolvedTerms,
} from '../../src/webview/leaderboard/state';
import { initMessage } from '../../src/extension/leaderboard/service';
import { resolvePick } from '../../src/webview/leaderboard/page/compare';
import { tinyDataset } from './helpers/tinyDataset';

type Over = Partial<Omit<Row, 'model'>> & { model?: Partial<Row['model']> };

function row(over: Over = {}): Row {
  const central = over.carbon === undefined ? 10 : over.carbon?.central;
  const base: Row = {
    provider: 'aws',
    service: 'bedrock',
    placement: 'regional',
    region: 'eu-north-1',
    regionName: 'Europe (Stockholm)',
    jurisdiction: 'EU',
    gridIntensity: { gPerKWh: 20, year: 2025, source: 'grid', zone: 'SE-SE3' },
    carbon: central === undefined ? null : { central, low: central * 0.45, high: central * 2.4 },
    price: {
      input: 1,
      output: 2,
      source: 'p',
      asOf: '2026-01',
      unit: 'USD per million tokens',
      basis: 'us-east-1 list price',
      provenance: { status: 'sourced' },
    },
    throughput: null,
    provenance: { status: 'sourced', source: 'o' },
    model: { id: 'meta/llama-3.1-70b-instruct', name: 'Llama 3.1 70B', family: 'llama', creator: 'meta', openWeights: true, tier: 'B' },
  };
  const { model, ...rest } = over;
  return { ...base, ...rest, model: { ...base.model, ...model } };
}

const regions = (rows: Row[]) => rows.map((r) => r.region);

describe('leaderboard state', () => {
  const a = row({
    region: 'eu-north-1',
    carbon: { central: 5, low: 2, high: 12 },
    gridIntensity: { gPerKWh: 20, year: 2025, source: 'g', zone: 'SE' },
    price: null,
    throughput: 80,
  });
  const b = row({
    region: 'eu-west-1',
    regionName: 'Europe (Ireland)',
    carbon: { central: 85, low: 38, high: 203 },
    gridIntensity: { gPerKWh: 301, year: 2025, source: 'g', zone: 'IE' },
    throughput: 120,
  });
  const c = row({
    region: 'ap-southeast-1',
    regionName: 'Asia Pacific (Singapore)',
    jurisdiction: 'SG',
    carbon: { central: 136, low: 61, high: 327 },
    gridIntensity: { gPerKWh: 483, year: 2025, source: 'g', zone: 'SG' },
    price: {
      input: 0.5,
      output: 0.5,
      source: 'p',
      asOf: '2026-01',
      unit: 'USD per million tokens',
      basis: 'us-east-1 list price',
      provenance: { status: 'sourced' },
    },
  });
  const geo = row({
    region: 'eu',
    placement: 'geo',
    geo: 'eu',
    regionName: 'EU geography (2 regions)',
    gridIntensity: null,
    carbon: null,
    carbonRange: { min: 5, max: 85, low: 2, high: 203, destinations: ['eu-north-1', 'eu-west-1'] },
  });
  const small = row({
    region: 'us-east-1',
    regionName: 'US East (N. Virginia)',
    provider: 'aws',
    jurisdiction: 'US',
    carbon: { central: 3, low: 1, high: 7 },
    model: { id: 'meta/llama-3.1-8b-instruct', name: 'Llama 3.1 8B', tier: 'A' },
    gridIntensity: { gPerKWh: 380, year: 2025, source: 'g', zone: 'PJM' },
  });
  const closed = row({
    region: 'swedencentral',
    regionName: 'Sweden Central',
    provider: 'azure',
    service: 'azure-openai',
    carbon: { central: 18, low: 7, high: 48 },
    model: { id: 'openai/gpt-4o', name: 'GPT-4o', family: 'gpt', creator: 'openai', openWeights: false, tier: 'C' },
  });
  const rows = [c, geo, a, closed, b, small];

  describe('sorting', () => {
    it('sorts by carbon ascending and descending, ranking geo rows by the midpoint of their range', () => {
      assert.deepEqual(regions(sortRows(rows, { key: 'carbon', dir: 'asc' })), [
        'us-east-1',
        'eu-north-1',
        'swedencentral',
        'eu',
        'eu-west-1',
        'ap-southeast-1',
      ]);
      assert.deepEqual(regions(sortRows(rows, { key: 'carbon', dir: 'desc' })), [
        'ap-southeast-1',
        'eu-west-1',
        'eu',
        'swedencentral',
        'eu-north-1',
        'us-east-1',
      ]);
      assert.equal(carbonValue(geo), 45);
    });

    it('on a tie of the ranking figure: a point before a range, a narrower range before a wider one, in both directions', () => {
      const point = row({ region: 'eu-central-1', carbon: { central: 45, low: 20, high: 108 } });
      const narrow = row({ ...geo, region: 'de', carbonRange: { min: 40, max: 50, low: 18, high: 120, destinations: ['eu-central-1'] } });
      for (const dir of ['asc', 'desc'] as const) {
        const tied = regions(sortRows([geo, narrow, point], { key: 'carbon', dir }));
        assert.deepEqual(tied, ['eu-central-1', 'de', 'eu'], dir);
      }
    });

    it('says why a row has no price: the deployment type the source prices, or no source for the model on that service', () => {
      const globalPriced = row({
        ...closed,
        region: 'global',
        placement: 'global',
        carbon: null,
        carbonRange: { min: 5, max: 300, low: 2, high: 700, destinations: ['swedencentral'] },
        price: {
          input: 2.5,
          output: 10,
          source: 'models-dev',
          asOf: '2026-07-02',
          unit: 'USD per million tokens',
          basis: 'Global Standard list price',
          provenance: { status: 'sourced' },
        },
      });
      const regionalUnpriced = row({ ...closed, price: null });
      const zoneUnpriced = row({ ...closed, region: 'eu', placement: 'geo', geo: 'eu', price: null });
      assert.equal(
        missingPriceNote(regionalUnpriced, [regionalUnpriced, zoneUnpriced, globalPriced]),
        'No licensed price for the in-region deployment: the price sources list GPT-4o on azure-openai for the global deployment only ($2.5 in / $10 out per Mtok, models-dev), and the price of another deployment type may differ.',
      );
      assert.match(
        missingPriceNote(zoneUnpriced, [regionalUnpriced, zoneUnpriced, globalPriced]),
        /^No licensed price for the eu geography deployment: .* for the global deployment only/,
      );
      assert.equal(
        missingPriceNote(regionalUnpriced, [regionalUnpriced, zoneUnpriced]),
        'No licensed price source lists GPT-4o on azure-openai.',
      );
      assert.equal(
        missingPriceNote(a, [a, b]),
        'No licensed price for eu-north-1: the price sources list Llama 3.1 70B on bedrock in eu-west-1 only ($1 in / $2 out per Mtok, p); prices can differ by region.',
      );
    });

    it('puts rows without a value last in both directions (grid, price, throughput)', () => {
      for (const dir of ['asc', 'desc'] as const) {
        assert.equal(sortRows(rows, { key: 'grid', dir }).at(-1), geo);
        assert.equal(sortRows(rows, { key: 'priceIn', dir }).at(-1)?.price, null);
        const byThroughput = sortRows(rows, { key: 'throughput', dir });
        assert.deepEqual(
          byThroughput.slice(2).map((r) => r.throughput),
          [null, null, null, null],
        );
      }
      assert.deepEqual(
        sortRows(rows, { key: 'throughput', dir: 'desc' })
          .slice(0, 2)
          .map((r) => r.throughput),
        [120, 80],
      );
    });

    it('sorts text columns naturally and breaks ties by carbon, so every order is total', () => {
      assert.deepEqual(
        sortRows(rows, { key: 'model', dir: 'asc' }).map((r) => r.model.name),
        ['GPT-4o', 'Llama 3.1 8B', 'Llama 3.1 70B', 'Llama 3.1 70B', 'Llama 3.1 70B', 'Llama 3.1 70B'],
      );
      assert.deepEqual(regions(sortRows(rows, { key: 'jurisdiction', dir: 'asc' })), [
        'eu-north-1',
        'swedencentral',
        'eu',
        'eu-west-1',
        'ap-southeast-1',
        'us-east-1',
      ]);
      assert.deepEqual(sortRows(rows, { key: 'provider', dir: 'desc' })[0].provider, 'azure');
    });

    it('sorts on every column without throwing and without losing or duplicating rows', () => {
      for (const key of sortKeys) {
        for (const dir of ['asc', 'desc'] as const) {
          const sorted = sortRows(rows, { key, dir });
          assert.equal(new Set(sorted).size, rows.length, `${key} ${dir}`);
        }
      }
    });

    it('does not mutate its input', () => {
      const copy = [...rows];
      sortRows(rows, { key: 'region', dir: 'desc' });
      assert.deepEqual(rows, copy);
    });

    it('toggles direction on the same column and starts a new column ascending, back on page one', () => {
      let state = { ...defaultViewState(), page: 3 };
      state = toggleSort(state, 'carbon');
      assert.deepEqual([state.sort, state.page], [{ key: 'carbon', dir: 'desc' }, 0]);
      state = toggleSort(state, 'region');
      assert.deepEqual(state.sort, { key: 'region', dir: 'asc' });
      assert.deepEqual(toggleSort(state, 'throughput').sort, { key: 'throughput', dir: 'desc' });
    });
  });

  describe('filtering', () => {
    const filter = defaultViewState().filter;

    it('filters by model, family, provider, jurisdiction and open weights', () => {
      assert.deepEqual(regions(filterRows(rows, { ...filter, model: 'model:meta/llama-3.1-8b-instruct' })), ['us-east-1']);
      assert.equal(filterRows(rows, { ...filter, model: 'family:llama' }).length, 5);
      assert.deepEqual(regions(filterRows(rows, { ...filter, provider: 'azure' })), ['swedencentral']);
      assert.deepEqual(regions(filterRows(rows, { ...filter, jurisdiction: 'SG' })), ['ap-southeast-1']);
      assert.deepEqual(regions(filterRows(rows, { ...filter, openWeights: 'closed' })), ['swedencentral']);
      assert.equal(filterRows(rows, { ...filter, openWeights: 'open' }).length, 5);
    });

    it('searches every word, case-insensitively, across model, provider, region, name and zone', () => {
      assert.deepEqual(regions(filterRows(rows, { ...filter, search: 'STOCKHOLM  70b' })), ['eu-north-1']);
      assert.deepEqual(regions(filterRows(rows, { ...filter, search: 'gpt sweden' })), ['swedencentral']);
      assert.deepEqual(regions(filterRows(rows, { ...filter, search: 'pjm' })), ['us-east-1']);
      assert.equal(filterRows(rows, { ...filter, search: 'nothing-like-this' }).length, 0);
      assert.equal(filterRows(rows, { ...filter, search: '   ' }).length, rows.length);
    });

    it('matches a word the host resolved as a model id written in code, though no row contains it', () => {
      const search = 'us.meta.llama3-1-8b-instruct-v1:0';
      assert.equal(filterRows(rows, { ...filter, search }).length, 0, 'as plain text the id is nowhere in the rows');
      const aliases = new Map([
        [search, 'meta/llama-3.1-8b-instruct'],
        ['eu', null],
      ]);
      assert.deepEqual(regions(filterRows(rows, { ...filter, search }, aliases)), ['us-east-1']);
      // Every word still has to match: the resolved id AND a word found as text.
      assert.deepEqual(regions(filterRows(rows, { ...filter, search: `${search} virginia` }, aliases)), ['us-east-1']);
      assert.equal(filterRows(rows, { ...filter, search: `${search} stockholm` }, aliases).length, 0);
      // A word that names no model matches as text only.
      const withPlainWord = new Map([...aliases, ['ireland', null]]);
      assert.deepEqual(regions(filterRows(rows, { ...filter, search: 'ireland' }, withPlainWord)), ['eu-west-1']);
      assert.deepEqual(resolvedSearchModels(`${search} EU`, withPlainWord), [{ term: search, modelId: 'meta/llama-3.1-8b-instruct' }]);
      assert.deepEqual(unresolvedTerms(`Gemini-2.0-Flash-001 eu ${search} x`, aliases, 20), ['gemini-2.0-flash-001', 'x']);
      assert.deepEqual(unresolvedTerms('a b c', aliases, 2), ['a', 'b']);
    });

    it('combines filters (AND) and a filter change returns to the first page', () => {
      assert.deepEqual(regions(filterRows(rows, { ...filter, model: 'family:llama', jurisdiction: 'EU', search: 'west' })), ['eu-west-1']);
      const state = setFilter({ ...defaultViewState(), page: 4 }, { provider: 'gcp' });
      assert.deepEqual([state.filter.provider, state.page, state.filter.search], ['gcp', 0, '']);
    });
  });

  describe('grouping: best region per model', () => {
    it('keeps the cleanest in-region option per model and counts what it was chosen from', () => {
      const grouped = bestPerModel(rows);
      assert.deepEqual(regions(grouped.rows).sort(), ['eu-north-1', 'swedencentral', 'us-east-1']);
      assert.equal(grouped.counts.get('meta/llama-3.1-70b-instruct'), 3, 'the geo range is not an option to choose from');
      assert.equal(grouped.counts.get('openai/gpt-4o'), 1);
      assert.equal(grouped.rangeOnly, 0);
    });

    it('never ranks a range as best: a regional row wins over a range that starts lower, a range-only model is counted, not ranked', () => {
      const cheaperGeo = row({ ...geo, carbonRange: { min: 1, max: 2, low: 0.5, high: 4, destinations: ['x'] } });
      assert.deepEqual(bestPerModel([cheaperGeo, b]).rows, [b]);
      const onlyRange = row({ ...cheaperGeo, model: { id: 'amazon/nova-pro', name: 'Nova Pro' } });
      const grouped = bestPerModel([onlyRange, b, small]);
      assert.deepEqual(regions(grouped.rows).sort(), ['eu-west-1', 'us-east-1']);
      assert.equal(grouped.rangeOnly, 1);
      assert.equal(computeView([onlyRange, b], { ...defaultViewState(), group: 'best' }).rangeOnly, 1);
      assert.equal(computeView([onlyRange, b], defaultViewState()).rangeOnly, undefined, 'only grouping leaves rows out');
    });

    it('never picks an option that may not be recommended as best, nor as the default cleanest side of a comparison', () => {
      const unverified = row({
        ...a,
        region: 'us-east5',
        provider: 'gcp',
        carbon: { central: 1, low: 0.5, high: 2 },
        provenance: { status: 'unverified', reason: 'not confirmed', source: 'v' },
        notRecommended: 'unverified: not confirmed',
      });
      assert.deepEqual(regions(bestPerModel([unverified, a, b]).rows), ['eu-north-1']);
      assert.equal(bestPerModel([unverified]).rangeOnly, 1, 'a model with nothing to recommend is counted, not ranked');
      assert.equal(resolvePick([unverified, a, b], { model: a.model.id, key: '' }, 'a', a.model.id).row?.region, 'eu-north-1');
    });

    it('groups after filtering and sorts the groups', () => {
      const view = computeView(rows, {
        ...defaultViewState(),
        filter: { ...defaultViewState().filter, jurisdiction: 'EU' },
        group: 'best',
        sort: { key: 'carbon', dir: 'desc' },
      });
      assert.deepEqual(regions(view.matched), ['swedencentral', 'eu-north-1']);
      assert.equal(view.counts?.get('meta/llama-3.1-70b-instruct'), 2);
    });
  });

  describe('paging and counts', () => {
    const many = Array.from({ length: 260 }, (_, i) => row({ region: `r-${i}`, carbon: { central: i + 1, low: i, high: i + 2 } }));

    it('pages the sorted rows and reports the range shown', () => {
      const view = computeView(many, { ...defaultViewState(), page: 2, pageSize: 100 });
      assert.deepEqual([view.page, view.pageCount, view.first, view.last, view.pageRows.length], [2, 3, 201, 260, 60]);
      assert.equal(view.pageRows[0].region, 'r-200');
      assert.equal(describeView(view), 'Showing 201–260 of 260 rows');
    });

    it("shows every row on one page with 'all'", () => {
      const view = computeView(many, { ...defaultViewState(), page: 1, pageSize: 'all' });
      assert.deepEqual([view.page, view.pageCount, view.first, view.last, view.pageRows.length], [0, 1, 1, 260, 260]);
      assert.equal(describeView(view), 'Showing 260 rows');
      assert.deepEqual([computeView([], { ...defaultViewState(), pageSize: 'all' }).pageCount], [1]);
    });

    it('clamps a page beyond the end (fewer rows after a reload) and says when nothing matches', () => {
      assert.equal(computeView(many, { ...defaultViewState(), page: 99, pageSize: 250 }).page, 1);
      const none = computeView(many, setFilter(defaultViewState(), { search: 'zzz' }));
      assert.deepEqual([none.first, none.last, none.pageCount], [0, 0, 1]);
      assert.equal(describeView(none), 'No rows match (of 260).');
      assert.equal(
        describeView(computeView(many, setFilter(defaultViewState(), { search: 'r-25' }))),
        'Showing 11 rows (filtered from 260)',
      );
    });
  });

  describe('CSV export', () => {
    it('writes a header and one line per row, with numbers as numbers and empty cells for missing values', () => {
      const csv = leaderboardCsv([a, geo]);
      const lines = csv.trimEnd().split('\r\n');
      assert.equal(lines.length, 3);
      assert.match(lines[0], /^model_id,model,family,open_weights,provider/);
      assert.equal(lines[1].split(',')[12], '5');
      assert.equal(lines[2].split(',')[10], '', 'geo rows have no grid intensity');
      assert.equal(lines[2].split(',')[15], '5', 'the range minimum');
    });

    it('says which grid figures are live readings and why a yearly figure stands in', () => {
      const live = {
        ...a,
        gridIntensity: {
          gPerKWh: 7,
          year: 2026,
          source: 'electricity-maps-latest',
          zone: 'SE',
          method: 'life-cycle, location-based, latest hourly reading',
          datetime: '2026-12-06T02:00:00.000Z',
          estimated: false,
        },
      };
      const fallback = {
        ...a,
        gridIntensity: {
          gPerKWh: 20,
          year: 2025,
          source: 'g',
          zone: 'SE',
          method: 'life-cycle, location-based, yearly average',
          fallback: 'no API key',
        },
      };
      const cells = (line: string) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      const [header, liveLine, fallbackLine] = leaderboardCsv([live, fallback]).trimEnd().split('\r\n').map(cells);
      const column = (name: string) => header.indexOf(name);
      assert.equal(liveLine[column('grid_live_datetime')], '2026-12-06T02:00:00.000Z');
      assert.equal(liveLine[column('grid_method')], '"life-cycle, location-based, latest hourly reading"');
      assert.equal(fallbackLine[column('grid_live_datetime')], '');
      assert.equal(fallbackLine[column('grid_live_fallback')], 'no API key');
    });

    it('quotes commas, quotes and newlines, and neutralises spreadsheet formulas', () => {
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('say "hi"'), '"say ""hi"""');
      assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
      assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
      assert.equal(csvCell('+1'), "'+1");
      assert.equal(csvCell(-3), '-3');
      assert.equal(csvCell(null), '');
      assert.equal(csvCell(Number.NaN), '');
    });
  });

  describe('drawing helpers and choices', () => {
    it('puts values on a log scale over every band edge', () => {
      const scale = bandScale(rows);
      assert.deepEqual(scale, { min: 1, max: 327 });
      assert.equal(logPosition(1, scale!), 0);
      assert.equal(logPosition(327, scale!), 1);
      assert.equal(logPosition(1000, scale!), 1);
      assert.equal(logPosition(0, scale!), 0);
      assert.ok(Math.abs(logPosition(Math.sqrt(327), scale!) - 0.5) < 1e-9);
      assert.equal(bandScale([]), null);
    });

    it('classifies grid intensity into tiers (shape and word as well as colour)', () => {
      assert.deepEqual([20, 99, 100, 349, 350, 700, null].map(intensityTier), [
        'low',
        'low',
        'medium',
        'medium',
        'high',
        'high',
        'unknown',
      ]);
    });

    it('lists model families and models, the in-region rows of a model, and the regions for the map', () => {
      const index = tinyDataset();
      const init = initMessage(index, null);
      const choices = modelChoices(init.models);
      assert.deepEqual(choices.families, [
        { family: 'gpt', count: 1 },
        { family: 'llama', count: 2 },
      ]);
      const seventy = regionalRowsForModel(init.rows, 'meta/llama-3.1-70b-instruct');
      assert.deepEqual(regions(seventy), ['eu-north-1', 'eu-west-1', 'ap-southeast-1']);
      assert.equal(mapRegions(init.regions, seventy).length, 3);
      assert.equal(mapRegions(init.regions, []).length, init.regions.length);
      const saved = defaultSavedState();
      assert.equal(preferredModel(saved, init.rows), init.rows.find((r) => r.carbon)?.model.id);
      assert.equal(preferredModel({ ...saved, view: setFilter(saved.view, { model: 'model:openai/gpt-4o' }) }, init.rows), 'openai/gpt-4o');
      assert.equal(
        preferredModel(
          { ...saved, chartModel: 'meta/llama-3.1-8b-instruct', view: setFilter(saved.view, { model: 'model:openai/gpt-4o' }) },
          init.rows,
        ),
        'meta/llama-3.1-8b-instruct',
      );
    });

    it('starts charts and compare at the first workspace model that has an in-region option', () => {
      const init = initMessage(tinyDataset(), null);
      const saved = defaultSavedState();
      const first = preferredModel(saved, init.rows);
      const workspace = ['unknown/model', 'openai/gpt-4o', 'meta/llama-3.1-8b-instruct'].filter((id) => id !== first);
      assert.equal(preferredModel(saved, init.rows, workspace), workspace[1], 'an id with no rows is skipped');
      assert.equal(preferredModel(saved, init.rows, ['unknown/model']), first);
      // A choice made on the page, or the table's model filter, still wins.
      assert.equal(preferredModel({ ...saved, chartModel: first }, init.rows, workspace), first);
      assert.equal(preferredModel({ ...saved, view: setFilter(saved.view, { model: `model:${first}` }) }, init.rows, workspace), first);
    });

    it('prepares recommend for the finding the panel was opened from', () => {
      const context = {
        uri: 'file:///w/main.tf',
        range: [3, 10, 3, 19] as [number, number, number, number],
        provider: 'aws' as const,
        currentRegion: 'us-east-1',
        modelId: 'meta/llama-3.1-8b-instruct',
        label: 'main.tf:4',
      };
      const state = stateForContext(defaultSavedState(), context);
      assert.equal(state.tab, 'recommend');
      assert.deepEqual(state.recommend, {
        ...defaultSavedState().recommend,
        model: 'meta/llama-3.1-8b-instruct',
        providers: ['aws'],
        from: 'aws:us-east-1',
      });
      assert.equal(stateForContext(state, null).context, null);
      assert.deepEqual(currentRegion(state), { provider: 'aws', region: 'us-east-1' });
    });

    it('shows the model a link points at, with its region marked, and recommend primed', () => {
      const state = stateForFocus(
        {
          ...defaultSavedState(),
          tab: 'compare',
          view: { ...defaultViewState(), page: 3, filter: { ...defaultViewState().filter, search: 'x' } },
        },
        { modelId: 'openai/gpt-4o', provider: 'azure', region: 'swedencentral' },
      );
      assert.equal(state.tab, 'table');
      assert.deepEqual([state.view.filter.model, state.view.filter.search, state.view.page], ['model:openai/gpt-4o', '', 0]);
      assert.deepEqual(
        [state.recommend.model, state.recommend.from, state.chartModel],
        ['openai/gpt-4o', 'azure:swedencentral', 'openai/gpt-4o'],
      );
      assert.deepEqual(currentRegion(state), { provider: 'azure', region: 'swedencentral' });
      assert.equal(currentRegion(defaultSavedState()), undefined);
    });
  });

  describe('10,000 rows', () => {
    const models = Array.from({ length: 50 }, (_, i) => ({
      id: `m/model-${i}`,
      name: `Model ${i}`,
      family: `f${i % 7}`,
      openWeights: i % 3 !== 0,
    }));
    const big: Row[] = Array.from({ length: 10_000 }, (_, i) => {
      const m = models[i % models.length];
      const grid = 10 + ((i * 7919) % 800);
      const central = grid * (0.01 + (i % 50) / 100);
      return row({
        region: `region-${i % 200}`,
        regionName: `Region ${i % 200}`,
        jurisdiction: ['EU', 'US', 'UK', 'SG', 'JP'][i % 5],
        provider: (['aws', 'gcp', 'azure'] as const)[i % 3],
        gridIntensity: { gPerKWh: grid, year: 2025, source: 'g', zone: `Z${i % 90}` },
        carbon: { central, low: central * 0.45, high: central * 2.4 },
        price:
          i % 4 === 0
            ? null
            : {
                input: (i % 13) / 10,
                output: (i % 17) / 10,
                source: 'p',
                asOf: '2026-01',
                unit: 'USD per million tokens',
                basis: 'us-east-1 list price',
                provenance: { status: 'sourced' },
              },
        throughput: i % 5 === 0 ? null : i % 300,
        model: { id: m.id, name: m.name, family: m.family, openWeights: m.openWeights },
      });
    });

    const time = (fn: () => unknown, runs = 5) => {
      fn();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        fn();
        samples.push(performance.now() - start);
      }
      return samples.sort((x, y) => x - y)[Math.floor(runs / 2)];
    };

    it('sorts, filters and groups 10,000 rows well within a frame budget', () => {
      const timings: Record<string, number> = {};
      for (const key of ['carbon', 'model', 'region', 'priceOut'] as SortKey[])
        timings[`sort ${key}`] = time(() => sortRows(big, { key, dir: 'desc' }));
      timings['filter search'] = time(() => filterRows(big, { ...defaultViewState().filter, search: 'model 4 region' }));
      timings['filter family+jurisdiction'] = time(() =>
        filterRows(big, { ...defaultViewState().filter, model: 'family:f3', jurisdiction: 'EU' }),
      );
      timings['view best per model'] = time(() => computeView(big, { ...defaultViewState(), group: 'best' }));
      timings['view full'] = time(() => computeView(big, defaultViewState()));
      timings['csv export'] = time(() => leaderboardCsv(big), 3);
      console.log(
        `      10,000 rows (median ms): ${Object.entries(timings)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(' · ')}`,
      );
      for (const [name, ms] of Object.entries(timings)) assert.ok(ms < 500, `${name} took ${ms.toFixed(0)} ms`);
      assert.equal(computeView(big, defaultViewState()).pageRows.length, 100);
    });
  });
});
