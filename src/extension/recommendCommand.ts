// "GridLens: Recommend Region for Model…": pick a model, see the regions that serve it ranked by carbon. The picker
// starts at the model under the cursor, then the models the workspace uses, then the whole catalogue.
import * as vscode from 'vscode';
import type { DatasetIndex } from '../core/data/dataset';
import { formatGrams, gridWhen } from '../core/carbon/format';
import { basisSentence } from '../core/carbon/units';
import type { FindingInsight } from '../core/carbon/insight';
import type { OptionSummary } from '../core/carbon/options';
import type { AnalysisService } from './analysisService';
import { insightAt } from './hover';
import type { WorkspaceFindings } from './workspaceScan';

export const RECOMMEND_COMMAND = 'gridlens.recommendRegion';

interface ModelItem extends vscode.QuickPickItem {
  modelId: string;
}

interface RegionItem extends vscode.QuickPickItem {
  regionCode: string;
}

export function registerRecommendCommand(
  analysis: AnalysisService,
  findings: WorkspaceFindings,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand(RECOMMEND_COMMAND, async (modelId?: unknown) => {
    const dataset = analysis.dataset;
    const chosen = typeof modelId === 'string' ? modelId : (await pickModel(dataset, await modelsInView(analysis, findings)))?.modelId;
    if (!chosen) return undefined;
    const result = await analysis.withLive((calc) =>
      analysis.engine.recommend(dataset, chosen, {}, { ...analysis.currentOptions.calc, ...calc }),
    );
    const options = [result.recommended, ...result.alternatives].filter((o): o is OptionSummary => o !== null);
    if (options.length === 0) {
      void vscode.window.showInformationMessage(`GridLens: no cloud region in the bundled data serves ${result.model.name}.`);
      return undefined;
    }
    const dirtiest = result.dirtiest?.carbon?.central ?? 0;
    const items: RegionItem[] = options.map((option, rank) => regionItem(option, rank, dirtiest));
    const picked = await vscode.window.showQuickPick(items, {
      title: `${result.model.name}: regions by ${result.unit} (${basisSentence(analysis.currentOptions.calc?.basis ?? 'total')})`,
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

/**
 * Canonical ids of the models the workspace uses, the one under the cursor first (what the leaderboard's charts and
 * compare start from). Unknown ids are left out: they have no rows.
 */
export async function workspaceModelIds(analysis: AnalysisService, findings: WorkspaceFindings): Promise<string[]> {
  const { atCursor, used } = await modelsInView(analysis, findings);
  const ids = [atCursor, ...used].map((insight) => insight?.finding.value).filter((id): id is string => !!id);
  return [...new Set(ids)];
}

/** Models the user is looking at: the one under the cursor (if any) first, then every model the workspace sets. */
async function modelsInView(
  analysis: AnalysisService,
  findings: WorkspaceFindings,
): Promise<{ atCursor?: FindingInsight; used: FindingInsight[] }> {
  const editor = vscode.window.activeTextEditor;
  const current = editor ? (analysis.peek(editor.document) ?? (await analysis.analyse(editor.document))) : undefined;
  const atCursor = editor && current ? insightAt(current.insights, editor.document.offsetAt(editor.selection.active)) : undefined;
  const visible = vscode.window.visibleTextEditors.flatMap((e) => analysis.peek(e.document)?.insights ?? []);
  const used = [...(current?.insights ?? []), ...visible, ...findings.results.flatMap((f) => f.insights)].filter(
    (i) => i.finding.kind === 'model' && i.finding.role !== 'mention',
  );
  return { atCursor: atCursor?.finding.kind === 'model' ? atCursor : undefined, used };
}

async function pickModel(
  dataset: DatasetIndex,
  inView: { atCursor?: FindingInsight; used: FindingInsight[] },
): Promise<ModelItem | undefined> {
  const item = (modelId: string, written?: string): ModelItem | undefined => {
    const model = dataset.models.get(modelId);
    if (!model) return undefined;
    return {
      label: model.name,
      description: written && written !== model.id ? `${model.id} · as written: ${written}` : model.id,
      detail: `${model.creator} · ${model.openWeights ? 'open weights' : 'closed'} · tier ${model.tier}`,
      modelId: model.id,
    };
  };
  const first: ModelItem[] = [];
  const seen = new Set<string>();
  const add = (insight: FindingInsight | undefined) => {
    const { value, text, suggestions } = insight?.finding ?? {};
    // An unknown id offers its closest known models, said to be different ones.
    const candidates = value ? [item(value, text)] : (suggestions ?? []).map((id) => item(id));
    for (const candidate of candidates) {
      if (!candidate || seen.has(candidate.modelId)) continue;
      if (!value) candidate.detail = `closest known to '${text}', a different model · ${candidate.detail}`;
      seen.add(candidate.modelId);
      first.push(candidate);
    }
  };
  add(inView.atCursor);
  for (const insight of inView.used) add(insight);
  const rest = dataset.data.models.filter((m) => !seen.has(m.id)).map((m) => item(m.id) as ModelItem);
  const separator = (label: string) => ({ label, kind: vscode.QuickPickItemKind.Separator }) as ModelItem;
  const picker = vscode.window.createQuickPick<ModelItem>();
  picker.title = 'GridLens: Recommend Region for Model';
  picker.placeholder = 'Model (type to filter)';
  picker.matchOnDescription = true;
  picker.items = first.length ? [separator('In this workspace'), ...first, separator('All models'), ...rest] : rest;
  if (first.length) picker.activeItems = [first[0]];
  return new Promise<ModelItem | undefined>((resolve) => {
    picker.onDidAccept(() => {
      resolve(picker.selectedItems[0]);
      picker.hide();
    });
    picker.onDidHide(() => {
      resolve(undefined);
      picker.dispose();
    });
    picker.show();
  });
}

function regionItem(option: OptionSummary, rank: number, dirtiest: number): RegionItem {
  const carbon = option.carbon?.central ?? 0;
  const saving = dirtiest > 0 ? Math.round(((dirtiest - carbon) / dirtiest) * 100) : 0;
  const price = option.price ? ` · $${option.price.input}/$${option.price.output} per Mtok in/out` : '';
  return {
    label: `${rank === 0 ? '$(star-full) ' : ''}${option.region}`,
    description: `${option.regionName} · ${option.provider} ${option.service}`,
    detail: `≈ ${formatGrams(carbon)} gCO2e/Mtok${option.carbon?.usage && option.carbon.embodied ? ` (usage ${formatGrams(option.carbon.usage.central)} + embodied ${formatGrams(option.carbon.embodied.central)})` : ''} · ${option.gridIntensity?.gPerKWh ?? '?'} g/kWh (${option.gridIntensity ? gridWhen(option.gridIntensity) : ''}${option.gridIntensity?.fallback ? `: ${option.gridIntensity.fallback}` : ''}) · ${option.jurisdiction}${saving > 0 ? ` · −${saving}% vs dirtiest` : ''}${price}`,
    regionCode: option.region,
  };
}
