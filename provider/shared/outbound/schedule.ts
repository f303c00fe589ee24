/**
 * A campaign's schedule (Kore's v2 schedule API): its shape, its date-times, and the questions the
 * lifecycle asks of it. Pure; the zod rules that use these live in schema.ts, the request body in wire.ts.
 *
 * Readings of the docs (enable-voice-or-sms-campaign-schedule-{daily,weekly}.md, disable-...md):
 * - Times are written `YYYY-MM-DD HH:mm:ss`, the docs' format; `HH:mm` and one-digit months and days
 *   (the weekly sample's `2026-01-1`) are accepted and normalized to the full form.
 * - The docs never say in which time zone the times are. Reading chosen: **UTC**. The samples' `18:29:00`
 *   is one minute before midnight in India (UTC+5:30) written in UTC, the pattern of a console that
 *   converts local times to UTC before sending. The provider sends the times exactly as written; UTC only
 *   decides what "already in the past" means here, and the emulator follows the same reading.
 * - "Must be greater than both current time and startDateTime" (endDateTime): end after start is a rule
 *   of the definition; an end already past is refused when the schedule is about to be sent (it can
 *   legitimately pass later, for a schedule that ran), and is a warning from `kore-campaigns validate`.
 * - Nothing documented reads a schedule back: what Kore holds is known from the last schedule call this
 *   provider made (kept in state) and from the campaign's status (Scheduled, Active, Completed).
 */
import type { DayCode } from "./vocabulary";

/** The repeat units and the API's recurType for each. */
export const SCHEDULE_UNITS = ["day", "week"] as const;
export type ScheduleUnit = (typeof SCHEDULE_UNITS)[number];

export type ScheduleRepeat = { every: number; unit: "day" } | { every: number; unit: "week"; days: string[] };

/** A normalized schedule: disabled, or enabled with its window and recurrence. */
export type Schedule = { enabled: false } | { enabled: true; start: string; end: string; repeat: ScheduleRepeat };

export const DISABLED_SCHEDULE: Schedule = Object.freeze({ enabled: false }) as Schedule;

/** `YYYY-MM-DD HH:mm[:ss]`, month and day with one or two digits. */
export const SCHEDULE_TIME_PATTERN = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A schedule time in the docs' form ("2027-01-04 09:00:00"), or undefined if it is not a real date and time. */
export function normalizeScheduleTime(value: unknown): string | undefined {
  const ms = scheduleTimeMs(value);
  return ms === undefined ? undefined : formatScheduleTime(ms);
}

/** Epoch milliseconds -> "YYYY-MM-DD HH:mm:ss" in UTC. */
export function formatScheduleTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Epoch milliseconds of a schedule time read as UTC; undefined for anything but a real date and time. */
export function scheduleTimeMs(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = SCHEDULE_TIME_PATTERN.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  // Date.UTC rolls 2027-02-30 over into March: a date that does not come back unchanged does not exist
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : undefined;
}

/** Whether a definition's schedule is enabled (any shape: normalized, the old `isSchedulingEnabled`, or absent). */
export function scheduleEnabled(schedule: unknown): boolean {
  if (typeof schedule !== "object" || schedule === null) return false;
  const s = schedule as { enabled?: unknown; isSchedulingEnabled?: unknown };
  return s.enabled === true || (s.enabled === undefined && s.isSchedulingEnabled === true);
}

/**
 * The refusal for sending a schedule whose end has passed at `nowMs`, or undefined when it may be sent
 * (a disabled schedule, or an end still ahead).
 */
export function endedScheduleProblem(schedule: Schedule | undefined, nowMs: number): string | undefined {
  if (!schedule || !schedule.enabled) return undefined;
  const end = scheduleTimeMs(schedule.end);
  if (end === undefined || end > nowMs) return undefined;
  return `is already in the past (${schedule.end} UTC; now ${formatScheduleTime(nowMs)} UTC): Kore refuses an end that is not after the current time; move the end, or disable the schedule`;
}

/**
 * The warning for sending a schedule whose start has passed at `nowMs` (its end still ahead), or undefined. Kore
 * runs a campaign from the schedule's start, so the schedule call at apply starts it at once, with `started: false`.
 */
export function startPassedScheduleRule(schedule: Schedule | undefined, nowMs: number): string | undefined {
  if (!schedule || !schedule.enabled) return undefined;
  const [start, end] = [scheduleTimeMs(schedule.start), scheduleTimeMs(schedule.end)];
  if (start === undefined || start > nowMs || (end !== undefined && end <= nowMs)) return undefined;
  return (
    `is already past (${schedule.start} UTC; now ${formatScheduleTime(nowMs)} UTC): Kore starts dialing as soon as the schedule is sent, ` +
    "at apply, although started is false; move the start ahead if it must not dial yet"
  );
}

/**
 * Statuses in which a campaign runs inside its schedule's window (the console pauses a run: it is still under way).
 * Kore refuses a new schedule then (the emulator answers 409, as Kore's console does not offer it), and the only way
 * through is a stop: the lifecycle refuses the edit instead, unless the change takes the schedule away.
 */
export const RUNNING_IN_WINDOW: readonly string[] = ["Active", "Paused"];

/** What to do about a schedule edit refused while the campaign runs inside its window. */
export const IN_WINDOW_REMEDY =
  "Apply the change after the window ends, or stop the campaign first: set schedule.enabled: false (that stops the run), apply, then enable the new schedule";

/** The hint for Kore's 409 to a new schedule for a campaign in `status`, if there is one. */
export function scheduleRefusedHint(status: string | undefined): string | undefined {
  if (status !== "Completed") return undefined;
  return (
    "the campaign is Completed: Kore does not schedule a finished campaign again. To dial on new dates, make a new campaign (a new name) " +
    "with this schedule, or set schedule.enabled: false here to record that it is over"
  );
}

// ---------------------------------------------------------------------------------------------------
// The v2 schedule call's body (the readings are in resources/campaign/wire.ts's module comment)

/** The body of the v2 schedule call that enables a schedule. */
export interface WireScheduleBody {
  startDateTime: string;
  endDateTime: string;
  recurrenceObject:
    | { recurType: "Daily"; dailyDetails: { onceEveryNdays: number } }
    | { recurType: "Weekly"; weeklyDetails: { onceEveryNweeks: number; whichDays: string[] } };
}

/** Day codes as the schedule API spells them (its samples: "Mon" .. "Sun"). */
export const SCHEDULE_WIRE_DAYS: Readonly<Record<DayCode, string>> = { MO: "Mon", TU: "Tue", WE: "Wed", TH: "Thu", FR: "Fri", SA: "Sat", SU: "Sun" };

/** An enabled schedule -> the enable call's body; undefined for a disabled one (the disable call sends `{}`). */
export function toWireSchedule(schedule: Schedule): WireScheduleBody | undefined {
  if (!schedule.enabled) return undefined;
  const { repeat } = schedule;
  return {
    startDateTime: schedule.start,
    endDateTime: schedule.end,
    recurrenceObject:
      repeat.unit === "day"
        ? { recurType: "Daily", dailyDetails: { onceEveryNdays: repeat.every } }
        : { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: repeat.every, whichDays: repeat.days.map((d) => SCHEDULE_WIRE_DAYS[d as DayCode] ?? d) } },
  };
}
