// Turns anchors into model ↔ region pairs: resolves each model and the anchor's region through the workspace,
// applies routing modifiers (Bedrock geo profiles, Vertex global, Azure SKUs) and marks the regions and models
// that decide where inference runs.
import type { DatasetIndex } from '../data/dataset';
import { knowledge } from '../data/knowledge';
import { platformOfModelText, providerOfPlatform } from '../data/platform';
import type { Anchor, AzureDeployment, EnvScope, Ref } from './facts';
import { isAzureDeploymentKey, serviceHint } from './patterns';
import type { Outcome, Resolver } from './resolve';
import type { Finding, Pair, SourceLocation } from './types';

export interface AnchorSite {
  anchor: Anchor;
  file: string;
}

export function pairAnchors(
  index: DatasetIndex,
  resolver: Resolver,
  sites: AnchorSite[],
  deployments: Array<{ d: AzureDeployment; file: string }>,
): Pair[] {
  const pairs: Pair[] = [];
  const seen = new Set<string>();
  /** Whether no pair of this model with this region (or state and geography) was made yet: the first one is kept. */
  const fresh = (model: Pair['model'], region: Pair['region'], state: Pair['state'], geo: string | undefined) => {
    const r = region ? `${region.file}:${region.finding.range.start}` : `${state}:${geo ?? ''}`;
    const key = `${model.file}:${model.finding.range.start}|${r}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const push = (pair: Pair) => {
    if (fresh(pair.model, pair.region, pair.state, pair.geo)) pairs.push(pair);
  };

  for (const site of sites) {
    const { file } = site;
    const ctx = { file, scope: site.anchor.envScope };
    const written = site.anchor;
    let anchor = written;
    if (anchor.vertexSwitch && !(anchor.region?.kind === 'symbol' && resolver.defines(anchor.region.key, file))) {
      // google-genai picks Vertex AI with GOOGLE_GENAI_USE_VERTEXAI, the Gemini API with an API key; neither set in the
      // workspace: the backend is chosen at run time (a Vertex AI client configured in another module decides it)
      const flag = resolver.lookupEnv(knowledge.env.genaiVertexSwitch, ctx)[0];
      const on = flag && isOn(flag.v.text);
      const key = !flag && resolver.lookupEnv(knowledge.env.genaiApiKey, ctx).length > 0;
      if (!on)
        anchor =
          flag || key
            ? { ...anchor, platform: 'provider-managed', region: undefined }
            : {
                ...anchor,
                region: {
                  kind: 'state',
                  state: 'unresolved',
                  at: anchor.at,
                  note: 'Vertex AI or the Gemini API: GOOGLE_GENAI_USE_VERTEXAI and GOOGLE_API_KEY are not set in the workspace',
                },
              };
    }
    if (written.madeBy) {
      const made = resolver.resolve(written.madeBy, file, ctx);
      if (written.onlyIfMade && !made.some((o) => o.platform)) continue;
      anchor = onClientMadeElsewhere(anchor, written.madeBy, made);
    }
    const anchorLoc: SourceLocation = { file, range: anchor.at };
    const regionMemo = new Map<Anchor, Outcome[]>();
    const regionsOf = (a: Anchor) => {
      let regions = regionMemo.get(a);
      if (!regions) regionMemo.set(a, (regions = a.region ? resolver.resolve(a.region, file, ctx) : []));
      return regions;
    };
    const regionOutcomes = () => regionsOf(anchor);
    /** Where a routed call's model runs when the call names no region: where the call reads one on that platform. */
    const environmentRegions = (routed: NonNullable<Anchor['routed']>, platform: Anchor['platform']): Outcome[] =>
      platform === 'bedrock' || platform === 'vertex' ? resolver.resolve(routed.environment[platform], file, ctx) : [];
    if (anchor.platform !== 'provider-managed') {
      for (const o of regionOutcomes()) if (o.finding) promote(o.finding.finding);
    }
    const modelOutcomes: Array<{ o: Outcome; sku?: string; region?: Outcome[] }> = anchor.models.flatMap((ref) =>
      resolver
        .resolve(ref, file, ctx)
        .filter((o) => o.finding?.finding.kind === 'model')
        .map((o) => ({ o })),
    );
    /**
     * The model outcomes of a deployment name the code uses (at `hop`; `named`: the name read as the model it is named
     * after): the declared deployments of that name, or unresolved.
     */
    let endpointRegions: Outcome[] | undefined;
    const deploymentOutcomes = (name: string, hop: SourceLocation, named: Outcome | undefined): void => {
      if (!name) return;
      const declared = nearest(
        deployments.filter((x) => x.d.name === name),
        named?.finding?.file ?? hop.file,
      );
      // a name that is a model pairs where it is written: with the declared deployment's region and SKU, or unresolved
      // (where the client's endpoint names its region, the deployment runs there)
      if (named && !declared.length) {
        endpointRegions ??= anchor.endpoint ? resolver.resolve(anchor.endpoint, file, ctx).filter((o) => o.finding) : [];
        for (const o of endpointRegions) if (o.finding) promote(o.finding.finding);
        modelOutcomes.push({
          o: named,
          region: endpointRegions.length
            ? endpointRegions
            : [{ state: 'unresolved', note: `no deployment named ${name} is declared in the workspace`, evidence: [hop] }],
        });
      }
      for (const { d, file: dFile } of declared) {
        const dCtx = { file: dFile };
        const region = resolver
          .resolve(d.region, dFile, dCtx)
          .map((r) => ({ ...r, evidence: [{ file: dFile, range: d.at }, ...r.evidence] }));
        if (named) {
          modelOutcomes.push({ o: named, sku: d.sku, region });
          continue;
        }
        for (const o of resolver.resolve(d.model, dFile, dCtx)) {
          if (o.finding?.finding.kind !== 'model') continue;
          modelOutcomes.push({ o: { ...o, evidence: [hop, ...o.evidence] }, sku: d.sku, region });
        }
      }
    };
    // Azure OpenAI in code names a deployment: map it to the IaC deployment, its model, account region and SKU.
    for (const dep of anchor.deployments ?? []) {
      const hop = { file, range: dep.at };
      // a name read elsewhere (an env var, another module's setting) that is a model id: each one it may be
      const read = dep.ref ?? (dep.env ? { kind: 'env' as const, names: [dep.env], at: dep.at } : undefined);
      const models = read
        ? resolver
            .resolve(read, file, ctx)
            .filter((o) => o.finding?.finding.kind === 'model')
            .map((o) => ({ name: o.finding?.finding.text ?? '', named: { ...o, evidence: [hop, ...o.evidence] } as Outcome }))
        : [];
      const candidates = models.length
        ? models
        : [
            {
              name: dep.env ? (resolver.lookupEnv([dep.env], ctx)[0]?.v.text ?? '') : dep.name,
              named: dep.named ? ({ finding: { file, finding: dep.named }, evidence: [hop] } as Outcome) : undefined,
            },
          ];
      for (const { name, named } of candidates) deploymentOutcomes(name, hop, named);
    }
    // A call that names a model beside a deployment (`model=…, azure_deployment=…`) and has no region of its own runs
    // the model where that deployment runs, when the deployment serves that same model.
    if (regionOutcomes().length === 0)
      for (const m of modelOutcomes) {
        const value = !m.region && m.o.finding?.finding.value;
        const deployed = value ? modelOutcomes.find((d) => d.region && d.o.finding?.finding.value === value) : undefined;
        if (deployed)
          Object.assign(m, {
            region: deployed.region,
            sku: deployed.sku,
            o: { ...m.o, evidence: [...m.o.evidence, ...deployed.o.evidence] },
          });
      }
    for (const { o, sku, region } of modelOutcomes) {
      const model = o.finding as { file: string; finding: Finding };
      promote(model.finding);
      const base = { model, evidence: [...o.evidence, anchorLoc] };
      const skuName = sku ?? anchor.sku;
      // a branch written for one backend of a google-genai client (`if backend == Vertex {…} else {…}`) runs there
      const branch = written.vertexSwitch ? o.platform : undefined;
      const routed = written.routed && platformOfModelText(index, model.finding.text, written.routed.provider);
      const platform = branch ?? routed ?? anchor.platform;
      if (platform === 'provider-managed') {
        push({ ...base, state: 'provider-managed', note: 'the provider chooses where it runs' });
        continue;
      }
      const geo = o.geo ?? model.finding.geo;
      const outcomes = sameRecord(
        o,
        region ??
          (branch
            ? regionsOf(written)
            : written.routed && routed && !written.region
              ? environmentRegions(written.routed, routed)
              : regionOutcomes()),
      );
      if (branch && anchor !== written) for (const r of outcomes) if (r.finding) promote(r.finding.finding);
      if (geo) {
        const entry = outcomes.find((r) => r.finding);
        const evidence = entry ? [...base.evidence, ...entry.evidence] : base.evidence;
        const source = entry?.finding ? { source: entry.finding } : {};
        if (geo === 'global')
          push({ ...base, ...source, evidence, state: 'global', provider: 'aws', note: 'Bedrock global cross-region profile' });
        else
          push({
            ...base,
            ...source,
            evidence,
            state: 'geo-profile',
            geo,
            note: `Bedrock ${geo}. cross-region profile${entry?.finding ? `, called from ${entry.finding.finding.value ?? entry.finding.finding.text}` : ''}`,
          });
        continue;
      }
      if (skuName && /^Global/i.test(skuName)) {
        const entry = outcomes.find((r) => r.finding);
        push({
          ...base,
          evidence: entry ? [...base.evidence, ...entry.evidence] : base.evidence,
          state: 'global',
          sku: skuName,
          provider: 'azure',
          note: `Azure ${skuName}: any Azure region`,
        });
        continue;
      }
      if (skuName && /^DataZone/i.test(skuName)) {
        const entry = outcomes.find((r) => r.finding);
        const jurisdiction = entry?.finding?.finding.value
          ? index.data.regions.find((r) => r.provider === 'azure' && r.code === entry.finding?.finding.value)?.jurisdiction
          : undefined;
        const zone = jurisdiction === 'US' ? 'us' : jurisdiction === 'EU' ? 'eu' : undefined;
        push({
          ...base,
          evidence: entry ? [...base.evidence, ...entry.evidence] : base.evidence,
          state: zone ? 'geo-profile' : 'unresolved',
          geo: zone,
          sku: skuName,
          note: `Azure ${skuName}: a data zone`,
        });
        continue;
      }
      if (platform === 'self-hosted') {
        const cluster = outcomes.find((r) => r.finding);
        push({
          ...base,
          state: 'self-hosted',
          ...(cluster?.finding ? { region: cluster.finding } : {}),
          evidence: cluster ? [...base.evidence, ...cluster.evidence] : base.evidence,
          note: cluster ? 'runs on the cluster' : 'runs on your own hardware',
        });
        continue;
      }
      if (outcomes.length === 0) {
        push({ ...base, state: 'unresolved', note: 'no region setting found' });
        continue;
      }
      // (checked before the pair is made: an anchor's outcomes repeat those of earlier anchors more often than not)
      for (const r of outcomes) {
        // a location of `global` (globalEndpoint): the setting that chose the global endpoint, no region
        const endpoint = r.finding?.finding.geo === 'global' ? r.finding : undefined;
        if (r.finding && r.finding.finding.kind === 'region' && !endpoint) {
          if (!fresh(model, r.finding, 'region', undefined)) continue;
          pairs.push({
            ...base,
            region: r.finding,
            state: 'region',
            evidence: [...base.evidence, ...r.evidence],
            ...(r.note ? { note: r.note } : {}),
            ...(skuName ? { sku: skuName } : {}),
          });
        } else {
          const state = endpoint ? 'global' : (r.state ?? 'unresolved');
          if (!fresh(model, undefined, state, r.geo || undefined)) continue;
          const cloud = state === 'global' && platform !== 'router' ? providerOfPlatform[platform] : undefined;
          const note = r.note ?? endpoint?.finding.evidence;
          pairs.push({
            ...base,
            state,
            ...(r.geo ? { geo: r.geo } : {}),
            ...(cloud ? { provider: cloud } : {}),
            ...(endpoint ? { source: endpoint } : {}),
            evidence: [...base.evidence, ...r.evidence],
            ...(note ? { note } : {}),
          });
        }
      }
    }
  }
  return pairs;
}

/** The region outcomes that may run with a model's: not one read from another record of the table its model was read from. */
function sameRecord(model: Outcome, regions: Outcome[]): Outcome[] {
  const record = model.record;
  return record ? regions.filter((r) => r.record?.table !== record.table || r.record.item === record.item) : regions;
}

/**
 * A setting that decides where a model runs is an inference finding, as is a table's entry a model call reads
 * (comments and examples stay mentions).
 */
function promote(finding: Finding): void {
  if (finding.role === 'deployment' || (finding.role === 'mention' && finding.untilRead)) {
    finding.role = 'inference';
    finding.evidence = finding.evidence ? `${finding.evidence}; used for inference` : 'used for inference';
  }
}

/** A switch's value that turns it on. */
const isOn = (text: string | undefined) => /^(true|1|yes)$/i.test(text ?? '');

/** Whether google-genai's Vertex AI switch is set, and off, where a value is read. */
function vertexSwitchedOff(resolver: Resolver, ctx: { file: string; scope?: string }): boolean {
  const flag = resolver.lookupEnv(knowledge.env.genaiVertexSwitch, ctx)[0];
  return flag?.v.text !== undefined && !isOn(flag.v.text);
}

/** Models set in an env scope that no anchor claimed: they run with the same scope's region variables. */
export function scopeAnchors(
  index: DatasetIndex,
  resolver: Resolver,
  scopes: Array<{ scope: EnvScope; file: string }>,
  claimed: Set<Finding>,
): AnchorSite[] {
  const sites: AnchorSite[] = [];
  for (const { scope, file } of scopes) {
    for (const v of scope.vars) {
      if (!resolver.mayFindModel(v.value)) continue;
      const outcomes = resolver.resolve(v.value, file, { file, scope: scope.id });
      for (const o of outcomes) {
        const f = o.finding?.finding;
        if (!f || f.kind !== 'model' || claimed.has(f) || f.role === 'mention') continue;
        let platform = platformOfModelText(index, f.text);
        if (!platform) continue;
        // an OpenAI model named by a deployment variable is an Azure OpenAI deployment of that name (OpenAI's own API
        // has none): it runs where the workspace declares one
        if (platform === 'provider-managed' && isAzureDeploymentKey(v.name)) {
          const label = `${scope.kind} env ${v.name}`;
          const named: Ref = { kind: 'finding', finding: f, file: o.finding?.file };
          sites.push({
            file,
            anchor: { at: v.at, label, platform: 'azure-openai', models: [], deployments: [{ name: '', at: v.at, ref: named }] },
          });
          continue;
        }
        // an OpenAI model set for Azure OpenAI (AZURE_OPENAI_MODEL), or beside the deployment it runs as
        // (AZURE_OPENAI_DEPLOYMENT=chat): it runs as a deployment, where the workspace declares one
        const deployed =
          platform === 'provider-managed' && f.value?.startsWith('openai/') && (o.finding?.file ?? file) === file
            ? azureDeploymentsOf(resolver, scope, file, v.name)
            : undefined;
        if (deployed) {
          const label = `${scope.kind} env ${v.name}`;
          const deployments = deployed.length
            ? deployed.map((d) => ({ ...d, named: f }))
            : [{ name: '', at: v.at, ref: { kind: 'finding', finding: f, file } satisfies Ref }];
          sites.push({ file, anchor: { at: v.at, label, platform: 'azure-openai', models: [], deployments, envScope: scope.id } });
          continue;
        }
        // an environment that turns google-genai's Vertex AI switch off (GOOGLE_GENAI_USE_VERTEXAI=FALSE) calls the Gemini API
        if (platform === 'vertex' && vertexSwitchedOff(resolver, { file, scope: scope.id })) platform = 'provider-managed';
        const { scopeRegion } = knowledge.env;
        const region: Ref | undefined =
          platform === 'bedrock'
            ? { kind: 'env', names: [...scopeRegion.bedrock], at: v.at, label: 'region in the same environment' }
            : platform === 'vertex' || platform === 'azure-openai'
              ? { kind: 'env', names: [...scopeRegion[platform]], at: v.at }
              : undefined;
        if (region && region.kind === 'env') region.scopeOnly = true;
        sites.push({
          file,
          anchor: { at: v.at, label: `${scope.kind} env ${v.name}`, platform, models: [v.value], region, envScope: scope.id },
        });
      }
    }
  }
  return sites;
}

/**
 * The deployments an env scope names for Azure OpenAI (its deployment variables' values), when its model variable
 * `name` says Azure (AZURE_OPENAI_MODEL), or names no service and the scope names a deployment (MODEL beside
 * AZURE_OPENAI_DEPLOYMENT); an empty list: the variable is Azure's and the scope names no deployment. Undefined for a
 * scope not set for Azure OpenAI, or a variable for another service (OPENAI_MODEL beside another client's deployment).
 */
function azureDeploymentsOf(
  resolver: Resolver,
  scope: EnvScope,
  file: string,
  name: string,
): NonNullable<Anchor['deployments']> | undefined {
  const forAzure = /azure|aoai/i.test(name);
  if (!forAzure && serviceHint(name)) return undefined;
  const deploymentVars = [...scope.vars.map((v) => v.name), ...(scope.literals?.names ?? [])].filter(isAzureDeploymentKey);
  if (!deploymentVars.length && !forAzure) return undefined;
  // an embedding model runs as the embedding deployment, a chat model as the others
  const embedding = /embed/i.test(name);
  const deployments: NonNullable<Anchor['deployments']> = [];
  for (const deploymentVar of new Set(deploymentVars.filter((d) => /embed/i.test(d) === embedding))) {
    const v = resolver.lookupEnv([deploymentVar], { file, scope: scope.id }, true)[0]?.v;
    if (v?.text) deployments.push({ name: v.text, at: v.at });
  }
  return deployments;
}

/**
 * A call on a client another module made (`made`: that client's outcomes, each with the platform it was made for): on
 * that platform, when the modules that make it agree on one. Bedrock and Vertex AI run where it was made, an Azure
 * OpenAI client's model names one of its deployments.
 */
function onClientMadeElsewhere(anchor: Anchor, madeBy: Ref, made: Outcome[]): Anchor {
  const platforms = new Set(made.map((o) => o.platform));
  const [platform] = platforms;
  if (platforms.size !== 1 || !platform) return anchor;
  if (platform === 'azure-openai')
    return {
      ...anchor,
      platform,
      region: undefined,
      models: [],
      deployments: [...(anchor.deployments ?? []), ...anchor.models.map((ref) => ({ name: '', at: anchor.at, ref }))],
    };
  return { ...anchor, platform, region: platform === 'bedrock' || platform === 'vertex' ? madeBy : undefined };
}

/** How many leading folders two workspace paths share. */
function sharedFolders(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[n] === y[n]) n++;
  return n;
}

/**
 * The declared deployments of one name nearest to where the name is set (`from`): two stacks of a repository may each
 * declare one (Bicep beside Terraform), and the one in the folders of the setting is the one it names.
 */
function nearest<T extends { file: string }>(declared: T[], from: string): T[] {
  if (declared.length < 2) return declared;
  const depth = declared.map((x) => sharedFolders(x.file, from));
  const best = Math.max(...depth);
  return declared.filter((_, i) => depth[i] === best);
}
