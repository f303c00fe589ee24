/**
 * The answers, shaped like the docs' sample responses (including their quirks: preview creates answer only
 * `{id, data:{campId}}`, the list message has a double space, list records carry `_id`; a contact list's create
 * answer says `source: "passiveApi"` and carries `allowDuplicates`, while its get, list and delete answers say
 * `passiveApiIntegration` and carry no `allowDuplicates`). SMS campaigns get the SMS pages' shapes (each campaign
 * answer below picks by `campaignType`).
 * Pure: StoredCampaign / ContactListInfo in, JSON-ready object out.
 */
import { connectionOf, isSms } from "./campaign";
import type { ContactListInfo, StoredCampaign } from "./types";

type Json = Record<string, unknown>;

/** Drops keys whose value is undefined so optional fields are absent, not null. */
function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

const modeExtras = (c: StoredCampaign): Json => ({
  experienceFlow: c.dialingMode === "Agentless" ? c.experienceFlow : undefined,
  maxSkips: c.dialingMode === "Preview" ? c.maxSkips : undefined,
});

/** Every error answer: `{"errors":[{"msg","code"}]}`. */
export function errorBody(msg: string, code: number): Json {
  return { errors: [{ msg, code }] };
}

export function errorsBody(msgs: string[], code: number): Json {
  return { errors: msgs.map((msg) => ({ msg, code })) };
}

/** Progressive and Agentless creates: the full campaign with `id` (no `queue_name`, no `schedule`). */
function createdCampaign(c: StoredCampaign): Json {
  return compact({
    name: c.name,
    lname: c.lname,
    description: c.description,
    priority: c.priority,
    dialingMode: c.dialingMode,
    dialingStrategy: clone(c.dialingStrategy),
    experienceFlow: c.dialingMode === "Agentless" ? c.experienceFlow : undefined,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    id: c.id,
    contactLists: clone(c.contactLists),
    enableMachineDetect: c.enableMachineDetect,
  });
}

export function createAnswer(c: StoredCampaign): Json {
  if (isSms(c)) return smsCreateAnswer(c);
  const message = `Campaign ${c.name} creation in progress`;
  if (c.dialingMode === "Preview") return { status: "success", message, id: c.id, data: { campId: c.id } };
  return { status: "success", message, data: createdCampaign(c) };
}

export function updateAnswer(c: StoredCampaign): Json {
  if (isSms(c)) return smsUpdateAnswer(c);
  return {
    status: "success",
    message: `Campaign ${c.name} details updated successfully`,
    id: c.id,
    data: compact({
      name: c.name,
      lname: c.lname,
      description: c.description,
      priority: c.priority,
      dialingMode: c.dialingMode,
      dialingStrategy: clone(c.dialingStrategy),
      experienceFlow: c.dialingMode === "Agentless" ? c.experienceFlow : undefined,
      status: c.status,
      maxSkips: c.dialingMode === "Preview" ? c.maxSkips : undefined,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      schedule: clone(c.schedule),
      id: c.id,
      campaignInstanceId: c.campaignInstanceId,
      contactLists: clone(c.contactLists),
      enableMachineDetect: c.enableMachineDetect,
    }),
  };
}

/** GET: `_id`, the whole definition, `connection`, the runtime fields. */
export function getAnswer(c: StoredCampaign): Json {
  if (isSms(c)) return smsGetAnswer(c);
  return {
    status: "success",
    message: `Campaign ${c.name} retrieved successfully`,
    data: compact({
      _id: c.id,
      name: c.name,
      lname: c.lname,
      description: c.description,
      status: c.status,
      priority: c.priority,
      dialingMode: c.dialingMode,
      dialingStrategy: clone(c.dialingStrategy),
      ...modeExtras(c),
      connection: connectionOf(c),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      schedule: clone(c.schedule),
      campaignInstanceId: c.campaignInstanceId,
      campaignInstanceUpdatedAt: c.campaignInstanceUpdatedAt,
      contactLists: clone(c.contactLists),
      enableMachineDetect: c.enableMachineDetect,
    }),
  };
}

/** One record of the list call: a summary (no dialingStrategy), as in get-all-voice-campaigns (get-all-sms-campaigns for SMS). */
export function listRecord(c: StoredCampaign): Json {
  if (isSms(c)) return smsListRecord(c);
  return compact({
    _id: c.id,
    name: c.name,
    description: c.description,
    priority: c.priority,
    dialingMode: c.dialingMode,
    experienceFlow: c.dialingMode === "Agentless" ? c.experienceFlow : undefined,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    schedule: clone(c.schedule),
    campaignInstanceId: c.campaignInstanceId,
    campaignInstanceUpdatedAt: c.campaignInstanceUpdatedAt,
    connection: connectionOf(c),
    contactLists: clone(c.contactLists),
  });
}

export function listAnswer(page: StoredCampaign[], paging: { skip: number; limit: number; total: number }): Json {
  const { skip, limit, total } = paging;
  return {
    status: "success",
    message: "Campaign  retrieved successfully",
    data: {
      results: page.map(listRecord),
      skip,
      limit,
      hasMore: skip + page.length < total,
      totalPages: Math.ceil(total / limit),
      totalResults: total,
    },
  };
}

export function deleteAnswer(c: StoredCampaign): Json {
  if (isSms(c)) return smsDeleteAnswer(c);
  return {
    status: "success",
    message: `Campaign ${c.name} deleted successfully`,
    data: compact({
      _id: c.id,
      name: c.name,
      lname: c.lname,
      description: c.description,
      priority: c.priority,
      dialingMode: c.dialingMode,
      dialingStrategy: clone(c.dialingStrategy),
      experienceFlow: c.dialingMode === "Agentless" ? c.experienceFlow : undefined,
      status: c.status,
      maxSkips: c.dialingMode === "Preview" ? c.maxSkips : undefined,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      schedule: clone(c.schedule),
      campaignInstanceId: c.campaignInstanceId,
      contactLists: clone(c.contactLists),
      enableMachineDetect: c.enableMachineDetect,
    }),
  };
}

export function startAnswer(c: StoredCampaign): Json {
  // start-sms-campaign.md: no totalCallsCompleted, no campaignInstanceId
  if (isSms(c)) return { status: "Active", message: "Campaign Started", updatedAt: c.updatedAt };
  return { status: "Active", message: "Campaign Started", totalCallsCompleted: 0, updatedAt: c.updatedAt, campaignInstanceId: c.campaignInstanceId };
}

export function stopAnswer(c: StoredCampaign): Json {
  // stop-sms-campaign.md: campaignExecutionType instead of campaignInstanceId
  if (isSms(c)) return { status: "Stopped", message: "Campaign Stopped", updatedAt: c.updatedAt, campaignExecutionType: EXECUTION_TYPE };
  return { status: "Stopped", message: "Campaign Stopped", updatedAt: c.updatedAt, campaignInstanceId: c.campaignInstanceId };
}

export function statusAnswer(c: StoredCampaign): Json {
  return { status: "success", data: { id: c.id, status: c.status, name: c.name } };
}

// SMS campaigns: the shapes of the SMS pages' samples (create-sms-campaign-*, get-sms-campaign-by-id, update-sms-campaign,
// delete-sms-campaign, get-all-sms-campaigns). No dialingMode; `format`, and `message` (simple) or `experienceFlow` (advanced).

/** Every SMS sample that has it says "NORMAL" (stop-sms-campaign, get-all-sms-campaigns); no other value is documented. */
const EXECUTION_TYPE = "NORMAL";

/** A simple campaign's `message` or an advanced one's `experienceFlow`, where the samples put them. */
const smsContent = (c: StoredCampaign): Json => (c.format === "advanced" ? { experienceFlow: c.experienceFlow } : { message: clone(c.message) });

/** The record of the create, get and update samples (`_id` first, `format` last). */
function smsRecord(c: StoredCampaign, runtime: boolean): Json {
  return compact({
    _id: c.id,
    name: c.name,
    lname: c.lname,
    description: c.description,
    status: c.status,
    priority: c.priority,
    dialingStrategy: clone(c.dialingStrategy),
    ...smsContent(c),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    schedule: clone(c.schedule),
    // update-sms-campaign's table lists it; the samples are of campaigns never started
    campaignInstanceId: runtime ? c.campaignInstanceId : undefined,
    contactLists: clone(c.contactLists),
    enableMachineDetect: c.enableMachineDetect,
    format: c.format,
  });
}

/** create-sms-campaign-*.md: `data._id` (not `id`, unlike the voice creates). */
function smsCreateAnswer(c: StoredCampaign): Json {
  return { status: "success", message: `Campaign ${c.name} creation in progress`, data: smsRecord(c, false) };
}

function smsGetAnswer(c: StoredCampaign): Json {
  return { status: "success", message: `Campaign ${c.name} retrieved successfully`, data: smsRecord(c, true) };
}

/** update-sms-campaign.md: `{status, message, data: {_id, ...}}`, no top-level `id` (the voice update has one). */
function smsUpdateAnswer(c: StoredCampaign): Json {
  return { status: "success", message: `Campaign ${c.name} details updated successfully`, data: smsRecord(c, true) };
}

/** delete-sms-campaign.md: its own order (`format` after `priority`), `campaignInstanceId`, no `enableMachineDetect`. */
function smsDeleteAnswer(c: StoredCampaign): Json {
  return {
    status: "success",
    message: `Campaign ${c.name} deleted successfully`,
    data: compact({
      _id: c.id,
      name: c.name,
      lname: c.lname,
      description: c.description,
      priority: c.priority,
      format: c.format,
      dialingStrategy: clone(c.dialingStrategy),
      ...smsContent(c),
      status: c.status,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      schedule: clone(c.schedule),
      campaignInstanceId: c.campaignInstanceId,
      contactLists: clone(c.contactLists),
    }),
  };
}

/** get-all-sms-campaigns.md: `id` (not `_id`), no lname or dialingStrategy, plus the counters the sample shows. */
function smsListRecord(c: StoredCampaign): Json {
  return compact({
    name: c.name,
    description: c.description,
    status: c.status,
    priority: c.priority,
    ...smsContent(c),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    schedule: clone(c.schedule),
    campaignInstanceId: c.campaignInstanceId,
    id: c.id,
    // no message is sent by the emulator
    totalMessagesSent: 0,
    campaignInstanceUpdatedAt: c.campaignInstanceUpdatedAt,
    campaignExecutionType: EXECUTION_TYPE,
    contactLists: clone(c.contactLists),
    format: c.format,
  });
}

/** The field mapping every passive-API list shows in the samples. */
const LIST_MAPPING = Object.freeze({
  firstName: "firstName",
  lastName: "lastName",
  phoneNumber: "phoneNumber",
  timeZone: "timeZone",
  uniqueId: "uniqueId",
});

/**
 * `apiConfigurations.dataSyncMode`. The samples show only `"allowDuplicates"` (for `allowDuplicates: true`).
 * Decision: a list made with `allowDuplicates: false` shows `"skipDuplicates"`; the docs name no other value.
 */
export const dataSyncMode = (allowDuplicates: boolean): string => (allowDuplicates ? "allowDuplicates" : "skipDuplicates");

const listShared = (l: ContactListInfo) => ({
  mapping: { ...LIST_MAPPING },
  isListInUse: l.campaignInUse.length > 0,
  listType: "call",
  campaignInUse: [...l.campaignInUse],
});

/** create-contact-list's sample: its field order, `source: "passiveApi"`, `allowDuplicates` last. */
export function createListAnswer(l: ContactListInfo): Json {
  const shared = listShared(l);
  return {
    status: "success",
    message: `Contact list ${l.name} created successfully`,
    data: {
      isActive: true,
      name: l.name,
      description: l.description,
      totalRecordCount: l.totalRecordCount,
      status: l.status,
      createdBy: l.createdBy,
      updatedBy: l.updatedBy,
      mapping: shared.mapping,
      isListInUse: shared.isListInUse,
      listType: shared.listType,
      campaignInUse: shared.campaignInUse,
      source: "passiveApi",
      apiConfigurations: { dataSyncMode: dataSyncMode(l.allowDuplicates) },
      files: [],
      createdAt: l.createdAt,
      updatedAt: l.updatedAt,
      _id: l.id,
      allowDuplicates: l.allowDuplicates,
    },
  };
}

/** The record of get-contact-list-details and delete-contact-list-details (the same fields, in the samples' order). */
function listDetails(l: ContactListInfo): Json {
  const shared = listShared(l);
  return {
    _id: l.id,
    isActive: true,
    orgId: l.orgId,
    name: l.name,
    lname: l.lname,
    description: l.description,
    totalRecordCount: l.totalRecordCount,
    status: l.status,
    createdBy: l.createdBy,
    updatedBy: l.updatedBy,
    mapping: shared.mapping,
    isListInUse: shared.isListInUse,
    iId: l.iId,
    listType: shared.listType,
    campaignInUse: shared.campaignInUse,
    accountId: l.accountId,
    source: "passiveApiIntegration",
    apiConfigurations: { dataSyncMode: dataSyncMode(l.allowDuplicates) },
    files: [],
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

export function getListAnswer(l: ContactListInfo): Json {
  return { status: "success", message: "", data: listDetails(l) };
}

export function deleteListAnswer(l: ContactListInfo): Json {
  return { status: "success", message: `Contact list ${l.name} deleted successfully`, data: listDetails(l) };
}

/** One record of get-all-contact-lists: the sample's summary fields (no orgId, lname, createdBy, createdAt...). */
function listSummary(l: ContactListInfo): Json {
  const shared = listShared(l);
  return {
    _id: l.id,
    name: l.name,
    description: l.description,
    totalRecordCount: l.totalRecordCount,
    status: l.status,
    mapping: shared.mapping,
    isListInUse: shared.isListInUse,
    listType: shared.listType,
    campaignInUse: shared.campaignInUse,
    source: "passiveApiIntegration",
    apiConfigurations: { dataSyncMode: dataSyncMode(l.allowDuplicates) },
    files: [],
    updatedAt: l.updatedAt,
  };
}

export function allListsAnswer(lists: ContactListInfo[]): Json {
  return { status: "success", message: "", data: lists.map(listSummary) };
}
