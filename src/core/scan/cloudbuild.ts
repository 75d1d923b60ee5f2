// Google Cloud Build configs (cloudbuild.yaml): each step runs a builder's command with its arguments as a list
// (`name: gcr.io/cloud-builders/gcloud`, `args: ['run', 'deploy', 'svc', '--region=europe-west1', …]`), or a script
// under `bash -c`. The arguments are read as the shell line they make: regions after --region, a deployed service's
// --set-env-vars, models after the model flags (env.ts shellCommands).
import type { Collector } from './base';
import { shellCommands } from './env';
import { get, str, type MapNode, type Node } from './tree';

/** A Cloud Build config: a `steps` list whose items name a builder image and give it arguments. */
export function isCloudBuild(name: string, doc: MapNode): boolean {
  const steps = get(doc, 'steps');
  if (steps?.t !== 'seq') return false;
  return /^cloudbuild/i.test(name) || steps.items.some((step) => /cloud-builders|cloudsdktool/.test(str(get(step, 'name')) ?? ''));
}

export function analyzeCloudBuild(c: Collector, doc: MapNode, handled: Set<number>): void {
  const steps = get(doc, 'steps');
  if (steps?.t !== 'seq') return;
  for (const step of steps.items) {
    const args = get(step, 'args');
    if (args?.t !== 'seq') continue;
    const label = `Cloud Build step ${str(get(step, 'id')) ?? str(get(step, 'name')) ?? ''}`.trim();
    for (let i = 0; i < args.items.length; i++) {
      const item = args.items[i];
      if (item.t !== 'scalar') continue;
      const at = item.inner ?? item.range;
      handled.add(at.start);
      // `- --region` then `- europe-west1`: the flag and its value as one argument
      const next: Node | undefined = args.items[i + 1];
      if (/^--(?:region|location|zone)$/.test(item.value) && next?.t === 'scalar') {
        const value = next.inner ?? next.range;
        handled.add(value.start);
        c.region(value.start, value.end, 'deployment', `${label} ${item.value}`, { keyed: true });
        i++;
        continue;
      }
      shellCommands(c, at.start, at.end, label);
    }
  }
}
