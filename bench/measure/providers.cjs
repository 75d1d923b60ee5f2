// Child process: the editor providers of dist/extension.js answering from the analysis cache. Activates with the
// vscode stand-in, opens the documents, lets the first request analyse them (timed separately), then calls the hover
// provider on every region and model literal, the inlay hint provider for 100-line visible ranges and the code action
// provider on each literal, many times. Prints JSON with every sample in microseconds.
//   node providers.cjs <dist/extension.js> <extension root> '<json: [paths]>' <iterations>
'use strict';
const vscode = require('./vscode-hook.cjs');
const fs = require('node:fs');
const path = require('node:path');

const [extensionFile, extensionRoot, docsJson, iterationsText] = process.argv.slice(2);
const iterations = Number(iterationsText || 2000);
const bench = vscode.__bench;

const languageOf = (file) => (file.endsWith('.py') ? 'python' : file.endsWith('.tf') ? 'terraform' : file.endsWith('.ts') ? 'typescript' : /\.ya?ml$/.test(file) ? 'yaml' : 'plaintext');
const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const literal = /(?<=["'=\s])(?:(?:us|eu|ap|ca|sa)-(?:east|west|central|north|south|northeast|southeast)-\d|(?:us|europe|asia|australia)-(?:central|east|west|north|southeast|northeast)\d{1,2}|(?:anthropic|amazon|meta|mistral|cohere)\.[a-z0-9.:-]+|(?:us|eu)\.anthropic\.[a-z0-9.:-]+|gemini-[0-9a-z.-]+|gpt-4[a-z0-9.-]*)(?=["'\s,)])/g;

const now = () => Number(process.hrtime.bigint()) / 1000;

async function main() {
  const extension = require(path.resolve(extensionFile));
  extension.activate({ subscriptions: [], extensionUri: vscode.Uri.file(path.resolve(extensionRoot)), extensionPath: path.resolve(extensionRoot), globalState: { get: () => undefined, update: async () => undefined, keys: () => [] }, workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] }, secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) } });
  const [hover] = bench.hovers;
  const [inlay] = bench.inlayHints;
  const [actions] = bench.codeActions;
  const docs = [];
  const firstRequestMs = {};
  for (const file of JSON.parse(docsJson)) {
    const text = fs.readFileSync(file, 'utf8');
    const doc = new vscode.__TextDocument(vscode.Uri.file(file), text, languageOf(file));
    bench.documents.set(doc.uri.toString(), doc);
    const t = now();
    await hover.provideHover(doc, new vscode.Position(0, 0), token);
    firstRequestMs[path.basename(file)] = (now() - t) / 1000;
    const offsets = [...text.matchAll(literal)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    docs.push({ doc, offsets });
  }
  const samples = { hover: [], inlayHints: [], codeActions: [] };
  const counts = { hoverResults: 0, inlayHints: 0, codeActions: 0, literals: docs.reduce((n, d) => n + d.offsets.length, 0) };
  const warm = Math.min(200, iterations);
  for (let i = -warm; i < iterations; i++) {
    const { doc, offsets } = docs[i & 1 ? 1 % docs.length : 0];
    const o = offsets[(i + warm) % offsets.length];
    let t = now();
    const h = await hover.provideHover(doc, doc.positionAt(o.start + 1), token);
    const hoverUs = now() - t;
    const line = ((i + warm) * 7919) % Math.max(1, doc.lineCount - 100);
    t = now();
    const hints = await inlay.provideInlayHints(doc, new vscode.Range(line, 0, line + 100, 0), token);
    const inlayUs = now() - t;
    t = now();
    const fixes = await actions.provideCodeActions(doc, new vscode.Range(doc.positionAt(o.start), doc.positionAt(o.end)), { diagnostics: [], only: undefined, triggerKind: 1 }, token);
    const actionsUs = now() - t;
    if (i < 0) continue;
    samples.hover.push(hoverUs);
    samples.inlayHints.push(inlayUs);
    samples.codeActions.push(actionsUs);
    if (h) counts.hoverResults++;
    counts.inlayHints += hints.length;
    counts.codeActions += fixes.length;
  }
  process.stdout.write(JSON.stringify({ firstRequestMs, samples, counts, documents: docs.map((d) => ({ file: path.basename(d.doc.uri.path), lines: d.doc.lineCount, literals: d.offsets.length })) }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
