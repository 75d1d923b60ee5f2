// Property tests of GridLens's trusted boundaries: the leaderboard webview protocol (whatever arrives is accepted
// only in a shape the host and page expect, and never throws), the page's HTML shell (a nonce CSP on every render,
// attributes that cannot be broken out of), and the dataset loader (a damaged copy is rejected with a DatasetError
// naming the place, never accepted, never a crash elsewhere).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DatasetError, loadDataset } from '../../src/core/data/dataset';
import { makeNonce, renderHtml } from '../../src/extension/leaderboard/html';
import { HostMessageSchema, PageMessageSchema, SavedStateSchema, parseMessage } from '../../src/webview/leaderboard/protocol';

const pageTypes = new Set(['ready', 'recommend', 'compare', 'copy', 'useRegion', 'exportCsv']);

/** Messages close to valid ones: the right type with fields of any shape, or valid fields under the wrong type. */
const nearMessage = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...pageTypes, 'init', 'context', 'notice', 'constructor', '__proto__'), fc.string()),
    requestId: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(undefined)),
    provider: fc.oneof(fc.constantFrom('aws', 'gcp', 'azure', 'AWS', 'oracle'), fc.anything()),
    region: fc.oneof(
      fc.constantFrom('us-east-1', 'eu-north-1', '"><script>alert(1)</script>', '../../etc', 'a'.repeat(100)),
      fc.anything(),
    ),
    text: fc.oneof(fc.string({ maxLength: 300 }), fc.anything()),
    model: fc.oneof(fc.string(), fc.anything()),
    providers: fc.oneof(fc.array(fc.constantFrom('aws', 'gcp', 'azure', 'x')), fc.anything()),
    jurisdictions: fc.oneof(fc.array(fc.string({ maxLength: 10 })), fc.anything()),
    csv: fc.oneof(fc.string(), fc.anything()),
    rows: fc.oneof(fc.nat(), fc.anything()),
  },
  { requiredKeys: ['type'] },
);

describe('property: the leaderboard webview boundary', () => {
  it('any value from the page is either rejected with a reason or accepted as a known message, never thrown (3,000 runs)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), nearMessage), (data) => {
        const parsed = parseMessage(PageMessageSchema, data);
        if (!parsed.ok) {
          assert.equal(typeof parsed.reason, 'string');
          assert.ok(parsed.reason.length > 0);
          return;
        }
        accepted++;
        assert.ok(pageTypes.has(parsed.message.type), `accepted type ${parsed.message.type}`);
        // what is accepted re-validates (a parsed message is a fixed point) and carries no extra keys
        assert.deepEqual(parseMessage(PageMessageSchema, parsed.message), { ok: true, message: parsed.message });
        if (parsed.message.type === 'useRegion') assert.match(parsed.message.region, /^[a-z0-9-]{1,64}$/);
      }),
      { numRuns: 3000 },
    );
    assert.ok(accepted > 0, 'no generated message was valid: the generator no longer reaches the accepting paths');
  });

  it('the page rejects any host message and saved state of the wrong shape, never throwing (1,000 runs each)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), nearMessage), (data) => {
        const parsed = parseMessage(HostMessageSchema, data);
        if (parsed.ok) assert.ok(['init', 'context', 'focus', 'recommendResult', 'compareResult', 'notice'].includes(parsed.message.type));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.anything(), (state) => {
        const parsed = SavedStateSchema.safeParse(state);
        assert.equal(parsed.success, false);
      }),
      { numRuns: 1000 },
    );
  });

  it('every render has one nonce CSP and attributes that cannot be broken out of, whatever the URIs hold (500 runs)', () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.constantFrom('"><script>alert(1)</script>', "' onload='x", 'https://x/"; script-src *', '</head><body onload=1>'),
    );
    fc.assert(
      fc.property(hostile, hostile, hostile, (cspSource, scriptUri, styleUri) => {
        const nonce = makeNonce();
        const html = renderHtml({ cspSource, scriptUri, styleUri, nonce });
        assert.equal(html.match(/<meta http-equiv="Content-Security-Policy"/g)?.length, 1);
        assert.equal(html.match(/<script\b/g)?.length, 1, 'one script element');
        assert.equal(html.match(/<link\b/g)?.length, 1, 'one link element');
        const csp = /content="([^"]*)"/.exec(html)?.[1] ?? '';
        assert.match(csp, /^default-src 'none';/);
        assert.ok(csp.includes(`script-src 'nonce-${nonce}'`));
        assert.ok(!/unsafe-inline|unsafe-eval/.test(html.replace(/content="[^"]*"/, '')), 'no unsafe source outside the policy');
        // every attribute value is quoted and holds no raw quote or angle bracket
        for (const m of html.matchAll(/\s([a-z-]+)="([^"]*)"/g)) assert.ok(!/[<>]/.test(m[2]), `attribute ${m[1]} holds a raw < or >`);
      }),
      { numRuns: 500 },
    );
  });

  it('nonces are 32 characters from the CSPRNG and do not repeat (10,000 draws)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const nonce = makeNonce();
      assert.match(nonce, /^[A-Za-z0-9]{32}$/);
      seen.add(nonce);
    }
    assert.equal(seen.size, 10_000);
    assert.throws(
      () => renderHtml({ cspSource: 'x', scriptUri: 'x', styleUri: 'x', nonce: "abc' 'unsafe-inline" }),
      /nonce must be alphanumeric/,
    );
  });
});

describe('property: the bundled dataset boundary', () => {
  const raw = JSON.parse(readFileSync(join(__dirname, '..', '..', 'build', 'dataset.json'), 'utf8')) as Record<string, unknown>;

  /** Every path to a value in the dataset, for damaging one place at a time. */
  const paths: Array<Array<string | number>> = [];
  const collect = (value: unknown, path: Array<string | number>) => {
    if (path.length) paths.push(path);
    if (Array.isArray(value)) value.slice(0, 3).forEach((v, i) => collect(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, [...path, k]);
  };
  collect(raw, []);

  it('the bundled data loads (as every build and test does)', () => {
    assert.ok(loadDataset(raw).regions.size > 100);
  });

  it('a copy damaged at any one place is rejected with a DatasetError naming it, or loads; nothing else happens (150 runs)', () => {
    let rejected = 0;
    const damage = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.constant(-1),
      fc.constant(''),
      fc.constant('NaN'),
      fc.constant([]),
      fc.constant({}),
      fc.double(),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), damage, (path, value) => {
        const copy = structuredClone(raw);
        let at: Record<string | number, unknown> = copy;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
        const last = path[path.length - 1];
        if (value === undefined) delete at[last];
        else at[last] = value;
        try {
          loadDataset(copy);
        } catch (error) {
          assert.ok(error instanceof DatasetError, `not a DatasetError: ${String(error)}`);
          assert.ok(error.message.length > 0);
          rejected++;
        }
      }),
      { numRuns: 150 },
    );
    assert.ok(rejected > 75, `only ${rejected} of 150 damaged copies were rejected`);
  });
});
