/**
 * An outbound campaign's exposure, for every channel (a voice campaign dials, an SMS campaign texts, in the
 * same calling hours and by the same schedule and lifecycle): WHEN it may reach people (absolute instants
 * over a horizon), WHOM (its contact lists) and its priority. Pure: no Pulumi, no network; time zones
 * through `Intl.DateTimeFormat` (real offsets, daylight saving included). A channel adds how hard it
 * reaches them (voice: resources/campaign/exposure.ts, mode, attempts, retry period, ring time).
 *
 * The review compares the exposure before and after a change (provider/review/flags.ts); the compliance
 * engine reuses `callingHoursOf` and `scheduleInstants`.
 *
 * Readings (docs/review.md's "The dialing model" says the same; "dial" below is "text" for SMS):
 * - Calling windows are minutes of the local day in `callingHours.timezone`. A window's wall-clock time
 *   that does not exist (the hour skipped when clocks go forward) dials nowhere; one that occurs twice
 *   (clocks go back) dials both times.
 * - frequency WEEKLY: the listed days, each with its own windows. DAILY and CUSTOM: the docs do not say;
 *   the widest reading for a gate: EVERY day of the week, each with the union of all listed windows.
 * - A schedule runs the campaign from `start` to `end` (UTC, schedule.ts's reading) on its occurrence days:
 *   every N days counted from the start's date, or every N weeks (weeks from Monday, counted from the
 *   start's week) on the listed days. The docs do not say whether a day is a UTC day or a day in the
 *   campaign's zone: widest reading, either.
 * - Running: see `runningAsItStands` (the campaign as state knows it) and `runningAfterUp` (after an `up`
 *   applies a new definition). Not running means no instant at all (not started, no schedule in effect,
 *   Completed, stopped outside git).
 * - A value the engine has not resolved (unknown, or secret) is the worst case it could be: `started`
 *   true, a schedule every day over the whole horizon, windows all day, any zone, priority 5.
 */
import { UNKNOWN } from "../properties";
import { isSigned } from "../secret-envelope";
import { ALL_WEEK, DAY_MS, MAX_EAST, MAX_WEST, MINUTE_MS, dayStart, instantsOfWallTimes, intersectIntervals, knownZone, normalizeIntervals, weekdayOf, windowInstants, type Interval, type WeekWindows } from "../instants";
import { DAY_CODES, type DayCode } from "./vocabulary";
import { normalizeDay, normalizePriority, timeToMinutes } from "./normalize";
import { scheduleTimeMs } from "./schedule";
import { asRecord } from "../../util/values";

/** How far ahead the review looks: 8 weeks from the preview's time. */
export const HORIZON_WEEKS = 8;

export interface Horizon {
  from: number;
  to: number;
}

export function horizonFrom(nowMs: number, weeks = HORIZON_WEEKS): Horizon {
  const from = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  return { from, to: from + weeks * 7 * DAY_MS };
}

// ---------------------------------------------------------------------------------------------------
// Unresolved values: what the engine writes for a value not known yet, or a secret
// ---------------------------------------------------------------------------------------------------

/** Whether a value is one the engine has not resolved for this preview (unknown, or secret). */
export function isUnresolved(value: unknown): boolean {
  if (value === UNKNOWN || value === "[secret]") return true;
  return isSigned(value);
}


export interface CallingHours {
  /** Effective windows per day, after the frequency's reading. */
  week: WeekWindows;
  /** undefined when not known (unresolved or not a zone Intl knows): judged as any zone. */
  timezone?: string;
  frequency?: string;
  /** Paths judged as their worst case. */
  unresolved: string[];
}


/** A definition's calling hours, read defensively: null, missing or unresolved parts are the widest. */
export function callingHoursOf(definition: unknown): CallingHours {
  const strategy = asRecord(asRecord(definition)?.dialingStrategy);
  const hours = asRecord(strategy?.callingHours);
  const unresolved: string[] = [];
  const base = "dialingStrategy.callingHours";
  if (isUnresolved(asRecord(definition)?.dialingStrategy) || isUnresolved(strategy?.callingHours)) return { week: ALL_WEEK, unresolved: [base] };
  if (!hours) return { week: DAY_CODES.map(() => []), unresolved };
  const zone = isUnresolved(hours.timezone) ? undefined : knownZone(hours.timezone);
  if (zone === undefined) unresolved.push(`${base}.timezone`);
  const frequency = typeof hours.frequency === "string" && !isUnresolved(hours.frequency) ? hours.frequency : undefined;
  if (isUnresolved(hours.frequency)) unresolved.push(`${base}.frequency`);
  if (isUnresolved(hours.days)) return { week: ALL_WEEK, ...(zone ? { timezone: zone } : {}), ...(frequency ? { frequency } : {}), unresolved: [...unresolved, `${base}.days`] };
  const week: Interval[][] = DAY_CODES.map(() => []);
  const days = Array.isArray(hours.days) ? hours.days : [];
  days.forEach((entry, i) => {
    const w = asRecord(entry);
    if (!w && !isUnresolved(entry)) return;
    const worst = isUnresolved(entry) || isUnresolved(w?.day) || isUnresolved(w?.start) || isUnresolved(w?.end);
    if (worst) unresolved.push(`${base}.days[${i}]`);
    const day = normalizeDay(w?.day);
    const start = isUnresolved(w?.start) ? 0 : timeToMinutes(w?.start);
    const end = isUnresolved(w?.end) ? 1440 : timeToMinutes(w?.end, true);
    if (start === undefined || end === undefined || start >= end) return; // not a window Kore would take
    const targets = day === undefined ? (isUnresolved(entry) || isUnresolved(w?.day) ? DAY_CODES.map((_, d) => d) : []) : [DAY_CODES.indexOf(day as DayCode)];
    for (const d of targets) week[d].push({ start, end });
  });
  // WEEKLY: the listed days. DAILY, CUSTOM, anything else or unknown: every day, the union of all windows.
  const effective = frequency === "WEEKLY" ? week : DAY_CODES.map(() => week.flat());
  return {
    week: effective.map((list) => normalizeIntervals(list)),
    ...(zone ? { timezone: zone } : {}),
    ...(frequency ? { frequency } : {}),
    unresolved,
  };
}

// ---------------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------------

/** Whether a definition's schedule is (or may be) enabled. */
export function scheduleMayBeEnabled(schedule: unknown): boolean {
  if (isUnresolved(schedule)) return true;
  const s = asRecord(schedule);
  if (!s) return false;
  if (isUnresolved(s.enabled)) return true;
  return s.enabled === true || (s.enabled === undefined && (s.isSchedulingEnabled === true || isUnresolved(s.isSchedulingEnabled)));
}

/**
 * The instants in [from, to) at which an enabled schedule runs the campaign: its span, on its occurrence
 * days (a UTC day or a day in `zone`, either; `zone` undefined: any zone). Unresolved parts are the widest.
 */
export function scheduleInstants(schedule: unknown, zone: string | undefined, from: number, to: number): Interval[] {
  if (isUnresolved(schedule)) return [{ start: from, end: to }];
  const s = asRecord(schedule) ?? {};
  const start = isUnresolved(s.start) ? from : scheduleTimeMs(s.start);
  const end = isUnresolved(s.end) ? to : scheduleTimeMs(s.end);
  if (start === undefined || end === undefined) return []; // Kore refuses a schedule without real dates
  const span = [{ start: Math.max(start, from), end: Math.min(end, to) }];
  const repeat = asRecord(s.repeat);
  if (isUnresolved(s.repeat) || !repeat || isUnresolved(repeat.every) || isUnresolved(repeat.unit)) return normalizeIntervals(span);
  const every = typeof repeat.every === "number" && Number.isInteger(repeat.every) && repeat.every >= 1 ? repeat.every : 1;
  const firstDate = dayStart(start);
  const allDays = isUnresolved(repeat.days) || !Array.isArray(repeat.days);
  const days = new Set(allDays ? DAY_CODES.map((_, i) => i) : (repeat.days as unknown[]).flatMap((d) => (isUnresolved(d) ? DAY_CODES.map((_, i) => i) : normalizeDay(d) ? [DAY_CODES.indexOf(normalizeDay(d)!)] : [])));
  const occurrences: Interval[] = [];
  const lastDate = dayStart(Math.min(end, to) + MAX_WEST) + DAY_MS;
  const skip = Math.max(0, Math.floor((dayStart(Math.max(start, from) - MAX_EAST) - firstDate) / DAY_MS) - 14);
  for (let date = firstDate + skip * DAY_MS; date <= lastDate; date += DAY_MS) {
    const sinceFirst = Math.round((date - firstDate) / DAY_MS);
    const weekIndex = Math.floor((sinceFirst + weekdayOf(firstDate)) / 7);
    const occurs = repeat.unit === "week" ? weekIndex % every === 0 && days.has(weekdayOf(date)) : sinceFirst % every === 0;
    if (occurs) occurrences.push({ start: date, end: date + DAY_MS });
  }
  const asUtcDays = occurrences;
  const asLocalDays = instantsOfWallTimes(normalizeIntervals(occurrences), zone, span[0].start, Math.max(span[0].start, span[0].end));
  return intersectIntervals(normalizeIntervals([...asUtcDays, ...asLocalDays]), span);
}

// ---------------------------------------------------------------------------------------------------
// Running: when a campaign runs at all, before and after an up
// ---------------------------------------------------------------------------------------------------

/** What state knows of a campaign (a preview step's inputs and outputs), read defensively. */
export interface CampaignFacts {
  /** The definition (normalized where it parses; may hold unresolved values). */
  definition: unknown;
  /** `started`: true, false, or unresolved. */
  started: unknown;
  /** The last known status (state's outputs). */
  status?: unknown;
  pendingChanges?: unknown;
  /** Recorded when the server showed the campaign stopped outside git (the provider leaves it stopped). */
  stoppedOutsideGit?: unknown;
  /** The opaque token whose change asks for a start of a campaign stopped outside git. */
  restartedAt?: unknown;
}

export type RunsHow = "always" | "schedule" | "never";

export interface Running {
  how: RunsHow;
  /** Why, in words ("started goes from false to true"). */
  why: string;
  /** True when it depends on a value judged as its worst case (the wording is then "may"). */
  may: boolean;
}

const pendingOf = (facts: CampaignFacts) => (Array.isArray(facts.pendingChanges) ? facts.pendingChanges.filter((p): p is string => typeof p === "string") : []);
const statusOf = (facts: CampaignFacts) => (typeof facts.status === "string" ? facts.status : undefined);
const scheduleOf = (facts: CampaignFacts) => asRecord(facts.definition)?.schedule;
const stoppedOutside = (facts: CampaignFacts) => facts.stoppedOutsideGit !== undefined && facts.stoppedOutsideGit !== null && facts.stoppedOutsideGit !== false;
/** Statuses under which an enabled schedule is in effect: Kore runs the campaign on its dates. */
const SCHEDULE_LIVE = new Set(["Scheduled", "Active"]);

/** How the campaign runs as state knows it, with no further up. */
export function runningAsItStands(facts: CampaignFacts): Running {
  const status = statusOf(facts);
  if (stoppedOutside(facts)) return { how: "never", why: "stopped outside git; stays stopped", may: false };
  if (status === "Completed") return { how: "never", why: "Completed", may: false };
  const scheduled = scheduleMayBeEnabled(scheduleOf(facts)) && !pendingOf(facts).includes("schedule");
  if (scheduled && (status === undefined || SCHEDULE_LIVE.has(status))) return { how: "schedule", why: "its schedule is in effect", may: false };
  if (status === "Active") return { how: "always", why: "Active", may: false };
  if (status === "Scheduled") return { how: "always", why: "Scheduled by a schedule this stack does not know", may: false };
  if (status === undefined && facts.started === true) return { how: "always", why: "started", may: false };
  return { how: "never", why: status ? `${status}, not dialing` : "not started", may: false };
}

export interface UpChange {
  operation: "create" | "update" | "replace" | "delete";
  /** State before the up (update, replace, delete). */
  old?: CampaignFacts;
  /** The definition the up applies (create, update, replace). */
  next?: CampaignFacts;
  /** Whether the change of the schedule is part of this up (any path under `schedule`). */
  scheduleChanged: boolean;
}

/** How the campaign runs once the up has applied `change` (lifecycle.ts's rules, from state's view). */
export function runningAfterUp(change: UpChange): Running {
  const { next, old } = change;
  if (change.operation === "delete" || !next) return { how: "never", why: "deleted", may: false };
  const startedMay = isUnresolved(next.started);
  const started = next.started === true || startedMay;
  const scheduleMay = isUnresolved(next.definition) || isUnresolved(scheduleOf(next)) || isUnresolved(asRecord(scheduleOf(next))?.enabled);
  const scheduled = scheduleMayBeEnabled(scheduleOf(next));
  const startedWhy = startedMay ? "started is not known in the preview (unknown or secret): judged as true" : "";
  if (change.operation === "create" || change.operation === "replace" || !old) {
    const fresh = change.operation === "replace" ? "the replacement (a new campaign)" : "a new campaign";
    if (scheduled) return { how: "schedule", why: `${fresh} with a schedule: Kore starts it on its dates`, may: scheduleMay };
    if (started) return { how: "always", why: startedMay ? `${fresh}; ${startedWhy}` : `${fresh} with started: true`, may: startedMay };
    return { how: "never", why: `${fresh}, not started`, may: false };
  }
  const pending = pendingOf(old);
  const status = statusOf(old);
  if (scheduled && (change.scheduleChanged || pending.includes("schedule"))) {
    const why = change.scheduleChanged ? (scheduleMayBeEnabled(scheduleOf(old)) ? "its schedule changes: Kore runs it on the new dates" : "its schedule is enabled: Kore starts it on its dates") : "a schedule pending from an earlier up is sent";
    return { how: "schedule", why, may: scheduleMay };
  }
  if (scheduled) {
    const before = runningAsItStands(old);
    return before.how === "never" ? before : { ...before, why: before.why, may: scheduleMay };
  }
  if (!started) return { how: "never", why: "started: false", may: false };
  if (stoppedOutside(old)) {
    const restart = old.started !== true || next.restartedAt !== old.restartedAt || isUnresolved(next.restartedAt);
    if (!restart) return { how: "never", why: "stopped outside git; stays stopped", may: false };
    const why = old.started !== true ? "started goes from false to true on a campaign stopped outside git" : "restartedAt changes: the campaign stopped outside git is started again";
    return { how: "always", why: startedMay ? `${why}; ${startedWhy}` : why, may: startedMay || isUnresolved(next.restartedAt) };
  }
  if (status === "Completed") return { how: "never", why: "Completed: never dialed again", may: false };
  const may = startedMay;
  if (old.started !== true) return { how: "always", why: startedMay ? startedWhy : "started goes from false to true", may };
  if (status === "Active" && !scheduleMayBeEnabled(scheduleOf(old))) return { how: "always", why: "Active", may };
  if (pending.includes("started")) return { how: "always", why: "a start pending from an earlier up (pendingChanges: started) is made", may };
  if (scheduleMayBeEnabled(scheduleOf(old))) return { how: "always", why: "taken back from its schedule with started: true: the provider starts it", may };
  if (status === undefined) return { how: "always", why: "started", may };
  return { how: "never", why: `${status}, and no start asked for`, may: false };
}

// ---------------------------------------------------------------------------------------------------
// Exposure
// ---------------------------------------------------------------------------------------------------

/** What every channel's effort holds: the priority ("1".."5", or "unresolved"). A channel adds its own. */
export interface OutboundEffort {
  priority?: string;
}

export interface Exposure<Effort extends OutboundEffort = OutboundEffort> {
  running: Running;
  /** When it runs (started, or inside its schedule), over the horizon. */
  runs: Interval[];
  /** When it may dial (or text): `runs` inside its calling windows. */
  dials: Interval[];
  hours: CallingHours;
  /** Whom: its contact lists ("unresolved" when not known). */
  contactLists: readonly string[] | "unresolved";
  /** How hard. */
  effort: Effort;
}

/** The exposure of a campaign of any channel that runs as `running`, with `facts`' definition, over `horizon`. */
export function exposureOf(facts: CampaignFacts | undefined, running: Running, horizon: Horizon): Exposure {
  const definition = asRecord(facts?.definition) ?? {};
  const hours = facts && isUnresolved(facts.definition) ? { week: ALL_WEEK, unresolved: ["definition"] } : callingHoursOf(definition);
  const whole = [{ start: horizon.from, end: horizon.to }];
  const runs = running.how === "always" ? whole : running.how === "schedule" ? scheduleInstants(definition.schedule, hours.timezone, horizon.from, horizon.to) : [];
  const dials = runs.length === 0 ? [] : intersectIntervals(runs, windowInstants(hours.week, hours.timezone, horizon.from, horizon.to));
  const lists = definition.contactLists;
  const contactLists = isUnresolved(lists) || (Array.isArray(lists) && lists.some(isUnresolved)) ? "unresolved" : Array.isArray(lists) ? lists.filter((l): l is string => typeof l === "string") : [];
  const priority = isUnresolved(definition.priority) ? "unresolved" : normalizePriority(definition.priority);
  return { running, runs, dials, hours, contactLists, effort: { ...(priority ? { priority } : {}) } };
}
