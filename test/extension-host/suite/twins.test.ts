// A region switch moves every literal of the resource that names the region, through the real quick fix; when one
// of them cannot move (an ARN naming an account's resource), no switch is offered and the hover says why.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { bundledDataset } from '../../../src/core/data/bundled';
import { regionKey } from '../../../src/core/data/dataset';
import type { Region } from '../../../src/core/data/schema';
import * as engine from '../../../src/extension/engine';
import { applyRegionEdit } from '../../../src/extension/leaderboard/leaderboardPanel';
import { activateGridLens, applyCodeAction, codeActions, hoverTexts, openFixture, positionOf, revertAll, waitFor } from '../helpers';

const switchesAt = async (document: vscode.TextDocument, needle: string) => {
  const at = positionOf(document, needle, needle.length + 1);
  return (await codeActions(document.uri, new vscode.Range(at, at.translate(0, 2)))).filter((a) => a.title.startsWith('Switch to'));
};

const preferredSwitch = (document: vscode.TextDocument, needle: string) =>
  waitFor(`a switch at ${needle}`, async () => (await switchesAt(document, needle)).find((a) => a.isPreferred));

describe('region switch with twins', () => {
  before(activateGridLens);
  afterEach(revertAll);

  it('Bicep: the quick fix moves the location, the display-name tag and the endpoint host of the account, not its name', async () => {
    const document = await openFixture('editor/twins/azure/main.bicep');
    const fix = await preferredSwitch(document, "location: '");
    const target = /^Switch to ([a-z0-9]+):/.exec(fix.title)?.[1] as string;
    assert.match(fix.title, /\(3 places in this resource\)$/);
    const after = await applyCodeAction(document, fix);
    assert.ok(after.includes(`location: '${target}'`), after);
    assert.ok(after.includes(`endpoint: 'https://${target}.api.cognitive.microsoft.com/'`), after);
    assert.doesNotMatch(after, /'East US'|location: 'eastus'|\/\/eastus\./, 'a twin was left behind');
    assert.ok(after.includes("name: 'chat-eastus-openai'"), 'the account name is an identity, not a location');
  });

  it('.env: the quick fix moves AWS_DEFAULT_REGION and the Bedrock endpoint with AWS_REGION, not the comment', async () => {
    const document = await openFixture('editor/twins/bedrock/.env');
    const fix = await preferredSwitch(document, 'AWS_REGION=');
    const target = /^Switch to ([a-z0-9-]+):/.exec(fix.title)?.[1] as string;
    const after = await applyCodeAction(document, fix);
    assert.deepStrictEqual(after.split('\n').slice(1, 4), [
      `AWS_REGION=${target}`,
      `AWS_DEFAULT_REGION=${target}`,
      `BEDROCK_ENDPOINT=https://bedrock-runtime.${target}.amazonaws.com`,
    ]);
    assert.match(after.split('\n')[0], /^# The SDK reads AWS_REGION/);
  });

  it('.env beside a table ARN in the region: no switch, and the hover says which ARN pins it', async () => {
    const document = await openFixture('editor/twins/pinned/.env');
    const at = positionOf(document, 'AWS_REGION=', 12);
    const raw = await waitFor('the region hover', async () => (await hoverTexts(document.uri, at)).find((t) => t.includes('gCO2e/kWh')));
    const hover = raw.replace(/\\(.)/g, '$1'); // the hover's Markdown escapes
    assert.match(
      hover,
      /No switch offered: arn:aws:dynamodb:us-east-1:111122223333:table\/sessions names a resource of account 111122223333 in us-east-1/,
    );
    assert.doesNotMatch(hover, /command:gridlens\.switchRegion/);
    assert.deepStrictEqual(
      (await switchesAt(document, 'AWS_REGION=')).map((a) => a.title),
      [],
    );
  });

  it("the leaderboard's 'use this region' moves the twins too, and refuses beside a table ARN", async () => {
    const index = bundledDataset();
    const oregon = index.regions.get(regionKey('aws', 'us-west-2')) as Region;
    const contextAt = (document: vscode.TextDocument) => {
      const start = positionOf(document, 'AWS_REGION=', 'AWS_REGION='.length);
      return {
        uri: document.uri,
        range: new vscode.Range(start, start.translate(0, 'us-east-1'.length)),
        provider: 'aws' as const,
        currentRegion: 'us-east-1',
      };
    };
    const twins = await openFixture('editor/twins/bedrock/.env');
    const used = await applyRegionEdit(contextAt(twins), oregon, { engine, index });
    assert.strictEqual(used.applied, true, used.message);
    assert.match(used.message ?? '', /and 2 more in the same resource/);
    assert.deepStrictEqual(twins.getText().split('\n').slice(1, 4), [
      'AWS_REGION=us-west-2',
      'AWS_DEFAULT_REGION=us-west-2',
      'BEDROCK_ENDPOINT=https://bedrock-runtime.us-west-2.amazonaws.com',
    ]);

    const pinned = await openFixture('editor/twins/pinned/.env');
    const before = pinned.getText();
    const refused = await applyRegionEdit(contextAt(pinned), oregon, { engine, index });
    assert.strictEqual(refused.applied, false);
    assert.match(refused.message ?? '', /names a resource of account 111122223333/);
    assert.strictEqual(pinned.getText(), before);
  });
});
