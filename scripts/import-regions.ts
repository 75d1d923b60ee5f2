// One-off importer: writes data/regions/{aws,gcp,azure}.yaml from the research's compiled region table and
// Google's 2024 per-region figures. After the import the YAML files are the reviewed source of truth, so this
// refuses to overwrite them unless run with --force (`npx tsx scripts/import-regions.ts --force`).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ProviderId } from '../src/core/data/schema';

const repoRoot = path.resolve(__dirname, '..');
const referenceSources = path.join(repoRoot, 'data/sources');
const metadataCsv = path.join(referenceSources, 'gridlens-region-metadata/regions-metadata.csv');
const googleCsv = path.join(referenceSources, 'google-region-carbon-info/2024.csv');
const regionSource = 'gridlens-region-metadata';
const googleSource = 'google-region-carbon-info';

const euMembers = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);
const eeaOnly = new Set(['NO', 'IS', 'LI']);

/** The zone decisions (rule in data/SOURCES.md): which zone we use, the alternative, and why. */
interface ZoneDecision {
  gridZone: string;
  altGridZone: string;
  reason: string;
}
const bpaOverPacw = (site: string, utility: string) =>
  `${site} is served by ${utility}, which sits in the Bonneville Power Administration balancing area, so we use ` +
  "US-NW-BPAT. Electricity Maps' own data-centre mapping (and CCF) use PacifiCorp West, kept as the alternative.";
const zoneDecisions: Record<string, ZoneDecision> = {
  'aws:us-west-2': {
    gridZone: 'US-NW-BPAT',
    altGridZone: 'US-NW-PACW',
    reason: bpaOverPacw('Boardman / Umatilla County, Oregon', 'Umatilla Electric Cooperative'),
  },
  'aws:us-gov-west-1': {
    gridZone: 'US-NW-BPAT',
    altGridZone: 'US-NW-PACW',
    reason: `AWS does not publish the site; treated like us-west-2. ${bpaOverPacw('Umatilla County, Oregon', 'Umatilla Electric Cooperative')}`,
  },
  'gcp:us-west1': {
    gridZone: 'US-NW-BPAT',
    altGridZone: 'US-NW-PACW',
    reason:
      `${bpaOverPacw('The Dalles, Oregon', 'Northern Wasco County PUD')} Google's own 2024 figure for us-west1 ` +
      '(79 g/kWh, operational) is consistent with BPA, not PacifiCorp.',
  },
  'gcp:us-central1': {
    gridZone: 'US-MIDW-MISO',
    altGridZone: 'US-CENT-SWPP',
    reason:
      "Google's Council Bluffs campus is served by MidAmerican Energy, a MISO member (CCF's choice; Azure centralus, also MidAmerican, uses MISO too). Electricity Maps' data-centre mapping uses the Southwest Power Pool, kept as the alternative.",
  },
  'gcp:us-east1': {
    gridZone: 'US-CAR-SC',
    altGridZone: 'US-CAR-SCEG',
    reason:
      "Google's Berkeley County campus (Moncks Corner) is in Santee Cooper's (South Carolina Public Service Authority) territory and balancing area. Electricity Maps' data-centre mapping uses South Carolina Electric & Gas (Dominion Energy South Carolina), kept as the alternative; it falls below Google's own operational figure.",
  },
  'gcp:us-west2': {
    gridZone: 'US-CAL-CISO',
    altGridZone: 'US-CAL-LDWP',
    reason:
      'Electricity Maps and CCF map Los Angeles to CAISO (kept); the City of Los Angeles is served by LADWP, its own balancing area (about 1.7x higher in 2025).',
  },
  'azure:northcentralus': {
    gridZone: 'US-MIDA-PJM',
    altGridZone: 'US-MIDW-MISO',
    reason: "Chicago is served by ComEd, a PJM member, as Electricity Maps maps it (kept); CCF's zone map uses MISO.",
  },
  'azure:westus2': {
    gridZone: 'US-NW-GCPD',
    altGridZone: 'US-NW-BPAT',
    reason:
      "Microsoft's Quincy, WA campus is served by Grant County PUD, its own balancing area. Electricity Maps' data-centre mapping uses the Bonneville Power Administration, kept as the alternative; CCF's zone map uses PacifiCorp East.",
  },
  'azure:westus3': {
    gridZone: 'US-SW-AZPS',
    altGridZone: 'US-SW-SRP',
    reason:
      "Electricity Maps maps the Phoenix area to Arizona Public Service (kept); part of the Phoenix metro area is served by Salt River Project, its own balancing area. CCF's zone map uses PacifiCorp East.",
  },
};

/** Minimal RFC 4180 reader: quoted fields may hold commas; no embedded newlines in these files. */
function readCsv(file: string): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const split = (line: string): string[] => {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        fields.push(field);
        field = '';
      } else field += ch;
    }
    fields.push(field);
    return fields;
  };
  const header = split(lines[0]);
  return lines.slice(1).map((line) => {
    const fields = split(line);
    if (fields.length !== header.length) throw new Error(`${file}: expected ${header.length} fields, got ${fields.length}: ${line}`);
    return Object.fromEntries(header.map((name, i) => [name, fields[i]]));
  });
}

function jurisdiction(row: Record<string, string>): string {
  const country = row.country_iso2;
  const derived = euMembers.has(country) ? 'EU' : eeaOnly.has(country) ? 'EEA' : country === 'GB' ? 'UK' : country;
  const stated = row.jurisdiction === 'EEA (non-EU)' ? 'EEA' : row.jurisdiction;
  if (derived !== stated) throw new Error(`${row.provider}:${row.region}: jurisdiction ${stated} in the CSV, ${derived} from the country`);
  return derived;
}

function regionEntry(row: Record<string, string>, googleFigures: Map<string, number>): Record<string, unknown> {
  const key = `${row.provider}:${row.region}`;
  const decision = zoneDecisions[key];
  if (!decision && row.grid_zone_alt) throw new Error(`${key}: alternative zone ${row.grid_zone_alt} has no decision and reason`);
  const entry: Record<string, unknown> = {
    code: row.region,
    name: row.display_name,
    city: row.city,
    country: row.country_iso2,
    jurisdiction: jurisdiction(row),
    lat: Number(row.lat),
    lon: Number(row.lon),
    gridZone: decision?.gridZone ?? row.grid_zone,
  };
  if (decision) {
    entry.altGridZone = decision.altGridZone;
    entry.gridZoneReason = decision.reason;
  }
  const google = googleFigures.get(row.region);
  if (row.provider === 'gcp' && google !== undefined) entry.providerReported = { value: google, source: googleSource, year: 2024 };
  // Azure code spells its regions both ways: `swedencentral` and "Sweden Central".
  if (row.provider === 'azure') entry.aliases = [row.display_name];
  return entry;
}

/** Review notes from the CSV that have no schema field: kept as YAML comments above the entry. */
function reviewNote(row: Record<string, string>): string | undefined {
  const notes: string[] = [];
  if (row.note && !zoneDecisions[`${row.provider}:${row.region}`]) notes.push(row.note);
  if (/sign error|offshore/.test(row.coord_source)) notes.push(`coordinates: ${row.coord_source}`);
  return notes.length > 0 ? notes.map((n) => ` ${n}`).join('\n') : undefined;
}

function regionsYaml(provider: ProviderId, rows: Record<string, string>[], googleFigures: Map<string, number>): string {
  const doc = new Document({ provider, source: regionSource, regions: rows.map((row) => regionEntry(row, googleFigures)) });
  doc.commentBefore =
    ' Cloud regions of one provider. Imported once from research/regions-metadata.csv by scripts/import-regions.ts;\n' +
    ' reviewed by hand since: edit this file. Decisions and sources: data/SOURCES.md.';
  const items = (doc.get('regions') as YAMLSeq<YAMLMap>).items;
  items.forEach((item, i) => {
    if (i > 0) item.spaceBefore = true;
    const note = reviewNote(rows[i]);
    if (note) item.commentBefore = note;
    for (const flowKey of ['providerReported', 'aliases']) {
      const node = item.get(flowKey, true) as { flow?: boolean } | undefined;
      if (node) node.flow = true;
    }
  });
  return doc.toString({ lineWidth: 120 });
}

function main(): void {
  const force = process.argv.includes('--force');
  const rows = readCsv(metadataCsv);
  const googleFigures = new Map(
    readCsv(googleCsv).map((r) => [r['Google Cloud Region'], Number(r['Grid carbon intensity (gCO2eq / kWh)'])]),
  );
  const outDir = path.join(repoRoot, 'data/regions');
  mkdirSync(outDir, { recursive: true });
  for (const provider of ['aws', 'gcp', 'azure'] as const) {
    const file = path.join(outDir, `${provider}.yaml`);
    if (existsSync(file) && !force) {
      console.error(`${path.relative(repoRoot, file)} exists and is reviewed by hand; pass --force to overwrite it.`);
      process.exitCode = 1;
      continue;
    }
    const providerRows = rows.filter((r) => r.provider === provider);
    writeFileSync(file, regionsYaml(provider, providerRows, googleFigures));
    console.log(`${path.relative(repoRoot, file)}: ${providerRows.length} regions`);
  }
}

main();
