// Suppression: a `gridlens-ignore` comment on the line or the line above, a workspace `.gridlensignore` with
// glob patterns, and folders skipped by default (dependencies, build output, vendored code, test fixtures).
import { lineStarts, positionIn } from './text';
import type { Finding } from './types';

const marker = /gridlens-ignore(?!-)/;

/** Marks findings on a line carrying `gridlens-ignore`, or right below such a line, as ignored. */
export function applyIgnoreComments(text: string, findings: Finding[]): void {
  // a substring search first: most files hold no marker, and it runs at memory speed where the expression does not
  if (!text.includes('gridlens-ignore') || !marker.test(text)) return;
  const ignoredLines = new Set<number>();
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    const content = text.slice(start, stop);
    if (marker.test(content)) {
      ignoredLines.add(line);
      // a comment alone on its line covers the next line
      if (/^\s*(?:#|\/\/|\/\*|<!--|--|;|\*)/.test(content)) ignoredLines.add(line + 1);
    }
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  if (!ignoredLines.size) return;
  const starts = lineStarts(text);
  // ignoredLines counts from 0
  for (const f of findings) if (ignoredLines.has(positionIn(starts, f.range.start).line - 1)) f.ignored = true;
}

/** Folders skipped unless the user asks for them. */
export const defaultSkips: readonly string[] = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/target/**',
  '**/vendor/**',
  '**/third_party/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/.terraform/**',
  '**/.aws-sam/**',
  '**/cdk.out/**',
  '**/.serverless/**',
  '**/coverage/**',
  '**/.next/**',
  '**/.tox/**',
  '**/site-packages/**',
  '**/test/fixtures/**',
  '**/tests/fixtures/**',
  '**/testdata/**',
  '**/__fixtures__/**',
  '**/__snapshots__/**',
];

/** Test code and its fixtures: model ids and regions there are test data (skipped unless --include-tests). */
export const testSkips: readonly string[] = [
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/spec/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/test_*.py',
  '**/*_test.py',
  '**/*_test.go',
  '**/conftest.py',
  '**/src/test/**',
];

/** Converts a .gitignore-style glob to a RegExp over '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim();
  const anchored = g.startsWith('/') || (g.includes('/') && !g.endsWith('/') && !g.startsWith('**/'));
  g = g.replace(/^\//, '');
  const dirOnly = g.endsWith('/');
  if (dirOnly) g = g.slice(0, -1);
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i);
      if (close > i) {
        re += `[${g.slice(i + 1, close).replace(/^!/, '^')}]`;
        i = close;
      } else re += '\\[';
    } else re += /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return new RegExp(`${prefix}${re}(?:/.*)?$`);
}

export interface IgnoreRules {
  test(path: string): boolean;
}

export interface GlobMatcher extends IgnoreRules {
  /** A run of characters that every path the glob matches holds. */
  readonly holds: string;
}

/** Bounds on a glob's remembered automaton (nodes, and non-ASCII characters per node); past them it still works. */
const MAX_GLOB_NODES = 512;
const MAX_GLOB_EDGES = 256;

type GlobToken =
  | { t: 'char'; c: string }
  | { t: 'any' } // ?: one character but '/'
  | { t: 'class'; test: (c: string) => boolean }
  | { t: 'star' } // *: any run without '/'
  | { t: 'deep' } // ** inside a name: any run, '/' included
  | { t: 'dirs' }; // **/ (and the unanchored start): nothing, or anything ending in '/'

/**
 * The same language as globToRegExp, matched without backtracking: the glob becomes a small automaton run over
 * the path once, so a pattern like `**\/**\/**\/x` or `*a*a*a*a*b` (minutes or hours for the regular expression
 * on a long path) costs at most path length × pattern length. A `.gridlensignore` comes with the workspace, so it
 * is untrusted input. A character class that is not valid (`[z-a]`) makes the pattern match nothing.
 */
export function globMatcher(glob: string): GlobMatcher {
  let g = glob.trim();
  const anchored = g.startsWith('/') || (g.includes('/') && !g.endsWith('/') && !g.startsWith('**/'));
  g = g.replace(/^\//, '');
  if (g.endsWith('/')) g = g.slice(0, -1);
  const tokens: GlobToken[] = anchored ? [] : [{ t: 'dirs' }];
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      tokens.push(slash ? { t: 'dirs' } : { t: 'deep' });
      i += slash ? 2 : 1;
    } else if (c === '*') tokens.push({ t: 'star' });
    else if (c === '?') tokens.push({ t: 'any' });
    else if (c === '[' && g.indexOf(']', i) > i) {
      const close = g.indexOf(']', i);
      let re: RegExp | undefined;
      try {
        // a backslash in a class is a backslash (the regular expression read it as an escape of what follows)
        re = new RegExp(
          `^[${g
            .slice(i + 1, close)
            .replace(/\\/g, '\\\\')
            .replace(/^!/, '^')}]$`,
        );
      } catch {
        return { test: () => false, holds: '' };
      }
      const cls = re;
      tokens.push({ t: 'class', test: (ch) => cls.test(ch) });
      i = close;
    } else tokens.push({ t: 'char', c });
  }
  const END = tokens.length; // then: accepted, or '/' and anything below (a folder's contents)
  const BELOW = END + 1;
  const INSIDE = BELOW + 1; // offset: INSIDE + k is "inside the run of a 'dirs' token k"
  const close = (states: Set<number>): Set<number> => {
    const out = new Set<number>();
    const stack = [...states];
    while (stack.length) {
      const s = stack.pop() as number;
      if (out.has(s)) continue;
      out.add(s);
      if (s < END && tokens[s].t !== 'char' && tokens[s].t !== 'any' && tokens[s].t !== 'class') stack.push(s + 1);
    }
    return out;
  };
  const step = (states: Set<number>, c: string): Set<number> => {
    const next = new Set<number>();
    for (const s of states) {
      if (s >= INSIDE) {
        next.add(s);
        if (c === '/') next.add(s - INSIDE + 1);
        continue;
      }
      if (s === BELOW) next.add(BELOW);
      else if (s === END) {
        if (c === '/') next.add(BELOW);
      } else {
        const token = tokens[s];
        if (token.t === 'char' ? token.c === c : token.t === 'any' ? c !== '/' : token.t === 'class' ? token.test(c) : false)
          next.add(s + 1);
        else if (token.t === 'star' && c !== '/') next.add(s);
        else if (token.t === 'deep') next.add(s);
        else if (token.t === 'dirs') {
          next.add(INSIDE + s);
          if (c === '/') next.add(s + 1);
        }
      }
    }
    return next;
  };
  // The same automaton, determinised as it runs: each set of states met is a node that remembers where each
  // character leads (undefined: not computed yet, null: no state left). A path then costs one lookup per character
  // instead of a set of states per character. The nodes are few (a glob has a handful of tokens), and capped.
  interface Node {
    states: Set<number>;
    accepts: boolean;
    /** By character code for ASCII, in `other` beyond. */
    ascii: Array<Node | null | undefined>;
    other: Map<string, Node | null>;
  }
  const nodes = new Map<string, Node>();
  const nodeOf = (states: Set<number>): Node => {
    const key = [...states].sort((a, b) => a - b).join(',');
    let node = nodes.get(key);
    if (!node) {
      node = { states, accepts: states.has(END) || states.has(BELOW), ascii: new Array<Node | null | undefined>(128), other: new Map() };
      if (nodes.size < MAX_GLOB_NODES) nodes.set(key, node);
    }
    return node;
  };
  const start = nodeOf(close(new Set([0])));
  // a path the glob matches holds its longest run of plain characters (they match one path character each, in a
  // row): most paths are rejected by one native substring search, without a step of the automaton
  let literal = '';
  for (let i = 0, run = ''; i <= tokens.length; i++) {
    const token = tokens[i];
    if (token?.t === 'char') run += token.c;
    else {
      if (run.length > literal.length) literal = run;
      run = '';
    }
  }
  return {
    holds: literal,
    test(path: string): boolean {
      if (!path.includes(literal)) return false;
      let node = start;
      for (let i = 0; i < path.length; i++) {
        const code = path.charCodeAt(i);
        let to = code < 128 ? node.ascii[code] : node.other.get(path[i]);
        if (to === undefined) {
          const next = step(node.states, path[i]);
          to = next.size ? nodeOf(close(next)) : null;
          if (code < 128) node.ascii[code] = to;
          else if (node.other.size < MAX_GLOB_EDGES) node.other.set(path[i], to);
        }
        if (to === null) return false;
        node = to;
      }
      return node.accepts;
    },
  };
}

/** Rules from .gridlensignore text (comments with #, negation with !) plus the default skips unless disabled. */
export function ignoreRules(ignoreFileText = '', options: { defaults?: boolean; extra?: readonly string[] } = {}): IgnoreRules {
  const rules: Array<{ glob: GlobMatcher; negate: boolean; folderPart: string }> = [];
  const add = (pattern: string) => {
    const p = pattern.trim();
    if (!p || p.startsWith('#')) return;
    const negate = p.startsWith('!');
    const glob = globMatcher(negate ? p.slice(1) : p);
    rules.push({ glob, negate, folderPart: glob.holds.slice(0, glob.holds.lastIndexOf('/') + 1) });
  };
  if (options.defaults !== false) defaultSkips.forEach(add);
  (options.extra ?? []).forEach(add);
  ignoreFileText.split(/\r?\n/).forEach(add);
  // A path `folder/name` (name without '/') holds a rule's run of characters only where `folder/` holds the run's
  // part up to its last '/' (a folder's own path `folder/` is its whole `folder/`). Most rules have one
  // (`**/node_modules/**`): the ones left for a folder, its own test and then its files', are worked out once per
  // folder (the listing comes back to a folder after each of its subfolders), instead of being tried on every path.
  const rulesOfFolder = new Map<string, typeof rules>();
  let folder: string | undefined;
  let folderRules = rules;
  return {
    test(path: string) {
      const within = path.slice(0, path.lastIndexOf('/') + 1);
      if (within !== folder) {
        folder = within;
        let known = rulesOfFolder.get(within);
        if (!known) rulesOfFolder.set(within, (known = rules.filter((r) => within.includes(r.folderPart))));
        folderRules = known;
      }
      let ignored = false;
      for (const r of folderRules) if (r.glob.test(path)) ignored = !r.negate;
      return ignored;
    },
  };
}
