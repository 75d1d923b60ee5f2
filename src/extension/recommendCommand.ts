// "GridLens: Recommend Region for Model…": pick a model, see the regions that serve it ranked by carbon.
import * as vscode from 'vscode';
import type { DatasetIndex } from '../core/data/dataset';
import { formatGrams } from '../core/carbon/format';
import type { OptionSummary } from '../core/carbon/options';
import type { AnalysisService } from './analysisService';

export const RECOMMEND_COMMAND = 'gridlens.recommendRegion';

interface ModelItem extends vscode.QuickPickItem {
  modelId: string;
}

interface RegionItem extends vscode.QuickPickItem {
  regionCode: string;
}

export function registerRecommendCommand(analysis: AnalysisService, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(RECOMMEND_COMMAND, async (modelId?: unknown) => {
    const dataset = analysis.dataset;
    const chosen = typeof modelId === 'string' ? modelId : (await pickModel(dataset))?.modelId;
    if (!chosen) return undefined;
    const result = analysis.engine.recommend(dataset, chosen);
    const options = [result.recommended, ...result.alternatives].filter((o): o is OptionSummary => o !== null);
    if (options.length === 0) {
      void vscode.window.showInformationMessage(`GridLens: no cloud region in the bundled data serves ${result.model.name}.`);
      return undefined;
    }
    const dirtiest = result.dirtiest?.carbon?.central ?? 0;
    const items: RegionItem[] = options.map((option, rank) => regionItem(option, rank, dirtiest));
    const picked = await vscode.window.showQuickPick(items, {
      title: `${result.model.name}: regions by ${result.unit}`,
      placeHolder: 'Select a region to copy its code',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    await vscode.env.clipboard.writeText(picked.regionCode);
    log.info(`Copied region ${picked.regionCode} for ${result.model.id}`);
    void vscode.window.showInformationMessage(`GridLens: copied '${picked.regionCode}' to the clipboard.`);
    return picked.regionCode;
  });
}

async function pickModel(dataset: DatasetIndex): Promise<ModelItem | undefined> {
  const items: ModelItem[] = dataset.data.models.map((model) => ({
    label: model.name,
    description: model.id,
    detail: `${model.creator} · ${model.openWeights ? 'open weights' : 'closed'} · tier ${model.tier}`,
    modelId: model.id,
  }));
  return vscode.window.showQuickPick(items, { title: 'GridLens: Recommend Region for Model', placeHolder: 'Model (type to filter)', matchOnDescription: true });
}

function regionItem(option: OptionSummary, rank: number, dirtiest: number): RegionItem {
  const carbon = option.carbon?.central ?? 0;
  const saving = dirtiest > 0 ? Math.round(((dirtiest - carbon) / dirtiest) * 100) : 0;
  const price = option.price ? ` · $${option.price.input}/$${option.price.output} per Mtok in/out` : '';
  return {
    label: `${rank === 0 ? '$(star-full) ' : ''}${option.region}`,
    description: `${option.regionName} · ${option.provider} ${option.service}`,
    detail: `≈ ${formatGrams(carbon)} gCO2e/Mtok · ${option.gridIntensity?.gPerKWh ?? '?'} g/kWh (${option.gridIntensity?.year ?? ''}) · ${option.jurisdiction}${saving > 0 ? ` · −${saving}% vs dirtiest` : ''}${price}`,
    regionCode: option.region,
  };
}
