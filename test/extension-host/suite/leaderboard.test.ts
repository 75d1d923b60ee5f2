// The leaderboard's host side in a real extension host: the command opens one webview panel (and reveals it
// again with a finding's context or a link's model and region), the finding context is read from every form a
// command argument can take, and 'use this region' replaces exactly the finding's range, only while it still
// holds the old text.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { bundledDataset } from '../../../src/core/data/bundled';
import { regionKey } from '../../../src/core/data/dataset';
import type { Region } from '../../../src/core/data/schema';
import { applyRegionEdit, toLeaderboardContext, type LeaderboardContext } from '../../../src/extension/leaderboard/leaderboardPanel';
import { LEADERBOARD_COMMAND, VIEW_TYPE } from '../../../src/webview/leaderboard/protocol';
import { activateGridLens, fixtureUri, openFixture, positionOf, revertAll, waitFor } from '../helpers';

const awsRegion = (code: string) => bundledDataset().regions.get(regionKey('aws', code)) as Region;

const TERRAFORM = 'infra/main.tf';

function leaderboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

describe('leaderboard webview (host side)', () => {
  before(activateGridLens);
  afterEach(revertAll);

  it('opens one panel from the command, and reveals the same panel with a finding context or a link focus', async () => {
    await vscode.commands.executeCommand(LEADERBOARD_COMMAND);
    await waitFor('the leaderboard tab', () => leaderboardTabs().length === 1);
    const document = await openFixture(TERRAFORM);
    const start = positionOf(document, 'us-east-1');
    await vscode.commands.executeCommand(LEADERBOARD_COMMAND, {
      uri: document.uri,
      range: new vscode.Range(start, start.translate(0, 9)),
      provider: 'aws',
      currentRegion: 'us-east-1',
    });
    await vscode.commands.executeCommand(LEADERBOARD_COMMAND, { model: 'meta.llama3-1-70b-instruct-v1:0', region: 'us-east-1' });
    await waitFor('the leaderboard tab to be active', () => leaderboardTabs().some((tab) => tab.isActive));
    assert.strictEqual(leaderboardTabs().length, 1, 'a second panel was opened');
  });

  it('reads a finding context from Uri and Range objects and from their JSON forms', () => {
    const uri = fixtureUri(TERRAFORM);
    const expected = new vscode.Range(12, 12, 12, 21);
    const finding = { provider: 'aws', currentRegion: 'us-east-1' };
    const objects = { uri, range: expected, ...finding };
    const forms: unknown[] = [
      objects,
      JSON.parse(JSON.stringify(objects)),
      { uri: uri.toString(), range: [12, 12, 12, 21], ...finding },
      [{ uri: uri.toString(), range: { start: { line: 12, character: 12 }, end: { line: 12, character: 21 } }, ...finding }],
    ];
    for (const form of forms) {
      const context = toLeaderboardContext(form);
      assert.ok(context, `not read: ${JSON.stringify(form)}`);
      assert.strictEqual(context.uri.toString(), uri.toString());
      assert.ok(context.range.isEqual(expected));
      assert.deepStrictEqual([context.provider, context.currentRegion], ['aws', 'us-east-1']);
    }
    assert.strictEqual(toLeaderboardContext({ uri: uri.toString(), range: [1, 2], provider: 'aws', currentRegion: 'x' }), undefined);
    assert.strictEqual(toLeaderboardContext({ model: 'x', region: 'us-east-1' }), undefined);
  });

  it("'use this region' replaces exactly the finding's range, and refuses once the text there has changed", async () => {
    const document = await openFixture(TERRAFORM);
    const start = positionOf(document, '"us-east-1"', 1);
    const context: LeaderboardContext = {
      uri: document.uri,
      range: new vscode.Range(start, start.translate(0, 'us-east-1'.length)),
      provider: 'aws',
      currentRegion: 'us-east-1',
    };
    const before = document.getText();

    const first = await applyRegionEdit(context, awsRegion('eu-north-1'));
    assert.strictEqual(first.applied, true, first.message);
    assert.strictEqual(document.getText(), before.replace('region = "us-east-1"', 'region = "eu-north-1"'));

    const stale = await applyRegionEdit(context, awsRegion('eu-west-1'));
    assert.strictEqual(stale.applied, false);
    assert.match(stale.message ?? '', /expected 'us-east-1'/);
    assert.strictEqual(document.getText(), before.replace('region = "us-east-1"', 'region = "eu-north-1"'));

    const outside = await applyRegionEdit({ ...context, range: new vscode.Range(10_000, 0, 10_000, 9) }, awsRegion('eu-west-1'));
    assert.strictEqual(outside.applied, false);
  });
});
