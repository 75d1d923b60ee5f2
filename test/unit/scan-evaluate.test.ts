// The shared evaluator over a toy format: how parameters and their defaults, env reads, variables and choices come
// to Refs and findings, whatever the format's nodes are.
import assert from 'node:assert/strict';
import { Collector } from '../../src/core/scan/base';
import { Evaluator, type Bounds, type Goal, type Reading } from '../../src/core/scan/evaluate';
import type { Ref } from '../../src/core/scan/facts';
import type { Role } from '../../src/core/scan/types';
import { symbolKey } from '../../src/core/scan/symbols';
import { scanDataset } from '../fixtures/scan-harness';

/** A toy format: a literal is its text in the document, the rest names what it refers to. */
type Toy =
  | { lit: string; atMost?: Role; spelled?: string }
  | { param: string; default?: Toy }
  | { env: string; default?: Toy }
  | { var: string }
  | { either: Toy[] }
  | { firstSet: Toy[] }
  | { elsewhere: string }
  | { sources: Array<Array<{ from: string; value: Toy; template?: boolean }>> }
  | { made: string };

const text = 'region eu-west-1 fallback us-east-1 model anthropic.claude-3-haiku-20240307-v1:0 other not-a-region';

/** Another file of the same toy module, whose literals are recorded there. */
const otherText = 'override ap-south-1 also ca-central-1';

function toyEvaluator(vars: Record<string, Toy> = {}, bounds?: Bounds<Toy>) {
  const c = new Collector(scanDataset(), 'infra/main.toy', text);
  const other = new Collector(scanDataset(), 'infra/other.toy', otherText);
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  const atOther = (s: string) => ({ start: otherText.indexOf(s), end: otherText.indexOf(s) + s.length });
  let made = 0;
  const read = (node: Toy): Reading<Toy> => {
    if ('elsewhere' in node) return { is: 'literal', at: atOther(node.elsewhere), in: other, region: { keyed: true } };
    if ('made' in node)
      return {
        is: 'known',
        ref: () => {
          made++;
          return { kind: 'state', state: 'unresolved', note: node.made };
        },
      };
    if ('sources' in node)
      return {
        is: 'sources',
        at: at('other'),
        label: 'var.location',
        ranks: node.sources.map((rank) =>
          rank.map((s) => ({
            node: s.value,
            at: atOther(s.from),
            in: other,
            label: s.from,
            goal: s.template ? { label: 'client region (template)' } : undefined,
          })),
        ),
        none: { kind: 'state', state: 'unresolved', at: at('other'), note: 'var.location has no value' },
      };
    if ('lit' in node)
      return {
        is: 'literal',
        at: at(node.lit),
        region: { keyed: true },
        model: { keyed: true },
        otherwise: () => ({ kind: 'state', state: 'unresolved', at: at(node.lit), note: node.lit }),
        roleAtMost: node.atMost,
        text: node.spelled,
      };
    if ('param' in node)
      return {
        is: 'parameter',
        keys: [symbolKey.moduleParameter('infra/main.toy', node.param), symbolKey.templateParameter('infra', node.param)],
        at: at('region'),
        label: `param ${node.param}`,
        default: { node: node.default, at: at('fallback'), hop: `param ${node.param} default`, label: `${node.param} default` },
      };
    if ('env' in node)
      return { is: 'env', name: node.env, at: at('region'), label: node.env, default: { node: node.default, label: 'env default' } };
    if ('var' in node)
      return { is: 'variable', node: vars[node.var], at: at('other'), label: node.var, unresolved: `${node.var} not known` };
    if ('either' in node) return { is: 'choice', nodes: node.either };
    return {
      is: 'choice',
      nodes: node.firstSet,
      firstSet: true,
      none: { kind: 'state', state: 'unresolved', at: at('other'), note: 'none set' },
    };
  };
  return { c, other, made: () => made, evaluator: new Evaluator(c, read, bounds) };
}

const inference: Goal = { want: 'region', role: 'inference', label: 'client region' };
const found = (ref: Ref | undefined) => (ref?.kind === 'finding' ? ref.finding : undefined);

describe('shared evaluator', () => {
  it('makes a literal a finding with the role and label of the setting', () => {
    const { c, evaluator } = toyEvaluator();
    const f = found(evaluator.evaluate({ lit: 'eu-west-1' }, inference));
    assert.deepEqual([f?.value, f?.role, f?.evidence], ['eu-west-1', 'inference', 'client region']);
    assert.equal(c.findings.length, 1);
  });

  it('reads a parameter under each key in turn, then its default, which is a deployment setting', () => {
    const { c, evaluator } = toyEvaluator();
    const ref = evaluator.evaluate({ param: 'location', default: { lit: 'us-east-1' } }, inference);
    assert.equal(ref?.kind, 'symbol');
    assert.equal(ref.kind === 'symbol' && ref.key, symbolKey.moduleParameter('infra/main.toy', 'location'));
    const inner = ref.kind === 'symbol' ? ref.fallback : undefined;
    assert.equal(inner?.kind === 'symbol' && inner.key, symbolKey.templateParameter('infra', 'location'));
    const hop = inner?.kind === 'symbol' ? inner.fallback : undefined;
    assert.equal(hop?.kind === 'chain' && hop.label, 'param location default');
    const f = found(hop?.kind === 'chain' ? hop.next : undefined);
    assert.deepEqual([f?.value, f?.role, f?.evidence], ['us-east-1', 'deployment', 'location default']);
    assert.equal(c.findings.length, 1);
  });

  it('gives an env read the default that runs when the variable is not set, with the role of the setting', () => {
    const { evaluator } = toyEvaluator();
    const ref = evaluator.evaluate({ env: 'AWS_REGION', default: { lit: 'us-east-1' } }, inference);
    assert.deepEqual(ref?.kind === 'env' && ref.names, ['AWS_REGION']);
    const f = found(ref?.kind === 'env' ? ref.fallback : undefined);
    assert.deepEqual([f?.role, f?.evidence], ['inference', 'env default']);
    const bare = evaluator.evaluate({ env: 'AWS_REGION' }, inference);
    assert.equal(bare?.kind === 'env' && bare.fallback, undefined);
  });

  it('keeps every branch of a conditional, but only the known options of a first-set choice', () => {
    const { evaluator } = toyEvaluator();
    const both = evaluator.evaluate({ either: [{ lit: 'eu-west-1' }, { lit: 'not-a-region' }] }, inference);
    assert.equal(both?.kind, 'all');
    assert.deepEqual(both?.kind === 'all' && both.refs.map((r) => r.kind), ['finding', 'state']);
    const first = evaluator.evaluate({ firstSet: [{ lit: 'not-a-region' }, { lit: 'eu-west-1' }] }, inference);
    assert.equal(found(first)?.value, 'eu-west-1');
    const none = evaluator.evaluate({ firstSet: [{ lit: 'not-a-region' }] }, inference);
    assert.equal(none?.kind === 'state' && none.note, 'none set');
  });

  it('chains a variable to its value, and stops a reference cycle with an unresolved state', () => {
    const { evaluator } = toyEvaluator({ a: { lit: 'eu-west-1' }, loop: { var: 'loop' } });
    const ref = evaluator.evaluate({ var: 'a' }, inference);
    assert.equal(ref?.kind === 'chain' && ref.label, 'a');
    assert.equal(found(ref?.kind === 'chain' ? ref.next : undefined)?.value, 'eu-west-1');
    let cycle = evaluator.evaluate({ var: 'loop' }, inference);
    let hops = 0;
    while (cycle?.kind === 'chain') {
      cycle = cycle.next;
      hops++;
    }
    assert.ok(hops <= 9, `${hops} hops`);
    assert.equal(cycle?.kind === 'state' && cycle.note, 'loop not known');
  });

  it('caps a literal at the role its reading allows, even where another setting read the same text as inference first', () => {
    const { c, evaluator } = toyEvaluator();
    const capped = found(evaluator.evaluate({ lit: 'eu-west-1', atMost: 'deployment' }, inference));
    assert.deepEqual([capped?.role, capped?.evidence], ['deployment', 'client region']);
    const again = found(evaluator.evaluate({ lit: 'us-east-1' }, inference));
    assert.equal(again?.role, 'inference');
    evaluator.evaluate({ lit: 'us-east-1', atMost: 'deployment' }, inference);
    assert.equal(again?.role, 'deployment');
    assert.equal(c.findings.length, 2);
    // a cap never raises a role
    const quiet = toyEvaluator();
    const low = found(quiet.evaluator.evaluate({ lit: 'eu-west-1', atMost: 'deployment' }, { ...inference, role: 'mention' }));
    assert.equal(low?.role, 'mention');
  });

  it('gives the text a value is written as through variables and parameter defaults, recording nothing', () => {
    const { c, evaluator } = toyEvaluator({ a: { lit: 'eu-west-1' }, p: { param: 'location', default: { lit: 'not-a-region' } } });
    assert.equal(evaluator.text({ var: 'a' }, inference), 'eu-west-1');
    // a parameter's default is the text when nothing overrides it, even one that is no region
    assert.equal(evaluator.text({ var: 'p' }, inference), 'not-a-region');
    assert.equal(evaluator.text({ lit: 'eu-west-1', spelled: 'eu-west-1 (unescaped)' }, inference), 'eu-west-1 (unescaped)');
    // an env read, a choice and a missing name have no text of their own
    assert.equal(evaluator.text({ env: 'AWS_REGION', default: { lit: 'us-east-1' } }, inference), undefined);
    assert.equal(evaluator.text({ either: [{ lit: 'eu-west-1' }] }, inference), undefined);
    assert.equal(evaluator.text({ var: 'missing' }, inference), undefined);
    assert.equal(c.findings.length, 0);
  });

  it('stops following names for text at the same depth as values', () => {
    const { evaluator } = toyEvaluator({ loop: { var: 'loop' } });
    assert.equal(evaluator.text({ var: 'loop' }, inference), undefined);
  });

  it('records a literal of another file in that file, and says so on the finding', () => {
    const { c, other, evaluator } = toyEvaluator();
    const ref = evaluator.evaluate({ elsewhere: 'ap-south-1' }, inference);
    assert.deepEqual([ref?.kind === 'finding' && ref.file, found(ref)?.value], ['infra/other.toy', 'ap-south-1']);
    assert.deepEqual([c.findings.length, other.findings.length], [0, 1]);
    assert.equal(evaluator.text({ elsewhere: 'ap-south-1' }, inference), 'ap-south-1');
  });

  it('reads the first rank of sources that has any, each a hop in its file, several of one rank as all', () => {
    const { other, evaluator } = toyEvaluator();
    const caller = { from: 'override', value: { elsewhere: 'ap-south-1' } };
    const tfvars = { from: 'also', value: { elsewhere: 'ca-central-1' } };
    const ref = evaluator.evaluate({ sources: [[], [caller], [tfvars]] }, inference);
    assert.equal(ref?.kind === 'chain' && ref.label, 'var.location');
    const next = ref?.kind === 'chain' ? ref.next : undefined;
    assert.deepEqual([next?.kind === 'chain' && next.label, next?.kind === 'chain' && next.file], ['override', 'infra/other.toy']);
    assert.equal(found(next?.kind === 'chain' ? next.next : undefined)?.value, 'ap-south-1');
    // the later rank is not read at all: nothing recorded for it
    assert.deepEqual(
      other.findings.map((f) => f.value),
      ['ap-south-1'],
    );
    const both = evaluator.evaluate({ sources: [[caller, tfvars]] }, inference);
    const all = both?.kind === 'chain' ? both.next : undefined;
    assert.deepEqual(all?.kind === 'all' && all.refs.map((r) => r.kind === 'chain' && r.label), ['override', 'also']);
    const none = evaluator.evaluate({ sources: [[], []] }, inference);
    assert.equal(none?.kind === 'chain' && none.next.kind === 'state' && none.next.note, 'var.location has no value');
  });

  it('keeps the role of the setting for a source, with the label its source gives', () => {
    const { evaluator } = toyEvaluator();
    const ref = evaluator.evaluate({ sources: [[{ from: 'also', value: { elsewhere: 'ca-central-1' }, template: true }]] }, inference);
    const f = found(ref?.kind === 'chain' && ref.next.kind === 'chain' ? ref.next.next : undefined);
    assert.deepEqual([f?.role, f?.evidence], ['inference', 'client region (template)']);
  });

  it('gives the text of sources only when the ones that run agree', () => {
    const { evaluator } = toyEvaluator();
    const a = { from: 'override', value: { lit: 'eu-west-1' } };
    const same = { from: 'also', value: { lit: 'eu-west-1' } };
    const differs = { from: 'also', value: { lit: 'us-east-1' } };
    assert.equal(evaluator.text({ sources: [[a, same], [differs]] }, inference), 'eu-west-1');
    assert.equal(evaluator.text({ sources: [[a, differs]] }, inference), undefined);
    assert.equal(evaluator.text({ sources: [[], [differs]] }, inference), 'us-east-1');
    assert.equal(evaluator.text({ sources: [] }, inference), undefined);
  });

  it('works out a known value only when evaluating, never for text', () => {
    const { evaluator, made } = toyEvaluator();
    assert.equal(evaluator.text({ made: 'later' }, inference), undefined);
    assert.equal(made(), 0);
    const ref = evaluator.evaluate({ made: 'later' }, inference);
    assert.deepEqual([ref?.kind === 'state' && ref.note, made()], ['later', 1]);
  });

  it("stops past the format's own depth with what the format says a cycle is", () => {
    const { evaluator } = toyEvaluator(
      { loop: { var: 'loop' } },
      { maxDepth: 3, tooDeep: () => ({ kind: 'state', state: 'unresolved', note: 'reference cycle' }) },
    );
    let ref = evaluator.evaluate({ var: 'loop' }, inference);
    let hops = 0;
    while (ref?.kind === 'chain') {
      ref = ref.next;
      hops++;
    }
    assert.deepEqual([hops, ref?.kind === 'state' && ref.note], [4, 'reference cycle']);
  });
});
