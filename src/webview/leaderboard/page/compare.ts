// Compare: two configurations (model + region each) side by side. The host computes both and the ratio; the
// page shows how it splits into the model factor (energy per token), the facility factor (PUE) and the grid factor.
import type { CompareResult, CompareSide, Row, SavedState } from '../protocol';
import { modelsWithRegions, preferredModel, regionalRowsForModel, rowKey } from '../state';
import { button, h, option, place, uniqueId } from './dom';
import {
  basisCaption,
  formatBand,
  formatFactor,
  formatGrams,
  formatInt,
  gridTier,
  gridTitle,
  gridWhen,
  partsText,
  tierGlyph,
  tierLabel,
} from './format';
import type { Store } from './store';
import { CARBON_UNIT, shortUnit } from '../../../core/carbon/units';

type Side = 'a' | 'b';
type ComparePick = SavedState['compare']['a'];

export interface CompareView {
  element: HTMLElement;
  refresh(): void;
}

/**
 * The chosen row for one side, falling back to the cleanest (A) or dirtiest (B) region of the model; the cleanest
 * is one that may be recommended when there is one (never a retired model's or an unverified region's by default).
 */
export function resolvePick(
  rows: readonly Row[],
  pick: ComparePick,
  side: Side,
  fallbackModel: string,
): { model: string; row: Row | undefined } {
  const ids = modelsWithRegions(rows);
  const model = ids.includes(pick.model) ? pick.model : fallbackModel;
  const options = regionalRowsForModel(rows, model);
  const cleanest = options.find((r) => !r.notRecommended) ?? options[0];
  const row = options.find((r) => rowKey(r) === pick.key) ?? (side === 'a' ? cleanest : options[options.length - 1]);
  return { model, row };
}

export function createCompareView(store: Store): CompareView {
  const result = h('div', { class: 'compare-result', 'aria-live': 'polite' });
  const pickers: Record<Side, { model: HTMLSelectElement; region: HTMLSelectElement }> = {
    a: { model: h('select', { id: uniqueId('cmp-a-model') }), region: h('select', { id: uniqueId('cmp-a-region') }) },
    b: { model: h('select', { id: uniqueId('cmp-b-model') }), region: h('select', { id: uniqueId('cmp-b-region') }) },
  };
  let lastRequest = 0;
  let lastAsked = '';

  for (const side of ['a', 'b'] as const) {
    const p = pickers[side];
    p.model.addEventListener('change', () =>
      store.update((s) => ({ ...s, compare: { ...s.compare, [side]: { model: p.model.value, key: '' } } })),
    );
    p.region.addEventListener('change', () =>
      store.update((s) => ({ ...s, compare: { ...s.compare, [side]: { model: p.model.value, key: p.region.value } } })),
    );
  }

  const card = (side: Side) =>
    h(
      'fieldset',
      { class: 'compare-pick' },
      h('legend', undefined, side === 'a' ? 'Configuration A' : 'Configuration B'),
      h('div', { class: 'field' }, h('label', { for: pickers[side].model.id }, 'Model'), pickers[side].model),
      h('div', { class: 'field' }, h('label', { for: pickers[side].region.id }, 'Region'), pickers[side].region),
    );

  const swap = button('Swap A and B', { class: 'secondary' }, () =>
    store.update((s) => ({ ...s, compare: { a: s.compare.b, b: s.compare.a } })),
  );
  const element = h(
    'div',
    { class: 'compare-view' },
    h(
      'p',
      { class: 'sub' },
      'Usage per token = energy of the model × the provider’s PUE × the grid intensity of the region (life-cycle, location-based, yearly average), so the ratio of two configurations’ usage is the product of three factors. Embodied hardware emissions follow the model only; the headline adds them unless gridlens.carbon.basis is "usage".',
    ),
    h('div', { class: 'compare-picks' }, card('a'), card('b')),
    h('div', { class: 'row-actions' }, swap),
    result,
  );

  function fill(side: Side, rows: readonly Row[], names: Map<string, string>, fallbackModel: string): Row | undefined {
    const p = pickers[side];
    const { model, row } = resolvePick(rows, store.state.compare[side], side, fallbackModel);
    const ids = modelsWithRegions(rows).sort((x, y) => (names.get(x) ?? x).localeCompare(names.get(y) ?? y));
    if (p.model.options.length !== ids.length) p.model.replaceChildren(...ids.map((id) => option(id, names.get(id) ?? id)));
    p.model.value = model;
    const regionRows = regionalRowsForModel(rows, model);
    p.region.replaceChildren(
      ...regionRows.map((r) =>
        option(rowKey(r), `${r.region} — ${r.regionName} (${r.provider} ${r.service}) · ${formatGrams(r.carbon?.central ?? NaN)} g`),
      ),
    );
    if (row) p.region.value = rowKey(row);
    return row;
  }

  function refresh(): void {
    const data = store.data;
    if (!data) return;
    const names = new Map(data.models.map((m) => [m.id, m.name]));
    const fallback = preferredModel(store.state, data.rows, data.workspaceModels);
    const a = fill('a', data.rows, names, fallback);
    const b = fill('b', data.rows, names, fallback);
    if (!a || !b) {
      result.replaceChildren(h('p', { class: 'empty' }, 'Choose two configurations to compare.'));
      return;
    }
    const asked = `${a.model.id}|${rowKey(a)}|${b.model.id}|${rowKey(b)}`;
    if (asked === lastAsked) return;
    lastAsked = asked;
    const id = ++lastRequest;
    result.setAttribute('aria-busy', 'true');
    void store
      .request({
        type: 'compare',
        a: { model: a.model.id, provider: a.provider, region: a.region },
        b: { model: b.model.id, provider: b.provider, region: b.region },
      })
      .then((answer) => {
        if (id !== lastRequest) return;
        result.removeAttribute('aria-busy');
        if (!answer.ok) {
          result.replaceChildren(h('p', { class: 'error', role: 'alert' }, answer.error));
          lastAsked = '';
          return;
        }
        result.replaceChildren(renderComparison(answer.result));
      });
  }

  return { element, refresh };
}

/**
 * Embedding models are figured per million input tokens, media models billed per token with their audio or image
 * tokens counted: the unit says so wherever a figure is shown.
 */
const unitSuffix = (side: CompareSide) => shortUnit(side.model.unit).slice(shortUnit(CARBON_UNIT).length);

function sideCard(label: string, side: CompareSide): HTMLElement {
  const tier = gridTier({ gridIntensity: { ...side.grid, source: '', zone: '' } });
  return h(
    'section',
    { class: 'compare-card', 'aria-label': `${label}: ${side.model.name} in ${side.region}` },
    h('h3', undefined, `${label}: ${side.model.name}`),
    h('p', undefined, h('code', undefined, side.region), ` ${side.regionName} · ${side.provider} · ${side.jurisdiction}`),
    side.offered ? null : h('p', { class: 'warning' }, 'Not offered in-region here: a hypothetical configuration.'),
    h(
      'dl',
      undefined,
      h('dt', undefined, 'Carbon'),
      h(
        'dd',
        undefined,
        h('strong', undefined, `${formatGrams(side.carbon.central)} gCO₂e/Mtok${unitSuffix(side)}`),
        ` (band ${formatBand(side.carbon)}; ${basisCaption(side.carbon.basis)})`,
      ),
      h('dt', undefined, 'Usage + embodied'),
      h('dd', undefined, partsText(side.carbon) || '—'),
      h('dt', undefined, 'Model energy (IT)'),
      h('dd', undefined, `${formatGrams(side.itKWhPerMTok)} kWh/Mtok${unitSuffix(side)} · tier ${side.model.tier}`),
      h('dt', undefined, 'Facility PUE'),
      h('dd', undefined, side.pue.toFixed(2)),
      h('dt', undefined, 'Grid'),
      h(
        'dd',
        { title: gridTitle(side.grid) },
        `${formatInt(side.grid.gPerKWh)} g/kWh (${gridWhen(side.grid)}) `,
        h('span', { class: `tier tier-${tier}` }, h('span', { 'aria-hidden': 'true' }, tierGlyph[tier]), ` ${tierLabel[tier]}`),
      ),
    ),
  );
}

/** A factor drawn on a log axis centred on 1×: left of centre means A is lower. */
function factorBar(value: number): HTMLElement {
  const track = h('span', { class: 'factor-track', 'aria-hidden': 'true' });
  const position = Math.min(1, Math.max(0, 0.5 + Math.log10(Math.max(value, 1e-6)) / 4));
  if (Math.abs(position - 0.5) > 0.001) {
    const bar = h('span', { class: `factor-bar ${value < 1 ? 'lower' : 'higher'}` });
    place(bar, Math.min(position, 0.5), Math.abs(position - 0.5));
    track.append(bar);
  }
  track.append(h('span', { class: 'factor-one' }));
  return track;
}

export function describeRatio(result: CompareResult): string {
  const { ratio } = result;
  if (result.a.model.unit !== result.b.model.unit)
    return `A is ${result.a.model.unit}, B is ${result.b.model.unit}: the ratio compares unlike figures.`;
  if (ratio === 1) return 'A and B emit the same.';
  return ratio < 1
    ? `A emits ${formatFactor(ratio)} what B emits (B emits ${formatFactor(1 / ratio)} A).`
    : `A emits ${formatFactor(ratio)} what B emits.`;
}

export function renderComparison(result: CompareResult): HTMLElement {
  const row = (label: string, explanation: string, value: number) =>
    h(
      'tr',
      undefined,
      h('th', { scope: 'row' }, label, h('span', { class: 'sub' }, explanation)),
      h('td', { class: 'num' }, formatFactor(value)),
      h('td', undefined, factorBar(value)),
    );
  return h(
    'div',
    undefined,
    h('div', { class: 'compare-cards' }, sideCard('A', result.a), sideCard('B', result.b)),
    h('p', { class: 'ratio' }, h('strong', undefined, describeRatio(result))),
    result.distinguishable
      ? null
      : h(
          'p',
          { class: 'warning' },
          result.a.model.id === result.b.model.id
            ? 'The same model in both: its energy band is shared, but what differs between the places (grid zone choice, site PUE) covers the difference: it is within the uncertainty.'
            : 'Their uncertainty bands overlap heavily: the difference is within the uncertainty.',
        ),
    h(
      'table',
      { class: 'factors' },
      h(
        'caption',
        undefined,
        'The usage ratio A ÷ B split into its factors (they multiply to it); embodied emissions, which follow the model only, are not in it',
      ),
      h(
        'thead',
        undefined,
        h(
          'tr',
          undefined,
          h('th', { scope: 'col' }, 'Factor'),
          h('th', { scope: 'col', class: 'num' }, 'A ÷ B'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Drawn on a log scale around 1×')),
        ),
      ),
      h(
        'tbody',
        undefined,
        row('Model factor', `energy per token: ${result.a.model.name} vs ${result.b.model.name}`, result.factors.model),
        row('Grid factor', `grid intensity: ${result.a.region} vs ${result.b.region}`, result.factors.grid),
        row('Facility factor', `PUE: ${result.a.provider} vs ${result.b.provider}`, result.factors.facility),
        row('Usage', 'model × grid × facility', result.usageRatio ?? result.ratio),
      ),
    ),
  );
}
