/**
 * The Pulumi dynamic-provider hooks: each one reads its inputs, calls the core, and shapes the answer
 * for the engine. This module is loaded by the serialized provider with
 * `require("pulumi-kore-campaigns/internal/hooks")`, once per provider process, so its module-level
 * state (stack config, clients, the shared name view) is shared by every campaign in the stack.
 */
import type * as pulumi from "@pulumi/pulumi";
import { KoreClient } from "./client";
import {
  appKey,
  ConnectionInput,
  CONNECTION_SETTINGS,
  credentialsKey,
  resolveConnection,
  ResolvedConnection,
  secretsOf,
  targetKey,
} from "./connection";
import { diffCampaign } from "./diff";
import { redactSecrets } from "./errors";
import {
  CampaignOutputs,
  createCampaign,
  deleteCampaign,
  LifecycleContext,
  PartialFailure,
  readCampaign,
  splitSpec,
  updateCampaign,
} from "./lifecycle";
import { CampaignNameView } from "./names";
import { AdaptiveScheduler, parseSchedulerSetting } from "./scheduler";
import { CampaignSpec, validateCampaign } from "./schema";
import { checkConnectionInput, definitionOf, inputsOf, UNKNOWN, withoutUndefined } from "./state";

/** Stack config handed to the provider by the engine (kore:* keys), read at run time. */
let stackConfig: (key: string) => string | undefined = () => undefined;

/** One client per app and credentials; one name view per app and account, whichever client lists it. */
const clients = new Map<string, KoreClient>();
const nameViews = new Map<string, CampaignNameView>();
/** One request scheduler per Kore.ai app (host + appId), whatever the credentials: Kore's limits are the app's. */
const schedulers = new Map<string, AdaptiveScheduler>();

/** Stack config and environment settings read at run time, beside the connection settings. */
const SCHEDULER_SETTINGS = {
  maxConcurrency: { configKey: "kore:maxConcurrency", envVar: "KORE_MAX_CONCURRENCY" },
  maxRequestsPerSecond: { configKey: "kore:maxRequestsPerSecond", envVar: "KORE_MAX_REQUESTS_PER_SECOND" },
} as const;

function setting(configKey: string, envVar: string): string | undefined {
  return stackConfig(configKey) ?? process.env[envVar];
}

/** The app's scheduler, made on first use with the limits configured then (kore:* config, else KORE_* env, else defaults). */
function schedulerFor(target: ResolvedConnection["target"]): AdaptiveScheduler {
  const key = appKey(target);
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    const limit = (name: keyof typeof SCHEDULER_SETTINGS, kind: "concurrency" | "rate") => {
      const { configKey, envVar } = SCHEDULER_SETTINGS[name];
      return parseSchedulerSetting(setting(configKey, envVar), `${configKey} (${envVar})`, kind);
    };
    scheduler = new AdaptiveScheduler({ maxConcurrency: limit("maxConcurrency", "concurrency"), maxRequestsPerSecond: limit("maxRequestsPerSecond", "rate") });
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

function contextFor(conn: ResolvedConnection): LifecycleContext {
  const clientKey = `${targetKey(conn.target)}|${credentialsKey(conn.credentials)}`;
  let client = clients.get(clientKey);
  if (!client) {
    client = new KoreClient(conn.target, conn.credentials, { scheduler: schedulerFor(conn.target) });
    clients.set(clientKey, client);
  }
  let names = nameViews.get(targetKey(conn.target));
  if (!names) {
    const lister = client;
    names = new CampaignNameView({ listAll: () => lister.listAllCampaigns() });
    nameViews.set(targetKey(conn.target), names);
  }
  const readySeconds = Number(setting("kore:readyTimeoutSeconds", "KORE_READY_TIMEOUT_SECONDS") ?? 120);
  return {
    client,
    names,
    readyTimeoutMs: (Number.isFinite(readySeconds) && readySeconds > 0 ? readySeconds : 120) * 1000,
    pollIntervalMs: 250,
  };
}

function connect(connection: ConnectionInput | undefined, target?: CampaignOutputs["target"]): ResolvedConnection {
  // A recorded target wins over today's environment: refresh and destroy go to the app the campaign lives in.
  return resolveConnection({ ...connection, ...target }, stackConfig);
}

/** Rethrows for the engine with secrets scrubbed; a partial failure carries the id so state keeps the campaign. */
function forEngine(err: unknown, conn?: ResolvedConnection): Error {
  const secrets = conn ? secretsOf(conn) : [];
  const message = redactSecrets(err instanceof Error ? err.message : String(err), secrets);
  if (err instanceof PartialFailure) {
    return Object.assign(new Error(message), { id: err.id, properties: withoutUndefined(err.outputs), reasons: [message] });
  }
  return new Error(message);
}

/**
 * The campaign spec in create/update inputs. The engine hands these hooks exactly what `check`
 * returned (validated and normalized), so they are not validated a second time: that would double
 * the provider's CPU per campaign for nothing.
 */
function specOf(inputs: Record<string, unknown>): CampaignSpec {
  const { connection: _connection, __provider: _provider, ...spec } = inputs;
  return spec as unknown as CampaignSpec;
}

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const known = new Set(
    CONNECTION_SETTINGS.map((s) => s.configKey).concat(
      "kore:readyTimeoutSeconds",
      ...Object.values(SCHEDULER_SETTINGS).map((s) => s.configKey),
    ),
  );
  stackConfig = (key) => (known.has(key) ? (req.config.get(key) as string | undefined) : undefined);
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const { __provider: _provider, connection, ...spec } = news;
  const result = validateCampaign(spec, { unknownValue: UNKNOWN });
  const failures = [
    ...(result.ok ? [] : result.failures.map((f) => ({ property: f.path, reason: f.message }))),
    ...checkConnectionInput(connection),
  ];
  if (failures.length > 0 || !result.ok) return { inputs: news, failures };
  return { inputs: withoutUndefined({ ...result.value, ...(connection === undefined ? {} : { connection }) }) };
}

export async function diff(_id: string, olds: CampaignOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const newConnection = news.connection as ConnectionInput | typeof UNKNOWN | undefined;
  const d = diffCampaign(
    { definition: definitionOf(olds), started: olds.started, target: olds.target },
    {
      definition: definitionOf(news),
      started: Boolean(news.started),
      target: newConnection === UNKNOWN ? undefined : targetFrom(newConnection),
    },
  );
  // Rotated credentials are an in-place update with no API call: state must hold what destroy will use.
  const credentialsChanged = newConnection === UNKNOWN || !sameConnection(olds.connection, newConnection);
  return {
    changes: d.changed.length > 0 || d.replaceKeys.length > 0 || credentialsChanged,
    replaces: d.replaceKeys,
    deleteBeforeReplace: false,
  };
}

function sameConnection(a: ConnectionInput | undefined, b: ConnectionInput | undefined): boolean {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]) as Set<keyof ConnectionInput>;
  return [...keys].every((k) => a?.[k] === b?.[k]);
}

/** The target the new inputs point at, or undefined when it cannot be known yet. */
function targetFrom(connection: ConnectionInput | undefined): CampaignOutputs["target"] | undefined {
  const host = connection?.host ?? setting("kore:host", "KORE_HOST");
  const appId = connection?.appId ?? setting("kore:appId", "KORE_APP_ID");
  const accountId = connection?.accountId ?? setting("kore:accountId", "KORE_ACCOUNT_ID");
  return host && appId && accountId ? { host, appId, accountId } : undefined;
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const connection = inputs.connection as ConnectionInput | undefined;
  let conn: ResolvedConnection | undefined;
  try {
    conn = connect(connection);
    const { id, outs } = await createCampaign(contextFor(conn), specOf(inputs), { target: conn.target, connection });
    return { id, outs: withoutUndefined(outs) };
  } catch (err) {
    throw forEngine(err, conn);
  }
}

export async function read(id: string, props: CampaignOutputs): Promise<pulumi.dynamic.ReadResult> {
  let conn: ResolvedConnection | undefined;
  try {
    conn = connect(props.connection, props.target);
    const outs = await readCampaign(contextFor(conn), id, props);
    if (!outs) return { id: "", props: {} }; // deleted outside Pulumi: the engine drops it from state
    const clean = withoutUndefined(outs);
    return { id, props: clean, inputs: inputsOf(clean) };
  } catch (err) {
    throw forEngine(err, conn);
  }
}

export async function update(id: string, olds: CampaignOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const connection = news.connection as ConnectionInput | undefined;
  let conn: ResolvedConnection | undefined;
  try {
    conn = connect(connection, olds.target);
    const spec = specOf(news);
    const { definition, started } = splitSpec(spec);
    const d = diffCampaign(
      { definition: definitionOf(olds), started: olds.started, target: olds.target },
      { definition, started, target: olds.target },
    );
    const outs = await updateCampaign(contextFor(conn), id, olds, spec, { target: olds.target, connection }, d);
    return { outs: withoutUndefined(outs) };
  } catch (err) {
    throw forEngine(err, conn);
  }
}

export async function remove(id: string, props: CampaignOutputs): Promise<void> {
  let conn: ResolvedConnection | undefined;
  try {
    conn = connect(props.connection, props.target);
    await deleteCampaign(contextFor(conn), id);
  } catch (err) {
    throw forEngine(err, conn);
  }
}

/** For tests and benchmarks in one process: forget clients, name views and schedulers (new limits are read on next use). */
export function resetSessions(): void {
  clients.clear();
  nameViews.clear();
  schedulers.clear();
}
