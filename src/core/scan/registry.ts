// The formats GridLens reads, declared once: which file names each detector reads (the cheap sniff: name and
// extension, since a `.tf` file opens as plain text in a bare VS Code and the language id is not enough), the
// language ids and notebook types the editor gives them, the files that make a workspace worth activating for, and
// whether the detector reads one file at a time (scope `file`) or a folder's files together (scope `folder`:
// Terraform modules span files and folders). detectFamily, the editor's document selector and workspace include list
// (src/extension/documentSelector.ts), package.json's activation events (`npm run sync-manifest`) and the scan
// pipeline's batching (pipeline.ts) are all derived from this table; each detector's analyze entry is bound to its
// id in analyze.ts, typed by the scope declared here. Light on purpose: the editor's activation bundle reads it
// without loading the detectors. Content sniffs inside a family (which YAML document is CloudFormation, Actions,
// Compose…) are the family's own detector's (yamlConfig.ts).
import { basename } from './text';
import { terraformModuleJoins } from './terraformModules';

interface Declaration {
  readonly id: string;
  /** File-name globs (`*` is any run of characters; no `/`, no braces), compared without regard to case. */
  readonly names: readonly string[];
  /** Names the globs match that the detector does not read (declarations, not code). */
  readonly except?: readonly string[];
  /** Language ids VS Code (or a common extension) gives these files. */
  readonly languages: readonly string[];
  /** Notebook types whose cells are analysed as this format's files. */
  readonly notebookTypes?: readonly string[];
  /**
   * File-name globs that make a workspace worth activating for at startup (`workspaceContains`): infrastructure whose
   * language id needs another extension (a plain VS Code opens .tf as Plain Text). Every other file activates
   * GridLens when it is opened (`onLanguage`); globbing the workspace for *.json or *.ts would search and activate in
   * almost any project for nothing.
   */
  readonly markers?: readonly string[];
}

interface FileFormat extends Declaration {
  readonly scope: 'file';
}

interface FolderFormat extends Declaration {
  readonly scope: 'folder';
  /**
   * The folders, relative to a file's own, that the file's analysis joins with its own ('all': every folder), read
   * from its raw text. The scan pipeline analyses joined folders' files together, and independent groups apart (on
   * different worker threads in the CLI).
   */
  readonly joins: (text: string) => readonly string[] | 'all';
}

export type FormatDeclaration = FileFormat | FolderFormat;

/** In the order detectFamily tries them: the first format whose names match a file reads it. */
export const FORMATS = [
  {
    id: 'terraform',
    scope: 'folder',
    joins: terraformModuleJoins,
    names: ['*.tf', '*.tfvars', '*.tfvars.example', '*.tfvars.sample', '*.tfvars.template', '*.tfvars.dist'],
    languages: ['terraform', 'hcl', 'terraform-vars'],
    markers: ['*.tf', '*.tfvars'],
  },
  {
    id: 'yaml',
    scope: 'file',
    names: ['*.yaml', '*.yml', '*.yaml.example', '*.yml.example', '*.yaml.sample', '*.yml.sample', '*.yaml.template', '*.yml.template'],
    languages: ['yaml'],
    markers: ['serverless.yml', 'template.yaml', 'litellm*.yaml', 'Pulumi.yaml'],
  },
  {
    id: 'json',
    scope: 'file',
    names: ['*.json', '*.jsonc', '*.json5', '*.template', '.gridlensrc'],
    // (an env file's template, `.env.aws.template`, is an env file: CloudFormation's `*.template` is JSON)
    except: ['.env*'],
    languages: ['json', 'jsonc', 'json5'],
    markers: ['cdk.json'],
  },
  { id: 'toml', scope: 'file', names: ['*.toml'], languages: ['toml'], markers: ['samconfig.toml'] },
  {
    id: 'dotenv',
    scope: 'file',
    names: ['.env', '.env.*', '*.env', 'env.example', 'env.sample', '.envrc', '.flaskenv'],
    languages: ['dotenv'],
    markers: ['.env'],
  },
  { id: 'shell', scope: 'file', names: ['*.sh', '*.bash', '*.zsh', '*.ksh'], languages: ['shellscript'] },
  { id: 'make', scope: 'file', names: ['Makefile', 'GNUmakefile', '*.mk'], languages: ['makefile'] },
  { id: 'docker', scope: 'file', names: ['Dockerfile', 'Containerfile', '*.dockerfile', 'Dockerfile.*'], languages: ['dockerfile'] },
  { id: 'properties', scope: 'file', names: ['*.properties'], languages: ['properties'] },
  // prompt files with a YAML front matter naming their model: Dotprompt (Genkit) and Prompty
  { id: 'prompt', scope: 'file', names: ['*.prompt', '*.prompty'], languages: ['prompty'] },
  { id: 'python', scope: 'file', names: ['*.py', '*.pyi'], languages: ['python'] },
  { id: 'notebook', scope: 'file', names: ['*.ipynb'], languages: [], notebookTypes: ['jupyter-notebook'] },
  {
    id: 'js',
    scope: 'file',
    names: ['*.ts', '*.tsx', '*.js', '*.jsx', '*.mjs', '*.cjs', '*.mts', '*.cts'],
    except: ['*.d.ts'],
    languages: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'],
  },
  { id: 'go', scope: 'file', names: ['*.go'], languages: ['go'] },
  { id: 'java', scope: 'file', names: ['*.java', '*.kt', '*.kts', '*.scala', '*.cs'], languages: ['java', 'kotlin', 'scala', 'csharp'] },
  { id: 'rust', scope: 'file', names: ['*.rs'], languages: ['rust'] },
  { id: 'powershell', scope: 'file', names: ['*.ps1', '*.psm1'], languages: ['powershell'] },
  {
    id: 'bicep',
    scope: 'file',
    names: ['*.bicep', '*.bicepparam'],
    languages: ['bicep', 'bicep-params'],
    markers: ['*.bicep', '*.bicepparam'],
  },
] as const satisfies readonly FormatDeclaration[];

type Declared = (typeof FORMATS)[number];
export type Family = Declared['id'];
/** The scope a family declares, as a type: analyze.ts binds a file or a folder entry to each family by it. */
export type ScopeOf<F extends Family> = Extract<Declared, { id: F }>['scope'];

/** A file-name glob as a whole-name regular expression, case-insensitive. */
function nameGlob(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
}

/** Whole-name expressions of a list of globs as one (undefined for none): one test per family and file. */
function anyGlob(globs: readonly string[]): RegExp | undefined {
  return globs.length ? new RegExp(globs.map((g) => nameGlob(g).source).join('|'), 'i') : undefined;
}

/** What follows a file name's last dot (the whole name without one), in lower case: the key of detectFamily's lookup. */
const extensionOf = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/**
 * The extension (extensionOf) of every name a glob matches, or undefined where names of any extension match
 * (`.env.*`): a name ends with what follows the glob's last `*`, or is the whole glob when it has none.
 */
function extensionOfGlob(glob: string): string | undefined {
  const tail = glob.slice(glob.lastIndexOf('*') + 1);
  return glob.includes('*') && !tail.includes('.') ? undefined : extensionOf(tail);
}

/** In table order, each family's globs that can match a name of this extension (undefined: of any other extension). */
function matchersOf(extension: string | undefined) {
  return FORMATS.flatMap((format) => {
    const names = anyGlob(format.names.filter((glob) => [undefined, extension].includes(extensionOfGlob(glob))));
    return names ? [{ id: format.id as Family, names, except: anyGlob('except' in format ? format.except : []) }] : [];
  });
}

/** The extensions some family's globs name; a name of any other extension is tested against the globs of any extension. */
const globExtensions = new Set(FORMATS.flatMap((format) => format.names.map(extensionOfGlob)));

/**
 * Matchers by file extension, so that a name is tested against the few globs that can match it rather than every
 * family's (the scan asks for each of its files, three times). Made on first use of an extension: building them all
 * at once took 6 ms of the extension's activation.
 */
const byExtension = new Map<string | undefined, ReturnType<typeof matchersOf>>();

function matchersFor(extension: string): ReturnType<typeof matchersOf> {
  const key = globExtensions.has(extension) ? extension : undefined;
  let matchers = byExtension.get(key);
  if (!matchers) byExtension.set(key, (matchers = matchersOf(key)));
  return matchers;
}

/** Which detector reads a file, by its name; undefined when GridLens does not read it. */
export function detectFamily(path: string): Family | undefined {
  const name = basename(path);
  for (const m of matchersFor(extensionOf(name))) if (m.names.test(name) && !m.except?.test(name)) return m.id;
  return undefined;
}

/**
 * The family that reads a file of this text: its name's (detectFamily), but a `*.template` that does not open as JSON
 * does (CloudFormation writes its templates in JSON or YAML; an env file's template is KEY=value lines) is read as
 * what its first line that is no comment says.
 */
export function familyOf(path: string, text: string): Family | undefined {
  const family = detectFamily(path);
  if (family !== 'json' || !/\.template$/i.test(path)) return family;
  const first = /^(?:\s*(?:#[^\n]*)?\n)*\s*(\S.*)?/.exec(text)?.[1] ?? '';
  if (first === '' || first[0] === '{' || first[0] === '[') return family;
  return /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.]*\s*=/.test(first) ? 'dotenv' : 'yaml';
}

/** Whether GridLens reads this file at all. */
export const isScannable = (path: string): boolean => detectFamily(path) !== undefined;

const byId = new Map<Family, FormatDeclaration>(FORMATS.map((format) => [format.id, format]));

/** A family's declaration, typed by its scope. */
export const formatOf = <F extends Family>(family: F): Extract<Declared, { id: F }> => byId.get(family) as Extract<Declared, { id: F }>;

/** Families whose detector reads a folder's files together (every file of theirs in a folder at once), in table order. */
export const folderFamilies = FORMATS.filter((format): format is Extract<Declared, { scope: 'folder' }> => format.scope === 'folder').map(
  (format) => format.id,
);
