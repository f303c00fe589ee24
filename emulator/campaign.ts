/**
 * A campaign's life on the server (voice or SMS): built from a valid body, updated, started, stopped, deleted.
 * Pure functions over StoredCampaign; the caller supplies ids and the time.
 */
import { experienceFlowId } from "./ids";
import type { StoredCampaign, StoredSmsMessage, WireDialingStrategy } from "./types";
import type { CampaignBody, SmsCampaignBody } from "./validate";
import { NOT_SCHEDULABLE } from "./schedule";

export type Refusal = { ok: false; status: number; msg: string };
export type Transition = { ok: true; campaign: StoredCampaign } | Refusal;

/** Fields that only some dialing modes have. */
const MODE_FIELDS = ["queue_name", "maxSkips", "experienceFlowName", "experienceFlow"] as const;

/** Kore echoes the strategy with callingHours as {frequency, days[{start,end,day}], timezone}; unknown keys are dropped. */
function storedStrategy(s: CampaignBody["dialingStrategy"]): WireDialingStrategy {
  return {
    callerId: { phoneNumber: s.callerId.phoneNumber },
    callingHours: {
      frequency: s.callingHours.frequency,
      days: s.callingHours.days.map((d) => ({ start: d.start, end: d.end, day: d.day })),
      timezone: s.callingHours.timezone,
    },
    dialingOrder: s.dialingOrder,
    maxAttemptsPerRecord: s.maxAttemptsPerRecord,
    defaultRetryPeriod: s.defaultRetryPeriod,
    maxRingTime: s.maxRingTime,
  };
}

function modeFields(body: CampaignBody): Partial<StoredCampaign> {
  switch (body.dialingMode) {
    case "Agentless":
      return { experienceFlowName: body.experienceFlowName, experienceFlow: experienceFlowId(body.experienceFlowName as string) };
    case "Preview":
      return { queue_name: body.queue_name, maxSkips: body.maxSkips };
    case "Progressive":
      return { queue_name: body.queue_name };
  }
}

function definitionFields(body: CampaignBody) {
  return {
    name: body.name,
    lname: body.name.toLowerCase(),
    description: body.description,
    priority: body.priority,
    dialingMode: body.dialingMode,
    dialingStrategy: storedStrategy(body.dialingStrategy),
    contactLists: [...body.contactLists],
    enableMachineDetect: body.enableMachineDetect,
    campaignType: body.campaignType,
  };
}

/** A new campaign: status Preparing. The schedule is kept as sent (`{isSchedulingEnabled}`), as the list sample shows. */
export function buildCampaign(body: CampaignBody, id: string, now: string): StoredCampaign {
  return {
    id,
    ...definitionFields(body),
    ...modeFields(body),
    schedule: { isSchedulingEnabled: body.schedule?.isSchedulingEnabled ?? false },
    status: "Preparing",
    campaignInstanceUpdatedAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A PUT replaces the definition and keeps the runtime state (status, instance, createdAt).
 * `dropped` fields (the previous mode's or format's) go first. The schedule gains `isRecurrenceEnabled`, as the
 * update samples show; its flags follow the v2 schedule call only (schedule.ts), whatever the PUT's `schedule` says.
 */
function replaceDefinition(existing: StoredCampaign, dropped: readonly string[], definition: Partial<StoredCampaign>, now: string): StoredCampaign {
  const kept: StoredCampaign = { ...existing };
  for (const key of dropped) delete kept[key];
  return {
    ...kept,
    ...definition,
    schedule: {
      isSchedulingEnabled: existing.schedule?.isSchedulingEnabled ?? false,
      isRecurrenceEnabled: existing.schedule?.isRecurrenceEnabled ?? false,
    },
    updatedAt: now,
  };
}

export function applyUpdate(existing: StoredCampaign, body: CampaignBody, now: string): StoredCampaign {
  return replaceDefinition(existing, MODE_FIELDS, { ...definitionFields(body), ...modeFields(body) }, now);
}

// SMS campaigns (README "SMS campaigns").

/** Which pages' rules and answers apply: anything not marked "sms" is a voice campaign (as every record was before SMS). */
export const isSms = (c: Pick<StoredCampaign, "campaignType">): boolean => c.campaignType === "sms";

/** Fields that only one SMS format has. */
const FORMAT_FIELDS = ["message", "experienceFlowName", "experienceFlow"] as const;

/**
 * The message as stored: the keys sent, text untouched (not decoded, not re-encoded). An empty `templateId` is
 * dropped, as the without-template sample answers `{message}` for `{templateId: "", message}`.
 */
function storedMessage(m: NonNullable<SmsCampaignBody["message"]>): StoredSmsMessage {
  const out: StoredSmsMessage = {};
  if (typeof m.message === "string") out.message = m.message;
  if (typeof m.template_name === "string") out.template_name = m.template_name;
  if (typeof m.templateId === "string" && m.templateId !== "") out.templateId = m.templateId;
  return out;
}

/** The SMS pages send only callerId and callingHours; the answers list callingHours as {frequency, timezone, days}. */
function storedSmsStrategy(s: SmsCampaignBody["dialingStrategy"]): WireDialingStrategy {
  return {
    callerId: { phoneNumber: s.callerId.phoneNumber },
    callingHours: {
      frequency: s.callingHours.frequency,
      timezone: s.callingHours.timezone,
      days: s.callingHours.days.map((d) => ({ day: d.day, start: d.start, end: d.end })),
    },
  };
}

function smsDefinitionFields(body: SmsCampaignBody) {
  const content =
    body.format === "advanced"
      ? { experienceFlowName: body.experienceFlowName, experienceFlow: experienceFlowId(body.experienceFlowName as string) }
      : { message: storedMessage(body.message ?? {}) };
  return {
    name: body.name,
    lname: body.name.toLowerCase(),
    description: body.description,
    priority: body.priority,
    format: body.format,
    dialingStrategy: storedSmsStrategy(body.dialingStrategy),
    contactLists: [...body.contactLists],
    enableMachineDetect: false,
    campaignType: "sms",
    ...content,
  };
}

/** A new SMS campaign: Ready at once, as every SMS create sample answers (voice campaigns start Preparing). */
export function buildSmsCampaign(body: SmsCampaignBody, id: string, now: string): StoredCampaign {
  return {
    id,
    ...smsDefinitionFields(body),
    schedule: { isSchedulingEnabled: body.schedule?.isSchedulingEnabled ?? false },
    status: "Ready",
    campaignInstanceUpdatedAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/** An SMS PUT: like a voice one; the other format's fields are dropped. */
export function applySmsUpdate(existing: StoredCampaign, body: SmsCampaignBody, now: string): StoredCampaign {
  return replaceDefinition(existing, FORMAT_FIELDS, smsDefinitionFields(body), now);
}

/** The queue or flow name the list call reports as `connection`. */
export function connectionOf(c: StoredCampaign): string | undefined {
  return c.dialingMode === "Agentless" ? c.experienceFlowName : c.queue_name;
}

const conflict = (msg: string): Refusal => ({ ok: false, status: 409, msg });

/** trigger=play: Ready, Stopped or Paused (a resume) -> Active with a new instance id. */
export function play(c: StoredCampaign, now: string, instanceId: string): Transition {
  if (c.status === "Preparing") return conflict(`Campaign ${c.name} is not ready yet (status Preparing); try again shortly`);
  if (c.status === "Active") return conflict(`Campaign ${c.name} is already Active`);
  if (!["Ready", "Stopped", "Paused"].includes(c.status)) return conflict(`Campaign ${c.name} cannot be started from status ${c.status}`);
  return {
    ok: true,
    campaign: { ...c, status: "Active", campaignInstanceId: instanceId, campaignInstanceUpdatedAt: now, updatedAt: now },
  };
}

/** trigger=stop: Active, Paused or Scheduled -> Stopped, keeping the instance id (anything that may still dial can be stopped). */
export function stop(c: StoredCampaign, now: string): Transition {
  if (!["Active", "Paused", "Scheduled"].includes(c.status)) {
    return conflict(`Campaign ${c.name} is not Active, Paused or Scheduled (status ${c.status}); there is nothing to stop`);
  }
  return { ok: true, campaign: { ...c, status: "Stopped", campaignInstanceUpdatedAt: now, updatedAt: now } };
}

/** The flags a campaign's answers show while a v2 schedule is enabled, and after it is gone. */
export const SCHEDULE_FLAGS = {
  enabled: { isSchedulingEnabled: true, isRecurrenceEnabled: true },
  disabled: { isSchedulingEnabled: false, isRecurrenceEnabled: false },
} as const;

/** Enabling a schedule: Preparing, Ready, Stopped or Scheduled -> Scheduled (schedule.ts). */
export function schedule(c: StoredCampaign, now: string): Transition {
  if ((NOT_SCHEDULABLE as readonly string[]).includes(c.status)) {
    return conflict(`Campaign ${c.name} cannot be scheduled while it is ${c.status}${c.status === "Completed" ? "" : "; stop it first"}`);
  }
  return { ok: true, campaign: { ...c, status: "Scheduled", schedule: { ...SCHEDULE_FLAGS.enabled }, updatedAt: now } };
}

/** Disabling a schedule: a Scheduled campaign goes back to Ready; any other status stays. */
export function unschedule(c: StoredCampaign, now: string): StoredCampaign {
  return { ...c, status: c.status === "Scheduled" ? "Ready" : c.status, schedule: { ...SCHEDULE_FLAGS.disabled }, updatedAt: now };
}

/** DELETE: anything but an Active campaign. */
export function checkDeletable(c: StoredCampaign): { ok: true } | Refusal {
  if (c.status === "Active") return conflict(`Campaign ${c.name} is Active; stop it first`);
  return { ok: true };
}
