// Generated YAML for the tests that hold GridLens's own YAML readers (src/core/scan/yamlCst.ts, yamlFast.ts) to the
// library's document model: fragments in any order (errors included), well-formed block documents, and random
// configuration-like files (indentation, comments, blank lines, quoting, tags, flow collections, empty values,
// repeated keys, document markers).
import fc from 'fast-check';

const fragments = [
  'key',
  'region',
  'model_id',
  '"quoted"',
  "'single'",
  '"esc\\"',
  '"\\x4"',
  'us-east-1',
  '1',
  '0o17',
  '0x1f',
  '1e3',
  '.5',
  'true',
  'null',
  '~',
  '<<',
  ': ',
  ':',
  ' ',
  '  ',
  '    ',
  '\t',
  '\n',
  '\r\n',
  '- ',
  '-',
  '? ',
  '# note\n',
  '#x',
  '[',
  ']',
  '{',
  '}',
  ', ',
  ',',
  '!Ref ',
  '!!str ',
  '!',
  '&a ',
  '*a',
  '|\n',
  '>-\n',
  '|2\n',
  '---\n',
  '--- ',
  '...\n',
  '%YAML 1.2\n',
  '%TAG ! tag:x,2000:\n',
  '@',
  '`',
  '%',
];

/** Fragments in any order: mostly broken YAML. */
export const yamlSoup = fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join(''));

const blockScalar = fc.constantFrom('a', 'us-west-2', '"gpt-4o"', "'x y'", '12', '1.0', '!Ref R', '[a, b]', '{k: v}', '', '# c');

/** Well-formed block documents. */
export const yamlBlock: fc.Arbitrary<string> = fc
  .letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      blockScalar,
      fc
        .array(fc.tuple(fc.constantFrom('a', 'b', 'region', '"k"', 'model'), tie('node')), { minLength: 1, maxLength: 4 })
        .map((pairs) => '\n' + pairs.map(([k, v]) => `${k}: ${v.replace(/\n/g, '\n  ')}`).join('\n')),
      fc
        .array(tie('node'), { minLength: 1, maxLength: 3 })
        .map((items) => '\n' + items.map((v) => `- ${v.replace(/\n/g, '\n  ')}`).join('\n')),
    ),
  }))
  .node.map((n) => `doc:${n.replace(/\n/g, '\n  ')}\n`);

/** A block document with the soup put in somewhere. */
export const yamlBlockMutated = fc
  .tuple(yamlBlock, yamlSoup, fc.nat())
  .map(([b, s, at]) => b.slice(0, at % (b.length + 1)) + s + b.slice(at % (b.length + 1)));

/** Random configuration-like YAML from a seed: what real files hold, with the layouts that decide node ranges. */
export function configYaml(seed: number): string {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number): boolean => random() < p;
  const out: string[] = [];
  const spaces = (n: number): string => ' '.repeat(n);

  const keys = [
    'a',
    'b',
    'name',
    'region',
    'model',
    'env',
    '"quoted key"',
    "'single'",
    '1',
    '0x1F',
    'true',
    '~',
    '1.50',
    'key with space',
    'a:b',
    'x#y',
    '-dash',
    'null',
    '"a\\"b"',
  ];
  const scalars = [
    'value',
    'us-east-1',
    'gpt-4o-mini',
    '12',
    '-3',
    '+4',
    '0o17',
    '0x1f',
    '1e3',
    '1.50',
    '.inf',
    '-.Inf',
    '.nan',
    'true',
    'False',
    'null',
    'NULL',
    '~',
    'yes',
    'a:b',
    'a#b',
    'arn:aws:bedrock:us-east-1::foundation-model/x',
    'two words',
    '"double"',
    '"with \\"escape\\" and \\n \\t \\\\ \\/"',
    '"\\u00e9 \\x41 \\U0001F600"',
    "'it''s'",
    "''",
    '""',
    '"  spaced  "',
    "'# not a comment'",
    '!Ref Name',
    '!GetAtt A.B',
    '!Sub "x-${AWS::Region}"',
    '[a, b]',
    '[]',
    '{}',
    '[1, "two", {k: v}]',
    '{k: v, j: [1, 2]}',
    '{k: v, k: w}',
    '[a, b, ]',
    '[ a , b ]',
    '{ "k": v }',
    '!FindInMap [Map, !Ref AWS::Region, Key]',
    "!Join ['', [a, !Ref B, {k: !Sub x}]]",
    '[bedrock:InvokeModel, "s3:Get*", a::b]',
    '[a:b]',
    '{a:b: c}',
    '|\nline one\nline two',
    '|-\nliteral\n\n  more indented\n\n',
    '>\nfolded\ntext\n\nnext paragraph\n  more indented\nback',
    '>-\n\n\nafter blank lines',
    '|+\nkeep\n\n',
    '| # header comment\n# not a comment\nx',
    '|\n',
    '>-\n  \n   \n',
  ];
  /** Values the fast reader leaves to the library (most of them): in a share of the files only. */
  const oddScalars = [
    '[a:]',
    '[!Ref]',
    '[a: b]',
    '?q',
    '%pct',
    '`tick`',
    '@reserved',
    'a: b',
    '- not here',
    '|2\n  explicit indentation',
    '|\n    more indented first\n  then less',
    '*alias',
    '&anchor v',
    '!!str 1',
    '!Ref',
    'ends with colon:',
    '[a, # c\n  b]',
    '[a, , b]',
    '{k}',
    '{k: }',
    '"\\x4"',
  ];
  const odd = chance(0.3);
  const value = (): string => (odd && chance(0.2) ? pick(oddScalars) : pick(scalars));
  const maybeComment = (): string => (chance(0.15) ? `${spaces(1 + Math.floor(random() * 3))}# ${pick(['c', 'note', '# x', ''])}` : '');
  const trailing = (): string => (chance(0.1) ? spaces(1 + Math.floor(random() * 2)) : '');
  const trivia = (): void => {
    while (chance(0.25)) {
      if (chance(0.5)) out.push(chance(0.2) ? spaces(Math.floor(random() * 6)) : '');
      else out.push(`${spaces(Math.floor(random() * 9))}#${pick([' comment', '', ' - x', ' a: b'])}`);
    }
  };
  /** A value's further lines (block scalars), at `indent` or sometimes one space off. */
  const lines = (text: string, indent: number): string =>
    text.replace(/\n(?=.)/g, () => `\n${spaces(Math.max(0, indent + (chance(0.1) ? pick([-1, 1]) : 0)))}`);
  const step = (): number => pick([1, 2, 2, 2, 3, 4]);

  /** A block collection at `indent`; `first` is the text before its first line's content (`- ` of a compact map). */
  const collection = (indent: number, depth: number, compactPrefix?: string): void => {
    const isSeq = compactPrefix === undefined && chance(0.4);
    const count = 1 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const lead = i === 0 && compactPrefix !== undefined ? compactPrefix : spaces(indent);
      if (i > 0) trivia();
      if (isSeq) {
        const dash = `${lead}-${chance(0.1) ? '  ' : ' '}`;
        const kind = depth > 3 ? 0 : Math.floor(random() * 4);
        if (kind === 1) collection(dash.length, depth + 1, dash);
        else if (kind === 2) {
          out.push(`${lead}-${trailing()}${maybeComment()}`);
          trivia();
          if (chance(0.8)) collection(indent + step(), depth + 1);
        } else out.push(`${dash}${lines(value(), indent + step())}${trailing()}${maybeComment()}`);
      } else {
        const key = `${lead}${pick(keys)}${chance(0.05) ? ' ' : ''}:`;
        const kind = depth > 3 ? 0 : Math.floor(random() * 3);
        if (kind === 1) {
          out.push(`${key}${chance(0.1) ? ` ${pick(['!Tag', '!Ref'])}` : ''}${trailing()}${maybeComment()}`);
          trivia();
          if (chance(0.85)) collection(chance(0.2) ? indent : indent + step(), depth + 1);
        } else out.push(`${key} ${lines(value(), indent + step())}${trailing()}${maybeComment()}`);
      }
    }
  };

  const docs = 1 + Math.floor(random() * 3);
  for (let d = 0; d < docs; d++) {
    trivia();
    if (d > 0 || chance(0.3)) out.push(`---${chance(0.2) ? ' # doc' : ''}`);
    trivia();
    if (chance(0.9)) collection(chance(0.1) ? 2 : 0, 0);
    trivia();
  }
  const text = out.join('\n');
  return chance(0.8) ? `${text}\n` : text;
}
