/**
 * The words of the rules and fields every outbound channel shares (name, description, contact lists,
 * priority, caller id, calling hours, schedule, started): `OUTBOUND_RULES` (what a failure says) and
 * `OUTBOUND_DESCRIPTIONS` (the docs' wording of each field). A channel's messages (resources/campaign/
 * messages.ts, resources/sms-campaign/messages.ts) spread these and add their own, so a limit is written once.
 */
import { CALLING_FREQUENCIES, DAY_CODES, OUTBOUND_LIMITS as LIMITS } from "./vocabulary";
import { SCHEDULE_UNITS } from "./schedule";

const list = (values: readonly string[]) => values.join(", ");

export const OUTBOUND_RULES = {
  restartedAt: `must be text of 1 to ${LIMITS.restartedAtMaxLength} characters (an opaque token, conventionally a date such as "2026-12-04")`,
  name: `must be text of 1 to ${LIMITS.nameMaxLength} characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)`,
  description: `must be text of 1 to ${LIMITS.descriptionMaxLength} characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)`,
  contactLists: `must be a list of 1 to ${LIMITS.contactLists.max} contact list names`,
  contactList: "must be a non-empty contact list name",
  priority: "must be one of 1, 2, 3, 4, 5 (5 is the highest priority)",
  callerId: "must be an object with phoneNumber",
  phoneNumber: 'must be a phone number in E.164 format: "+", the country code and the number, digits only, at most 15 digits (e.g. "+15101234567")',
  callingHours: "must be an object with frequency, timezone and days",
  frequency: `must be one of ${list(CALLING_FREQUENCIES)}`,
  timezone: 'must be an IANA time zone name such as "Asia/Kolkata", "America/New_York" or "UTC"',
  days: `must be a list of 1 to ${LIMITS.callingWindows.max} calling windows ({ day, start, end })`,
  window: "must be a calling window: an object with day, start and end",
  day: `must be one of ${list(DAY_CODES)}`,
  time: 'must be a time of day such as "9:00 AM", "6:30 pm", "9 am" or "18:00"',
  schedule: "must be an object: { enabled: false }, or { enabled: true, start, end, repeat }",
  scheduleTime: 'must be a date and time written "YYYY-MM-DD HH:mm:ss" (UTC), such as "2027-01-04 09:00:00"',
  repeat: "must be an object with every and unit (and days, for a weekly schedule)",
  every: "must be a whole number of 1 or more (every 1 day, every 2 weeks, ...)",
  unit: `must be one of ${list(SCHEDULE_UNITS)}`,
  scheduleDays: `must be a list of 1 to ${DAY_CODES.length} days (${list(DAY_CODES)})`,
  boolean: "must be true or false",
} as const;

export const OUTBOUND_DESCRIPTIONS = {
  name: `Name of the campaign. Used to identify it in the Kore.ai platform. The name must be a maximum of ${LIMITS.nameMaxLength} characters.`,
  description: `Description of the campaign's purpose. Helps teams understand the goal. The description must be a maximum of ${LIMITS.descriptionMaxLength} characters.`,
  priority: "Campaign priority. Higher values indicate higher execution priority. Priority must be one of the following: 1, 2, 3, 4, or 5.",
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
  schedule: "When Kore runs the campaign on its own: { enabled: false } (the default), or enabled with a start, an end and a daily or weekly recurrence (Kore's v2 schedule API).",
  scheduleEnabled: "true: Kore starts the campaign on the schedule's dates (started must then be false); false: no schedule.",
  scheduleStart: 'When the schedule begins, "YYYY-MM-DD HH:mm:ss" in UTC (the API\'s startDateTime).',
  scheduleEnd: 'When the schedule ends, "YYYY-MM-DD HH:mm:ss" in UTC (the API\'s endDateTime); after start, and not already past when it is sent.',
  repeat: "The recurrence: every N days (unit: day), or every N weeks on some days (unit: week).",
  every: "Run once every N days or weeks (1 = every day or week, 2 = every other one).",
  unit: "day (the API's Daily recurrence) or week (Weekly).",
  scheduleDays: "Days of the week a weekly schedule runs on: MO, TU, WE, TH, FR, SA, SU (any case); only with unit: week.",
  isSchedulingEnabled: "The form the create samples send; false means no schedule (same as enabled: false).",
  started: "Whether the campaign should be running: true starts it (trigger=play), false stops it (trigger=stop). With a schedule enabled it must be false: Kore starts the campaign on the schedule's dates.",
  adoptExisting: "If a campaign with this name already exists in the app, take it over (and update it) instead of failing.",
  restartedAt:
    'An opaque token, conventionally a date ("2026-12-04"). With started: true, a change of its value asks for one start: the reviewable way to resume a campaign stopped outside git (in the console), whose stop otherwise stands.',
} as const;

/**
 * A channel's rule for an unknown key: `hints` (the API's spellings of a known field, in the channel's words) when the
 * key is one of them, else the keys the object accepts.
 */
export function unknownFieldRuleWith(hints: Readonly<Record<string, string>>): (key: string, knownKeys: readonly string[] | undefined) => string {
  return (key, knownKeys) => {
    const hint = hints[key];
    const known = knownKeys ? `; known fields here: ${knownKeys.join(", ")}` : "";
    return `is not a known field${hint ? ` (${hint})` : known}`;
  };
}
