// The lexers and parsers the detectors stand on: strings vs comments, templates, docstrings, HCL heredocs and
// interpolation, YAML tags, Bicep loops.
import assert from 'node:assert/strict';
import { parseBicep } from '../../src/core/scan/bicep';
import { parseHcl, strValue, unwrap } from '../../src/core/scan/hcl';
import { CodeReader } from '../../src/core/scan/codeParse';
import { lexCFamily } from '../../src/core/scan/lexer-c-family';
import { hashCommentStart } from '../../src/core/scan/lexer-hash';
import { lexPython } from '../../src/core/scan/lexer-python';
import { get, parseJsonTree } from '../../src/core/scan/tree';
import { parseYamlTree } from '../../src/core/scan/yamlTree';
import { TokenList, type Token } from '../../src/core/scan/token';

/** Every token of a list as an object. */
const all = (tokens: TokenList): Token[] => Array.from({ length: tokens.length }, (_, i) => tokens.token(i));

describe('scanner lexers', () => {
  it('C family: strings, comments, templates and regex literals', () => {
    const src = 'const a = \'us-east-1\'; // eu-west-1\n/* ap-south-1 */ const b = `x${r}y`; const re = /eu-north-1/g; const s = "q\\"x";';
    const { tokens, comments, problems } = lexCFamily(src, 'js');
    assert.deepEqual(problems, []);
    const strings = all(tokens).filter((t) => t.kind === 'str');
    assert.deepEqual(
      strings.map((t) => t.text),
      ['us-east-1', 'x${r}y', 'q"x'],
    );
    assert.equal(strings[1].template, true);
    assert.deepEqual(
      Array.from({ length: comments.length / 2 }, (_, k) => src.slice(comments[2 * k], comments[2 * k + 1])),
      ['// eu-west-1', '/* ap-south-1 */'],
    );
    assert.ok(!strings.some((t) => t.text.includes('eu-north-1')), 'a regex literal is not a string');
  });

  it('Go raw strings and Java text blocks', () => {
    assert.equal(all(lexCFamily('x := `a\\nb`', 'go').tokens).find((t) => t.kind === 'str')?.text, 'a\\nb');
    const java = all(lexCFamily('String t = """\n  us-west-2\n  """;', 'java').tokens).find((t) => t.kind === 'str');
    assert.equal(java?.prose, true);
  });

  it('C# verbatim strings: over lines, "" for a quote, interpolated too', () => {
    const src = 'var h = @"You help.\nSay ""sorry"" in eu-west-1.";\nvar p = $@"Line {n}\nnext";\nvar q = @$"x";\nvar m = "gpt-4o";';
    const { tokens, problems } = lexCFamily(src, 'java');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      all(tokens)
        .filter((t) => t.kind === 'str')
        .map((t) => t.text),
      ['You help.\nSay ""sorry"" in eu-west-1.', 'Line {n}\nnext', 'x', 'gpt-4o'],
    );
  });

  it('an unterminated string ends at the line end and is reported', () => {
    const { tokens, problems } = lexCFamily('const a = "eu-west-1\nconst b = 1;', 'js');
    assert.equal(problems.length, 1);
    assert.ok(all(tokens).some((t) => t.kind === 'id' && t.text === 'b'));
  });

  it('Python: prefixes, triple quotes, f-strings, docstrings and comments', () => {
    const src = 'def f():\n    """Regions: us-east-1."""\n    x = f"{a}-aiplatform"  # eu-west-1\n    y = rb\'raw\\d\'\n';
    const { tokens, comments } = lexPython(src);
    const strings = all(tokens).filter((t) => t.kind === 'str');
    assert.equal(strings[0].prose, true);
    assert.equal(strings[1].template, true);
    assert.equal(strings[2].text, 'raw\\d');
    assert.deepEqual(comments, [src.indexOf('# eu-west-1'), src.indexOf('\n    y')]);
  });

  it('Python: an f-string is a template where a brace is followed by another character than a brace', () => {
    const templates = (src: string) =>
      all(lexPython(src).tokens)
        .filter((t) => t.kind === 'str')
        .map((t) => t.template);
    assert.deepEqual(templates('a = f"plain"\nb = f"{{"\nc = f"x{"\nd = f"{x}"\ne = "{x}"\nf = f"{\n'), [
      false,
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  it('operators: the longest one, also at the end of the text', () => {
    const punct = (tokens: Array<{ kind: string; text: string }>) => tokens.filter((t) => t.kind === 'punct').map((t) => t.text);
    assert.deepEqual(punct(all(lexCFamily('a===b!==c...d>>>e?.f??=g=>h<<=i::j+k-', 'js').tokens)), [
      '===',
      '!==',
      '...',
      '>>>',
      '?.',
      '??=',
      '=>',
      '<<=',
      '::',
      '+',
      '-',
    ]);
    assert.deepEqual(punct(all(lexPython('a**=b//=c...d->e:=f<<g!h=').tokens)), ['**=', '//=', '...', '->', ':=', '<<', '!', '=']);
  });

  it('token lists: offsets in the file for a text lexed on its own, one object per token, no token outside the list', () => {
    const { tokens } = lexCFamily('a.b("x\\ty")', 'js', 100);
    assert.deepEqual(
      all(tokens).map((t) => [t.kind, t.text, t.start]),
      [
        ['id', 'a', 100],
        ['punct', '.', 101],
        ['id', 'b', 102],
        ['punct', '(', 103],
        ['str', 'x\ty', 104],
        ['punct', ')', 110],
      ],
    );
    assert.deepEqual(tokens.token(4).inner, { start: 105, end: 109 });
    assert.equal(tokens.token(4), tokens.token(4));
    assert.ok(tokens.isId(0, 'a') && tokens.isPunct(3, '(') && tokens.textIs(4, 'x\ty') && !tokens.isPunct(4, 'x\ty'));
    for (const outside of [-1, tokens.length, tokens.length + 1000]) {
      assert.equal(tokens.has(outside), false);
      assert.equal(tokens.kind(outside), undefined);
      assert.equal(tokens.text(outside), '');
      assert.equal(tokens.textIs(outside, ''), false);
      assert.equal(tokens.nl(outside), false);
    }
  });

  it("token lists: the string tokens' indices in order, a list's own after a released one", () => {
    const strIndices = (tokens: TokenList) => all(tokens).flatMap((t, i) => (t.kind === 'str' ? [i] : []));
    const first = lexPython('"""Doc."""\nx = f("eu-west-1", k=[1, 2])\nclient.call(model=f"m{v}", region=r)\n').tokens;
    assert.deepEqual(first.strings, strIndices(first));
    assert.equal(first.strings.length, 3);
    first.release();
    const { tokens } = lexCFamily('a(`t`, b, "s" + \'q\'); // "c"', 'js');
    assert.deepEqual(tokens.strings, strIndices(tokens));
    assert.deepEqual(
      tokens.strings.map((i) => tokens.text(i)),
      ['t', 's', 'q'],
    );
  });

  it("token lists: a released list's arrays serve the next list with nothing of the first left in them", () => {
    const first = lexPython('x = f("eu-west-1", k=[1, 2])\nclient.call(model="m", region=r)\n').tokens;
    // read every token (texts and objects are kept by index) before giving the arrays back
    const firstTexts = all(first).map((t) => t.text);
    first.release();
    const { tokens } = lexCFamily('a(b);', 'js');
    assert.deepEqual(
      all(tokens).map((t) => [t.kind, t.text, t.start, t.end, t.inner]),
      [
        ['id', 'a', 0, 1, undefined],
        ['punct', '(', 1, 2, undefined],
        ['id', 'b', 2, 3, undefined],
        ['punct', ')', 3, 4, undefined],
        ['punct', ';', 4, 5, undefined],
      ],
    );
    // the first list's tokens past the second's end read as none
    assert.ok(firstTexts.length > tokens.length);
    for (let k = tokens.length; k < firstTexts.length; k++) {
      assert.equal(tokens.has(k), false);
      assert.equal(tokens.text(k), '');
      assert.equal(tokens.isPunct(k, firstTexts[k]), false);
      assert.equal(tokens.textIs(k, firstTexts[k]), false);
    }
  });

  it('token lists: one packed for another thread reads as the list it was, and its arrays serve the next list', () => {
    const src = 'x = f"a{b}"  # c\ns = r"eu-west-1" + """doc"""\ny = x.z(1, k=2)\n';
    const lexed = lexPython(src);
    const expected = all(lexed.tokens);
    const strings = [...lexed.tokens.strings];
    const packed = lexed.tokens.pack();
    lexed.tokens.release();
    const tokens = TokenList.unpack(src, structuredClone(packed, { transfer: [packed.buffer] }));
    assert.deepEqual(all(tokens), expected);
    assert.deepEqual(tokens.strings, strings);
    for (const outside of [tokens.length, tokens.length + 1]) assert.equal(tokens.has(outside) || tokens.textIs(outside, ''), false);
    tokens.release();
    assert.deepEqual(
      all(lexCFamily('a("q");', 'js').tokens).map((t) => [t.kind, t.text, t.start]),
      [
        ['id', 'a', 0],
        ['punct', '(', 1],
        ['str', 'q', 2],
        ['punct', ')', 5],
        ['punct', ';', 6],
      ],
    );
  });

  it('Python reader: a keyword argument is no assignment, on whichever line of its call it stands', () => {
    const src = [
      'client = boto3.client(',
      '    "bedrock",',
      '    region_name="eu-west-1",',
      ')',
      // more than the 400 tokens the bracket count looks back over
      ...Array.from({ length: 150 }, (_, i) => `x${i} = 1`),
      'y = f(a=1,',
      '  b=(2))',
      '(z) = 3',
      'class A:',
      '    w: str = "v"',
    ].join('\n');
    const namesIn = (text: string) => {
      const reader = new CodeReader(lexPython(text).tokens, 'python');
      reader.sourceLineStart = (offset) => text.lastIndexOf('\n', offset - 1) + 1;
      return reader.read().assignments.map((a) => a.name);
    };
    assert.deepEqual(namesIn(src), ['client', ...Array.from({ length: 150 }, (_, i) => `x${i}`), 'y', 'w']);
    // the next file's bracket counts are its own (the readers share one table): none is open before its `=`
    assert.deepEqual(namesIn('a = 1\nb = g(c=2)\n'), ['a', 'b']);
    assert.deepEqual(namesIn(`f(${'('.repeat(300)}\nd = 1\n`), []);
    assert.deepEqual(namesIn('e = 1\n'), ['e']);
  });

  it('hash comments outside quotes', () => {
    assert.equal(hashCommentStart('A=1 # c'), 4);
    assert.equal(hashCommentStart('A="x # y"'), -1);
    assert.equal(hashCommentStart('url=http://x#frag'), -1);
    assert.equal(hashCommentStart('# all'), 0);
  });
});

describe('HCL parser', () => {
  it('reads blocks, attributes, interpolation, heredocs and comments', () => {
    const src = [
      'provider "aws" { region = var.region } # c',
      'locals {',
      '  arn = "arn:aws:bedrock:${var.region}::foundation-model/x"',
      '  doc = <<-EOT',
      '    text ${local.a}',
      '  EOT',
      '  obj = { MODEL_ID = "m", "B" = data.aws_region.current.name }',
      '}',
      '/* block',
      'comment */',
    ].join('\n');
    const { body, comments, problems } = parseHcl(src);
    assert.deepEqual(problems, []);
    assert.equal(comments.length, 2);
    const provider = body.blocks[0];
    assert.deepEqual([provider.type, provider.labels], ['provider', ['aws']]);
    const region = provider.body.attrs[0].expr;
    assert.equal(region.t, 'ref');
    const locals = body.blocks[1].body.attrs;
    assert.deepEqual(
      locals.map((a) => a.name),
      ['arn', 'doc', 'obj'],
    );
    assert.equal(locals[0].expr.t === 'str' && locals[0].expr.parts?.length, 3);
    assert.equal(locals[1].expr.t === 'str' && locals[1].expr.heredoc, true);
    const obj = locals[2].expr;
    assert.ok(obj.t === 'obj');
    assert.deepEqual(
      obj.attrs.map((a) => a.name),
      ['MODEL_ID', 'B'],
    );
    assert.equal(strValue(obj.attrs[0].expr), 'm');
  });

  it('unwraps "${var.x}" and never throws on broken input', () => {
    const { body } = parseHcl('a = "${var.x}"');
    const e = unwrap(body.attrs[0].expr);
    assert.ok(e.t === 'ref' && e.path.join('.') === 'var.x');
    for (const broken of ['resource "x" {', 'a = "unterminated', 'a = [1, 2', '}}}', 'x = <<EOF\nno end', '"${']) {
      const parsed = parseHcl(broken);
      assert.ok(parsed.problems.length > 0 || parsed.body, broken);
    }
  });
});

describe('YAML and JSON trees', () => {
  it('keeps CloudFormation tags and resolves merge keys', () => {
    const { docs, problems } = parseYamlTree('base: &b\n  region: eu-west-1\nitem:\n  <<: *b\n  model: m\nref: !Ref AWS::Region\n');
    assert.deepEqual(problems, []);
    const region = get(docs[0], 'item', 'region');
    assert.ok(region?.t === 'scalar' && region.value === 'eu-west-1');
    const ref = get(docs[0], 'ref');
    assert.ok(ref?.t === 'scalar' && ref.tag === '!Ref' && ref.value === 'AWS::Region');
  });

  it('gives value ranges inside quotes for YAML and JSONC', () => {
    const yaml = 'a: "us-east-1"\n';
    const y = get(parseYamlTree(yaml).docs[0], 'a');
    assert.ok(y?.t === 'scalar' && y.inner && yaml.slice(y.inner.start, y.inner.end) === 'us-east-1');
    const json = '{ // c\n "a": "eu-west-1", }';
    const j = get(parseJsonTree(json).docs[0], 'a');
    assert.ok(j?.t === 'scalar' && j.inner && json.slice(j.inner.start, j.inner.end) === 'eu-west-1');
  });
});

describe('Bicep parser', () => {
  it('reads params with decorators, resources, objects and loops', () => {
    const src =
      "@allowed([\n  'eastus'\n])\nparam location string = 'eastus'\nresource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for r in regions: {\n  location: r.location\n  sku: { name: 'S0' }\n}]\n";
    const { statements } = parseBicep(src);
    assert.deepEqual(
      statements.map((s) => s.kind),
      ['param', 'resource'],
    );
    assert.equal(statements[0].decorators[0].name, 'allowed');
    const loop = statements[1].value;
    assert.ok(loop?.t === 'map' && loop.tag === '!for');
    const location = get(get(loop, 'body'), 'location');
    assert.ok(location?.t === 'scalar' && location.tag === '!expr' && location.value === 'r.location');
  });
});
