// `gridlens` starts from V8's code cache: dist/cli.js is a launcher that compiles the CLI's bundle (dist/cliMain.js)
// with the bytecode `node esbuild.js` cached next to it (dist/cliMain.cache) and runs it as its own module. Compiling
// the bundle and running its module code took 30 ms of the 140 ms of CPU of a scan of an empty folder (70 ms: Node
// itself); from the cache, a few. Node 20 has no compile cache of its own (module.enableCompileCache came in Node 22).
// V8 rejects a cache made by another V8 or with other flags: the bundle then compiles as it would without one.
import { readFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * How the last line of a bundle with a code cache begins; the line (the SHA-256 of the bundle as esbuild wrote it)
 * also begins the cache file. V8 itself checks only the source's length: a bundle rebuilt without a new cache (esbuild.js
 * --watch writes none) would otherwise run the old bundle's code. Checked so rather than by hashing the bundle at
 * every start, which cost more than the cache saves (node:crypto took 3-8 ms to load).
 */
const CACHE_KEY = '//# codeCacheKey=';

/** V8's cached data for `source` (the text of `bundle`), if its cache file was made for this bundle. */
function cachedDataFor(bundle: string, source: string): Buffer | undefined {
  const at = source.lastIndexOf(CACHE_KEY);
  if (at < 0) return undefined;
  const key = source.slice(at);
  let cache: Buffer;
  try {
    cache = readFileSync(bundle.replace(/\.js$/, '.cache'));
  } catch {
    return undefined; // compiled as usual
  }
  return cache.toString('latin1', 0, key.length) === key ? cache.subarray(key.length) : undefined;
}

/** `bundle` compiled, from its code cache when there is one for it and V8 accepts it (`cached`). */
export function compileBundle(bundle: string): { script: Script; cached: boolean } {
  const source = readFileSync(bundle, 'utf8');
  const cachedData = cachedDataFor(bundle, source);
  const script = new Script(wrap(source), { filename: bundle, cachedData });
  return { script, cached: cachedData !== undefined && script.cachedDataRejected === false };
}

/**
 * Runs `bundle` (a CommonJS file) as the module `launcher`, the launcher's own: `require.main === module` holds in
 * the bundle when the launcher is the process's main module, and its __dirname is the launcher's folder.
 */
export function runBundle(bundle: string, launcher: NodeJS.Module): void {
  const run = compileBundle(bundle).script.runInThisContext() as (...args: unknown[]) => void;
  run.call(launcher.exports, launcher.exports, createRequire(bundle), launcher, bundle, dirname(bundle));
}
