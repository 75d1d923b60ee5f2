// Guards around the whole extension-host suite (root hooks: they wrap every test file of the run): no socket is
// opened and no promise rejection goes unhandled while GridLens runs. Inside the extension host process:
// net.Socket.prototype.connect (every TCP, TLS, IPC and HTTP connection, fetch included) and dns.lookup are
// recorded with their stack, and process 'unhandledRejection' events too. At the end, anything that came from
// GridLens fails the suite; anything else (other extensions, the workbench) is printed.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { doublePorts } from '../../doubles/electricityMapsDouble';
import { EXTENSION_ID, note } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require('net') as typeof import('net');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dns = require('dns') as typeof import('dns');

interface Event {
  what: string;
  detail: string;
  stack: string;
}

const sockets: Event[] = [];
const rejections: Event[] = [];
const restore: Array<() => void> = [];
let gridlensPath = '';

let elsewhere: string[] = [];

/** GridLens's installed folder (the packaged extension), as it appears in stack frames. */
function fromGridLens(event: Event): boolean {
  return gridlensPath !== '' && event.stack.includes(gridlensPath);
}

/**
 * Events whose stack shows another extension (or the built-in extensions' folder: the TypeScript server lives
 * there) are not GridLens's. Everything else counts against GridLens: an event with no extension in its stack may
 * come from an API call GridLens made.
 */
function blamed(event: Event): boolean {
  if (toDouble(event)) return false;
  return fromGridLens(event) || !elsewhere.some((root) => event.stack.includes(root));
}

/**
 * The Electricity Maps test double starting on loopback, or a connection to a running one (the one way opt-in live
 * data is tested: test/doubles/electricityMapsDouble.ts).
 */
function toDouble(event: Event): boolean {
  if (event.stack.includes('startElectricityMapsDouble')) return true;
  const port = /"port":"?(\d+)/.exec(event.detail)?.[1]; // a number, or a string through VS Code's proxy agent
  return (
    event.what === 'net.Socket.connect' && /"host":"127\.0\.0\.1"/.test(event.detail) && port !== undefined && doublePorts.has(Number(port))
  );
}

function patch<T extends object, K extends keyof T>(target: T, key: K, make: (original: T[K]) => T[K]): void {
  const original = target[key];
  target[key] = make(original);
  restore.push(() => {
    target[key] = original;
  });
}

// mocha re-emits an unhandled rejection to the other listeners after its own: each reason is recorded once
const seen = new WeakSet<object>();
const onRejection = (reason: unknown) => {
  if (typeof reason === 'object' && reason !== null) {
    if (seen.has(reason)) return;
    seen.add(reason);
  }
  const error = reason instanceof Error ? reason : undefined;
  rejections.push({
    what: 'unhandledRejection',
    detail: error ? `${error.name}: ${error.message}` : String(reason),
    stack: error?.stack ?? String(reason),
  });
};

before(function () {
  gridlensPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
  const others = vscode.extensions.all.filter((e) => e.id !== EXTENSION_ID);
  elsewhere = [
    ...new Set([
      ...others.map((e) => e.extensionPath),
      ...others.filter((e) => (e.packageJSON as { isBuiltin?: boolean }).isBuiltin).map((e) => path.dirname(e.extensionPath)),
    ]),
  ];
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 100);
  patch(
    net.Socket.prototype,
    'connect',
    (original) =>
      function (this: import('net').Socket, ...args: unknown[]) {
        const [first] = args;
        const detail =
          typeof first === 'object' && first !== null
            ? JSON.stringify(first, (_k, v) => (typeof v === 'function' ? undefined : v))
            : String(first);
        sockets.push({ what: 'net.Socket.connect', detail, stack: new Error('socket').stack ?? '' });
        return (original as (...a: unknown[]) => import('net').Socket).apply(this, args);
      } as typeof original,
  );
  patch(
    dns,
    'lookup',
    (original) =>
      function (this: unknown, ...args: unknown[]) {
        sockets.push({ what: 'dns.lookup', detail: String(args[0]), stack: new Error('dns').stack ?? '' });
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original,
  );
  process.on('unhandledRejection', onRejection);
  restore.push(() => process.off('unhandledRejection', onRejection));
});

after(function () {
  for (const undo of restore.splice(0).reverse()) undo();
  const print = (list: Event[]) =>
    list
      .map(
        (e) =>
          `  ${e.what} ${e.detail.split('\n')[0]}\n${e.stack
            .split('\n')
            .filter((l) => /^\s+at /.test(l))
            .slice(0, 3)
            .join('\n')}`,
      )
      .join('\n');
  const others = [...sockets, ...rejections].filter((e) => !blamed(e));
  note(
    `robustness guards: ${sockets.length} connection attempt(s) and ${rejections.length} unhandled rejection(s) recorded during the suite, ${sockets.length + rejections.length - others.length} from GridLens or of unknown origin${others.length ? `; from other extensions:\n${print(others)}` : ''}`,
  );
  const ours = sockets.filter(blamed);
  assert.deepStrictEqual(
    ours.map((e) => `${e.what} ${e.detail}`),
    [],
    `a connection from GridLens (or of unknown origin) during the suite:\n${print(ours)}`,
  );
  const unhandled = rejections.filter(blamed);
  assert.deepStrictEqual(
    unhandled.map((e) => e.detail),
    [],
    `unhandled promise rejections from GridLens:\n${print(unhandled)}`,
  );
});

describe('robustness guards (no network, no unhandled rejection)', () => {
  it('are armed: a connection attempt made here is recorded', async () => {
    const socket = new net.Socket();
    socket.on('error', () => undefined);
    socket.connect({ port: 9, host: '127.0.0.1' });
    socket.destroy();
    const mine = sockets.filter((e) => e.what === 'net.Socket.connect' && e.detail.includes('"port":9'));
    assert.strictEqual(mine.length, 1);
    assert.ok(!fromGridLens(mine[0]), 'a connection from the suite is not attributed to GridLens');
    assert.ok(!blamed(mine[0]), 'the runner extension (which loads the suite) counts as another extension');
    sockets.splice(sockets.indexOf(mine[0]), 1);
  });

  it('are armed: an unhandled rejection made here is recorded, once', async () => {
    void Promise.reject(new Error('robustness guard self-test'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const mine = rejections.filter((e) => e.detail.includes('robustness guard self-test'));
    assert.strictEqual(mine.length, 1);
    rejections.splice(rejections.indexOf(mine[0]), 1);
  });

  it('blame GridLens for events from its folder and for events of unknown origin', () => {
    assert.ok(gridlensPath, 'GridLens is not installed in this extension host');
    assert.ok(blamed({ what: 'x', detail: '', stack: `Error\n    at f (${gridlensPath}/dist/extension.js:1:2)` }));
    assert.ok(blamed({ what: 'x', detail: '', stack: 'Error\n    at f (/somewhere/workbench.js:1:2)' }));
    assert.ok(!blamed({ what: 'x', detail: '', stack: `Error\n    at f (${elsewhere[0]}/dist/main.js:1:2)` }));
  });
});
