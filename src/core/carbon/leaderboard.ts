// Leaderboard rows: every model × offering × region, in the option shape recommend uses, plus the model.
import type { DatasetIndex } from '../data/dataset';
import type { ModelKind, ProviderId } from '../data/schema';
import type { CalculationOptions } from './calculator';
import { carbonUnit, kindOf, NO_TOKEN_FIGURE } from './units';
import { optionsForModel, summarise, type OptionSummary } from './options';
import { compareByCarbon } from './ranking';

export interface LeaderboardRow extends OptionSummary {
  /** `unit`: the unit of this row's carbon figures (per million output tokens; input tokens for embedding models). */
  model: {
    id: string;
    name: string;
    family: string;
    creator: string;
    openWeights: boolean;
    tier: 'A' | 'B' | 'C';
    kind: ModelKind;
    unit: string;
  };
}

export interface LeaderboardFilter {
  /** Canonical model ids to keep. */
  models?: readonly string[];
  providers?: readonly ProviderId[];
  jurisdictions?: readonly string[];
}

/** All rows, ascending by central carbon (geo and global rows by the midpoint of their range: ranking.ts). */
export function leaderboardRows(index: DatasetIndex, filter: LeaderboardFilter = {}, calc: CalculationOptions = {}): LeaderboardRow[] {
  const rows: LeaderboardRow[] = [];
  for (const model of index.data.models) {
    if (filter.models?.length && !filter.models.includes(model.id)) continue;
    const modelSummary = {
      id: model.id,
      name: model.name,
      family: model.family,
      creator: model.creator,
      openWeights: model.openWeights,
      tier: model.tier,
      kind: kindOf(model),
      unit: carbonUnit(model) ?? NO_TOKEN_FIGURE,
    };
    for (const option of optionsForModel(index, model, calc)) {
      const row: LeaderboardRow = { model: modelSummary, ...summarise(option) };
      if (filter.providers?.length && !filter.providers.includes(row.provider)) continue;
      if (filter.jurisdictions?.length && !filter.jurisdictions.includes(row.jurisdiction)) continue;
      rows.push(row);
    }
  }
  return rows.sort((a, b) => compareByCarbon(a, b) || a.model.id.localeCompare(b.model.id) || a.region.localeCompare(b.region));
}
