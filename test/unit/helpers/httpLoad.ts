// A bounded HTTP load generator for `gridlens serve`: `concurrency` keep-alive clients share `total` requests
// (round-robin over `targets`) and stop by themselves. Used by test/unit/serve-load.test.ts and the benchmark.
import http from 'node:http';

export interface LoadResult {
  /** Per-request latency, ms, in completion order. */
  latenciesMs: number[];
  /** Requests per status code (0: the request failed before a response). */
  statuses: Map<number, number>;
  /** Targets answered with something else than 200, with the status (the first 20). */
  failures: string[];
  seconds: number;
}

export async function runLoad(options: {
  base: string;
  targets: readonly string[];
  total: number;
  concurrency: number;
  onProgress?: (done: number) => void;
}): Promise<LoadResult> {
  const { hostname, port } = new URL(options.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let issued = 0;
  const once = (target: string) =>
    new Promise<number>((resolve) => {
      const req = http.request({ host: hostname, port, path: target, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end();
    });
  const client = async () => {
    while (issued < options.total) {
      const target = options.targets[issued % options.targets.length];
      issued += 1;
      const started = performance.now();
      const status = await once(target);
      latenciesMs.push(performance.now() - started);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status !== 200 && failures.length < 20) failures.push(`${status} ${target}`);
      options.onProgress?.(latenciesMs.length);
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: options.concurrency }, client));
  } finally {
    agent.destroy();
  }
  return { latenciesMs, statuses, failures, seconds: (performance.now() - started) / 1000 };
}

/** A mix of valid requests over the bundled dataset: recommendations (with constraints), estimates, filtered
 * leaderboards, regions and health. */
export function validTargets(models: readonly string[]): string[] {
  const targets: string[] = [];
  for (const [i, model] of models.entries()) {
    const m = encodeURIComponent(model);
    targets.push(
      `/api/recommend?model=${m}`,
      `/api/recommend?model=${m}&jurisdiction=${['EU', 'US', 'UK'][i % 3]}`,
      `/api/recommend?model=${m}&near=50.1,8.7&maxDistanceKm=2000`,
      `/api/leaderboard?model=${m}`,
      `/api/estimate?model=${m}&region=${['aws:eu-north-1', 'gcp:europe-west4', 'azure:swedencentral'][i % 3]}`,
    );
  }
  targets.push('/api/regions?provider=aws', '/healthz');
  return targets;
}
