// Load: 10,000 valid requests over loopback from 8 concurrent keep-alive clients to one `gridlens serve`; no error,
// the heap flat after a warm-up (a generous bound), p50/p99 printed (not asserted: the machine is shared).
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startServer } from '../../src/cli/serve';
import { bundledDataset } from '../../src/core/data/bundled';
import { percentile } from '../../bench/lib/stats';
import { runLoad, validTargets } from './helpers/httpLoad';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

describe('gridlens serve under load', function () {
  this.timeout(180_000);

  it('answers 10,000 valid requests from 8 concurrent clients without an error, the heap flat after warm-up', async () => {
    const server = await startServer(bundledDataset(), { port: 0, host: '127.0.0.1' });
    try {
      const models = bundledDataset().data.models.map((m) => m.id);
      // estimates of a model in a region that does not serve it are answered too (hypothetical figures)
      const targets = validTargets(models.slice(0, 30));
      const warmUp = await runLoad({ base: server.url, targets, total: 1000, concurrency: 8 });
      assert.deepEqual(warmUp.failures, []);
      const baseline = heapMb();
      const samples: number[] = [];
      const result = await runLoad({
        base: server.url,
        targets,
        total: 10_000,
        concurrency: 8,
        onProgress: (done) => {
          if (done % 2500 === 0) samples.push(process.memoryUsage().heapUsed / 1024 / 1024);
        },
      });
      const after = heapMb();
      assert.deepEqual(result.failures, [], 'every valid request answered 200');
      assert.equal(result.statuses.get(200), 10_000);
      const p50 = percentile(result.latenciesMs, 50);
      const p99 = percentile(result.latenciesMs, 99);
      console.log(
        `      10,000 requests, 8 clients: ${(10_000 / result.seconds).toFixed(0)} req/s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms; heap ${baseline.toFixed(1)} MB after warm-up → ${after.toFixed(1)} MB after (samples ${samples.map((s) => s.toFixed(0)).join(', ')} MB)`,
      );
      assert.ok(after - baseline < 20, `heap grew ${(after - baseline).toFixed(1)} MB over 10,000 requests`);
    } finally {
      await server.close();
    }
  });
});
