// AWS App Runner's source-code configuration (apprunner.yaml at the root of the service's source): `run.env` is the
// running service's environment, for the code beside it. https://docs.aws.amazon.com/apprunner/latest/dg/config-file-ref.html
import type { Collector } from './base';
import { envValue } from './env';
import type { EnvVar } from './facts';
import { dirname } from './text';
import { get, str, type MapNode } from './tree';

export const appRunnerFileName = /^apprunner\.ya?ml$/i;

export function isAppRunner(name: string, doc: MapNode): boolean {
  return appRunnerFileName.test(name) && get(doc, 'run')?.t === 'map';
}

/** `run.env` (`- name: AWS_REGION` / `value: eu-west-1`): an env scope of the code in the file's folder. */
export function analyzeAppRunner(c: Collector, doc: MapNode, handled: Set<number>): void {
  const env = get(get(doc, 'run'), 'env');
  if (env?.t !== 'seq') return;
  const vars: EnvVar[] = [];
  for (const item of env.items) {
    const name = str(get(item, 'name'));
    const value = get(item, 'value');
    if (!name || value?.t !== 'scalar') continue;
    const at = value.inner ?? value.range;
    handled.add(at.start);
    const read = envValue(c, name, at.start, at.end, `apprunner.yaml run.env ${name}`);
    vars.push({ name, value: read.value, at: item.range, text: read.text });
  }
  if (vars.length) c.facts.scopes.push({ id: `${c.file}#run`, kind: 'function', vars, codeRoot: dirname(c.file) });
}
