/**
 * Where a campaign lives (host, app, account) and how to authenticate, resolved field by field in
 * this order: the resource's `connection` input, then stack config (`kore:*`), then the environment
 * (`KORE_*`). Resolution happens at run time inside the provider, never in the serialized closure.
 */
export interface ConnectionInput {
  host?: string;
  appId?: string;
  accountId?: string;
  clientId?: string;
  clientSecret?: string;
  jwt?: string;
}

import { createHash } from "node:crypto";
import type { KoreTarget } from "./client";
import type { KoreCredentials } from "./auth";
export type { KoreTarget, KoreCredentials };

export interface ResolvedConnection {
  target: KoreTarget;
  credentials: KoreCredentials;
}

type SettingName = keyof ConnectionInput;

/** One row per setting: its stack config key and environment variable. */
export const CONNECTION_SETTINGS: ReadonlyArray<{ name: SettingName; configKey: string; envVar: string; secret: boolean }> = [
  { name: "host", configKey: "kore:host", envVar: "KORE_HOST", secret: false },
  { name: "appId", configKey: "kore:appId", envVar: "KORE_APP_ID", secret: false },
  { name: "accountId", configKey: "kore:accountId", envVar: "KORE_ACCOUNT_ID", secret: false },
  { name: "clientId", configKey: "kore:clientId", envVar: "KORE_CLIENT_ID", secret: false },
  { name: "clientSecret", configKey: "kore:clientSecret", envVar: "KORE_CLIENT_SECRET", secret: true },
  { name: "jwt", configKey: "kore:jwt", envVar: "KORE_JWT", secret: true },
];

export type SettingSource = (key: string) => string | undefined;

export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionError";
  }
}

function firstSet(...values: Array<string | undefined>): string | undefined {
  return values.find((v) => typeof v === "string" && v.trim() !== "")?.trim();
}

/** Merges the three sources field by field; reports every missing setting in one error. */
export function resolveConnection(
  input: ConnectionInput | undefined,
  config: SettingSource,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConnection {
  const merged: ConnectionInput = {};
  for (const s of CONNECTION_SETTINGS) {
    merged[s.name] = firstSet(input?.[s.name], config(s.configKey), env[s.envVar]);
  }
  const missing = CONNECTION_SETTINGS.filter((s) => ["host", "appId", "accountId"].includes(s.name) && !merged[s.name]);
  const hasJwt = Boolean(merged.jwt);
  const hasClientPair = Boolean(merged.clientId && merged.clientSecret);
  if (missing.length > 0 || (!hasJwt && !hasClientPair)) {
    const lines = missing.map((s) => `  - ${s.name} (stack config ${s.configKey}, environment ${s.envVar})`);
    if (!hasJwt && !hasClientPair) {
      const need = CONNECTION_SETTINGS.filter((s) => (s.name === "clientId" || s.name === "clientSecret") && !merged[s.name]);
      lines.push(
        `  - credentials: ${need.map((s) => `${s.name} (${s.configKey}, ${s.envVar})`).join(" and ")}, or a ready-made jwt (kore:jwt, KORE_JWT)`,
      );
    }
    throw new ConnectionError(
      [
        "Kore.ai connection settings are missing:",
        ...lines,
        "Set them in one of three ways: the resource's `connection` input; stack config " +
          "(`pulumi config set kore:appId ...`, secrets with `--secret`); or environment variables (KORE_*).",
      ].join("\n"),
    );
  }
  const target = { host: merged.host!, appId: merged.appId!, accountId: merged.accountId! };
  const credentials: KoreCredentials = hasJwt
    ? { jwt: merged.jwt! }
    : { clientId: merged.clientId!, clientSecret: merged.clientSecret! };
  return { target, credentials };
}

/** A stable key for "the same Kore.ai app": host (case and trailing slash ignored) and app id. Kore's limits are per app. */
export function appKey(t: KoreTarget): string {
  return `${t.host.trim().replace(/\/+$/, "").toLowerCase()}|${t.appId}`;
}

/** A stable key for "the same app in the same account": used to share name lookups. */
export function targetKey(t: KoreTarget): string {
  return `${appKey(t)}|${t.accountId}`;
}

/** Which credentials a client holds, without keeping the secret itself in the key. */
export function credentialsKey(c: KoreCredentials): string {
  const material = "jwt" in c ? `jwt:${c.jwt}` : `client:${c.clientId}:${c.clientSecret}`;
  return createHash("sha256").update(material).digest("hex").slice(0, 16);
}

/** The secret values in a connection, for redaction. */
export function secretsOf(c: ResolvedConnection): string[] {
  return "jwt" in c.credentials ? [c.credentials.jwt] : [c.credentials.clientSecret];
}

