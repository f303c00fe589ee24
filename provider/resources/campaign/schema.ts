/**
 * The campaign definition: every documented rule of Kore.ai's voice-campaign request body, the
 * cross-field rules, and the normalization of loose input. Each rule lives here and only here; the
 * wire mapping (wire.ts), the diff (diff.ts) and the JSON Schema (scripts/generate-schema.ts) reuse
 * these exports. (The emulator keeps its own copy on purpose.)
 *
 * Sources: the body-parameter tables of create-voice-campaign-{progressive,preview,agentless}.md and
 * update-voice-campaign.md (Koredotcom/docs, copied in /work/shared/kore-api/).
 *
 * Three layers:
 *   campaignDefinitionSchema  what is sent to Kore, in camelCase (toWireBody maps `queueName` to `queue_name`)
 *   campaignSpecSchema        definition + `started` + `adoptExisting`: what YAML files hold and what the
 *                             VoiceCampaign resource takes, minus `connection`
 *   validateCampaign()        never throws; reports every failure at once, each with path, rule and value;
 *                             tolerates values Pulumi does not know yet during preview
 *
 * Readings of the docs, and choices where the docs are silent:
 * - name: trimmed, then 1..48 characters ("maximum of 48", "required"). description: trimmed, then 1..256
 *   characters (the tables mark it required, so an empty description is refused).
 * - contactLists: at least one name (the progressive/preview tables say so), each trimmed and non-empty,
 *   no exact duplicates (after trimming; case is kept, since Kore may hold "A" and "a"); order is kept.
 * - priority: 1..5 as a number or the string "1".."5" (the wire type is a string); normalized to "5".
 * - dialingMode, frequency, dialingOrder: exactly the documented spellings (case-sensitive).
 *   Day codes accept any case ("mo") and are normalized to upper case ("MO").
 * - times: "9:00 AM" (the docs' form), and also "09:00 am", "9:00AM", "9 am", "9am", "9:30 p.m.", and 24-hour
 *   "18:00"/"09:30". A bare "9" is refused (AM or PM?). Normalized to Kore's "h:mm AM" ("9:00 AM", "12:30 PM").
 *   An `end` of "12:00 AM" (or "00:00") means midnight at the END of the day, so "6:00 PM"-"12:00 AM" is valid.
 * - calling windows: each start must be before its end; windows on the same day must not overlap
 *   (touching, 9-12 and 12-6, is fine). Normalized order: by day MO..SU, then start, then end, so the order
 *   a user or the server lists them in never shows up as a diff. The docs give no rule tying `frequency`
 *   (WEEKLY/DAILY/CUSTOM) to the days, so none is enforced.
 * - timezone: any name `Intl.DateTimeFormat` accepts (IANA names incl. links such as Asia/Kolkata, plus UTC,
 *   GMT, Etc/GMT+5); offsets such as "+05:30" are refused. The spelling is fixed to the canonical case
 *   ("asia/kolkata" -> "Asia/Kolkata") but a link is never swapped for its target (Node's ICU would turn
 *   Asia/Kolkata into Asia/Calcutta; the docs use Asia/Kolkata).
 * - callerId.phoneNumber: E.164 `^\+[1-9]\d{1,14}$`, exactly (no spaces or dashes). The docs' own samples
 *   (+1812345678, +181234567) are shorter than a real NANP number; the pattern accepts them.
 * - maxAttemptsPerRecord 1..100, defaultRetryPeriod 1..1440 (minutes), maxRingTime 5..120 (seconds):
 *   integers given as numbers (numeric strings are refused).
 * - schedule (schedule.ts has the readings of the v2 schedule pages): `{ enabled: false }` (the default), or
 *   `{ enabled: true, start, end, repeat: { every, unit: day } }` / `{ ..., repeat: { every, unit: week, days } }`.
 *   The old form `{ isSchedulingEnabled: false }` (what the create samples send) still means "no schedule";
 *   `isSchedulingEnabled: true` alone is refused: it says nothing about when. start and end are real
 *   date-times, end after start; `every` is a whole number of 1 or more; days are spelled as in
 *   callingHours (any case, normalized to upper case, sorted MO..SU, each once) and only belong to a weekly
 *   schedule. With a schedule enabled, `started: true` is refused: Kore starts the campaign on its dates.
 * - queueName (the wire's `queue_name`): required for Progressive and Preview, refused for Agentless.
 *   maxSkips: an integer >= 0 (no upper bound documented), required for Preview, refused otherwise.
 *   experienceFlowName: required for Agentless, refused otherwise. See MODE_FIELDS.
 * - enableMachineDetect: optional, default false (always sent: the wire marks it required).
 * - An explicit `null` is not "absent": it is a type error, like any other wrong type.
 * - Every object is strict: an unknown key is a failure with code "unknown_field", `unknownKey` and the
 *   object's `knownKeys`, so the YAML layer can suggest the closest one.
 */
import { formatPath, formatValue, parsePath, valueAt, type ValidationFailure } from "../../shared/validation";
export { formatPath, formatValue, parsePath, type ValidationFailure };
import { z } from "zod";
import { recipientsField, recipientsSchema } from "../../shared/recipients";
import { normalizeScheduleTime, SCHEDULE_TIME_PATTERN, SCHEDULE_UNITS, scheduleEnabled, scheduleTimeMs, type Schedule } from "./schedule";
import { isRecord, messageOf } from "../../util/values";

// ---------------------------------------------------------------------------------------------------
// Enumerations and limits (reuse these rather than repeating the values)
// ---------------------------------------------------------------------------------------------------

export const DIALING_MODES = ["Progressive", "Preview", "Agentless"] as const;
export type DialingMode = (typeof DIALING_MODES)[number];

/** Two-letter day codes, in the order normalized calling windows are sorted in. */
export const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type DayCode = (typeof DAY_CODES)[number];

export const CALLING_FREQUENCIES = ["WEEKLY", "DAILY", "CUSTOM"] as const;
export type CallingFrequency = (typeof CALLING_FREQUENCIES)[number];

export const DIALING_ORDERS = ["FIFO", "LIFO"] as const;
export type DialingOrder = (typeof DIALING_ORDERS)[number];

/** Priorities as the wire carries them (a string); 5 is the highest. */
export const PRIORITIES = ["1", "2", "3", "4", "5"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LIMITS = {
  nameMaxLength: 48,
  descriptionMaxLength: 256,
  maxAttemptsPerRecord: { min: 1, max: 100 },
  defaultRetryPeriod: { min: 1, max: 1440 },
  maxRingTime: { min: 5, max: 120 },
  maxSkips: { min: 0 },
  // Kore documents no upper bound; these keep a request far below any body limit and a file reviewable
  contactLists: { max: 100 },
  callingWindows: { max: 50 },
  restartedAtMaxLength: 64,
} as const;

/** E.164: "+", a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

/** The fields whose presence depends on the dialing mode. */
export type ModeField = "queueName" | "maxSkips" | "experienceFlowName";

/** Which mode-specific fields each dialing mode requires and refuses (the docs' per-mode body tables). */
export const MODE_FIELDS: { readonly [M in DialingMode]: { readonly required: readonly ModeField[]; readonly refused: readonly ModeField[] } } = {
  Progressive: { required: ["queueName"], refused: ["maxSkips", "experienceFlowName"] },
  Preview: { required: ["queueName", "maxSkips"], refused: ["experienceFlowName"] },
  Agentless: { required: ["experienceFlowName"], refused: ["queueName", "maxSkips"] },
};

/** The dialing modes a mode-specific field belongs to, e.g. queueName -> ["Progressive", "Preview"]. */
export function modesAllowing(field: ModeField): DialingMode[] {
  return DIALING_MODES.filter((mode) => MODE_FIELDS[mode].required.includes(field));
}

// ---------------------------------------------------------------------------------------------------
// Normalization functions: shared by the schema's transforms and by fromWireCampaign, so a value read
// back from Kore compares equal to what was sent. Each returns undefined for a value it cannot normalize.
// ---------------------------------------------------------------------------------------------------

const TIME_12H = /^\s*(0?[1-9]|1[0-2])(?::([0-5]\d))?\s*([AaPp])\.?\s*[Mm]\.?\s*$/;
const TIME_24H = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/;
/** Every accepted time spelling in one pattern (the union of the two above; the JSON Schema shows it). */
export const TIME_PATTERN =
  /^\s*(?:(?:0?[1-9]|1[0-2])(?::[0-5]\d)?\s*[AaPp]\.?\s*[Mm]\.?|(?:[01]?\d|2[0-3]):[0-5]\d)\s*$/;
const NORMALIZED_TIME = /^(1[0-2]|[1-9]):([0-5]\d) (AM|PM)$/;

/** "09:00 am", "9am", "18:00" -> "9:00 AM" / "6:00 PM"; undefined if not a time. */
export function normalizeTime(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m12 = TIME_12H.exec(value);
  if (m12) return `${Number(m12[1])}:${m12[2] ?? "00"} ${m12[3].toUpperCase() === "A" ? "AM" : "PM"}`;
  const m24 = TIME_24H.exec(value);
  return m24 ? minutesToTime(Number(m24[1]) * 60 + Number(m24[2])) : undefined;
}

/** Minutes after midnight -> "9:00 AM" / "6:00 PM" (1440, the end of a day, is "12:00 AM"). */
export function minutesToTime(minutes: number): string {
  const hours = Math.floor(minutes / 60) % 24;
  return `${hours % 12 === 0 ? 12 : hours % 12}:${String(minutes % 60).padStart(2, "0")} ${hours < 12 ? "AM" : "PM"}`;
}

/**
 * Minutes since midnight of a time (any accepted spelling). With `asEnd`, midnight ("12:00 AM") is the end
 * of the day (1440), so a window may run until midnight.
 */
export function timeToMinutes(value: unknown, asEnd = false): number | undefined {
  const normalized = normalizeTime(value);
  const m = normalized === undefined ? null : NORMALIZED_TIME.exec(normalized);
  if (!m) return undefined;
  const minutes = (Number(m[1]) % 12) * 60 + Number(m[2]) + (m[3] === "PM" ? 720 : 0);
  return asEnd && minutes === 0 ? 1440 : minutes;
}

const DAY_PATTERN = /^(?:[Mm][Oo]|[Tt][Uu]|[Ww][Ee]|[Tt][Hh]|[Ff][Rr]|[Ss][Aa]|[Ss][Uu])$/;

/** "mo" -> "MO"; undefined if not a day code. */
export function normalizeDay(value: unknown): DayCode | undefined {
  return typeof value === "string" && DAY_PATTERN.test(value) ? (value.toUpperCase() as DayCode) : undefined;
}

/** 5 or "5" -> "5"; undefined otherwise. */
export function normalizePriority(value: unknown): Priority | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5) return String(value) as Priority;
  if (typeof value === "string" && (PRIORITIES as readonly string[]).includes(value)) return value as Priority;
  return undefined;
}

/** The value if it is one of `choices` (exact spelling), else undefined. */
export function normalizeChoice<T extends string>(choices: readonly T[], value: unknown): T | undefined {
  return typeof value === "string" && (choices as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Trimmed text; undefined for a non-string. */
export function normalizeText(value: unknown): string | undefined {
  return typeof value === "string" ? value.trim() : undefined;
}

/**
 * Names Intl accepts but does not list in `Intl.supportedValuesOf("timeZone")` (it lists ICU's canonical IDs
 * only): UTC aliases, current IANA names whose ICU ID is an older spelling, and common backward links.
 * Used only to fix the case of what a user typed; any name Intl accepts is valid.
 */
const EXTRA_TIME_ZONE_NAMES = [
  "UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu",
  ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`),
  "Asia/Kolkata", "Asia/Kathmandu", "Asia/Ho_Chi_Minh", "Asia/Yangon", "Europe/Kyiv", "America/Nuuk",
  "Atlantic/Faroe", "Africa/Asmara", "Pacific/Chuuk", "Pacific/Pohnpei", "Pacific/Kanton",
  "America/Argentina/Buenos_Aires", "America/Argentina/Catamarca", "America/Argentina/Cordoba",
  "America/Argentina/Jujuy", "America/Argentina/Mendoza", "America/Indiana/Indianapolis",
  "America/Kentucky/Louisville", "America/Atikokan", "Europe/Uzhgorod", "Europe/Zaporozhye",
  "US/Eastern", "US/Central", "US/Mountain", "US/Pacific", "US/Alaska", "US/Hawaii", "US/Arizona",
  "US/East-Indiana", "US/Michigan", "Canada/Eastern", "Canada/Central", "Canada/Mountain", "Canada/Pacific",
  "Canada/Atlantic", "Canada/Newfoundland", "Australia/ACT", "Australia/NSW", "Brazil/East", "Mexico/General",
  // The rest of the IANA `backward` links and the old POSIX-style zones Intl accepts ("nz-chat" -> "NZ-CHAT", "cet" -> "CET")
  ...(
    "Africa/Timbuktu America/Argentina/ComodRivadavia America/Atka America/Ensenada America/Fort_Wayne " +
    "America/Knox_IN America/Montreal America/Nipigon America/Pangnirtung America/Porto_Acre " +
    "America/Rainy_River America/Rosario America/Santa_Isabel America/Shiprock America/Thunder_Bay " +
    "America/Virgin America/Yellowknife Antarctica/South_Pole Asia/Ashkhabad Asia/Choibalsan " +
    "Asia/Chongqing Asia/Chungking Asia/Dacca Asia/Harbin Asia/Istanbul Asia/Kashgar Asia/Macao " +
    "Asia/Tel_Aviv Asia/Thimbu Asia/Ujung_Pandang Asia/Ulan_Bator Atlantic/Jan_Mayen Australia/Canberra " +
    "Australia/Currie Australia/LHI Australia/North Australia/Queensland Australia/South " +
    "Australia/Tasmania Australia/Victoria Australia/West Australia/Yancowinna Brazil/Acre " +
    "Brazil/DeNoronha Brazil/West CET CST6CDT Canada/Saskatchewan Canada/Yukon Chile/Continental " +
    "Chile/EasterIsland Cuba EET EST EST5EDT Egypt Eire Etc/GMT+0 Etc/GMT-0 Etc/GMT0 Etc/Greenwich " +
    "Etc/UCT Europe/Belfast Europe/Nicosia Europe/Tiraspol GB GB-Eire GMT+0 GMT-0 GMT0 Greenwich HST " +
    "Hongkong Iceland Iran Israel Jamaica Japan Kwajalein Libya MET MST MST7MDT Mexico/BajaNorte " +
    "Mexico/BajaSur NZ NZ-CHAT Navajo PRC PST8PDT Pacific/Johnston Pacific/Samoa Pacific/Yap Poland " +
    "Portugal ROC ROK Singapore Turkey UCT US/Aleutian US/Indiana-Starke US/Samoa W-SU WET"
  ).split(" "),
];

/** Shape of a zone name (refuses offsets like "+05:30" before asking Intl). */
const TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
let zoneSpellings: Map<string, string> | undefined;
const zoneCache = new Map<string, string | null>();

function zoneSpelling(lowercase: string): string | undefined {
  if (!zoneSpellings) {
    let listed: string[] = [];
    try {
      listed = Intl.supportedValuesOf("timeZone");
    } catch {
      listed = []; // very old runtimes: case is then kept as typed
    }
    zoneSpellings = new Map([...listed, ...EXTRA_TIME_ZONE_NAMES].map((name) => [name.toLowerCase(), name]));
  }
  return zoneSpellings.get(lowercase);
}

/** A time zone name Intl accepts, in its canonical case; undefined if not a zone. */
export function normalizeTimezone(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 64 || !TIME_ZONE_SHAPE.test(value)) return undefined;
  const cached = zoneCache.get(value);
  if (cached !== undefined) return cached ?? undefined;
  let result: string | null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    result = zoneSpelling(value.toLowerCase()) ?? value;
  } catch {
    result = null;
  }
  if (zoneCache.size < 2000) zoneCache.set(value, result);
  return result ?? undefined;
}

/** A calling window as normalized: day code and "h:mm AM" times. */
export interface CallingWindow {
  day: DayCode;
  start: string;
  end: string;
}

/** Order of normalized calling windows: day MO..SU, then start, then end (unparseable values last). */
export function compareCallingWindows(a: { day: unknown; start: unknown; end: unknown }, b: { day: unknown; start: unknown; end: unknown }): number {
  const dayIndex = (d: unknown) => {
    const code = normalizeDay(d);
    return code === undefined ? DAY_CODES.length : DAY_CODES.indexOf(code);
  };
  const minutes = (t: unknown, asEnd: boolean) => timeToMinutes(t, asEnd) ?? Number.MAX_SAFE_INTEGER;
  return dayIndex(a.day) - dayIndex(b.day) || minutes(a.start, false) - minutes(b.start, false) || minutes(a.end, true) - minutes(b.end, true);
}

/** A sorted copy (stable): see compareCallingWindows. */
export function sortCallingWindows<T extends { day: unknown; start: unknown; end: unknown }>(windows: readonly T[]): T[] {
  return [...windows].sort(compareCallingWindows);
}

// ---------------------------------------------------------------------------------------------------
// Rules (the human wording of each constraint) and descriptions (the docs' wording, for the JSON Schema)
// ---------------------------------------------------------------------------------------------------

const list = (values: readonly string[]) => values.join(", ");

const RULES = {
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

const DESCRIPTIONS = {
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

// ---------------------------------------------------------------------------------------------------
// The zod schemas. Built by a factory so that validateCampaign can build a variant (cached) that lets
// Pulumi's "unknown during preview" marker through at every node; the exported schemas are the plain
// variant (no marker), which is also what the JSON Schema is generated from.
// ---------------------------------------------------------------------------------------------------

/** Message of the marker branch of an unknown-tolerant union (so failures can skip that branch). */
const UNKNOWN_BRANCH = "__kore_unknown_value__";
const ALWAYS = { when: () => true } as const; // cross-field checks run even when other fields failed

type IsUnknown = (value: unknown) => boolean;


/** Each window's start before its end (runs on partially parsed values, so it is defensive). */
function checkWindowOrder(window: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!isRecord(window) || isUnknown(window.start) || isUnknown(window.end)) return;
  const start = timeToMinutes(window.start);
  const end = timeToMinutes(window.end, true);
  if (start === undefined || end === undefined || start < end) return;
  ctx.addIssue({ code: "custom", path: ["end"], message: `must be later than start (${normalizeTime(window.start)})`, input: window.end, params: { code: "window_order" } });
}

/** No two windows on the same day overlap; reported at the later-listed window. O(n log n). */
function checkOverlaps(days: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!Array.isArray(days) || days.length > LIMITS.callingWindows.max) return; // too many: that one problem is enough
  const byDay = new Map<DayCode, Array<{ index: number; start: number; end: number; label: string }>>();
  days.forEach((window: unknown, index) => {
    if (!isRecord(window) || [window.day, window.start, window.end].some(isUnknown)) return;
    const day = normalizeDay(window.day);
    const start = timeToMinutes(window.start);
    const end = timeToMinutes(window.end, true);
    if (day === undefined || start === undefined || end === undefined || start >= end) return;
    const label = `${normalizeTime(window.start)}-${normalizeTime(window.end)}`;
    byDay.set(day, [...(byDay.get(day) ?? []), { index, start, end, label }]);
  });
  for (const [day, windows] of byDay) {
    windows.sort((a, b) => a.start - b.start || a.index - b.index);
    let reach: (typeof windows)[number] | undefined; // the window reaching furthest so far
    for (const current of windows) {
      if (reach && current.start < reach.end) {
        const [later, earlier] = current.index > reach.index ? [current, reach] : [reach, current];
        ctx.addIssue({
          code: "custom",
          path: [later.index],
          message: `overlaps days[${earlier.index}] on ${day} (${earlier.label})`,
          input: days[later.index],
          params: { code: "overlap", showValue: false },
        });
      }
      if (!reach || current.end > reach.end) reach = current;
    }
  }
}

/** Each contact list once. */
function checkDuplicateLists(lists: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!Array.isArray(lists) || lists.length > LIMITS.contactLists.max) return; // too many: that one problem is enough
  const firstIndex = new Map<string, number>();
  lists.forEach((name: unknown, index) => {
    if (typeof name !== "string" || isUnknown(name) || name.trim() === "") return;
    const first = firstIndex.get(name.trim());
    if (first === undefined) firstIndex.set(name.trim(), index);
    else ctx.addIssue({ code: "custom", path: [index], message: `duplicates contactLists[${first}]; list each contact list once`, input: name, params: { code: "duplicate" } });
  });
}

/** queueName / maxSkips / experienceFlowName required or refused by dialingMode (MODE_FIELDS). */
function checkModeFields(campaign: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!isRecord(campaign)) return;
  const mode = normalizeChoice(DIALING_MODES, campaign.dialingMode);
  if (mode === undefined) return; // missing, wrong or unknown: dialingMode's own failure (if any) says why
  for (const field of MODE_FIELDS[mode].required) {
    if (campaign[field] === undefined) {
      ctx.addIssue({ code: "custom", path: [field], message: `required when dialingMode is ${mode}`, input: undefined, params: { code: "required" } });
    }
  }
  for (const field of MODE_FIELDS[mode].refused) {
    const value = campaign[field];
    if (value === undefined || isUnknown(value)) continue;
    ctx.addIssue({ code: "custom", path: [field], message: `only allowed when dialingMode is ${modesAllowing(field).join(" or ")}`, input: value, params: { code: "not_allowed" } });
  }
}

/**
 * The schedule's own rules: `enabled: true` needs start, end and repeat (end after start); a disabled one
 * takes none of them; `isSchedulingEnabled` (the old form) may only say false, and never contradict `enabled`.
 */
function checkSchedule(schedule: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!isRecord(schedule) || isUnknown(schedule)) return;
  const { enabled, isSchedulingEnabled, start, end } = schedule;
  const issue = (field: string, message: string, code: string, input: unknown) => ctx.addIssue({ code: "custom", path: [field], message, input, params: { code } });
  if (isSchedulingEnabled === true && enabled === undefined) {
    issue("isSchedulingEnabled", "true is not a schedule on its own: write enabled: true with start, end and repeat", "not_allowed", true);
  }
  if (typeof enabled === "boolean" && typeof isSchedulingEnabled === "boolean" && enabled !== isSchedulingEnabled) {
    issue("isSchedulingEnabled", `contradicts enabled (${enabled}); leave isSchedulingEnabled out`, "conflict", isSchedulingEnabled);
  }
  if (isUnknown(enabled) || (enabled !== undefined && typeof enabled !== "boolean")) return; // enabled's own failure says why
  if (enabled === true) {
    for (const field of ["start", "end", "repeat"]) {
      if (schedule[field] === undefined) issue(field, "is required when enabled is true", "required", undefined);
    }
    const [from, to] = [scheduleTimeMs(start), scheduleTimeMs(end)];
    if (from !== undefined && to !== undefined && !isUnknown(start) && !isUnknown(end) && to <= from) {
      issue("end", `must be later than start (${normalizeScheduleTime(start)})`, "schedule_order", end);
    }
    return;
  }
  if (isSchedulingEnabled === true) return; // reported above; the other fields would only repeat it
  for (const field of ["start", "end", "repeat"]) {
    const value = schedule[field];
    if (value !== undefined && !isUnknown(value)) issue(field, "is only allowed when enabled is true", "not_allowed", value);
  }
}

/** A weekly repeat names its days (each once); a daily one names none. */
function checkRepeat(repeat: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!isRecord(repeat) || isUnknown(repeat) || isUnknown(repeat.unit)) return;
  const { unit, days } = repeat;
  if (unit === "week" && days === undefined) {
    ctx.addIssue({ code: "custom", path: ["days"], message: "is required when unit is week", input: undefined, params: { code: "required" } });
  }
  if (unit === "day" && days !== undefined && !isUnknown(days)) {
    ctx.addIssue({ code: "custom", path: ["days"], message: "is only allowed when unit is week (a daily schedule runs every N days)", input: days, params: { code: "not_allowed" } });
  }
  if (!Array.isArray(days) || days.length > DAY_CODES.length) return;
  const firstIndex = new Map<DayCode, number>();
  days.forEach((value: unknown, index) => {
    const day = isUnknown(value) ? undefined : normalizeDay(value);
    if (day === undefined) return;
    const first = firstIndex.get(day);
    if (first === undefined) firstIndex.set(day, index);
    else ctx.addIssue({ code: "custom", path: ["days", index], message: `duplicates days[${first}] (${day}); list each day once`, input: value, params: { code: "duplicate" } });
  });
}

/** With a schedule enabled Kore starts the campaign on its dates, so `started: true` would fight it. */
function checkScheduleStarted(spec: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!isRecord(spec) || !isRecord(spec.schedule) || isUnknown(spec.schedule.enabled) || spec.started !== true) return;
  if (!scheduleEnabled(spec.schedule)) return;
  ctx.addIssue({
    code: "custom",
    path: ["started"],
    message:
      "must be false (or left out) while schedule.enabled is true: Kore starts a scheduled campaign on its dates (status Scheduled, then Active); " +
      "to start it now instead, set schedule.enabled to false",
    input: true,
    params: { code: "schedule_conflict" },
  });
}

/** Normalized schedule (the parsed fields are normalized already); Pulumi's unknown marker stays where it is. */
function normalizedSchedule(s: Record<string, unknown>, isUnknown: IsUnknown): Schedule {
  if (Object.values(s).some(isUnknown)) return s as unknown as Schedule; // known at apply: normalized then
  const enabled = s.enabled ?? s.isSchedulingEnabled ?? false;
  if (enabled === false) return { enabled: false };
  const repeat = isRecord(s.repeat) && !isUnknown(s.repeat) && s.repeat.unit === "day" ? { every: s.repeat.every, unit: "day" } : s.repeat;
  return { enabled: true, start: s.start, end: s.end, repeat } as Schedule;
}

/**
 * The cross-field rules applied to a raw (unparsed) input, as zod issues with full paths. The same check
 * functions the schemas' refinements call; they normalize what they read, so raw and parsed values agree.
 */
function crossFieldIssues(input: unknown, isUnknown: IsUnknown): RawIssue[] {
  const issues: RawIssue[] = [];
  const at = (prefix: PropertyKey[]) =>
    ({ addIssue: (issue: RawIssue) => issues.push({ ...issue, path: [...prefix, ...(issue.path ?? [])] }) }) as unknown as z.RefinementCtx;
  if (!isRecord(input) || isUnknown(input)) return issues;
  checkModeFields(input, at([]), isUnknown);
  checkDuplicateLists(input.contactLists, at(["contactLists"]), isUnknown);
  checkScheduleStarted(input, at([]), isUnknown);
  if (isRecord(input.schedule)) {
    checkSchedule(input.schedule, at(["schedule"]), isUnknown);
    checkRepeat(input.schedule.repeat, at(["schedule", "repeat"]), isUnknown);
  }
  const strategy = input.dialingStrategy;
  const hours = isRecord(strategy) ? strategy.callingHours : undefined;
  const days = isRecord(hours) ? hours.days : undefined;
  if (Array.isArray(days)) {
    const prefix = ["dialingStrategy", "callingHours", "days"];
    checkOverlaps(days, at(prefix), isUnknown);
    days.forEach((window: unknown, index) => checkWindowOrder(window, at([...prefix, index]), isUnknown));
  }
  return issues;
}

function buildSchemas(unknownValue: unknown) {
  const tolerant = unknownValue !== undefined;
  const isUnknown: IsUnknown = (value) => tolerant && value === unknownValue;
  /** Lets the unknown marker through at this node (the type stays T: see validateCampaign's doc). */
  const u = <T extends z.ZodType>(schema: T): T =>
    tolerant ? (z.union([z.custom((v) => v === unknownValue, { message: UNKNOWN_BRANCH }), schema]) as unknown as T) : schema;

  // Lengths are counted in UTF-16 code units, as a JavaScript server (and the emulator) counts them: the
  // stricter reading of "48 characters" (an emoji counts 2), so nothing passes here that Kore could refuse.
  // `.max` (code points) stays for the JSON Schema's maxLength; the refinement is the binding rule.
  const text = (max: number | undefined, rule: string) => {
    const base = z.string({ error: rule }).trim().min(1, { error: rule });
    return max === undefined ? base : base.max(max, { error: rule }).refine((v) => v.length <= max, { error: rule });
  };
  const integer = (min: number, max: number | undefined, rule: string) => {
    const base = z.number({ error: rule }).int({ error: rule }).min(min, { error: rule });
    return max === undefined ? base : base.max(max, { error: rule });
  };
  const bool = () => z.boolean({ error: RULES.boolean });
  const time = (description: string) =>
    z
      .string({ error: RULES.time })
      .regex(TIME_PATTERN, { error: RULES.time })
      .transform((s) => normalizeTime(s) ?? s)
      .describe(description);

  const dayCode = () => z.string({ error: RULES.day }).regex(DAY_PATTERN, { error: RULES.day }).transform((s) => s.toUpperCase() as DayCode);
  const scheduleTime = (description: string) =>
    z
      .string({ error: RULES.scheduleTime })
      .regex(SCHEDULE_TIME_PATTERN, { error: RULES.scheduleTime })
      .refine((s) => !SCHEDULE_TIME_PATTERN.test(s) || scheduleTimeMs(s) !== undefined, { error: `${RULES.scheduleTime}; this date or time does not exist` })
      .transform((s) => normalizeScheduleTime(s) ?? s)
      .describe(description);

  const callingWindowShape = {
    day: u(dayCode().describe(DESCRIPTIONS.day)),
    start: u(time(DESCRIPTIONS.start)),
    end: u(time(DESCRIPTIONS.end)),
  };
  const callingWindow = z
    .strictObject(callingWindowShape, { error: RULES.window })
    .superRefine((w, ctx) => checkWindowOrder(w, ctx, isUnknown), ALWAYS)
    .describe(DESCRIPTIONS.window);

  const callingHoursShape = {
    frequency: u(z.enum(CALLING_FREQUENCIES, { error: RULES.frequency }).describe(DESCRIPTIONS.frequency)),
    timezone: u(
      z
        .string({ error: RULES.timezone })
        .regex(TIME_ZONE_SHAPE, { error: RULES.timezone })
        .transform((s, ctx) => {
          const zone = normalizeTimezone(s);
          if (zone === undefined) ctx.addIssue({ code: "custom", message: RULES.timezone, input: s, params: { code: "format" } });
          return zone ?? s;
        })
        .describe(DESCRIPTIONS.timezone),
    ),
    days: u(
      z
        .array(u(callingWindow), { error: RULES.days })
        .min(1, { error: RULES.days })
        .max(LIMITS.callingWindows.max, { error: RULES.days })
        .superRefine((days, ctx) => checkOverlaps(days, ctx, isUnknown), ALWAYS)
        .transform((days) => sortCallingWindows(days))
        .describe(DESCRIPTIONS.days),
    ),
  };
  const callerIdShape = {
    phoneNumber: u(z.string({ error: RULES.phoneNumber }).regex(E164_PATTERN, { error: RULES.phoneNumber }).describe(DESCRIPTIONS.phoneNumber)),
  };
  const dialingStrategyShape = {
    callerId: u(z.strictObject(callerIdShape, { error: RULES.callerId }).describe(DESCRIPTIONS.callerId)),
    callingHours: u(z.strictObject(callingHoursShape, { error: RULES.callingHours }).describe(DESCRIPTIONS.callingHours)),
    dialingOrder: u(z.enum(DIALING_ORDERS, { error: RULES.dialingOrder }).describe(DESCRIPTIONS.dialingOrder)),
    maxAttemptsPerRecord: u(integer(LIMITS.maxAttemptsPerRecord.min, LIMITS.maxAttemptsPerRecord.max, RULES.maxAttemptsPerRecord).describe(DESCRIPTIONS.maxAttemptsPerRecord)),
    defaultRetryPeriod: u(integer(LIMITS.defaultRetryPeriod.min, LIMITS.defaultRetryPeriod.max, RULES.defaultRetryPeriod).describe(DESCRIPTIONS.defaultRetryPeriod)),
    maxRingTime: u(integer(LIMITS.maxRingTime.min, LIMITS.maxRingTime.max, RULES.maxRingTime).describe(DESCRIPTIONS.maxRingTime)),
  };
  const repeatShape = {
    every: u(integer(1, undefined, RULES.every).describe(DESCRIPTIONS.every)),
    unit: u(z.enum(SCHEDULE_UNITS, { error: RULES.unit }).describe(DESCRIPTIONS.unit)),
    days: u(
      z
        .array(u(dayCode()), { error: RULES.scheduleDays })
        .min(1, { error: RULES.scheduleDays })
        .max(DAY_CODES.length, { error: RULES.scheduleDays })
        .transform((days) => [...days].sort((a, b) => DAY_CODES.indexOf(a) - DAY_CODES.indexOf(b)))
        .optional()
        .describe(DESCRIPTIONS.scheduleDays),
    ),
  };
  const scheduleShape = {
    enabled: u(bool().optional().describe(DESCRIPTIONS.scheduleEnabled)),
    start: u(scheduleTime(DESCRIPTIONS.scheduleStart).optional()),
    end: u(scheduleTime(DESCRIPTIONS.scheduleEnd).optional()),
    repeat: u(
      z
        .strictObject(repeatShape, { error: RULES.repeat })
        .superRefine((r, ctx) => checkRepeat(r, ctx, isUnknown), ALWAYS)
        .optional()
        .describe(DESCRIPTIONS.repeat),
    ),
    isSchedulingEnabled: u(bool().optional().describe(DESCRIPTIONS.isSchedulingEnabled)),
  };

  const definitionShape = {
    name: u(text(LIMITS.nameMaxLength, RULES.name).describe(DESCRIPTIONS.name)),
    description: u(text(LIMITS.descriptionMaxLength, RULES.description).describe(DESCRIPTIONS.description)),
    contactLists: u(
      z
        .array(u(text(undefined, RULES.contactList)), { error: RULES.contactLists })
        .min(1, { error: RULES.contactLists })
        .max(LIMITS.contactLists.max, { error: RULES.contactLists })
        .superRefine((lists, ctx) => checkDuplicateLists(lists, ctx, isUnknown), ALWAYS)
        .describe(DESCRIPTIONS.contactLists),
    ),
    priority: u(
      z
        .literal([1, 2, 3, 4, 5, "1", "2", "3", "4", "5"], { error: RULES.priority })
        .transform((p) => String(p) as Priority)
        .describe(DESCRIPTIONS.priority),
    ),
    dialingMode: u(z.enum(DIALING_MODES, { error: RULES.dialingMode }).describe(DESCRIPTIONS.dialingMode)),
    dialingStrategy: u(z.strictObject(dialingStrategyShape, { error: RULES.dialingStrategy }).describe(DESCRIPTIONS.dialingStrategy)),
    schedule: u(
      z
        .strictObject(scheduleShape, { error: RULES.schedule })
        .superRefine((sch, ctx) => checkSchedule(sch, ctx, isUnknown), ALWAYS)
        .transform((sch): Schedule => normalizedSchedule(sch, isUnknown))
        .default((): Schedule => ({ enabled: false }))
        .describe(DESCRIPTIONS.schedule),
    ),
    queueName: u(text(undefined, RULES.queueName).optional().describe(DESCRIPTIONS.queueName)),
    maxSkips: u(integer(LIMITS.maxSkips.min, undefined, RULES.maxSkips).optional().describe(DESCRIPTIONS.maxSkips)),
    experienceFlowName: u(text(undefined, RULES.experienceFlowName).optional().describe(DESCRIPTIONS.experienceFlowName)),
    enableMachineDetect: u(bool().default(false).describe(DESCRIPTIONS.enableMachineDetect)),
  };
  const specShape = {
    ...definitionShape,
    started: u(bool().default(false).describe(DESCRIPTIONS.started)),
    adoptExisting: u(bool().default(false).describe(DESCRIPTIONS.adoptExisting)),
    restartedAt: u(text(LIMITS.restartedAtMaxLength, RULES.restartedAt).optional().describe(DESCRIPTIONS.restartedAt)),
    recipients: u(recipientsField()), // local only (shared/recipients.ts): never in a body, never a PUT
  };

  const definition = z
    .strictObject(definitionShape, { error: RULES.root })
    .superRefine((c, ctx) => checkModeFields(c, ctx, isUnknown), ALWAYS)
    .describe(DESCRIPTIONS.spec);
  const spec = z
    .strictObject(specShape, { error: RULES.root })
    .superRefine((c, ctx) => checkModeFields(c, ctx, isUnknown), ALWAYS)
    .superRefine((c, ctx) => checkScheduleStarted(c, ctx, isUnknown), ALWAYS)
    .describe(DESCRIPTIONS.spec);

  const knownKeys: Readonly<Record<string, readonly string[]>> = {
    "": Object.keys(specShape),
    dialingStrategy: Object.keys(dialingStrategyShape),
    "dialingStrategy.callerId": Object.keys(callerIdShape),
    "dialingStrategy.callingHours": Object.keys(callingHoursShape),
    "dialingStrategy.callingHours.days[]": Object.keys(callingWindowShape),
    schedule: Object.keys(scheduleShape),
    "schedule.repeat": Object.keys(repeatShape),
    recipients: Object.keys(recipientsSchema.shape),
  };
  return { definition: u(definition), spec: u(spec), knownKeys, definitionKeys: Object.keys(definitionShape), fields: definitionShape, isUnknown };
}

const plain = buildSchemas(undefined);

/** Input (camelCase, loose) -> normalized campaign definition. Enforces every rule, including cross-field ones. */
export const campaignDefinitionSchema = plain.definition;
/** The definition plus `started` and `adoptExisting` (default false): what YAML files hold and the resource takes, minus `connection`. */
export const campaignSpecSchema = plain.spec;

export type CampaignDefinitionInput = z.input<typeof campaignDefinitionSchema>;
export type CampaignDefinition = z.output<typeof campaignDefinitionSchema>;
export type CampaignSpecInput = z.input<typeof campaignSpecSchema>;
export type CampaignSpec = z.output<typeof campaignSpecSchema>;

/** Each definition field's own schema (its rules and normalization, without the cross-field rules). */
export const DEFINITION_FIELD_SCHEMAS: Readonly<Record<string, z.ZodType>> = plain.fields;

/** The keys of a campaign definition (the spec adds `started` and `adoptExisting`). */
export const DEFINITION_KEYS: readonly (keyof CampaignDefinition)[] = plain.definitionKeys as (keyof CampaignDefinition)[];

/**
 * The keys each object of a campaign spec accepts, by object path ("" is the top level; array elements are
 * written "[]", as in "dialingStrategy.callingHours.days[]").
 */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = plain.knownKeys;

/** Known keys of the object at `objectPath` ("dialingStrategy.callingHours.days[2]" works too). */
export function knownKeysAt(objectPath: string): readonly string[] | undefined {
  return KNOWN_KEYS[objectPath.replace(/\[\d+\]/g, "[]")];
}

// ---------------------------------------------------------------------------------------------------
// validateCampaign
// ---------------------------------------------------------------------------------------------------

export interface ValidateOptions {
  /**
   * The marker Pulumi puts in place of values not known until apply (during preview:
   * "04da6b54-80e4-46f7-96ec-b56ff0331ba9"). Failures at or under such a value are dropped, cross-field
   * rules involving one are skipped, and the marker is kept in place in the returned value.
   */
  unknownValue?: unknown;
}

export type ValidationResult =
  | {
      ok: true;
      /**
       * The normalized spec. With `unknownValue`, any field (at any depth) may hold the marker instead of
       * its type: the type is loose on purpose; check `unknownPaths` before relying on a field.
       */
      value: CampaignSpec;
      /** Paths holding the unknown marker ("" when the whole input is unknown); empty when all is known. */
      unknownPaths: string[];
    }
  | { ok: false; failures: ValidationFailure[] };

const variantCache = new Map<unknown, ReturnType<typeof buildSchemas>>();

function schemasFor(unknownValue: unknown): ReturnType<typeof buildSchemas> {
  if (unknownValue === undefined) return plain;
  let found = variantCache.get(unknownValue);
  if (!found) {
    if (variantCache.size >= 4) variantCache.clear();
    found = buildSchemas(unknownValue);
    variantCache.set(unknownValue, found);
  }
  return found;
}

/**
 * Validates and normalizes a campaign spec. Never throws, whatever `input` is. Reports every failure at
 * once, each with its path, rule and offending value.
 */
export function validateCampaign(input: unknown, options: ValidateOptions = {}): ValidationResult {
  try {
    const unknownValue = options?.unknownValue;
    const schemas = schemasFor(unknownValue);
    const result = schemas.spec.safeParse(input);
    // The cross-field rules also run on the raw input: zod skips refinements once a nested check aborts
    // (e.g. a non-integer number), and every failure must be reported at once. Duplicates are merged.
    const issues = result.success ? [] : [...(result.error.issues as unknown as RawIssue[]), ...crossFieldIssues(input, schemas.isUnknown)];
    let failures = failuresFrom(issues, input, schemas.knownKeys);
    if (unknownValue !== undefined) failures = failures.filter((f) => !underUnknown(input, f, unknownValue));
    if (failures.length > 0) return { ok: false, failures };
    if (result.success) return { ok: true, value: result.data, unknownPaths: unknownPathsIn(result.data, unknownValue) };
    // Unreachable in practice (the unknown-tolerant schema lets markers through and its cross-field rules skip
    // them); should a dropped failure leave no parsed value, the input itself is the best answer there is.
    return { ok: true, value: input as CampaignSpec, unknownPaths: unknownPathsIn(input, unknownValue) };
  } catch (err) {
    return { ok: false, failures: [internalFailure(err)] };
  }
}

/**
 * Failures from a zod error of campaignDefinitionSchema / campaignSpecSchema (for callers that parse
 * with the schemas directly).
 */
export function failuresFromZodError(error: z.ZodError, input: unknown): ValidationFailure[] {
  try {
    return failuresFrom(error.issues as unknown as RawIssue[], input, KNOWN_KEYS);
  } catch (err) {
    return [internalFailure(err)];
  }
}

/** The shape of a zod issue as read here (finalized issues, including nested union branches). */
interface RawIssue {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  origin?: string;
  keys?: string[];
  errors?: RawIssue[][];
  params?: { code?: string; showValue?: boolean };
}

function failuresFrom(issues: readonly RawIssue[], input: unknown, knownKeys: Readonly<Record<string, readonly string[]>>): ValidationFailure[] {
  const out: ValidationFailure[] = [];
  collect(issues, [], input, knownKeys, out);
  const seen = new Set<string>();
  return out.filter((f) => {
    const key = `${f.path}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collect(issues: readonly RawIssue[], prefix: PropertyKey[], input: unknown, knownKeys: Readonly<Record<string, readonly string[]>>, out: ValidationFailure[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path ?? [])];
    const rule = issue.message ?? "is not valid";
    switch (issue.code) {
      case "invalid_union": {
        // An unknown-tolerant node: [marker branch, real branch]; the real branch says what is wrong.
        const real = (issue.errors ?? []).filter((branch) => !branch.some((i) => i.message === UNKNOWN_BRANCH));
        if (real.length === 1 && (issue.errors ?? []).length === 2) collect(real[0], path, input, knownKeys, out);
        else out.push(makeFailure(path, rule, valueAt(input, path), "type"));
        break;
      }
      case "unrecognized_keys": {
        const objectKeys = knownKeys[formatPath(path).replace(/\[\d+\]/g, "[]")];
        for (const key of issue.keys ?? []) {
          const hint = WIRE_KEY_HINTS[key];
          const known = objectKeys ? `; known fields here: ${objectKeys.join(", ")}` : "";
          const keyRule = `is not a known field${hint ? ` (${hint})` : known}`;
          out.push({ ...makeFailure([...path, key], keyRule, valueAt(input, [...path, key]), "unknown_field", false), unknownKey: key, ...(objectKeys ? { knownKeys: objectKeys } : {}) });
        }
        break;
      }
      case "custom":
        out.push(makeFailure(path, rule, valueAt(input, path), issue.params?.code ?? "invalid", issue.params?.showValue !== false));
        break;
      default: {
        const value = valueAt(input, path);
        if (value === undefined) out.push(makeFailure(path, `is required and ${rule}`, undefined, "required"));
        else out.push(makeFailure(path, rule, value, ISSUE_CODES[`${issue.code}:${issue.origin}`] ?? ISSUE_CODES[issue.code ?? ""] ?? issue.code ?? "invalid"));
      }
    }
  }
}

/** zod issue code (or code:origin) -> ValidationFailure.code. */
const ISSUE_CODES: Readonly<Record<string, string>> = {
  invalid_type: "type",
  "too_small:number": "range",
  "too_big:number": "range",
  "too_small:array": "size",
  "too_big:array": "size",
  too_small: "length",
  too_big: "length",
  invalid_format: "format",
  invalid_value: "enum",
};

function makeFailure(segments: readonly PropertyKey[], rule: string, value: unknown, code: string, showValue = true): ValidationFailure {
  const path = formatPath(segments);
  const got = showValue && value !== undefined ? ` (got ${formatValue(value)})` : "";
  return { path, rule, value, message: `${path || "campaign"}: ${rule}${got}`, code };
}

function internalFailure(err: unknown): ValidationFailure {
  let detail = "unexpected error";
  try {
    detail = messageOf(err);
  } catch {
    /* keep the default */
  }
  const rule = `could not be read (${detail.slice(0, 200)})`;
  return { path: "", rule, value: undefined, message: `campaign: ${rule}`, code: "internal" };
}


/** Whether a failure sits at or under a value that is the unknown marker. Unknown-key failures are kept: the key itself is known to be wrong. */
function underUnknown(input: unknown, failure: ValidationFailure, unknownValue: unknown): boolean {
  if (failure.code === "unknown_field") return false;
  const segments = parsePath(failure.path);
  for (let i = 0; i <= segments.length; i++) {
    if (valueAt(input, segments.slice(0, i)) === unknownValue) return true;
  }
  return false;
}

function unknownPathsIn(value: unknown, unknownValue: unknown, segments: PropertyKey[] = [], out: string[] = []): string[] {
  if (unknownValue === undefined || segments.length > 8) return out;
  // one path stack, pushed and popped (this runs on every check: no array per visited value)
  if (value === unknownValue) out.push(formatPath([...segments]));
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segments.push(i);
      unknownPathsIn(value[i], unknownValue, segments, out);
      segments.pop();
    }
  } else if (isRecord(value)) {
    for (const k in value) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
      segments.push(k);
      unknownPathsIn(value[k], unknownValue, segments, out);
      segments.pop();
    }
  }
  return out;
}
