/**
 * Every Kore.ai call the client makes, as data: method, path template, query, body, the answer's schema and what
 * a failure of it means (is it read-only, does it create, does its 2xx carry a `{status}` envelope). One entry per
 * call; `KoreClient`'s methods are thin calls through this table, and the transport classifies failures from it.
 *
 * Templates: `{appId}` and `{accountId}` come from the client's target; every other `{name}` from the call's
 * arguments, encoded with `encodeURIComponent`. `{campaignId}` and `{contactListId}` must be plain ids
 * (`CAMPAIGN_ID_PATTERN`): any other value is refused before anything is sent. Query values that are not
 * placeholders are sent as written. Paths and queries follow the docs' sample requests
 * (/work/shared/kore-api/README.md lists where the pages disagree).
 */
import type { z } from "zod";
import {
  CAMPAIGN_ID_PATTERN,
  contactListResponse,
  contactListsResponse,
  createResponse,
  deleteResponse,
  getResponse,
  listResponse,
  scheduleResponse,
  statusResponse,
  triggerResponse,
  updateResponse,
} from "./responses";

/** A create / update body: any JSON object (wire.ts's `toWireBody()` builds it; the client sends it as is). */
export type RequestBody = object;

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface Endpoint<Args, Result> {
  method: HttpMethod;
  /** Path template, e.g. `/agentassist/api/v1/public/{appId}/campaign/{campaignId}`. */
  path: string;
  /** Query parameters in the order sent; a value `{name}` is filled (and encoded) like the path's. */
  query?: Readonly<Record<string, string>>;
  /** The JSON body; absent: the request has none (and no content-type). */
  body?: (args: Args) => unknown;
  /** Parses the JSON of a 2xx answer (undefined for an empty body). */
  response: z.ZodType<Result>;
  /** The answer expected, in words, for the "unexpected response" error. */
  expected: string;
  /** Reads only: a lost answer changes nothing on the server. */
  readOnly?: true;
  /** Creates: a lost answer may leave an object behind; never repeated once it may have reached Kore. */
  creates?: { outcomeUnknown: string; refused: string };
  /** `false`: a 2xx's `status` is not an envelope's (the triggers': it is the campaign's). Else a 2xx may say `{status: "failure"}`. */
  failureEnvelope?: false;
}

/** Ties an entry's argument and result types together (checked here, read by `KoreClient.call`). */
const endpoint = <Args, Result>(e: Endpoint<Args, Result>): Endpoint<Args, Result> => e;

const V1 = "/agentassist/api/v1/public/{appId}";
/** The triggers' own prefix (trigger-a-campaign.md). */
const TRIGGER = "/campaign/api/v1/public/{appId}/campaign/{campaignId}";
/** The v2 schedule call, which names the campaign (campaign-schedule.md). */
const SCHEDULE = "/campaign/api/v2/public/{appId}/campaign/schedule";

const CREATES_CAMPAIGN = {
  outcomeUnknown:
    "the outcome is unknown: Kore may or may not have created the campaign. The request was not retried, so a duplicate campaign cannot dial anyone twice; look the campaign up by name before creating it again",
  refused: "the campaign was not created",
};
const CREATES_CONTACT_LIST = {
  outcomeUnknown:
    "the outcome is unknown: Kore may or may not have created the contact list. The request was not retried; look the list up by name before creating it again",
  refused: "the contact list was not created",
};

/**
 * The channel a campaign call is for: the pages' `campaignType` query value (voice pages: `voice`; SMS pages:
 * `sms`). The get, status and schedule calls take no type (one path for both channels, as the pages give it).
 */
export type CampaignType = "voice" | "sms";

/** play / stop: body `{}`; the answer's `status` is the campaign's, not an envelope's. */
function trigger(value: "play" | "stop"): Endpoint<TypedCampaignArgs, z.output<typeof triggerResponse>> {
  return {
    method: "POST",
    path: TRIGGER,
    query: { campaignType: "{campaignType}", trigger: value },
    body: () => ({}),
    response: triggerResponse,
    expected: "{status, message, updatedAt, campaignInstanceId}",
    failureEnvelope: false,
  };
}
const SCHEDULE_ANSWER = '{status: "success", message, id}';
const CONTACT_LIST_ANSWER = "{status, message, data: {_id, name, ...list}}";
const DELETE_ANSWER = "a JSON object or an empty body";

type WithBody = { body: RequestBody };
type CampaignArgs = { campaignId: string };
type Typed = { campaignType: CampaignType };
type TypedCampaignArgs = CampaignArgs & Typed;
type ListArgs = { contactListId: string };

export const ENDPOINTS = {
  createCampaign: endpoint({
    method: "POST",
    path: `${V1}/campaign`,
    query: { campaignType: "{campaignType}" },
    body: (a: WithBody & Typed) => a.body,
    response: createResponse,
    expected: "{data: {id or _id, ...campaign}} (Progressive/Agentless, SMS) or {id, data: {campId}} (Preview)",
    creates: CREATES_CAMPAIGN,
  }),
  getCampaign: endpoint<CampaignArgs, z.output<typeof getResponse>>({
    method: "GET",
    path: `${V1}/campaign/{campaignId}`,
    response: getResponse,
    expected: "{data: {_id or id, ...campaign}}",
    readOnly: true,
  }),
  listCampaigns: endpoint({
    method: "POST",
    path: `${V1}/campaign/getAllCampaignDetails`,
    query: { accountId: "{accountId}" },
    body: (a: { limit: number; skip: number; page: number; type: CampaignType }) => ({ limit: a.limit, skip: a.skip, page: a.page, type: a.type }),
    response: listResponse,
    expected: "{data: {results: [{_id or id, ...}], hasMore}}",
    readOnly: true,
  }),
  updateCampaign: endpoint({
    method: "PUT",
    path: `${V1}/campaign/{campaignId}`,
    query: { campaignType: "{campaignType}" },
    body: (a: TypedCampaignArgs & WithBody) => a.body,
    response: updateResponse,
    expected: "{id, data: {id, ...campaign}} (voice) or {data: {_id, ...campaign}} (SMS)",
  }),
  // delete-sms-campaign.md writes `{{campaignType}}` where the id belongs (and no `/` after the host): the
  // path table's `campaignId` is followed, as for voice.
  deleteCampaign: endpoint<TypedCampaignArgs, z.output<typeof deleteResponse>>({
    method: "DELETE",
    path: `${V1}/campaign/{campaignId}`,
    query: { campaignType: "{campaignType}" },
    response: deleteResponse,
    expected: DELETE_ANSWER,
  }),
  startCampaign: trigger("play"),
  stopCampaign: trigger("stop"),
  enableCampaignSchedule: endpoint({
    method: "POST",
    path: SCHEDULE,
    query: { enableSchedule: "true", campaignName: "{campaignName}" },
    body: (a: { campaignName: string; schedule: RequestBody }) => a.schedule,
    response: scheduleResponse,
    expected: SCHEDULE_ANSWER,
  }),
  disableCampaignSchedule: endpoint({
    method: "POST",
    path: SCHEDULE,
    query: { enableSchedule: "false", campaignName: "{campaignName}" },
    body: (_: { campaignName: string }) => ({}),
    response: scheduleResponse,
    expected: SCHEDULE_ANSWER,
  }),
  getCampaignStatus: endpoint<CampaignArgs, z.output<typeof statusResponse>>({
    method: "POST",
    path: `${V1}/campaign/{campaignId}/status`,
    query: { view: "status" },
    response: statusResponse,
    expected: "{status, data: {id, status, name}}",
    readOnly: true,
  }),
  createContactList: endpoint({
    method: "POST",
    path: `${V1}/campaign/contactList/createContactList`,
    body: (a: WithBody) => a.body,
    response: contactListResponse,
    expected: CONTACT_LIST_ANSWER,
    creates: CREATES_CONTACT_LIST,
  }),
  getContactList: endpoint<ListArgs, z.output<typeof contactListResponse>>({
    method: "GET",
    path: `${V1}/campaign/contactList/{contactListId}`,
    response: contactListResponse,
    expected: CONTACT_LIST_ANSWER,
    readOnly: true,
  }),
  // The method table says POST (its curl would send a GET); we follow the table and send an empty JSON body.
  listContactLists: endpoint({
    method: "POST",
    path: `${V1}/campaign/contactList/getAllListDetails`,
    query: { type: "call" },
    body: (_: Record<string, never>) => ({}),
    response: contactListsResponse,
    expected: "{status, message, data: [{_id, name, ...list}]}",
    readOnly: true,
  }),
  deleteContactList: endpoint<ListArgs, z.output<typeof deleteResponse>>({
    method: "DELETE",
    path: `${V1}/campaign/contactList/{contactListId}`,
    response: deleteResponse,
    expected: DELETE_ANSWER,
  }),
};

/** The Kore.ai calls the client makes; used in error messages, the retry policy and the documented shapes. */
export type KoreCall = keyof typeof ENDPOINTS;
export type ArgsOf<C extends KoreCall> = (typeof ENDPOINTS)[C] extends Endpoint<infer A, infer _R> ? A : never;
export type ResultOf<C extends KoreCall> = (typeof ENDPOINTS)[C] extends Endpoint<infer _A, infer R> ? R : never;
/** An entry whatever its types, as the transport and the failure classification read it. */
export type AnyEndpoint = Endpoint<Record<string, unknown>, unknown>;

export const endpointOf = (call: KoreCall): AnyEndpoint => ENDPOINTS[call] as unknown as AnyEndpoint;

/** Ids that go into a path, and their names in a refusal: a value that is not a plain id is never sent. */
const ID_PLACEHOLDERS: Readonly<Record<string, string>> = { campaignId: "campaign id", contactListId: "contact list id" };

/**
 * The path and query of one request, placeholders filled from `values` (the target's appId and accountId and the
 * call's arguments). A bad id gives the refusal instead: the path with that placeholder left in, and why.
 */
export function pathOf(e: AnyEndpoint, values: Readonly<Record<string, unknown>>): { ok: true; path: string } | { ok: false; path: string; detail: string } {
  let refusal: string | undefined;
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = values[name];
      const idName = ID_PLACEHOLDERS[name];
      if (idName !== undefined && !(typeof value === "string" && CAMPAIGN_ID_PATTERN.test(value))) {
        refusal ??= `refused before sending: ${idName} ${describeId(value)} is not a plain id (${CAMPAIGN_ID_PATTERN.source})`;
        return placeholder;
      }
      return encodeURIComponent(String(value));
    });
  const query = Object.entries(e.query ?? {})
    .map(([key, value]) => `${key}=${fill(value)}`)
    .join("&");
  const path = fill(e.path) + (query ? `?${query}` : "");
  return refusal === undefined ? { ok: true, path } : { ok: false, path, detail: refusal };
}

function describeId(id: unknown): string {
  return typeof id === "string" ? JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}...` : id) : String(id);
}
