// The workspace findings tree: grouped by file or by provider, with counts and the potential saving.
import * as vscode from 'vscode';
import { figureOf, isListedSetting } from '../core/carbon/figure';
import type { FindingInsight } from '../core/carbon/insight';
import type { FileInsights, WorkspaceFindings } from './workspaceScan';

export const FINDINGS_VIEW = 'gridlens.findings';
export const GROUP_BY_FILE_COMMAND = 'gridlens.findings.groupByFile';
export const GROUP_BY_PROVIDER_COMMAND = 'gridlens.findings.groupByProvider';
export const REVEAL_FINDING_COMMAND = 'gridlens.revealFinding';

type Node =
  | { kind: 'group'; label: string; members: Array<{ uri: vscode.Uri; insight: FindingInsight }> }
  | { kind: 'finding'; uri: vscode.Uri; insight: FindingInsight };

function describeGroup(members: Array<{ insight: FindingInsight }>): string {
  const regions = members.filter((m) => m.insight.finding.kind === 'region').length;
  const models = members.length - regions;
  const best = Math.max(0, ...members.map((m) => m.insight.suggestion?.savingPercent ?? 0));
  return `${regions} region${regions === 1 ? '' : 's'} · ${models} model${models === 1 ? '' : 's'}${best > 0 ? ` · save up to ${Math.round(best)}%` : ''}`;
}

function findingLabel(insight: FindingInsight): { label: string; description: string } {
  const { finding } = insight;
  if (insight.region) {
    const suggestion = insight.suggestion ? ` → ${insight.suggestion.region.code} −${Math.round(insight.suggestion.savingPercent)}%` : '';
    return { label: finding.value ?? finding.text, description: `${figureOf(insight)} · ${finding.role}${suggestion}` };
  }
  if (finding.value === undefined)
    return {
      label: finding.text,
      description: `unknown ${finding.kind}${finding.suggestions?.length ? ` — closest known ${finding.suggestions[0]}, a different ${finding.kind}` : ''}`,
    };
  return { label: insight.model?.model.name ?? finding.value, description: `${figureOf(insight) ?? finding.value} · ${finding.role}` };
}

export class FindingsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private groupBy: 'file' | 'provider' = 'file';
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly findings: WorkspaceFindings) {
    this.subscriptions = [
      findings.onDidChange(() => this.emitter.fire(undefined)),
      vscode.commands.registerCommand(GROUP_BY_FILE_COMMAND, () => this.setGroup('file')),
      vscode.commands.registerCommand(GROUP_BY_PROVIDER_COMMAND, () => this.setGroup('provider')),
      this.emitter,
    ];
  }

  private setGroup(groupBy: 'file' | 'provider'): void {
    this.groupBy = groupBy;
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'group') return node.members.map((m) => ({ kind: 'finding', ...m }));
    if (node) return [];
    const members = (files: readonly FileInsights[]) =>
      files.flatMap((f) => f.insights.filter(isListedSetting).map((insight) => ({ uri: f.uri, insight })));
    const all = members(this.findings.results);
    const groups = new Map<string, Node & { kind: 'group' }>();
    for (const member of all) {
      const label =
        this.groupBy === 'file'
          ? vscode.workspace.asRelativePath(member.uri)
          : (member.insight.finding.provider ?? 'provider-managed / unknown');
      const group = groups.get(label) ?? { kind: 'group', label, members: [] };
      group.members.push(member);
      groups.set(label, group);
    }
    return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = describeGroup(node.members);
      item.iconPath = this.groupBy === 'file' ? vscode.ThemeIcon.File : new vscode.ThemeIcon('cloud');
      if (this.groupBy === 'file') item.resourceUri = node.members[0]?.uri;
      return item;
    }
    const { label, description } = findingLabel(node.insight);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.description = description;
    item.iconPath = new vscode.ThemeIcon(node.insight.finding.kind === 'region' ? 'globe' : 'symbol-class');
    item.tooltip = `${vscode.workspace.asRelativePath(node.uri)} — ${node.insight.finding.text}`;
    item.command = {
      title: 'Reveal',
      command: REVEAL_FINDING_COMMAND,
      arguments: [node.uri.toString(), node.insight.finding.range.start, node.insight.finding.range.end],
    };
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

export function registerFindingsView(findings: WorkspaceFindings): vscode.Disposable {
  const provider = new FindingsTreeProvider(findings);
  const view = vscode.window.createTreeView(FINDINGS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const reveal = vscode.commands.registerCommand(REVEAL_FINDING_COMMAND, async (uri: string, start: number, end: number) => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
    await vscode.window.showTextDocument(document, { selection: range });
  });
  view.message = findings.hasScanned ? undefined : `Run "GridLens: Scan Workspace" to list findings.`;
  const messages = findings.onDidChange(() => {
    view.message = findings.results.length ? undefined : 'No model or region settings found.';
  });
  return vscode.Disposable.from(provider, view, reveal, messages);
}
