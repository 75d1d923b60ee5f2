// The typed settings facade: `gridlens.*` is read once per change, validated, and handed to features as a plain
// object. An invalid value produces one warning naming the setting and falls back to its default. The checks are
// written out rather than zod schemas: settings are read at activation, and building zod schemas costs more than the
// rest of activation together.
import * as vscode from 'vscode';
import { providerIds } from '../core/data/providerIds';
import type { ProviderId } from '../core/data/schema';

const policies = ['same', 'any', 'list'] as const;
const severities = ['hint', 'information', 'warning'] as const;
/** What headline figures count (core's CarbonBasis): usage + embodied, or usage only. */
const bases = ['total', 'usage'] as const;
type Severity = (typeof severities)[number];

export interface Settings {
  readonly 'jurisdiction.policy': (typeof policies)[number];
  readonly 'jurisdiction.allowed': string[];
  readonly providers: ProviderId[];
  readonly 'home.region': string;
  readonly 'home.coordinates': string;
  readonly 'home.maxDistanceKm': number | null;
  readonly minSavingsPercent: number;
  readonly 'diagnostics.enabled': boolean;
  readonly 'diagnostics.severity': Severity;
  readonly 'diagnostics.escalateAboveGPerKWh': number | null;
  readonly 'diagnostics.escalatedSeverity': Severity;
  readonly 'inlayHints.enabled': boolean;
  readonly gridYear: number | null;
  readonly 'carbon.basis': (typeof bases)[number];
  readonly monthlyOutputTokensMillions: number;
  readonly exclude: string[];
  readonly maxFileSizeKB: number;
  readonly 'liveData.enabled': boolean;
  readonly 'liveData.baseUrl': string;
}

/** Why a value does not fit, or undefined when it does. */
type Check = (value: unknown) => string | undefined;

const flag: Check = (value) => (typeof value === 'boolean' ? undefined : 'expected true or false');
const oneOf =
  (values: readonly string[]): Check =>
  (value) =>
    values.includes(value as string) ? undefined : `expected one of ${values.map((v) => `"${v}"`).join(', ')}`;
const text =
  (pattern?: RegExp, expected = 'text'): Check =>
  (value) =>
    typeof value === 'string' && (!pattern || pattern.test(value)) ? undefined : `expected ${expected}`;
const nullable =
  (check: Check): Check =>
  (value) =>
    value === null ? undefined : check(value);

function number(bounds: { min?: number; above?: number; max?: number; whole?: boolean } = {}): Check {
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
    if (bounds.whole && !Number.isInteger(value)) return 'expected a whole number';
    if (bounds.min !== undefined && value < bounds.min) return `expected at least ${bounds.min}`;
    if (bounds.above !== undefined && value <= bounds.above) return `expected more than ${bounds.above}`;
    if (bounds.max !== undefined && value > bounds.max) return `expected at most ${bounds.max}`;
    return undefined;
  };
}

function listOf(item: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return 'expected a list';
    for (const [i, entry] of value.entries()) {
      const problem = item(entry);
      if (problem) return `item ${i + 1}: ${problem}`;
    }
    return undefined;
  };
}

/** Each setting's default (as in package.json) and check. */
const rules: { readonly [K in keyof Settings]: { fallback: Settings[K]; check: Check } } = {
  'jurisdiction.policy': { fallback: 'same', check: oneOf(policies) },
  'jurisdiction.allowed': { fallback: [], check: listOf(text(/^.{2,}$/s, 'a jurisdiction (2 letters or more)')) },
  providers: { fallback: [], check: listOf(oneOf(providerIds)) },
  'home.region': { fallback: '', check: text() },
  'home.coordinates': { fallback: '', check: text(/^\s*$|^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, '"latitude,longitude"') },
  'home.maxDistanceKm': { fallback: null, check: nullable(number({ above: 0 })) },
  minSavingsPercent: { fallback: 30, check: number({ min: 0, max: 100 }) },
  'diagnostics.enabled': { fallback: true, check: flag },
  'diagnostics.severity': { fallback: 'hint', check: oneOf(severities) },
  'diagnostics.escalateAboveGPerKWh': { fallback: null, check: nullable(number({ min: 0 })) },
  'diagnostics.escalatedSeverity': { fallback: 'information', check: oneOf(severities) },
  'inlayHints.enabled': { fallback: true, check: flag },
  gridYear: { fallback: null, check: nullable(number({ whole: true })) },
  'carbon.basis': { fallback: 'total', check: oneOf(bases) },
  monthlyOutputTokensMillions: { fallback: 0, check: number({ min: 0 }) },
  exclude: { fallback: [], check: listOf(text()) },
  maxFileSizeKB: { fallback: 2048, check: number({ whole: true, above: 0 }) },
  'liveData.enabled': { fallback: false, check: flag },
  'liveData.baseUrl': { fallback: '', check: text(/^$|^https?:\/\/\S+$/, 'an http(s) URL, or empty for the public API') },
};

export const SECTION = 'gridlens';

/** Reads and validates every setting; reports each invalid one through `warn` and uses its default. */
export function readSettings(scope: vscode.ConfigurationScope | undefined, warn: (message: string) => void): Settings {
  const configuration = vscode.workspace.getConfiguration(SECTION, scope);
  const settings: Record<string, unknown> = {};
  for (const [key, { fallback, check }] of Object.entries(rules)) {
    const raw = configuration.get(key);
    const problem = raw === undefined ? undefined : check(raw);
    if (problem) warn(`Setting "${SECTION}.${key}" is invalid (${problem}); using the default.`);
    settings[key] = raw === undefined || problem ? fallback : raw;
  }
  return settings as unknown as Settings;
}

/** Tracks the settings: parsed once per change, one warning per distinct problem, listeners told after. */
export class SettingsStore implements vscode.Disposable {
  private current: Settings;
  private readonly warned = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<Settings>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.current = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      this.current = this.read();
      this.emitter.fire(this.current);
    });
  }

  get settings(): Settings {
    return this.current;
  }

  private read(): Settings {
    return readSettings(undefined, (message) => {
      this.log.warn(message);
      if (this.warned.has(message)) return;
      this.warned.add(message);
      void vscode.window.showWarningMessage(`GridLens: ${message}`);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
