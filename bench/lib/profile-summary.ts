// Summarises a V8 .cpuprofile: self time and total (inclusive) time per function, top N. Used while profiling:
//   tsx bench/lib/profile-summary.ts <file.cpuprofile> [N]
import * as fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export function summarise(profile: Profile, top = 30): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const key = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  let all = 0;
  for (const [id, t] of self) {
    all += t;
    const n = byId.get(id) as Node;
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur) as Node);
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + t);
    }
  }
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, t]) => `${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / all).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `total ${(all / 1000).toFixed(0)} ms\n-- self --\n${fmt(selfBy)}\n-- total --\n${fmt(totalBy)}`;
}

if (require.main === module) {
  const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Profile;
  console.log(summarise(profile, Number(process.argv[3] ?? 30)));
}
