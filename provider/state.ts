/**
 * The shape of what Pulumi stores for a campaign, and the small conversions the hooks need:
 * outputs -> definition, outputs -> inputs, and the engine's "unknown during preview" marker.
 */
import type { CampaignOutputs } from "./lifecycle";
import type { CampaignDefinition } from "./schema";
import { CONNECTION_SETTINGS } from "./connection";
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
] as const;

/** The fields a user declares (what `check` returns), taken from a full set of outputs. */
const INPUT_EXTRA_KEYS = ["started", "adoptExisting", "connection"] as const;

export function definitionOf(props: Record<string, unknown>): CampaignDefinition {
  const definition: Record<string, unknown> = { ...props };
  for (const key of NON_DEFINITION_KEYS) delete definition[key];
  return definition as unknown as CampaignDefinition;
}

export function inputsOf(outs: Partial<CampaignOutputs>): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...definitionOf(outs as Record<string, unknown>) };
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

/** Check-time rules for the `connection` input (values unknown during preview are let through). */
export function checkConnectionInput(connection: unknown): Array<{ property: string; reason: string }> {
  if (connection === undefined || connection === null || connection === UNKNOWN) return [];
  if (typeof connection !== "object" || Array.isArray(connection)) {
    return [{ property: "connection", reason: "connection: must be an object with host, appId, accountId and credentials" }];
  }
  const known = new Set<string>(CONNECTION_SETTINGS.map((s) => s.name));
  const failures: Array<{ property: string; reason: string }> = [];
  for (const [key, value] of Object.entries(connection)) {
    const path = `connection.${key}`;
    if (!known.has(key)) {
      failures.push({ property: path, reason: `${path}: unknown field (allowed: ${[...known].join(", ")})` });
    } else if (value === UNKNOWN || value === undefined) {
      continue;
    } else if (typeof value !== "string" || value.trim() === "") {
      // never echo the value: it may be a secret
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
