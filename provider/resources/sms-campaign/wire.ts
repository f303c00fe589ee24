/**
 * Mapping between a normalized SMS campaign definition and Kore.ai's wire format, both ways. Pure.
 *
 * Readings of the pages (/work/shared/kore-api/*sms*.md; their errata are in that folder's README):
 * - Request body (create and update alike), as the samples send it: name, description, contactLists,
 *   campaignType "sms", priority (a string), format, then `message` (simple) , dialingStrategy {callerId,
 *   callingHours}, schedule, then `experienceFlowName` (advanced). A simple campaign's own text goes as
 *   `message: {templateId: "", message: <text>}`, plain, as the without-template sample sends it (its
 *   response table calls the field Base64; the sample is followed). A template goes as
 *   `message: {template_name, message: <body>}` with the body Base64-encoded and then URL-encoded, exactly as
 *   the using-template sample sends it (`...Lg%3D%3D`); by id, `templateId` takes `template_name`'s place
 *   (the older using-template page). An advanced campaign sends no `message`.
 * - `schedule` in the body: `{isSchedulingEnabled: false}` on create (the schedule call follows, as for
 *   voice), the definition's `enabled` on update.
 * - Records (create/update/get `data`, list `data.results[]`): the id is `id` (list records), else `_id`
 *   (create, get, update, delete `data`). An answer envelope `{status, message, data}` is unwrapped first.
 * - `message.message` in a record may be plain text (the without-template answer), Base64 + URL-encoded
 *   (the list page), or a different rendition of a template (the using-template answer returns the
 *   template's HTML). Reading chosen: a value equal to the text last sent in any of those encodings is that
 *   text; otherwise a value that decodes (URL, then strict Base64, then UTF-8) to printable text is read as
 *   that text; otherwise it is kept as sent, so a change shows as a drift. A template's body is never read
 *   back (the server shows another rendition of it): it comes from `previous` and is unobserved.
 * - `experienceFlowName` is never echoed: records carry `experienceFlow`, the flow's `cf-...` id, which
 *   goes to `observed.experienceFlowId` and is never compared with the name. The name comes from
 *   `previous` and is unobserved (adoption writes it: one idempotent PUT).
 * - `format: basic` (delete-sms-campaign.md) is read as `simple`.
 * - A record's `schedule` is never read into the definition (as for voice: shared/outbound/schedule.ts).
 */
import type { Schedule } from "../../shared/outbound/schedule";
import { CALLING_FREQUENCIES, type CallingFrequency, type DayCode, type Priority } from "../../shared/outbound/vocabulary";
import { normalizeChoice, normalizePriority, normalizeTimezone } from "../../shared/outbound/normalize";
import { callingWindows as windows, compact, nonEmptyText as text, rawString, stringList, unobservedPathsIn } from "../../shared/outbound/wire-read";
import { asRecord } from "../../util/values";
import type { ObservedFacts } from "../../shared/campaign-run/outputs";
import type { SmsCampaignDefinition, SmsMessage } from "./schema";
import { SMS_FORMATS, type SmsFormat } from "./vocabulary";

/** The wire form of a message. */
export type WireSmsMessage = { templateId: ""; message: string } | { template_name: string; message: string } | { templateId: string; message: string };

/** The request body of create and update, as the samples send it. */
export interface WireSmsCampaignBody {
  name: string;
  description: string;
  contactLists: string[];
  campaignType: "sms";
  priority: Priority;
  format: SmsFormat;
  message?: WireSmsMessage;
  dialingStrategy: {
    callerId: { phoneNumber: string };
    callingHours: { frequency: CallingFrequency; timezone: string; days: Array<{ day: DayCode; start: string; end: string }> };
  };
  schedule: { isSchedulingEnabled: boolean };
  experienceFlowName?: string;
}

/** Server-side facts about an SMS campaign that are not part of its definition (`templateId` is its own). */
export type ObservedSmsCampaign = ObservedFacts;

/** A definition read from the server; fields neither the server nor `previous` had are absent. */
export type WireSmsDefinition = Partial<Omit<SmsCampaignDefinition, "dialingStrategy" | "schedule" | "message">> & {
  message?: Partial<SmsMessage>;
  dialingStrategy?: {
    callerId?: Partial<SmsCampaignDefinition["dialingStrategy"]["callerId"]>;
    callingHours?: Partial<SmsCampaignDefinition["dialingStrategy"]["callingHours"]>;
  };
  schedule?: Partial<Schedule>;
};

/** A template body as the using-template sample sends it: Base64 (UTF-8), then URL-encoded. */
export function encodeTemplateBody(body: string): string {
  return encodeURIComponent(Buffer.from(body, "utf8").toString("base64"));
}

function wireMessage(message: SmsMessage): WireSmsMessage {
  if (message.template === undefined) return { templateId: "", message: message.text ?? "" };
  const body = encodeTemplateBody(message.body ?? "");
  return message.template.name !== undefined ? { template_name: message.template.name, message: body } : { templateId: message.template.id ?? "", message: body };
}

/** Definition -> the request body, in the samples' key order. */
export function toSmsWireBody(def: SmsCampaignDefinition, call: "create" | "update"): WireSmsCampaignBody {
  const format: SmsFormat = def.format ?? "simple";
  const hours = def.dialingStrategy.callingHours;
  const body = {
    name: def.name,
    description: def.description,
    contactLists: [...def.contactLists],
    campaignType: "sms",
    priority: def.priority,
    format,
  } as WireSmsCampaignBody;
  if (format === "simple" && def.message !== undefined) body.message = wireMessage(def.message);
  body.dialingStrategy = {
    callerId: { phoneNumber: def.dialingStrategy.callerId.phoneNumber },
    callingHours: { frequency: hours.frequency, timezone: hours.timezone, days: hours.days.map((w) => ({ day: w.day, start: w.start, end: w.end })) },
  };
  body.schedule = { isSchedulingEnabled: call === "update" && def.schedule?.enabled === true };
  if (format === "advanced" && def.experienceFlowName !== undefined) body.experienceFlowName = def.experienceFlowName;
  return body;
}

// ---------------------------------------------------------------------------------------------------
// Reading records

const PRINTABLE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/** The text a Base64 (optionally URL-encoded) value stands for, if it is one; undefined otherwise. */
export function decodeMessageText(raw: string): string | undefined {
  let b64 = raw;
  if (/%[0-9A-Fa-f]{2}/.test(raw)) {
    try {
      b64 = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  if (b64.length === 0 || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
  const bytes = Buffer.from(b64, "base64");
  if (bytes.toString("base64") !== b64) return undefined; // not canonical Base64: plain text that happens to fit
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.length > 0 && PRINTABLE.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function readText(raw: string, previous: string | undefined): string {
  if (previous !== undefined && [previous, Buffer.from(previous, "utf8").toString("base64"), encodeTemplateBody(previous)].includes(raw)) return previous;
  return decodeMessageText(raw) ?? raw;
}

function readMessage(value: unknown, previous: Partial<SmsMessage> | undefined): Partial<SmsMessage> | undefined {
  const m = asRecord(value);
  if (!m) return previous;
  const templateName = text(m.template_name);
  const templateId = text(m.templateId);
  if (templateName !== undefined || templateId !== undefined) {
    // named by name when the server shows a name (it may add the id it resolved); by id otherwise
    const template = templateName !== undefined && previous?.template?.id === undefined ? { name: templateName } : { id: templateId ?? previous?.template?.id ?? "" };
    return compact({ template, body: previous?.body }) as Partial<SmsMessage>;
  }
  const raw = rawString(m.message);
  if (raw === undefined) return previous;
  return { text: readText(raw, previous?.text) };
}

/**
 * An SMS campaign record from Kore -> { definition, observed }. Each field comes from the record when it is
 * there, else from `previous`; see the module comment for the readings. Never throws.
 */
export function fromWireSmsCampaign(record: Record<string, unknown>, previous: SmsCampaignDefinition): { definition: SmsCampaignDefinition; observed: ObservedSmsCampaign };
export function fromWireSmsCampaign(record: Record<string, unknown>, previous?: WireSmsDefinition): { definition: WireSmsDefinition; observed: ObservedSmsCampaign };
export function fromWireSmsCampaign(record: Record<string, unknown>, previous?: WireSmsDefinition): { definition: WireSmsDefinition; observed: ObservedSmsCampaign } {
  const campaign = unwrap(record);
  const prev = previous ?? {};
  const prevStrategy = prev.dialingStrategy ?? {};
  const strategy = asRecord(campaign.dialingStrategy);
  const callerId = asRecord(strategy?.callerId);
  const hours = asRecord(strategy?.callingHours);
  const rawFormat = campaign.format === "basic" ? "simple" : campaign.format;
  const format = (normalizeChoice(SMS_FORMATS, rawFormat) ?? (typeof rawFormat === "string" && rawFormat !== "" ? rawFormat : undefined) ?? prev.format) as SmsFormat | undefined;
  const simple = format === undefined || format === "simple";

  const definition = compact({
    name: text(campaign.name) ?? prev.name,
    description: text(campaign.description) ?? prev.description,
    contactLists: stringList(campaign.contactLists) ?? prev.contactLists,
    priority: normalizePriority(campaign.priority) ?? (typeof campaign.priority === "string" || typeof campaign.priority === "number" ? (String(campaign.priority) as Priority) : prev.priority),
    format,
    message: simple ? readMessage(campaign.message, prev.message) : undefined,
    experienceFlowName: simple ? undefined : (text(campaign.experienceFlowName) ?? prev.experienceFlowName),
    dialingStrategy: compact({
      callerId: compact({ phoneNumber: rawString(callerId?.phoneNumber) ?? prevStrategy.callerId?.phoneNumber }),
      callingHours: compact({
        frequency: (normalizeChoice(CALLING_FREQUENCIES, hours?.frequency) ?? (typeof hours?.frequency === "string" && hours.frequency !== "" ? hours.frequency : undefined) ?? prevStrategy.callingHours?.frequency) as CallingFrequency | undefined,
        timezone: normalizeTimezone(hours?.timezone) ?? rawString(hours?.timezone) ?? prevStrategy.callingHours?.timezone,
        days: windows(hours?.days) ?? prevStrategy.callingHours?.days,
      }),
    }),
    schedule: prev.schedule, // never read back (module comment)
  }) as WireSmsDefinition;

  const message = asRecord(campaign.message);
  const observed = compact({
    id: rawString(campaign.id) ?? rawString(campaign._id) ?? "",
    status: rawString(campaign.status),
    lname: rawString(campaign.lname),
    campaignInstanceId: rawString(campaign.campaignInstanceId),
    experienceFlowId: rawString(campaign.experienceFlow),
    templateId: text(message?.templateId),
    createdAt: rawString(campaign.createdAt),
    updatedAt: rawString(campaign.updatedAt),
  }) as ObservedSmsCampaign;
  return { definition: definition ?? {}, observed };
}

/**
 * The definition paths the server's records never show, so nothing confirms them: the flow's name, a
 * template's body, and any field the records left out. Adoption and refresh write them (one PUT) rather
 * than assume they match. `schedule` is never read back: its own call applies it.
 */
export function smsUnobservedPaths(records: ReadonlyArray<Record<string, unknown> | undefined>, definition: SmsCampaignDefinition): string[] {
  return unobservedPathsIn(records.map((r) => (r ? fromWireSmsCampaign(r).definition : {})), definition);
}

// ---------------------------------------------------------------------------------------------------

/** An answer envelope ({status, message, data: {...}}) -> its campaign; a record -> itself. */
function unwrap(record: unknown): Record<string, unknown> {
  const outer = asRecord(record) ?? {};
  const data = asRecord(outer.data);
  return data !== undefined && outer.name === undefined && outer.dialingStrategy === undefined && outer.format === undefined ? data : outer;
}
