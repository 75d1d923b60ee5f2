// Opt-in live grid intensity in the editor: the Electricity Maps key lives in VS Code's SecretStorage (set and
// cleared by two commands; never in settings, never logged), `gridlens.liveData.enabled` turns it on. When it is off,
// provider() is undefined and nothing touches the network. Readings are cached per zone by the provider (src/live),
// so analyses are refreshed once per cache period to pick up newer readings.
import * as vscode from 'vscode';
import type { IntensityProvider } from '../core/carbon/liveGrid';
import type { SettingsStore } from './config';
import type { Engine } from './engine';

export const SET_KEY_COMMAND = 'gridlens.setElectricityMapsKey';
export const CLEAR_KEY_COMMAND = 'gridlens.clearElectricityMapsKey';
const SECRET_KEY = 'gridlens.electricityMaps.apiKey';
/** How often analyses are redone while live data is on (the provider's reading TTL). */
const REFRESH_MS = 10 * 60_000;

export class LiveData implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private key: Promise<string | undefined> | undefined;
  private current: { token: string | undefined; baseUrl: string; provider: IntensityProvider } | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Fires when figures may change: the key, the setting, or the refresh period. */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly settings: SettingsStore,
    private readonly engine: () => Engine,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      secrets.onDidChange((event) => {
        if (event.key !== SECRET_KEY) return;
        this.key = undefined;
        this.emitter.fire();
      }),
      settings.onDidChange(() => this.schedule()),
      vscode.commands.registerCommand(SET_KEY_COMMAND, (key?: unknown) => this.setKey(typeof key === 'string' ? key : undefined)),
      vscode.commands.registerCommand(CLEAR_KEY_COMMAND, () => this.clearKey()),
    );
    this.schedule();
  }

  get enabled(): boolean {
    return this.settings.settings['liveData.enabled'];
  }

  /** The provider of live readings, or undefined when live data is off. */
  async provider(): Promise<IntensityProvider | undefined> {
    if (!this.enabled) return undefined;
    this.key ??= Promise.resolve(this.secrets.get(SECRET_KEY)).then(undefined, () => undefined);
    const token = await this.key;
    const baseUrl = this.settings.settings['liveData.baseUrl'];
    if (!this.current || this.current.token !== token || this.current.baseUrl !== baseUrl) {
      const provider = this.engine().liveIntensityProvider({ token, baseUrl }, `run "GridLens: Set Electricity Maps API Key"`);
      this.current = { token, baseUrl, provider };
      this.log.info(
        `Live grid data on (${token ? 'key set' : 'no key: yearly figures, flagged'}; ${baseUrl || 'public Electricity Maps API'}).`,
      );
    }
    return this.current.provider;
  }

  private async setKey(given: string | undefined): Promise<void> {
    const key = (
      given ??
      (await vscode.window.showInputBox({
        title: 'Electricity Maps API key',
        prompt: 'Stored in VS Code secret storage, never in settings. Used only when gridlens.liveData.enabled is on.',
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() === '' ? 'Enter the key, or press Escape to cancel.' : undefined),
      }))
    )?.trim();
    if (!key) return;
    await this.secrets.store(SECRET_KEY, key);
    this.log.info('Electricity Maps API key stored in secret storage.');
    if (this.enabled) {
      void vscode.window.showInformationMessage('GridLens: Electricity Maps API key stored. Figures now use live grid intensity.');
      return;
    }
    // not awaited: the command is done once the key is stored, whether or not the offer is answered
    void vscode.window
      .showInformationMessage('GridLens: Electricity Maps API key stored. Use live grid intensity now?', 'Enable live data')
      .then((choice) =>
        choice
          ? vscode.workspace.getConfiguration('gridlens').update('liveData.enabled', true, vscode.ConfigurationTarget.Global)
          : undefined,
      );
  }

  private async clearKey(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.log.info('Electricity Maps API key removed from secret storage.');
    void vscode.window.showInformationMessage('GridLens: Electricity Maps API key cleared.');
  }

  /** Refreshes analyses once per reading TTL while live data is on. */
  private schedule(): void {
    if (this.enabled && !this.timer) this.timer = setInterval(() => this.emitter.fire(), REFRESH_MS);
    if (!this.enabled && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
