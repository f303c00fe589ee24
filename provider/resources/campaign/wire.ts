/**
 * Mapping between a normalized campaign definition and Kore.ai's wire format, both ways. Pure.
 *
 * Readings of the docs (/work/shared/kore-api/) this module relies on:
 * - Request body (create and update alike): exactly the documented fields, in the samples' key order:
 *   name, description, contactLists, priority (a string), dialingMode, dialingStrategy {callerId,
 *   callingHours {frequency, timezone, days [{day, start, end}]}, dialingOrder, maxAttemptsPerRecord,
 *   defaultRetryPeriod, maxRingTime}, schedule, then queue_name (Progressive, Preview), experienceFlowName
 *   (Agentless), enableMachineDetect, maxSkips (Preview), campaignType "voice". Fields of other modes are
 *   never sent, even if a definition carries them.
 * - Records (what fromWireCampaign reads): the `data` of the create/update/get answers, or one
 *   `data.results[]` record of the list. The id is `id` (create/update `data`, get-all-campaigns records),
 *   else `_id` (get-by-id `data`, get-all-voice-campaigns records), else `campId` (the Preview create answer,
 *   whose `data` is only `{campId}`). A whole answer envelope `{status: "success", message, data, id?}` is
 *   unwrapped first, so the envelope's `status` is never taken for the campaign's.
 * - Answers omit fields: create/update do not echo `queue_name` or `experienceFlowName`; the Progressive and
 *   Agentless create answers have no `schedule`; list records have no `dialingStrategy`; the get-by-id sample
 *   has no `dialingMode`. Each field the server does not return falls back to `previous`; adoption and refresh
 *   do not take such a field as matching (`unobservedPaths`): they write it, one idempotent PUT.
 * - The queue (Progressive/Preview) or flow (Agentless) name: `queue_name` if present, else `connection`
 *   (list records carry the queue or flow name there), else `previous`. `experienceFlow` is the flow's
 *   `cf-...` id, never its name: it goes to `observed.experienceFlowId`.
 * - `schedule` in the campaign body: the create samples send `{isSchedulingEnabled: false}`, and so does every
 *   create here (the schedule itself is a separate call, made right after: schedule.ts). An update sends the
 *   definition's `enabled`, so a PUT never contradicts the schedule in effect, whatever Kore makes of the flag.
 * - A record's `schedule` (`isSchedulingEnabled`, `isRecurrenceEnabled`) is never read into the definition:
 *   no page says it reflects the v2 schedule, so the schedule comes from `previous` (the last one applied).
 * - The v2 schedule body (toWireSchedule): `{startDateTime, endDateTime, recurrenceObject}` with
 *   `recurType: "Daily", dailyDetails: {onceEveryNdays}` or `recurType: "Weekly", weeklyDetails:
 *   {onceEveryNweeks, whichDays: ["Mon", ...]}`, as the samples send it (the weekly page's table calls the
 *   object `dailyDetails`; its sample sends `weeklyDetails`, and the sample is followed). Disabling sends `{}`.
 * - Values the server spells differently ("09:00 AM", days in another order, priority 5 as a number) go
 *   through the schema's own normalization functions, so a definition read back compares equal to the one
 *   sent. A value that cannot be normalized is kept as the server sent it when it is of the right kind (so
 *   a drift shows up in the diff), and otherwise falls back to `previous`.
 */
export { SCHEDULE_WIRE_DAYS, toWireSchedule, type WireScheduleBody } from "../../shared/outbound/schedule";
import type { CampaignDefinition } from "./schema";
import {
  CALLING_FREQUENCIES,
  DIALING_MODES,
  DIALING_ORDERS,
  MODE_FIELDS,
  type CallingFrequency,
  type DayCode,
  type DialingMode,
  type DialingOrder,
  type Priority,
} from "./vocabulary";
import { normalizeChoice, normalizePriority, normalizeTimezone } from "./normalize";
import { callingWindows as windows, compact, nonEmptyText as text, rawString, stringList, unobservedPathsIn } from "../../shared/outbound/wire-read";
import { asRecord } from "../../util/values";
import type { ObservedFacts } from "../../shared/campaign-run/outputs";

/** The request body of create and update, exactly as documented. */
export interface WireCampaignBody {
  name: string;
  description: string;
  contactLists: string[];
  priority: Priority;
  dialingMode: DialingMode;
  dialingStrategy: {
    callerId: { phoneNumber: string };
    callingHours: { frequency: CallingFrequency; timezone: string; days: Array<{ day: DayCode; start: string; end: string }> };
    dialingOrder: DialingOrder;
    maxAttemptsPerRecord: number;
    defaultRetryPeriod: number;
    maxRingTime: number;
  };
  schedule: { isSchedulingEnabled: boolean };
  queue_name?: string;
  experienceFlowName?: string;
  enableMachineDetect: boolean;
  maxSkips?: number;
  campaignType: "voice";
}

/** Server-side facts about a campaign that are not part of its definition (every channel's: shared/campaign-run/outputs.ts). */
export type ObservedCampaign = ObservedFacts;

/** A definition read from the server; fields neither the server nor `previous` had are absent. */
export type WireDefinition = Partial<Omit<CampaignDefinition, "dialingStrategy" | "schedule">> & {
  dialingStrategy?: Partial<Omit<CampaignDefinition["dialingStrategy"], "callerId" | "callingHours">> & {
    callerId?: Partial<CampaignDefinition["dialingStrategy"]["callerId"]>;
    callingHours?: Partial<CampaignDefinition["dialingStrategy"]["callingHours"]>;
  };
  schedule?: Partial<CampaignDefinition["schedule"]>;
};

export interface FromWireResult<D> {
  definition: D;
  observed: ObservedCampaign;
}

/**
 * Definition -> the documented request body. `create` sends `schedule: {isSchedulingEnabled: false}` as the
 * samples do (the schedule call follows); `update` sends whether the definition's schedule is enabled.
 */
export function toWireBody(def: CampaignDefinition, call: "create" | "update"): WireCampaignBody {
  const mode = def.dialingMode;
  const has = (field: "queueName" | "maxSkips" | "experienceFlowName") => MODE_FIELDS[mode]?.required.includes(field) ?? false;
  const strategy = def.dialingStrategy;
  const body: WireCampaignBody = {
    name: def.name,
    description: def.description,
    contactLists: [...def.contactLists],
    priority: def.priority,
    dialingMode: mode,
    dialingStrategy: {
      callerId: { phoneNumber: strategy.callerId.phoneNumber },
      callingHours: {
        frequency: strategy.callingHours.frequency,
        timezone: strategy.callingHours.timezone,
        days: strategy.callingHours.days.map((w) => ({ day: w.day, start: w.start, end: w.end })),
      },
      dialingOrder: strategy.dialingOrder,
      maxAttemptsPerRecord: strategy.maxAttemptsPerRecord,
      defaultRetryPeriod: strategy.defaultRetryPeriod,
      maxRingTime: strategy.maxRingTime,
    },
    schedule: { isSchedulingEnabled: call === "update" && def.schedule?.enabled === true },
  } as WireCampaignBody;
  if (has("queueName") && def.queueName !== undefined) body.queue_name = def.queueName;
  if (has("experienceFlowName") && def.experienceFlowName !== undefined) body.experienceFlowName = def.experienceFlowName;
  body.enableMachineDetect = def.enableMachineDetect ?? false;
  if (has("maxSkips") && def.maxSkips !== undefined) body.maxSkips = def.maxSkips;
  body.campaignType = "voice";
  return body;
}

/**
 * A campaign record from Kore -> { definition, observed }. Each definition field comes from the record when
 * it is there, else from `previous`; see the module comment for the readings of the docs. Never throws.
 */
export function fromWireCampaign(record: Record<string, unknown>, previous: CampaignDefinition): FromWireResult<CampaignDefinition>;
export function fromWireCampaign(record: Record<string, unknown>, previous?: WireDefinition): FromWireResult<WireDefinition>;
export function fromWireCampaign(record: Record<string, unknown>, previous?: WireDefinition): FromWireResult<WireDefinition> {
  const { campaign, envelopeId } = unwrap(record);
  const prev = previous ?? {};
  const prevStrategy = prev.dialingStrategy ?? {};

  const serverStrategy = asRecord(campaign.dialingStrategy);
  const serverCallerId = asRecord(serverStrategy?.callerId);
  const serverHours = asRecord(serverStrategy?.callingHours);

  const dialingMode = enumValue(DIALING_MODES, campaign.dialingMode) ?? prev.dialingMode;
  const modeAllows = (field: "queueName" | "maxSkips" | "experienceFlowName") =>
    dialingMode === undefined || !(dialingMode in MODE_FIELDS) || MODE_FIELDS[dialingMode].required.includes(field);
  const connection = text(campaign.connection);

  const definition = compact({
    name: text(campaign.name) ?? prev.name,
    description: text(campaign.description) ?? prev.description,
    contactLists: stringList(campaign.contactLists) ?? prev.contactLists,
    priority: priorityValue(campaign.priority) ?? prev.priority,
    dialingMode,
    dialingStrategy: compact({
      callerId: compact({ phoneNumber: rawString(serverCallerId?.phoneNumber) ?? prevStrategy.callerId?.phoneNumber }),
      callingHours: compact({
        frequency: enumValue(CALLING_FREQUENCIES, serverHours?.frequency) ?? prevStrategy.callingHours?.frequency,
        timezone: timezoneValue(serverHours?.timezone) ?? prevStrategy.callingHours?.timezone,
        days: windows(serverHours?.days) ?? prevStrategy.callingHours?.days,
      }),
      dialingOrder: enumValue(DIALING_ORDERS, serverStrategy?.dialingOrder) ?? prevStrategy.dialingOrder,
      maxAttemptsPerRecord: numberValue(serverStrategy?.maxAttemptsPerRecord) ?? prevStrategy.maxAttemptsPerRecord,
      defaultRetryPeriod: numberValue(serverStrategy?.defaultRetryPeriod) ?? prevStrategy.defaultRetryPeriod,
      maxRingTime: numberValue(serverStrategy?.maxRingTime) ?? prevStrategy.maxRingTime,
    }),
    schedule: prev.schedule, // never read back (module comment)
    queueName: modeAllows("queueName") ? (text(campaign.queue_name) ?? connection ?? prev.queueName) : undefined,
    maxSkips: modeAllows("maxSkips") ? (numberValue(campaign.maxSkips) ?? prev.maxSkips) : undefined,
    experienceFlowName: modeAllows("experienceFlowName") ? (text(campaign.experienceFlowName) ?? connection ?? prev.experienceFlowName) : undefined,
    enableMachineDetect: typeof campaign.enableMachineDetect === "boolean" ? campaign.enableMachineDetect : prev.enableMachineDetect,
  }) as WireDefinition;

  const observed = compact({
    id: rawString(campaign.id) ?? rawString(campaign._id) ?? rawString(campaign.campId) ?? envelopeId ?? "",
    status: rawString(campaign.status),
    lname: rawString(campaign.lname),
    campaignInstanceId: rawString(campaign.campaignInstanceId),
    experienceFlowId: rawString(campaign.experienceFlow),
    createdAt: rawString(campaign.createdAt),
    updatedAt: rawString(campaign.updatedAt),
  }) as ObservedCampaign;

  return { definition: definition ?? {}, observed };
}

// ---------------------------------------------------------------------------------------------------

/** An answer envelope ({status: "success", data: {...}}) -> its campaign; a record -> itself. */
function unwrap(record: unknown): { campaign: Record<string, unknown>; envelopeId?: string } {
  const outer = asRecord(record) ?? {};
  const data = asRecord(outer.data);
  const looksLikeEnvelope = data !== undefined && outer.name === undefined && outer.dialingMode === undefined && outer.dialingStrategy === undefined;
  return looksLikeEnvelope ? { campaign: data, envelopeId: rawString(outer.id) } : { campaign: outer };
}


function priorityValue(value: unknown): Priority | undefined {
  return normalizePriority(value) ?? (typeof value === "string" || typeof value === "number" ? (String(value) as Priority) : undefined);
}

/** A documented choice; an undocumented string is kept as sent (so it shows as a drift). */
function enumValue<T extends string>(choices: readonly T[], value: unknown): T | undefined {
  return normalizeChoice(choices, value) ?? (typeof value === "string" && value !== "" ? (value as T) : undefined);
}

function timezoneValue(value: unknown): string | undefined {
  return normalizeTimezone(value) ?? rawString(value);
}

/** A number, or a string of digits ("30"); anything else says nothing. */
function numberValue(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/**
 * The definition paths `definition` sets that the server's records do not show (each record read without a
 * `previous`, the get-by-id answer first, then the list record, whose `connection` carries the queue or flow
 * name): nothing confirms them, so they are written rather than assumed to match. `schedule` is never read
 * back (see above): its own call applies it.
 */
export function unobservedPaths(records: ReadonlyArray<Record<string, unknown> | undefined>, definition: CampaignDefinition): string[] {
  return unobservedPathsIn(records.map((r) => (r ? fromWireCampaign(r).definition : {})), definition);
}
