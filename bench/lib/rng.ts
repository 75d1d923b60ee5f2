// A small seeded PRNG (mulberry32) and helpers: the same seed gives the same tree, byte for byte.
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A word-like identifier. */
  ident(parts = 2): string {
    const out: string[] = [];
    for (let i = 0; i < parts; i++) out.push(this.pick(WORDS));
    return out.join('_');
  }

  /** `n` hexadecimal digits. */
  hex(n: number): string {
    let s = '';
    while (s.length < n)
      s += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return s.slice(0, n);
  }

  /** A sentence of prose (no region or model names). */
  sentence(min = 6, max = 16): string {
    const n = this.int(min, max);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(this.pick(WORDS));
    const s = words.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  }
}

export const WORDS = [
  'account',
  'order',
  'customer',
  'invoice',
  'payment',
  'cart',
  'session',
  'token',
  'user',
  'profile',
  'report',
  'batch',
  'queue',
  'event',
  'stream',
  'record',
  'ledger',
  'shipment',
  'warehouse',
  'catalog',
  'product',
  'price',
  'discount',
  'search',
  'index',
  'cache',
  'metric',
  'alert',
  'audit',
  'policy',
  'role',
  'group',
  'tenant',
  'project',
  'document',
  'summary',
  'ticket',
  'agent',
  'prompt',
  'reply',
  'answer',
  'embedding',
  'vector',
  'chunk',
  'retry',
  'timeout',
  'limit',
  'config',
  'feature',
  'flag',
  'worker',
  'job',
  'task',
  'schedule',
  'handler',
  'request',
  'response',
  'client',
  'server',
  'store',
  'bucket',
  'table',
  'row',
  'column',
  'field',
  'value',
  'status',
  'state',
  'result',
  'error',
  'warning',
  'note',
  'image',
  'file',
  'upload',
  'download',
  'export',
  'import',
  'sync',
  'backup',
  'restore',
  'migrate',
  'deploy',
  'build',
];
