import { createHash, randomUUID } from "node:crypto";

/** Kore's ids are a uuid with its first hex digit dropped, e.g. `cd-26d3ec6-e1ec-4abd-a21c-3109795e1234`. */
const koreUuid = (): string => randomUUID().slice(1);

export const newCampaignId = (): string => `cd-${koreUuid()}`;
export const newInstanceId = (): string => `cid-${koreUuid()}`;
/** Contact lists: `cl-4db9a03-07a3-4009-973a-b8940e81xxxx` in the docs. */
export const newContactListId = (): string => `cl-${koreUuid()}`;

export const CAMPAIGN_ID_PATTERN = /^cd-[0-9a-f]{7}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const INSTANCE_ID_PATTERN = /^cid-[0-9a-f]{7}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const CONTACT_LIST_ID_PATTERN = /^cl-[0-9a-f]{7}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Namespace of the emulator's v5 ids: experience flows, users, organisations (any fixed uuid works). */
const ID_NAMESPACE = "6f0c1f8e-4b8a-4f57-9a55-0d3c2b7e5a11";

/** A uuid v5 (SHA-1, RFC 4122) of `name` in the emulator's namespace: the same name always gives the same uuid. */
function uuidV5(name: string): string {
  const hash = createHash("sha1")
    .update(Buffer.from(ID_NAMESPACE.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The `cf-` id Kore answers for an experience flow name. Kore's samples are version-5 uuids
 * (`cf-ecfa3927-eabc-52c4-...`), so this is a uuid v5 of the flow name: the same name always gives the same id.
 */
export function experienceFlowId(flowName: string): string {
  return `cf-${uuidV5(flowName)}`;
}

/** The `u-` user id a contact list's `createdBy`/`updatedBy` carry (v5 uuids in the docs): one per JWT client id. */
export const userId = (clientId: string): string => `u-${uuidV5(`user:${clientId}`)}`;

/** The `o-` organisation id of a contact list's `orgId` (a v5 uuid in the docs): one per account id. */
export const orgId = (accountId: string): string => `o-${uuidV5(`org:${accountId}`)}`;
