// mayHoldMention (src/core/scan/base.ts) lets mentionsIn() skip a text before its label is built: it must never say "no" where
// mentionsIn() records something, and mentionsIn() given the whole text's model shape must record what it records
// without it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Collector, mayHoldMention } from '../../src/core/scan/base';
import { modelShape, regionShapeProvider } from '../../src/core/scan/patterns';
import { fixturesDir, scanDataset } from '../fixtures/scan-harness';

const index = scanDataset();

/** What mentionsIn() records in a text, as comparable JSON. */
function mentions(text: string, wholeShape?: ReturnType<typeof modelShape>): string {
  const c = new Collector(index, 'notes.txt', text);
  c.mentionsIn(0, text.length, 'prose', wholeShape);
  return JSON.stringify(c.findings);
}

/** Pieces mentions are made of: the dataset's region codes and model ids, compass words, ARNs, Vertex paths. */
const pieces: string[] = [
  ...index.data.regions.map((r) => r.code),
  ...index.data.models.map((m) => m.id),
  // modelShape() lower-cases: upper-case ids and the Kelvin sign (lower-cased to k) are model ids too
  ...index.data.models.map((m) => m.id.toUpperCase()),
  'text-embedding-\u212A',
  'textembedding-gec\u212Ao',
  'north',
  'south',
  'east',
  'west',
  'central',
  'us',
  'europe',
  'arn:aws:bedrock:us-east-1::foundation-model/',
  'projects/p/locations/us-central1/publishers/google/models/',
  'us.',
  'openrouter/',
  '-',
  '1',
  '2',
];

const mentionish = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(' ', '.', ':', '/', '-', '"', '\n', '_', ','), fc.string({ maxLength: 6 })), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

/** Each line of every fixture and sample file. */
function fixtureLines(): string[] {
  const lines: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else lines.push(...readFileSync(path, 'utf8').split('\n'));
    }
  };
  walk(fixturesDir);
  walk(join(__dirname, '..', '..', 'samples'));
  return lines;
}

/**
 * What mentionsIn() looks for, found in a text without it (it asks mayHoldMention first): a region- or zone-shaped
 * word, an Azure region code, a strict model id (whole, or an ARN's or Vertex path's tail), in any of its words.
 */
const azureCodes = new Set(index.data.regions.filter((r) => r.provider === 'azure').map((r) => r.code));
function holdsSomethingMentionsInLooksFor(text: string): boolean {
  const words = [...text.split(/[^A-Za-z0-9-]+/), ...text.split(/[^A-Za-z0-9_.:@/-]+/).map((w) => w.replace(/[.:]+$/, ''))];
  return words.some(
    (w) =>
      regionShapeProvider(w) !== undefined ||
      azureCodes.has(w) ||
      modelShape(w) === 'strict' ||
      modelShape(w.replace(/^.*\//, '')) === 'strict',
  );
}

describe('mentions: the cheap test before mentionsIn', () => {
  it('never says no to a text holding what mentionsIn looks for (generated texts)', () => {
    fc.assert(
      fc.property(mentionish, (text) => {
        if (!mayHoldMention(index, text)) assert.equal(holdsSomethingMentionsInLooksFor(text), false, text);
      }),
      { numRuns: 3000 },
    );
    // the generated texts hold both kinds, so the property is not met by saying yes (or no) to everything
    const sample = fc.sample(mentionish, 500);
    assert.ok(sample.some((t) => holdsSomethingMentionsInLooksFor(t)));
    assert.ok(sample.some((t) => !mayHoldMention(index, t)));
  });

  it("never says no to a text holding what mentionsIn looks for (the fixtures' and samples' lines)", () => {
    let held = 0;
    for (const line of fixtureLines()) {
      if (holdsSomethingMentionsInLooksFor(line)) held++;
      if (!mayHoldMention(index, line)) assert.equal(holdsSomethingMentionsInLooksFor(line), false, line);
    }
    assert.ok(held > 100, 'the fixtures hold regions and models');
  });

  it('says no to text that can hold none', () => {
    for (const text of ['', 'a plain sentence about nothing', 'bucket_name = logs', 'retries: 3'])
      assert.equal(mayHoldMention(index, text), false, text);
    for (const text of ['deployed to us-east-1', 'uses claude-3-haiku', 'USES CLAUDE-3-HAIKU', 'textembedding-gec\u212Ao', 'eastus2'])
      assert.equal(mayHoldMention(index, text), true, text);
  });

  it('records the same given the whole text model shape', () => {
    fc.assert(
      fc.property(mentionish, (text) => {
        assert.equal(mentions(text, modelShape(text)), mentions(text), text);
      }),
      { numRuns: 1000 },
    );
  });
});
