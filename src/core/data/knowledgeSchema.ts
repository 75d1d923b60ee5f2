// The shape of data/knowledge.yaml: what the scanner knows about SDKs, IaC resources and platform spellings.
// scripts/compile-data.ts checks the YAML against it (file:line:col on every problem) before writing
// build/knowledge.json, which the detectors import.
import * as z from 'zod';

/** Where a model runs, as the scanner's anchors say it (facts.ts `Platform`, less `router`). */
export const KnowledgePlatform = z.enum(['bedrock', 'vertex', 'azure-openai', 'provider-managed', 'self-hosted']);
export type KnowledgePlatform = z.infer<typeof KnowledgePlatform>;

const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'environment variable names are UPPER_SNAKE_CASE');
const envNames = z.array(envName).min(1);
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a class, function or keyword name');
const names = z.array(identifier).min(1);
const docs = z.string().url();
const cfnType = z.string().regex(/^[A-Za-z0-9]+(?:::[A-Za-z0-9]+)*(?:::)?$/, 'a CloudFormation type such as AWS::Bedrock::Agent');
const armType = z.string().regex(/^[A-Za-z]+\.[A-Za-z]+(?:\/[A-Za-z]+)+$/, 'an ARM type such as Microsoft.CognitiveServices/accounts');

export const RouterPrefix = z.strictObject({
  /** Written before the model id and a `/`: `bedrock/converse`, `vertex_ai`, `ollama_chat`. */
  prefix: z.string().regex(/^[a-z][a-z0-9_-]*(?:\/[a-z]+)?$/),
  /** What follows the prefix: a `/` (LiteLLM) unless given; `:` for a provider named before the model (`anthropic:claude-…`). */
  separator: z.enum(['/', ':']).optional(),
  platform: KnowledgePlatform,
  /** The router names repositories and tags (`ollama/llama3:8b`): any such name after it is a model under a model key. */
  openWeight: z.boolean().optional(),
});

export const ClientClass = z.strictObject({
  label: z.string().min(1),
  /** Class or factory names, exact. */
  names,
  /**
   * Read only in a file that imports this module: the names are common ones (Agno's `Claude`, LlamaIndex's `Vertex`),
   * or another framework's class by the same name runs elsewhere. Such an entry is asked before one without a module.
   */
  module: z.string().regex(/^[a-z][a-z0-9_.]*$/, 'a Python module').optional(),
  platform: KnowledgePlatform,
  /** Keywords naming the region, the model and (Azure) the deployment. */
  region: names.optional(),
  model: names.optional(),
  deployment: names.optional(),
  /** Positional index of the model, or (Java, .NET) of the region. */
  modelAt: z.number().int().nonnegative().optional(),
  regionAt: z.number().int().nonnegative().optional(),
  /**
   * Keywords whose value holds the region keywords when the call itself has none: a provider object or a settings
   * dictionary, written there or assigned to a name (pydantic-ai's `provider=BedrockProvider(region_name=…)`).
   */
  regionIn: names.optional(),
  /** Keywords whose value holds the model keywords (SageMaker's `env={"HF_MODEL_ID": …}`), as regionIn does the region's. */
  modelIn: names.optional(),
  /** The cloud whose SDK region a client that is given none runs in (a SageMaker endpoint: AWS_REGION, the profile). */
  ambientRegion: z.literal('aws').optional(),
  /**
   * A Google client on google-genai (platform vertex): keywords of its Vertex AI switch, on the call or in a regionIn
   * object. True, a Vertex AI config (an object: LlamaIndex's `vertexai_config`) or a region given: Vertex AI; false:
   * the Gemini API; none of them: GOOGLE_GENAI_USE_VERTEXAI decides (alone, for a class with no such keyword: `[]`).
   */
  vertexSwitch: z.array(identifier).optional(),
  /** Keywords the client does not read: a model written there is a mention (the SDK default runs instead). */
  ignores: names.optional(),
  /** OpenAI-compatible: keywords of the base URL, which may point the client at a self-hosted server. */
  baseUrl: names.optional(),
  /**
   * Keywords of the endpoint URL, whose host may name the region (an Azure resource's regional endpoint): read in the
   * client's own call only, so not words the prefilter looks for.
   */
  endpoint: names.optional(),
  docs,
});

export const ModelCall = z.strictObject({
  label: z.string().min(1),
  /** Method or function names, exact. */
  names,
  platform: KnowledgePlatform.optional(),
  /** Keywords naming the model (none when a builder method takes it positionally). */
  model: z.array(identifier),
  modelAt: z.number().int().nonnegative().optional(),
  /** Only on a receiver ending with one of these (case-insensitive): `create` is a model call on an SDK client only. */
  receiverEndsWith: z.array(z.string().min(1)).min(1).optional(),
  lang: z.enum(['python', 'js', 'go', 'java', 'rust', 'powershell']).optional(),
  /** Made on no SDK client: the call itself says the platform (Semantic Kernel's builder extensions). */
  clientless: z.literal(true).optional(),
  /** Keywords passing the client the model runs on (an agent framework's model class around an OpenAI client). */
  client: names.optional(),
  docs,
});

/**
 * Model constants an SDK exports (Genkit's `gemini15Flash`, `textEmbedding004`): an identifier imported from the
 * module, less its prefix, is the listed model whose id has the same letters and digits (resolveModelConstant).
 */
export const ModelConstants = z.strictObject({
  label: z.string().min(1),
  /** The package the constants are imported from (its subpaths too): an npm package, a Go import path or a Java package. */
  module: z.string().regex(/^(?:@[a-z0-9-]+\/)?[a-z0-9][a-z0-9._/-]*$/, 'a package name'),
  /**
   * What Go and Java code qualifies a constant with: the Go package's name (where the file gives it no alias of its
   * own), the Java class or enum (`OpenAiChatModelName`, `OpenAiApi.ChatModel`). JavaScript imports them by name.
   */
  qualifiers: z.array(z.string().regex(/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/, 'a name, dotted')).min(1).optional(),
  /** What the constants' names begin with before the model (openai-go's `ChatModel` in `ChatModelGPT4o`). */
  namePrefix: z.string().regex(/^[A-Za-z]+$/).optional(),
  /** How the SDK's own model references spell the model, where the prefix says the platform (Genkit's `vertexai/`). */
  refPrefix: z.string().regex(/^[a-z]+\/$/, 'a router prefix and its slash').optional(),
  docs,
});

/**
 * A call given a model whose written prefix says where it runs (LiteLLM's `bedrock/…`, the `provider:model` of LangChain
 * and pydantic-ai), or with the provider named apart; the platform is the prefix's (routerPrefixes).
 */
export const RoutedModelCall = z.strictObject({
  label: z.string().min(1),
  /** Class or function names, exact. */
  names,
  /** Read only in a file that imports this module: the name is a common one (`Agent`, `LLM`, `LM`). */
  module: z.string().regex(/^[a-z][a-z0-9_.]*$/, 'a Python module').optional(),
  /** Keywords naming the model, and its positional place. */
  model: names,
  modelAt: z.number().int().nonnegative().optional(),
  /** Keywords naming the provider apart from the model (`model_provider="bedrock_converse"`), read as its prefix. */
  provider: names.optional(),
  /** Keywords naming the region. */
  region: names.optional(),
  /** Where the call reads a Vertex AI location when it is passed none (default: the Google Cloud SDKs' variables). */
  vertexLocationEnv: envName.optional(),
  /** Where it reads an AWS region before the AWS SDKs' variables, when it is passed none. */
  awsRegionEnv: envName.optional(),
  /** Runs on the client of the model's platform that the file makes (Genkit's plugins), in that client's region. */
  onClient: z.literal(true).optional(),
  /** Calls the model through LiteLLM: LiteLLM's region keywords and variables (`litellm`) are its own. */
  litellm: z.literal(true).optional(),
  docs,
}).refine(
  (c) => !c.litellm || (c.region === undefined && c.vertexLocationEnv === undefined && c.awsRegionEnv === undefined),
  'a call through LiteLLM reads its region as LiteLLM does: no region, vertexLocationEnv or awsRegionEnv of its own',
);

export const TerraformResource = z
  .strictObject({
    label: z.string().min(1),
    platform: z.enum(['bedrock', 'vertex', 'self-hosted']),
    /** Resource (and data source) types, exact, or every type that starts with a prefix. */
    types: names.optional(),
    prefixes: names.optional(),
    /** Attributes naming the model, anywhere in the body; `model keys`: every key that names a model (`model`, `model_id`…). */
    model: z.union([names, z.literal('model keys')]),
    /** Attributes naming the region, first found wins; without one the provider's region applies. */
    region: names.optional(),
    docs,
  })
  .refine((r) => (r.types?.length ?? 0) + (r.prefixes?.length ?? 0) > 0, 'give types or prefixes');

export const CloudFormationResource = z
  .strictObject({
    label: z.string().min(1),
    platform: z.literal('bedrock'),
    /** Resource types (`AWS::Lex::Bot`), exact, or every type that starts with a prefix (`AWS::Bedrock::`). */
    types: z.array(cfnType).min(1).optional(),
    prefixes: z.array(cfnType).min(1).optional(),
    /** Properties naming the model, anywhere under Properties. The region is the stack's. */
    model: names,
    docs,
  })
  .refine((r) => (r.types?.length ?? 0) + (r.prefixes?.length ?? 0) > 0, 'give types or prefixes');

/** A lower-case word of a setting's name, as patterns.ts `words` splits it (`AZURE_OPENAI_LOCATION` → azure openai location). */
const nameWord = z.string().regex(/^[a-z0-9]+$/, 'a lower-case word of a name');

export const PlatformNameWords = z.strictObject({
  platform: z.enum(['bedrock', 'vertex', 'azure-openai']),
  /** A name holding any one of these words. */
  words: z.array(nameWord).min(1),
  /** A name holding every word of a group; `lookFor`: the group's word the prefilter looks for (none: it comes with a region key). */
  together: z
    .array(
      z
        .strictObject({ all: z.array(nameWord).min(2), lookFor: nameWord.optional() })
        .refine((g) => g.lookFor === undefined || g.all.includes(g.lookFor), 'lookFor is one of the group\'s words'),
    )
    .min(1)
    .optional(),
});

/**
 * Each name once (a name listed twice would make the table's answer depend on the order of its entries); `byModule`
 * (clients): once per module that gates it (ClientClass.module) and once without one.
 */
const namedOnce = (entries: ReadonlyArray<{ names: string[]; module?: string }>, ctx: z.RefinementCtx, section: string, byModule = false) => {
  const seen = new Set<string>();
  entries.forEach((entry, i) =>
    entry.names.forEach((name, j) => {
      const key = byModule && entry.module ? `${name} in ${entry.module}` : name;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [section, i, 'names', j], message: `${key} is listed twice` });
      seen.add(key);
    }),
  );
};

export const Knowledge = z.strictObject({
  bedrockGeos: z.array(z.string().regex(/^[a-z]+(?:-[a-z]+)?$/)).min(1),
  bedrockVendors: z.array(z.string().regex(/^[a-z][a-z0-9]*$/)).min(1),
  routerPrefixes: z.array(RouterPrefix).min(1),
  env: z.strictObject({
    /** Read by the AWS SDKs and the Google Cloud SDKs for their region when code passes none. */
    ambientRegion: z.strictObject({ aws: envNames, gcp: envNames }),
    /** Region variables set beside a model id in one environment (a container, a function), per platform. */
    scopeRegion: z.strictObject({ bedrock: envNames, vertex: envNames, 'azure-openai': envNames }),
    /** google-genai: Vertex AI when one of the switches is true, else the Gemini API when one of the keys is set. */
    genaiVertexSwitch: envNames,
    genaiApiKey: envNames,
    /** Claude Code on Vertex AI (its GitHub action too): the first of these set is its region. */
    claudeCodeVertexRegion: envNames,
    /** The CDK's default region of a stack without env.region (the CLI profile's). */
    cdkDefaultRegion: envName,
  }),
  /** Words in a setting's name that say which platform it is for, first entry that fits. */
  platformNameWords: z.array(PlatformNameWords).min(1),
  /** Words in a region setting's name that say it is for something other than inference. */
  nonInferenceNameWords: z.array(nameWord).min(1),
  clients: z.array(ClientClass).min(1),
  modelCalls: z.array(ModelCall).min(1),
  routedModelCalls: z.array(RoutedModelCall).min(1),
  modelConstants: z.array(ModelConstants).min(1),
  aiSdk: z.strictObject({
    providers: names,
    /**
     * Packages whose named exports are providers (`import { fireworks } from '@ai-sdk/fireworks'`): a lower-case name
     * imported from one is a provider, a `create…` one a factory of providers.
     */
    providerPackages: z.array(z.string().regex(/^@?[a-z0-9][a-z0-9._/-]*$/, 'a package name')).min(1),
    providerFactoryPrefixes: names,
    modelMethods: names,
    /** Where the Vertex provider reads its location when none is passed. */
    vertexLocationEnv: envName,
    docs,
  }),
  /** Python agent classes given their model, by the module the file imports (first fit): ADK on Vertex AI, Strands on Bedrock. */
  agents: z
    .array(
      z.strictObject({
        label: z.string().min(1),
        module: z.string().regex(/^[a-z][a-z0-9_.]*$/, 'a Python module'),
        names,
        platform: z.enum(['vertex', 'bedrock']),
        docs,
      }),
    )
    .min(1),
  vertexPretrainedClasses: names,
  /** Modules of the Gemini API's own SDKs: their GenerativeModel calls run on the Gemini API, not on Vertex AI. */
  geminiApiModules: z.array(z.string().regex(/^@?[a-z][a-z0-9_./-]*$/, 'a module name')).min(1),
  /** Providers' own REST hosts: a request to one runs its model there (no region). */
  providerApiHosts: z.array(z.string().regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'a host name')).min(1),
  cdkBedrock: names,
  /** CDK constructs that host a model on SageMaker endpoints of their own. */
  cdkSageMaker: names,
  /** Modules a CDK app imports: a file holding one is read as a stack. */
  cdkModules: z.array(z.string().regex(/^@?[a-z][a-z0-9_-]*(?:\/(?:[a-z][a-z0-9_-]*)?)?$/, 'a module name, a scope or a scoped package')).min(1),
  bedrockServices: z.array(z.string().regex(/^[a-z][a-z-]*$/)).min(1),
  bedrockProcessWords: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).min(1),
  /** LiteLLM: where it reads a Vertex AI location (`vertexLocationEnv`) and an AWS region before boto3's (`awsRegionEnv`) when a call passes none. */
  litellm: z.strictObject({ functions: names, regionKeywords: names, vertexLocationEnv: envName, awsRegionEnv: envName }),
  terraform: z.strictObject({
    resources: z.array(TerraformResource).min(1),
    /** Azure AI accounts: the region of the deployments under them is their `location`. */
    azureAccounts: names,
    /** Azure OpenAI deployments: a model, a SKU, and the account they belong to. */
    azureDeployments: names,
  }),
  cloudformation: z.strictObject({ resources: z.array(CloudFormationResource).min(1) }),
  azure: z.strictObject({
    /** ARM resource types (Bicep, ARM JSON, Terraform azapi) of AI accounts and of the model deployments under them. */
    accountTypes: z.array(armType).min(1),
    deploymentTypes: z.array(armType).min(1),
    /** Azure Verified Modules whose path names an AI account (`br/public:avm/res/cognitive-services/account`). */
    accountModules: z.array(z.string().min(1)).min(1),
  }),
}).superRefine((k, ctx) => {
  namedOnce(k.clients, ctx, 'clients', true);
  namedOnce(k.modelCalls, ctx, 'modelCalls');
  namedOnce(k.routedModelCalls, ctx, 'routedModelCalls');
});
export type Knowledge = z.infer<typeof Knowledge>;
export type ClientClass = z.infer<typeof ClientClass>;
export type ModelCall = z.infer<typeof ModelCall>;
export type RoutedModelCall = z.infer<typeof RoutedModelCall>;
export type TerraformResource = z.infer<typeof TerraformResource>;
export type CloudFormationResource = z.infer<typeof CloudFormationResource>;
