/**
 * The dialing flags against an oracle that is dumb on purpose: it walks the horizon in 15-minute UTC
 * steps and asks, for each step, whether the campaign may dial then (local time from Intl, the calling
 * windows, the schedule's days, whether it runs at all). `starts` or `hours-widened` must be raised
 * exactly when some step is dialable after and not before (a false alarm fails too), and each of the two
 * exactly on its share: `starts` where the campaign was not running before, `hours-widened` where it was.
 *
 * PROPERTY_RUNS sets the number of before/after pairs (default 2,000); fast-check prints the seed and the
 * shrunk counterexample on failure (rerun with PROPERTY_SEED=<seed>).
 */
import fc from "fast-check";
import { flagsOf, type ResourceChange } from "../../provider/review";
import { UNKNOWN } from "../../provider/shared/properties";

const MINUTE = 60_000;
const STEP = 15 * MINUTE;
const DAY = 86_400_000;
const HORIZON_DAYS = 15;
/** Horizon starts, each 15 days long, each containing daylight-saving changes (north and south). */
const BASES = [
  Date.UTC(2026, 9, 19), // Europe/London back Oct 25, America/* back Nov 1
  Date.UTC(2027, 2, 8), // America/* forward Mar 14 (Europe/London Mar 28 is outside)
  Date.UTC(2027, 2, 27), // Europe/London forward Mar 28, Australia/Sydney and Pacific/Auckland back Apr 4, America/Santiago back Apr 4
  Date.UTC(2026, 8, 24), // Pacific/Auckland forward Sep 27, Australia/Sydney forward Oct 4
];
const ZONES = ["Asia/Kolkata", "America/New_York", "America/Los_Angeles", "Europe/London", "Australia/Sydney", "Pacific/Auckland", "America/Santiago", "UTC"];
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const STATUSES = [undefined, "Preparing", "Ready", "Active", "Paused", "Stopped", "Scheduled", "Completed"];

// ------------------------------------------------------------------ the oracle (no code of the model)

const partsFormat = new Map<string, Intl.DateTimeFormat>();
const localCache = new Map<string, { weekday: number; minute: number; date: number }>();
/** The local weekday (0 = Monday), minute of the day and date (UTC ms of local midnight) at t in zone. */
function local(zone: string, t: number) {
  const key = `${zone}@${t}`;
  const hit = localCache.get(key);
  if (hit) return hit;
  let f = partsFormat.get(zone);
  if (!f) partsFormat.set(zone, (f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })));
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const value = {
    weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(p.weekday),
    minute: (Number(p.hour) % 24) * 60 + Number(p.minute),
    date: Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)),
  };
  localCache.set(key, value);
  return value;
}

interface Win {
  day: number;
  start: number;
  end: number;
}
interface Sched {
  start: number;
  end: number;
  unit: "day" | "week";
  every: number;
  days: number[];
}
interface Camp {
  zone: string;
  frequency: string;
  windows: Win[];
  schedule?: Sched;
  started: boolean | "unknown";
  status?: string;
  pending: string[];
  stoppedOutsideGit: boolean;
  restartedAt?: string;
}

function inWindows(c: Camp, t: number): boolean {
  const { weekday, minute } = local(c.zone, t);
  return c.windows.some((w) => (c.frequency !== "WEEKLY" || w.day === weekday) && w.start <= minute && minute < w.end);
}

function occurs(s: Sched, date: number): boolean {
  const first = Math.floor(s.start / DAY) * DAY;
  if (date < first) return false;
  const days = Math.round((date - first) / DAY);
  if (s.unit === "day") return days % s.every === 0;
  const mondayOfFirst = first - ((new Date(first).getUTCDay() + 6) % 7) * DAY;
  const week = Math.floor(Math.round((date - mondayOfFirst) / DAY) / 7);
  return week % s.every === 0 && s.days.includes((new Date(date).getUTCDay() + 6) % 7);
}

function inSchedule(c: Camp, t: number): boolean {
  const s = c.schedule!;
  return s.start <= t && t < s.end && (occurs(s, Math.floor(t / DAY) * DAY) || occurs(s, local(c.zone, t).date));
}

/** Before: what state says runs now. */
function runsBefore(c: Camp | undefined, t: number): boolean {
  if (!c || c.stoppedOutsideGit || c.status === "Completed") return false;
  if (c.schedule && !c.pending.includes("schedule") && [undefined, "Scheduled", "Active"].includes(c.status)) return inSchedule(c, t);
  return c.status === "Active" || c.status === "Scheduled" || (c.status === undefined && c.started === true);
}

/** After the up: lifecycle.ts's rules as a reader of its README states them. */
function runsAfter(op: string, old: Camp | undefined, next: Camp, scheduleChanged: boolean, t: number): boolean {
  const wantsStart = next.started !== false;
  if (op === "create" || !old) return next.schedule ? inSchedule(next, t) : wantsStart;
  if (next.schedule && (scheduleChanged || old.pending.includes("schedule"))) return inSchedule(next, t);
  if (next.schedule) return runsBefore({ ...old, schedule: next.schedule, zone: next.zone }, t);
  if (!wantsStart) return false;
  if (old.stoppedOutsideGit) return old.started !== true || next.restartedAt !== old.restartedAt;
  if (old.status === "Completed") return false;
  if (old.started !== true) return true;
  return (old.status === "Active" && !old.schedule) || old.pending.includes("started") || old.schedule !== undefined || old.status === undefined;
}

// ------------------------------------------------------------------ generators

const quarter = (min: number, max: number) => fc.integer({ min: min / 15, max: max / 15 }).map((q) => q * 15);
/** One day's windows: 1 or 2, ordered, not overlapping (a gap between, possibly none). */
const dayWindows = (day: number) =>
  fc.uniqueArray(quarter(0, 1440), { minLength: 2, maxLength: 4 }).map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const out: Win[] = [{ day, start: sorted[0], end: sorted[1] }];
    if (sorted.length === 4) out.push({ day, start: sorted[2], end: sorted[3] });
    return out;
  });
const windows = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }).chain((days) => fc.tuple(...days.map(dayWindows)).map((lists) => lists.flat()));
const scheduleGen = (base: number) =>
  fc.record({
    start: fc.integer({ min: -4 * 96, max: (HORIZON_DAYS + 2) * 96 }).map((q) => base + q * STEP),
    length: fc.integer({ min: 1, max: 20 * 96 }).map((q) => q * STEP),
    unit: fc.constantFrom("day" as const, "week" as const),
    every: fc.integer({ min: 1, max: 3 }),
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
  }).map((s): Sched => ({ start: s.start, end: s.start + s.length, unit: s.unit, every: s.every, days: s.days }));
const campaign = (base: number) =>
  fc.record({
    zone: fc.constantFrom(...ZONES),
    frequency: fc.constantFrom("WEEKLY", "WEEKLY", "DAILY", "CUSTOM"),
    windows,
    schedule: fc.option(scheduleGen(base), { nil: undefined, freq: 3 }),
    started: fc.constantFrom<boolean | "unknown">(true, false, false, "unknown"),
    status: fc.constantFrom(...STATUSES),
    pending: fc.constantFrom<string[]>([], [], [], ["started"], ["schedule"]),
    stoppedOutsideGit: fc.constantFrom(false, false, false, false, false, true),
    restartedAt: fc.constantFrom(undefined, "r1", "r2"),
  });
/** After: the old campaign with some of its parts replaced (so pairs are often close), or a new one. */
const pair = fc.integer({ min: 0, max: BASES.length - 1 }).chain((b) =>
  fc.tuple(
    fc.constant(BASES[b] + 0),
    fc.integer({ min: 0, max: 3 * 96 }).map((q) => BASES[b] + q * STEP),
    campaign(BASES[b]),
    campaign(BASES[b]),
    fc.record({ zone: fc.boolean(), frequency: fc.boolean(), windows: fc.boolean(), schedule: fc.boolean(), started: fc.boolean(), restartedAt: fc.boolean() }),
    fc.constantFrom("update", "update", "update", "create"),
  ),
);

// ------------------------------------------------------------------ the model's input: what a preview step holds

const clock = (m: number) => {
  const h = Math.floor(m / 60) % 24;
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m % 60).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
};
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

function definitionOf(c: Camp): Record<string, unknown> {
  const s = c.schedule;
  return {
    name: "Prop",
    contactLists: ["List"],
    priority: "3",
    dialingMode: "Progressive",
    dialingStrategy: {
      callingHours: { frequency: c.frequency, timezone: c.zone, days: c.windows.map((w) => ({ day: DAYS[w.day], start: clock(w.start), end: clock(w.end) })) },
      maxAttemptsPerRecord: 3,
      defaultRetryPeriod: 10,
      maxRingTime: 30,
    },
    schedule: s
      ? { enabled: true, start: stamp(s.start), end: stamp(s.end), repeat: s.unit === "day" ? { every: s.every, unit: "day" } : { every: s.every, unit: "week", days: s.days.map((d) => DAYS[d]) } }
      : { enabled: false },
  };
}

function sideOf(c: Camp, withState: boolean) {
  const started = c.started === "unknown" ? UNKNOWN : c.started;
  return {
    definition: definitionOf(c),
    started: started === true,
    ...(withState && c.status ? { status: c.status } : {}),
    facts: {
      definition: definitionOf(c),
      started,
      ...(withState ? { status: c.status, pendingChanges: c.pending, ...(c.stoppedOutsideGit ? { stoppedOutsideGit: { status: "Stopped", seenAt: "2026-10-01T00:00:00Z" } } : {}) } : {}),
      restartedAt: c.restartedAt,
    },
  };
}

const runs = Number(process.env.PROPERTY_RUNS ?? 2000);
const seed = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

test(`starts / hours-widened are raised exactly when some 15-minute step becomes dialable (${runs} pairs)`, () => {
  fc.assert(
    fc.property(pair, ([, from, oldRaw, nextRaw, keep, op]) => {
      const old: Camp = { ...oldRaw, started: oldRaw.started === "unknown" ? true : oldRaw.started }; // state holds resolved values
      const next: Camp = { ...nextRaw, status: undefined, pending: [], stoppedOutsideGit: false };
      for (const key of ["zone", "frequency", "windows", "schedule", "started", "restartedAt"] as const) if (keep[key]) (next as any)[key] = old[key];
      if (next.schedule && next.started === true) next.started = false; // check refuses started: true with a schedule
      const scheduleChanged = JSON.stringify(definitionOf(old).schedule) !== JSON.stringify(definitionOf(next).schedule);
      const change: ResourceChange = {
        kind: "campaign",
        resourceName: "prop",
        operation: op as "update" | "create",
        fields: scheduleChanged ? [{ path: "schedule", old: definitionOf(old).schedule, new: definitionOf(next).schedule }] : [],
        ...(op === "update" ? { old: sideOf(old, true) } : {}),
        next: sideOf(next, false),
      };
      const horizon = { from, to: from + HORIZON_DAYS * DAY };
      const raised = new Set(flagsOf([change], { horizon }).map((f) => f.id));

      const before = op === "update" ? old : undefined;
      let newlyRunning = false;
      let newlyInWindows = false;
      for (let t = from; t < horizon.to; t += STEP) {
        const wasRunning = runsBefore(before, t);
        const was = wasRunning && inWindows(old, t);
        const now = runsAfter(op, before, next, scheduleChanged, t) && inWindows(next, t);
        if (now && !was) {
          if (wasRunning) newlyInWindows = true;
          else newlyRunning = true;
        }
        if (newlyRunning && newlyInWindows) break;
      }
      expect({ starts: raised.has("starts"), widened: raised.has("hours-widened") }).toEqual({ starts: newlyRunning, widened: newlyInWindows });
    }),
    { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
  );
}, 120_000);
