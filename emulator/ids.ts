import { createHash, randomUUID } from "node:crypto";

/** Kore's ids are a uuid with its first hex digit dropped, e.g. `cd-26d3ec6-e1ec-4abd-a21c-3109795e1234`. */
const koreUuid = (): string => randomUUID().slice(1);

export const newCampaignId = (): string => `cd-${koreUuid()}`;
export const newInstanceId = (): string => `cid-${koreUuid()}`;

export const CAMPAIGN_ID_PATTERN = /^cd-[0-9a-f]{7}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const INSTANCE_ID_PATTERN = /^cid-[0-9a-f]{7}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Namespace of the emulator's experience-flow ids (any fixed uuid works). */
const FLOW_NAMESPACE = "6f0c1f8e-4b8a-4f57-9a55-0d3c2b7e5a11";

/**
 * The `cf-` id Kore answers for an experience flow name. Kore's samples are version-5 uuids
 * (`cf-ecfa3927-eabc-52c4-...`), so this is a uuid v5 (SHA-1, RFC 4122) of the flow name: the same name
 * always gives the same id.
 */
export function experienceFlowId(flowName: string): string {
  const hash = createHash("sha1")
    .update(Buffer.from(FLOW_NAMESPACE.replace(/-/g, ""), "hex"))
    .update(flowName, "utf8")
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `cf-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
