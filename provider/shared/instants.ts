/**
 * Instants of wall-clock times: intervals of epoch milliseconds, real time-zone offsets through
 * `Intl.DateTimeFormat` (daylight saving included), and `windowInstants`, the one function that turns
 * weekly calling windows into instants. Pure. Used by the dialing exposure (voice and SMS campaigns)
 * and the compliance rules, which judge the same instants in the called people's zones.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Epoch milliseconds, start included, end excluded. */
export interface Interval {
  start: number;
  end: number;
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
export const MAX_WEST = 13 * 60 * MINUTE_MS;
export const MAX_EAST = 15 * 60 * MINUTE_MS;

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

export const ALL_WEEK: WeekWindows = Object.freeze(Array.from({ length: 7 }, () => Object.freeze([{ start: 0, end: 1440 }])));

/** Monday = 0 ... Sunday = 6, of a UTC-midnight date (or a wall-clock date written as UTC). */
export const weekdayOf = (dateMs: number) => (new Date(dateMs).getUTCDay() + 6) % 7;
export const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

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
