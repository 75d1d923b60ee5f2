// Advice only where a model runs: a region that places other infrastructure keeps its grid figure as a fact and
// never gets a suggestion, whatever its grid; the same literal on a model client does.
import assert from 'node:assert/strict';
import { figureOf, isListedSetting } from '../../src/core/carbon/figure';
import { assessmentMemo, insightsFor } from '../../src/core/carbon/insight';
import { bundledDataset } from '../../src/core/data/bundled';
import { pairTouches } from '../../src/core/scan/types';
import { scanWorkspace } from '../../src/core/scan/workspace';
import { codeSpan, explainMarkdown } from '../../src/extension/explain';

const index = bundledDataset();
const options = { minSavingsPercent: 30, jurisdiction: { kind: 'same' as const } };

function insightsOf(path: string, text: string) {
  const { analyses, pairs } = scanWorkspace(index, [{ path, text }]);
  return insightsFor(index, path, analyses[0].findings, pairs, options).filter((i) => i.finding.kind === 'region');
}

describe('insights: advice only where a model runs', () => {
  const python = [
    'import boto3',
    'table = boto3.client("dynamodb", region_name="us-east-1")',
    'runtime = boto3.client("bedrock-runtime", region_name="us-east-1")',
    'runtime.converse(modelId="mistral.mistral-7b-instruct-v0:2", messages=[])',
  ].join('\n');

  it('suggests a cleaner region for the model client and nothing for the database client on the same grid', () => {
    const [database, model] = insightsOf('app.py', python);
    assert.equal(database.finding.role, 'deployment');
    assert.equal(database.actionable, true);
    assert.equal(database.advisable, false);
    assert.equal(database.suggestion, undefined);
    assert.ok(database.region, 'the deployment region still has its grid figure');
    assert.equal(model.finding.role, 'inference');
    assert.equal(model.advisable, true);
    assert.ok(model.suggestion, 'the Bedrock client region has a cleaner alternative');
    assert.ok(model.suggestion.savingPercent >= options.minSavingsPercent);
  });

  it('gives no suggestion to a storage bucket in Terraform, however dirty its grid', () => {
    const terraform = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\nprovider "aws" {\n  region = "ap-southeast-1"\n}\n';
    const [bucketRegion] = insightsOf('main.tf', terraform);
    assert.notEqual(bucketRegion.finding.role, 'inference');
    assert.equal(bucketRegion.suggestion, undefined);
  });
});

describe('insights: a model hover agrees with itself', () => {
  const modelInsight = (path: string, text: string) => {
    const { analyses, pairs } = scanWorkspace(index, [{ path, text }]);
    const found = insightsFor(index, path, analyses[0].findings, pairs, options).find((i) => i.finding.kind === 'model');
    assert.ok(found?.model, `a known model in ${text}`);
    return found.model;
  };

  it('ranges a Bedrock id over AWS regions only, though Vertex AI serves the same model', () => {
    const model = modelInsight('app.py', 'MODEL_ID = "meta.llama3-3-70b-instruct-v1:0"\n');
    assert.ok(
      (index.offeringsByModel.get(model.model.id) ?? []).some((o) => o.provider === 'gcp'),
      'Vertex AI serves it too',
    );
    assert.equal(model.scope.provider, 'aws');
    assert.equal(model.best?.region.provider, 'aws');
    assert.equal(model.worst?.region.provider, 'aws');
  });

  it('ranges a us. profile over its own destinations: the spread, cleanest and dirtiest agree, no GovCloud or EU region', () => {
    const model = modelInsight('app.py', 'MODEL_ID = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"\n');
    assert.ok(model.spread && model.best && model.worst);
    assert.equal(model.scope.geo, 'us');
    assert.equal(model.spread.min, model.best.carbon.central);
    assert.equal(model.spread.max, model.worst.carbon.central);
    assert.equal(model.scope.count, model.spread.destinations);
    for (const end of [model.best, model.worst]) assert.match(end.region.code, /^us-(east|west)-\d$/);
  });
});

describe('explanations a person can read', () => {
  it('shows an unknown id as written, in a code span that workspace text cannot break out of', () => {
    const [unknown] = scanWorkspace(index, [{ path: 'app.py', text: 'client.converse(modelId="cohere.imaginary-lm-v1:0")\n' }]).analyses[0]
      .findings;
    assert.equal(unknown.value, undefined);
    const text = explainMarkdown(index, insightsFor(index, 'app.py', [unknown], [], options)[0]);
    assert.ok(text.includes('`cohere.imaginary-lm-v1:0`'), text);
    assert.ok(!text.includes('\\'), `no escape characters: ${text}`);
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`](command:x)'), '`` `](command:x) ``');
  });
});

describe('a paired model the data does not list in its region', () => {
  const modelIn = (region: string) => {
    const text = `import boto3\nruntime = boto3.client("bedrock-runtime", region_name="${region}")\nruntime.converse(modelId="meta.llama3-3-70b-instruct-v1:0", messages=[])\n`;
    const { analyses, pairs } = scanWorkspace(index, [{ path: 'app.py', text }]);
    const found = insightsFor(index, 'app.py', analyses[0].findings, pairs, options).find((i) => i.finding.kind === 'model');
    assert.ok(found?.model?.estimate, 'the model is estimated in its paired region');
    return found;
  };

  it('still gets a figure, and the hover says the data does not offer it there', () => {
    const listed = (index.offeringsByModel.get('meta/llama-3.3-70b-instruct') ?? [])
      .filter((o) => o.provider === 'aws' && o.placement === 'regional')
      .flatMap((o) => o.regions);
    const offered = modelIn(listed[0]);
    assert.equal(offered.model?.offeredInRegion, true);
    assert.doesNotMatch(explainMarkdown(index, offered), /Not offered/);
    const elsewhere = index.data.regions.find((r) => r.provider === 'aws' && !listed.includes(r.code) && r.code.startsWith('eu-'));
    assert.ok(elsewhere);
    const notOffered = modelIn(elsewhere.code);
    assert.equal(notOffered.model?.offeredInRegion, false);
    assert.match(
      explainMarkdown(index, notOffered),
      new RegExp(`_Not offered in ${elsewhere.code} in the bundled data: the figure is what the model would emit there\\._`),
    );
  });
});

describe('Explain: the breakdown for every state', () => {
  const explainFull = (text: string, id: string) => {
    const { analyses, pairs } = scanWorkspace(index, [{ path: 'app.py', text }]);
    const insight = insightsFor(index, 'app.py', analyses[0].findings, pairs, options).find((i) => i.finding.text === id);
    assert.ok(insight?.model, `no model insight for ${id}`);
    return { insight, markdown: explainMarkdown(index, insight, undefined, 'full') };
  };

  it('a cross-region profile: energy, PUE and the grid range of its destinations, ending at the range it shows', () => {
    const { insight, markdown } = explainFull(
      'MODEL_ID = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"\n',
      'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
    );
    const { spread, best, worst } = insight.model!;
    assert.ok(spread && best && worst);
    assert.match(markdown, /1\. GPU energy: \*\*[\d.]+ J\/token GPU/);
    assert.match(markdown, /3\. Data-centre overhead \(PUE, power usage effectiveness\): × [\d.]+ for AWS/);
    assert.ok(
      markdown.includes(
        `5. Grid (life-cycle, location-based, yearly average): × ${best.grid.gPerKWh} (${best.region.code}) to ${worst.grid.gPerKWh} (${worst.region.code}) gCO2e/kWh over the ${spread.destinations} destinations`,
      ),
      markdown,
    );
    assert.match(markdown, /Uncertainty: likely/);
  });

  it('an unresolved model: the energy steps, and what is missing instead of a grid', () => {
    const { insight, markdown } = explainFull(
      'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId="meta.llama3-1-70b-instruct-v1:0", messages=[])\n',
      'meta.llama3-1-70b-instruct-v1:0',
    );
    assert.equal(insight.model?.estimate, undefined);
    assert.match(markdown, /1\. GPU energy: \*\*[\d.]+ J\/token GPU \(measured\)/);
    assert.match(markdown, /the grid depend on where the model runs, which is not known: region comes from the environment/);
    assert.doesNotMatch(markdown, /5\. Grid/);
  });
});

describe('one line per finding, the same everywhere', () => {
  it('gives every listed setting a figure or a state, and lists unknown models too', () => {
    const text = [
      'import boto3',
      'runtime = boto3.client("bedrock-runtime", region_name="eu-west-1")',
      'runtime.converse(modelId="mistral.mistral-7b-instruct-v0:2", messages=[])',
      'runtime.converse(modelId="cohere.imaginary-lm-v1:0", messages=[])',
      '# runtime.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0")',
    ].join('\n');
    const { analyses, pairs } = scanWorkspace(index, [{ path: 'app.py', text }]);
    const insights = insightsFor(index, 'app.py', analyses[0].findings, pairs, options);
    const listed = insights.filter(isListedSetting).map((i) => [i.finding.text, figureOf(i)]);
    assert.deepEqual(
      listed.map(([t]) => t),
      ['eu-west-1', 'mistral.mistral-7b-instruct-v0:2', 'cohere.imaginary-lm-v1:0'],
    );
    assert.match(listed[0][1] ?? '', /^≈ \d+ g\/kWh · LCA\/LB$/);
    assert.match(listed[1][1] ?? '', /^≈ [\d.]+ g\/Mtok in eu-west-1 · LCA\/LB$/);
    assert.equal(listed[2][1], 'unknown model');
    const comment = insights.find((i) => i.finding.text.startsWith('anthropic.'));
    assert.ok(comment?.finding.prose, 'the commented-out call is prose');
    assert.equal(isListedSetting(comment), false);
  });
});

describe('insights: a global endpoint without its own destination list', () => {
  const deployment = (name: string, format: string, model: string) =>
    `resource ${name} 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {\n  parent: account\n  name: '${name}'\n  sku: { name: 'GlobalStandard', capacity: 1 }\n  properties: { model: { format: '${format}', name: '${model}', version: '1' } }\n}\n`;
  const bicep = [
    "resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'ai'\n  location: 'swedencentral'\n  kind: 'AIServices'\n  sku: { name: 'S0' }\n}\n",
    deployment('embed', 'OpenAI', 'text-embedding-3-small'),
    deployment('scout', 'Meta', 'Llama-4-Scout-17B-16E-Instruct'),
    deployment('reasoning', 'OpenAI', 'o4-mini'),
    deployment('image', 'OpenAI', 'gpt-image-1'),
  ].join('\n');
  const { analyses, pairs } = scanWorkspace(index, [{ path: 'main.bicep', text: bicep }]);
  const insights = insightsFor(index, 'main.bicep', analyses[0].findings, pairs, options).filter((i) => i.finding.kind === 'model');
  const of = (id: string) => {
    const found = insights.find((i) => i.finding.value === id);
    assert.ok(found?.model, `an insight for ${id}`);
    return found;
  };
  const azureGlobalRegions = new Set(
    index.data.offerings.filter((o) => o.provider === 'azure' && o.placement === 'global').flatMap((o) => o.regions),
  );

  it('ranges an Azure GlobalStandard deployment over Azure global routing, saying the set is derived', () => {
    const embed = of('openai/text-embedding-3-small');
    const own = index.offeringsByModel.get('openai/text-embedding-3-small') ?? [];
    assert.ok(
      own.every((o) => o.regions.length === 0),
      'no source lists where this model runs',
    );
    const spread = embed.model?.spread;
    assert.ok(spread?.derivedFrom?.length, 'derived, with the sources of the routing');
    assert.equal(spread.geo, 'global');
    assert.equal(spread.destinations, embed.model?.scope.count);
    for (const end of [embed.model?.best, embed.model?.worst])
      assert.ok(end && end.region.provider === 'azure' && azureGlobalRegions.has(end.region.code));
    assert.match(figureOf(embed) ?? '', /global, derived/);
    assert.match(explainMarkdown(index, embed), /Derived: no source lists where this model's global calls go/);
  });

  it('keeps to the SKU provider when another cloud also serves the model', () => {
    const scout = of('meta/llama-4-scout-17b-16e-instruct');
    assert.ok(
      (index.offeringsByModel.get(scout.model!.model.id) ?? []).some((o) => o.provider === 'aws'),
      'Bedrock serves it too',
    );
    assert.ok(scout.model?.spread?.derivedFrom);
    assert.equal(scout.model?.best?.region.provider, 'azure');
    assert.equal(scout.model?.worst?.region.provider, 'azure');
  });

  it('uses a listed global offering as it is, and gives a media model no range', () => {
    const listed = of('openai/o4-mini').model?.spread;
    assert.ok(listed);
    assert.equal(listed.derivedFrom, undefined);
    assert.equal(of('openai/gpt-image-1').model?.spread, undefined);
  });
});

describe('insights: assessments remembered across files', () => {
  it('gives the same insights with a memo shared by several files as without, and reuses an assessment only for the same model and place', () => {
    const files = [
      {
        path: 'a.py',
        text: 'import boto3\nc = boto3.client("bedrock-runtime", region_name="us-east-1")\nc.converse(modelId="mistral.mistral-7b-instruct-v0:2", messages=[])\n',
      },
      {
        path: 'b.py',
        text: 'import boto3\nc = boto3.client("bedrock-runtime", region_name="us-east-1")\nc.converse(modelId="mistral.mistral-7b-instruct-v0:2", messages=[])\n',
      },
      {
        path: 'c.py',
        text: 'import boto3\nc = boto3.client("bedrock-runtime", region_name="eu-west-1")\nc.converse(modelId="us.anthropic.claude-3-haiku-20240307-v1:0", messages=[])\nd = boto3.client("dynamodb", region_name="us-east-1")\n',
      },
    ];
    const { analyses, pairs } = scanWorkspace(index, files);
    const memo = assessmentMemo();
    const shared = analyses.map((a) => insightsFor(index, a.file, a.findings, pairs, options, memo));
    const alone = analyses.map((a) => insightsFor(index, a.file, a.findings, pairs, options));
    assert.deepEqual(shared, alone);
    const region = (file: number, code: string) =>
      shared[file].find((i) => i.finding.kind === 'region' && i.finding.value === code)?.region;
    assert.ok(region(0, 'us-east-1')?.model, 'the Bedrock client region is assessed with its model');
    assert.equal(region(0, 'us-east-1'), region(1, 'us-east-1'), 'the same model in the same region: one assessment');
    assert.notEqual(region(2, 'us-east-1'), region(0, 'us-east-1'), 'the same region without a model is assessed on its own');
    assert.equal(region(2, 'us-east-1')?.model, undefined);
  });
});

describe('insights: a location naming a global endpoint', () => {
  const workspace = [
    { path: '.env', text: 'GOOGLE_GENAI_USE_VERTEXAI=true\nGOOGLE_CLOUD_LOCATION=global\n' },
    {
      path: 'main.py',
      text: 'from google import genai\nclient = genai.Client()\nclient.models.generate_content(model="gemini-2.5-flash", contents="hi")\n',
    },
  ];
  const { analyses, pairs } = scanWorkspace(index, workspace);
  const insightAt = (path: string, kind: 'model' | 'region') => {
    const analysis = analyses.find((a) => a.file === path);
    assert.ok(analysis);
    const touching = pairs.filter((p) => pairTouches(p, path));
    const found = insightsFor(index, path, analysis.findings, touching, options).find((i) => i.finding.kind === kind);
    assert.ok(found, `a ${kind} finding in ${path}`);
    return found;
  };

  it('shows, where `global` is written, the range of the model called through the endpoint, as the model shows it', () => {
    const location = insightAt('.env', 'region');
    assert.equal(location.finding.geo, 'global');
    assert.equal(location.finding.role, 'inference');
    assert.equal(location.finding.value, undefined, 'global is no region');
    const model = insightAt('main.py', 'model');
    assert.ok(location.endpoint?.model?.spread, 'the model over the endpoint destinations');
    assert.equal(location.endpoint.model.model.id, 'google/gemini-2.5-flash');
    assert.equal(figureOf(location), figureOf(model));
    assert.match(figureOf(location) ?? '', /–.*\(global\)/);
    assert.equal(location.suggestion, undefined, 'no region to swap for another');
  });

  it('explains the endpoint on hover, then the model as its own hover does', () => {
    const hover = explainMarkdown(index, insightAt('.env', 'region'));
    assert.match(hover, /global endpoint/);
    assert.match(hover, /Gemini 2\\?\.5 Flash/);
    assert.doesNotMatch(hover, /Unknown region/);
  });

  it('says so when no known model is called through it', () => {
    const lone = scanWorkspace(index, [{ path: '.env', text: 'GOOGLE_CLOUD_LOCATION=global\n' }]);
    const [insight] = insightsFor(index, '.env', lone.analyses[0].findings, lone.pairs, options);
    assert.equal(figureOf(insight), 'global endpoint');
    assert.match(explainMarkdown(index, insight), /No model GridLens knows/);
  });
});
