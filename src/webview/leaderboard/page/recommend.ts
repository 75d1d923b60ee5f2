// Recommend: a model and constraints in, the host's `recommend` answer out (the same call as
// `gridlens recommend`): the recommended region, ranked alternatives, and savings vs the dirtiest and the current.
import type { Option, RecommendationData, RecommendForm, RecommendRequest } from '../protocol';
import { modelChoices } from '../state';
import { button, h, option, uniqueId } from './dom';
import type { CarbonBasis } from '../../../core/carbon/units';
import {
  basisCaption,
  carbonText,
  formatBand,
  formatGrams,
  formatPrice,
  gridText,
  partsText,
  priceTitle,
  provenanceMarker,
} from './format';
import type { RowActions } from './table';
import type { Store } from './store';

export interface RecommendView {
  element: HTMLElement;
  refresh(): void;
  /** Runs the recommendation for the form as it is (used when opened from a finding). */
  run(): void;
}

export type FormProblem = { field: keyof RecommendForm; message: string };

/** The request for a form, or the first problem with it. Mirrors the CLI's flags. */
export function requestFromForm(form: RecommendForm): Omit<RecommendRequest, 'requestId'> | FormProblem {
  const model = form.model.trim();
  if (!model) return { field: 'model', message: 'Choose a model.' };
  const jurisdictions = form.jurisdictions.map((j) => j.trim().toUpperCase()).filter(Boolean);
  const bad = jurisdictions.find((j) => !/^[A-Z]{2,8}$/.test(j));
  if (bad) return { field: 'jurisdictions', message: `'${bad}' is not a jurisdiction code (EU, US, UK, …).` };
  const near = form.near.trim();
  const distanceText = form.maxDistanceKm.trim();
  let maxDistanceKm: number | undefined;
  if (distanceText) {
    maxDistanceKm = Number(distanceText);
    if (!Number.isFinite(maxDistanceKm) || maxDistanceKm <= 0 || maxDistanceKm > 40_075)
      return { field: 'maxDistanceKm', message: 'The maximum distance is a positive number of kilometres.' };
    if (!near) return { field: 'near', message: 'A maximum distance needs a place to measure from.' };
  }
  const from = form.from.trim();
  return {
    type: 'recommend',
    model,
    providers: form.providers,
    jurisdictions,
    ...(near ? { near } : {}),
    ...(maxDistanceKm !== undefined ? { maxDistanceKm } : {}),
    ...(from ? { from } : {}),
  };
}

/** The equivalent command line, so the answer can be checked against `gridlens recommend`. */
export function cliEquivalent(request: Omit<RecommendRequest, 'requestId'>, basis: CarbonBasis = 'total'): string {
  const quote = (s: string) => (/^[A-Za-z0-9._:/@,+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const parts = ['gridlens', 'recommend', quote(request.model)];
  for (const p of request.providers) parts.push('--provider', p);
  for (const j of request.jurisdictions) parts.push('--jurisdiction', quote(j));
  if (request.near) parts.push('--near', quote(request.near));
  if (request.maxDistanceKm !== undefined) parts.push('--max-distance-km', String(request.maxDistanceKm));
  if (request.from) parts.push('--from', quote(request.from));
  if (basis === 'usage') parts.push('--usage-only');
  return parts.join(' ');
}

export function createRecommendView(store: Store, actions: RowActions): RecommendView {
  const ids = {
    model: uniqueId('rec-model'),
    jur: uniqueId('rec-jur'),
    near: uniqueId('rec-near'),
    dist: uniqueId('rec-dist'),
    from: uniqueId('rec-from'),
    regions: uniqueId('rec-regions'),
    error: uniqueId('rec-error'),
  };
  const model = h('select', { id: ids.model });
  const providerBoxes = (['aws', 'gcp', 'azure'] as const).map((p) => ({
    p,
    box: h('input', { type: 'checkbox', id: uniqueId(`rec-${p}`), value: p }),
  }));
  const jurisdictions = h('input', {
    id: ids.jur,
    type: 'text',
    placeholder: 'any (e.g. EU, UK)',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const near = h('input', {
    id: ids.near,
    type: 'text',
    list: ids.regions,
    placeholder: 'region or lat,lon',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const distance = h('input', { id: ids.dist, type: 'number', min: 1, step: 50, placeholder: '1000', inputmode: 'numeric' });
  const from = h('input', {
    id: ids.from,
    type: 'text',
    list: ids.regions,
    placeholder: 'provider:region',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const regionList = h('datalist', { id: ids.regions });
  const error = h('p', { id: ids.error, class: 'error', role: 'alert' });
  const result = h('div', { class: 'recommend-result', 'aria-live': 'polite' });
  const cli = h('code', { class: 'cli' });

  const readForm = (): RecommendForm => ({
    model: model.value,
    providers: providerBoxes.filter((x) => x.box.checked).map((x) => x.p),
    jurisdictions: jurisdictions.value.split(/[\s,]+/).filter(Boolean),
    near: near.value,
    maxDistanceKm: distance.value,
    from: from.value,
  });
  const save = () => store.update((s) => ({ ...s, recommend: readForm() }));
  for (const control of [model, jurisdictions, near, distance, from, ...providerBoxes.map((x) => x.box)])
    control.addEventListener('change', save);

  const form = h(
    'form',
    { class: 'recommend-form', 'aria-describedby': ids.error, novalidate: true },
    h('div', { class: 'field' }, h('label', { for: ids.model }, 'Model'), model),
    h(
      'fieldset',
      { class: 'field providers' },
      h('legend', undefined, 'Providers (none ticked: any)'),
      ...providerBoxes.map(({ p, box }) => h('span', { class: 'checkbox' }, box, h('label', { for: box.id }, p.toUpperCase()))),
    ),
    h('div', { class: 'field' }, h('label', { for: ids.jur }, 'Jurisdictions'), jurisdictions),
    h('div', { class: 'field' }, h('label', { for: ids.near }, 'Near'), near),
    h('div', { class: 'field' }, h('label', { for: ids.dist }, 'Max distance (km)'), distance),
    h('div', { class: 'field' }, h('label', { for: ids.from }, 'Current region'), from),
    regionList,
    h('div', { class: 'field actions' }, h('button', { type: 'submit' }, 'Recommend')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
    run();
  });

  const element = h('div', { class: 'recommend-view' }, form, error, h('p', { class: 'sub' }, 'Same as: ', cli), result);
  let lastRequest = 0;
  let populatedFor: unknown;

  function populate(): void {
    const data = store.data;
    if (!data || populatedFor === data) return;
    populatedFor = data;
    const choices = modelChoices(data.models);
    model.replaceChildren(...choices.models.map((m) => option(m.id, `${m.name} (${m.id})`)));
    regionList.replaceChildren(...data.regions.map((r) => option(`${r.provider}:${r.code}`, `${r.name} (${r.jurisdiction})`)));
  }

  function syncForm(): void {
    const f = store.state.recommend;
    const data = store.data;
    if (f.model && data && !data.models.some((m) => m.id === f.model) && !Array.from(model.options).some((o) => o.value === f.model)) {
      // A model as written in code that the dataset may resolve through an alias.
      model.prepend(option(f.model, `${f.model} (as written)`));
    }
    // Until a model is chosen, the workspace's first (the host sends only ids the dataset knows).
    const fallback = data?.workspaceModels?.[0];
    if (f.model) model.value = f.model;
    else if (fallback) model.value = fallback;
    for (const { p, box } of providerBoxes) box.checked = f.providers.includes(p);
    if (document.activeElement !== jurisdictions) jurisdictions.value = f.jurisdictions.join(', ');
    if (document.activeElement !== near) near.value = f.near;
    if (document.activeElement !== distance) distance.value = f.maxDistanceKm;
    if (document.activeElement !== from) from.value = f.from;
  }

  function run(): void {
    const request = requestFromForm(store.state.recommend.model ? store.state.recommend : readForm());
    if ('field' in request) {
      error.textContent = request.message;
      return;
    }
    error.textContent = '';
    cli.textContent = cliEquivalent(request, store.data?.basis);
    const id = ++lastRequest;
    result.setAttribute('aria-busy', 'true');
    void store.request(request).then((answer) => {
      if (id !== lastRequest) return;
      result.removeAttribute('aria-busy');
      if (!answer.ok) {
        result.replaceChildren(h('p', { class: 'error', role: 'alert' }, answer.error));
        return;
      }
      result.replaceChildren(renderRecommendation(answer.result, actions));
    });
  }

  function refresh(): void {
    populate();
    syncForm();
  }

  return { element, refresh, run };
}

function optionActions(option: Option, actions: RowActions): HTMLElement {
  const cell = h('span', { class: 'row-actions' });
  if (option.placement !== 'regional') return cell;
  cell.append(
    button('Copy', { class: 'secondary small', 'aria-label': `Copy region code ${option.region}` }, () => actions.copy(option.region)),
  );
  if (actions.canUse(option) && !actions.isCurrent(option)) {
    cell.append(
      button('Use this region', { class: 'small', 'aria-label': `Use ${option.region} in the finding` }, () => actions.use(option)),
    );
  }
  return cell;
}

export function renderRecommendation(result: RecommendationData, actions: RowActions): HTMLElement {
  const best = result.recommended;
  const out = h(
    'div',
    undefined,
    h(
      'h3',
      undefined,
      `${result.model.name} `,
      h('span', { class: 'sub' }, `(${result.model.id}, tier ${result.model.tier}) — ${result.unit}`),
    ),
  );
  if (!best) {
    out.append(
      h(
        'p',
        { class: 'warning' },
        result.excluded > 0
          ? `No region that serves this model meets the constraints (${result.excluded} excluded).`
          : 'No cloud region in the bundled data serves this model in-region.',
      ),
    );
  } else {
    out.append(
      h(
        'section',
        { class: 'recommended', 'aria-label': 'Recommended region' },
        h(
          'p',
          undefined,
          'Recommended: ',
          h('strong', undefined, h('code', undefined, best.region)),
          ` ${best.regionName} · ${best.provider} ${best.service} · ${best.jurisdiction}`,
        ),
        h(
          'p',
          undefined,
          h('strong', undefined, `≈ ${carbonText(best)} gCO₂e/Mtok`),
          best.carbon ? ` (band ${formatBand(best.carbon)}; ${partsText(best.carbon)}; ${basisCaption(best.carbon.basis)})` : '',
          ` · grid ${gridText(best)}`,
        ),
        optionActions(best, actions),
      ),
    );
    const savings = h('ul', { class: 'savings' });
    const { vsDirtiest, vsFrom } = result.savings;
    if (vsDirtiest && result.dirtiest && vsDirtiest.gPerMTok > 0) {
      savings.append(
        h(
          'li',
          undefined,
          `Saves ${formatGrams(vsDirtiest.gPerMTok)} g/Mtok (${vsDirtiest.percent}%) against the dirtiest allowed option, ${result.dirtiest.region}.`,
        ),
      );
    }
    if (vsFrom) {
      savings.append(
        h(
          'li',
          undefined,
          `Against the current ${vsFrom.from}: ${vsFrom.gPerMTok >= 0 ? 'saves' : 'costs'} ${formatGrams(Math.abs(vsFrom.gPerMTok))} g/Mtok (${Math.abs(vsFrom.percent)}%)${vsFrom.fromOffersModel ? '' : ` — note: ${vsFrom.from} does not serve this model`}.`,
        ),
      );
    }
    if (result.excluded > 0) savings.append(h('li', undefined, `${result.excluded} regions excluded by the constraints.`));
    if (savings.childElementCount) out.append(savings);
    const ranked = [best, ...result.alternatives];
    const body = h('tbody');
    ranked.forEach((o, i) =>
      body.append(
        h(
          'tr',
          { class: actions.isCurrent(o) ? 'current' : undefined },
          h('td', { class: 'num' }, String(i + 1)),
          h(
            'td',
            undefined,
            h('code', undefined, o.region),
            actions.isCurrent(o) ? h('span', { class: 'badge' }, 'current') : null,
            h('span', { class: 'sub' }, o.regionName),
          ),
          h('td', undefined, `${o.provider} ${o.service}`),
          h('td', undefined, o.jurisdiction),
          h('td', { class: 'num' }, gridText(o)),
          h('td', { class: 'num' }, carbonText(o), o.carbon ? h('span', { class: 'sub' }, `band ${formatBand(o.carbon)}`) : null),
          h(
            'td',
            { class: 'num', title: o.price ? priceTitle(o.price) : 'No licensed price for this offering' },
            `${formatPrice(o.price?.input)} / ${formatPrice(o.price?.output)}`,
            o.price?.provenance.status === 'derived' ? h('span', { class: 'sub' }, o.price.basis) : null,
          ),
          h('td', undefined, optionActions(o, actions)),
        ),
      ),
    );
    out.append(
      h(
        'table',
        { class: 'ranked' },
        h('caption', undefined, `Ranked: ${ranked.length} allowed regions, cleanest first`),
        h(
          'thead',
          undefined,
          h(
            'tr',
            undefined,
            ...['Rank', 'Region', 'Service', 'Jurisdiction', 'Grid', 'gCO₂e/Mtok', '$ in / out per Mtok', 'Actions'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        body,
      ),
    );
  }
  if (result.profiles.length > 0) {
    out.append(
      h('h4', undefined, 'Cross-region profiles and global endpoints'),
      h('p', { class: 'sub' }, 'The serving region is not fixed, so these are ranges over their destinations.'),
      h(
        'ul',
        undefined,
        ...result.profiles.map((p) =>
          withMarker(h('li', undefined, `${p.provider} ${p.service} ${p.regionName}: ${carbonText(p)} g/Mtok`), p),
        ),
      ),
    );
  }
  if (result.unranked.length > 0) {
    out.append(
      h('h4', undefined, 'Not ranked'),
      h('p', { class: 'sub' }, 'Shown for reference, never recommended: the model is retired, or no source confirms it runs there.'),
      h(
        'ul',
        { class: 'unranked' },
        ...result.unranked.map((o) =>
          withMarker(
            h('li', undefined, h('code', undefined, o.region), ` ${o.regionName} · ${o.provider} ${o.service}: ${carbonText(o)} g/Mtok`),
            o,
          ),
        ),
      ),
    );
  }
  return out;
}

/** Adds the option's provenance marker (retired, unverified, derived) and its tooltip to an element. */
function withMarker(element: HTMLElement, option: Option): HTMLElement {
  const marker = provenanceMarker(option);
  element.title = marker.title;
  if (marker.label)
    element.append(' ', h('span', { class: `badge provenance provenance-${marker.label}`, 'data-provenance': marker.label }, marker.label));
  return element;
}
