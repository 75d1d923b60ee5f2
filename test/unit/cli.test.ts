// The gridlens commands other than scan: output shapes, exit codes, messages, table width.
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { recommend } from '../../src/core/carbon/recommend';
import { bundledDataset } from '../../src/core/data/bundled';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const widest = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length));

describe('gridlens CLI', () => {
  describe('recommend', () => {
    it('returns the documented JSON, the same answer as core, alternatives ascending', async () => {
      const { code, stdout } = await run('recommend', 'mistral.mistral-7b-instruct-v0:2', '--format', 'json');
      assert.equal(code, 0);
      const result = JSON.parse(stdout);
      assert.deepEqual(result, JSON.parse(JSON.stringify(recommend(bundledDataset(), 'mistral.mistral-7b-instruct-v0:2'))));
      assert.deepEqual(Object.keys(result.model).sort(), ['id', 'matchedAlias', 'name', 'tier']);
      assert.equal(result.unit, 'gCO2e per million output tokens');
      for (const key of ['provider', 'service', 'region', 'jurisdiction', 'gridIntensity', 'carbon', 'price'])
        assert.ok(key in result.recommended, key);
      assert.deepEqual(Object.keys(result.recommended.gridIntensity).sort(), ['gPerKWh', 'method', 'source', 'year', 'zone']);
      assert.equal(result.recommended.gridIntensity.method, 'life-cycle, location-based, yearly average');
      const centrals = result.alternatives.map((a: { carbon: { central: number } }) => a.carbon.central);
      assert.deepEqual(
        [...centrals].sort((a, b) => a - b),
        centrals,
      );
      assert.ok(result.savings.vsDirtiest.percent > 0);
    });

    it('applies --provider, --jurisdiction, --near with --max-distance-km, and reports --from', async () => {
      const eu = JSON.parse((await run('recommend', 'mistral-7b', '--jurisdiction', 'eu', '--format', 'json')).stdout);
      assert.ok([eu.recommended, ...eu.alternatives].every((o: { jurisdiction: string }) => o.jurisdiction === 'EU'));
      const near = JSON.parse(
        (await run('recommend', 'mistral-7b', '--near', 'eu-west-1', '--max-distance-km', '600', '--format', 'json')).stdout,
      );
      assert.deepEqual([near.recommended, ...near.alternatives].map((o: { region: string }) => o.region).sort(), [
        'eu-west-1',
        'eu-west-2',
      ]);
      const from = JSON.parse((await run('recommend', 'mistral-7b', '--from', 'aws:us-east-1', '--format', 'json')).stdout);
      assert.equal(from.savings.vsFrom.from, 'aws:us-east-1');
      assert.equal(from.savings.vsFrom.fromOffersModel, true);
      const gcpOnly = JSON.parse((await run('recommend', 'mistral-7b', '--provider', 'gcp', '--format', 'json')).stdout);
      assert.equal(gcpOnly.recommended, null);
    });

    it('prints a table that fits 100 columns', async () => {
      const { code, stdout } = await run('recommend', 'anthropic.claude-3-haiku-20240307-v1:0');
      assert.equal(code, 0);
      assert.match(stdout, /Recommended: aws eu-west-3/);
      assert.ok(widest(stdout) <= 100, `widest line ${widest(stdout)}`);
    });

    it('says a model is retired and lists regions no source confirms as not ranked, within 100 columns', async () => {
      const retired = await run('recommend', 'gemini-1.5-pro');
      assert.equal(retired.code, 0);
      assert.match(retired.stdout, /Retired on 2025-09-24 \(vertex-model-versions\)/);
      assert.doesNotMatch(retired.stdout, /Recommended:/);
      assert.match(retired.stdout, /Not ranked[^\n]*\n {2}gcp us-[a-z0-9-]+ .*: retired 2025-09-24/);
      const llama = await run('recommend', 'meta.llama3-1-70b-instruct-v1:0');
      assert.match(llama.stdout, /Recommended: aws /);
      assert.match(llama.stdout, /gcp us-east5 .*: unverified \(vertex-llama-maas\)/);
      assert.match(llama.stdout, /^\* the us-east-1 list price/m);
      for (const { stdout } of [retired, llama]) assert.ok(widest(stdout) <= 100, `widest line ${widest(stdout)}`);
    });

    it('exits 2 with the closest names for an unknown model or region', async () => {
      const model = await run('recommend', 'lama-3.1-70b-instruct');
      assert.equal(model.code, 2);
      assert.match(model.stderr, /Unknown model 'lama-3.1-70b-instruct'\. Did you mean: .*meta\/llama-3\.1-70b-instruct/);
      const region = await run('recommend', 'mistral-7b', '--from', 'aws:eu-west-9');
      assert.equal(region.code, 2);
      assert.match(region.stderr, /Unknown region 'aws:eu-west-9'\. Did you mean: eu-west-1/);
      const usage = await run('recommend');
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /recommend takes one model/);
      assert.equal((await run('recommend', 'mistral-7b', '--format', 'xml')).code, 2);
      assert.equal((await run('frobnicate')).code, 2);
    });
  });

  describe('estimate', () => {
    it('shows the figure with every input and its source', async () => {
      const { code, stdout } = await run('estimate', 'meta/llama-3.1-70b-instruct', '--region', 'aws:us-west-2', '--format', 'json');
      assert.equal(code, 0);
      const result = JSON.parse(stdout);
      assert.equal(result.region.servesModel, true);
      assert.equal(result.inputs.energy.basis, 'measured');
      assert.equal(result.inputs.pue.value, 1.15);
      assert.equal(result.inputs.gridIntensity.gPerKWh, 129);
      for (const input of [result.inputs.energy.source, result.inputs.pue.source, result.inputs.gridIntensity.source]) {
        assert.ok(input.title && input.url && input.licence, JSON.stringify(input));
      }
      // usage = kWh per Mtok at the facility × grid intensity; the headline adds the embodied part
      assert.ok(Math.abs(result.carbon.usage.central / (result.inputs.energy.kWhPerMTokAtFacility.central * 129) - 1) < 0.005);
      assert.equal(result.carbon.basis, 'total');
      assert.ok(Math.abs(result.carbon.central - (result.carbon.usage.central + result.carbon.embodied.central)) < 0.1);
      const usageOnly = JSON.parse(
        (await run('estimate', 'meta/llama-3.1-70b-instruct', '--region', 'aws:us-west-2', '--format', 'json', '--usage-only')).stdout,
      );
      assert.equal(usageOnly.carbon.basis, 'usage');
      assert.equal(usageOnly.carbon.central, usageOnly.carbon.usage.central);
      assert.deepEqual(usageOnly.carbon.total, result.carbon.total);
      const table = await run('estimate', 'gpt-4o', '--region', 'swedencentral');
      assert.match(table.stdout, /GPT-4o in azure swedencentral/);
      assert.ok(widest(table.stdout) <= 100);
    });
  });

  describe('leaderboard and regions', () => {
    it('leaderboard: JSON rows with the model, CSV with a header, filters', async () => {
      const json = JSON.parse((await run('leaderboard', '--model', 'gpt-4o', '--format', 'json')).stdout);
      assert.ok(json.rows.length > 0);
      assert.ok(json.rows.every((r: { model: { id: string } }) => r.model.id === 'openai/gpt-4o'));
      // the page's CSV export: same columns, CRLF line ends (RFC 4180)
      const csv = (await run('leaderboard', '--provider', 'gcp', '--format', 'csv')).stdout.trimEnd().split('\r\n');
      assert.match(csv[0], /^model_id,model,family,open_weights,provider,service,placement,region/);
      assert.ok(csv.length > 1 && csv.slice(1).every((line) => line.split(',')[4] === 'gcp'));
      const table = await run('leaderboard', '--jurisdiction', 'EU');
      assert.ok(widest(table.stdout) <= 100);
    });

    it('regions: 144 regions with zone and intensity, cleanest first', async () => {
      const { regions } = JSON.parse((await run('regions', '--format', 'json')).stdout);
      assert.equal(regions.length, 144);
      assert.deepEqual(Object.keys(regions[0]).sort(), ['code', 'gridIntensity', 'gridZone', 'jurisdiction', 'name', 'provider']);
      const values = regions.map((r: { gridIntensity: { gPerKWh: number } }) => r.gridIntensity.gPerKWh);
      assert.deepEqual(
        [...values].sort((a, b) => a - b),
        values,
      );
      assert.equal((await run('regions', '--provider', 'oracle')).code, 2);
    });
  });
});
