// The compiled dataset (build/dataset.json; run `npm run data` first): coverage of the provider region lists,
// grid intensities, the contested-zone decisions, and the integrity checks that must reject a broken dataset.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledDataset } from '../../src/core/data/bundled';
import { DatasetError, loadDataset, regionKey } from '../../src/core/data/dataset';
import type { Dataset, Model, ProviderId, Region } from '../../src/core/data/schema';

const repoRoot = path.resolve(__dirname, '../..');
// Reference lists kept in the repository with their licences (data/sources/*/SOURCE.md).
const referenceSources = path.join(repoRoot, 'data/sources');
const sourcesMd = readFileSync(path.join(repoRoot, 'data/SOURCES.md'), 'utf8');

/** Entries of the provider lists we leave out on purpose; each one is explained in data/SOURCES.md. */
const omittedFromProviderLists: Record<ProviderId, string[]> = {
  // AWS ISO partitions are classified and not publicly usable.
  aws: ['us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-east-1', 'us-isof-south-1'],
  gcp: ['us-east2'],
  // Canary (EUAP), staging and a logical location without coordinates.
  azure: ['eastus2euap', 'centraluseuap', 'eastusstg', 'brazilus'],
};
/** Regions we include although the provider list lacks them (newer than the list); also in data/SOURCES.md. */
const addedBeyondProviderLists: Record<ProviderId, string[]> = {
  aws: ['ap-east-2', 'ap-southeast-6'],
  gcp: ['asia-southeast3'],
  azure: [
    'chilecentral',
    'belgiumcentral',
    'malaysiawest',
    'indonesiacentral',
    'newzealandnorth',
    'chinaeast',
    'chinaeast2',
    'chinanorth',
    'chinanorth2',
    'chinanorth3',
  ],
};

function providerListCodes(provider: ProviderId): string[] {
  switch (provider) {
    case 'aws': {
      const partitions = JSON.parse(readFileSync(path.join(referenceSources, 'aws-sdk-partitions/partitions.json'), 'utf8')) as {
        partitions: Array<{ regions: Record<string, unknown> }>;
      };
      // `aws-global`, `aws-cn-global` … are endpoint pseudo-regions, not places.
      return partitions.partitions.flatMap((p) => Object.keys(p.regions)).filter((code) => !code.endsWith('-global'));
    }
    case 'gcp':
      return googleFigures().map(([code]) => code);
    case 'azure':
      return Object.keys(JSON.parse(readFileSync(path.join(referenceSources, 'gsf-carbon-aware-sdk/azure-regions.json'), 'utf8')));
  }
}

/** Google's 2024 per-region grid figures: [region, gCO2e/kWh]. */
function googleFigures(): Array<[string, number]> {
  const lines = readFileSync(path.join(referenceSources, 'google-region-carbon-info/2024.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const fields = line.split(',');
    return [fields[0], Number(fields[3])];
  });
}

const index = bundledDataset();
const data = index.data;

function region(provider: ProviderId, code: string): Region {
  const found = index.regions.get(regionKey(provider, code));
  assert.ok(found, `${provider}:${code} is in the dataset`);
  return found;
}

function intensity(provider: ProviderId, code: string, year = data.grid.defaultYear): number | undefined {
  return data.grid.zones[region(provider, code).gridZone]?.intensity[String(year)];
}

describe('dataset: regions', () => {
  it('has every public region: 144 in all, AWS 39, Google Cloud 44, Azure 61', () => {
    assert.equal(data.regions.length, 144);
    const count = (p: ProviderId) => data.regions.filter((r) => r.provider === p).length;
    assert.deepEqual({ aws: count('aws'), gcp: count('gcp'), azure: count('azure') }, { aws: 39, gcp: 44, azure: 61 });
  });

  for (const provider of ['aws', 'gcp', 'azure'] as const) {
    it(`${provider}: every code in the provider list is present, except the documented omissions`, () => {
      const listed = providerListCodes(provider);
      assert.ok(listed.length > 30, 'the provider reference list was read');
      const ours = new Set(data.regions.filter((r) => r.provider === provider).map((r) => r.code));
      const missing = listed.filter((code) => !ours.has(code)).sort();
      assert.deepEqual(missing, [...omittedFromProviderLists[provider]].sort());
      const extra = [...ours].filter((code) => !listed.includes(code)).sort();
      assert.deepEqual(extra, [...addedBeyondProviderLists[provider]].sort());
    });
  }

  it('documents every omission and addition in data/SOURCES.md', () => {
    const codes = Object.values(omittedFromProviderLists).flat().concat(Object.values(addedBeyondProviderLists).flat());
    const undocumented = codes.filter((code) => !sourcesMd.includes(`\`${code}\``));
    assert.deepEqual(undocumented, []);
  });

  it('gives every region a grid intensity for the default year, 2025', () => {
    assert.equal(data.grid.defaultYear, 2025);
    assert.deepEqual(data.grid.years, [2021, 2022, 2023, 2024, 2025]);
    const without = data.regions.filter((r) => typeof intensity(r.provider, r.code) !== 'number').map((r) => `${r.provider}:${r.code}`);
    assert.deepEqual(without, []);
  });

  it('uses the Bonneville (BPA) zone for the Oregon regions, with PacifiCorp West as the documented alternative', () => {
    for (const [provider, code] of [
      ['aws', 'us-west-2'],
      ['aws', 'us-gov-west-1'],
      ['gcp', 'us-west1'],
    ] as const) {
      const oregon = region(provider, code);
      assert.equal(oregon.gridZone, 'US-NW-BPAT', `${provider}:${code}`);
      assert.equal(oregon.altGridZone, 'US-NW-PACW', `${provider}:${code}`);
      assert.match(oregon.gridZoneReason ?? '', /Bonneville Power Administration/);
      assert.equal(intensity(provider, code), 129);
    }
    assert.equal(data.grid.zones['US-NW-PACW'].intensity['2025'], 204);
  });

  it('matches Electricity Maps 2025 spot values', () => {
    assert.equal(region('aws', 'eu-north-1').gridZone, 'SE-SE3');
    assert.equal(intensity('aws', 'eu-north-1'), 20);
    assert.equal(region('aws', 'us-east-1').gridZone, 'US-MIDA-PJM');
    assert.equal(intensity('aws', 'us-east-1'), 418);
    assert.equal(intensity('aws', 'ap-southeast-1'), 483);
    assert.equal(intensity('gcp', 'europe-west4'), 253);
    assert.equal(intensity('azure', 'swedencentral'), 20);
    assert.equal(intensity('aws', 'us-east-1', 2024), 403);
  });

  it("shows Google's own 2024 figure beside ours for every GCP region Google publishes", () => {
    const westEurope4 = region('gcp', 'europe-west4').providerReported;
    assert.deepEqual(westEurope4, { value: 208.81, source: 'google-region-carbon-info', year: 2024 });
    for (const [code, value] of googleFigures()) {
      if (omittedFromProviderLists.gcp.includes(code)) continue;
      assert.equal(region('gcp', code).providerReported?.value, value, code);
    }
    assert.equal(region('gcp', 'asia-southeast3').providerReported, undefined);
  });

  it("never puts a region's life-cycle intensity below the provider's own operational figure for the same year", () => {
    // Life-cycle factors add upstream emissions to operational ones, so a lower value points at the wrong grid zone.
    // Exceptions (data/SOURCES.md): coal-heavy grids with one zone, where there is no other zone to choose and
    // Electricity Maps' generic life-cycle coal factor sits below old plants' direct emissions.
    const singleZoneCoalGrids = ['gcp:asia-south1', 'gcp:europe-central2', 'gcp:southamerica-west1'];
    const reporting = data.regions.filter((r) => r.providerReported);
    assert.ok(reporting.length >= 43);
    const below: string[] = [];
    for (const r of reporting) {
      const reported = r.providerReported!;
      const ours = intensity(r.provider, r.code, reported.year);
      assert.equal(typeof ours, 'number', `${r.provider}:${r.code} has a ${reported.year} intensity`);
      const key = `${r.provider}:${r.code}`;
      if (ours! >= reported.value) continue;
      if (singleZoneCoalGrids.includes(key) && r.altGridZone === undefined && ours! >= 0.9 * reported.value) continue;
      below.push(`${key} ${r.gridZone} ${ours} < ${reported.value}`);
    }
    assert.deepEqual(below, []);
    for (const key of singleZoneCoalGrids) assert.ok(sourcesMd.includes(`\`${key.split(':')[1]}\``), `${key} is explained`);
  });

  it('uses the balancing area of the utility serving a known site, with the mapping it overrides as the alternative', () => {
    const expected = [
      ['gcp', 'us-east1', 'US-CAR-SC', 'US-CAR-SCEG', 654],
      ['gcp', 'us-central1', 'US-MIDW-MISO', 'US-CENT-SWPP', 501],
      ['azure', 'westus2', 'US-NW-GCPD', 'US-NW-BPAT', 51],
      ['azure', 'westcentralus', 'US-NW-WACM', 'US-NW-PACE', 687],
    ] as const;
    for (const [provider, code, zone, alternative, value] of expected) {
      const site = region(provider, code);
      assert.deepEqual([site.gridZone, site.altGridZone, intensity(provider, code)], [zone, alternative, value], `${provider}:${code}`);
      assert.ok(sourcesMd.includes(`${provider} \`${code}\``), `${provider}:${code} is in the zone table of data/SOURCES.md`);
    }
    // One utility (MidAmerican Energy), one zone.
    assert.equal(region('azure', 'centralus').gridZone, region('gcp', 'us-central1').gridZone);
    // West Central US is the Cheyenne campus, not the Utah point in Azure's location metadata.
    assert.ok(Math.abs(region('azure', 'westcentralus').lon - -104.82) < 0.1);
  });

  it('gives a reason for every alternative zone and lists each one in data/SOURCES.md', () => {
    for (const r of data.regions.filter((candidate) => candidate.altGridZone)) {
      assert.ok((r.gridZoneReason ?? '').length > 40, `${r.provider}:${r.code} explains its zone`);
      assert.ok(sourcesMd.includes(`\`${r.code}\``), `${r.provider}:${r.code} is in data/SOURCES.md`);
      assert.ok(data.grid.zones[r.altGridZone!]?.intensity[String(data.grid.defaultYear)], `${r.altGridZone} has data`);
    }
  });

  it('records jurisdictions for data-residency rules', () => {
    assert.equal(region('aws', 'eu-north-1').jurisdiction, 'EU');
    assert.equal(region('azure', 'norwayeast').jurisdiction, 'EEA');
    assert.equal(region('aws', 'eu-west-2').jurisdiction, 'UK');
    assert.equal(region('gcp', 'europe-west6').jurisdiction, 'CH');
    assert.equal(region('aws', 'us-east-1').jurisdiction, 'US');
  });
});

describe('dataset: sources, providers and calculator', () => {
  it('gives every source a real https URL and the Electricity Maps attribution', () => {
    for (const source of data.sources) assert.match(source.url, /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//, source.id);
    const grid = index.sources.get(data.grid.source);
    assert.equal(grid?.attribution, 'Grid carbon intensity: Electricity Maps (electricitymaps.com), yearly data, ODbL');
    assert.match(grid?.licence ?? '', /ODbL/);
  });

  it('has the PUE of each provider and the calculator coefficients of the fit', () => {
    assert.deepEqual(
      data.providers.map((p) => [p.id, p.name, p.pue.value]),
      [
        ['aws', 'Amazon Web Services', 1.15],
        ['gcp', 'Google Cloud', 1.1],
        ['azure', 'Microsoft Azure', 1.16],
      ],
    );
    const { a, b, kSys, moeGamma, embodiedGPerMTokPerJ, source } = data.calculator;
    assert.deepEqual(
      { a, b, kSys, moeGamma, embodiedGPerMTokPerJ },
      { a: 0.0177, b: 0.823, kSys: 1.5, moeGamma: 0.83, embodiedGPerMTokPerJ: 30.8 },
    );
    assert.ok(index.sources.has(source));
  });
});

describe('dataset: the bundled copy', () => {
  it('is written as loadDataset returns it, so the bundle indexes it without parsing it again', () => {
    const written = readFileSync(path.join(repoRoot, 'build/dataset.json'), 'utf8');
    assert.equal(JSON.stringify(loadDataset(JSON.parse(written)).data), written);
    assert.equal(JSON.stringify(bundledDataset().data), written);
  });
});

describe('dataset: integrity checks reject a broken copy', () => {
  const copy = (): Dataset => structuredClone(data);
  const problemsOf = (raw: Dataset): string[] => {
    try {
      loadDataset(raw);
      return [];
    } catch (error) {
      if (error instanceof DatasetError) return error.problems;
      throw error;
    }
  };
  const fakeModel = (id: string, alias: string): Model => ({
    id,
    name: id,
    creator: 'test',
    family: 'test',
    openWeights: true,
    architecture: 'dense',
    params: { total: { min: 7, max: 7 }, active: { min: 7, max: 7 }, source: 'ecologits' },
    tier: 'B',
    precision: 'bf16',
    aliases: [{ id: alias, platform: 'other' }],
  });

  it('accepts the unmodified copy', () => {
    assert.deepEqual(problemsOf(copy()), []);
  });

  it('rejects a number whose source id is unknown', () => {
    const broken = copy();
    const gcp = broken.providers.find((p) => p.id === 'gcp');
    assert.ok(gcp);
    gcp.pue.source = 'no-such-source';
    const reported = broken.regions.find((r) => r.providerReported);
    assert.ok(reported?.providerReported);
    reported.providerReported.source = 'also-unknown';
    const problems = problemsOf(broken);
    assert.ok(problems.includes("providers.gcp.pue: unknown source 'no-such-source'"), problems.join('\n'));
    assert.ok(problems.includes(`regions.gcp:${reported.code}.providerReported: unknown source 'also-unknown'`), problems.join('\n'));
  });

  it('rejects a region with no source', () => {
    const broken = copy();
    delete (broken.regions[5] as Partial<Region>).source;
    const problems = problemsOf(broken);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^regions\.5\.source: /);
  });

  it('rejects one alias claimed by two models', () => {
    const broken = copy();
    broken.models.push(fakeModel('test/fake-a', 'Shared-Test-Alias'), fakeModel('test/fake-b', 'shared-test-alias'));
    assert.deepEqual(problemsOf(broken), ["alias 'shared-test-alias' is claimed by both 'test/fake-a' and 'test/fake-b'"]);
  });

  it('rejects an offering that names an unknown region', () => {
    const broken = copy();
    broken.models.push(fakeModel('test/fake-c', 'fake-c-alias'));
    broken.offerings.push({
      model: 'test/fake-c',
      provider: 'aws',
      service: 'bedrock',
      placement: 'regional',
      regions: ['us-east-1', 'xx-nowhere-1'],
      source: 'aws-bedrock-regions',
      provenance: { status: 'sourced' },
      asOf: '2026-02-15',
    });
    const problems = problemsOf(broken);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /unknown region 'xx-nowhere-1'/);
  });
});

describe('data/SOURCES.md', () => {
  it('lists every source the dataset cites', () => {
    const text = readFileSync(path.resolve(__dirname, '../../data/SOURCES.md'), 'utf8');
    const missing = bundledDataset()
      .data.sources.filter((s) => !text.includes(`\`${s.id}\``))
      .map((s) => s.id);
    assert.deepEqual(missing, []);
  });
});
