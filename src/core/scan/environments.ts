// Deployment environments by name (dev, staging, prod…): a CI job that deploys one environment does not deploy the
// configuration written for another (`config/dev.json` is not what `cdk deploy -c env=prod` reads).
import { basename } from './text';

const synonyms: Record<string, string> = {
  dev: 'dev',
  develop: 'dev',
  development: 'dev',
  test: 'test',
  testing: 'test',
  qa: 'qa',
  uat: 'uat',
  sandbox: 'sandbox',
  stage: 'staging',
  staging: 'staging',
  stg: 'staging',
  preprod: 'preprod',
  prod: 'prod',
  prd: 'prod',
  production: 'prod',
  live: 'prod',
};

/** The environment a word names, in one spelling (`production` → `prod`), or undefined. */
export function environmentName(word: string): string | undefined {
  return synonyms[word.toLowerCase()];
}

/** The environment a configuration file is written for, from the last word of its name (`config.prod.json`, `dev.tfvars`). */
export function environmentOfFile(file: string): string | undefined {
  const stem = basename(file).replace(/\.[^.]+$/, '');
  const words = stem.split(/[._-]/).filter(Boolean);
  return words.length ? environmentName(words[words.length - 1]) : undefined;
}

/** The environments a deploy command selects: `-c env=prod`, `--context stage=dev`, `--stage prod`, `--environment dev`. */
export function environmentsSelected(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(
    /(?:(?:-c|--context)\s+(?:env|environment|stage)=|--(?:stage|environment|env)[=\s]+)["']?([A-Za-z]+)\b/g,
  )) {
    const name = environmentName(m[1]);
    if (name) out.push(name);
  }
  return out;
}
