// TOML: samconfig.toml (stack region and parameter overrides for the SAM template beside it) and generic TOML
// config keys. A line scanner keeps exact source ranges; smol-toml only validates.
import { parse as parseToml } from 'smol-toml';
import type { Collector } from './base';
import { hashComments } from './lexer-hash';
import { analyzeLeaves } from './config';
import { isModelKey, isRegionKey, regionShapeProvider } from './patterns';
import { symbolKey } from './symbols';
import { basename, dirname } from './text';

interface TomlValue {
  section: string;
  key: string;
  keyStart: number;
  /** String values with their content ranges (arrays give several). */
  strings: Array<{ value: string; start: number; end: number }>;
}

function scanToml(text: string): TomlValue[] {
  const out: TomlValue[] = [];
  let section = '';
  // a table header is one line: a `[` without its `]` must not search (and backtrack) through the rest of the file
  const lineRe = /^[ \t]*(?:\[\[?[ \t]*([^\]\r\n]+?)[ \t]*\]\]?|([A-Za-z0-9_.\-"']+)[ \t]*=[ \t]*(.*))$/gm;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(text))) {
    if (m[1] !== undefined) {
      section = m[1].replace(/["']/g, '');
      continue;
    }
    const key = m[2].replace(/["']/g, '');
    const valueStart = m.index + m[0].length - m[3].length;
    // multi-line arrays: read to the closing bracket
    let valueText = m[3];
    if (valueText.trimStart().startsWith('[') && !balanced(valueText)) {
      const close = text.indexOf(']', valueStart);
      valueText = text.slice(valueStart, close < 0 ? text.length : close + 1);
      lineRe.lastIndex = close < 0 ? text.length : close + 1;
    }
    const strings: TomlValue['strings'] = [];
    for (const s of valueText.matchAll(/"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'/g)) {
      const content = s[1] ?? s[2];
      const start = valueStart + (s.index ?? 0) + 1;
      strings.push({ value: content, start, end: start + content.length });
    }
    out.push({ section, key, keyStart: m.index + m[0].indexOf(m[2]), strings });
  }
  return out;
}

function balanced(text: string): boolean {
  const noStrings = text.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '');
  const hash = noStrings.indexOf('#');
  const code = hash >= 0 ? noStrings.slice(0, hash) : noStrings;
  return (code.match(/\[/g)?.length ?? 0) <= (code.match(/]/g)?.length ?? 0);
}

export function analyzeToml(c: Collector): void {
  try {
    parseToml(c.text);
  } catch (error) {
    c.problems.push(`TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  for (const comment of hashComments(c.text)) c.mentionsIn(comment.start, comment.end, 'comment');
  const values = scanToml(c.text);
  if (/^samconfig/i.test(basename(c.file))) samconfig(c, values);
  else generic(c, values);
}

/** samconfig.toml: `region` and `parameter_overrides` per environment for the template in the same folder. */
function samconfig(c: Collector, values: TomlValue[]): void {
  const folder = dirname(c.file);
  for (const v of values) {
    const env = v.section.split('.')[0] || 'default';
    const priority = v.section.endsWith('deploy.parameters') ? 3 : 2;
    if (v.key === 'region') {
      for (const s of v.strings) {
        const f = c.region(s.start, s.end, 'deployment', `samconfig [${v.section}] region (stack region)`, {
          keyed: true,
          provider: 'aws',
        });
        if (f)
          c.facts.symbols.push({
            key: symbolKey.stackRegion(folder),
            value: { kind: 'finding', finding: f },
            priority: env === 'default' ? priority : priority - 2,
          });
      }
    }
    if (v.key === 'parameter_overrides') {
      for (const s of v.strings) {
        // (a basic string's escapes read as what they stand for: `Name=\"value\"`)
        for (const m of s.value.replace(/\\(.)/g, '$1').matchAll(/([A-Za-z0-9]+)=("[^"]*"|\S+)/g)) {
          const name = m[1];
          const raw = m[2].replace(/^"|"$/g, '');
          // (found in the source: the escapes make the text longer than what it stands for)
          const written = c.text.indexOf(raw, s.start + (m.index ?? 0));
          if (!raw || written < 0 || written + raw.length > s.end) continue;
          const start = written;
          const label = `samconfig parameter_overrides ${name}`;
          const f =
            isRegionKey(name) || regionShapeProvider(raw)
              ? c.region(start, start + raw.length, 'deployment', label, { keyed: true, provider: 'aws' })
              : c.model(start, start + raw.length, 'deployment', label, { keyed: isModelKey(name) });
          if (f)
            c.facts.symbols.push({
              key: symbolKey.stackParameter(folder, name),
              value: { kind: 'finding', finding: f },
              priority: env === 'default' ? priority : priority - 2,
            });
        }
      }
    }
  }
}

function generic(c: Collector, values: TomlValue[]): void {
  const leaves = values.flatMap((v) =>
    v.strings.map((s) => ({ path: [...(v.section ? v.section.split('.') : []), ...v.key.split('.')], start: s.start, end: s.end })),
  );
  analyzeLeaves(c, leaves);
}
