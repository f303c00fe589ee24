/**
 * The cross-field rules every outbound channel shares: calling windows in order and not overlapping, each
 * contact list once, the schedule's own rules, and `started` beside an enabled schedule. Each check runs
 * twice with the same code: as a refinement of a channel's zod schema, and on the raw input
 * (`outboundCrossFieldIssues`), because zod skips refinements once a nested check aborts and every failure
 * must be reported at once. They read defensively and normalize what they read, so raw and parsed values
 * agree; a value unknown during preview (`isUnknown`) skips the rule it is part of.
 */
import type { z } from "zod";
import type { RawIssue } from "../schema-failures";
import { isRecord } from "../../util/values";
import { DAY_CODES, OUTBOUND_LIMITS as LIMITS, type DayCode } from "./vocabulary";
import { normalizeDay, normalizeTime, timeToMinutes } from "./normalize";
import { normalizeScheduleTime, scheduleEnabled, scheduleTimeMs } from "./schedule";

/** A refinement option: cross-field checks run even when other fields failed. */
export const ALWAYS = { when: () => true } as const;

/** Whether a value is Pulumi's marker for a value not known until apply (always false outside a preview). */
export type IsUnknown = (value: unknown) => boolean;


/** Each window's start before its end (runs on partially parsed values, so it is defensive). */
export function checkWindowOrder(window: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!isRecord(window) || isUnknown(window.start) || isUnknown(window.end)) return;
  const start = timeToMinutes(window.start);
  const end = timeToMinutes(window.end, true);
  if (start === undefined || end === undefined || start < end) return;
  ctx.addIssue({ code: "custom", path: ["end"], message: `must be later than start (${normalizeTime(window.start)})`, input: window.end, params: { code: "window_order" } });
}

/** No two windows on the same day overlap; reported at the later-listed window. O(n log n). */
export function checkOverlaps(days: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
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
export function checkDuplicateLists(lists: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!Array.isArray(lists) || lists.length > LIMITS.contactLists.max) return; // too many: that one problem is enough
  const firstIndex = new Map<string, number>();
  lists.forEach((name: unknown, index) => {
    if (typeof name !== "string" || isUnknown(name) || name.trim() === "") return;
    const first = firstIndex.get(name.trim());
    if (first === undefined) firstIndex.set(name.trim(), index);
    else ctx.addIssue({ code: "custom", path: [index], message: `duplicates contactLists[${first}]; list each contact list once`, input: name, params: { code: "duplicate" } });
  });
}

/**
 * The schedule's own rules: `enabled: true` needs start, end and repeat (end after start); a disabled one
 * takes none of them; `isSchedulingEnabled` (the old form) may only say false, and never contradict `enabled`.
 */
export function checkSchedule(schedule: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
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
export function checkRepeat(repeat: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
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
export function checkScheduleStarted(spec: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
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

/** Records a check's issues on a raw input, under `prefix`. */
export function issueCollector(issues: RawIssue[]): (prefix: PropertyKey[]) => z.RefinementCtx {
  return (prefix) => ({ addIssue: (issue: RawIssue) => issues.push({ ...issue, path: [...prefix, ...(issue.path ?? [])] }) }) as unknown as z.RefinementCtx;
}

/**
 * The shared cross-field rules applied to a raw (unparsed) input, as zod issues with full paths (a
 * channel's `crossFieldIssues` adds its own). The same check functions the schemas' refinements call.
 */
export function outboundCrossFieldIssues(input: unknown, isUnknown: IsUnknown): RawIssue[] {
  const issues: RawIssue[] = [];
  const at = issueCollector(issues);
  if (!isRecord(input) || isUnknown(input)) return issues;
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
