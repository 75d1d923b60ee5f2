// Keys of the named values one file defines and another reads (facts.ts `symbols`, Ref `symbol`). A key is a string
// at run time (facts travel between worker threads as plain data) but only this module builds one: producers and
// consumers of a symbol call the same constructor, so a typo cannot split a definition from its readers.

declare const symbolKeyBrand: unique symbol;
/** A symbol key; build one with the constructors below. */
export type SymbolKey = string & { readonly [symbolKeyBrand]: true };

const key = (text: string) => text as SymbolKey;

/** The folder a template parameter is passed to when the deploy command's template is not known: every folder. */
export const anyFolder = '*';

export const symbolKey = {
  /** The region a CloudFormation/SAM stack of a folder is deployed to (AWS::Region; samconfig.toml sets it). */
  stackRegion: (folder: string) => key(`cfn:${folder}:region`),
  /** A CloudFormation parameter of the folder's template (samconfig.toml parameter_overrides set it). */
  stackParameter: (folder: string, name: string) => key(`cfn:${folder}:param:${name}`),
  /**
   * A parameter of the folder's Bicep/ARM template, set by a .bicepparam, a parameters.json or a deploy command;
   * `anyFolder` when the command's template is not known.
   */
  templateParameter: (folder: string, name: string) => key(`bicep:${folder}:param:${name}`),
  /** A param of one .bicep file, set by the module calls that use the file. */
  moduleParameter: (file: string, name: string) => key(`bicep-module:${file}:param:${name}`),
  /**
   * The location of an Azure AI account a script makes (`az cognitiveservices account create -n <name> -l <location>`);
   * by its name, or (for a deployment made on an account whose name the script does not spell) any account the same
   * script makes (`script`), else any account a script of the workspace makes (neither).
   */
  azureAccountLocation: (by: { name: string } | { script: string } | 'any') =>
    key(`azure:account:${by === 'any' ? '*' : 'name' in by ? `name:${by.name}` : `script:${by.script}`}:location`),
  /** resourceGroup().location: a deployment script that creates the resource group decides it. */
  resourceGroupLocation: key('azure:resource-group-location'),
  /** The region of a CDK stack written in one language (`Stack.of(this).region`), set by the app's `env`. */
  cdkStackRegion: (lang: string) => key(`cdk:${lang}:region`),
  /** A value of cdk.json's context, which the app reads with `node.tryGetContext(name)`. */
  cdkContext: (name: string) => key(`cdk:context:${name}`),
  /**
   * A module-level constant (`MODEL_ID`) another module of the project may define; with `module` (a Python module's
   * path, `utils/constants`, or a path ending it), a setting in lower case (`model`) only that module defines.
   */
  moduleConstant: (name: string, module?: string) => key(`const:${module === undefined ? '' : `${module}:`}${name}`),
  /** A field of a settings object or class (`config.model_id`, `Settings.region`), `path` dot-separated. */
  objectMember: (owner: string, path: string) => key(`member:${owner}.${path}`),
  /**
   * What the calls of a function or class defined in the workspace pass for one of its parameters (`GeminiClient(…,
   * settings.location)` for `def __init__(self, project, location)`): `param` is the keyword, `#i` the i-th positional
   * argument, `#i.key` an entry of an object passed there (a destructured parameter).
   */
  callArgument: (callee: string, param: string, module?: string) =>
    key(`arg:${module === undefined ? '' : `${module}:`}${callee}:${param}`),
  /** The regions of Bedrock clients made with an explicit region (calls in other modules use them). */
  bedrockClientRegion: key('client:bedrock:region'),
  /**
   * Where an app's plugin object runs (Genkit's `vertexAI({ location })`), made once in one module: the model
   * references other modules make on it (`vertexAI.model('…')`) run there.
   */
  pluginRegion: (name: string) => key(`plugin:${name}:region`),
  /**
   * Where a client or AI SDK provider made with a region runs, kept under a module-level name other modules import
   * (`export const vertexAI = new VertexAI({ location })`, `export const vertex = createVertex({ location })`); with
   * `module`, the one that module (its path without extension, `src/lib/vertex`) makes.
   */
  clientRegion: (name: string, module?: string) => key(`client:named:${module === undefined ? '' : `${module}:`}${name}`),
  /**
   * A client kept under a module-level name other modules import (`client = AzureOpenAI(…)`): a chain whose platform
   * is the client's and whose end is where it runs; with `module`, the one that module makes.
   */
  clientKind: (name: string, module?: string) => key(`client:kind:${module === undefined ? '' : `${module}:`}${name}`),
  /**
   * A Spring Boot property an application's configuration file sets (`aws.region` in application.yml), which
   * `@Value("${aws.region}")` injects; keyed as Spring's relaxed binding reads it (case, `-` and `_` aside).
   */
  springProperty: (property: string) => key(`spring:${property.toLowerCase().replace(/[-_]/g, '')}`),
  /** The location `vertexai.init` sets for the project's process: Vertex AI calls of other modules run there. */
  vertexInit: key('vertex:init:location'),
  /** Where google-genai clients configured in code run (Vertex AI location, or the Gemini API with a key). */
  genaiClientRegion: key('client:genai:region'),
  /** What a reusable GitHub Actions workflow gets for one of its inputs: its callers' `with:`, else its default. */
  workflowInput: (file: string, input: string) => key(`ci:${file}:input:${input}`),
  /** Where a LiteLLM proxy runs the model it serves under a model_name (what clients of the proxy ask for). */
  litellmAlias: (alias: string) => key(`litellm:alias:${alias}`),
} as const;

/**
 * The same template parameter passed for any folder (`bicep:*:param:location`), which defines it in every folder too;
 * undefined for other keys and for the any-folder key itself.
 */
export function anyFolderParameter(of: SymbolKey): SymbolKey | undefined {
  const m = /^bicep:([^:]*):param:(.*)$/s.exec(of);
  return m && !m[1].startsWith(anyFolder) ? symbolKey.templateParameter(anyFolder, m[2]) : undefined;
}
