/**
 * Kore's v2 campaign schedule, as the emulator plays it (enable-voice-or-sms-campaign-schedule-{daily,weekly}.md,
 * disable-voice-or-sms-campaign-schedule.md). Pure: the body's rules, and a campaign's status over time.
 *
 * Decisions where the docs are silent (emulator/README.md):
 * - Times are UTC ("YYYY-MM-DD HH:mm:ss"; one-digit months and days, as in the weekly sample's `2026-01-1`, pass).
 * - Enabling works on a Preparing, Ready, Stopped or Scheduled campaign (a new enable replaces the schedule);
 *   an Active, Paused or Completed one is refused with 409. The campaign becomes Scheduled, turns Active when
 *   the clock reaches the start (a new instance id), and Completed at the end. The recurrence is recorded,
 *   not simulated: the campaign counts as running for the whole window.
 * - Disabling is accepted whether or not a schedule is enabled (a repeat is harmless). A Scheduled campaign goes
 *   back to Ready; an Active one keeps running (disabling cancels what is to come, not the run under way).
 * - A stop (trigger=stop) ends the schedule too: nothing dials after a stop until someone acts again.
 * - The campaign's `schedule` flags in answers become `{isSchedulingEnabled: true, isRecurrenceEnabled: true}`
 *   while a schedule is enabled. A PUT's `schedule.isSchedulingEnabled` changes neither: only this call does.
 */
import { shown, type Validation } from "./validate";

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** What the server keeps of an enabled schedule. */
export interface StoredSchedule {
  startDateTime: string;
  endDateTime: string;
  startMs: number;
  endMs: number;
  recurrenceObject: { recurType: "Daily"; dailyDetails: { onceEveryNdays: number } } | { recurType: "Weekly"; weeklyDetails: { onceEveryNweeks: number; whichDays: string[] } };
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const TIME = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{2}):(\d{2}):(\d{2})$/;

/** "YYYY-MM-DD HH:mm:ss" as UTC epoch ms; undefined if it is not that, or not a real date. */
export function parseScheduleTime(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = TIME.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const real = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  return real ? ms : undefined;
}

function positiveInteger(v: unknown): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= 1;
}

/** The enable body; every failure names its field. `nowMs` is the emulator's clock. */
export function validateScheduleBody(input: unknown, nowMs: number): Validation<StoredSchedule> {
  if (!isObject(input)) return { ok: false, failures: [`request body must be a JSON object (got ${shown(input)})`] };
  const failures: string[] = [];
  const times: Record<string, number | undefined> = {};
  for (const key of ["startDateTime", "endDateTime"]) {
    const v = input[key];
    times[key] = parseScheduleTime(v);
    if (v === undefined || v === null) failures.push(`${key} is required`);
    else if (times[key] === undefined) failures.push(`${key} must be a date and time in YYYY-MM-DD HH:mm:ss format (got ${shown(v)})`);
  }
  const [start, end] = [times.startDateTime, times.endDateTime];
  if (start !== undefined && end !== undefined && end <= start) failures.push(`endDateTime must be greater than startDateTime (got ${shown(input.endDateTime)})`);
  if (end !== undefined && end <= nowMs) failures.push(`endDateTime must be greater than the current time (got ${shown(input.endDateTime)})`);
  const recurrence = input.recurrenceObject;
  let recurrenceObject: StoredSchedule["recurrenceObject"] | undefined;
  if (!isObject(recurrence)) failures.push(recurrence === undefined ? "recurrenceObject is required" : `recurrenceObject must be an object (got ${shown(recurrence)})`);
  else if (recurrence.recurType === "Daily") {
    const daily = recurrence.dailyDetails;
    if (!isObject(daily)) failures.push("recurrenceObject.dailyDetails is required when recurType is Daily");
    else if (!positiveInteger(daily.onceEveryNdays)) failures.push(`recurrenceObject.dailyDetails.onceEveryNdays must be an integer >= 1 (got ${shown(daily.onceEveryNdays)})`);
    else recurrenceObject = { recurType: "Daily", dailyDetails: { onceEveryNdays: daily.onceEveryNdays as number } };
  } else if (recurrence.recurType === "Weekly") {
    const weekly = recurrence.weeklyDetails;
    if (!isObject(weekly)) failures.push("recurrenceObject.weeklyDetails is required when recurType is Weekly");
    else {
      const before = failures.length;
      if (!positiveInteger(weekly.onceEveryNweeks)) failures.push(`recurrenceObject.weeklyDetails.onceEveryNweeks must be an integer >= 1 (got ${shown(weekly.onceEveryNweeks)})`);
      const days = weekly.whichDays;
      if (!Array.isArray(days) || days.length === 0) failures.push(`recurrenceObject.weeklyDetails.whichDays must be a non-empty array of ${WEEKDAYS.join(", ")} (got ${shown(days)})`);
      else {
        days.forEach((d, i) => {
          if (!(WEEKDAYS as readonly unknown[]).includes(d)) failures.push(`recurrenceObject.weeklyDetails.whichDays[${i}] must be one of ${WEEKDAYS.join(", ")} (got ${shown(d)})`);
          else if (days.indexOf(d) !== i) failures.push(`recurrenceObject.weeklyDetails.whichDays[${i}] repeats ${shown(d)}`);
        });
      }
      if (failures.length === before) recurrenceObject = { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: weekly.onceEveryNweeks as number, whichDays: [...(days as string[])] } };
    }
  } else failures.push(`recurrenceObject.recurType must be Daily or Weekly (got ${shown(recurrence.recurType)})`);
  if (failures.length > 0 || start === undefined || end === undefined || !recurrenceObject) return { ok: false, failures };
  return { ok: true, value: { startDateTime: input.startDateTime as string, endDateTime: input.endDateTime as string, startMs: start, endMs: end, recurrenceObject } };
}

/** The statuses an enable is refused from: something is running, or it is over. */
export const NOT_SCHEDULABLE = ["Active", "Paused", "Completed"] as const;

/**
 * The status a scheduled campaign has at `nowMs`, given its current one: Scheduled before the start, Active in
 * the window, Completed after the end. Statuses a schedule does not govern (Stopped, Ready...) are returned as is.
 */
export function scheduledStatus(status: string, schedule: Pick<StoredSchedule, "startMs" | "endMs">, nowMs: number): string {
  if (status !== "Scheduled" && status !== "Active") return status;
  if (nowMs >= schedule.endMs) return "Completed";
  if (nowMs >= schedule.startMs) return "Active";
  return status;
}
