// Resolver.mayFindModel: the check that lets pairing skip env values that cannot lead to a model. It must say yes
// wherever resolve() finds a model (through names, symbols, chains, fallbacks and cycles), and no for regions.
import assert from 'node:assert/strict';
import type { EnvScope, EnvVar, Ref } from '../../src/core/scan/facts';
import { Resolver } from '../../src/core/scan/resolve';
import { anyFolder, symbolKey, type SymbolKey } from '../../src/core/scan/symbols';
import type { Finding } from '../../src/core/scan/types';

const at = { start: 0, end: 1 };
const finding = (kind: Finding['kind'], text: string): Ref => ({ kind: 'finding', finding: { kind, range: at, text, role: 'inference' } });
const env = (...names: string[]): Ref => ({ kind: 'env', names, at });
const chain = (next: Ref): Ref => ({ kind: 'chain', at, label: 'hop', next });
const variable = (name: string, value: Ref): EnvVar => ({ name, value, at });
const scope = (id: string, ...vars: EnvVar[]): { scope: EnvScope; file: string } => ({
  scope: { id, kind: 'dotenv', vars },
  file: `${id}/.env`,
});

function resolver(
  scopes: Array<{ scope: EnvScope; file: string }>,
  symbols: Array<[SymbolKey, Ref]> = [],
): { resolver: Resolver; models: (ref: Ref) => number } {
  const byKey = new Map<SymbolKey, Array<{ value: Ref; priority: number; file: string }>>();
  for (const [key, value] of symbols) byKey.set(key, [...(byKey.get(key) ?? []), { value, priority: 0, file: 'main.bicep' }]);
  const r = new Resolver(scopes, byKey);
  const models = (ref: Ref) =>
    r.resolve(ref, 'app/main.py', { file: 'app/main.py' }).filter((o) => o.finding?.finding.kind === 'model').length;
  return { resolver: r, models };
}

describe('Resolver.mayFindModel', () => {
  it('finds a model through env names, chains and fallbacks, and whenever resolve() finds one', () => {
    const { resolver: r, models } = resolver([
      scope('app', variable('MODEL', env('BASE_MODEL')), variable('AWS_REGION', finding('region', 'us-east-1'))),
      scope('base', variable('BASE_MODEL', chain(finding('model', 'gpt-4o')))),
    ]);
    for (const ref of [
      env('MODEL'),
      chain(env('MODEL')),
      { ...env('UNSET'), fallback: env('BASE_MODEL') },
      { kind: 'all', refs: [env('AWS_REGION'), env('MODEL')] } as Ref,
    ]) {
      assert.equal(models(ref) > 0, true);
      assert.equal(r.mayFindModel(ref), true);
    }
    assert.equal(r.mayFindModel(env('AWS_REGION')), false);
    assert.equal(r.mayFindModel({ kind: 'state', state: 'unresolved' }), false);
  });

  it('says no for names that read each other in a cycle without a model, yes when one of them is set to a model', () => {
    const cycle = [
      variable('AWS_REGION', chain({ kind: 'ambient', provider: 'aws', at })),
      variable('AWS_DEFAULT_REGION', env('AWS_REGION')),
    ];
    assert.equal(resolver([scope('a', ...cycle)]).resolver.mayFindModel(env('AWS_DEFAULT_REGION')), false);
    const withModel = resolver([scope('a', ...cycle), scope('b', variable('AWS_REGION', finding('model', 'claude')))]);
    assert.equal(withModel.resolver.mayFindModel(env('AWS_DEFAULT_REGION')), true);
  });

  it('follows symbols, a template parameter passed for every folder among them', () => {
    const param = symbolKey.templateParameter('infra', 'model');
    const { resolver: r } = resolver(
      [scope('app', variable('MODEL', { kind: 'symbol', key: param, at }))],
      [[symbolKey.templateParameter(anyFolder, 'model'), finding('model', 'gpt-4o')]],
    );
    assert.equal(r.mayFindModel(env('MODEL')), true);
    assert.equal(r.mayFindModel({ kind: 'symbol', key: symbolKey.templateParameter('infra', 'region'), at }), false);
  });
});
