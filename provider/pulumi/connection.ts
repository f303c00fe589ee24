/**
 * Where a campaign lives (host, app, account) and how to authenticate. Pure: the sources are passed in.
 *
 * No credential is ever part of a resource's inputs or state. A resource names its connection:
 *   - nothing: the default connection (flat stack config `kore:*`, else `KORE_*` variables);
 *   - a name, `connection: "emea"`: the entry `kore:connections.emea` of stack config
 *     (`pulumi config set --path kore:connections.emea.appId st-...`, secrets with `--secret`);
 *   - `{ host, appId, accountId }`: the default connection's credentials, for another target.
 * State keeps that name or target and the resolved `target`; the credentials are read at run time from
 * the current stack config and environment, so a rotated secret takes effect on the next command.
 *
 * Credentials come from one source as a whole: a named entry; or, for the default connection, the
 * most specific source that names any credential (stack config before the environment). A source
 * that holds both a JWT and a client id/secret, or half a pair, is refused: never a mix.
 */
import { createHash } from "node:crypto";
import { ValidationError } from "../kore-api/errors";
import { parseKoreHost } from "../kore-api/target";
import { UNKNOWN } from "../shared/properties";
import { CREDENTIAL_FIELDS, type KoreCredentials } from "../kore-api/auth";
import { TARGET_FIELDS, type KoreTarget } from "../kore-api/target";
import { appKey, normalizedHost, targetKey } from "../kore-api/target";
export { appKey, normalizedHost, targetKey, TARGET_FIELDS, CREDENTIAL_FIELDS };
export type { KoreTarget, KoreCredentials };
import type { ConnectionRef, TargetInput } from "../shared/placement";
import { isRecord } from "../util/values";
export type { ConnectionRef, TargetInput };

/** Written by versions before 0.2: the whole connection, credentials included, stored as a secret. */
export interface LegacyConnection extends TargetInput {
  clientId?: string;
  clientSecret?: string;
  jwt?: string;
}

/** Kept for programs that import the old name. */
export type ConnectionInput = ConnectionRef;

export interface ResolvedConnection {
  target: KoreTarget;
  credentials: KoreCredentials;
  /** where the credentials came from, for messages: `stack config kore:connections.emea`, ... */
  source: string;
  /** true when they are the ones an earlier version stored in state (no current source names any) */
  fromState?: boolean;
}

type SettingName = "host" | "appId" | "accountId" | "clientId" | "clientSecret" | "jwt";

/** One row per setting: its stack config key, environment variable, and key inside a named entry. */
export const CONNECTION_SETTINGS: ReadonlyArray<{ name: SettingName; configKey: string; envVar: string; secret: boolean; doc: string }> = [
  { name: "host", configKey: "kore:host", envVar: "KORE_HOST", secret: false, doc: "The Kore.ai platform URL (https://platform.kore.ai); https:// is required except on loopback (the emulator)." },
  { name: "appId", configKey: "kore:appId", envVar: "KORE_APP_ID", secret: false, doc: "The app (bot/stream) id, st-...: in every path and the iid header." },
  { name: "accountId", configKey: "kore:accountId", envVar: "KORE_ACCOUNT_ID", secret: false, doc: "The account id: the accountId header." },
  { name: "clientId", configKey: "kore:clientId", envVar: "KORE_CLIENT_ID", secret: false, doc: 'A JWT app\'s client id, cs-... (the app needs the "Campaign Management" scope).' },
  { name: "clientSecret", configKey: "kore:clientSecret", envVar: "KORE_CLIENT_SECRET", secret: true, doc: "That JWT app's client secret: the provider signs a fresh token per request with it." },
  { name: "jwt", configKey: "kore:jwt", envVar: "KORE_JWT", secret: true, doc: "A ready-made JWT, used as given, instead of clientId and clientSecret." },
];

/** Stack config holding named connections: a map from name to `{ host, appId, accountId, clientId, clientSecret | jwt }`. */
export const CONNECTIONS_CONFIG_KEY = "kore:connections";
/** A connection name: what may follow `kore:connections.` in a `--path` config key. */
export const CONNECTION_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export type SettingSource = (key: string) => string | undefined;

export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionError";
  }
}

type Fields = Partial<Record<SettingName, string>>;

interface Source {
  label: string;
  fields: Fields;
  /** how to name one field of this source in a message */
  describe(field: SettingName): string;
}

function clean(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function stackConfigSource(config: SettingSource): Source {
  const fields: Fields = {};
  for (const s of CONNECTION_SETTINGS) fields[s.name] = clean(config(s.configKey));
  return { label: "stack config kore:*", fields, describe: (f) => `kore:${f}` };
}

function environmentSource(env: NodeJS.ProcessEnv): Source {
  const fields: Fields = {};
  for (const s of CONNECTION_SETTINGS) fields[s.name] = clean(env[s.envVar]);
  return { label: "environment KORE_*", fields, describe: (f) => CONNECTION_SETTINGS.find((s) => s.name === f)!.envVar };
}

/** `kore:connections` parsed (the engine hands an object config value to the provider as JSON text). */
export function namedConnections(config: SettingSource): Record<string, Fields> {
  const raw = config(CONNECTIONS_CONFIG_KEY);
  if (raw === undefined || raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConnectionError(`${CONNECTIONS_CONFIG_KEY} must be an object of named connections (set it with \`pulumi config set --path ${CONNECTIONS_CONFIG_KEY}.NAME.appId ...\`)`);
  }
  if (!isRecord(parsed)) throw new ConnectionError(`${CONNECTIONS_CONFIG_KEY} must be an object of named connections, keyed by name`);
  const out: Record<string, Fields> = {};
  const known = new Set<string>(CONNECTION_SETTINGS.map((s) => s.name));
  for (const [name, entry] of Object.entries(parsed)) {
    if (!isRecord(entry)) throw new ConnectionError(`${CONNECTIONS_CONFIG_KEY}.${name} must be an object with host, appId, accountId and credentials`);
    const unknown = Object.keys(entry).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      // the key is named, never its value: it may be a secret put in the wrong place
      throw new ConnectionError(`${CONNECTIONS_CONFIG_KEY}.${name}.${unknown[0]}: unknown field (allowed: ${[...known].join(", ")})`);
    }
    const fields: Fields = {};
    for (const s of CONNECTION_SETTINGS) fields[s.name] = clean(entry[s.name]);
    out[name] = fields;
  }
  return out;
}

function namedSource(name: string, config: SettingSource): Source {
  const all = namedConnections(config);
  const fields = Object.prototype.hasOwnProperty.call(all, name) ? all[name] : undefined;
  if (!fields) {
    const names = Object.keys(all);
    throw new ConnectionError(
      `connection "${name}" is not defined: stack config ${CONNECTIONS_CONFIG_KEY} has ${names.length === 0 ? "no entries" : `only ${names.map((n) => `"${n}"`).join(", ")}`}. ` +
        `Define it with \`pulumi config set --path ${CONNECTIONS_CONFIG_KEY}.${name}.appId st-...\` (and host, accountId, clientId, and clientSecret with --secret).`,
    );
  }
  return { label: `stack config ${CONNECTIONS_CONFIG_KEY}.${name}`, fields, describe: (f) => `${CONNECTIONS_CONFIG_KEY}.${name}.${f}` };
}

function hasCredentials(fields: Fields): boolean {
  return CREDENTIAL_FIELDS.some((f) => fields[f] !== undefined);
}

/** The credentials of one source, or why they cannot be used. */
function credentialsOf(source: Source): KoreCredentials | string {
  const { clientId, clientSecret, jwt } = source.fields;
  if (jwt && (clientId || clientSecret)) {
    return `${source.label} holds both a JWT (${source.describe("jwt")}) and a client id/secret (${source.describe("clientId")}); set only one kind`;
  }
  if (jwt) return { jwt };
  if (clientId && clientSecret) return { clientId, clientSecret };
  const missing = clientId ? "clientSecret" : "clientId";
  return `${source.label} has ${source.describe(clientId ? "clientId" : "clientSecret")} but not ${source.describe(missing)} (credentials are taken from one place as a whole)`;
}

export interface ResolveOptions {
  /** A target recorded in state: refresh and destroy go where the campaign lives, whatever the sources say now. */
  recordedTarget?: KoreTarget;
  /** Credentials stored in state by versions before 0.2: used only when no current source names credentials. */
  legacy?: LegacyConnection;
}

/**
 * Set by a job that must make no Kore.ai call at all (the example workflow's pull-request job: a preview
 * without refresh needs none). Not a KORE_* name, so that a program printing every KORE_* variable
 * finds nothing in that job. Every call needs a resolved connection first, so this one check covers
 * every hook, the native plugin and `kore-campaigns export`; it also stops credentials that old state
 * still holds from being used.
 */
export const NO_KORE_CALLS_ENV = "NO_KORE_CALLS";

/** Throws when the environment forbids Kore.ai calls; `ConnectionError` names the variable and why. */
export function assertKoreCallsAllowed(env: NodeJS.ProcessEnv): void {
  const value = (env[NO_KORE_CALLS_ENV] ?? "").trim();
  if (value === "" || value === "0" || value.toLowerCase() === "false") return;
  throw new ConnectionError(
    `Kore.ai calls are switched off here (${NO_KORE_CALLS_ENV} is set): this job holds no Kore.ai credential and may not call ` +
      "the API. A pull-request preview runs without --refresh, on the statuses the scheduled drift job last read; " +
      "a step that needs a call belongs in a job on main.",
  );
}

/**
 * The target and credentials for a resource's connection reference, from the current sources.
 * Every missing or conflicting setting is reported in one error.
 */
export function resolveConnection(
  ref: ConnectionRef | undefined,
  config: SettingSource,
  env: NodeJS.ProcessEnv = process.env,
  options: ResolveOptions = {},
): ResolvedConnection {
  assertKoreCallsAllowed(env);
  const problems: string[] = [];
  const target: Fields = {};
  let credentials: KoreCredentials | undefined;
  let label: string;
  let fromState = false;
  if (typeof ref === "string") {
    const source = namedSource(ref, config);
    label = source.label;
    for (const f of TARGET_FIELDS) {
      target[f] = source.fields[f];
      if (!target[f] && !options.recordedTarget) problems.push(`  - ${f} (${source.describe(f)})`);
    }
    const creds = hasCredentials(source.fields) ? credentialsOf(source) : undefined;
    if (typeof creds === "string") problems.push(`  - ${creds}`);
    else credentials = creds;
    if (creds === undefined) {
      problems.push(`  - credentials: ${source.describe("clientId")} and ${source.describe("clientSecret")} (--secret), or ${source.describe("jwt")}`);
    }
  } else {
    const given: Fields = {};
    for (const f of TARGET_FIELDS) given[f] = clean(ref?.[f]);
    const sources = [stackConfigSource(config), environmentSource(env)];
    for (const f of TARGET_FIELDS) {
      target[f] = given[f] ?? sources.map((s) => s.fields[f]).find((v) => v !== undefined);
      const setting = CONNECTION_SETTINGS.find((s) => s.name === f)!;
      if (!target[f] && !options.recordedTarget) problems.push(`  - ${f} (stack config ${setting.configKey}, environment ${setting.envVar})`);
    }
    const withCredentials = sources.find((s) => hasCredentials(s.fields));
    label = withCredentials?.label ?? "nowhere";
    if (withCredentials) {
      const creds = credentialsOf(withCredentials);
      if (typeof creds === "string") problems.push(`  - ${creds}`);
      else credentials = creds;
    } else if (options.legacy && hasCredentials(options.legacy)) {
      credentials = legacyCredentials(options.legacy);
      label = "credentials stored in state by an earlier version (rewritten without them by the next up)";
      fromState = credentials !== undefined;
    } else {
      problems.push(
        "  - credentials: kore:clientId and kore:clientSecret (--secret), or kore:jwt; or KORE_CLIENT_ID and KORE_CLIENT_SECRET, or KORE_JWT",
      );
    }
  }
  if (problems.length > 0 || !credentials) {
    throw new ConnectionError(
      [
        typeof ref === "string" ? `Kore.ai connection "${ref}" cannot be used:` : "Kore.ai connection settings are missing or conflicting:",
        ...problems,
        "Set them in stack config (`pulumi config set kore:appId ...`, secrets with `--secret`; named connections under " +
          `${CONNECTIONS_CONFIG_KEY}.NAME), or in environment variables (KORE_*). Credentials are never taken from the resource.`,
      ].join("\n"),
    );
  }
  const resolvedTarget: KoreTarget = options.recordedTarget ?? { host: target.host!, appId: target.appId!, accountId: target.accountId! };
  return { target: resolvedTarget, credentials, source: label, ...(fromState ? { fromState } : {}) };
}

function legacyCredentials(legacy: LegacyConnection): KoreCredentials | undefined {
  const creds = credentialsOf({ label: "the stored connection", fields: legacy, describe: (f) => `connection.${f}` });
  return typeof creds === "string" ? undefined : creds;
}

/**
 * The target a connection reference points at now, or undefined when it cannot be known (settings
 * missing, or the reference unknown during preview). Used by diff to detect a move to another app.
 */
export function targetOf(ref: ConnectionRef | undefined, config: SettingSource, env: NodeJS.ProcessEnv = process.env): KoreTarget | undefined {
  const pick = (fields: Fields) =>
    fields.host && fields.appId && fields.accountId ? { host: fields.host, appId: fields.appId, accountId: fields.accountId } : undefined;
  try {
    if (typeof ref === "string") return pick(namedSource(ref, config).fields);
  } catch {
    return undefined;
  }
  const sources = [stackConfigSource(config), environmentSource(env)];
  const fields: Fields = {};
  for (const f of TARGET_FIELDS) fields[f] = clean(ref?.[f]) ?? sources.map((s) => s.fields[f]).find((v) => v !== undefined);
  return pick(fields);
}

/** Does a stored connection carry credentials (state written before 0.2)? */
export function holdsCredentials(stored: unknown): boolean {
  return isRecord(stored) && CREDENTIAL_FIELDS.some((f) => stored[f] !== undefined);
}

/** What of a stored connection is kept: the name, or the target fields; never credentials. */
export function connectionRefOf(stored: unknown): ConnectionRef | undefined {
  if (typeof stored === "string") return stored;
  if (!isRecord(stored)) return undefined;
  const ref: TargetInput = {};
  for (const f of TARGET_FIELDS) if (typeof stored[f] === "string") ref[f] = stored[f] as string;
  return Object.keys(ref).length > 0 ? ref : undefined;
}

/** Which credentials a client holds, without keeping the secret itself in the key. */
export function credentialsKey(c: KoreCredentials): string {
  const material = "jwt" in c ? `jwt:${c.jwt}` : `client:${c.clientId}:${c.clientSecret}`;
  return createHash("sha256").update(material).digest("hex").slice(0, 16);
}

/** The secret values in a connection, for redaction. */
export function secretsOf(c: Pick<ResolvedConnection, "credentials">): string[] {
  return "jwt" in c.credentials ? [c.credentials.jwt] : [c.credentials.clientSecret];
}


/**
 * Check-time rules for the `connection` input: a connection name defined in stack config, or a plain
 * target `{ host, appId, accountId }`. Credentials are refused (they would be stored in state), and a
 * value is never echoed (it may be a secret put in the wrong place). Values unknown during preview pass.
 */
export function checkConnectionInput(connection: unknown, definedNames: readonly string[]): Array<{ property: string; reason: string }> {
  if (connection === undefined || connection === null || connection === UNKNOWN) return [];
  if (typeof connection === "string") {
    if (!CONNECTION_NAME_PATTERN.test(connection)) {
      return [{ property: "connection", reason: `connection: a connection name must match ${CONNECTION_NAME_PATTERN.source}` }];
    }
    if (!definedNames.includes(connection)) {
      const known = definedNames.length === 0 ? "none is defined" : `defined: ${definedNames.join(", ")}`;
      return [
        {
          property: "connection",
          reason: `connection: "${connection}" is not a connection in stack config ${CONNECTIONS_CONFIG_KEY} (${known}); define it with \`pulumi config set --path ${CONNECTIONS_CONFIG_KEY}.${connection}.appId ...\``,
        },
      ];
    }
    return [];
  }
  if (typeof connection !== "object" || Array.isArray(connection)) {
    return [{ property: "connection", reason: "connection: must be a connection name or an object with host, appId and accountId" }];
  }
  const targetFields: readonly string[] = TARGET_FIELDS;
  const credentialFields: readonly string[] = CREDENTIAL_FIELDS;
  const failures: Array<{ property: string; reason: string }> = [];
  for (const [key, value] of Object.entries(connection)) {
    const path = `connection.${key}`;
    if (credentialFields.includes(key)) {
      failures.push({
        property: path,
        reason:
          `${path}: credentials are not accepted on a resource (its inputs are stored in state); put them in stack config ` +
          `(${CONNECTIONS_CONFIG_KEY}.NAME.${key} or kore:${key}, with --secret) or in the environment, and name the connection instead`,
      });
    } else if (!targetFields.includes(key)) {
      failures.push({ property: path, reason: `${path}: unknown field (allowed: ${targetFields.join(", ")})` });
    } else if (value === UNKNOWN || value === undefined) {
      continue;
    } else if (typeof value !== "string" || value.trim() === "") {
      failures.push({ property: path, reason: `${path}: must be a non-empty string` });
    } else if (key === "host") {
      try {
        parseKoreHost(value); // the one host rule: https://, or http:// on loopback only
      } catch (err) {
        const detail = err instanceof ValidationError ? err.failures.map((f) => f.message).join("; ") : String(err);
        failures.push({ property: path, reason: `${path}: ${detail}` });
      }
    }
  }
  return failures;
}

/** The same connection name, or the same target fields. */
export function sameRef(a: ConnectionRef | undefined, b: ConnectionRef | undefined): boolean {
  if (typeof a === "string" || typeof b === "string" || a === undefined || b === undefined) return a === b;
  return TARGET_FIELDS.every((k) => a[k] === b[k]);
}
