// `gridlens serve` under load: the production CLI bundle serves on loopback in its own process; 8 keep-alive clients
// in the bench process send 10,000 valid requests (the mix of test/unit/helpers/httpLoad.ts) after a warm-up of
// 1,000. Throughput, latency percentiles and the server's resident memory before and after.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { runLoad, validTargets } from '../../test/unit/helpers/httpLoad';
import { bundledDataset } from '../../src/core/data/bundled';
import { percentile } from './stats';

export interface ServeFigures {
  concurrency: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  nonOk: number;
  rssAfterWarmUp: number;
  rssAfter: number;
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;

export async function serveBenchmark(cli: string, requests: number, log: (line: string) => void): Promise<ServeFigures> {
  const concurrency = 8;
  const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      server.stderr.setEncoding('utf8');
      server.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        const found = /listening on (http:\/\/\S+?) /.exec(stderr);
        if (found) resolve(found[1]);
      });
      server.once('exit', (code) => reject(new Error(`gridlens serve exited ${code}: ${stderr}`)));
    });
    const targets = validTargets(
      bundledDataset()
        .data.models.slice(0, 30)
        .map((m) => m.id),
    );
    await runLoad({ base, targets, total: 1000, concurrency });
    const pid = server.pid as number;
    const rssAfterWarmUp = rssOf(pid);
    const result = await runLoad({ base, targets, total: requests, concurrency });
    const figures: ServeFigures = {
      concurrency,
      requests,
      requestsPerSecond: requests / result.seconds,
      p50: percentile(result.latenciesMs, 50),
      p99: percentile(result.latenciesMs, 99),
      max: Math.max(...result.latenciesMs),
      nonOk: requests - (result.statuses.get(200) ?? 0),
      rssAfterWarmUp,
      rssAfter: rssOf(pid),
    };
    log(`   ${Math.round(figures.requestsPerSecond)} req/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms`);
    return figures;
  } finally {
    server.kill('SIGTERM');
  }
}
