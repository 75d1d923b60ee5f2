// `--live` for the CLI and `gridlens serve`: the latest Electricity Maps reading per grid zone instead of the yearly
// average, with the key from GRIDLENS_ELECTRICITYMAPS_TOKEN (and GRIDLENS_ELECTRICITYMAPS_URL for a test double or
// a proxy). Without --live nothing here runs; without a key no request is made and every figure says why it is yearly.
import type { AnswerOptions } from '../core/api/queries';
import { withLiveGrid, type IntensityProvider } from '../core/carbon/liveGrid';
import type { OptionSummary } from '../core/carbon/options';
import { GRID_METHOD, LIVE_ASKED_GRID_METHOD } from '../core/carbon/units';
import { BASE_URL_ENV, liveIntensityProvider, TOKEN_ENV } from '../live';

export const liveOption = { live: { type: 'boolean' } } as const;

export function liveProviderFromEnv(env: NodeJS.ProcessEnv = process.env): IntensityProvider {
  return liveIntensityProvider({ token: env[TOKEN_ENV], baseUrl: env[BASE_URL_ENV] }, `set ${TOKEN_ENV}`);
}

/** An answer over the yearly figures, or with live readings when `live` is set. */
export async function answerWith<T>(live: boolean | undefined, answer: (options: AnswerOptions) => T): Promise<T> {
  if (!live) return answer({});
  return withLiveGrid(liveProviderFromEnv(), (grid) => answer({ live: grid }));
}

/** How a table's grid figures are counted: yearly averages, or live readings where the zone had one. */
export const gridMethodAsked = (live: boolean | undefined): string => (live ? LIVE_ASKED_GRID_METHOD : GRID_METHOD);

type Grid = NonNullable<OptionSummary['gridIntensity']>;

/** One line for a table footer: how many figures are live and, when any fell back, why. Empty when none asked. */
export function liveNote(grids: ReadonlyArray<Pick<Grid, 'datetime' | 'fallback'> | null | undefined>): string {
  const asked = grids.filter((g): g is Grid => g !== null && g !== undefined && (g.datetime !== undefined || g.fallback !== undefined));
  if (asked.length === 0) return '';
  const live = asked.filter((g) => g.datetime !== undefined);
  const latest = live
    .map((g) => g.datetime as string)
    .sort()
    .pop();
  const reasons = [...new Set(asked.flatMap((g) => (g.fallback ? [g.fallback] : [])))];
  const parts = [
    `Grid: live Electricity Maps readings for ${live.length} of ${asked.length} figures${latest ? ` (latest ${latest})` : ''}`,
  ];
  if (reasons.length)
    parts.push(`yearly averages for the rest (live data unavailable: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; …' : ''})`);
  return `${parts.join('; ')}\n`;
}
