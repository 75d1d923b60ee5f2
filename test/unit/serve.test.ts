// `gridlens serve` over loopback: every endpoint answers the CLI's JSON byte for byte, the OpenAPI document is a
// valid OpenAPI 3.1 document generated from the schemas the answers fit, errors have one shape and the right
// status, hostile requests get a 4xx and leave the server healthy. (The unit layer's network guard lets a test's
// own loopback client through: the clients here are test code.)
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import * as z from 'zod/mini';
import { main } from '../../src/cli/main';
import { ErrorSchema, MAX_URL_LENGTH, routes, runServe, startServer, type RunningServer } from '../../src/cli/serve';
import { bundledDataset } from '../../src/core/data/bundled';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
  base: string,
  target: string,
  options: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string } = {},
): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, path: target, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Bytes sent as they are (requests http.request refuses to make), the raw answer back. */
function rawRequest(base: string, bytes: Buffer | string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const stackTrace = /\bat [^\n]*\(?[^\n]*:\d+:\d+\)?|\.ts:\d+/;

function assertError(reply: Reply, status: number, code: string, parameter?: string) {
  assert.equal(reply.status, status, reply.body);
  assert.match(String(reply.headers['content-type']), /^application\/json/);
  const body = JSON.parse(reply.body);
  assert.deepEqual(z.parse(ErrorSchema, body), body, 'the stable error shape, nothing else');
  assert.equal(body.error.status, status);
  assert.equal(body.error.code, code);
  if (parameter !== undefined) assert.equal(body.error.parameter, parameter);
  assert.doesNotMatch(reply.body, stackTrace);
  return body.error as { message: string; parameter?: string; suggestions?: string[] };
}

describe('gridlens serve', () => {
  let server: RunningServer;
  const log: string[] = [];
  const get = (target: string, options?: Parameters<typeof request>[2]) => request(server.url, target, options);

  before(async () => {
    server = await startServer(bundledDataset(), { port: 0, host: '127.0.0.1', log: (line) => log.push(line) });
  });
  after(() => server.close());

  describe('answers as the CLI does', () => {
    const cases: Array<[string, string[]]> = [
      ['/api/recommend?model=mistral.mistral-7b-instruct-v0:2', ['recommend', 'mistral.mistral-7b-instruct-v0:2']],
      ['/api/recommend?model=mistral-7b&jurisdiction=eu', ['recommend', 'mistral-7b', '--jurisdiction', 'eu']],
      [
        '/api/recommend?model=mistral-7b&near=eu-west-1&maxDistanceKm=600',
        ['recommend', 'mistral-7b', '--near', 'eu-west-1', '--max-distance-km', '600'],
      ],
      [
        '/api/recommend?model=mistral-7b&near=52.5,13.4&from=aws:us-east-1',
        ['recommend', 'mistral-7b', '--near', '52.5,13.4', '--from', 'aws:us-east-1'],
      ],
      [
        '/api/recommend?model=anthropic.claude-3-haiku-20240307-v1%3A0&provider=aws&provider=gcp',
        ['recommend', 'anthropic.claude-3-haiku-20240307-v1:0', '--provider', 'aws', '--provider', 'gcp'],
      ],
      [
        '/api/recommend?model=gpt-4o&provider=azure,aws&jurisdiction=US',
        ['recommend', 'gpt-4o', '--provider', 'azure,aws', '--jurisdiction', 'US'],
      ],
      [
        '/api/estimate?model=amazon.nova-lite-v1:0&region=aws:eu-west-1',
        ['estimate', 'amazon.nova-lite-v1:0', '--region', 'aws:eu-west-1'],
      ],
      [
        '/api/estimate?model=gemini-2.0-flash-001&region=gcp:europe-west4',
        ['estimate', 'gemini-2.0-flash-001', '--region', 'gcp:europe-west4'],
      ],
      [
        '/api/estimate?model=gemini-2.0-flash-001&region=gcp:europe-west4&basis=usage',
        ['estimate', 'gemini-2.0-flash-001', '--region', 'gcp:europe-west4', '--usage-only'],
      ],
      ['/api/recommend?model=mistral-7b&basis=usage', ['recommend', 'mistral-7b', '--usage-only']],
      ['/api/leaderboard?model=mistral-7b&basis=total', ['leaderboard', '--model', 'mistral-7b']],
      ['/api/leaderboard', ['leaderboard']],
      [
        '/api/leaderboard?model=mistral-7b&model=gpt-4o&provider=aws,azure&jurisdiction=EU',
        ['leaderboard', '--model', 'mistral-7b', '--model', 'gpt-4o', '--provider', 'aws,azure', '--jurisdiction', 'EU'],
      ],
      ['/api/regions', ['regions']],
      ['/api/regions?provider=gcp', ['regions', '--provider', 'gcp']],
    ];
    for (const [target, argv] of cases) {
      it(`GET ${target} = gridlens ${argv.join(' ')} --format json`, async () => {
        const [reply, expected] = await Promise.all([get(target), cli(...argv, '--format', 'json')]);
        assert.equal(expected.code, 0, expected.stderr);
        assert.equal(reply.status, 200, reply.body);
        assert.equal(reply.headers['content-type'], 'application/json; charset=utf-8');
        assert.equal(reply.body, expected.stdout, 'the same bytes');
        const route = routes.find((r) => target.startsWith(`${r.path}`));
        assert.ok(route);
        const body = JSON.parse(reply.body);
        assert.deepEqual(z.parse(route.answer, body), body, 'the answer fits its published schema exactly (no field outside it)');
      });
    }

    it('GET /healthz says ok with the version; HEAD answers the headers only', async () => {
      const reply = await get('/healthz');
      assert.equal(reply.status, 200);
      assert.equal(JSON.parse(reply.body).status, 'ok');
      const head = await get('/api/regions', { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.body, '');
      assert.ok(Number(head.headers['content-length']) > 1000);
    });
  });

  describe('/openapi.json', () => {
    it('is a valid OpenAPI 3.1 document describing every route, its parameters and its answer', async () => {
      const reply = await get('/openapi.json');
      assert.equal(reply.status, 200);
      const document = JSON.parse(reply.body);
      const validator = new Validator();
      const result = await validator.validate(document);
      assert.deepEqual(result.errors ?? [], [], 'OpenAPI 3.1 schema');
      assert.equal(result.valid, true);
      assert.equal(validator.version, '3.1');
      for (const route of routes) {
        const operation = document.paths[route.path]?.get;
        assert.ok(operation, route.path);
        assert.deepEqual(
          operation.parameters.map((p: { name: string }) => p.name),
          Object.keys(route.query.shape),
          `${route.path} parameters`,
        );
        assert.deepEqual(
          operation.responses[200].content['application/json'].schema,
          (({ $schema: _, ...rest }) => rest)(z.toJSONSchema(route.answer, { target: 'draft-2020-12' })),
          `${route.path} answer schema`,
        );
      }
      const recommend = document.paths['/api/recommend'].get;
      assert.deepEqual(recommend.parameters.find((p: { name: string }) => p.name === 'model').required, true);
      assert.equal(recommend.parameters.find((p: { name: string }) => p.name === 'provider').schema.type, 'array');
      assert.ok(recommend.responses[404] && recommend.responses[400]);
    });
  });

  describe('errors', () => {
    it('400 names the parameter: missing, unknown, repeated, not in its enum, not a number, out of range, without what it needs', async () => {
      assertError(await get('/api/recommend'), 400, 'invalid_parameter', 'model');
      assertError(await get('/api/recommend?model=mistral-7b&colour=green'), 400, 'invalid_parameter', 'colour');
      assertError(await get('/api/recommend?model=mistral-7b&model=gpt-4o'), 400, 'invalid_parameter', 'model');
      assertError(await get('/api/recommend?model=mistral-7b&provider=ibm'), 400, 'invalid_parameter', 'provider');
      assertError(await get('/api/estimate?model=mistral-7b&region=aws:eu-west-1&basis=embodied'), 400, 'invalid_parameter', 'basis');
      assertError(await get('/api/recommend?model=mistral-7b&near=eu-west-1&maxDistanceKm=far'), 400, 'invalid_parameter', 'maxDistanceKm');
      assertError(await get('/api/recommend?model=mistral-7b&near=eu-west-1&maxDistanceKm='), 400, 'invalid_parameter', 'maxDistanceKm');
      assertError(await get('/api/recommend?model=mistral-7b&near=eu-west-1&maxDistanceKm=-5'), 400, 'invalid_parameter', 'maxDistanceKm');
      assertError(await get('/api/recommend?model=mistral-7b&maxDistanceKm=500'), 400, 'invalid_parameter', 'maxDistanceKm');
      assertError(await get('/api/recommend?model=mistral-7b&near=95,10'), 400, 'invalid_parameter', 'near');
      assertError(await get('/api/recommend?model=mistral-7b&from=ibm:eu-de'), 400, 'invalid_parameter', 'from');
      assertError(await get('/api/estimate?model=mistral-7b'), 400, 'invalid_parameter', 'region');
      assertError(await get('/api/regions?provider=aws&x=1'), 400, 'invalid_parameter', 'x');
    });

    it('404 for an unknown model or region, with the closest known names; 404 for an unknown path', async () => {
      const model = assertError(await get('/api/recommend?model=lama-3.1-70b-instruct'), 404, 'unknown_model', 'model');
      assert.ok(model.suggestions?.includes('meta/llama-3.1-70b-instruct'), JSON.stringify(model));
      const region = assertError(await get('/api/estimate?model=mistral-7b&region=aws:eu-west-9'), 404, 'unknown_region', 'region');
      assert.deepEqual(region.suggestions?.[0], 'eu-west-1');
      assertError(await get('/api/recommend?model=mistral-7b&from=aws:eu-west-9'), 404, 'unknown_region', 'from');
      assertError(await get('/api/recommend?model=mistral-7b&near=atlantis'), 404, 'unknown_region', 'near');
      assertError(await get('/api/leaderboard?model=mistral-7b,not-a-model'), 404, 'unknown_model', 'model');
      assertError(await get('/admin'), 404, 'not_found');
      assertError(await get('/api/recommend/'), 404, 'not_found');
    });

    it('405 with Allow for other methods, 413 for a body, 414 for a long target, 431 for large headers', async () => {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        const reply = await get('/api/regions', { method });
        assertError(reply, 405, 'method_not_allowed');
        assert.equal(reply.headers.allow, 'GET, HEAD');
      }
      assertError(await get('/api/regions', { headers: { 'content-length': '5' }, body: 'hello' }), 413, 'payload_too_large');
      assertError(await get(`/api/recommend?model=${'a'.repeat(MAX_URL_LENGTH)}`), 414, 'uri_too_long');
      const headers = await rawRequest(server.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
      assert.match(headers, /^HTTP\/1\.1 431 /);
      assert.match(headers, /"code": "headers_too_large"/);
    });
  });

  describe('hostile requests', () => {
    it('answer 4xx and leave the server healthy', async () => {
      const hostile = [
        '/api/recommend?model=%E0%A4%A', // truncated UTF-8 escape
        '/api/recommend?model=%zz',
        '/api/recommend?model=%',
        '/api/recommend?model=%00',
        `/api/recommend?model=${encodeURIComponent('модель-🚀\u202e')}`,
        `/api/recommend?model=${'x'.repeat(3000)}`,
        `/api/recommend?${Array.from({ length: 400 }, (_, i) => `provider=aws&p${i}=1`).join('&')}`,
        `/api/leaderboard?${Array.from({ length: 300 }, () => 'provider=aws').join('&')}`,
        `/api/recommend?model=mistral-7b&jurisdiction=${Array.from({ length: 60 }, () => 'EU').join(',')}`,
        '/api/recommend?model=mistral-7b&near=1e999,1',
        '/api/recommend?model=mistral-7b&near=eu-west-1&maxDistanceKm=Infinity',
        '/api/recommend?model=mistral-7b&near=eu-west-1&maxDistanceKm=0x10',
        '/api/recommend?__proto__=1&model=mistral-7b',
        '/api/recommend?constructor=1&model=mistral-7b',
        '/api/recommend?model[]=a',
        '/api/estimate?model=mistral-7b&region=aws:',
        '/api/estimate?model=mistral-7b&region=:::::',
        '/..%2f..%2fetc%2fpasswd',
      ];
      for (const target of hostile) {
        const reply = await get(target);
        assert.ok(reply.status >= 400 && reply.status < 500, `${target.slice(0, 80)} → ${reply.status}`);
        assert.doesNotMatch(reply.body, stackTrace);
        assert.doesNotThrow(() => JSON.parse(reply.body));
      }
      for (const bytes of [
        Buffer.concat([
          Buffer.from('GET /api/recommend?model='),
          Buffer.from('modèle', 'latin1'),
          Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
        ]),
        'GET /api/regions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
        'NONSENSE\r\n\r\n',
        'GET /api/regions HTTP/9.9\r\n\r\n',
        '\x00\x01\x02\r\n\r\n',
      ]) {
        const answer = await rawRequest(server.url, bytes);
        assert.match(answer, /^HTTP\/1\.1 4\d\d /, JSON.stringify(String(bytes).slice(0, 60)));
        assert.doesNotMatch(answer, stackTrace);
      }
      const health = await get('/healthz');
      assert.equal(health.status, 200);
      const again = await get('/api/recommend?model=mistral-7b');
      assert.equal(again.status, 200);
    });
  });

  it('closes a connection whose headers trickle in too slowly with 408 (slowloris), and stays healthy', async () => {
    const strict = await startServer(bundledDataset(), { port: 0, host: '127.0.0.1', timeouts: { headersMs: 300, requestMs: 600 } });
    try {
      const started = performance.now();
      const answer = await rawRequest(strict.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1'); // never finished
      assert.match(answer, /^HTTP\/1\.1 408 /);
      assert.match(answer, /"code": "request_timeout"/);
      assert.ok(performance.now() - started < 5000, "closed within the limit, not Node's 30 s check interval");
      assert.equal((await request(strict.url, '/healthz')).status, 200);
    } finally {
      await strict.close();
    }
  });

  describe('options', () => {
    it('CORS headers only with --cors (and a preflight then answers 204)', async () => {
      assert.equal((await get('/api/regions')).headers['access-control-allow-origin'], undefined);
      const withCors = await startServer(bundledDataset(), { port: 0, host: '127.0.0.1', cors: 'https://app.example.com' });
      try {
        const reply = await request(withCors.url, '/api/regions', { headers: { origin: 'https://app.example.com' } });
        assert.equal(reply.headers['access-control-allow-origin'], 'https://app.example.com');
        const preflight = await request(withCors.url, '/api/recommend?model=x', { method: 'OPTIONS' });
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD');
        assertError(await request(withCors.url, '/api/regions', { method: 'POST' }), 405, 'method_not_allowed');
      } finally {
        await withCors.close();
      }
    });

    it("logs one line per request (method, target, status, time) without the query string's control characters", async () => {
      log.length = 0;
      await get('/api/regions?provider=aws');
      await get('/api/recommend?model=%0Aforged%20line');
      assert.equal(log.length, 2, log.join('\n'));
      assert.match(log[0], /^\d{4}-\d\d-\d\dT\S+Z GET \/api\/regions\?provider=aws 200 \d+\.\dms$/);
      assert.match(log[1], / 404 /);
      assert.ok(log.every((line) => !line.includes('\n')));
    });

    it('gridlens serve listens on loopback, logs to stderr unless --quiet, and shuts down on SIGTERM or SIGINT', async () => {
      for (const [signal, quiet] of [
        ['SIGTERM', false],
        ['SIGINT', true],
      ] as const) {
        const signals = new EventEmitter();
        let stderr = '';
        let listening: (url: string) => void = () => undefined;
        const url = new Promise<string>((resolve) => (listening = resolve));
        const exit = runServe(
          bundledDataset(),
          ['--port', '0', ...(quiet ? ['--quiet'] : [])],
          {
            stdout: () => undefined,
            stderr: (text) => {
              stderr += text;
              const found = /listening on (http:\/\/\S+?) /.exec(stderr);
              if (found) listening(found[1]);
            },
          },
          signals,
        );
        const base = await url;
        assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal((await request(base, '/healthz')).status, 200);
        signals.emit(signal);
        assert.equal(await exit, 0);
        assert.equal(/GET \/healthz 200/.test(stderr), !quiet, stderr);
        await assert.rejects(request(base, '/healthz'), /ECONNREFUSED/);
      }
    });

    it('rejects a bad --port or --cors with a usage error', async () => {
      const port = await cli('serve', '--port', '99999');
      assert.equal(port.code, 2);
      assert.match(port.stderr, /--port must be an integer/);
      const cors = await cli('serve', '--cors', 'not an origin');
      assert.equal(cors.code, 2);
      assert.match(cors.stderr, /--cors must be an origin/);
    });
  });
});
