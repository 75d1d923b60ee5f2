// What a region switch must rewrite: the finding's literal and every literal in the same resource that names the
// same region (a `locationName` twin, a display name, an endpoint host such as bedrock-runtime.us-east-1.amazonaws.com,
// AWS_DEFAULT_REGION beside AWS_REGION), or why it cannot be done safely (the region is part of an ARN that names a
// resource of an account: moving it would point at another resource). Pure text work, so the quick fix, the hover
// link and the leaderboard's "use this region" share it and unit tests apply exactly the editor's edit.
import type { Region } from '../data/schema';
import type { Family } from '../scan/registry';
import { ambientRegionVars } from '../scan/patterns';
import type { Finding } from '../scan/types';
import { spellLike } from './spelling';

/** One literal to rewrite; `expected` must still be there or the whole switch is refused. */
export interface RegionTextEdit {
  start: number;
  end: number;
  expected: string;
  replacement: string;
}

export type RegionSwitchPlan = { ok: true; edits: RegionTextEdit[]; scope: string } | { ok: false; reason: string };

interface Span {
  start: number;
  end: number;
}

/** Files that are one flat list of settings: a top-level setting's resource is the whole file. */
const flatFamilies = new Set<Family>(['dotenv', 'shell', 'make', 'docker', 'properties', 'toml']);
const hashComments = new Set<Family>([
  'python',
  'yaml',
  'toml',
  'dotenv',
  'shell',
  'make',
  'docker',
  'properties',
  'terraform',
  'powershell',
]);
const slashComments = new Set<Family>(['js', 'go', 'java', 'rust', 'bicep', 'json', 'terraform', 'notebook']);

/**
 * The edits that move `finding` (a region setting in `text`) to `target`, twins included, or why none is safe.
 * `findings` are the scanner's findings for the same text: twins the scanner knows keep its ranges and roles.
 */
export function planRegionSwitch(
  text: string,
  family: Family | undefined,
  findings: readonly Finding[],
  finding: Finding,
  current: Region,
  target: Region,
): RegionSwitchPlan {
  const layout = layoutOf(text, family);
  const scope = resourceScope(text, family, layout, finding.range);
  const inScope = (s: Span) => s.start >= scope.span.start && s.end <= scope.span.end;
  const edits: RegionTextEdit[] = [edit(text, finding.range, current, target)];
  const covered = (s: Span) => edits.some((e) => s.start < e.end && s.end > e.start);

  // twins the scanner found: the same region as another setting of this resource
  const key = scope.flat ? settingKey(text, finding.range.start) : undefined;
  for (const other of findings) {
    if (
      other === finding ||
      other.kind !== 'region' ||
      other.value !== current.code ||
      other.provider !== current.provider ||
      other.ignored ||
      !inScope(other.range)
    )
      continue;
    if (other.role !== 'inference' && other.role !== 'deployment') continue;
    // in a flat file only another name for the same setting moves with it (AWS_DEFAULT_REGION beside AWS_REGION), and
    // an endpoint's host label (BEDROCK_ENDPOINT=https://bedrock-runtime.us-east-1.amazonaws.com), as written as text
    if (scope.flat && !sameSetting(key, settingKey(text, other.range.start)) && !isHostLabel(text, other.range)) continue;
    if (!covered(other.range)) edits.push(edit(text, other.range, current, target));
  }

  // twins written as plain text: the code as a whole literal or a host label, the display name as a whole literal;
  // a setting the scanner reported was decided above, and comments never move
  const decided = findings.filter((f) => f.kind === 'region' && f.role !== 'mention');
  for (const at of occurrences(text, scope.span, current)) {
    if (covered(at) || layout.comments.some((c) => at.start >= c.start && at.start < c.end)) continue;
    const token = at.name ? at : tokenAround(text, at);
    const arn = /^arn:[\w-]+:[\w-]*:/.test(token.text) ? token.text : undefined;
    if (arn) {
      const account = arn.split(':')[4] ?? '';
      if (account !== '') {
        const reach = scope.flat ? `; this file's region setting applies to every client that reads it` : ` (${scope.label})`;
        return {
          ok: false,
          reason: `${abbreviate(arn)} names a resource of account ${account} in ${current.code}; moving the region would point at another resource${reach}`,
        };
      }
      // a foundation-model ARN (no account) names the model in every region: a policy granting it must follow
      edits.push(edit(text, at, current, target));
      continue;
    }
    if (decided.some((f) => f.range.start <= at.start && f.range.end >= at.end)) continue;
    const whole = token.start === at.start && token.end === at.end;
    const host = !at.name && isHostLabel(text, at);
    if (host || (whole && !scope.flat)) edits.push(edit(text, at, current, target));
  }
  if (family === 'bicep') {
    const allowed = allowedListEdit(text, finding.range, current, target);
    if (allowed) edits.push(allowed);
  }
  return { ok: true, edits: edits.sort((a, b) => a.start - b.start), scope: scope.label };
}

/**
 * A Bicep parameter whose default is the region and whose `@allowed([...])` decorator lists it: the new region joins
 * the list (after the old one, in its spelling and layout), or the template would reject its own default.
 */
function allowedListEdit(text: string, at: Span, current: Region, target: Region): RegionTextEdit | undefined {
  const lineStart = text.lastIndexOf('\n', at.start - 1) + 1;
  if (!/^\s*param\s+\w+\s+string\s*=\s*['"]?$/.test(text.slice(lineStart, at.start))) return undefined;
  // the decorators written directly above the param, with nothing but decorators, comments and blank lines between
  const before = text.slice(0, lineStart);
  const decorator = /@allowed\(\s*\[([^\]]*)\]\s*\)((?:\s|\/\/[^\n]*|@\w+\((?:[^()]|\([^()]*\))*\))*)$/.exec(before);
  if (!decorator) return undefined;
  const listStart = decorator.index + decorator[0].indexOf('[') + 1;
  const entries = [...decorator[1].matchAll(/(['"])([^'"\n]*)\1/g)].map((m) => ({
    value: m[2],
    start: listStart + m.index,
    end: listStart + m.index + m[0].length,
  }));
  const old = entries.find((e) => e.value.toLowerCase() === current.code);
  if (!old || entries.some((e) => e.value.toLowerCase() === target.code)) return undefined;
  const oldLineStart = text.lastIndexOf('\n', old.start - 1) + 1;
  const ownLine = /^\s*$/.test(text.slice(oldLineStart, old.start));
  const literal = text.slice(old.start, old.end).replace(old.value, spellLike(old.value, current.code, target));
  const comma = /^[ \t]*,/.test(text.slice(old.end)) ? ',' : '';
  const insertion = ownLine ? `${comma}\n${text.slice(oldLineStart, old.start)}${literal}` : `, ${literal}`;
  return { start: old.end, end: old.end, expected: '', replacement: insertion };
}

function edit(text: string, span: Span, current: Region, target: Region): RegionTextEdit {
  const expected = text.slice(span.start, span.end);
  const isName = expected.toLowerCase() === current.name.toLowerCase() && expected.toLowerCase() !== current.code;
  return { start: span.start, end: span.end, expected, replacement: isName ? target.name : spellLike(expected, current.code, target) };
}

function abbreviate(arn: string): string {
  return arn.length > 60 ? `${arn.slice(0, 57)}…` : arn;
}

// --- where the resource is ---------------------------------------------------------------------------------------

interface Layout {
  comments: Span[];
  /** Matched bracket pairs, `start` at the opener, `end` after the closer. */
  groups: Array<Span & { open: string }>;
}

/** Layouts of the last few texts planned, most recent last (a few open documents, each asked again per cleaner region). */
const recentLayouts: Array<{ text: string; family: Family | undefined; layout: Layout }> = [];
const RECENT_LAYOUTS = 4;

/** A text's layout, scanned once while it stays among the recent ones: a quick-fix menu plans one switch per region. */
function layoutOf(text: string, family: Family | undefined): Layout {
  const at = recentLayouts.findIndex((entry) => entry.family === family && entry.text.length === text.length && entry.text === text);
  const entry = at >= 0 ? recentLayouts.splice(at, 1)[0] : { text, family, layout: scanLayout(text, family) };
  recentLayouts.push(entry);
  if (recentLayouts.length > RECENT_LAYOUTS) recentLayouts.shift();
  return entry.layout;
}

/** Comments and bracket pairs outside strings and comments, in one pass. Unbalanced brackets are dropped. */
function scanLayout(text: string, family: Family | undefined): Layout {
  const hash = family === undefined || hashComments.has(family);
  const slash = family === undefined || slashComments.has(family);
  const comments: Span[] = [];
  const groups: Layout['groups'] = [];
  const stack: Array<{ open: string; at: number }> = [];
  const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    const lineStart = i === 0 || text[i - 1] === '\n';
    if (
      (hash && c === '#' && (lineStart || /\s/.test(text[i - 1]) || family === 'python')) ||
      (slash && c === '/' && text[i + 1] === '/')
    ) {
      const end = text.indexOf('\n', i);
      comments.push({ start: i, end: end < 0 ? n : end });
      i = end < 0 ? n : end;
    } else if (slash && c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      comments.push({ start: i, end: end < 0 ? n : end + 2 });
      i = end < 0 ? n : end + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(text, i, family) - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push({ open: c, at: i });
    } else if (c in closers) {
      const top = stack.length ? stack[stack.length - 1] : undefined;
      if (top?.open === closers[c]) {
        stack.pop();
        groups.push({ start: top.at, end: i + 1, open: top.open });
      }
    }
  }
  return { comments, groups };
}

/** The offset after the string starting at `i`: triple quotes and backticks span lines, others end at the line. */
function stringEnd(text: string, i: number, family: Family | undefined): number {
  const q = text[i];
  const triple = family === 'python' && text.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  const multiline = triple || q === '`';
  // in YAML, .env and shell an apostrophe inside a plain word (it's) is not a string
  if (q === "'" && /\w/.test(text[i - 1] ?? '') && family !== 'python' && family !== 'js') return i + 1;
  for (let j = i + close.length; j < text.length; j++) {
    const c = text[j];
    if (c === '\\' && q !== '`') j++;
    else if (c === '\n' && !multiline) return j;
    else if (text.startsWith(close, j)) return j + close.length;
  }
  return text.length;
}

interface Scope {
  span: Span;
  /** What the resource is, for messages ("the enclosing { … } block"). */
  label: string;
  /** A flat file's top-level setting: only other names of the same setting (and endpoint hosts) move with it. */
  flat: boolean;
}

/**
 * The resource a region literal belongs to: the innermost bracket group around it (a Terraform/Bicep block, an ARM
 * resource object, a client call's arguments); in YAML the mapping it sits in; in a flat settings file the file
 * (one process environment); elsewhere the literal's own line.
 */
function resourceScope(text: string, family: Family | undefined, layout: Layout, at: Span): Scope {
  // a JSON document's own root, or an array of resources, is not one resource
  const isRoot = (g: Span) => text.slice(0, g.start).trim() === '' && text.slice(g.end).trim() === '';
  const around = layout.groups
    .filter((g) => g.start < at.start && g.end > at.end && g.open !== '[' && !isRoot(g))
    .sort((a, b) => b.start - a.start);
  let inner = around[0];
  // options passed inside a call (`client(config=Config(region_name=…), endpoint_url=…)`) belong to that call
  if (inner && around[1]?.open === '(' && !layout.groups.some((g) => g.open === '[' && g.start > around[1].start && g.start < inner.start))
    inner = around[1];
  if (inner) return { span: inner, label: `the enclosing ${inner.open}…${closerOf(inner.open)} block`, flat: false };
  const lineStart = text.lastIndexOf('\n', at.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', at.end);
  const line = { start: lineStart, end: lineEndAt < 0 ? text.length : lineEndAt };
  if (family === 'yaml') return yamlScope(text, line);
  if (family && (flatFamilies.has(family) || (family === 'terraform' && indentOf(text, lineStart) === 0))) {
    const span = { start: 0, end: text.length };
    return { span, label: 'this file', flat: true };
  }
  return { span: line, label: 'this line', flat: false };
}

const closerOf = (open: string) => (open === '(' ? ')' : open === '[' ? ']' : '}');

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i - lineStart;
}

/** The YAML mapping holding the line: from its parent key to the next line indented no deeper than the parent. */
function yamlScope(text: string, line: Span): Scope {
  const own = indentOf(text, line.start);
  const lineSpans: Span[] = [];
  for (let s = 0; s <= text.length;) {
    const e = text.indexOf('\n', s);
    lineSpans.push({ start: s, end: e < 0 ? text.length : e });
    if (e < 0) break;
    s = e + 1;
  }
  const blank = (l: Span) => /^\s*(#.*)?$/.test(text.slice(l.start, l.end));
  const index = lineSpans.findIndex((l) => l.start === line.start);
  let parent = -1;
  for (let k = index - 1; k >= 0 && own > 0; k--) {
    if (!blank(lineSpans[k]) && indentOf(text, lineSpans[k].start) < own) {
      parent = k;
      break;
    }
  }
  if (parent < 0) return { span: line, label: 'this line', flat: false };
  const parentIndent = indentOf(text, lineSpans[parent].start);
  let last = index;
  for (let k = index + 1; k < lineSpans.length; k++) {
    if (blank(lineSpans[k])) continue;
    if (indentOf(text, lineSpans[k].start) <= parentIndent) break;
    last = k;
  }
  const key = text.slice(lineSpans[parent].start, lineSpans[parent].end).trim().replace(/:.*$/, '');
  return { span: { start: lineSpans[parent].start, end: lineSpans[last].end }, label: `the ${key} mapping`, flat: false };
}

// --- twins ---------------------------------------------------------------------------------------------------

/** The key a flat setting line assigns (`export AWS_REGION=…`, `region = "…"`, `ENV AWS_REGION …`). */
function settingKey(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^\s*(?:export\s+|ENV\s+|ARG\s+)?([A-Za-z_][\w.-]*)\s*(?:[:?+]?=|:|\s)/.exec(text.slice(lineStart, offset));
  return m?.[1];
}

function sameSetting(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  if (a.toLowerCase() === b.toLowerCase()) return true;
  return Object.values(ambientRegionVars).some((names) => names.includes(a.toUpperCase()) && names.includes(b.toUpperCase()));
}

/** Where the region's code (not inside a longer code: eastus vs eastus2) or its display name is written. */
function occurrences(text: string, span: Span, region: Region): Array<Span & { text: string; name: boolean }> {
  const found: Array<Span & { text: string; name: boolean }> = [];
  const body = text.slice(span.start, span.end).toLowerCase();
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const add = (pattern: RegExp, name: boolean) => {
    for (const m of body.matchAll(pattern)) {
      const start = span.start + (m.index ?? 0);
      found.push({ start, end: start + m[0].length, text: text.slice(start, start + m[0].length), name });
    }
  };
  add(new RegExp(`(?<![a-z0-9])${escape(region.code.toLowerCase())}(?![a-z0-9])`, 'g'), false);
  // a display name counts only as a whole quoted literal ('East US'), never inside prose
  if (region.name.toLowerCase() !== region.code.toLowerCase())
    add(new RegExp(`(?<=["'])${escape(region.name.toLowerCase())}(?=["'])`, 'g'), true);
  return found;
}

/** The literal or bare word holding `at`: up to quotes, whitespace, `=`, `,`, or brackets. */
/** Whether the region at `at` is a label of a host name (`bedrock-runtime.us-east-1.amazonaws.com`). */
const isHostLabel = (text: string, at: Span): boolean => /[a-z0-9-]\.[a-z]/i.test(tokenAround(text, at).text);

function tokenAround(text: string, at: Span): Span & { text: string } {
  const stop = /[\s"'`=,;(){}[\]]/;
  let start = at.start;
  while (start > 0 && !stop.test(text[start - 1])) start--;
  let end = at.end;
  while (end < text.length && !stop.test(text[end])) end++;
  return { start, end, text: text.slice(start, end) };
}
