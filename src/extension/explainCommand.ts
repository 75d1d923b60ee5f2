// "GridLens: Explain This Estimate": the full breakdown for the finding at the cursor, rendered in VS Code's Markdown
// preview beside the editor (a read-only virtual document; nothing is written to disk).
import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { insightAt } from './hover';

export const EXPLAIN_COMMAND = 'gridlens.explainEstimate';
const SCHEME = 'gridlens-explain';

export function registerExplainCommand(analysis: AnalysisService): vscode.Disposable {
  const contents = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
  });
  const command = vscode.commands.registerCommand(EXPLAIN_COMMAND, async () => {
    const editor = vscode.window.activeTextEditor;
    const result = editor && (await analysis.analyse(editor.document));
    const insight = editor && result ? insightAt(result.insights, editor.document.offsetAt(editor.selection.active)) : undefined;
    if (!editor || !insight) {
      void vscode.window.showInformationMessage('GridLens: place the cursor on a model id or region value to explain its estimate.');
      return undefined;
    }
    const title = insight.finding.value ?? insight.finding.text;
    const markdown = [
      `# GridLens: ${title.replace(/[\\`*_[\]#<>]/g, '')}`,
      analysis.engine.explainMarkdown(analysis.dataset, insight, undefined, 'full'),
      '---',
      'Units: gCO2e (grams of CO2-equivalent) per million output tokens for generation models, per million input tokens for embedding models, per million output tokens with audio and image tokens counted as tokens for image and audio models billed per token whose size EcoLogits gives, none for other image, video and audio models (no per-token figure); per kWh for grids. Every source, with its licence, is listed in data/SOURCES.md inside the extension.',
    ].join('\n\n');
    // One document per finding text: explaining it again refreshes the open preview. The name is the tab's title,
    // so it is kept readable ('google-gemini-2.0-flash.md', not 'google%2Fgemini…').
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${title.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80)}.md` });
    contents.set(uri.toString(), markdown);
    changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // Without the built-in Markdown extension, the source is still readable.
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(document, 'markdown');
      await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }
    return markdown;
  });
  return vscode.Disposable.from(provider, command, changed);
}
