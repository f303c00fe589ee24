/**
 * What one provider process shares between all its resources, whatever their type: the stack config
 * the engine handed to `configure`, one client per app and credentials, one request scheduler per app,
 * one name view per app and resource kind, and the create journal. Nothing starts when it is loaded: the
 * engine watchdog and the error filter start with the first `configure` (provider-process.ts).
 *
 * Every serialized provider (VoiceCampaign's, ContactList's) loads its hooks by package name, so all of
 * them find this module once in the process's module cache: a stack of 50 campaigns and 5 contact lists
 * lists each kind once and keeps one rate limit per app.
 *
 * What the engine does that this relies on (seen under the real CLI, not assumed):
 * - `configure` receives the whole stack config (for dynamic providers the engine passes every key,
 *   namespaced, secrets decrypted), so credentials are read here at run time, never from state.
 * - The host adds `__provider` back to create/update/read answers, but not to the properties of a
 *   partial failure: those are stored as given, and a later refresh or destroy could not load the
 *   provider without it. So a partial failure carries `__provider` itself (engine-errors.ts).
 * - The host calls `configure` before any other hook of a serialized provider, once per process.
 */
import type * as pulumi from "@pulumi/pulumi";
import { KoreClient, type CampaignType, type SkippedRecord, type WireCampaign } from "../kore-api/client";
import { plainText } from "../kore-api/responses";
import { AdaptiveScheduler } from "../kore-api/scheduler";
import { appKey, targetKey, type KoreTarget } from "../kore-api/target";
import type { InterruptedCreates } from "../shared/interrupted-creates";
import { Holdings, NameView } from "../shared/name-view";
import { withoutUndefined } from "../shared/properties";
import {
  checkConnectionInput,
  connectionRefOf,
  CONNECTION_SETTINGS,
  CONNECTIONS_CONFIG_KEY,
  credentialsKey,
  holdsCredentials,
  namedConnections,
  resolveConnection,
  type ConnectionRef,
  type LegacyConnection,
  type ResolvedConnection,
  type SettingSource,
} from "./connection";
import { CreateJournal, defaultJournalDir } from "./create-journal";
import { PROVIDER_KEY } from "./engine-errors";
import { engine, startProviderProcess } from "./provider-process";
import { readSettings, SETTING_CONFIG_KEYS, type ProviderSettings } from "./settings";
import type { ResourceKind } from "../shared/properties";

export { forEngine, PROVIDER_KEY, reportOnce } from "./engine-errors";

/** Stack config handed to the provider by the engine (kore:* keys), read at run time. */
let stackConfig: SettingSource = () => undefined;

/** The current stack config (kore:* keys only). */
export function config(): SettingSource {
  return stackConfig;
}

/** `configure`, for every resource type: starts the provider process (once), keeps the kore:* keys the provider reads; idempotent. */
export function configureFrom(req: pulumi.dynamic.ConfigureRequest): void {
  startProviderProcess();
  const known = new Set([...CONNECTION_SETTINGS.map((s) => s.configKey), CONNECTIONS_CONFIG_KEY, ...SETTING_CONFIG_KEYS]);
  cachedSettings = undefined;
  stackConfig = (key) => {
    if (!known.has(key)) return undefined;
    const value = req.config.get(key) as unknown;
    return value === undefined || typeof value === "string" ? value : JSON.stringify(value);
  };
}

/** Read once per configure (and again after resetSessions): they are on every call's path. */
let cachedSettings: ProviderSettings | undefined;
export function settings(): ProviderSettings {
  cachedSettings ??= readSettings(stackConfig);
  return cachedSettings;
}

/** One client per app and credentials; one name view per app, account and kind, whichever client lists it. */
const clients = new Map<string, KoreClient>();
const nameViews = new Map<string, { view: NameView; client?: KoreClient }>();
/**
 * The ids the program's resources hold, per kind, app and account, whatever host spelling reached them
 * (`localhost` and `127.0.0.1` are one server): a delete that finds its id here forgets it (name-view.ts).
 */
const holdings = new Map<string, Holdings>();

function holdingsOf(kind: ResourceKind, target: KoreTarget): Holdings {
  const key = `${kind}|${target.appId}|${target.accountId}`;
  let held = holdings.get(key);
  if (!held) holdings.set(key, (held = new Holdings()));
  return held;
}
/** One request scheduler per Kore.ai app (host + appId), whatever the credentials: Kore's limits are the app's. */
const schedulers = new Map<string, AdaptiveScheduler>();

/** Creates that never reached an engine (create-journal.ts), per app and kind. */
const journal = new CreateJournal(defaultJournalDir());

/** The journal's app key: campaigns keep the key of 0.2 (journals written then stay readable). */
function journalApp(kind: ResourceKind, target: KoreTarget): string {
  return kind === "campaign" ? targetKey(target) : `${targetKey(target)}#${kind}`;
}

/** The engine holds resource `id` in state (it sent it to a hook): its create is no longer interrupted. */
export function inState(kind: ResourceKind, id: string, props: { target?: KoreTarget; name?: unknown }): void {
  if (props.target && typeof props.name === "string") journal.settle(journalApp(kind, props.target), props.name, id);
}

function interruptedCreates(kind: ResourceKind, target: KoreTarget): InterruptedCreates {
  const app = journalApp(kind, target);
  return {
    intend: (name) => journal.intend(app, name),
    record: (name, id) => journal.record(app, name, id),
    find: (name) => journal.find(app, name),
    done: (name) => journal.done(app, name),
  };
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

const CHANNELS = ["voice", "sms"] as const satisfies readonly CampaignType[];
const tagged = (records: readonly WireCampaign[], campaignType: CampaignType) => records.map((r) => ({ ...r, campaignType }));

/** How each kind is listed: every record, and one page of the newest (the re-check before a create). */
const LISTERS: Record<ResourceKind, (client: () => KoreClient, appId: string) => ConstructorParameters<typeof NameView>[0]> = {
  // Voice and SMS campaigns share one namespace of names (and the schedule call finds either by name): the
  // view lists both, each record tagged with its campaignType (the lifecycle refuses a name the other channel holds).
  campaign: (client, appId) => ({
    listAll: async () => {
      const [voice, sms] = await Promise.all(CHANNELS.map((type) => client().listAllCampaigns({ type, onSkipped: (r) => warnSkipped(appId, r) })));
      return [...tagged(voice, "voice"), ...tagged(sms, "sms")];
    },
    listRecent: async () => {
      const pages = await Promise.all(CHANNELS.map((type) => client().listCampaignsPage({ limit: 50, skip: 0, page: 1, type })));
      return [...tagged(pages[0].records, "voice"), ...tagged(pages[1].records, "sms")];
    },
  }),
  // The contact-list listing has no paging (get-all-contact-lists.md): a re-check lists them all again.
  contactList: (client) => ({
    listAll: () => client().listContactLists(),
    listRecent: () => client().listContactLists(),
  }),
};

/**
 * A record the campaign listing left out (no id, a bad id): named on the provider's stderr, which the engine
 * prints, so one bad record neither blocks the app nor disappears unseen. Its name is server text: sanitised.
 */
function warnSkipped(appId: string, r: SkippedRecord & { page: number }): void {
  const name = r.name === undefined ? "" : ` ("${plainText(r.name, 80)}")`;
  process.stderr.write(`warning: app ${appId}: the campaign listing left out record ${r.position} of page ${r.page}${name}: ${r.problem}; names are checked without it\n`);
}

/** The name view of one kind in an app and account; `client` (when given) becomes the one that lists it. */
export function namesFor(kind: ResourceKind, target: KoreTarget, client?: KoreClient): NameView {
  const key = `${kind}|${targetKey(target)}`;
  let entry = nameViews.get(key);
  if (!entry) {
    const holder: { view?: NameView; client?: KoreClient } = { client };
    const lister = () => {
      if (!holder.client) throw new Error(`no connection to list the ${kind === "campaign" ? "campaigns" : "contact lists"} of app ${target.appId}`);
      return holder.client;
    };
    holder.view = new NameView(LISTERS[kind](lister, target.appId), holdingsOf(kind, target));
    entry = holder as { view: NameView; client?: KoreClient };
    nameViews.set(key, entry);
  }
  if (client) entry.client = client;
  return entry.view;
}

/** What a resource's lifecycle needs from the process: the client and the shared views, for one app. */
export interface AppSession {
  client: KoreClient;
  settings: ProviderSettings;
  names(kind: ResourceKind): NameView;
  interrupted(kind: ResourceKind): InterruptedCreates;
}

export function sessionFor(conn: ResolvedConnection): AppSession {
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
  const bound = client;
  return {
    client,
    settings: s,
    names: (kind) => namesFor(kind, conn.target, bound),
    interrupted: (kind) => interruptedCreates(kind, conn.target),
  };
}

/** The connection for stored outputs: the recorded target, credentials from today's sources (stored ones only for old state). */
export function connectStored(props: { connection?: unknown; target?: KoreTarget }): ResolvedConnection {
  const stored = props.connection;
  return resolveConnection(connectionRefOf(stored), stackConfig, process.env, {
    recordedTarget: props.target,
    legacy: holdsCredentials(stored) ? (stored as LegacyConnection) : undefined,
  });
}

/** The connection a resource's inputs name. */
export function refOf(inputs: Record<string, unknown>): ConnectionRef | undefined {
  return connectionRefOf(inputs.connection);
}

/**
 * `check`, for every resource type: the resource's own validation, the connection input, and the
 * provider settings (an invalid one is reported before anything runs). Answers with the normalized
 * inputs, or with every failure at once.
 */
export function checkInputs(
  news: Record<string, unknown>,
  validate: (spec: Record<string, unknown>) => { ok: true; value: object } | { ok: false; failures: Array<{ path: string; message: string }> },
): pulumi.dynamic.CheckResult {
  const { [PROVIDER_KEY]: _provider, connection, ...spec } = news;
  const result = validate(spec);
  let definedNames: string[] = [];
  const configFailures: Array<{ property: string; reason: string }> = [];
  try {
    definedNames = Object.keys(namedConnections(stackConfig));
    settings();
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

/** For tests and benchmarks in one process: forget clients, name views and schedulers (new limits are read on next use). */
export function resetSessions(): void {
  cachedSettings = undefined;
  clients.clear();
  nameViews.clear();
  holdings.clear();
  schedulers.clear();
}
