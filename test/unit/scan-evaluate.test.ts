// The shared evaluator over a toy format: how parameters and their defaults, env reads, variables and choices come
// to Refs and findings, whatever the format's nodes are.
import assert from 'node:assert/strict';
import { Collector } from '../../src/core/scan/base';
import { Evaluator, type Goal, type Reading } from '../../src/core/scan/evaluate';
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
  | { firstSet: Toy[] };

const text = 'region eu-west-1 fallback us-east-1 model anthropic.claude-3-haiku-20240307-v1:0 other not-a-region';

function toyEvaluator(vars: Record<string, Toy> = {}) {
  const c = new Collector(scanDataset(), 'infra/main.toy', text);
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  const read = (node: Toy): Reading<Toy> => {
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
  return { c, evaluator: new Evaluator(c, read) };
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
});
