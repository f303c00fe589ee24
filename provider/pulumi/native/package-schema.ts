/**
 * The Pulumi package schema of the native plugin (`pulumi-resource-kore`), generated from the same zod
 * schemas the resources validate with: each resource's inputs are its spec (JSON Schema from zod, turned
 * into Pulumi's schema types), its outputs those plus what the server reports. The provider's
 * configuration is the connection settings (connection.ts) and the provider settings (settings.ts).
 * Pure; `schema/pulumi-package.json` is this, committed and checked current by a test.
 */
import { z } from "zod";
import { campaignSpecSchema } from "../../resources/campaign/schema";
import { contactListSpecSchema } from "../../resources/contact-list/schema";
import { smsCampaignSpecSchema } from "../../resources/sms-campaign/schema";
import { CONNECTION_SETTINGS } from "../connection";
import { SETTING_CONFIG_KEYS } from "../settings";

export const PACKAGE = "kore";
export const CAMPAIGN_TYPE = "kore:index:VoiceCampaign";
export const SMS_CAMPAIGN_TYPE = "kore:index:SmsCampaign";
export const CONTACT_LIST_TYPE = "kore:index:ContactList";

type Json = Record<string, unknown>;
interface PulumiProperty {
  type?: string;
  $ref?: string;
  items?: PulumiProperty;
  additionalProperties?: PulumiProperty;
  oneOf?: PulumiProperty[];
  description?: string;
  secret?: boolean;
  default?: unknown;
}
interface ObjectType {
  type: "object";
  description?: string;
  properties: Record<string, PulumiProperty>;
  required?: string[];
}

const pascal = (segments: string[]) => segments.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join("");

/** JSON Schema (draft 2020-12, from zod) -> a Pulumi property; nested objects become named types under `prefix`. */
function propertyOf(schema: Json, name: string[], types: Record<string, ObjectType>): PulumiProperty {
  const description = typeof schema.description === "string" ? { description: schema.description } : {};
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (Array.isArray(variants)) {
    const kinds = variants.map((v) => propertyOf(v, name, types));
    const distinct = [...new Map(kinds.map((k) => [JSON.stringify({ ...k, description: undefined }), k])).values()];
    return distinct.length === 1 ? { ...distinct[0], ...description } : { oneOf: distinct.map(({ description: _d, ...k }) => k), ...description };
  }
  if (Array.isArray(schema.enum) || schema.const !== undefined) {
    const values = (schema.enum as unknown[] | undefined) ?? [schema.const];
    const kinds = [...new Set(values.map((v) => (typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v)))];
    return kinds.length === 1 ? { type: kinds[0], ...description } : { oneOf: kinds.map((type) => ({ type })), ...description };
  }
  switch (schema.type) {
    case "string":
    case "boolean":
    case "integer":
    case "number":
      return { type: schema.type, ...description };
    case "array":
      return { type: "array", items: propertyOf((schema.items as Json) ?? {}, name, types), ...description };
    case "object": {
      const properties = schema.properties as Record<string, Json> | undefined;
      if (!properties) return { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" }, ...description };
      const token = `${PACKAGE}:index:${pascal(name)}`;
      types[token] = {
        type: "object",
        ...description,
        properties: Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, propertyOf(value, [...name, key], types)])),
        ...(Array.isArray(schema.required) && schema.required.length > 0 ? { required: schema.required as string[] } : {}),
      };
      return { $ref: `#/types/${token}`, ...description };
    }
    default:
      return { $ref: "pulumi.json#/Any", ...description };
  }
}

/** Inputs of a resource from its spec schema: top-level properties, required ones, nested types. */
function inputPropertiesOf(spec: z.ZodType, typePrefix: string, types: Record<string, ObjectType>): { properties: Record<string, PulumiProperty>; required: string[] } {
  const json = z.toJSONSchema(spec, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;
  const properties = json.properties as Record<string, Json>;
  return {
    properties: Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, propertyOf(value, [typePrefix, key], types)])),
    required: (json.required as string[] | undefined) ?? [],
  };
}

const CONNECTION_INPUT: PulumiProperty = {
  oneOf: [{ type: "string" }, { $ref: "#/types/kore:index:Target" }],
  description: "A connection name from the provider's `connections`, or a target { host, appId, accountId } (never credentials). Absent: the provider's own app.",
};

const TARGET_TYPE: ObjectType = {
  type: "object",
  description: "The Kore.ai app a resource lives in.",
  properties: { host: { type: "string" }, appId: { type: "string" }, accountId: { type: "string" } },
  required: ["host", "appId", "accountId"],
};

/** What the server reports beside the definition. */
const CAMPAIGN_OUTPUTS: Record<string, PulumiProperty> = {
  target: { $ref: "#/types/kore:index:Target", description: "The app the campaign lives in (recorded so refresh and destroy reach it)." },
  status: { type: "string", description: "Kore's status: Preparing, Ready, Active, Paused, Scheduled, Stopped or Completed, as of the last create, update or refresh." },
  lname: { type: "string", description: "The lowercase name Kore uses for uniqueness." },
  campaignInstanceId: { type: "string", description: "The running (or last) instance, cid-..., once started." },
  experienceFlowId: { type: "string", description: "Agentless: the cf-... id of the flow Kore resolved experienceFlowName to." },
  createdAt: { type: "string", description: "Kore's timestamp of the creation." },
  updatedAt: { type: "string", description: "Kore's timestamp of the last change." },
  pendingChanges: {
    type: "array",
    items: { type: "string" },
    description:
      'Only after a partial failure: "started", "definition" and/or "schedule", what the last up could not confirm on the server; the next up reads the server and makes them. A refresh also sets "definition" when no answer shows some field.',
  },
  stoppedOutsideGit: {
    type: "object",
    additionalProperties: { type: "string" },
    description: "{ status, seenAt }: set while Kore.ai shows Stopped or Paused for a campaign this stack started. The stop stands; a new restartedAt starts it again.",
  },
};

/** An SMS campaign's: the voice campaign's, its flow an advanced campaign's, plus the template id Kore reports. */
const SMS_CAMPAIGN_OUTPUTS: Record<string, PulumiProperty> = {
  ...CAMPAIGN_OUTPUTS,
  experienceFlowId: { type: "string", description: "Advanced: the cf-... id of the flow Kore resolved experienceFlowName to." },
  templateId: { type: "string", description: "A template campaign: the cmt-... id of the template, as Kore reports it (also for a template named by name)." },
};

const CONTACT_LIST_OUTPUTS: Record<string, PulumiProperty> = {
  target: { $ref: "#/types/kore:index:Target", description: "The app the list lives in (recorded so refresh and destroy reach it)." },
  status: { type: "string", description: "Kore's status of the list (Ready)." },
  totalRecordCount: { type: "integer", description: "How many contacts the list holds." },
  campaignInUse: { type: "array", items: { type: "string" }, description: "Ids of the campaigns that name the list." },
  isListInUse: { type: "boolean", description: "Whether a campaign uses the list (Kore's flag)." },
  source: { type: "string", description: "Where the list's contacts come from, as Kore records it (passiveApiIntegration for a list this provider made)." },
  createdAt: CAMPAIGN_OUTPUTS.createdAt,
  updatedAt: CAMPAIGN_OUTPUTS.updatedAt,
};

/** The provider inputs that are always secret: the credentials, and `connections` (its entries hold credentials). */
export const SECRET_CONFIG_KEYS: readonly string[] = [...CONNECTION_SETTINGS.filter((s) => s.secret).map((s) => s.name), "connections"];

/** The provider's configuration: `kore:host` ... as config variables and explicit provider inputs. */
function providerConfig(): Record<string, PulumiProperty> {
  const out: Record<string, PulumiProperty> = {};
  for (const setting of CONNECTION_SETTINGS) {
    out[setting.name] = { type: "string", description: `${setting.configKey} (or the environment's ${setting.envVar})`, ...(setting.secret ? { secret: true } : {}) };
  }
  // the fields an entry may hold are connection.ts's (the rule Configure applies), named here from the same list
  out.connections = {
    type: "object",
    additionalProperties: { $ref: "pulumi.json#/Any" },
    description: `Named connections: { NAME: { ${CONNECTION_SETTINGS.map((s) => s.name).join(", ")} } } (docs/installation-configuration.md).`,
    secret: true,
  };
  for (const key of SETTING_CONFIG_KEYS) out[key.replace(/^kore:/, "")] = { type: "string", description: `${key} (docs/installation-configuration.md)` };
  return out;
}

export function packageSchema(version: string): Json {
  const types: Record<string, ObjectType> = { "kore:index:Target": TARGET_TYPE };
  const campaign = inputPropertiesOf(campaignSpecSchema, "VoiceCampaign", types);
  const sms = inputPropertiesOf(smsCampaignSpecSchema, "SmsCampaign", types);
  const list = inputPropertiesOf(contactListSpecSchema, "ContactList", types);
  const config = providerConfig();
  const resource = (description: string, inputs: typeof campaign, outputs: Record<string, PulumiProperty>) => ({
    description,
    inputProperties: { ...inputs.properties, connection: CONNECTION_INPUT },
    requiredInputs: inputs.required,
    properties: { ...inputs.properties, connection: CONNECTION_INPUT, ...outputs },
    required: [...inputs.required, "target"],
  });
  return {
    name: PACKAGE,
    displayName: "Kore.ai campaigns",
    version,
    description: "Kore.ai outbound voice and SMS campaigns and contact lists as code (pulumi-kore-campaigns).",
    license: "Apache-2.0",
    config: { variables: config },
    provider: { description: "The Kore.ai app (and its credentials) resources are managed in.", inputProperties: config },
    types,
    resources: {
      [CAMPAIGN_TYPE]: resource("A Kore.ai outbound voice campaign.", campaign, CAMPAIGN_OUTPUTS),
      [SMS_CAMPAIGN_TYPE]: resource("A Kore.ai outbound SMS campaign.", sms, SMS_CAMPAIGN_OUTPUTS),
      [CONTACT_LIST_TYPE]: resource("A Kore.ai contact list (the API has no update: a change is refused, or a replacement on opt-in).", list, CONTACT_LIST_OUTPUTS),
    },
  };
}
