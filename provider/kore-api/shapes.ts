/**
 * What the docs show of each answer, as data: the fields each documented sample or response table has, and the
 * documented shapes of the same call (/work/shared/kore-api/README.md lists where the pages disagree). Pure.
 *
 * Two uses: the parsers (responses.ts) warn once per run about fields no page shows, since unknown fields are
 * where the docs are out of date; and `kore-campaigns doctor` names which documented shape a tenant answered in.
 * The parsers keep every field whatever this says: these lists only decide what is reported.
 */
import type { KoreCall } from "./endpoints";

/** Fields of a campaign record in any campaign page's sample or response table (voice and SMS; v1 and v2). */
const CAMPAIGN_FIELDS = [
  "_id", "id", "campId", "name", "lname", "description", "priority", "dialingMode", "dialingStrategy", "experienceFlow",
  "experienceFlowName", "status", "createdAt", "updatedAt", "contactLists", "enableMachineDetect", "queue_name", "connection",
  "schedule", "campaignInstanceId", "campaignInstanceUpdatedAt", "campaignExecutionType", "maxSkips", "format", "message",
  "totalMessagesSent", "totalCallsCompleted", "direction", "dncLists", "isFiltersEnabled",
] as const;
/** `dialingStrategy` in the create/get/update samples (v2 adds the last four). */
const DIALING_STRATEGY_FIELDS = ["callerId", "callingHours", "useSystemMappings", "dialingOrder", "maxAttemptsPerRecord", "defaultRetryPeriod", "maxRingTime"] as const;
/** A contact list in create-contact-list, get-contact-list-details, get-all-contact-lists and delete-contact-list-details. */
const CONTACT_LIST_FIELDS = [
  "_id", "id", "isActive", "orgId", "name", "lname", "description", "totalRecordCount", "status", "createdBy", "updatedBy", "mapping",
  "isListInUse", "iId", "listType", "campaignInUse", "accountId", "source", "apiConfigurations", "files", "createdAt", "updatedAt",
  "allowDuplicates", "body", "contactListId",
] as const;
const ENVELOPE_FIELDS = ["status", "message", "data", "id"] as const;
const LIST_PAGE_FIELDS = ["results", "skip", "limit", "page", "hasMore", "totalPages", "totalResults"] as const;
const STATUS_FIELDS = ["_id", "id", "status", "name"] as const;
const TRIGGER_FIELDS = ["status", "message", "updatedAt", "campaignInstanceId", "totalCallsCompleted", "campaignExecutionType"] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Where a call's answer has records, and which fields each level may have. */
interface FieldSpec {
  envelope: readonly string[];
  /** `data` is one record, an array of records, a list page (`data.results[]`), or absent. */
  data?: { kind: "record" | "records" | "page"; fields: readonly string[] };
}

const CAMPAIGN: FieldSpec = { envelope: ENVELOPE_FIELDS, data: { kind: "record", fields: CAMPAIGN_FIELDS } };
const CONTACT_LIST: FieldSpec = { envelope: ENVELOPE_FIELDS, data: { kind: "record", fields: CONTACT_LIST_FIELDS } };

export const DOCUMENTED_FIELDS: Readonly<Record<KoreCall, FieldSpec>> = {
  createCampaign: CAMPAIGN,
  getCampaign: CAMPAIGN,
  updateCampaign: CAMPAIGN,
  deleteCampaign: CAMPAIGN,
  listCampaigns: { envelope: ENVELOPE_FIELDS, data: { kind: "page", fields: CAMPAIGN_FIELDS } },
  getCampaignStatus: { envelope: ENVELOPE_FIELDS, data: { kind: "record", fields: STATUS_FIELDS } },
  startCampaign: { envelope: TRIGGER_FIELDS },
  stopCampaign: { envelope: TRIGGER_FIELDS },
  enableCampaignSchedule: { envelope: ["status", "message", "id"] },
  disableCampaignSchedule: { envelope: ["status", "message", "id"] },
  createContactList: CONTACT_LIST,
  getContactList: CONTACT_LIST,
  deleteContactList: CONTACT_LIST,
  listContactLists: { envelope: ENVELOPE_FIELDS, data: { kind: "records", fields: CONTACT_LIST_FIELDS } },
};

/** The fields of an answer that no page shows for this call, as paths (`data.results[].foo`), each once, sorted. */
export function unknownFields(call: KoreCall, body: unknown): string[] {
  const spec = DOCUMENTED_FIELDS[call];
  if (!isObject(body)) return [];
  const found = new Set<string>();
  const check = (obj: Json, known: readonly string[], prefix: string) => {
    for (const key of Object.keys(obj)) if (!known.includes(key)) found.add(`${prefix}${key}`);
    const strategy = obj.dialingStrategy;
    if (known === CAMPAIGN_FIELDS && isObject(strategy)) check(strategy, DIALING_STRATEGY_FIELDS, `${prefix}dialingStrategy.`);
  };
  check(body, spec.envelope, "");
  const data = body.data;
  if (spec.data?.kind === "record" && isObject(data)) check(data, spec.data.fields, "data.");
  if (spec.data?.kind === "records" && Array.isArray(data)) for (const r of data.filter(isObject)) check(r, spec.data.fields, "data[].");
  if (spec.data?.kind === "page" && isObject(data)) {
    check(data, LIST_PAGE_FIELDS, "data.");
    if (Array.isArray(data.results)) for (const r of data.results.filter(isObject)) check(r, spec.data.fields, "data.results[].");
  }
  return [...found].sort();
}

/** Which id key the records of an array carry: `_id`, `id`, both, or none (empty, or neither). */
function recordIds(records: unknown[]): string {
  const keys = new Set(records.filter(isObject).flatMap((r) => ["_id", "id"].filter((k) => typeof r[k] === "string")));
  if (records.length === 0) return "no records";
  return keys.size === 0 ? "records without an id" : `records with ${[...keys].sort().join(" and ")}`;
}

/**
 * The documented shape an answer is in, in words naming the page that shows it, or undefined when it is none of
 * them. Only what tells the readings apart is looked at (where the id is, which paging fields come); whether the
 * provider can use the answer is the parser's business.
 */
export function documentedShape(call: KoreCall, body: unknown): string | undefined {
  if (body === undefined) return call === "deleteCampaign" || call === "deleteContactList" ? "an empty body" : undefined;
  if (!isObject(body)) return undefined;
  const data = body.data;
  const dataId = isObject(data) ? (typeof data._id === "string" ? "data._id" : typeof data.id === "string" ? "data.id" : undefined) : undefined;
  const topId = typeof body.id === "string";
  switch (call) {
    case "createCampaign":
      if (isObject(data) && typeof data.campId === "string" && topId) return "id and data.campId (create-voice-campaign-preview, v1)";
      if (dataId) return `the campaign under data, with ${dataId} (create Progressive / Agentless; Preview v2; the SMS creates)`;
      return undefined;
    case "getCampaign":
      return dataId ? `the campaign under data, with ${dataId} (get-voice-campaign-by-id${dataId === "data._id" ? "" : "-v2 table"})` : undefined;
    case "updateCampaign":
      if (topId && dataId === "data.id") return "id and data.id (update-voice-campaign)";
      if (topId && dataId === "data._id") return "id and data._id (update-voice-campaign-v2)";
      if (dataId === "data._id") return "data._id without a top-level id (update-sms-campaign)";
      return undefined;
    case "deleteCampaign":
      return dataId ? `the deleted campaign under data, with ${dataId} (delete-voice-campaign, delete-sms-campaign)` : "an object without the deleted campaign";
    case "listCampaigns": {
      if (!isObject(data) || !Array.isArray(data.results)) return undefined;
      const paging = typeof data.hasMore === "boolean" ? "hasMore" : typeof data.totalResults === "number" ? "totalResults without hasMore" : "no paging fields (get-all-sms-campaigns' table)";
      const ids = recordIds(data.results);
      const page = ids.includes("_id") ? "get-all-voice-campaigns" : ids.includes("with id") ? "get-all-campaigns / get-all-sms-campaigns" : undefined;
      return `data.results, ${ids}${page ? ` (${page})` : ""}, ${paging}`;
    }
    case "getCampaignStatus":
      return isObject(data) && typeof data.status === "string" && dataId ? `${dataId}, data.status as text (get-campaign-status)` : undefined;
    case "startCampaign":
    case "stopCampaign":
      return typeof body.status === "string" ? "status, message, updatedAt (start / stop-voice-campaign, start / stop-sms-campaign)" : undefined;
    case "enableCampaignSchedule":
    case "disableCampaignSchedule":
      return body.status === "success" ? "status, message, id (enable / disable schedule, v2)" : undefined;
    case "createContactList":
    case "getContactList":
    case "deleteContactList":
      return dataId ? `the list under data, with ${dataId} (${call === "createContactList" ? "create-contact-list" : call === "getContactList" ? "get-contact-list-details" : "delete-contact-list-details"})` : undefined;
    case "listContactLists":
      return Array.isArray(data) ? `data as an array, ${recordIds(data)} (get-all-contact-lists)` : undefined;
  }
}

/** Where the unknown-field warnings go: stderr by default (the engine shows a provider's stderr); the doctor collects them. */
export type WarningSink = (warning: string) => void;
const toStderr: WarningSink = (warning) => void process.stderr.write(`pulumi-kore-campaigns: warning: ${warning}\n`);
let warningSink: WarningSink = toStderr;
/** `call field` pairs already reported in this process. */
const reportedFields = new Set<string>();

/** Sends the warnings to `sink` (undefined: back to stderr); returns the one it replaces. */
export function setWarningSink(sink: WarningSink | undefined): WarningSink {
  const previous = warningSink;
  warningSink = sink ?? toStderr;
  return previous;
}

/** Forgets which fields were reported (tests; a doctor run reports every field it sees). */
export function resetReportedFields(): void {
  reportedFields.clear();
}

/** After a successful parse: one warning naming the call and every field no page shows that was not reported before. */
export function noteUnknownFields(call: KoreCall, body: unknown): void {
  const fresh = unknownFields(call, body).filter((f) => !reportedFields.has(`${call} ${f}`));
  if (fresh.length === 0) return;
  for (const f of fresh) reportedFields.add(`${call} ${f}`);
  warningSink(
    `Kore.ai answered ${call} with ${fresh.length === 1 ? "a field" : "fields"} the API docs do not show: ${fresh.join(", ")}. ` +
      "They are kept as sent; please report them with a recording (kore-campaigns doctor --record FILE).",
  );
}
