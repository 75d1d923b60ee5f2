// The leaderboard as CSV, one exporter for `gridlens leaderboard --format csv` and the leaderboard page's export.

import type { Row } from './schemas';

export const csvHeader = [
  'model_id',
  'model',
  'family',
  'open_weights',
  'provider',
  'service',
  'placement',
  'region',
  'region_name',
  'jurisdiction',
  'grid_g_per_kwh',
  'grid_year',
  'carbon_g_per_mtok_central',
  'carbon_low',
  'carbon_high',
  'carbon_range_min',
  'carbon_range_max',
  'price_in_usd_per_mtok',
  'price_out_usd_per_mtok',
  'throughput_tok_per_s',
  'carbon_unit',
  'throughput_source',
  'carbon_basis',
  'usage_central',
  'embodied_central',
  'total_central',
  'regions_provenance',
  'regions_source',
  'regions_rule_or_reason',
  'price_basis',
  'price_provenance',
  'not_recommended',
  'grid_method',
  'grid_live_datetime',
  'grid_live_fallback',
] as const;

/**
 * RFC 4180 quoting. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
 * prefixed with an apostrophe; numbers are written as numbers.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV, CRLF line ends (RFC 4180), a header line first. */
export function leaderboardCsv(rows: readonly Row[]): string {
  const lines = [csvHeader.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.model.id,
        r.model.name,
        r.model.family,
        r.model.openWeights,
        r.provider,
        r.service,
        r.placement,
        r.region,
        r.regionName,
        r.jurisdiction,
        r.gridIntensity?.gPerKWh,
        r.gridIntensity?.year,
        r.carbon?.central,
        r.carbon?.low ?? r.carbonRange?.low,
        r.carbon?.high ?? r.carbonRange?.high,
        r.carbonRange?.min,
        r.carbonRange?.max,
        r.price?.input,
        r.price?.output,
        r.throughput,
        r.model.unit,
        r.throughputNote,
        r.carbon?.basis ?? r.carbonRange?.basis,
        r.carbon?.usage?.central,
        r.carbon?.embodied?.central,
        r.carbon?.total?.central,
        r.provenance.status,
        r.provenance.source,
        r.provenance.rule ?? r.provenance.reason,
        r.price?.basis,
        r.price?.provenance.status,
        r.notRecommended,
        r.gridIntensity?.method,
        r.gridIntensity?.datetime,
        r.gridIntensity?.fallback,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
