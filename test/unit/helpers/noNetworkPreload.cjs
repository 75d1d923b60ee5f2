// Preloaded (NODE_OPTIONS=--require) into a spawned `gridlens` process so that the built CLI and its worker threads
// (Node runs preloads in every worker) cannot reach the network unseen: every way out throws and is appended to the
// file named by GRIDLENS_NETWORK_LOG, which the test reads after the process ends. Loopback is refused too: the CLI
// has no reason to open any socket.
const fs = require('node:fs');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const tls = require('node:tls');
const { threadId } = require('node:worker_threads');

const logFile = process.env.GRIDLENS_NETWORK_LOG;
if (!logFile) throw new Error('noNetworkPreload: GRIDLENS_NETWORK_LOG is not set');

function block(target, key, api) {
  target[key] = function blocked(...args) {
    const detail = typeof args[0] === 'object' && args[0] !== null ? JSON.stringify(args[0]) : String(args[0]);
    fs.appendFileSync(logFile, `${api} ${detail} (thread ${threadId})\n${new Error(api).stack}\n`);
    throw new Error(`network access from gridlens: ${api}`);
  };
}

block(net.Socket.prototype, 'connect', 'net.Socket.connect');
block(net, 'connect', 'net.connect');
block(net, 'createConnection', 'net.createConnection');
block(tls, 'connect', 'tls.connect');
for (const [module, name] of [[http, 'http'], [https, 'https']]) {
  block(module, 'request', `${name}.request`);
  block(module, 'get', `${name}.get`);
}
block(dns, 'lookup', 'dns.lookup');
block(dns, 'resolve', 'dns.resolve');
block(dns.promises, 'lookup', 'dns.promises.lookup');
block(dns.promises, 'resolve', 'dns.promises.resolve');
if (typeof globalThis.fetch === 'function') block(globalThis, 'fetch', 'fetch');
