// The scanner's knowledge catalogue, compiled from data/knowledge.yaml by scripts/compile-data.ts (which checks it
// against knowledgeSchema.ts) and bundled by esbuild, plus the lookups several detectors share.
import raw from '../../../build/knowledge.json';
import type { Knowledge } from './knowledgeSchema';

export const knowledge = raw as Knowledge;

/** A regular-expression alternation of literal words, longest first (`us-gov` before `us`). */
export function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|');
}

/** `us|eu|apac|…`: the geographies of Bedrock cross-region inference profiles, for building patterns. */
export const bedrockGeoAlternation = alternation(knowledge.bedrockGeos);

/** `anthropic|meta|…`: the vendors of Bedrock model ids (`vendor.model-v1:0`), for building patterns. */
export const bedrockVendorAlternation = alternation(knowledge.bedrockVendors);

type RouterPrefix = Knowledge['routerPrefixes'][number];
const routerByWritten = new Map<string, RouterPrefix>(knowledge.routerPrefixes.map((r) => [`${r.prefix}${r.separator ?? '/'}`, r]));
const routerPattern = new RegExp(`^(?:${alternation([...routerByWritten.keys()])})`, 'i');

/**
 * The router prefix a model id starts with (`bedrock/converse/`, `ollama_chat/`, `google_vertexai:`),
 * case-insensitively, and its entry.
 */
export function routerPrefixOf(text: string): { written: string; router: RouterPrefix } | undefined {
  const written = routerPattern.exec(text)?.[0];
  const router = written === undefined ? undefined : routerByWritten.get(written.toLowerCase());
  return written === undefined || !router ? undefined : { written, router };
}

/** A lookup of entries listed by exact type or by type prefix: the exact type first, else the first prefix that fits. */
export function byType<T extends { types?: string[]; prefixes?: string[] }>(entries: readonly T[]): (type: string) => T | undefined {
  const exact = new Map(entries.flatMap((e) => (e.types ?? []).map((type) => [type, e] as const)));
  const prefixes = entries.flatMap((e) => (e.prefixes ?? []).map((prefix) => [prefix, e] as const));
  return (type) => exact.get(type) ?? prefixes.find(([prefix]) => type.startsWith(prefix))?.[1];
}

/** Whether an ARM type (`Microsoft.CognitiveServices/accounts`, an `@api-version` ignored) is one of these, in any case. */
export function isArmType(type: string, types: readonly string[]): boolean {
  const name = type.split('@')[0].toLowerCase();
  return types.some((t) => t.toLowerCase() === name);
}
