// A small hand-made dataset with round numbers, so calculator and recommender results can be checked by hand.
import { loadDataset, type DatasetIndex } from '../../../src/core/data/dataset';
import type { DatasetInput } from '../../../src/core/data/schema';

const source = (id: string) => ({
  id,
  title: `Test source ${id}`,
  url: `https://example.org/${id}`,
  licence: 'CC0-1.0',
  dataYear: 2025,
  retrieved: '2026-01-01',
});

const region = (provider: 'aws' | 'gcp' | 'azure', code: string, jurisdiction: string, gridZone: string, lat: number, lon: number) => ({
  provider,
  code,
  name: code.toUpperCase(),
  city: 'City',
  country: jurisdiction === 'EU' ? 'SE' : jurisdiction.slice(0, 2),
  jurisdiction,
  lat,
  lon,
  gridZone,
  aliases: [],
  source: 'regions',
});

export function tinyDatasetInput(): DatasetInput {
  return {
    sources: [source('grid'), source('regions'), source('pue'), source('fit'), source('sizes'), source('offers'), source('measured')],
    grid: {
      source: 'grid',
      defaultYear: 2025,
      years: [2024, 2025],
      zones: {
        CLEAN: { name: 'Clean', intensity: { '2024': 25, '2025': 20 } },
        MID: { name: 'Middle', intensity: { '2024': 300, '2025': 301 } },
        DIRTY: { name: 'Dirty', intensity: { '2024': 485, '2025': 483 } },
      },
    },
    providers: [
      { id: 'aws', name: 'AWS', pue: { value: 1.15, source: 'pue', year: 2024 } },
      { id: 'gcp', name: 'Google Cloud', pue: { value: 1.1, source: 'pue', year: 2024 } },
      { id: 'azure', name: 'Azure', pue: { value: 1.16, source: 'pue', year: 2025 } },
    ],
    regions: [
      region('aws', 'eu-north-1', 'EU', 'CLEAN', 59.33, 18.07),
      region('aws', 'eu-west-1', 'EU', 'MID', 53.35, -6.26),
      region('aws', 'ap-southeast-1', 'SG', 'DIRTY', 1.35, 103.82),
      region('gcp', 'europe-north2', 'EU', 'CLEAN', 59.33, 18.07),
      region('azure', 'swedencentral', 'EU', 'CLEAN', 60.67, 17.14),
    ],
    models: [
      {
        id: 'meta/llama-3.1-70b-instruct',
        name: 'Llama 3.1 70B',
        creator: 'meta',
        family: 'llama',
        openWeights: true,
        architecture: 'dense',
        params: { total: 70.55, active: 70.55, source: 'sizes' },
        tier: 'B',
        aliases: [{ id: 'meta.llama3-1-70b-instruct-v1:0', platform: 'aws-bedrock' }],
      },
      {
        id: 'meta/llama-3.1-8b-instruct',
        name: 'Llama 3.1 8B',
        creator: 'meta',
        family: 'llama',
        openWeights: true,
        architecture: 'dense',
        params: { total: 8.03, active: 8.03, source: 'sizes' },
        tier: 'A',
        measured: { jPerToken: 0.095, gpu: 'H100', batch: 128, source: 'measured' },
        aliases: [{ id: 'meta.llama3-1-8b-instruct-v1:0', platform: 'aws-bedrock' }],
      },
      {
        id: 'openai/gpt-4o',
        name: 'GPT-4o',
        creator: 'openai',
        family: 'gpt',
        openWeights: false,
        architecture: 'moe',
        params: { total: 440, active: { min: 44, max: 132 }, source: 'sizes' },
        tier: 'C',
        aliases: [{ id: 'gpt-4o', platform: 'openai' }],
      },
    ],
    offerings: [
      {
        model: 'meta/llama-3.1-70b-instruct',
        provider: 'aws',
        service: 'bedrock',
        placement: 'regional',
        regions: ['eu-north-1', 'eu-west-1', 'ap-southeast-1'],
        price: { input: 0.72, output: 0.72, source: 'offers', asOf: '2026-01', basis: 'us-east-1 list price', region: 'eu-west-1' },
        source: 'offers',
        provenance: { status: 'sourced' },
        asOf: '2026-01',
      },
      {
        model: 'meta/llama-3.1-70b-instruct',
        provider: 'aws',
        service: 'bedrock',
        placement: 'geo',
        geo: 'eu',
        regions: ['eu-north-1', 'eu-west-1'],
        source: 'offers',
        provenance: { status: 'derived', rule: 'test rule' },
        asOf: '2026-01',
      },
      {
        model: 'meta/llama-3.1-8b-instruct',
        provider: 'aws',
        service: 'bedrock',
        placement: 'regional',
        regions: ['eu-west-1', 'ap-southeast-1'],
        source: 'offers',
        provenance: { status: 'sourced' },
        asOf: '2026-01',
      },
      {
        model: 'openai/gpt-4o',
        provider: 'azure',
        service: 'azure-openai',
        placement: 'regional',
        regions: ['swedencentral'],
        source: 'offers',
        provenance: { status: 'sourced' },
        asOf: '2026-01',
      },
    ],
    calculator: {
      a: 0.0177,
      b: 0.823,
      kSys: 1.5,
      moeGamma: 0.75,
      fp8Factor: 0.7,
      bandLow: 0.45,
      bandHigh: 2.4,
      inputTokenWeight: 0.2,
      embodiedGPerMTokPerJ: 30.8,
      source: 'fit',
    },
  };
}

export const tinyDataset = (): DatasetIndex => loadDataset(tinyDatasetInput());
