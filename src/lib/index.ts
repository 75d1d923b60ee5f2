// The library entry of the npm package (`import { recommend } from 'gridlens'`, ESM and CommonJS): the same query
// functions the CLI and `gridlens serve` call, over the bundled dataset. Its published types are gridlens.d.ts,
// checked against these functions by test/unit/library.test.ts.
import { estimateFor, leaderboardFor, recommendFor, regionsFor } from '../core/api/queries';
import { bundledDataset } from '../core/data/bundled';

export { InvalidParameterError } from '../core/api/queries';
export { UnknownModelError, UnknownRegionError } from '../core/carbon/recommend';

type Query<F extends (...args: never[]) => unknown> = Parameters<F>[1];

/** The cleanest region serving a model under constraints, alternatives ranked, savings (`gridlens recommend`). */
export const recommend = (query: Query<typeof recommendFor>) => recommendFor(bundledDataset(), query);
/** One model in one region with every input and its source (`gridlens estimate`). */
export const estimate = (query: Query<typeof estimateFor>) => estimateFor(bundledDataset(), query);
/** Every model × offering × region, ascending by carbon (`gridlens leaderboard`). */
export const leaderboard = (query: Query<typeof leaderboardFor> = {}) => leaderboardFor(bundledDataset(), query);
/** Every region with its grid zone and intensity, cleanest first (`gridlens regions`). */
export const regions = (query: Query<typeof regionsFor> = {}) => regionsFor(bundledDataset(), query);
