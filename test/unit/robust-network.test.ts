// No network in the unit layer, nor in the built-CLI and page layers (their .mocharc.json list this file first): root
// hooks (they wrap every test file of the layer) make every way out of the process throw and record the attempt —
// net.Socket.prototype.connect (TCP, TLS, IPC, HTTP agents, fetch), http(s).request and get, tls.connect, dns lookups
// and resolves, global fetch — and the suite fails at the end if anything tried.
// One exception: a test harness's own loopback server (the leaderboard page tests serve the page to Chromium on
// 127.0.0.1). Loopback is refused too when the call comes from product code (src/); a server in src/ may listen
// (`gridlens serve`), which looks its IP literal up without any resolver. Product code may fetch from a running
// Electricity Maps test double (test/doubles/electricityMapsDouble.ts) on loopback, the one way opt-in live data is
// tested; nothing else.
import assert from 'node:assert/strict';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { doublePorts } from '../doubles/electricityMapsDouble';

interface Attempt {
  api: string;
  target: string;
  stack: string;
}

const attempts: Attempt[] = [];
const restore: Array<() => void> = [];
let armed = false;

class NetworkBlocked extends Error {}

/** The host an attempt goes to ('' for a local IPC path). */
function hostOf(args: unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'number') return typeof second === 'string' ? second : 'localhost';
  if (typeof first === 'string') {
    try {
      return new URL(first).hostname;
    } catch {
      return first; // dns.lookup(name)
    }
  }
  if (first instanceof URL) return first.hostname;
  if (typeof first === 'object' && first !== null) {
    const o = first as { host?: string; hostname?: string; path?: string; socketPath?: string };
    if (o.path || o.socketPath) return '';
    return o.hostname ?? o.host ?? 'localhost';
  }
  return String(first);
}

/** The port an attempt goes to, when it names one. */
function portOf(args: unknown[]): number | undefined {
  const [first] = args;
  if (typeof first === 'number') return first;
  if (typeof first === 'string' || first instanceof URL) {
    try {
      return Number(new URL(String(first)).port) || undefined;
    } catch {
      return undefined;
    }
  }
  if (Array.isArray(first)) return portOf(first); // net.Socket.connect([options, callback]) from http agents
  if (typeof first === 'object' && first !== null) return Number((first as { port?: unknown }).port) || undefined;
  return undefined;
}

/** A connection to a running test double (loopback). */
const toDouble = (args: unknown[]) => doublePorts.has(portOf(args) ?? -1);

const loopback = (host: string) =>
  host === '' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '[::1]';

function block<T extends object>(target: T, key: keyof T & string, api: string): void {
  const original = target[key] as (...args: unknown[]) => unknown;
  (target as Record<string, unknown>)[key] = function blocked(this: unknown, ...args: unknown[]) {
    const stack = new Error(api).stack ?? '';
    const host = hostOf(args);
    const fromProduct = stack
      .split('\n')
      .slice(2)
      .some((line) => /[\\/]src[\\/](cli|core|extension|live|webview)[\\/]/.test(line));
    if (loopback(host) && (!fromProduct || toDouble(args))) return original.apply(this, args);
    // Node answers a lookup of an IP literal itself, without a resolver (a server listening on 127.0.0.1 makes one)
    if (api.startsWith('dns.') && api.endsWith('lookup') && net.isIP(host)) return original.apply(this, args);
    attempts.push({ api, target: host, stack });
    throw new NetworkBlocked(`network access during the unit tests: ${api}(${host})`);
  };
  restore.push(() => {
    (target as Record<string, unknown>)[key] = original;
  });
}

before(() => {
  block(net.Socket.prototype, 'connect', 'net.Socket.connect');
  block(net, 'connect', 'net.connect');
  block(net, 'createConnection', 'net.createConnection');
  block(tls, 'connect', 'tls.connect');
  block(http, 'request', 'http.request');
  block(http, 'get', 'http.get');
  block(https, 'request', 'https.request');
  block(https, 'get', 'https.get');
  block(dns, 'lookup', 'dns.lookup');
  block(dns, 'resolve', 'dns.resolve');
  block(dns.promises, 'lookup', 'dns.promises.lookup');
  block(dns.promises, 'resolve', 'dns.promises.resolve');
  if (typeof globalThis.fetch === 'function') block(globalThis, 'fetch', 'fetch');
  armed = true;
});

after(() => {
  for (const undo of restore.splice(0).reverse()) undo();
  armed = false;
  // the self-test below leaves its own attempts out
  const real = attempts.filter((a) => !a.stack.includes('robustness-self-test'));
  assert.deepEqual(
    real.map((a) => `${a.api} ${a.target}\n${a.stack.split('\n').slice(1, 6).join('\n')}`),
    [],
    'something tried to use the network during the unit tests',
  );
});

describe('robustness: no network during the unit tests', () => {
  it('every way out of the process throws and is recorded while the suite runs', async function robustnessSelfTest() {
    assert.ok(armed);
    const tries: Array<[string, () => unknown]> = [
      ['net.Socket.connect', () => new net.Socket().connect(9, '192.0.2.1')],
      ['net.connect', () => net.connect({ port: 9, host: 'example.com' })],
      ['tls.connect', () => tls.connect(443, 'example.com')],
      ['http.get', () => http.get('http://example.com/')],
      ['https.request', () => https.request('https://example.com/')],
      ['dns.lookup', () => dns.lookup('example.com', () => undefined)],
      ['dns.promises.lookup', () => dns.promises.lookup('example.com')],
      ['fetch', () => globalThis.fetch('https://example.com/')],
    ];
    for (const [api, attempt] of tries) {
      const before = attempts.length;
      assert.throws(attempt, NetworkBlocked, api);
      assert.equal(attempts.length, before + 1, `${api} was not recorded`);
      attempts[attempts.length - 1].stack += '\nrobustness-self-test';
    }
  });
});
