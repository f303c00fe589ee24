/**
 * The Pulumi dynamic-provider hooks: each one reads its inputs, calls the core, and shapes the answer
 * for the engine. This module is loaded by the serialized provider with
 * `require("pulumi-kore-campaigns/internal/hooks")`, once per provider process, so its module-level
 * state (stack config, clients, the shared name views, the engine watch) is shared by every campaign
 * in the stack.
 *
 * What the engine does that these hooks rely on (seen under the real CLI, not assumed):
 * - `configure` receives the whole stack config (for dynamic providers the engine passes every key,
 *   namespaced, secrets decrypted), so credentials are read here at run time, never from state.
 * - The host adds `__provider` back to create/update/read answers, but not to the properties of a
 *   partial failure: those are stored as given, and a later refresh or destroy could not load the
 *   provider without it. So a partial failure carries `__provider` itself.
 * - The host prints every read/delete/check/diff error to stderr as `${err}: ${err.stack}` besides
 *   returning it; the engine shows both. Errors thrown here carry no stack, and that duplicate line is
 *   dropped (see `reportOnce`), so a user sees one clean message.
 */
import type * as pulumi from "@pulumi/pulumi";
import { KoreClient } from "./client";
import {
  appKey,
  connectionRefOf,
  CONNECTION_SETTINGS,
  CONNECTIONS_CONFIG_KEY,
  credentialsKey,
  holdsCredentials,
  namedConnections,
  resolveConnection,
  ResolvedConnection,
  secretsOf,
  targetKey,
  targetOf,
  TARGET_FIELDS,
  type ConnectionRef,
  type KoreTarget,
  type LegacyConnection,
} from "./connection";
import { CreateJournal, defaultJournalDir } from "./create-journal";
import { diffCampaign, sameTarget } from "./diff";
import { engineAddressFrom, EngineLiveness } from "./engine-liveness";
import { redactSecrets } from "./errors";
import {
  CampaignOutputs,
  createCampaign,
  deleteCampaign,
  InterruptedCreates,
  LifecycleContext,
  PartialFailure,
  readCampaign,
  splitSpec,
  updateCampaign,
} from "./lifecycle";
import { CampaignNameView } from "./names";
import { AdaptiveScheduler } from "./scheduler";
import { CampaignSpec, validateCampaign } from "./schema";
import { readSettings, SETTING_CONFIG_KEYS, type ProviderSettings } from "./settings";
import { checkConnectionInput, definitionOf, inputsOf, UNKNOWN, withoutUndefined } from "./state";

const PROVIDER_KEY = "__provider";

/** Stack config handed to the provider by the engine (kore:* keys), read at run time. */
let stackConfig: (key: string) => string | undefined = () => undefined;

/** One client per app and credentials; one name view per app and account, whichever client lists it. */
const clients = new Map<string, KoreClient>();
const nameViews = new Map<string, { view: CampaignNameView; client?: KoreClient }>();
/** One request scheduler per Kore.ai app (host + appId), whatever the credentials: Kore's limits are the app's. */
const schedulers = new Map<string, AdaptiveScheduler>();

/** The engine that started this process (its gRPC address is the host's last argument). */
const engine = new EngineLiveness(engineAddressFrom(process.argv.slice(2)));
engine.watch(500, () => {
  // Whatever is still in flight belongs to a deployment nobody will record: end it now.
  process.stderr.write(`pulumi-kore-campaigns: the Pulumi engine (${engine.address}) is gone; the provider exits without further calls\n`);
  process.exit(1);
});

/** Creates that never reached an engine (create-journal.ts), per app. */
const journal = new CreateJournal(defaultJournalDir());

/** The engine holds campaign `id` in state (it sent it to a hook): its create is no longer interrupted. */
function inState(id: string, props: Partial<CampaignOutputs>): void {
  if (props.target && typeof props.name === "string") journal.settle(targetKey(props.target), props.name, id);
}
function interruptedCreates(target: KoreTarget): InterruptedCreates {
  const app = targetKey(target);
  return {
    intend: (name) => journal.intend(app, name),
    record: (name, id) => journal.record(app, name, id),
    find: (name) => journal.find(app, name),
    done: (name) => journal.done(app, name),
  };
}

/** Read once per configure (and again after resetSessions): they are on every call's path. */
let cachedSettings: ProviderSettings | undefined;
function settings(): ProviderSettings {
  cachedSettings ??= readSettings(stackConfig);
  return cachedSettings;
}

/** The app's scheduler, made on first use with the limits configured then. */
function schedulerFor(target: KoreTarget, s: ProviderSettings): AdaptiveScheduler {
  const key = appKey(target);
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = new AdaptiveScheduler({ maxConcurrency: s.maxConcurrency, maxRequestsPerSecond: s.maxRequestsPerSecond });
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

/** The name view of an app and account; `client` (when given) becomes the one that lists it. */
function namesFor(target: KoreTarget, client?: KoreClient): CampaignNameView {
  const key = targetKey(target);
  let entry = nameViews.get(key);
  if (!entry) {
    const holder: { view: CampaignNameView; client?: KoreClient } = {
      client,
      view: new CampaignNameView({
        listAll: () => {
          if (!holder.client) throw new Error(`no connection to list the campaigns of app ${target.appId}`);
          return holder.client.listAllCampaigns();
        },
        listRecent: async () => {
          if (!holder.client) throw new Error(`no connection to list the campaigns of app ${target.appId}`);
          return (await holder.client.listCampaignsPage({ limit: 50, skip: 0, page: 1 })).records;
        },
      }),
    };
    entry = holder;
    nameViews.set(key, entry);
  }
  if (client) entry.client = client;
  return entry.view;
}

function contextFor(conn: ResolvedConnection): LifecycleContext {
  const s = settings();
  const clientKey = `${targetKey(conn.target)}|${credentialsKey(conn.credentials)}`;
  let client = clients.get(clientKey);
  if (!client) {
    client = new KoreClient(conn.target, conn.credentials, {
      scheduler: schedulerFor(conn.target, s),
      beforeAttempt: () => engine.assertAlive(),
      deadlineMs: s.requestDeadlineMs,
    });
    clients.set(clientKey, client);
  }
  return {
    client,
    names: namesFor(conn.target, client),
    readyTimeoutMs: s.readyTimeoutMs,
    triggerSettleMs: s.triggerSettleMs,
    pollIntervalMs: 250,
    interrupted: interruptedCreates(conn.target),
  };
}

/** The connection for stored outputs: the recorded target, credentials from today's sources (stored ones only for old state). */
function connectStored(props: CampaignOutputs): ResolvedConnection {
  const stored = props.connection as unknown;
  return resolveConnection(connectionRefOf(stored), stackConfig, process.env, {
    recordedTarget: props.target,
    legacy: holdsCredentials(stored) ? (stored as LegacyConnection) : undefined,
  });
}

/** Errors already handed to the engine, whose duplicate print by the host is dropped. */
const reportedToEngine = new Set<string>();
const printError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (args.length === 1 && typeof args[0] === "string" && reportedToEngine.delete(args[0])) return;
  printError(...args);
};

/** An error for the engine: one line of text, no stack trace into this module; the host's copy of it is not printed. */
function reportOnce(message: string, extra: Record<string, unknown> = {}): Error {
  const err = Object.assign(new Error(message), extra);
  err.stack = message;
  reportedToEngine.add(`${err}: ${err.stack}`);
  return err;
}

/** Rethrows for the engine with secrets scrubbed; a partial failure carries the id (and `__provider`) so state keeps the campaign. */
function forEngine(err: unknown, conn: ResolvedConnection | undefined, provider: unknown): Error {
  const secrets = conn ? secretsOf(conn) : [];
  const message = redactSecrets(err instanceof Error ? err.message : String(err), secrets);
  if (err instanceof PartialFailure) {
    const properties = withoutUndefined({ ...err.outputs, [PROVIDER_KEY]: provider });
    return reportOnce(message, { id: err.id, properties, reasons: [message] });
  }
  return reportOnce(message);
}

/**
 * The campaign spec in create/update inputs. The engine hands these hooks exactly what `check`
 * returned (validated and normalized), so they are not validated a second time: that would double
 * the provider's CPU per campaign for nothing.
 */
function specOf(inputs: Record<string, unknown>): CampaignSpec {
  const { connection: _connection, [PROVIDER_KEY]: _provider, ...spec } = inputs;
  return spec as unknown as CampaignSpec;
}

function refOf(inputs: Record<string, unknown>): ConnectionRef | undefined {
  return connectionRefOf(inputs.connection);
}

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const known = new Set([...CONNECTION_SETTINGS.map((s) => s.configKey), CONNECTIONS_CONFIG_KEY, ...SETTING_CONFIG_KEYS]);
  cachedSettings = undefined;
  stackConfig = (key) => {
    if (!known.has(key)) return undefined;
    const value = req.config.get(key) as unknown;
    return value === undefined || typeof value === "string" ? value : JSON.stringify(value);
  };
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const { [PROVIDER_KEY]: _provider, connection, ...spec } = news;
  const result = validateCampaign(spec, { unknownValue: UNKNOWN });
  let definedNames: string[] = [];
  const configFailures: Array<{ property: string; reason: string }> = [];
  try {
    definedNames = Object.keys(namedConnections(stackConfig));
    settings(); // an invalid setting is reported before anything runs
  } catch (err) {
    configFailures.push({ property: typeof connection === "string" ? "connection" : "", reason: (err as Error).message });
  }
  const failures = [
    ...(result.ok ? [] : result.failures.map((f) => ({ property: f.path, reason: f.message }))),
    ...(configFailures.length > 0 ? configFailures : checkConnectionInput(connection, definedNames)),
  ];
  if (failures.length > 0 || !result.ok) return { inputs: news, failures };
  return { inputs: withoutUndefined({ ...result.value, ...(connection === undefined ? {} : { connection }) }) };
}

export async function diff(id: string, olds: CampaignOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  if (olds.target) namesFor(olds.target).manage(id);
  inState(id, olds);
  const newRef = news.connection as ConnectionRef | typeof UNKNOWN | undefined;
  const newTarget = newRef === UNKNOWN ? undefined : targetOf(refOf(news), stackConfig);
  const d = diffCampaign(
    { definition: definitionOf(olds), started: olds.started, target: olds.target },
    { definition: definitionOf(news), started: Boolean(news.started), target: newTarget },
  );
  // In place, with no API call for the connection: state must hold the new name or target, and lose
  // the credentials that versions before 0.2 stored.
  const connectionChanged = newRef === UNKNOWN || holdsCredentials(olds.connection) || !sameRef(connectionRefOf(olds.connection), refOf(news));
  const pending = (olds.pendingChanges ?? []).length > 0;
  return {
    changes: d.changed.length > 0 || d.replaceKeys.length > 0 || connectionChanged || pending,
    replaces: d.replaceKeys,
    deleteBeforeReplace: false,
  };
}

function sameRef(a: ConnectionRef | undefined, b: ConnectionRef | undefined): boolean {
  if (typeof a === "string" || typeof b === "string" || a === undefined || b === undefined) return a === b;
  return TARGET_FIELDS.every((k) => a[k] === b[k]);
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  let conn: ResolvedConnection | undefined;
  try {
    const connection = refOf(inputs);
    conn = resolveConnection(connection, stackConfig);
    // The journal entry stays after this returns: the engine may die before it records the id. It is
    // cleared once a later command shows the campaign in state (diff, read, update, delete).
    const { id, outs } = await createCampaign(contextFor(conn), specOf(inputs), { target: conn.target, connection });
    return { id, outs: withoutUndefined(outs) };
  } catch (err) {
    throw forEngine(err, conn, inputs[PROVIDER_KEY]);
  }
}

export async function read(id: string, props: CampaignOutputs): Promise<pulumi.dynamic.ReadResult> {
  let conn: ResolvedConnection | undefined;
  try {
    conn = connectStored(props);
    inState(id, props);
    const outs = await readCampaign(contextFor(conn), id, props);
    if (!outs) return { id: "", props: {} }; // deleted outside Pulumi: the engine drops it from state
    // Stored credentials (old state) are kept only while they are still the ones in use; `up` drops them.
    const clean = withoutUndefined({ ...outs, connection: conn.fromState ? props.connection : connectionRefOf(props.connection) });
    return { id, props: clean, inputs: inputsOf(clean) };
  } catch (err) {
    throw forEngine(err, conn, (props as Record<string, unknown>)[PROVIDER_KEY]);
  }
}

export async function update(id: string, olds: CampaignOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  let conn: ResolvedConnection | undefined;
  try {
    const connection = refOf(news);
    const now = resolveConnection(connection, stackConfig);
    // An update never moves a campaign (a new target is a replace): it stays where state says it lives.
    conn = olds.target && !sameTarget(now.target, olds.target) ? connectStored(olds) : { ...now, target: olds.target ?? now.target };
    inState(id, olds);
    const spec = specOf(news);
    const { definition, started } = splitSpec(spec);
    const d = diffCampaign(
      { definition: definitionOf(olds), started: olds.started, target: olds.target },
      { definition, started, target: olds.target },
    );
    const outs = await updateCampaign(contextFor(conn), id, olds, spec, { target: conn.target, connection }, d);
    return { outs: withoutUndefined(outs) };
  } catch (err) {
    throw forEngine(err, conn, news[PROVIDER_KEY]);
  }
}

export async function remove(id: string, props: CampaignOutputs): Promise<void> {
  let conn: ResolvedConnection | undefined;
  try {
    conn = connectStored(props);
    inState(id, props);
    await deleteCampaign(contextFor(conn), id);
  } catch (err) {
    throw forEngine(err, conn, undefined);
  }
}

/** For tests and benchmarks in one process: forget clients, name views and schedulers (new limits are read on next use). */
export function resetSessions(): void {
  cachedSettings = undefined;
  clients.clear();
  nameViews.clear();
  schedulers.clear();
}
