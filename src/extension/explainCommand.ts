// "GridLens: Explain This Estimate": the full breakdown for the finding at the cursor, as a read-only document.
import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { insightAt } from './hover';

export const EXPLAIN_COMMAND = 'gridlens.explainEstimate';
const SCHEME = 'gridlens-explain';

export function registerExplainCommand(analysis: AnalysisService): vscode.Disposable {
  const contents = new Map<string, string>();
  const provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '' });
  const command = vscode.commands.registerCommand(EXPLAIN_COMMAND, async () => {
    const editor = vscode.window.activeTextEditor;
    const result = editor && (await analysis.analyse(editor.document));
    const insight = editor && result ? insightAt(result.insights, editor.document.offsetAt(editor.selection.active)) : undefined;
    if (!editor || !insight) {
      void vscode.window.showInformationMessage('GridLens: place the cursor on a model id or region value to explain its estimate.');
      return undefined;
    }
    const markdown = `# GridLens estimate\n\n${analysis.engine.explainMarkdown(analysis.dataset, insight)}\n\n---\nUnit: gCO2e per million output tokens (embedding models: per million input tokens; image, video and audio models: no per-token figure). Sources and licences: data/SOURCES.md in the extension.\n`;
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${insight.finding.value ?? 'estimate'}.md` });
    contents.set(uri.toString(), markdown);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return markdown;
  });
  return vscode.Disposable.from(provider, command);
}
