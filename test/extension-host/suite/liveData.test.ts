// Live grid intensity in the editor, against the Electricity Maps TEST DOUBLE (test/doubles) on loopback: the key
// set through "GridLens: Set Electricity Maps API Key" (SecretStorage) and gridlens.liveData.enabled make the hover
// show the live reading and its hour; clearing the key brings back the yearly figure with the reason; with the
// setting off nothing reaches the double.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { bundledDataset } from '../../../src/core/data/bundled';
import { regionKey } from '../../../src/core/data/dataset';
import { startElectricityMapsDouble, type ElectricityMapsDouble } from '../../doubles/electricityMapsDouble';
import { activateGridLens, hoverTexts, openFixture, positionOf, revertAll, waitFor } from '../helpers';

const TERRAFORM = 'infra/main.tf';
const zone = bundledDataset().regions.get(regionKey('aws', 'us-east-1'))!.gridZone;

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('gridlens').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('live grid data (Electricity Maps test double)', () => {
  let double: ElectricityMapsDouble;
  before(async () => {
    await activateGridLens();
    double = await startElectricityMapsDouble();
    await setSetting('liveData.baseUrl', double.url);
  });
  after(async () => {
    await setSetting('liveData.enabled', undefined);
    await setSetting('liveData.baseUrl', undefined);
    await vscode.commands.executeCommand('gridlens.clearElectricityMapsKey');
    await revertAll();
    await double.close();
  });

  const regionHover = async (document: vscode.TextDocument, pattern: RegExp) => {
    let last: string[] = [];
    try {
      return await waitFor(`a hover matching ${pattern}`, async () =>
        (last = await hoverTexts(document.uri, positionOf(document, 'us-east-1', 2))).find((t) => pattern.test(t)),
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; the hover said:\n${last.join('\n---\n')}`);
    }
  };

  it('with the key set by the command and the setting on, the hover shows the live reading and its hour; cleared, the yearly figure and why', async () => {
    const document = await openFixture(TERRAFORM);
    await regionHover(document, /gCO2e\/kWh\*\* \(20\d\d, life-cycle, location-based\)/);
    assert.strictEqual(double.requests.size, 0, 'nothing asked while the setting is off');

    double.zones.set(zone, { kind: 'ok', carbonIntensity: 287, datetime: '2026-12-06T03:00:00.000Z' });
    await vscode.commands.executeCommand('gridlens.setElectricityMapsKey', double.token);
    await setSetting('liveData.enabled', true);
    const live = await regionHover(document, /287 gCO2e\/kWh\*\* \(live 2026-12-06 03:00 UTC, life-cycle, location-based\)/);
    assert.match(live, /Live grid intensity: the latest Electricity Maps reading/);
    assert.ok(double.tokensSeen.includes(double.token), 'the key reached the service in the auth-token header');

    await vscode.commands.executeCommand('gridlens.clearElectricityMapsKey');
    const yearly = await regionHover(document, /Live grid data unavailable/);
    assert.match(yearly, /no Electricity Maps API key/);
    assert.match(yearly, /yearly average is shown/);
  });
});
