// Spring AI reads its provider from the property prefix (docs.spring.io/spring-ai/reference): the model under
// spring.ai.openai.* runs at OpenAI, under spring.ai.bedrock.* on Bedrock. Google GenAI is the Gemini API with an
// api-key and Vertex AI with a project and location.
import type { Platform } from './facts';

const prefixes: Array<[RegExp, Platform]> = [
  [/^spring\.ai\.(openai|anthropic|mistralai|deepseek|minimax|moonshot|zhipuai|huggingface)\./, 'provider-managed'],
  [/^spring\.ai\.azure\.openai\./, 'azure-openai'],
  [/^spring\.ai\.bedrock\./, 'bedrock'],
  [/^spring\.ai\.vertex\.ai\./, 'vertex'],
  [/^spring\.ai\.ollama\./, 'self-hosted'],
];

/**
 * The platform a Spring AI property's model runs on, from its prefix; null for other spring.ai properties (vector
 * stores, chat memory); undefined outside spring.ai.
 */
export function springAiPlatform(path: readonly string[], keys: ReadonlySet<string>): Platform | null | undefined {
  const key = path.join('.');
  if (key.startsWith('spring.ai.google.genai.')) {
    const apiKey = [...keys].some((k) => /^spring\.ai\.google\.genai\.(?:[a-z]+\.)?api-key$/.test(k));
    const vertex = [...keys].some((k) => /^spring\.ai\.google\.genai\.(?:[a-z]+\.)?(project-id|location)$/.test(k));
    return apiKey && !vertex ? 'provider-managed' : 'vertex';
  }
  return prefixes.find(([re]) => re.test(key))?.[1] ?? (key.startsWith('spring.ai.') ? null : undefined);
}
