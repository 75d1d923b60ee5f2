// The knowledge catalogue (data/knowledge.yaml, compiled to build/knowledge.json by `npm run data`): the schema that
// guards it, and that the detectors answer to what it lists rather than to lists of their own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledge } from '../../src/core/data/knowledge';
import { Knowledge } from '../../src/core/data/knowledgeSchema';
import { resolveModel } from '../../src/core/data/resolve';
import { finishFiles, startFile } from '../../src/core/scan/analyze';
import { platformOfModelText } from '../../src/core/data/platform';
import { isNonInferenceName, modelShape, serviceHint } from '../../src/core/scan/patterns';
import { mayHoldFinding } from '../../src/core/scan/prefilter';
import { detectFamily, type Family } from '../../src/core/scan/registry';
import { scanDataset } from '../fixtures/scan-harness';

const index = scanDataset();
const compiled = () => JSON.parse(readFileSync(join(__dirname, '..', '..', 'build', 'knowledge.json'), 'utf8')) as Knowledge;
/** The anchors (places models are called) the detectors record for one file. */
const anchorsOf = (file: string, text: string) => {
  const result = startFile(index, file, text);
  finishFiles([result]);
  return result.facts.anchors;
};
/** The import a file needs for a client read only where its module is imported (ClientClass.module). */
const importOf = (client: { module?: string }) => (client.module ? `import ${client.module}\n` : '');
const problems = (raw: unknown) => {
  const parsed = Knowledge.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('knowledge catalogue', () => {
  it('compiles to a catalogue its schema accepts', () => assert.deepEqual(problems(compiled()), []));

  it('rejects a class listed twice (twice under one module), a resource with no type, an env name that is not one, a LiteLLM call with a region of its own, naming where', () => {
    const twice = compiled();
    twice.clients[1].names.push(twice.clients[0].names[0]);
    assert.match(problems(twice).join('\n'), new RegExp(`^clients\\.1\\.names\\.\\d+: ${twice.clients[0].names[0]} is listed twice`, 'm'));
    // a client's name again under another module is another client; under the same module, listed twice
    const gated = compiled();
    const [first, second] = gated.clients.filter((c) => c.module && c.names.includes('Claude'));
    assert.deepEqual(problems(gated), [], 'Claude under two modules');
    second.module = first.module;
    assert.match(problems(gated).join('\n'), new RegExp(`: Claude in ${first.module?.replace(/\./g, '\\.')} is listed twice`));
    const typeless = compiled();
    typeless.terraform.resources.push({ label: 'x', platform: 'bedrock', model: ['model_id'], docs: 'https://example.com/' });
    assert.match(problems(typeless).join('\n'), /^terraform\.resources\.\d+: give types or prefixes/m);
    const lower = compiled();
    lower.env.ambientRegion.aws.push('aws_region');
    assert.match(problems(lower).join('\n'), /^env\.ambientRegion\.aws\.\d+: environment variable names are UPPER_SNAKE_CASE/m);
    const litellm = compiled();
    const through = litellm.routedModelCalls.findIndex((c) => c.litellm);
    litellm.routedModelCalls[through].region = ['region'];
    assert.match(
      problems(litellm).join('\n'),
      new RegExp(`^routedModelCalls\.${through}: a call through LiteLLM reads its region as LiteLLM does`, 'm'),
    );
  });

  it('every Bedrock geo is read as a cross-region profile', () => {
    for (const geo of knowledge.bedrockGeos) {
      const text = `${geo}.anthropic.claude-3-haiku-20240307-v1:0`;
      assert.equal(resolveModel(index, text)?.geo, geo, text);
      assert.equal(modelShape(text), 'strict', text);
      assert.equal(platformOfModelText(index, text), 'bedrock', text);
    }
  });

  it('every router prefix is taken off the model id and routes to its platform', () => {
    for (const { prefix, separator, platform } of knowledge.routerPrefixes) {
      const text = `${prefix}${separator ?? '/'}gpt-4o`;
      assert.equal(resolveModel(index, text)?.routerPrefix, prefix, text);
      assert.equal(platformOfModelText(index, text), platform, text);
    }
  });

  it('every client class, agent class and routed model call is an anchor of its platform, and every Terraform and CloudFormation resource type', () => {
    for (const client of knowledge.clients.filter((c) => c.model?.includes('model'))) {
      const name = client.names[0];
      const anchors = anchorsOf('app.py', `${importOf(client)}llm = ${name}(model="gpt-4o")\n`);
      assert.ok(
        anchors.some((a) => a.label === `${client.label} ${name}`),
        `${name}: ${anchors.map((a) => a.label).join(', ')}`,
      );
    }
    for (const agent of knowledge.agents)
      for (const name of agent.names) {
        const model = agent.platform === 'bedrock' ? 'anthropic.claude-3-haiku-20240307-v1:0' : 'gemini-2.0-flash';
        const call = `root = ${name}(model="${model}")\n`;
        const anchors = anchorsOf('agent.py', `from ${agent.module} import ${name}\n${call}`);
        assert.ok(
          anchors.some((a) => a.label === `${agent.label} ${name}` && a.platform === agent.platform),
          `${agent.module} ${name}: ${anchors.map((a) => a.label).join(', ')}`,
        );
        // without its framework imported, the class is someone else's
        assert.deepEqual(anchorsOf('agent.py', call), [], name);
      }
    // a region passed inside a provider object or a settings dictionary, written in the call or assigned before it
    for (const client of knowledge.clients.filter((c) => c.regionIn))
      for (const name of client.names) {
        const [holder] = client.regionIn ?? [];
        const key = client.region?.[0];
        const model = client.model?.[0] ?? 'model';
        const region = client.platform === 'bedrock' ? 'eu-west-3' : 'europe-west3';
        for (const [setup, value] of [
          ['', `Holder(${key}="${region}")`],
          ['', `{"${key}": "${region}"}`],
          [`holder = Holder(${key}="${region}")\n`, 'holder'],
        ]) {
          const text = `${importOf(client)}${setup}llm = ${name}(${model}="m", ${holder}=${value})\n`;
          const anchors = anchorsOf('app.py', text).filter((a) => a.label === `${client.label} ${name}`);
          assert.deepEqual(
            anchors.map((a) => (a.region?.kind === 'finding' ? a.region.finding.value : a.region?.kind)),
            [region],
            text,
          );
        }
      }
    // a Vertex AI switch: on, Vertex AI; off, the Gemini API; not written, the environment's switch decides
    for (const client of knowledge.clients.filter((c) => c.vertexSwitch))
      for (const name of client.names) {
        const flag = client.vertexSwitch?.[0];
        const read = (args: string) => {
          const call = `${importOf(client)}llm = ${name}(${client.model?.[0] ?? 'model'}="gemini-2.0-flash"${args})\n`;
          const [anchor] = anchorsOf('app.py', call).filter((a) => a.label === `${client.label} ${name}`);
          return [anchor?.platform, anchor?.vertexSwitch ?? false];
        };
        assert.deepEqual(read(''), ['vertex', true], name);
        // (a class with no switch of its own, ADK's Gemini: the environment's alone)
        if (!flag) continue;
        assert.deepEqual(read(`, ${flag}=True`), ['vertex', false], name);
        assert.deepEqual(read(`, ${flag}=False`), ['provider-managed', false], name);
        // a config object given under the switch (LlamaIndex's vertexai_config) turns Vertex AI on
        assert.deepEqual(read(`, ${flag}={"project": "p"}`), ['vertex', false], name);
      }
    // a client read only where its module is imported: by that module's entry, whichever other entries share its name
    for (const client of knowledge.clients.filter((c) => c.module))
      for (const name of client.names) {
        // (a client that names only a deployment is given one)
        const call = `llm = ${name}(${client.model?.[0] ?? client.deployment?.[0] ?? 'model'}="gpt-4o")\n`;
        const labels = (text: string) => anchorsOf('app.py', text).map((a) => `${a.label} (${a.platform})`);
        assert.deepEqual(labels(importOf(client) + call), [`${client.label} ${name} (${client.platform})`], `${name} in ${client.module}`);
        assert.ok(!labels(call).some((l) => l.startsWith(`${client.label} `)), `${name} without ${client.module}`);
        // the prefilter lets a file through by the module alone (the class made with nothing written in it)
        const bare = `${importOf(client)}llm = ${name}()\n`;
        assert.ok(mayHoldFinding(index, 'app.py', 'python', bare), bare);
        // (a cloud client is an anchor with no model given: its region serves calls made on it; an Azure OpenAI client
        // has none of its own, its deployments do)
        if (client.platform !== 'provider-managed' && client.platform !== 'azure-openai')
          assert.notDeepEqual(anchorsOf('app.py', bare), [], bare);
      }
    for (const spec of knowledge.routedModelCalls)
      for (const name of spec.names) {
        const imports = spec.module ? `import ${spec.module}\n` : '';
        // a call through LiteLLM reads LiteLLM's region keywords
        const regionKeys = spec.litellm ? knowledge.litellm.regionKeywords : spec.region;
        const region = regionKeys ? `, ${regionKeys[0]}="eu-west-3"` : '';
        const calls = [
          `llm = ${name}(${spec.model[0]}="bedrock/anthropic.claude-3-haiku-20240307-v1:0"${region})\n`,
          ...(spec.modelAt === 0 ? [`llm = ${name}("bedrock:anthropic.claude-3-haiku-20240307-v1:0"${region})\n`] : []),
          ...(spec.provider
            ? [`llm = ${name}(${spec.model[0]}="anthropic.claude-3-haiku-20240307-v1:0", ${spec.provider[0]}="bedrock"${region})\n`]
            : []),
        ];
        for (const call of calls) {
          const anchors = anchorsOf('app.py', imports + call).filter((a) => a.label === `${spec.label} ${name}`);
          assert.deepEqual(
            anchors.map((a) => [a.platform, a.region?.kind === 'finding' ? a.region.finding.value : a.region?.kind, a.models.length]),
            [['bedrock', regionKeys ? 'eu-west-3' : 'ambient', 1]],
            call,
          );
          // without its framework imported, the name is someone else's
          if (spec.module)
            assert.ok(!anchorsOf('app.py', call).some((a) => a.label === `${spec.label} ${name}`), `${name} without ${spec.module}`);
        }
      }
    for (const resource of knowledge.terraform.resources) {
      const type = resource.types?.[0] ?? `${resource.prefixes?.[0]}endpoint`;
      const anchors = anchorsOf('main.tf', `resource "${type}" "r" {\n  model_arn = "x"\n}\n`);
      assert.deepEqual(
        anchors.map((a) => a.platform),
        [resource.platform],
        type,
      );
    }
    for (const resource of knowledge.cloudformation.resources) {
      const type = resource.types?.[0] ?? `${resource.prefixes?.[0]}Agent`;
      const template = `Resources:\n  R:\n    Type: ${type}\n    Properties:\n      ${resource.model[0]}: anthropic.claude-3-haiku-20240307-v1:0\n`;
      assert.deepEqual(
        anchorsOf('template.yaml', template).map((a) => a.platform),
        [resource.platform],
        type,
      );
    }
  });

  it("every SDK's model constants, imported from its package, are the model they spell on the platform its references say", () => {
    /** A file of the SDK's language that imports the constant for gemini-1.5-flash from `module` and calls a model with it. */
    const written = (spec: (typeof knowledge.modelConstants)[number], module: string): [string, string] => {
      const prefix = spec.namePrefix ?? '';
      const [qualifier] = spec.qualifiers ?? [];
      if (!qualifier)
        return [
          'app.ts',
          `import { genkit } from 'genkit';\nimport { gemini15Flash } from '${module}';\nexport const ai = genkit({ model: gemini15Flash });\n`,
        ];
      if (spec.module.includes('/'))
        return [
          'main.go',
          `package main\n\nimport "${module}"\n\nvar r = ${qualifier}.ChatCompletionRequest{Model: ${qualifier}.${prefix}Gemini1_5Flash}\n`,
        ];
      return [
        'App.java',
        `import ${module}.${qualifier.split('.')[0]};\n\nclass App {\n  Object p = ChatCompletionCreateParams.builder().model(${qualifier}.GEMINI_1_5_FLASH).build();\n}\n`,
      ];
    };
    for (const spec of knowledge.modelConstants) {
      const [file, text] = written(spec, spec.module);
      const [anchor] = anchorsOf(file, text);
      const model = anchor?.models[0];
      assert.equal(model?.kind === 'finding' && model.finding.value, resolveModel(index, 'gemini-1.5-flash')?.model.id, spec.label);
      // (an SDK whose references say the platform: where its constant runs; the others run on their client's)
      if (spec.refPrefix) assert.equal(anchor.platform, platformOfModelText(index, `${spec.refPrefix}gemini-1.5-flash`), spec.label);
      // the same name imported from the project itself is no constant
      const own = anchorsOf(...written(spec, spec.qualifiers ? 'example.project' : './models'));
      assert.ok(!own.some((a) => a.models.some((m) => m.kind === 'finding')), spec.label);
      assert.ok(
        mayHoldFinding(index, file, detectFamily(file) as Family, text.replace(/^.*(?:'genkit'|genkit\(|ChatCompletion).*$/gm, '')),
        spec.label,
      );
    }
  });

  it("every platform word in a setting's name says its platform, and lets a file holding only that name through the prefilter", () => {
    assert.ok(!mayHoldFinding(index, 'settings.py', 'python', 'other_endpoint_setting = 1\n'));
    for (const { platform, words, together } of knowledge.platformNameWords) {
      for (const word of words) {
        assert.equal(serviceHint(`${word}_endpoint_setting`), platform, word);
        assert.ok(mayHoldFinding(index, 'settings.py', 'python', `${word}_endpoint_setting = 1\n`), word);
      }
      for (const { all, lookFor } of together ?? []) {
        assert.equal(serviceHint(all.join('_')), platform, all.join(' '));
        assert.equal(serviceHint(all[0]), undefined, all[0]);
        if (lookFor) assert.ok(mayHoldFinding(index, 'settings.py', 'python', `${all.join('_')}_endpoint = 1\n`), all.join(' '));
      }
    }
    for (const word of knowledge.nonInferenceNameWords) assert.ok(isNonInferenceName(`${word}_region`), word);
    assert.ok(!isNonInferenceName('bedrock_region'));
  });
});

describe('platform of a model id', () => {
  it('is the one platform the model catalogue lists the spelling on when that is a cloud, else the shape of the id', () => {
    // listed for Vertex AI only, shaped like a Hugging Face repository
    assert.equal(platformOfModelText(index, 'meta/llama-3.1-70b-instruct-maas'), 'vertex');
    // listed for the Gemini API, served by Vertex AI too: the shape decides
    assert.equal(platformOfModelText(index, 'gemini-1.5-pro'), 'vertex');
    // not listed: the shape
    assert.equal(platformOfModelText(index, 'claude-9-opus'), 'provider-managed');
    assert.equal(platformOfModelText(index, 'acme.frontier-v1:0'), 'bedrock');
    // a router prefix says it before anything else
    assert.equal(platformOfModelText(index, 'openrouter/meta/llama-3.1-70b-instruct-maas'), 'provider-managed');
  });
});
