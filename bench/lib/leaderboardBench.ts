// Leaderboard with 10,000 rows in Debian Chromium: (a) the page itself (the host's exact HTML and CSP, through the
// webview test harness): click on a column header or type a search until the table shows the result; (b) the pure
// state functions the page runs (sortRows, filterRows, computeView) timed inside Chromium's V8.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { bundledDataset } from '../../src/core/data/bundled';
import type { InitMessage, Row } from '../../src/webview/leaderboard/protocol';
import { initMessage } from '../../src/extension/leaderboard/service';
import { CHROMIUM, chromiumAvailable, openPageSession } from '../../test/webview/harness';
import { summary, type Summary } from './stats';

export interface LeaderboardFigures {
  rows: number;
  uiSort: Summary;
  uiSearch: Summary;
  fnSort: Summary;
  fnFilter: Summary;
  fnView: Summary;
}

/** 10,000 rows: the real leaderboard's rows, repeated with distinct regions and spread carbon values. */
export function tenThousandRows(): InitMessage {
  const init = initMessage(bundledDataset(), null);
  const rows: Row[] = Array.from({ length: 10_000 }, (_, i) => {
    const base = init.rows[i % init.rows.length];
    const central = 1 + ((i * 7919) % 5000) / 10;
    return {
      ...base,
      region: `${base.region}-${i}`,
      regionName: `${base.regionName ?? base.region} ${i}`,
      carbon: base.carbon ? { central, low: central * 0.45, high: central * 2.4 } : null,
    };
  });
  return { ...init, rows };
}

async function stateFunctionsInChromium(init: InitMessage, rounds: number): Promise<{ sort: number[]; filter: number[]; view: number[] }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridlens-bench-state-'));
  const entry = path.join(outdir, 'entry.ts');
  const state = path.resolve(__dirname, '..', '..', 'src', 'webview', 'leaderboard', 'state.ts').split(path.sep).join('/');
  fs.writeFileSync(entry, `import * as s from '${state}';\n(globalThis as any).__state = s;\n`);
  const outfile = path.join(outdir, 'state.js');
  await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    outfile,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: fs.readFileSync(outfile, 'utf8') });
    return await page.evaluate(
      ({ rows, rounds: n }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const s = (globalThis as any).__state;
        const out = { sort: [] as number[], filter: [] as number[], view: [] as number[] };
        const keys = ['carbon', 'region', 'model', 'grid', 'priceOut'];
        for (let i = -3; i < n; i++) {
          let t = performance.now();
          s.sortRows(rows, { key: keys[(i + 3) % keys.length], dir: i % 2 ? 'asc' : 'desc' });
          const sort = performance.now() - t;
          t = performance.now();
          s.filterRows(rows, {
            ...s.defaultViewState().filter,
            search: `${['west', 'east', 'north', 'central'][(i + 3) % 4]} ${(i + 3) % 9}7`,
          });
          const filter = performance.now() - t;
          t = performance.now();
          s.computeView(rows, {
            ...s.defaultViewState(),
            sort: { key: 'carbon', dir: 'asc' },
            filter: { ...s.defaultViewState().filter, search: `${(i + 3) % 10}` },
          });
          const view = performance.now() - t;
          if (i < 0) continue;
          out.sort.push(sort);
          out.filter.push(filter);
          out.view.push(view);
        }
        return out;
      },
      { rows: init.rows, rounds },
    );
  } finally {
    await browser.close();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export async function leaderboardBenchmark(rounds: number, log: (line: string) => void): Promise<LeaderboardFigures | { skipped: string }> {
  if (!chromiumAvailable()) return { skipped: `Chromium not found at ${CHROMIUM} (Debian package chromium)` };
  const init = tenThousandRows();
  const session = await openPageSession({ init, index: bundledDataset() });
  const sorts: number[] = [];
  const searches: number[] = [];
  try {
    const { page } = session;
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('of 10,000 rows'), undefined, {
      timeout: 30_000,
    });
    // Timed inside the page: from the click (or the input event) to the first animation frame showing the result.
    // Functions, not strings: the page's CSP forbids evaluating strings.
    const sortOnce = (want: string) =>
      page.evaluate(async (dir) => {
        const button = document.querySelector('button[data-sort="carbon"]') as HTMLButtonElement;
        const start = performance.now();
        button.click();
        await new Promise<void>((resolve) => {
          const check = () =>
            document.querySelector(`th[aria-sort="${dir}"] button[data-sort="carbon"]`) ? resolve() : requestAnimationFrame(check);
          check();
        });
        return performance.now() - start;
      }, want);
    const searchOnce = (term: string) =>
      page.evaluate(async (value) => {
        const input = Array.from(document.querySelectorAll('input')).find(
          (i) => i.getAttribute('aria-label') === 'Search' || i.labels?.[0]?.textContent?.trim() === 'Search',
        ) as HTMLInputElement;
        const status = () => document.querySelector('.status')?.textContent ?? '';
        const start = performance.now();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise<void>((resolve) => {
          const check = () => (/filtered from 10,000/.test(status()) ? resolve() : requestAnimationFrame(check));
          check();
        });
        const ms = performance.now() - start;
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise<void>((resolve) => {
          const check = () => (!/filtered from/.test(status()) ? resolve() : requestAnimationFrame(check));
          check();
        });
        return ms;
      }, term);
    // tsx keeps function names with a __name() helper that the page does not have
    await page.evaluate(() => {
      (globalThis as unknown as { __name: unknown }).__name = (f: unknown) => f;
    });
    for (let i = 0; i < rounds; i++) {
      // each click flips the direction of the carbon column
      sorts.push(await sortOnce(i % 2 === 0 ? 'descending' : 'ascending'));
      searches.push(await searchOnce(`${['west', 'east', 'north', 'central'][i % 4]} ${i % 9}7`));
    }
  } finally {
    await session.close();
  }
  log(`  page: sort ${sorts.map((x) => x.toFixed(0)).join(' ')} ms · search ${searches.map((x) => x.toFixed(0)).join(' ')} ms`);
  const fns = await stateFunctionsInChromium(init, Math.max(10, rounds * 4));
  return {
    rows: init.rows.length,
    uiSort: summary(sorts),
    uiSearch: summary(searches),
    fnSort: summary(fns.sort),
    fnFilter: summary(fns.filter),
    fnView: summary(fns.view),
  };
}
