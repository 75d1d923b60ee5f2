// The leaderboard table: filters, sortable headers (buttons, with aria-sort on the header cell), paged rows with
// a drawn uncertainty band, row actions, the row count, and CSV export of the current view.
import { leaderboardCsv } from '../../../core/api/leaderboardCsv';
import type { PageSize, Row, SortKey } from '../protocol';
import {
  bandScale,
  distinctValues,
  logPosition,
  missingPriceNote,
  modelChoices,
  resolvedSearchModels,
  rowKey,
  setFilter,
  toggleSort,
  describeView,
  type Scale,
  type View,
} from '../state';
import { button, h, option, place, uniqueId } from './dom';
import {
  basisCaption,
  carbonText,
  formatBand,
  formatInt,
  formatPrice,
  gridTier,
  gridTitle,
  gridWhen,
  partsText,
  priceTitle,
  provenanceMarker,
  tierGlyph,
  tierLabel,
} from './format';
import type { Store } from './store';

export interface RowActions {
  copy(code: string): void;
  /** Whether 'use this region' applies to a row (opened from a finding of the same provider). */
  canUse(row: Pick<Row, 'provider' | 'placement'>): boolean;
  use(row: Pick<Row, 'provider' | 'region'>): void;
  isCurrent(row: Pick<Row, 'provider' | 'region'>): boolean;
}

interface Column {
  key: SortKey;
  label: string;
  numeric?: boolean;
  description: string;
}

export const columns: readonly Column[] = [
  { key: 'model', label: 'Model', description: 'model name' },
  { key: 'provider', label: 'Provider · service', description: 'provider and service' },
  { key: 'region', label: 'Region', description: 'region code' },
  { key: 'jurisdiction', label: 'Jurisdiction', description: 'jurisdiction' },
  { key: 'grid', label: 'Grid g/kWh', numeric: true, description: 'grid intensity' },
  { key: 'carbon', label: 'gCO₂e per M output tokens', numeric: true, description: 'carbon per million output tokens' },
  { key: 'priceIn', label: '$ in /Mtok', numeric: true, description: 'input price' },
  { key: 'priceOut', label: '$ out /Mtok', numeric: true, description: 'output price' },
  { key: 'throughput', label: 'tok/s', numeric: true, description: 'throughput' },
];

export interface TableView {
  element: HTMLElement;
  /** Rebuild the filter choices (after new data arrives). */
  setChoices(): void;
  refresh(): void;
}

export function createTableView(store: Store, actions: RowActions): TableView {
  const ids = {
    search: uniqueId('search'),
    model: uniqueId('model'),
    provider: uniqueId('provider'),
    jurisdiction: uniqueId('jur'),
    open: uniqueId('open'),
    size: uniqueId('size'),
    group: uniqueId('group'),
    status: uniqueId('status'),
  };

  const search = h('input', {
    id: ids.search,
    type: 'search',
    placeholder: 'model, region, city…',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const model = h('select', { id: ids.model });
  const provider = h(
    'select',
    { id: ids.provider },
    option('', 'All providers'),
    option('aws', 'AWS'),
    option('gcp', 'Google Cloud'),
    option('azure', 'Azure'),
  );
  const jurisdiction = h('select', { id: ids.jurisdiction });
  const openWeights = h(
    'select',
    { id: ids.open },
    option('any', 'Open or closed'),
    option('open', 'Open weights'),
    option('closed', 'Closed weights'),
  );
  const group = h('input', { id: ids.group, type: 'checkbox' });
  const pageSize = h(
    'select',
    { id: ids.size },
    ...[25, 50, 100, 250].map((n) => option(String(n), `${n} per page`)),
    option('all', 'All rows'),
  );

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      searchTimer = undefined;
      store.update((s) => ({ ...s, view: setFilter(s.view, { search: search.value }) }));
      store.resolveSearch();
    }, 80);
  });
  model.addEventListener('change', () => store.update((s) => ({ ...s, view: setFilter(s.view, { model: model.value }) })));
  provider.addEventListener('change', () =>
    store.update((s) => ({ ...s, view: setFilter(s.view, { provider: provider.value as Row['provider'] | '' }) })),
  );
  jurisdiction.addEventListener('change', () =>
    store.update((s) => ({ ...s, view: setFilter(s.view, { jurisdiction: jurisdiction.value }) })),
  );
  openWeights.addEventListener('change', () =>
    store.update((s) => ({ ...s, view: setFilter(s.view, { openWeights: openWeights.value as 'any' | 'open' | 'closed' }) })),
  );
  group.addEventListener('change', () =>
    store.update((s) => ({ ...s, view: { ...s.view, group: group.checked ? 'best' : 'none', page: 0 } })),
  );
  pageSize.addEventListener('change', () =>
    store.update((s) => ({
      ...s,
      view: { ...s.view, pageSize: (pageSize.value === 'all' ? 'all' : Number(pageSize.value)) as PageSize, page: 0 },
    })),
  );

  const exportButton = button(
    'Export CSV',
    { class: 'secondary', title: 'Export every row of the current view (all pages) as CSV' },
    () => {
      const view = store.view();
      if (!view) return;
      store.post({ type: 'exportCsv', csv: leaderboardCsv(view.matched), rows: view.matched.length });
    },
  );
  const resetButton = button('Clear filters', { class: 'secondary' }, () => {
    store.update((s) => ({
      ...s,
      view: { ...s.view, filter: { model: '', provider: '', jurisdiction: '', openWeights: 'any', search: '' }, group: 'none', page: 0 },
    }));
  });

  const field = (id: string, label: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const toolbar = h(
    'div',
    { class: 'toolbar', role: 'search', 'aria-label': 'Filter the leaderboard' },
    field(ids.search, 'Search', search),
    field(ids.model, 'Model or family', model),
    field(ids.provider, 'Provider', provider),
    field(ids.jurisdiction, 'Jurisdiction', jurisdiction),
    field(ids.open, 'Weights', openWeights),
    h('div', { class: 'field checkbox' }, group, h('label', { for: ids.group }, 'Best region per model')),
    h('div', { class: 'field actions' }, resetButton, exportButton),
  );

  // Headers: a button per column; the header cell carries aria-sort.
  const headerCells = new Map<SortKey, { th: HTMLTableCellElement; indicator: HTMLSpanElement; button: HTMLButtonElement }>();
  const headRow = h('tr');
  for (const column of columns) {
    const indicator = h('span', { class: 'sort-indicator', 'aria-hidden': 'true' });
    const b = button(column.label, { class: 'sort', 'data-sort': column.key }, () => {
      store.update((s) => ({ ...s, view: toggleSort(s.view, column.key) }));
    });
    b.append(indicator);
    const th = h('th', { scope: 'col', class: column.numeric ? 'num' : undefined }, b);
    headerCells.set(column.key, { th, indicator, button: b });
    headRow.append(th);
  }
  headRow.append(h('th', { scope: 'col', class: 'actions-col' }, 'Actions'));
  const tbody = h('tbody');
  const caption = h('caption', { class: 'visually-hidden' }, 'Every model, provider and region, ranked. Column headers sort the table.');
  const table = h('table', { class: 'leaderboard', 'aria-describedby': ids.status }, caption, h('thead', undefined, headRow), tbody);
  const scroller = h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Leaderboard rows' }, table);

  const status = h('p', { id: ids.status, class: 'status', role: 'status', 'aria-live': 'polite' });
  const pageInfo = h('span', { class: 'page-info' });
  const go = (page: (current: number, count: number) => number) => () => {
    const view = store.view();
    if (!view) return;
    store.update((s) => ({ ...s, view: { ...s.view, page: Math.min(view.pageCount - 1, Math.max(0, page(view.page, view.pageCount))) } }));
  };
  const first = button(
    '« First',
    { class: 'secondary', 'aria-label': 'First page' },
    go(() => 0),
  );
  const prev = button(
    '‹ Previous',
    { class: 'secondary', 'aria-label': 'Previous page' },
    go((p) => p - 1),
  );
  const next = button(
    'Next ›',
    { class: 'secondary', 'aria-label': 'Next page' },
    go((p) => p + 1),
  );
  const last = button(
    'Last »',
    { class: 'secondary', 'aria-label': 'Last page' },
    go((_, count) => count - 1),
  );
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    first,
    prev,
    pageInfo,
    next,
    last,
    h('label', { for: ids.size, class: 'visually-hidden' }, 'Rows per page'),
    pageSize,
  );

  const element = h('div', { class: 'table-view' }, toolbar, status, scroller, pager);

  function setChoices(): void {
    const data = store.data;
    if (!data) return;
    const choices = modelChoices(data.models);
    const names = new Map(data.models.map((m) => [m.id, m.name]));
    const inWorkspace = data.workspaceModels ?? [];
    model.replaceChildren(
      option('', `All models (${data.models.length})`),
      ...(inWorkspace.length
        ? [h('optgroup', { label: 'In this workspace' }, ...inWorkspace.map((id) => option(`model:${id}`, names.get(id) ?? id)))]
        : []),
      h('optgroup', { label: 'Families' }, ...choices.families.map((f) => option(`family:${f.family}`, `${f.family} (${f.count} models)`))),
      h('optgroup', { label: 'Models' }, ...choices.models.map((m) => option(`model:${m.id}`, m.name))),
    );
    jurisdiction.replaceChildren(
      option('', 'All jurisdictions'),
      ...distinctValues(data.rows, (r) => r.jurisdiction).map((j) => option(j, j)),
    );
  }

  function syncControls(): void {
    const { filter, group: grouping, pageSize: size } = store.state.view;
    // Typing not yet applied (debounce pending) is newer than the state: leave it, even when focus has moved on.
    if (document.activeElement !== search && searchTimer === undefined && search.value !== filter.search) search.value = filter.search;
    model.value = filter.model;
    if (model.value !== filter.model) model.value = '';
    provider.value = filter.provider;
    jurisdiction.value = filter.jurisdiction;
    if (jurisdiction.value !== filter.jurisdiction) jurisdiction.value = '';
    openWeights.value = filter.openWeights;
    group.checked = grouping === 'best';
    pageSize.value = String(size);
  }

  function refresh(): void {
    syncControls();
    const view = store.view();
    const { sort } = store.state.view;
    for (const [key, cell] of headerCells) {
      const active = key === sort.key;
      if (active) cell.th.setAttribute('aria-sort', sort.dir === 'asc' ? 'ascending' : 'descending');
      else cell.th.removeAttribute('aria-sort');
      cell.indicator.textContent = active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '';
      const column = columns.find((c) => c.key === key);
      cell.button.setAttribute(
        'aria-label',
        `${column?.label ?? key}: sort by ${column?.description ?? key}${active ? `, sorted ${sort.dir === 'asc' ? 'ascending' : 'descending'}` : ''}`,
      );
    }
    if (!view) {
      status.textContent = 'Loading…';
      tbody.replaceChildren();
      return;
    }
    status.textContent = `${describeView(view)}${groupNote(view)}${searchNote()} · carbon in gCO₂e per million output tokens (${basisCaption(store.data?.basis)})`;
    const scale = bandScale(view.matched);
    const fragment = document.createDocumentFragment();
    for (const row of view.pageRows) fragment.append(renderRow(row, scale, view.counts?.get(row.model.id)));
    if (view.pageRows.length === 0) {
      fragment.append(h('tr', undefined, h('td', { colspan: columns.length + 1, class: 'empty' }, 'No rows match these filters.')));
    }
    tbody.replaceChildren(fragment);
    pageInfo.textContent = `Page ${view.page + 1} of ${view.pageCount}`;
    first.disabled = prev.disabled = view.page === 0;
    next.disabled = last.disabled = view.page >= view.pageCount - 1;
  }

  function groupNote(view: View): string {
    if (store.state.view.group !== 'best') return '';
    const left = view.rangeOnly
      ? ` (${view.rangeOnly} ${view.rangeOnly === 1 ? 'model' : 'models'} left out: offered only through cross-region or global endpoints, whose range has no single best region, or retired or in unverified regions only)`
      : '';
    return ` · best region per model${left}`;
  }

  /** Says which search words matched as model ids written in code, since those rows need not contain the word. */
  function searchNote(): string {
    const names = new Map(store.data?.models.map((m) => [m.id, m.name]));
    const found = resolvedSearchModels(store.state.view.filter.search, store.aliases);
    return found.map(({ term, modelId }) => ` · '${term}' is ${names.get(modelId) ?? modelId}`).join('');
  }

  /** A price with its basis in the tooltip (and beside it when derived), or "—" whose tooltip says why there is none. */
  function priceCell(row: Row, value: number | undefined): HTMLTableCellElement {
    const price = row.price;
    if (!price) return h('td', { class: 'num', title: missingPriceNote(row, store.data?.rows ?? []) }, formatPrice(value));
    return h(
      'td',
      { class: 'num', title: priceTitle(price) },
      formatPrice(value),
      price.provenance.status === 'derived' ? h('span', { class: 'sub' }, price.basis) : null,
    );
  }

  function renderRow(row: Row, scale: Scale | null, groupCount: number | undefined): HTMLTableRowElement {
    const regional = row.placement === 'regional';
    const current = actions.isCurrent(row);
    const tier = gridTier(row);
    const actionCell = h('td', { class: 'actions-col' });
    if (regional) {
      actionCell.append(
        button('Copy', { class: 'secondary small', 'aria-label': `Copy region code ${row.region}` }, () => actions.copy(row.region)),
      );
      if (actions.canUse(row) && !current) {
        actionCell.append(
          button(
            'Use',
            {
              class: 'small',
              'aria-label': `Use ${row.region} in the finding`,
              title: 'Replace the region in the file this leaderboard was opened from',
            },
            () => actions.use(row),
          ),
        );
      }
    }
    const provenance = provenanceMarker(row);
    return h(
      'tr',
      { 'data-key': `${row.model.id}|${rowKey(row)}`, class: current ? 'current' : undefined },
      h(
        'td',
        { class: 'model' },
        h('span', { class: 'model-name' }, row.model.name),
        h(
          'span',
          { class: 'sub' },
          `${row.model.family} · ${row.model.openWeights ? 'open weights' : 'closed'} · tier ${row.model.tier}${row.model.kind && row.model.kind !== 'generation' ? ` · ${row.model.kind}: ${row.model.unit}` : ''}`,
        ),
      ),
      h('td', undefined, h('span', undefined, row.provider.toUpperCase()), h('span', { class: 'sub' }, row.service)),
      h(
        'td',
        { class: 'region', title: provenance.title },
        h('code', undefined, row.region),
        current ? h('span', { class: 'badge' }, 'current') : null,
        provenance.label
          ? h('span', { class: `badge provenance provenance-${provenance.label}`, 'data-provenance': provenance.label }, provenance.label)
          : null,
        h('span', { class: 'sub' }, row.regionName),
        groupCount !== undefined ? h('span', { class: 'sub' }, `best of ${groupCount} ${groupCount === 1 ? 'option' : 'options'}`) : null,
        !regional && row.carbonRange
          ? h(
              'span',
              { class: 'sub' },
              `${row.placement === 'global' ? 'global endpoint' : 'cross-region profile'}: ${row.carbonRange.destinations.length} destinations`,
            )
          : null,
      ),
      h('td', undefined, row.jurisdiction),
      h(
        'td',
        { class: 'num', title: row.gridIntensity ? gridTitle(row.gridIntensity) : undefined },
        row.gridIntensity ? h('span', undefined, formatInt(row.gridIntensity.gPerKWh)) : h('span', undefined, '—'),
        row.gridIntensity
          ? h(
              'span',
              { class: `tier tier-${tier}` },
              h('span', { 'aria-hidden': 'true' }, tierGlyph[tier]),
              ` ${tierLabel[tier]} · ${gridWhen(row.gridIntensity)}`,
            )
          : h('span', { class: 'sub' }, 'varies'),
      ),
      carbonCell(row, scale),
      priceCell(row, row.price?.input),
      priceCell(row, row.price?.output),
      h(
        'td',
        {
          class: 'num',
          title:
            row.throughput === null
              ? 'No licensed source gives an output speed for this model'
              : `Output tokens per second: ${row.throughputNote ?? 'source not stated'}`,
        },
        row.throughput === null ? '—' : formatInt(row.throughput),
      ),
      actionCell,
    );
  }

  return { element, setChoices, refresh };
}

/** The central value (or range), with its band drawn on the view's log scale and written out as text. */
export function carbonCell(row: Pick<Row, 'carbon' | 'carbonRange'>, scale: Scale | null): HTMLTableCellElement {
  const band = row.carbon
    ? { low: row.carbon.low, high: row.carbon.high }
    : row.carbonRange
      ? { low: row.carbonRange.low, high: row.carbonRange.high }
      : null;
  const cell = h('td', { class: 'num carbon' });
  const value = h('span', { class: 'value' }, carbonText(row));
  cell.append(value);
  if (band && scale) {
    const track = h('span', { class: 'band-track', 'aria-hidden': 'true' });
    const bar = h('span', { class: 'band' });
    const lo = logPosition(band.low, scale);
    place(bar, lo, logPosition(band.high, scale) - lo);
    track.append(bar);
    const mid = row.carbon?.central;
    if (mid !== undefined) {
      const tick = h('span', { class: 'band-mid' });
      place(tick, logPosition(mid, scale), 0);
      track.append(tick);
    } else if (row.carbonRange) {
      const spread = h('span', { class: 'band-spread' });
      const a = logPosition(row.carbonRange.min, scale);
      place(spread, a, logPosition(row.carbonRange.max, scale) - a);
      track.append(spread);
    }
    cell.append(track);
  }
  if (band) cell.append(h('span', { class: 'sub' }, `band ${formatBand({ central: 0, ...band })}`));
  const parts = row.carbon ? partsText(row.carbon) : '';
  if (parts) cell.append(h('span', { class: 'sub parts' }, parts));
  return cell;
}
