// The README's catalogue table ("The model catalogue"), computed from the compiled dataset so the counts cannot
// drift: test/unit/catalogue.test.ts compares the README section with this output. Print it with
// `npx tsx scripts/catalogue-table.ts` after `npm run data` and paste it between the README markers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { kindOf } from '../src/core/carbon/units';
import type { Dataset, Model } from '../src/core/data/schema';

const columns = ['A measured', 'B known size', 'C size prior', 'family priors', 'embedding', 'image', 'video', 'audio'] as const;

function column(model: Model): (typeof columns)[number] {
  const kind = kindOf(model);
  if (kind !== 'generation') return kind;
  if (model.familyPattern !== undefined) return 'family priors';
  return model.tier === 'A' ? 'A measured' : model.tier === 'B' ? 'B known size' : 'C size prior';
}

const serviceNames = {
  bedrock: 'Amazon Bedrock',
  vertex: 'Vertex AI',
  'azure-openai': 'Azure OpenAI',
  'azure-ai': 'Azure AI Foundry',
} as const;

/** Markdown: models by creator and tier or kind, then models per cloud service (with known regions or not). */
export function catalogueTable(data: Dataset): string {
  const byCreator = new Map<string, Map<string, number>>();
  for (const model of data.models) {
    const counts = byCreator.get(model.creator) ?? new Map<string, number>();
    counts.set(column(model), (counts.get(column(model)) ?? 0) + 1);
    byCreator.set(model.creator, counts);
  }
  const creators = [...byCreator.keys()].sort((a, b) => sum(byCreator.get(b)!) - sum(byCreator.get(a)!) || a.localeCompare(b));
  const row = (name: string, counts: Map<string, number>) =>
    `| ${name} | ${columns.map((c) => counts.get(c) ?? '').join(' | ')} | ${sum(counts)} |`;
  const totals = new Map<string, number>();
  for (const counts of byCreator.values()) for (const [key, n] of counts) totals.set(key, (totals.get(key) ?? 0) + n);
  const lines = [
    `| Creator | ${columns.join(' | ')} | models |`,
    `|---|${columns.map(() => '--:').join('|')}|--:|`,
    ...creators.map((creator) => row(creator, byCreator.get(creator)!)),
    row('**All**', totals),
    '',
    '| Service | models offered | with regions listed | regions unknown |',
    '|---|--:|--:|--:|',
  ];
  for (const [service, name] of Object.entries(serviceNames)) {
    const offerings = data.offerings.filter((o) => o.service === service);
    const models = new Set(offerings.map((o) => o.model));
    const listed = new Set(offerings.filter((o) => o.regions.length > 0).map((o) => o.model));
    lines.push(`| ${name} | ${models.size} | ${listed.size} | ${[...models].filter((m) => !listed.has(m)).length} |`);
  }
  return lines.join('\n');
}

function sum(counts: Map<string, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}

if (require.main === module) {
  const file = path.resolve(__dirname, '../build/dataset.json');
  console.log(catalogueTable(JSON.parse(readFileSync(file, 'utf8')) as Dataset));
}
