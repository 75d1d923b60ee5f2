// `gridlens serve`: the answers of the CLI over HTTP for runtime routers, with Node's http module. Each route is a
// zod query schema, a zod answer schema and a core/api query function: the query string is checked against the
// schema, the answer is the bytes `gridlens <command> --format json` prints, and /openapi.json is generated from the
// same schemas. Hardened for a loopback sidecar: GET only, size and time limits, JSON errors without stack traces.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod/mini';
import { version } from '../../package.json';
import type { DatasetIndex } from '../core/data/dataset';
import { estimateFor, InvalidParameterError, leaderboardFor, recommendFor, regionsFor, type AnswerOptions } from '../core/api/queries';
import { withLiveGrid, type IntensityProvider } from '../core/carbon/liveGrid';
import {
  EstimateQuerySchema,
  EstimateSchema,
  LeaderboardQuerySchema,
  LeaderboardSchema,
  RecommendationSchema,
  RecommendQuerySchema,
  RegionsQuerySchema,
  RegionsSchema,
} from '../core/api/schemas';
import { UnknownModelError, UnknownRegionError } from '../core/carbon/recommend';
import { decimalNumber, jsonText, parse, UsageError, type Io } from './args';
import { liveOption, liveProviderFromEnv } from './live';

export const serveUsage = 'gridlens serve [--port N] [--host 127.0.0.1] [--cors ORIGIN] [--live] [--quiet]';

export const DEFAULT_PORT = 8787;
/** Longest request target accepted (414 above). */
export const MAX_URL_LENGTH = 4096;
/** Largest header block accepted (431 above). */
export const MAX_HEADER_BYTES = 8192;
/** Time limits of a request: headers within 5 s, the whole request within 10 s. */
export const DEFAULT_TIMEOUTS = { headersMs: 5_000, requestMs: 10_000 };
/** Connections open at once; more wait in the kernel's backlog. */
const MAX_CONNECTIONS = 512;
/** How long a shutdown waits for requests in flight before closing their connections. */
const SHUTDOWN_GRACE_MS = 5_000;

export const ErrorSchema = z.object({
  error: z.object({
    status: z.int(),
    code: z.enum([
      'invalid_parameter',
      'unknown_model',
      'unknown_region',
      'not_found',
      'method_not_allowed',
      'uri_too_long',
      'headers_too_large',
      'payload_too_large',
      'bad_request',
      'request_timeout',
      'internal',
    ]),
    message: z.string(),
    /** The query parameter at fault, for invalid_parameter, unknown_model and unknown_region. */
    parameter: z.optional(z.string()),
    /** The closest known names, for unknown_model and unknown_region. */
    suggestions: z.optional(z.array(z.string())),
  }),
});
export type ErrorBody = z.infer<typeof ErrorSchema>;

export const HealthSchema = z.object({ status: z.literal('ok'), version: z.string() });

interface Route {
  path: string;
  summary: string;
  query: z.ZodMiniObject;
  answer: z.ZodMiniType;
  run: (index: DatasetIndex, query: never, options: AnswerOptions) => unknown;
  /** Whether an unknown model or region can be asked for (404). */
  lookups: boolean;
}

const emptyQuery = z.strictObject({});

export const routes: readonly Route[] = [
  {
    path: '/api/recommend',
    summary: 'The cleanest region serving a model under constraints, alternatives ranked, savings (as `gridlens recommend --format json`).',
    query: RecommendQuerySchema,
    answer: RecommendationSchema,
    run: recommendFor,
    lookups: true,
  },
  {
    path: '/api/estimate',
    summary: 'One model in one region with every input and its source (as `gridlens estimate --format json`).',
    query: EstimateQuerySchema,
    answer: EstimateSchema,
    run: estimateFor,
    lookups: true,
  },
  {
    path: '/api/leaderboard',
    summary: 'Every model × offering × region, ascending by carbon (as `gridlens leaderboard --format json`).',
    query: LeaderboardQuerySchema,
    answer: LeaderboardSchema,
    run: leaderboardFor,
    lookups: true,
  },
  {
    path: '/api/regions',
    summary: 'Every region with its grid zone and intensity, cleanest first (as `gridlens regions --format json`).',
    query: RegionsQuerySchema,
    answer: RegionsSchema,
    run: regionsFor,
    lookups: false,
  },
  {
    path: '/healthz',
    summary: 'Liveness.',
    query: emptyQuery,
    answer: HealthSchema,
    run: () => ({ status: 'ok', version }),
    lookups: false,
  },
];

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[]; type?: unknown };
const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as JsonSchema;
  return rest;
};

/** The query parameters of a route as OpenAPI parameters (lists repeat or are comma-separated). */
function parametersOf(route: Route): Array<Record<string, unknown>> {
  const schema = jsonSchema(route.query, 'input');
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
    ...(property.type === 'array' ? { style: 'form', explode: true } : {}),
  }));
}

/** The OpenAPI 3.1 document of the routes, from their schemas. */
export function openApiDocument(): Record<string, unknown> {
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const paths = Object.fromEntries(
    routes.map((route) => [
      route.path,
      {
        get: {
          summary: route.summary,
          operationId: route.path.split('/').pop(),
          parameters: parametersOf(route),
          responses: {
            200: { description: 'The answer.', content: { 'application/json': { schema: jsonSchema(route.answer, 'output') } } },
            ...(route.query === emptyQuery
              ? {}
              : { 400: errorResponse('A parameter is missing, unknown or invalid (error.parameter names it).') }),
            ...(route.lookups ? { 404: errorResponse('Unknown model or region; error.suggestions holds the closest known names.') } : {}),
            405: errorResponse('Only GET and HEAD are allowed.'),
            414: errorResponse(`The request target is longer than ${MAX_URL_LENGTH} characters.`),
            431: errorResponse(`The request headers are larger than ${MAX_HEADER_BYTES} bytes.`),
          },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'GridLens',
      version,
      description:
        'gCO2e per million output tokens of AI models per cloud region, from the dataset bundled with GridLens. Grid carbon intensity: Electricity Maps yearly data (ODbL); with `gridlens serve --live`, the latest Electricity Maps reading per zone (gridIntensity.source `electricity-maps-latest` with its datetime, or the yearly figure with gridIntensity.fallback saying why).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: {
      ...paths,
      '/openapi.json': {
        get: {
          summary: 'This document.',
          operationId: 'openapi',
          responses: { 200: { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: { schemas: { Error: jsonSchema(ErrorSchema, 'output') } },
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.error.message);
  }
}

const httpError = (
  status: number,
  code: ErrorBody['error']['code'],
  message: string,
  extra: { parameter?: string; suggestions?: string[] } = {},
) => new HttpError(status, { error: { status, code, message, ...extra } });

const parameterCache = new Map<Route, Record<string, JsonSchema>>();
const parameterSchemas = (route: Route): Record<string, JsonSchema> => {
  let properties = parameterCache.get(route);
  if (!properties) parameterCache.set(route, (properties = jsonSchema(route.query, 'input').properties ?? {}));
  return properties;
};

/** The query string as a route's query: list parameters repeat or are comma-separated, others appear once. */
function readQuery(route: Route, search: string): Record<string, unknown> {
  let params: URLSearchParams;
  try {
    // URLSearchParams replaces malformed percent-encoding silently: check it first
    decodeURIComponent(search.replace(/\+/g, ' '));
    params = new URLSearchParams(search);
  } catch {
    throw httpError(400, 'invalid_parameter', 'the query string has malformed percent-encoding', { parameter: 'query' });
  }
  const properties = parameterSchemas(route);
  const query: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined; // never __proto__ or constructor
    if (!property) throw httpError(400, 'invalid_parameter', `unknown parameter '${name.slice(0, 64)}'`, { parameter: name.slice(0, 64) });
    const values = params.getAll(name);
    if (property.type === 'array') {
      query[name] = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean);
      continue;
    }
    if (values.length > 1)
      throw httpError(400, 'invalid_parameter', `${name} is given ${values.length} times; give it once`, { parameter: name });
    query[name] = property.type === 'number' ? decimalNumber(values[0]) : values[0];
  }
  return query;
}

function asHttpError(error: unknown): unknown {
  if (error instanceof InvalidParameterError)
    return httpError(400, 'invalid_parameter', `${error.parameter}: ${error.reason}`, { parameter: error.parameter });
  if (error instanceof UnknownModelError)
    return httpError(404, 'unknown_model', error.message, { parameter: 'model', suggestions: error.suggestions });
  if (error instanceof UnknownRegionError)
    return httpError(404, 'unknown_region', error.message, { parameter: error.parameter ?? 'region', suggestions: error.suggestions });
  return error;
}

/** The answer of a route: at once over the yearly figures; with live readings, once they are in. */
function answer(index: DatasetIndex, route: Route, search: string, live: IntensityProvider | undefined): unknown {
  try {
    const query = readQuery(route, search) as never;
    if (!live) return route.run(index, query, {});
    return withLiveGrid(live, (grid) => route.run(index, query, { live: grid })).catch((error: unknown) =>
      Promise.reject(asHttpError(error)),
    );
  } catch (error) {
    throw asHttpError(error);
  }
}

export interface ServeOptions {
  port: number;
  host: string;
  /** The one origin allowed to call from a browser; none when undefined. */
  cors?: string;
  /** One line per request; nothing when undefined. */
  log?: (line: string) => void;
  timeouts?: typeof DEFAULT_TIMEOUTS;
  /** Live grid readings (`--live`); the yearly figures when undefined. */
  live?: IntensityProvider;
}

export interface RunningServer {
  url: string;
  server: http.Server;
  /** Stops accepting, lets requests in flight finish (up to a grace period), then resolves. */
  close: () => Promise<void>;
}

/** Control characters and over-long targets never reach the log as they came. */
const loggable = (text: string) => JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text).slice(1, -1);

export function startServer(index: DatasetIndex, options: ServeOptions): Promise<RunningServer> {
  const openApi = jsonText(openApiDocument());
  const byPath = new Map(routes.map((route) => [route.path, route]));

  const send = (request: http.IncomingMessage, response: http.ServerResponse, status: number, body: string, started: number) => {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (options.cors) Object.assign(headers, { 'access-control-allow-origin': options.cors, vary: 'Origin' });
    if (status === 405) headers.allow = options.cors ? 'GET, HEAD, OPTIONS' : 'GET, HEAD';
    response.writeHead(status, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
    options.log?.(
      `${new Date().toISOString()} ${request.method} ${loggable(request.url ?? '')} ${status} ${(performance.now() - started).toFixed(1)}ms`,
    );
  };

  const handle = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const started = performance.now();
    const target = request.url ?? '/';
    try {
      if (target.length > MAX_URL_LENGTH)
        throw httpError(414, 'uri_too_long', `the request target is longer than ${MAX_URL_LENGTH} characters`);
      if (options.cors && request.method === 'OPTIONS') {
        response.writeHead(204, {
          'access-control-allow-origin': options.cors,
          'access-control-allow-methods': 'GET, HEAD',
          'access-control-max-age': '600',
          vary: 'Origin',
        });
        response.end();
        options.log?.(`${new Date().toISOString()} OPTIONS ${loggable(target)} 204 ${(performance.now() - started).toFixed(1)}ms`);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD')
        throw httpError(405, 'method_not_allowed', `${loggable(request.method ?? '')} is not allowed; use GET`);
      if (request.headers['transfer-encoding'] || Number(request.headers['content-length'] ?? 0) > 0)
        throw httpError(413, 'payload_too_large', 'requests carry no body');
      const queryAt = target.indexOf('?');
      const path = queryAt < 0 ? target : target.slice(0, queryAt);
      const search = queryAt < 0 ? '' : target.slice(queryAt + 1);
      if (path === '/openapi.json') return send(request, response, 200, openApi, started);
      const route = byPath.get(path);
      if (!route) throw httpError(404, 'not_found', `no route ${loggable(path.slice(0, 100))}; see /openapi.json`);
      const body = answer(index, route, search, options.live);
      if (body instanceof Promise) body.then((value) => send(request, response, 200, jsonText(value), started), fail);
      else send(request, response, 200, jsonText(body), started);
    } catch (error) {
      fail(error);
    }
    function fail(error: unknown) {
      const failure = error instanceof HttpError ? error : httpError(500, 'internal', 'internal error');
      if (!(error instanceof HttpError)) options.log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      send(request, response, failure.status, jsonText(failure.body), started);
    }
  };

  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const server = http.createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: 5_000,
      // Node checks the two timeouts above on this interval (30 s by default)
      connectionsCheckingInterval: Math.min(1000, timeouts.headersMs / 2),
    },
    (request, response) => {
      // a GET has no body: anything sent is drained, never buffered
      request.resume();
      handle(request, response);
    },
  );
  server.maxConnections = MAX_CONNECTIONS;
  // Protocol errors before a request exists (oversized headers, garbage): a JSON answer where the socket still takes one.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? ([431, 'headers_too_large', `the request headers are larger than ${MAX_HEADER_BYTES} bytes`] as const)
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ([408, 'request_timeout', 'the request took too long to arrive'] as const)
          : ([400, 'bad_request', 'malformed HTTP request'] as const);
    const body = jsonText({ error: { status, code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    options.log?.(`${new Date().toISOString()} - (${error.code ?? 'client error'}) ${status}`);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}

/** `gridlens serve`: runs until SIGINT or SIGTERM, then shuts down gracefully and exits 0. */
export async function runServe(index: DatasetIndex, argv: string[], io: Io, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { values } = parse(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      cors: { type: 'string' },
      quiet: { type: 'boolean' },
      ...liveOption,
    },
    false,
  );
  if (values.help) return (io.stdout(`${serveUsage}\n`), 0);
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be an integer from 0 to 65535; got '${values.port}'`);
  if (values.cors !== undefined && !/^(\*|https?:\/\/[^\s/]+)$/.test(values.cors))
    throw new UsageError(`--cors must be an origin like https://app.example.com (or *); got '${values.cors}'`);
  let running: RunningServer;
  try {
    running = await startServer(index, {
      port,
      host: values.host ?? '127.0.0.1',
      cors: values.cors,
      log: values.quiet ? undefined : (line) => io.stderr(`${line}\n`),
      ...(values.live ? { live: liveProviderFromEnv() } : {}),
    });
  } catch (error) {
    throw new UsageError(`cannot listen on ${values.host ?? '127.0.0.1'}:${port}: ${(error as Error).message}`);
  }
  io.stderr(
    `gridlens serve: listening on ${running.url} (API description: ${running.url}/openapi.json)${values.live ? '; live grid intensity from Electricity Maps' : ''}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  io.stderr('gridlens serve: shutting down\n');
  await running.close();
  return 0;
}
