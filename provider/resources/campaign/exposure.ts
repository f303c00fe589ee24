/**
 * A campaign's dialing exposure: WHEN it may dial (absolute instants over a horizon), WHOM (its contact
 * lists) and HOW HARD (mode, attempts, retry period, ring time, priority). Pure: no Pulumi, no network;
 * time zones through `Intl.DateTimeFormat` (real offsets, daylight saving included).
 *
 * The review compares the exposure before and after a change (provider/review/flags.ts); a compliance
 * engine or an SMS campaign reuses `windowInstants` (calling windows -> instants) and `scheduleInstants`.
 *
 * Readings (the README's "Pull-request review" says the same):
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
import { UNKNOWN } from "../../shared/properties";
import { DAY_CODES, normalizeDay, normalizePriority, timeToMinutes, type DayCode } from "./schema";
import { scheduleTimeMs } from "./schedule";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** How far ahead the review looks: 8 weeks from the preview's time. */
export const HORIZON_WEEKS = 8;

/** Epoch milliseconds, start included, end excluded. */
export interface Interval {
  start: number;
  end: number;
}

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

/** Pulumi's key marking a secret value in JSON. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Whether a value is one the engine has not resolved for this preview (unknown, or secret). */
export function isUnresolved(value: unknown): boolean {
  if (value === UNKNOWN || value === "[secret]") return true;
  return typeof value === "object" && value !== null && SECRET_SIG in value;
}

// ---------------------------------------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------------------------------------

/** Sorted, without empty intervals, overlapping or touching ones merged. */
export function normalizeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const [x, y] = [normalizeIntervals(a), normalizeIntervals(b)];
  const out: Interval[] = [];
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    const start = Math.max(x[i].start, y[j].start);
    const end = Math.min(x[i].end, y[j].end);
    if (start < end) out.push({ start, end });
    if (x[i].end < y[j].end) i++;
    else j++;
  }
  return out;
}

export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cut = normalizeIntervals(b);
  const out: Interval[] = [];
  for (const i of normalizeIntervals(a)) {
    let start = i.start;
    for (const c of cut) {
      if (c.end <= start || c.start >= i.end) continue;
      if (c.start > start) out.push({ start, end: c.start });
      start = Math.max(start, c.end);
    }
    if (start < i.end) out.push({ start, end: i.end });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    if (formatters.size < 500) formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time in `zone` at instant `t`, written as if it were UTC (epoch ms of that wall time). */
export function wallClockMs(zone: string, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(t))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
}

/** The zone's offset from UTC at instant `t` (ms; +5:30 is 19,800,000). */
export function offsetMs(zone: string, t: number): number {
  const whole = t - (((t % 1000) + 1000) % 1000);
  return wallClockMs(zone, whole) - whole;
}

/** The zone name if Intl knows it, else undefined. */
export function knownZone(zone: unknown): string | undefined {
  if (typeof zone !== "string") return undefined;
  try {
    formatter(zone);
    return zone;
  } catch {
    return undefined;
  }
}

interface OffsetSegment extends Interval {
  offset: number;
}

/** [from, to) cut where the zone's offset changes (found to the minute; offsets are sampled every 3 hours). */
function offsetSegments(zone: string, from: number, to: number): OffsetSegment[] {
  const STEP = 3 * 60 * MINUTE_MS;
  const segments: OffsetSegment[] = [];
  let segmentStart = from;
  let offset = offsetMs(zone, from);
  for (let t = from; t < to; ) {
    const next = Math.min(t + STEP, to);
    if (offsetMs(zone, next) === offset) {
      t = next;
      continue;
    }
    let [lo, hi] = [t, next]; // offset(lo) === offset, offset(hi) !== offset
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.max(MINUTE_MS, Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS);
      if (mid >= hi) break;
      if (offsetMs(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    segments.push({ start: segmentStart, end: hi, offset });
    segmentStart = hi;
    offset = offsetMs(zone, hi);
    t = hi;
  }
  segments.push({ start: segmentStart, end: to, offset });
  return segments.filter((s) => s.end > s.start);
}

/** Largest offsets any zone has (UTC-12 to UTC+14), with a margin. */
const MAX_WEST = 13 * 60 * MINUTE_MS;
const MAX_EAST = 15 * 60 * MINUTE_MS;

/**
 * The instants in [from, to) whose wall-clock time in `zone` lies in one of `wall` (wall-clock times
 * written as UTC ms). `zone` undefined (not known): any zone, so the widest instants.
 */
export function instantsOfWallTimes(wall: readonly Interval[], zone: string | undefined, from: number, to: number): Interval[] {
  const span = [{ start: from, end: to }];
  if (zone === undefined) return intersectIntervals(wall.map((w) => ({ start: w.start - MAX_EAST, end: w.end + MAX_WEST })), span);
  const out: Interval[] = [];
  for (const segment of offsetSegments(zone, from, to))
    for (const w of wall) {
      const start = Math.max(segment.start, w.start - segment.offset);
      const end = Math.min(segment.end, w.end - segment.offset);
      if (start < end) out.push({ start, end });
    }
  return normalizeIntervals(out);
}

// ---------------------------------------------------------------------------------------------------
// Calling windows
// ---------------------------------------------------------------------------------------------------

/** Per day of the week (index 0 = MO ... 6 = SU): minutes of the local day, [start, end). */
export type WeekWindows = ReadonlyArray<readonly Interval[]>;

export const ALL_WEEK: WeekWindows = Object.freeze(DAY_CODES.map(() => Object.freeze([{ start: 0, end: 1440 }])));

/** Monday = 0 ... Sunday = 6, of a UTC-midnight date (or a wall-clock date written as UTC). */
const weekdayOf = (dateMs: number) => (new Date(dateMs).getUTCDay() + 6) % 7;
const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * The instants in [from, to) inside calling windows `week` in `zone` (undefined: any zone). The one
 * function that turns calling windows into instants (voice campaigns, SMS, compliance rules).
 */
export function windowInstants(week: WeekWindows, zone: string | undefined, from: number, to: number): Interval[] {
  const wall: Interval[] = [];
  for (let day = dayStart(from - MAX_WEST); day < to + MAX_EAST; day += DAY_MS)
    for (const w of week[weekdayOf(day)] ?? []) wall.push({ start: day + w.start * MINUTE_MS, end: day + w.end * MINUTE_MS });
  return instantsOfWallTimes(normalizeIntervals(wall), zone, from, to);
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

const asObject = (value: unknown): Record<string, unknown> | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

/** A definition's calling hours, read defensively: null, missing or unresolved parts are the widest. */
export function callingHoursOf(definition: unknown): CallingHours {
  const strategy = asObject(asObject(definition)?.dialingStrategy);
  const hours = asObject(strategy?.callingHours);
  const unresolved: string[] = [];
  const base = "dialingStrategy.callingHours";
  if (isUnresolved(asObject(definition)?.dialingStrategy) || isUnresolved(strategy?.callingHours)) return { week: ALL_WEEK, unresolved: [base] };
  if (!hours) return { week: DAY_CODES.map(() => []), unresolved };
  const zone = isUnresolved(hours.timezone) ? undefined : knownZone(hours.timezone);
  if (zone === undefined) unresolved.push(`${base}.timezone`);
  const frequency = typeof hours.frequency === "string" && !isUnresolved(hours.frequency) ? hours.frequency : undefined;
  if (isUnresolved(hours.frequency)) unresolved.push(`${base}.frequency`);
  if (isUnresolved(hours.days)) return { week: ALL_WEEK, ...(zone ? { timezone: zone } : {}), ...(frequency ? { frequency } : {}), unresolved: [...unresolved, `${base}.days`] };
  const week: Interval[][] = DAY_CODES.map(() => []);
  const days = Array.isArray(hours.days) ? hours.days : [];
  days.forEach((entry, i) => {
    const w = asObject(entry);
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
  const s = asObject(schedule);
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
  const s = asObject(schedule) ?? {};
  const start = isUnresolved(s.start) ? from : scheduleTimeMs(s.start);
  const end = isUnresolved(s.end) ? to : scheduleTimeMs(s.end);
  if (start === undefined || end === undefined) return []; // Kore refuses a schedule without real dates
  const span = [{ start: Math.max(start, from), end: Math.min(end, to) }];
  const repeat = asObject(s.repeat);
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
const scheduleOf = (facts: CampaignFacts) => asObject(facts.definition)?.schedule;
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
  const scheduleMay = isUnresolved(next.definition) || isUnresolved(scheduleOf(next)) || isUnresolved(asObject(scheduleOf(next))?.enabled);
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

export interface DialingEffort {
  mode?: unknown;
  maxAttemptsPerRecord?: unknown;
  defaultRetryPeriod?: unknown;
  maxRingTime?: unknown;
  /** "1".."5", or "unresolved". */
  priority?: string;
}

export interface Exposure {
  running: Running;
  /** When it runs (started, or inside its schedule), over the horizon. */
  runs: Interval[];
  /** When it may dial: `runs` inside its calling windows. */
  dials: Interval[];
  hours: CallingHours;
  /** Whom: its contact lists ("unresolved" when not known). */
  contactLists: readonly string[] | "unresolved";
  /** How hard. */
  effort: DialingEffort;
}

/** The exposure of a campaign that runs as `running`, with `facts`' definition, over `horizon`. */
export function exposureOf(facts: CampaignFacts | undefined, running: Running, horizon: Horizon): Exposure {
  const definition = asObject(facts?.definition) ?? {};
  const hours = facts && isUnresolved(facts.definition) ? { week: ALL_WEEK, unresolved: ["definition"] } : callingHoursOf(definition);
  const whole = [{ start: horizon.from, end: horizon.to }];
  const runs = running.how === "always" ? whole : running.how === "schedule" ? scheduleInstants(definition.schedule, hours.timezone, horizon.from, horizon.to) : [];
  const dials = runs.length === 0 ? [] : intersectIntervals(runs, windowInstants(hours.week, hours.timezone, horizon.from, horizon.to));
  const strategy = asObject(definition.dialingStrategy) ?? {};
  const lists = definition.contactLists;
  const contactLists = isUnresolved(lists) || (Array.isArray(lists) && lists.some(isUnresolved)) ? "unresolved" : Array.isArray(lists) ? lists.filter((l): l is string => typeof l === "string") : [];
  const priority = isUnresolved(definition.priority) ? "unresolved" : normalizePriority(definition.priority);
  return {
    running,
    runs,
    dials,
    hours,
    contactLists,
    effort: {
      mode: definition.dialingMode,
      maxAttemptsPerRecord: strategy.maxAttemptsPerRecord,
      defaultRetryPeriod: strategy.defaultRetryPeriod,
      maxRingTime: strategy.maxRingTime,
      ...(priority ? { priority } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------------

const WEEKDAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const pad = (n: number) => String(n).padStart(2, "0");
const dateText = (wall: number) => {
  const d = new Date(wall);
  return `${WEEKDAY[weekdayOf(dayStart(wall))]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const clockText = (wall: number) => {
  const d = new Date(wall);
  const h = d.getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())} ${h < 12 ? "AM" : "PM"}`;
};

/** "Mon 2026-12-07 6:00 PM Asia/Kolkata (Mon 2026-12-07 12:30 UTC)"; in UTC alone when the zone is not known. */
export function instantText(t: number, zone: string | undefined): string {
  const utc = `${dateText(t)} ${pad(new Date(t).getUTCHours())}:${pad(new Date(t).getUTCMinutes())} UTC`;
  if (zone === undefined) return utc;
  const wall = wallClockMs(zone, t);
  return `${dateText(wall)} ${clockText(wall)} ${zone} (${utc})`;
}
