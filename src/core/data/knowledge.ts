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

type RouterPrefix = Knowledge['routerPrefixes'][number];
const routerByWritten = new Map<string, RouterPrefix>(knowledge.routerPrefixes.map((r) => [`${r.prefix}/`, r]));
const routerPattern = new RegExp(`^(?:${alternation([...routerByWritten.keys()])})`, 'i');

/** The router prefix a model id starts with (`bedrock/converse/`, `ollama_chat/`), case-insensitively, and its entry. */
export function routerPrefixOf(text: string): { written: string; router: RouterPrefix } | undefined {
  const written = routerPattern.exec(text)?.[0];
  const router = written === undefined ? undefined : routerByWritten.get(written.toLowerCase());
  return written === undefined || !router ? undefined : { written, router };
}
