// The typed settings facade: `gridlens.*` is read once per change, validated with zod, and handed to features
// as a plain object. An invalid value produces one warning naming the setting and falls back to its default.
import * as vscode from 'vscode';
import * as z from 'zod';
import { ProviderId } from '../core/data/schema';

const severity = z.enum(['hint', 'information', 'warning']);

const settingsSchema = {
  'jurisdiction.policy': z.enum(['same', 'any', 'list']).default('same'),
  'jurisdiction.allowed': z.array(z.string().min(2)).default([]),
  providers: z.array(ProviderId).default([]),
  'home.region': z.string().default(''),
  'home.coordinates': z.string().regex(/^\s*$|^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, 'expected "latitude,longitude"').default(''),
  'home.maxDistanceKm': z.number().positive().nullable().default(null),
  minSavingsPercent: z.number().min(0).max(100).default(30),
  'diagnostics.enabled': z.boolean().default(true),
  'diagnostics.severity': severity.default('hint'),
  'diagnostics.escalateAboveGPerKWh': z.number().nonnegative().nullable().default(null),
  'diagnostics.escalatedSeverity': severity.default('information'),
  'inlayHints.enabled': z.boolean().default(true),
  gridYear: z.number().int().nullable().default(null),
  includeEmbodied: z.boolean().default(false),
  monthlyOutputTokensMillions: z.number().nonnegative().default(0),
  exclude: z.array(z.string()).default([]),
  maxFileSizeKB: z.number().int().positive().default(2048),
} as const;

type SettingKey = keyof typeof settingsSchema;
export type Settings = { readonly [K in SettingKey]: z.output<(typeof settingsSchema)[K]> };

export const SECTION = 'gridlens';

/** Reads and validates every setting; reports each invalid one through `warn` and uses its default. */
export function readSettings(scope: vscode.ConfigurationScope | undefined, warn: (message: string) => void): Settings {
  const configuration = vscode.workspace.getConfiguration(SECTION, scope);
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(settingsSchema) as Array<[SettingKey, z.ZodType]>) {
    const raw = configuration.get(key);
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      settings[key] = parsed.data;
    } else {
      warn(`Setting "${SECTION}.${key}" is invalid (${parsed.error.issues[0]?.message ?? 'unexpected value'}); using the default.`);
      settings[key] = schema.parse(undefined);
    }
  }
  return settings as Settings;
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
