// SARIF 2.1.0 for GitHub code scanning: one result per region setting with a cleaner alternative (with the
// replacement as a fix), per unknown region code, and per pair above the --fail-above threshold.
import { basisSentence } from '../core/carbon/units';
import { pairPlace, pairValue, type ScanReport, type ReportFinding } from './report';

export const sarifSchema = 'https://json.schemastore.org/sarif-2.1.0.json';

interface Rule {
  id: string;
  name: string;
  short: string;
  full: string;
  level: 'note' | 'warning' | 'error';
}

const rules: Rule[] = [
  {
    id: 'gridlens/cleaner-region',
    name: 'CleanerRegion',
    short: 'A cleaner cloud region serves this model',
    full: 'The region set here has a higher grid carbon intensity than another region that serves the same model within the allowed jurisdictions. Switching is usually a one-line change at the same price.',
    level: 'note',
  },
  {
    id: 'gridlens/unknown-region',
    name: 'UnknownRegion',
    short: 'Unknown or misspelt region code',
    full: 'The value of a region setting is not a region GridLens knows; it may be misspelt.',
    level: 'warning',
  },
  {
    id: 'gridlens/carbon-above-threshold',
    name: 'CarbonAboveThreshold',
    short: 'Model runs above the carbon threshold',
    full: 'The estimated gCO2e per million output tokens of this model in its region is above the threshold given with --fail-above.',
    level: 'warning',
  },
];

/** `pathPrefix`: the scanned folder relative to `rootUri` (report paths are relative to the scanned folder). */
export function toSarif(
  report: ScanReport,
  options: { toolVersion: string; rootUri?: string; pathPrefix?: string; failAbove?: number },
): object {
  const results: object[] = [];
  const uri = (file: string) => encodeURI(options.pathPrefix ? `${options.pathPrefix}/${file}` : file);
  const location = (f: { file: string; line: number; column: number; endLine: number; endColumn: number }) => ({
    physicalLocation: {
      artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
    },
  });
  const result = (ruleId: string, level: string, text: string, f: ReportFinding, fixes?: object[]) => {
    results.push({
      ruleId,
      ruleIndex: rules.findIndex((r) => r.id === ruleId),
      level,
      message: { text },
      locations: [location(f)],
      partialFingerprints: { 'gridlens/v1': fingerprint(`${ruleId}|${f.file}|${f.kind}|${f.text}|${f.role}`) },
      ...(fixes ? { fixes } : {}),
    });
  };
  const replace = (f: ReportFinding, text: string, description: string) => [
    {
      description: { text: description },
      artifactChanges: [
        {
          artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' },
          replacements: [
            {
              deletedRegion: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              insertedContent: { text },
            },
          ],
        },
      ],
    },
  ];

  for (const f of report.findings) {
    if (f.kind !== 'region' || f.role === 'mention' || f.role === 'permission') continue;
    if (f.value === null) {
      const closest = f.closest?.[0];
      result(
        'gridlens/unknown-region',
        'warning',
        `'${f.text}' is not a known region code${closest ? `; did you mean '${closest}'?` : '.'}`,
        f,
        closest ? replace(f, closest, `Replace with ${closest}`) : undefined,
      );
      continue;
    }
    if (f.suggestion && f.role === 'inference') {
      const s = f.suggestion;
      const carbon =
        s.gPerMTok !== undefined && f.carbon?.gPerMTok !== undefined
          ? ` (≈ ${round(f.carbon.gPerMTok)} → ${round(s.gPerMTok)} gCO2e per million output tokens${f.carbon.model ? ` for ${f.carbon.model}` : ''}; ${basisSentence(report.basis)})`
          : ` (grid ${round(f.carbon?.gridGPerKWh ?? NaN)} → ${round(s.gridGPerKWh)} gCO2e/kWh, life-cycle, location-based, yearly average)`;
      result(
        'gridlens/cleaner-region',
        'note',
        `${f.value} can move to ${s.region} (${s.regionName}, ${s.jurisdiction}) and save ${Math.round(s.savingPercent)}%${s.distinguishable === false ? ' (within the uncertainty)' : ''}${carbon}.`,
        f,
        replace(f, s.region, `Use ${s.region} (${s.regionName})`),
      );
    }
  }
  if (options.failAbove !== undefined) {
    for (const p of report.pairs) {
      const value = pairValue(p);
      if (value === undefined || value <= options.failAbove) continue;
      const f = report.findings.find((x) => x.file === p.model.file && x.line === p.model.line && x.kind === 'model');
      if (f)
        result(
          'gridlens/carbon-above-threshold',
          'warning',
          `${p.model.value} ${p.region ? `in ${p.region.value}` : pairPlace(p)} ≈ ${round(value)} gCO2e per million output tokens (${basisSentence(report.basis)}), above the threshold of ${options.failAbove}.`,
          f,
        );
    }
  }

  return {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'GridLens',
            informationUri: 'https://github.com/gridlens/gridlens',
            semanticVersion: options.toolVersion,
            version: options.toolVersion,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              defaultConfiguration: { level: r.level },
              properties: { tags: ['sustainability', 'carbon'] },
            })),
          },
        },
        ...(options.rootUri ? { originalUriBaseIds: { '%SRCROOT%': { uri: options.rootUri } } } : {}),
        columnKind: 'utf16CodeUnits',
        results,
        ...(report.errors.length
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: report.errors.map((e) => ({
                    level: 'warning',
                    message: { text: `${e.file}: ${e.message}` },
                  })),
                },
              ],
            }
          : {}),
      },
    ],
  };
}

const round = (n: number) => (Number.isFinite(n) ? (n >= 100 ? Math.round(n) : Number(n.toPrecision(2))) : NaN);

/** FNV-1a 32-bit, hex: stable fingerprints that survive line moves. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
