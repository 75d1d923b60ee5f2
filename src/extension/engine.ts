// The engine: what the editor features compute with (the scanner and its YAML/JSONC/TOML parsers, the calculator,
// the bundled dataset). Activation does not load it. The desktop build ships it as its own file, dist/engine.js,
// required the first time a feature needs it (node.ts); the browser build bundles it in (web.ts). It must stay pure
// (no 'vscode'): both GridLens instances of a test host share the one loaded module.
export { bundledDataset } from '../core/data/bundled';
export { regionKey } from '../core/data/dataset';
export { scanWorkspace } from '../core/scan/workspace';
export { ignoreRules, testSkips } from '../core/scan/ignore';
export { readCandidate, scanTree } from '../core/scan/pipeline';
export { insightsFor } from '../core/carbon/insight';
export { planRegionSwitch } from '../core/carbon/regionEdits';
export { familyOf } from '../core/scan/registry';
export { partitionOf } from '../core/carbon/assess';
export { optionsForModel, recommendable } from '../core/carbon/options';
export { recommend } from '../core/carbon/recommend';
export { explainMarkdown } from './explain';
export { withLiveGrid } from '../core/carbon/liveGrid';
export { liveIntensityProvider } from '../live';
export { preferencesFrom } from './preferences';
export { answerCompare, answerRecommend, canonicalModelId, initMessage, resolveSearchTerms, toFocus } from './leaderboard/service';
export { PageMessageSchema, SavedStateSchema, parseMessage } from '../webview/leaderboard/protocol';

export type Engine = typeof import('./engine');
