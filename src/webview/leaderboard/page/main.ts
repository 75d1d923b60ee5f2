// The leaderboard page: restores its saved state, asks the host for data, validates every message it receives,
// and renders four tabs (table, charts, compare, recommend). Bundled by esbuild into dist/webview/leaderboard.js.
import { config as zodConfig } from 'zod/mini';
import {
  HostMessageSchema,
  SavedStateSchema,
  parseMessage,
  tabs,
  type HostMessage,
  type PageContext,
  type Row,
  type Tab,
} from '../protocol';
import { currentRegion, defaultSavedState, stateForContext, stateForFocus } from '../state';
import { createChartsView } from './charts';
import { createCompareView } from './compare';
import { button, h } from './dom';
import { createRecommendView } from './recommend';
import { Store, type VsCodeApi } from './store';
import { createTableView, type RowActions } from './table';

// The CSP allows no eval; tell zod not to probe for it.
zodConfig({ jitless: true });

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const restored = SavedStateSchema.safeParse(api.getState());
const store = new Store(api, restored.success ? restored.data : defaultSavedState());

const sameContext = (a: PageContext | null, b: PageContext | null) =>
  a === b ||
  (!!a && !!b && a.uri === b.uri && a.range.join() === b.range.join() && a.currentRegion === b.currentRegion && a.provider === b.provider);

const actions: RowActions = {
  copy: (code) => store.post({ type: 'copy', text: code }),
  canUse: (row) => {
    const context = store.state.context;
    return !!context && row.placement === 'regional' && row.provider === context.provider;
  },
  use: (row) => store.post({ type: 'useRegion', provider: row.provider as Row['provider'], region: row.region }),
  isCurrent: (row) => {
    const current = currentRegion(store.state);
    return !!current && row.provider === current.provider && row.region === current.region;
  },
};

// Layout ----------------------------------------------------------------------------------------------------

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
const notices = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
const errors = h('div', { class: 'notices', role: 'alert' });
const datasetInfo = h('p', { class: 'sub dataset' });
const contextBanner = h('div', { class: 'context-banner', hidden: true });

const table = createTableView(store, actions);
const charts = createChartsView(store);
const compare = createCompareView(store);
const recommend = createRecommendView(store, actions);
const views: Record<Tab, { label: string; element: HTMLElement; refresh(): void }> = {
  table: { label: 'Table', ...table },
  charts: { label: 'Charts', ...charts },
  compare: { label: 'Compare', ...compare },
  recommend: { label: 'Recommend', ...recommend },
};

const tabButtons = new Map<Tab, HTMLButtonElement>();
const panels = new Map<Tab, HTMLElement>();
const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Leaderboard views' });
for (const tab of tabs) {
  const b = button(views[tab].label, { role: 'tab', id: `tab-${tab}`, 'aria-controls': `panel-${tab}`, 'data-tab': tab }, () =>
    selectTab(tab),
  );
  b.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(tab);
    const target =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index + tabs.length - 1) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!target) return;
    event.preventDefault();
    selectTab(target);
    tabButtons.get(target)?.focus();
  });
  tabButtons.set(tab, b);
  tablist.append(b);
  panels.set(
    tab,
    h('section', { role: 'tabpanel', id: `panel-${tab}`, 'aria-labelledby': `tab-${tab}`, class: 'panel' }, views[tab].element),
  );
}

function selectTab(tab: Tab): void {
  store.update((s) => (s.tab === tab ? s : { ...s, tab }));
}

app.replaceChildren(
  h('header', undefined, h('h1', undefined, 'GridLens leaderboard'), datasetInfo),
  contextBanner,
  notices,
  errors,
  tablist,
  ...panels.values(),
);
app.removeAttribute('aria-busy');

// Rendering -------------------------------------------------------------------------------------------------

let lastContext: PageContext | null | undefined;

function renderContext(): void {
  const context = store.state.context;
  if (context === lastContext) return;
  lastContext = context;
  contextBanner.hidden = !context;
  if (!context) {
    contextBanner.replaceChildren();
    return;
  }
  contextBanner.replaceChildren(
    h(
      'p',
      undefined,
      'Opened from ',
      h('code', undefined, context.label),
      ': ',
      h('strong', undefined, `${context.provider} `, h('code', undefined, context.currentRegion)),
      context.model ? ` with model ${context.model}` : '',
      '. “Use” replaces the region in that file.',
    ),
  );
}

function render(): void {
  const active = store.state.tab;
  for (const tab of tabs) {
    const selected = tab === active;
    const b = tabButtons.get(tab);
    b?.setAttribute('aria-selected', String(selected));
    b?.setAttribute('tabindex', selected ? '0' : '-1');
    const panel = panels.get(tab);
    if (panel) panel.hidden = !selected;
  }
  renderContext();
  views[active].refresh();
}

store.subscribe(render);

// Messages --------------------------------------------------------------------------------------------------

let autoRun = false;

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'init': {
      store.setData(message);
      table.setChoices();
      datasetInfo.textContent = `${message.rows.length.toLocaleString('en-US')} rows · ${message.models.length} models · ${message.regions.length} regions · ${message.unit} · grid ${message.dataset.gridYear}: ${message.dataset.gridSource}${message.dataset.attribution ? ` (${message.dataset.attribution})` : ''}`;
      if (!sameContext(store.state.context, message.context)) {
        autoRun = !!message.context;
        store.update((s) => stateForContext(s, message.context));
      } else if (message.focus) {
        const focus = message.focus;
        store.update((s) => stateForFocus(s, focus));
      } else {
        store.notify();
      }
      if (autoRun) recommend.run();
      autoRun = false;
      store.resolveSearch();
      return;
    }
    case 'context':
      store.update((s) => stateForContext(s, message.context));
      if (message.context) recommend.run();
      return;
    case 'focus':
      store.update((s) => stateForFocus(s, message.focus));
      return;
    case 'searchResolved':
      store.addAliases(message);
      return;
    case 'recommendResult':
    case 'compareResult':
      store.settle(message);
      return;
    case 'notice': {
      const target = message.level === 'error' ? errors : notices;
      target.replaceChildren(h('p', { class: message.level }, message.text));
      return;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseMessage(HostMessageSchema, event.data);
  if (!parsed.ok) {
    console.warn(`GridLens leaderboard: ignored a message that does not fit the protocol (${parsed.reason})`);
    return;
  }
  receive(parsed.message);
});

render();
store.post({ type: 'ready' });
