// The hostile workspace: files a tool that reads every file in a workspace must survive. Generated at test time
// (nothing large or binary is committed): truncated and invalid YAML/JSON/HCL, alias bombs, 10,000-deep nesting, a
// 50 MB single-line minified file, invalid UTF-8, NUL bytes, very long lines, symlink loops and links out of the
// folder, a named pipe. Used by the CLI tests (test/unit/robust-hostile.test.ts) and the editor
// (test/extension-host/suite/robustness.test.ts). Node only.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';

export interface HostileFile {
  /** Path relative to the workspace root, '/'-separated. */
  path: string;
  what: string;
  /**
   * What a scan must say about it: an entry in `errors` whose message matches, `scanned` (read and analysed;
   * problems allowed), or `not followed` (a link: never read, and no finding through it).
   */
  expect: RegExp | 'scanned' | 'not followed';
}

const nest = (open: string, close: string, depth: number, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

/** A YAML "billion laughs": nine levels of nine aliases (9^9 nodes if every alias were expanded). */
export function yamlAliasBomb(): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
  return `${lines.join('\n')}\nregion: us-east-1\n`;
}

/** A merge-key bomb: each map merges the previous one several times. */
export function yamlMergeBomb(): string {
  const lines = ['m0: &m0 {region: us-east-1, model: anthropic.claude-3-haiku-20240307-v1:0}'];
  for (let i = 1; i < 20; i++) lines.push(`m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}, *m${i - 1}], k${i}: *m${i - 1}}`);
  return `${lines.join('\n')}\n`;
}

const TF = 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_bedrockagent_agent" "agent" {\n  agent_name       = "a"\n  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"\n  instruction      = "Answer questions about ${var.topic} in ${var.region}"\n}\n';
const CFN = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          BEDROCK_REGION: eu-west-1\n          MODEL_ID: !Sub "anthropic.claude-3-haiku-20240307-v1:0"\n';
const JSON_DOC = '{\n  "region": "us-east-1",\n  "models": ["amazon.nova-lite-v1:0", "anthropic.claude-3-haiku-20240307-v1:0"],\n  "nested": {"location": "westeurope"}\n}\n';

export interface HostileOptions {
  /** Write the 50 MB single-line file (the CLI must skip it by size, without reading it). */
  huge?: boolean;
  /** A folder outside the workspace that links point to (created with a file holding a region). */
  outside: string;
}

/** Writes the hostile workspace into `root` and returns what each file is and what a scan must report. */
export function writeHostileWorkspace(root: string, options: HostileOptions): HostileFile[] {
  const files: HostileFile[] = [];
  const write = (path: string, content: string | Buffer, what: string, expect: HostileFile['expect']) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    files.push({ path, what, expect });
  };
  // truncated and invalid documents: read, analysed as far as they go, the parse problem reported
  write('truncated/template.yaml', CFN.slice(0, CFN.indexOf('MODEL_ID') + 14), 'YAML cut off inside a tag', 'scanned');
  write('truncated/quote.yaml', 'region: "us-east-1\nmodel: [a, b\n', 'YAML with an unclosed quote and flow sequence', /YAML:/);
  write('truncated/stack.json', JSON_DOC.slice(0, 60), 'JSON cut off mid-array', /JSON: error/);
  write('invalid/garbage.json', '{"region": "us-east-1",,, ]]] {{ "x": tru }', 'JSON with stray punctuation', /JSON: error/);
  write('truncated/main.tf', TF.slice(0, TF.indexOf('${var.region}') + 6), 'HCL cut off inside an interpolation', /unterminated/);
  write('invalid/main.tf', 'provider "aws" {\n  region = "us-east-1"\n  }}}} = = = "unclosed\nresource {\n', 'HCL with stray braces and an unclosed string', /unterminated string|unexpected/);
  // (a region key: a YAML file that cannot hold a finding or set a value is not parsed, prefilter.ts)
  write('invalid/tabs.yaml', 'region:\n\t- b\n  c: [\n', 'YAML indented with a tab', /YAML:/);
  // resource exhaustion
  write('bombs/laughs.yaml', yamlAliasBomb(), 'YAML alias bomb (9 levels of 9 aliases)', /alias bomb/);
  write('bombs/merge.yaml', yamlMergeBomb(), 'YAML merge-key bomb (20 levels)', /alias bomb/);
  // a region inside: a file that cannot hold a finding is not parsed (prefilter.ts), so it would report nothing
  write('deep/array.json', nest('[', ']', 10_000, '"us-east-1"'), '10,000 nested JSON arrays', /nested too deep|Maximum call stack|detector failed/);
  write('deep/object.json', nest('{"a":', '}', 10_000, '"us-east-1"'), '10,000 nested JSON objects', /nested too deep|Maximum call stack|detector failed/);
  write('deep/flow.yaml', nest('[', ']', 10_000, '"us-east-1"'), '10,000 nested YAML flow sequences', /YAML:/);
  write('deep/main.tf', `locals {\n  x = ${nest('{ a = ', ' }', 10_000)}\n}\n`, '10,000 nested HCL objects', /nested too deep|Maximum call stack|analysis failed/);
  write('deep/parens.py', `x = ${nest('(', ')', 10_000, '"us-east-1"')}\n`, '10,000 nested Python parentheses', /nested too deep|Maximum call stack|detector failed/);
  write('deep/calls.ts', `const x = ${nest('f(', ')', 10_000, '"us-east-1"')};\n`, '10,000 nested TypeScript calls', /nested too deep|Maximum call stack|detector failed/);
  write('deep/arrays.toml', `a = ${nest('[', ']', 10_000)}\n`, '10,000 nested TOML arrays', /TOML:/);
  write('deep/main.bicep', `var a = ${nest('[', ']', 10_000)}\n`, '10,000 nested Bicep arrays', /nested too deep|Maximum call stack|detector failed/);
  // size
  if (options.huge) {
    const unit = '{"region":"us-east-1","model":"anthropic.claude-3-haiku-20240307-v1:0","url":"https://example.com/a/*b*/c"},';
    write('huge/bundle.min.json', `[${unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length))}{}]`, '50 MB single-line minified JSON', /over the \d+ KB limit/);
  }
  write('long/line.env', `AWS_REGION=us-east-1\nNOTES=${'x'.repeat(1_000_000)}\nBEDROCK_MODEL_ID=amazon.nova-lite-v1:0\n`, '1 MB line in a .env file', 'scanned');
  write('long/literal.py', `import boto3\nBLOB = "${'ab'.repeat(400_000)}"\nrt = boto3.client("bedrock-runtime", region_name="eu-west-1")\n`, '800 KB string literal in Python', 'scanned');
  write('long/minified.js', `${'var a=1;'.repeat(150_000)}const r="us-east-1";//${'/*'.repeat(10_000)}\n`, '1.2 MB minified JavaScript line', 'scanned');
  // encodings and bytes
  write('bytes/latin1.env', Buffer.concat([Buffer.from('AWS_REGION=us-east-1\nCITY='), Buffer.from([0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]), Buffer.from('\n')]), 'Latin-1 bytes (invalid UTF-8)', /not valid UTF-8/);
  write('bytes/overlong.yaml', Buffer.concat([Buffer.from('region: '), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from(' us-west-2\n')]), 'overlong and surrogate UTF-8 sequences', /not valid UTF-8/);
  write('bytes/nul.yaml', Buffer.from('region: us-east-1\n\0\0\0binary\n'), 'NUL bytes near the start', /binary/);
  write('bytes/late-nul.py', `${'# padding\n'.repeat(1000)}REGION = "eu-north-1"\0\n`, 'a NUL byte after the first 8 KB', 'scanned');
  write('bytes/utf16.env', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('AWS_REGION=us-east-1\n', 'utf16le')]), 'UTF-16 LE with a byte-order mark', /binary|UTF-16/);
  write('bytes/bom.tf', `\uFEFF${TF}`, 'UTF-8 byte-order mark', 'scanned');
  write('bytes/controls.sh', `export AWS_REGION=us-east-1\x1b[31m\x07\x08\r\r\r\u2028\u2029\n`, 'terminal escapes and Unicode line separators', 'scanned');
  write('names/we\u202eird\u200b.env', 'AWS_REGION=ap-south-1\n', 'a file name with bidi and zero-width characters', 'scanned');
  // links: never followed by default
  mkdirSync(options.outside, { recursive: true });
  writeFileSync(join(options.outside, 'secret.tf'), 'provider "aws" {\n  region = "ap-southeast-1"\n}\n');
  const link = (path: string, target: string, what: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
    files.push({ path, what, expect: 'not followed' });
  };
  link('links/loop', '.', 'a folder link to its own folder');
  link('links/ping.tf', 'pong.tf', 'two file links pointing at each other');
  link('links/pong.tf', 'ping.tf', 'two file links pointing at each other');
  link('links/outside', options.outside, 'a folder link out of the scanned folder');
  link('links/secret.tf', join(options.outside, 'secret.tf'), 'a file link out of the scanned folder');
  link('links/dangling.env', join(options.outside, 'nope.env'), 'a link to nothing');
  // a named pipe: reading it would block forever
  try {
    execFileSync('mkfifo', [join(root, 'pipe.env')]);
    files.push({ path: 'pipe.env', what: 'a named pipe', expect: 'not followed' });
  } catch {
    // no mkfifo: not part of this run
  }
  return files;
}

/** The sizes of the generated files, for the README figures. */
export function describeHostile(root: string, files: HostileFile[]): string[] {
  return files.map((f) => {
    let size = '';
    try {
      size = `${readFileSync(join(root, f.path)).length} bytes`;
    } catch {
      size = 'not a regular file';
    }
    return `${f.path}: ${f.what} (${size})`;
  });
}
