// Compiles the reviewed YAML in data/ plus the Electricity Maps yearly values shipped in @tgwf/co2 into
// build/dataset.json, the dataset the extension and CLI bundle, and data/knowledge.yaml into build/knowledge.json,
// the scanner's catalogue of SDKs, resources and spellings. Run with `npm run data`.
// Every problem is reported (file:line:col where known) and the script exits 1 without writing anything.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { DatasetError, loadDataset } from '../src/core/data/dataset';
import { Knowledge } from '../src/core/data/knowledgeSchema';
import {
  CalculatorCoefficients,
  Model,
  Offering,
  Provider,
  ProviderId,
  Region,
  Source,
  type Dataset,
  type GridZone,
} from '../src/core/data/schema';

const repoRoot = path.resolve(__dirname, '..');
const dataDir = path.join(repoRoot, 'data');
const outFile = path.join(repoRoot, 'build/dataset.json');
const knowledgeOut = path.join(repoRoot, 'build/knowledge.json');
const gridSource = 'electricity-maps-yearly';
const gridPackage = '@tgwf/co2/data/electricity-maps';

const SourcesFile = z.strictObject({ sources: z.array(Source) });
const ProvidersFile = z.strictObject({ providers: z.array(Provider) });
const RegionsFile = z.strictObject({
  provider: ProviderId,
  source: Region.shape.source,
  regions: z.array(Region.omit({ provider: true, source: true })),
});
const ModelsFile = z.strictObject({ models: z.array(Model) });
const OfferingsFile = z.strictObject({ offerings: z.array(Offering) });

/** The part of @tgwf/co2's Electricity Maps export we rely on: `yearlyYYYY.data[zone]`. */
const ElectricityMapsYear = z.object({
  data: z.record(
    z.string(),
    z.object({
      zone: z.object({ zoneName: z.string(), countryName: z.string().optional() }),
      carbonIntensity: z.object({ value: z.number().nonnegative() }),
    }),
  ),
});

class Problems {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}

const relative = (file: string) => path.relative(repoRoot, file);

/** Parses one YAML file and checks it against its schema; problems carry file:line:col. */
function readYaml<T>(file: string, schema: z.ZodType<T>, problems: Problems): T | undefined {
  if (!existsSync(file)) {
    problems.add(relative(file), 'file not found');
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return relative(file);
    const { line, col } = lineCounter.linePos(offset);
    return `${relative(file)}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) problems.add(at(error.pos[0]), `malformed YAML: ${error.message.split('\n')[0]}`);
    return undefined;
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const keyPath = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    // Point at the unknown key itself rather than at the map holding it.
    const nodePath = issue.code === 'unrecognized_keys' ? [...keyPath, issue.keys[0]] : keyPath;
    problems.add(at(nodeOffset(doc, nodePath)), `${keyPath.join('.') || '(top level)'}: ${issue.message}`);
  }
  return undefined;
}

/** Start offset of the deepest node that exists along a key path (a missing key points at its parent). */
function nodeOffset(doc: Document, keyPath: (string | number)[]): number | undefined {
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(keyPath.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return range[0];
  }
  return undefined;
}

function yamlFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Every `<name>*.yaml` list file (models.yaml plus models-catalogue.yaml …), in name order. A list another engineer
 * owns may not exist yet; the dataset is then compiled without it.
 */
function readLists<K extends string, T>(name: string, key: K, schema: z.ZodType<Record<K, T[]>>, problems: Problems): T[] {
  const files = yamlFiles(dataDir, new RegExp(`^${name}(-[a-z0-9-]+)?\\.yaml$`));
  if (files.length === 0) {
    console.warn(`data: no data/${name}*.yaml found, compiling without ${key}`);
    return [];
  }
  return files.flatMap((file) => readYaml(file, schema, problems)?.[key] ?? []);
}

function readRegions(problems: Problems): { regions: Region[]; fileOf: Map<string, string> } {
  const regions: Region[] = [];
  const fileOf = new Map<string, string>();
  for (const file of yamlFiles(path.join(dataDir, 'regions'), /\.yaml$/)) {
    const parsed = readYaml(file, RegionsFile, problems);
    if (!parsed) continue;
    if (path.basename(file, '.yaml') !== parsed.provider)
      problems.add(relative(file), `provider '${parsed.provider}' does not match the file name`);
    for (const entry of parsed.regions) {
      regions.push({ ...entry, provider: parsed.provider, source: parsed.source });
      fileOf.set(`${parsed.provider}:${entry.code}`, relative(file));
    }
  }
  return { regions, fileOf };
}

/** Electricity Maps yearly values for the zones our regions use, every year the package has. */
function readGrid(regions: Region[], fileOf: Map<string, string>, problems: Problems): Dataset['grid'] {
  // The package ships no type declarations; its shape is checked below.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS data package, loaded by path
  const exported = require(gridPackage) as Record<string, unknown>;
  const byYear = new Map<number, z.infer<typeof ElectricityMapsYear>['data']>();
  for (const [name, value] of Object.entries(exported)) {
    const year = /^yearly(\d{4})$/.exec(name)?.[1];
    if (!year) continue;
    const parsed = ElectricityMapsYear.safeParse(value);
    if (!parsed.success)
      problems.add(`${gridPackage}.${name}`, `unexpected shape (${parsed.error.issues[0]?.message}); was @tgwf/co2 upgraded?`);
    else byYear.set(Number(year), parsed.data.data);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  if (years.length === 0) problems.add(gridPackage, 'no yearlyYYYY exports found');

  const zones: Record<string, GridZone> = {};
  for (const region of regions) {
    for (const zone of [region.gridZone, region.altGridZone]) {
      if (zone === undefined || zones[zone]) continue;
      const intensity: Record<string, number> = {};
      let name: string | undefined;
      for (const [year, data] of byYear) {
        const entry = data[zone];
        if (!entry) continue;
        intensity[String(year)] = entry.carbonIntensity.value;
        const { zoneName, countryName } = entry.zone;
        name = countryName && countryName !== zoneName ? `${zoneName} (${countryName})` : zoneName;
      }
      if (name === undefined) {
        const where = fileOf.get(`${region.provider}:${region.code}`) ?? 'data/regions';
        problems.add(
          where,
          `${region.provider}:${region.code} uses grid zone '${zone}', which has no Electricity Maps data in @tgwf/co2 (any year)`,
        );
        continue;
      }
      zones[zone] = { name, intensity };
    }
  }
  // A calendar year is complete once it is over; the default is the latest such year every zone has.
  const currentYear = new Date().getUTCFullYear();
  const complete = years.filter((year) => year < currentYear && Object.values(zones).every((z) => z.intensity[String(year)] !== undefined));
  const defaultYear = complete.at(-1) ?? years.at(-1) ?? 0;
  return { source: gridSource, defaultYear, years, zones };
}

/** Names the data file a loadDataset problem comes from, by the path it starts with. */
function locate(problem: string, regionFiles: Map<string, string>): string {
  const region = /^regions\.([a-z]+:[a-z0-9-]+)/.exec(problem);
  if (region) return regionFiles.get(region[1]) ?? 'data/regions';
  if (/^(models|alias)/.test(problem)) return 'data/models*.yaml';
  if (problem.startsWith('offerings')) return 'data/offerings*.yaml';
  if (problem.startsWith('providers')) return 'data/providers.yaml';
  if (problem.startsWith('calculator')) return 'data/calculator.yaml';
  if (problem.startsWith('sources')) return 'data/sources*.yaml';
  if (problem.startsWith('grid')) return gridPackage;
  return 'dataset';
}

function main(): void {
  const started = performance.now();
  const problems = new Problems();
  const sources = yamlFiles(dataDir, /^sources.*\.yaml$/).flatMap((file) => readYaml(file, SourcesFile, problems)?.sources ?? []);
  const providers = readYaml(path.join(dataDir, 'providers.yaml'), ProvidersFile, problems)?.providers ?? [];
  const calculator = readYaml(path.join(dataDir, 'calculator.yaml'), CalculatorCoefficients, problems);
  const { regions, fileOf } = readRegions(problems);
  const models = readLists('models', 'models', ModelsFile, problems);
  const offerings = readLists('offerings', 'offerings', OfferingsFile, problems);
  const grid = readGrid(regions, fileOf, problems);
  const knowledge = readYaml(path.join(dataDir, 'knowledge.yaml'), Knowledge, problems);

  if (problems.list.length === 0 && calculator && knowledge) {
    const dataset: Dataset = { sources, grid, providers, regions, models, offerings, calculator };
    try {
      // written as loadDataset returns it (defaults filled, keys in schema order): the bundle indexes it unchecked
      const checked = loadDataset(dataset).data;
      mkdirSync(path.dirname(outFile), { recursive: true });
      writeFileSync(outFile, JSON.stringify(checked));
      writeFileSync(knowledgeOut, JSON.stringify(knowledge));
      const perProvider = ProviderId.options.map((p) => `${p} ${regions.filter((r) => r.provider === p).length}`).join(', ');
      console.log(
        `data: ${sources.length} sources, ${providers.length} providers, ${regions.length} regions (${perProvider}), ` +
          `${Object.keys(grid.zones).length} grid zones × ${grid.years.length} years (default ${grid.defaultYear}), ` +
          `${models.length} models, ${offerings.length} offerings → ${relative(outFile)}; knowledge → ${relative(knowledgeOut)} in ${Math.round(performance.now() - started)} ms`,
      );
      return;
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      for (const problem of error.problems) problems.add(locate(problem, fileOf), problem);
    }
  }
  console.error(
    `data: ${problems.list.length} problem(s), build/dataset.json and build/knowledge.json not written:\n  - ${problems.list.join('\n  - ')}`,
  );
  process.exitCode = 1;
}

main();
