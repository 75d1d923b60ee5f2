// Rewrites package.json's activationEvents from the format registry (src/core/scan/registry.ts, through
// src/extension/documentSelector.ts): run after adding or changing a format. test/unit/editor-formats.test.ts fails
// while they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { activationEvents } from '../src/extension/documentSelector';

const file = path.join(__dirname, '..', 'package.json');
const before = readFileSync(file, 'utf8');
const manifest = JSON.parse(before) as { activationEvents?: string[] };
manifest.activationEvents = activationEvents;
const after = `${JSON.stringify(manifest, null, 2)}\n`;
if (after === before) console.log('package.json: activationEvents already match the registry');
else {
  writeFileSync(file, after);
  console.log(`package.json: activationEvents rewritten (${activationEvents.length} events)`);
}
