// Charts: carbon by region for one model (bars with their uncertainty bands), and a world map of the regions in
// the current table view, marked by grid intensity with a colour, a shape and a text label each (never colour
// alone). The map is Natural Earth land (public domain, via world-atlas), bundled: no remote tiles.
import { geoGraticule10, geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import landTopology from 'world-atlas/land-110m.json';
import type { MapRegion, Row } from '../protocol';
import {
  filterRows,
  intensityTier,
  mapRegions,
  modelsWithRegions,
  preferredModel,
  regionalRowsForModel,
  TIER_LIMITS,
  type Tier,
} from '../state';
import { h, option, place, svg, uniqueId } from './dom';
import { basisCaption, formatBand, formatGrams, formatInt, provenanceMarker, tierGlyph, tierLabel } from './format';
import type { Store } from './store';

export interface ChartsView {
  element: HTMLElement;
  refresh(): void;
}

const WIDTH = 960;
const HEIGHT = 500;

let projection: GeoProjection | undefined;
let basePaths: { sphere: string; graticule: string; land: string } | undefined;

function mapBase(): { projection: GeoProjection; paths: { sphere: string; graticule: string; land: string } } {
  if (!projection || !basePaths) {
    const topology = landTopology as unknown as Topology<{ land: GeometryCollection }>;
    const land = feature(topology, topology.objects.land);
    projection = geoNaturalEarth1().fitExtent(
      [
        [4, 4],
        [WIDTH - 4, HEIGHT - 4],
      ],
      { type: 'Sphere' },
    );
    const path = geoPath(projection);
    basePaths = { sphere: path({ type: 'Sphere' }) ?? '', graticule: path(geoGraticule10()) ?? '', land: path(land) ?? '' };
  }
  return { projection, paths: basePaths };
}

function marker(tier: Tier, x: number, y: number): SVGElement {
  const r = 5;
  switch (tier) {
    case 'low':
      return svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r });
    case 'medium':
      return svg('rect', { x: (x - r).toFixed(1), y: (y - r).toFixed(1), width: 2 * r, height: 2 * r });
    case 'high':
      return svg('polygon', {
        points: `${x.toFixed(1)},${(y - r - 1).toFixed(1)} ${(x + r + 1).toFixed(1)},${(y + r).toFixed(1)} ${(x - r - 1).toFixed(1)},${(y + r).toFixed(1)}`,
      });
    default:
      return svg('polygon', {
        points: `${x.toFixed(1)},${(y - r).toFixed(1)} ${(x + r).toFixed(1)},${y.toFixed(1)} ${x.toFixed(1)},${(y + r).toFixed(1)} ${(x - r).toFixed(1)},${y.toFixed(1)}`,
      });
  }
}

export function renderMap(regions: readonly MapRegion[]): SVGSVGElement {
  const { projection: p, paths } = mapBase();
  const sorted = [...regions].sort((a, b) => (a.gPerKWh ?? -1) - (b.gPerKWh ?? -1));
  const counts: Record<Tier, number> = { low: 0, medium: 0, high: 0, unknown: 0 };
  const markers = svg('g', { class: 'markers' });
  // Dirtiest drawn last, so the regions worth moving away from stay visible where markers overlap.
  for (const region of sorted) {
    const point = p([region.lon, region.lat]);
    if (!point) continue;
    const tier = intensityTier(region.gPerKWh);
    counts[tier]++;
    const shape = marker(tier, point[0], point[1]);
    shape.setAttribute('class', `marker tier-${tier}`);
    const g = svg(
      'g',
      undefined,
      shape,
      svg(
        'title',
        undefined,
        `${region.provider} ${region.code} — ${region.name} (${region.jurisdiction}): ${region.gPerKWh === null ? 'no grid figure' : `${formatInt(region.gPerKWh)} g/kWh${region.year ? ` in ${region.year}` : ''}`}, ${tierLabel[tier]}`,
      ),
    );
    markers.append(g);
  }
  const label = `World map of ${sorted.length} regions by grid intensity: ${counts.low} low, ${counts.medium} medium, ${counts.high} high${counts.unknown ? `, ${counts.unknown} unknown` : ''}.`;
  return svg(
    'svg',
    { class: 'world-map', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'xMidYMid meet' },
    svg('title', undefined, label),
    svg('path', { class: 'sphere', d: paths.sphere }),
    svg('path', { class: 'graticule', d: paths.graticule }),
    svg('path', { class: 'land', d: paths.land }),
    markers,
  );
}

export function legend(): HTMLElement {
  const item = (tier: Tier, text: string) =>
    h('li', undefined, h('span', { class: `glyph tier-${tier}`, 'aria-hidden': 'true' }, tierGlyph[tier]), ` ${tierLabel[tier]}: ${text}`);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Grid intensity tiers' },
    item('low', `below ${TIER_LIMITS.medium} g/kWh`),
    item('medium', `${TIER_LIMITS.medium}–${TIER_LIMITS.high - 1} g/kWh`),
    item('high', `${TIER_LIMITS.high} g/kWh and above`),
  );
}

/** Horizontal bars: central value from zero, the band as a whisker over it, and both written as text. */
export function renderBars(rows: readonly Row[]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, 'No region serves this model in-region.');
  const max = Math.max(...rows.map((r) => r.carbon?.high ?? 0));
  const list = h('ol', { class: 'bars', 'aria-label': 'Carbon by region, cleanest first' });
  for (const row of rows) {
    if (!row.carbon) continue;
    const tier = intensityTier(row.gridIntensity?.gPerKWh);
    const track = h('span', { class: 'bar-track', 'aria-hidden': 'true' });
    const bar = h('span', { class: `bar tier-${tier}` });
    place(bar, 0, row.carbon.central / max);
    const whisker = h('span', { class: 'whisker' });
    place(whisker, row.carbon.low / max, (row.carbon.high - row.carbon.low) / max);
    track.append(bar, whisker);
    const marker = provenanceMarker(row);
    list.append(
      h(
        'li',
        undefined,
        h(
          'span',
          { class: 'bar-label', title: marker.title },
          h('code', undefined, row.region),
          h('span', { class: 'sub' }, `${row.provider} ${row.service} · ${row.regionName}${marker.label ? ` · ${marker.label}` : ''}`),
        ),
        track,
        h(
          'span',
          { class: 'bar-value' },
          `${formatGrams(row.carbon.central)} g`,
          h(
            'span',
            { class: 'sub' },
            `band ${formatBand(row.carbon)} · `,
            h('span', { 'aria-hidden': 'true' }, tierGlyph[tier]),
            ` ${row.gridIntensity ? `${formatInt(row.gridIntensity.gPerKWh)} g/kWh` : ''}`,
          ),
        ),
      ),
    );
  }
  return list;
}

export function createChartsView(store: Store): ChartsView {
  const modelId = uniqueId('chart-model');
  const picker = h('select', { id: modelId });
  picker.addEventListener('change', () => store.update((s) => ({ ...s, chartModel: picker.value })));
  const barsHost = h('div', { class: 'bars-host' });
  const barsHeading = h('h3', undefined, 'Carbon by region');
  const mapHost = h('div', { class: 'map-host' });
  const mapCaption = h('p', { class: 'sub' });
  const element = h(
    'div',
    { class: 'charts-view' },
    h(
      'section',
      { class: 'chart', 'aria-labelledby': `${modelId}-h` },
      h('h3', { id: `${modelId}-h` }, 'Carbon by region for one model'),
      h('div', { class: 'field' }, h('label', { for: modelId }, 'Model'), picker),
      barsHeading,
      barsHost,
    ),
    h(
      'section',
      { class: 'chart', 'aria-labelledby': `${modelId}-map` },
      h('h3', { id: `${modelId}-map` }, 'Regions by grid intensity'),
      mapCaption,
      legend(),
      mapHost,
    ),
  );

  let drawnMapFor: unknown;
  let drawnBarsFor: unknown;

  function refresh(): void {
    const data = store.data;
    if (!data) return;
    const chosen = preferredModel(store.state, data.rows, data.workspaceModels);
    const names = new Map(data.models.map((m) => [m.id, m.name]));
    const ids = modelsWithRegions(data.rows).sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));
    if (picker.options.length !== ids.length) picker.replaceChildren(...ids.map((id) => option(id, names.get(id) ?? id)));
    picker.value = chosen;
    if (drawnBarsFor !== `${chosen}|${data.rows.length}`) {
      const rows = regionalRowsForModel(data.rows, chosen);
      barsHeading.textContent = `${names.get(chosen) ?? chosen}: gCO₂e per million output tokens (${basisCaption(store.data?.basis)}), ${rows.length} regions, cleanest first`;
      barsHost.replaceChildren(renderBars(rows));
      drawnBarsFor = `${chosen}|${data.rows.length}`;
    }
    const key = store.state.view.filter;
    if (drawnMapFor !== key) {
      const rows = filterRows(data.rows, store.state.view.filter);
      const regions = mapRegions(data.regions, rows);
      mapCaption.textContent = `${regions.length} regions serving the rows in the current table filters; grid intensity life-cycle, location-based, yearly average. Hover a marker for its figure.`;
      mapHost.replaceChildren(renderMap(regions));
      drawnMapFor = key;
    }
  }

  return { element, refresh };
}
