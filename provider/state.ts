/**
 * The shape of what Pulumi stores for a campaign, and the small conversions the hooks need:
 * outputs -> definition, outputs -> inputs, and the engine's "unknown during preview" marker.
 */
import type { CampaignDefinition } from "./schema";
import { CONNECTION_NAME_PATTERN, CONNECTIONS_CONFIG_KEY, CREDENTIAL_FIELDS, TARGET_FIELDS } from "./connection";
import { parseKoreHost } from "./client";
import { ValidationError } from "./errors";

/** How the engine marks a value not known until apply (pulumi/runtime/rpc.ts `unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Output fields that are not part of the definition sent to Kore. */
const NON_DEFINITION_KEYS = [
  "__provider",
  "connection",
  "started",
  "adoptExisting",
  "target",
  "status",
  "lname",
  "campaignInstanceId",
  "experienceFlowId",
  "createdAt",
  "updatedAt",
  "pendingChanges",
] as const;

/** The fields a user declares (what `check` returns), taken from a full set of outputs. */
const INPUT_EXTRA_KEYS = ["started", "adoptExisting", "connection"] as const;

export function definitionOf(props: Record<string, unknown>): CampaignDefinition {
  const definition: Record<string, unknown> = { ...props };
  for (const key of NON_DEFINITION_KEYS) delete definition[key];
  return definition as unknown as CampaignDefinition;
}

export function inputsOf(outs: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...definitionOf(outs) };
  for (const key of INPUT_EXTRA_KEYS) if (outs[key] !== undefined) inputs[key] = outs[key];
  return inputs;
}

/** Protobuf structs cannot hold `undefined`: drop such keys, deeply. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutUndefined(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
    return out as T;
  }
  return value;
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
