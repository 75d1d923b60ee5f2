// The leaderboard's message protocol (validation in both directions, wrong shapes rejected) and the host
// service behind it (recommend gives the same answer as core's recommend; compare splits the ratio exactly).
import assert from 'node:assert/strict';
import { recommend } from '../../src/core/carbon/recommend';
import { contentSecurityPolicy, makeNonce, renderHtml } from '../../src/extension/leaderboard/html';
import {
  HostMessageSchema,
  PageMessageSchema,
  SavedStateSchema,
  parseMessage,
  type CompareRequest,
  type RecommendRequest,
} from '../../src/webview/leaderboard/protocol';
import {
  answerCompare,
  answerRecommend,
  canonicalModelId,
  initMessage,
  resolveSearchTerms,
  toFocus,
} from '../../src/extension/leaderboard/service';
import { bundledDataset } from '../../src/core/data/bundled';
import { computeView, defaultViewState, defaultSavedState } from '../../src/webview/leaderboard/state';
import { tinyDataset } from './helpers/tinyDataset';

const page = (data: unknown) => parseMessage(PageMessageSchema, data);
const host = (data: unknown) => parseMessage(HostMessageSchema, data);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('leaderboard protocol', () => {
  const index = tinyDataset();

  describe('page → host', () => {
    const valid: unknown[] = [
      { type: 'ready' },
      {
        type: 'recommend',
        requestId: 1,
        model: 'meta/llama-3.1-70b-instruct',
        providers: ['aws'],
        jurisdictions: ['EU'],
        near: 'aws:eu-west-1',
        maxDistanceKm: 2000,
        from: 'aws:ap-southeast-1',
      },
      { type: 'recommend', requestId: 2, model: 'gpt-4o', providers: [], jurisdictions: [] },
      {
        type: 'compare',
        requestId: 3,
        a: { model: 'meta/llama-3.1-70b-instruct', provider: 'aws', region: 'eu-north-1' },
        b: { model: 'meta/llama-3.1-8b-instruct', provider: 'aws', region: 'ap-southeast-1' },
      },
      { type: 'copy', text: 'eu-north-1' },
      { type: 'useRegion', provider: 'gcp', region: 'europe-north2' },
      { type: 'exportCsv', csv: 'model_id\r\n', rows: 0 },
      { type: 'resolveSearch', terms: ['us.amazon.nova-pro-v1:0', 'eu'] },
    ];

    it('accepts every message the page sends', () => {
      for (const message of valid) assert.ok(page(message).ok, JSON.stringify(message));
    });

    const invalid: Array<[string, unknown]> = [
      ['not an object', 'ready'],
      ['null', null],
      ['an unknown type', { type: 'eval', code: 'alert(1)' }],
      ['no type', { requestId: 1 }],
      ['a recommend without a request id', { type: 'recommend', model: 'x', providers: [], jurisdictions: [] }],
      ['a negative request id', { type: 'recommend', requestId: -1, model: 'x', providers: [], jurisdictions: [] }],
      ['a fractional request id', { type: 'recommend', requestId: 1.5, model: 'x', providers: [], jurisdictions: [] }],
      ['an empty model', { type: 'recommend', requestId: 1, model: '', providers: [], jurisdictions: [] }],
      ['an unknown provider', { type: 'recommend', requestId: 1, model: 'x', providers: ['ibm'], jurisdictions: [] }],
      ['a markup jurisdiction', { type: 'recommend', requestId: 1, model: 'x', providers: [], jurisdictions: ['<b>'] }],
      [
        'a negative distance',
        { type: 'recommend', requestId: 1, model: 'x', providers: [], jurisdictions: [], near: 'eu-west-1', maxDistanceKm: -5 },
      ],
      [
        'a distance as a string',
        { type: 'recommend', requestId: 1, model: 'x', providers: [], jurisdictions: [], near: 'eu-west-1', maxDistanceKm: '500' },
      ],
      [
        'a compare side without a region',
        { type: 'compare', requestId: 1, a: { model: 'x', provider: 'aws' }, b: { model: 'y', provider: 'aws', region: 'eu-west-1' } },
      ],
      ['a region code with markup', { type: 'useRegion', provider: 'aws', region: '<img src=x>' }],
      ['a region code in upper case', { type: 'useRegion', provider: 'aws', region: 'EU-WEST-1' }],
      ['a use without a provider', { type: 'useRegion', region: 'eu-west-1' }],
      ['an empty copy', { type: 'copy', text: '' }],
      ['an over-long copy', { type: 'copy', text: 'x'.repeat(201) }],
      ['a CSV without a row count', { type: 'exportCsv', csv: 'a' }],
      ['a CSV that is not text', { type: 'exportCsv', csv: 42, rows: 1 }],
      ['a search resolution with no words', { type: 'resolveSearch', terms: [] }],
      ['a search resolution with an empty word', { type: 'resolveSearch', terms: [''] }],
      ['a search resolution with too many words', { type: 'resolveSearch', terms: Array.from({ length: 21 }, (_, i) => `w${i}`) }],
      ['a search resolution with a word that is not text', { type: 'resolveSearch', terms: [42] }],
    ];

    for (const [what, message] of invalid) {
      it(`rejects ${what}`, () => {
        const result = page(message);
        assert.equal(result.ok, false);
        if (!result.ok) assert.ok(result.reason.length > 0);
      });
    }

    it('drops fields the protocol does not define', () => {
      const result = page({ type: 'copy', text: 'eu-west-1', html: '<script>' });
      assert.ok(result.ok);
      if (result.ok) assert.deepEqual(result.message, { type: 'copy', text: 'eu-west-1' });
    });
  });

  describe('host → page', () => {
    it('accepts the init message the host builds from the dataset (after a JSON round trip)', () => {
      const init = clone(initMessage(index, null));
      const result = host(init);
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.equal(init.rows.length, 7);
      assert.equal(init.regions.length, 5);
      assert.equal(init.dataset.gridYear, 2025);
    });

    it('accepts the recommend and compare answers and notices', () => {
      const recommendation = answerRecommend(index, {
        type: 'recommend',
        requestId: 4,
        model: 'meta/llama-3.1-70b-instruct',
        providers: [],
        jurisdictions: [],
      });
      const comparison = answerCompare(index, {
        type: 'compare',
        requestId: 5,
        a: { model: 'meta/llama-3.1-70b-instruct', provider: 'aws', region: 'eu-north-1' },
        b: { model: 'openai/gpt-4o', provider: 'azure', region: 'swedencentral' },
      });
      for (const message of [
        recommendation,
        comparison,
        { type: 'notice', level: 'info', text: 'Copied' },
        { type: 'context', context: null },
      ]) {
        const result = host(clone(message));
        assert.ok(result.ok, result.ok ? '' : result.reason);
      }
    });

    it('rejects wrong shapes', () => {
      const init = clone(initMessage(index, null));
      const row = init.rows[0];
      const bad: unknown[] = [
        { ...init, rows: [{ ...row, carbon: { central: 'lots' } }] },
        { ...init, rows: [{ ...row, provider: 'ibm' }] },
        { ...init, rows: [{ ...row, model: { ...row.model, openWeights: 'yes' } }] },
        { ...init, rows: [{ ...row, gridIntensity: { ...row.gridIntensity, gPerKWh: -1 } }] },
        { ...init, rows: [{ ...row, carbon: { central: Number.NaN, low: 1, high: 2 } }] },
        { ...init, regions: [{ ...init.regions[0], lat: 120 }] },
        { ...init, rows: 'all of them' },
        { type: 'recommendResult', requestId: 1, ok: true },
        { type: 'recommendResult', requestId: 1, ok: false },
        { type: 'compareResult', requestId: 1, ok: true, result: { ratio: 1 } },
        { type: 'notice', level: 'warn', text: 'x' },
        { type: 'notice', level: 'info', text: 'x'.repeat(3000) },
        { type: 'context', context: { uri: 'file:///x', range: [1, 2, 3], provider: 'aws', currentRegion: 'x', label: 'x' } },
        { type: 'init' },
        { type: 'unknown' },
        { ...init, workspaceModels: 'openai/gpt-4o' },
        { type: 'searchResolved', matches: [{ term: 'gpt-4o' }] },
        { type: 'searchResolved', matches: [{ term: 'gpt-4o', modelId: 42 }] },
        { type: 'searchResolved', matches: Array.from({ length: 21 }, (_, i) => ({ term: `w${i}`, modelId: null })) },
      ];
      for (const message of bad) assert.equal(host(message).ok, false, JSON.stringify(message).slice(0, 160));
    });

    it('carries strings as data: a payload model name validates and stays a string', () => {
      const init = clone(initMessage(index, null));
      const payload = '<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>';
      init.rows[0].model.name = payload;
      const result = host(init);
      assert.ok(result.ok && result.message.type === 'init' && result.message.rows[0].model.name === payload);
    });
  });

  describe('saved state', () => {
    it('accepts the default and a state with a finding context, and rejects an old or altered one', () => {
      assert.ok(SavedStateSchema.safeParse(defaultSavedState()).success);
      const withContext = {
        ...defaultSavedState(),
        context: { uri: 'file:///w/main.tf', range: [3, 10, 3, 19], provider: 'aws', currentRegion: 'us-east-1', label: 'main.tf:4' },
      };
      assert.ok(SavedStateSchema.safeParse(withContext).success);
      assert.equal(SavedStateSchema.safeParse({ ...defaultSavedState(), version: 2 }).success, false);
      assert.equal(
        SavedStateSchema.safeParse({ ...defaultSavedState(), view: { ...defaultSavedState().view, pageSize: 100_000 } }).success,
        false,
      );
      assert.ok(SavedStateSchema.safeParse({ ...defaultSavedState(), view: { ...defaultSavedState().view, pageSize: 'all' } }).success);
      assert.equal(
        SavedStateSchema.safeParse({ ...defaultSavedState(), view: { ...defaultSavedState().view, pageSize: 'every' } }).success,
        false,
      );
      assert.equal(SavedStateSchema.safeParse({ ...defaultSavedState(), tab: 'settings' }).success, false);
      assert.equal(SavedStateSchema.safeParse(undefined).success, false);
    });
  });

  describe('HTML shell', () => {
    it('allows scripts by nonce only, and styles, fonts and images from the webview source only', () => {
      const nonce = makeNonce();
      assert.match(nonce, /^[A-Za-z0-9]{32}$/);
      assert.notEqual(nonce, makeNonce());
      assert.equal(
        contentSecurityPolicy('https://x.vscode-cdn.net', nonce),
        `default-src 'none'; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; img-src https://x.vscode-cdn.net; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`,
      );
      const html = renderHtml({
        cspSource: 'https://x.vscode-cdn.net',
        nonce,
        scriptUri: 'https://x/leaderboard.js',
        styleUri: 'https://x/leaderboard.css',
      });
      assert.equal(html.match(/<script/g)?.length, 1);
      assert.ok(html.includes(`<script nonce="${nonce}" src="https://x/leaderboard.js">`));
      assert.doesNotMatch(html, /\sstyle=|\son[a-z]+=/);
      assert.throws(() => renderHtml({ cspSource: 'x', nonce: '"><script>', scriptUri: '', styleUri: '' }));
    });
  });
});

describe('leaderboard host service', () => {
  const index = tinyDataset();
  const request = (over: Partial<RecommendRequest>): RecommendRequest => ({
    type: 'recommend',
    requestId: 1,
    model: 'meta/llama-3.1-70b-instruct',
    providers: [],
    jurisdictions: [],
    ...over,
  });

  it('answers recommend with exactly what core recommend (and so `gridlens recommend`) returns', () => {
    const answer = answerRecommend(index, request({ providers: ['aws'], jurisdictions: ['eu'], from: 'aws:ap-southeast-1' }));
    assert.ok(answer.ok);
    const expected = recommend(index, 'meta/llama-3.1-70b-instruct', {
      providers: ['aws'],
      jurisdictions: ['EU'],
      from: { provider: 'aws', code: 'ap-southeast-1' },
    });
    if (answer.ok) assert.deepEqual(answer.result, expected);
    if (answer.ok) assert.equal(answer.result.recommended?.region, 'eu-north-1');
  });

  it('measures distance from a region or from coordinates, with the CLI default radius', () => {
    const near = answerRecommend(index, request({ near: 'ap-southeast-1' }));
    assert.ok(near.ok && near.result.recommended?.region === 'ap-southeast-1' && near.result.excluded === 2);
    const wide = answerRecommend(index, request({ near: '1.3,103.8', maxDistanceKm: 20_000 }));
    assert.ok(wide.ok && wide.result.excluded === 0);
    const byRegion = answerRecommend(index, request({ near: 'aws:eu-north-1', maxDistanceKm: 100 }));
    assert.ok(byRegion.ok && byRegion.result.recommended?.region === 'eu-north-1');
  });

  it('reports unknown models and regions, and a distance without a place, as failures with suggestions', () => {
    const unknown = answerRecommend(index, request({ model: 'llama-3.1-70b-instrct' }));
    assert.ok(!unknown.ok && /Unknown model/.test(unknown.error));
    const region = answerRecommend(index, request({ near: 'eu-nort-1' }));
    assert.ok(!region.ok && region.suggestions.includes('eu-north-1'));
    const distance = answerRecommend(index, request({ maxDistanceKm: 100 }));
    assert.ok(!distance.ok && /needs a place/.test(distance.error));
    const coordinates = answerRecommend(index, request({ near: '95,10' }));
    assert.ok(!coordinates.ok);
  });

  it("splits a comparison's usage into model, facility and grid factors that multiply to it", () => {
    const compare: CompareRequest = {
      type: 'compare',
      requestId: 9,
      a: { model: 'meta/llama-3.1-70b-instruct', provider: 'aws', region: 'eu-north-1' },
      b: { model: 'meta/llama-3.1-8b-instruct', provider: 'aws', region: 'ap-southeast-1' },
    };
    const answer = answerCompare(index, compare);
    assert.ok(answer.ok);
    if (!answer.ok) return;
    const { result } = answer;
    assert.ok(Math.abs(result.factors.grid - 20 / 483) < 1e-12);
    assert.equal(result.factors.facility, 1);
    assert.ok(result.factors.model > 1, 'the 70B model uses more energy per token');
    assert.ok(Math.abs(result.factors.model * result.factors.facility * result.factors.grid - (result.usageRatio as number)) < 1e-9);
    assert.ok(
      Math.abs(result.ratio - result.a.carbon.central / result.b.carbon.central) < 0.01,
      'the headline ratio is on what is shown (usage + embodied)',
    );
    assert.ok((result.usageRatio as number) < 1, 'the bigger model on the clean grid uses less electricity');
    assert.equal(result.a.offered, true);
    const hypothetical = answerCompare(index, {
      ...compare,
      b: { model: 'meta/llama-3.1-8b-instruct', provider: 'aws', region: 'eu-north-1' },
    });
    assert.ok(hypothetical.ok && hypothetical.result.b.offered === false);
    const crossProvider = answerCompare(index, { ...compare, b: { model: 'openai/gpt-4o', provider: 'azure', region: 'swedencentral' } });
    assert.ok(crossProvider.ok && Math.abs(crossProvider.result.factors.facility - 1.15 / 1.16) < 1e-12);
    const missing = answerCompare(index, { ...compare, b: { ...compare.b, region: 'mars-1' } });
    assert.ok(!missing.ok && missing.requestId === 9);
  });

  it('reads a hover or code-action link argument into a focus, and ignores what it cannot resolve', () => {
    assert.deepEqual(toFocus(index, [{ model: 'meta.llama3-1-8b-instruct-v1:0', region: 'eu-west-1' }]), {
      modelId: 'meta/llama-3.1-8b-instruct',
      provider: 'aws',
      region: 'eu-west-1',
    });
    assert.deepEqual(toFocus(index, { region: 'swedencentral', provider: 'azure' }), { provider: 'azure', region: 'swedencentral' });
    assert.deepEqual(toFocus(index, { model: 'gpt-4o', region: 'nowhere-9' }), { modelId: 'openai/gpt-4o' });
    assert.equal(toFocus(index, { model: 'unknown', region: 'nowhere-9' }), undefined);
    assert.equal(toFocus(index, 'eu-west-1'), undefined);
    assert.equal(toFocus(index, null), undefined);
    assert.ok(host({ type: 'focus', focus: toFocus(index, { model: 'gpt-4o' }) }).ok);
    assert.equal(host({ type: 'focus', focus: { region: '<b>' } }).ok, false);
  });

  it('resolves search words as model ids written in code with core resolver, answering in a message the page accepts', () => {
    const answer = resolveSearchTerms(index, [
      'us.meta.llama3-1-70b-instruct-v1:0',
      'bedrock/meta.llama3-1-8b-instruct-v1:0',
      'gpt-4o-2024-08-06',
      'eu',
      'stockholm',
    ]);
    assert.deepEqual(
      answer.matches.map((m) => m.modelId),
      ['meta/llama-3.1-70b-instruct', 'meta/llama-3.1-8b-instruct', 'openai/gpt-4o', null, null],
    );
    assert.deepEqual(
      answer.matches.map((m) => m.term),
      ['us.meta.llama3-1-70b-instruct-v1:0', 'bedrock/meta.llama3-1-8b-instruct-v1:0', 'gpt-4o-2024-08-06', 'eu', 'stockholm'],
    );
    assert.ok(host(clone(answer)).ok);
  });

  it('finds the rows of ids as code writes them in the bundled data, and never a family guess', () => {
    const bundled = bundledDataset();
    const rows = initMessage(bundled, null).rows;
    for (const search of ['gemini-2.0-flash-001', 'us.amazon.nova-pro-v1:0']) {
      const view = { ...defaultViewState(), filter: { ...defaultViewState().filter, search } };
      assert.equal(computeView(rows, view).matched.length, 0, `${search} is in no row as text`);
      const aliases = new Map(resolveSearchTerms(bundled, [search]).matches.map((m) => [m.term, m.modelId]));
      const matched = computeView(rows, view, aliases).matched;
      assert.ok(matched.length > 0, search);
      assert.equal(new Set(matched.map((r) => r.model.id)).size, 1, `${search} names one model`);
    }
    // The resolver would stand a family prior in for an unseen Claude; a search must not pretend that is a match.
    assert.deepEqual(resolveSearchTerms(bundled, ['claude-opus-9-20300101']).matches, [{ term: 'claude-opus-9-20300101', modelId: null }]);
  });

  it('sends the workspace models the dataset knows, once each, in the init message', () => {
    const init = initMessage(index, null, undefined, ['openai/gpt-4o', 'no/such-model', 'openai/gpt-4o', 'meta/llama-3.1-8b-instruct']);
    assert.deepEqual(init.workspaceModels, ['openai/gpt-4o', 'meta/llama-3.1-8b-instruct']);
    assert.ok(host(clone(init)).ok);
    assert.equal('workspaceModels' in initMessage(index, null), false);
  });

  it('resolves the model a finding names to its canonical id', () => {
    assert.equal(canonicalModelId(index, 'meta.llama3-1-8b-instruct-v1:0'), 'meta/llama-3.1-8b-instruct');
    assert.equal(canonicalModelId(index, 'no-such-model'), undefined);
    assert.equal(canonicalModelId(index, undefined), undefined);
  });
});
