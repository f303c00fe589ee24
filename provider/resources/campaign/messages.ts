/**
 * The words of the campaign's rules: `RULES`, the human wording of each constraint (what a failure says),
 * and `DESCRIPTIONS`, the docs' wording of each field (the JSON Schema, the package schema and the docs show
 * them). Built from the vocabulary's values, so a limit is written once.
 */
import { CALLING_FREQUENCIES, DAY_CODES, DIALING_MODES, LIMITS } from "./vocabulary";
import { SCHEDULE_UNITS } from "./schedule";

const list = (values: readonly string[]) => values.join(", ");

export const RULES = {
  restartedAt: `must be text of 1 to ${LIMITS.restartedAtMaxLength} characters (an opaque token, conventionally a date such as "2026-12-04")`,
  root: "must be an object describing a voice campaign (name, description, contactLists, priority, dialingMode, dialingStrategy, ...)",
  name: `must be text of 1 to ${LIMITS.nameMaxLength} characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)`,
  description: `must be text of 1 to ${LIMITS.descriptionMaxLength} characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)`,
  contactLists: `must be a list of 1 to ${LIMITS.contactLists.max} contact list names`,
  contactList: "must be a non-empty contact list name",
  priority: "must be one of 1, 2, 3, 4, 5 (5 is the highest priority)",
  dialingMode: `must be one of ${list(DIALING_MODES)}`,
  dialingStrategy: "must be an object with callerId, callingHours, dialingOrder, maxAttemptsPerRecord, defaultRetryPeriod and maxRingTime",
  callerId: "must be an object with phoneNumber",
  phoneNumber: 'must be a phone number in E.164 format: "+", the country code and the number, digits only, at most 15 digits (e.g. "+15101234567")',
  callingHours: "must be an object with frequency, timezone and days",
  frequency: `must be one of ${list(CALLING_FREQUENCIES)}`,
  timezone: 'must be an IANA time zone name such as "Asia/Kolkata", "America/New_York" or "UTC"',
  days: `must be a list of 1 to ${LIMITS.callingWindows.max} calling windows ({ day, start, end })`,
  window: "must be a calling window: an object with day, start and end",
  day: `must be one of ${list(DAY_CODES)}`,
  time: 'must be a time of day such as "9:00 AM", "6:30 pm", "9 am" or "18:00"',
  dialingOrder: "must be FIFO (first in, first out) or LIFO (last in, first out)",
  maxAttemptsPerRecord: `must be an integer from ${LIMITS.maxAttemptsPerRecord.min} to ${LIMITS.maxAttemptsPerRecord.max} (call attempts per contact)`,
  defaultRetryPeriod: `must be an integer from ${LIMITS.defaultRetryPeriod.min} to ${LIMITS.defaultRetryPeriod.max} minutes`,
  maxRingTime: `must be an integer from ${LIMITS.maxRingTime.min} to ${LIMITS.maxRingTime.max} seconds`,
  schedule: "must be an object: { enabled: false }, or { enabled: true, start, end, repeat }",
  scheduleTime: 'must be a date and time written "YYYY-MM-DD HH:mm:ss" (UTC), such as "2027-01-04 09:00:00"',
  repeat: "must be an object with every and unit (and days, for a weekly schedule)",
  every: "must be a whole number of 1 or more (every 1 day, every 2 weeks, ...)",
  unit: `must be one of ${list(SCHEDULE_UNITS)}`,
  scheduleDays: `must be a list of 1 to ${DAY_CODES.length} days (${list(DAY_CODES)})`,
  boolean: "must be true or false",
  queueName: "must be a non-empty queue name",
  maxSkips: `must be a whole number of ${LIMITS.maxSkips.min} or more`,
  experienceFlowName: "must be a non-empty experience flow name",
} as const;

export const DESCRIPTIONS = {
  spec: "A Kore.ai outbound voice campaign (pulumi-kore-campaigns). Field names are the API's, in camelCase (queue_name is queueName).",
  name: `Name of the campaign. Used to identify it in the Kore.ai platform. The name must be a maximum of ${LIMITS.nameMaxLength} characters.`,
  description: `Description of the campaign's purpose. Helps teams understand the goal. The description must be a maximum of ${LIMITS.descriptionMaxLength} characters.`,
  contactLists: "List of contact list names to be dialed. Must exist in the system. At least one contact list name is required.",
  priority: "Campaign priority. Higher values indicate higher execution priority. Priority must be one of the following: 1, 2, 3, 4, or 5.",
  dialingMode: "Dialing mode defines how calls are handled. Valid values are: Agentless, Progressive, or Preview.",
  dialingStrategy: "Dialing strategy: caller ID, calling hours, dialing order, attempts, retry period and ring time.",
  callerId: "Caller ID shown to the recipient.",
  phoneNumber: "Caller ID number shown to the recipient. Must be a verified number (E.164, e.g. +15101234567).",
  callingHours: "The allowed calling hours.",
  frequency: "Frequency of calling hours must be one of: WEEKLY, DAILY, or CUSTOM.",
  timezone: 'Timezone in which calling hours are defined, e.g. "Asia/Kolkata".',
  days: "List of allowed calling time blocks. You can define multiple entries to cover different days and time slots; blocks on the same day must not overlap.",
  window: "One calling time block.",
  day: "Day of the week: MO, TU, WE, TH, FR, SA or SU (any case).",
  start: 'Start time of the calling window, e.g. "9:00 AM" (also "09:00 am", "9am", "09:00").',
  end: 'End time of the calling window, e.g. "6:00 PM" (also "6pm", "18:00"); must be after start. "12:00 AM" means midnight at the end of the day.',
  dialingOrder: "Order in which contacts are dialed: FIFO (First In First Out) or LIFO (Last In First Out).",
  maxAttemptsPerRecord: "Maximum number of call attempts per contact. Minimum is 1 and maximum is 100.",
  defaultRetryPeriod: "Time (in minutes) to wait between retries. Must be between 1 and 1440.",
  maxRingTime: "Max time (in seconds) the phone should ring before disconnecting. Must be between 5 and 120.",
  schedule: "When Kore runs the campaign on its own: { enabled: false } (the default), or enabled with a start, an end and a daily or weekly recurrence (Kore's v2 schedule API).",
  scheduleEnabled: "true: Kore starts the campaign on the schedule's dates (started must then be false); false: no schedule.",
  scheduleStart: 'When the schedule begins, "YYYY-MM-DD HH:mm:ss" in UTC (the API\'s startDateTime).',
  scheduleEnd: 'When the schedule ends, "YYYY-MM-DD HH:mm:ss" in UTC (the API\'s endDateTime); after start, and not already past when it is sent.',
  repeat: "The recurrence: every N days (unit: day), or every N weeks on some days (unit: week).",
  every: "Run once every N days or weeks (1 = every day or week, 2 = every other one).",
  unit: "day (the API's Daily recurrence) or week (Weekly).",
  scheduleDays: "Days of the week a weekly schedule runs on: MO, TU, WE, TH, FR, SA, SU (any case); only with unit: week.",
  isSchedulingEnabled: "The form the create samples send; false means no schedule (same as enabled: false).",
  queueName: "Name of the agent queue used to route calls when agents are needed (the API's queue_name). Required for Progressive and Preview dialing; not allowed for Agentless.",
  maxSkips: "Number of contact skips allowed for agents in preview mode before the record is flagged. Required for Preview dialing; not allowed otherwise.",
  experienceFlowName: "Name of the voice flow (bot or IVR) used to interact with the user. Required for Agentless dialing; not allowed otherwise.",
  enableMachineDetect: "Enables detection of answering machines/voicemail. Valid values are true or false.",
  started: "Whether the campaign should be running: true starts it (trigger=play), false stops it (trigger=stop). With a schedule enabled it must be false: Kore starts the campaign on the schedule's dates.",
  adoptExisting: "If a campaign with this name already exists in the app, take it over (and update it) instead of failing.",
  restartedAt:
    'An opaque token, conventionally a date ("2026-12-04"). With started: true, a change of its value asks for one start: the reviewable way to resume a campaign stopped outside git (in the console), whose stop otherwise stands.',
} as const;

/** Extra words for an unknown key that is the API's spelling of a known field. */
const WIRE_KEY_HINTS: Readonly<Record<string, string>> = {
  queue_name: "write queueName (the API's queue_name is added for you)",
  campaignType: 'leave it out (campaignType is always "voice" and is added for you)',
  startDateTime: "write start (the API's startDateTime is built for you)",
  endDateTime: "write end (the API's endDateTime is built for you)",
  recurrenceObject: "write repeat: { every, unit, days } (the API's recurrenceObject is built for you)",
  isRecurrenceEnabled: "leave it out (Kore reports it; it is not part of a definition)",
};

/** The rule for an unknown key: the hint when it is the API's spelling of a field, else the keys the object accepts. */
export function unknownFieldRule(key: string, knownKeys: readonly string[] | undefined): string {
  const hint = WIRE_KEY_HINTS[key];
  const known = knownKeys ? `; known fields here: ${knownKeys.join(", ")}` : "";
  return `is not a known field${hint ? ` (${hint})` : known}`;
}
