// Projects inside one workspace: a folder holding a project manifest (package.json, pyproject.toml, cdk.json, …)
// is its own project. A value set in one project never decides where code in a sibling project runs; values set
// at the workspace root or in an enclosing project (a root .env, a CI workflow) still serve the projects under it.
import { basename, dirname } from './text';

// (manifests among the files a scan lists, whether or not they hold anything to report; a SAM template.yaml roots its app)
const manifests = new Set([
  'package.json',
  'pyproject.toml',
  'cargo.toml',
  'cdk.json',
  'samconfig.toml',
  'pulumi.yaml',
  'pulumi.yml',
  'serverless.yml',
  'serverless.yaml',
  'host.json',
  'azure.yaml',
  'template.yaml',
  'template.yml',
]);

export type ProjectOf = (file: string) => string;

/** The project folder of each file: the deepest folder above it (or its own) holding a manifest; '' for the root. */
export function projectRoots(files: Iterable<string>): ProjectOf {
  const roots = new Set<string>();
  for (const f of files) if (manifests.has(basename(f).toLowerCase())) roots.add(dirname(f));
  const byFolder = new Map<string, string>();
  // by file too: pairing asks for the same few thousand files millions of times, and a file's folder is a new string
  // (a new hash) each time
  const byFile = new Map<string, string>();
  return (file) => {
    let root = byFile.get(file);
    if (root !== undefined) return root;
    const folder = dirname(file);
    root = byFolder.get(folder);
    if (root === undefined) {
      root = '';
      for (let d = folder; d; d = dirname(d)) {
        if (roots.has(d)) {
          root = d;
          break;
        }
      }
      byFolder.set(folder, root);
    }
    byFile.set(file, root);
    return root;
  };
}

/** Whether a value defined in `definedIn` may serve code in `readBy`: same project, or a project that encloses it. */
export function serves(projectOf: ProjectOf, definedIn: string, readBy: string): boolean {
  const p = projectOf(definedIn);
  if (p === '') return true;
  const q = projectOf(readBy);
  return q === p || q.startsWith(`${p}/`);
}
