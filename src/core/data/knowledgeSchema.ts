// The shape of data/knowledge.yaml: what the scanner knows about SDKs, IaC resources and platform spellings.
// scripts/compile-data.ts checks the YAML against it (file:line:col on every problem) before writing
// build/knowledge.json, which the detectors import.
import * as z from 'zod';

/** Where a model runs, as the scanner's anchors say it (facts.ts `Platform`, less `router`). */
export const KnowledgePlatform = z.enum(['bedrock', 'vertex', 'azure-openai', 'provider-managed', 'self-hosted']);
export type KnowledgePlatform = z.infer<typeof KnowledgePlatform>;

const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'environment variable names are UPPER_SNAKE_CASE');
const envNames = z.array(envName).min(1);

export const RouterPrefix = z.strictObject({
  /** Written before the model id and a `/`: `bedrock/converse`, `vertex_ai`, `ollama_chat`. */
  prefix: z.string().regex(/^[a-z][a-z0-9_]*(?:\/[a-z]+)?$/),
  platform: KnowledgePlatform,
  /** The router names repositories and tags (`ollama/llama3:8b`): any such name after it is a model under a model key. */
  openWeight: z.boolean().optional(),
});

export const Knowledge = z.strictObject({
  bedrockGeos: z.array(z.string().regex(/^[a-z]+(?:-[a-z]+)?$/)).min(1),
  routerPrefixes: z.array(RouterPrefix).min(1),
  env: z.strictObject({
    /** Read by the AWS SDKs and the Google Cloud SDKs for their region when code passes none. */
    ambientRegion: z.strictObject({ aws: envNames, gcp: envNames }),
    /** Region variables set beside a model id in one environment (a container, a function), per platform. */
    scopeRegion: z.strictObject({ bedrock: envNames, vertex: envNames, 'azure-openai': envNames }),
  }),
});
export type Knowledge = z.infer<typeof Knowledge>;
