/**
 * The compliance engine against an oracle that is dumb on purpose: it walks the first 8 days after `now`
 * one minute at a time and asks, for each minute, whether the campaign dials then (its local time from
 * Intl, its windows) and whether that minute breaks a rule in a recipient zone (the recipient's local time
 * from Intl; the legal hours and banned days written here by hand from the statutes, not read from the
 * engine's table). For each rule and zone the engine's first offending instant must be the oracle's first
 * offending minute, or lie beyond the 8 days when the oracle finds none (a false alarm fails too).
 *
 * PROPERTY_RUNS sets the number of campaigns (default 60); fast-check prints the seed and the shrunk
 * counterexample on failure (rerun with PROPERTY_SEED=<seed>).
 */
import fc from "fast-check";
import { checkCampaign } from "../../provider/compliance";

const MINUTE = 60_000;
const DAY = 86_400_000;
const WALK_DAYS = 8;
/** Starts of the walk, each a few days before a daylight-saving change. */
const BASES = [
  Date.UTC(2027, 2, 9, 17, 0), // America/* forward Sun 14 Mar 2027
  Date.UTC(2027, 10, 3, 5, 0), // America/* back Sun 7 Nov 2027
  Date.UTC(2027, 2, 24, 11, 0), // Europe/London forward Sun 28 Mar 2027
  Date.UTC(2026, 11, 5, 0, 0), // no change: plain winter
  Date.UTC(2027, 6, 1, 0, 0), // no change: summer (Mississippi's "Central Standard Time" is an hour off the clock)
];
const CAMPAIGN_ZONES = ["Asia/Kolkata", "America/New_York", "America/Los_Angeles", "America/Chicago", "Europe/London"];
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

// ------------------------------------------------------------------ the oracle (no code of the engine)

const formats = new Map<string, Intl.DateTimeFormat>();
const cache = new Map<string, { weekday: number; minute: number }>();
function local(zone: string, t: number) {
  const key = `${zone}@${t}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let f = formats.get(zone);
  if (!f) formats.set(zone, (f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", weekday: "short", hour: "2-digit", minute: "2-digit" })));
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const value = { weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(p.weekday), minute: (Number(p.hour) % 24) * 60 + Number(p.minute) };
  if (cache.size < 2_000_000) cache.set(key, value);
  return value;
}
/** Central Standard Time, never daylight time: UTC-6. */
const standardCentral = (t: number) => {
  const d = new Date(t - 6 * 3_600_000);
  return { weekday: (d.getUTCDay() + 6) % 7, minute: d.getUTCHours() * 60 + d.getUTCMinutes() };
};

/** The legal-hours rules by hand: [earliest, latest) minutes of the recipient's day (US-CA and US-NY: the federal rule only). */
const BY_HAND: Record<string, Array<{ id: string; zones: string[]; check: (zone: string, t: number) => boolean }>> = {
  "US-NY": [],
  "US-CA": [],
  "US-FL": [{ id: "us-fl-hours", zones: ["America/New_York", "America/Chicago"], check: (z, t) => between(local(z, t).minute, 8 * 60, 20 * 60) }],
  "US-MS": [
    { id: "us-ms-hours", zones: ["America/Chicago"], check: (z, t) => between(local(z, t).minute, 8 * 60, 20 * 60) && between(standardCentral(t).minute, 8 * 60, 20 * 60) },
    { id: "us-ms-days", zones: ["America/Chicago"], check: (z, t) => local(z, t).weekday !== 6 },
  ],
  IN: [{ id: "in-trai-hours", zones: ["Asia/Kolkata"], check: (z, t) => between(local(z, t).minute, 9 * 60, 21 * 60) }],
};
const ZONES_OF: Record<string, string[]> = { "US-NY": ["America/New_York"], "US-CA": ["America/Los_Angeles"], "US-FL": ["America/New_York", "America/Chicago"], "US-MS": ["America/Chicago"], IN: ["Asia/Kolkata"] };
const between = (m: number, lo: number, hi: number) => m >= lo && m < hi;

interface Win {
  day: number;
  start: number;
  end: number;
}

function expected(zone: string, frequency: string, windows: Win[], regions: string[], now: number): Map<string, number> {
  const rules: Array<{ key: string; check: (t: number) => boolean }> = [];
  const usZones = new Set(regions.filter((r) => r.startsWith("US-")).flatMap((r) => ZONES_OF[r]));
  for (const z of usZones) rules.push({ key: `us-federal-hours|${z}`, check: (t) => between(local(z, t).minute, 8 * 60, 21 * 60) });
  for (const r of regions) for (const rule of BY_HAND[r]) for (const z of rule.zones) rules.push({ key: `${rule.id}|${z}`, check: (t) => rule.check(z, t) });
  const first = new Map<string, number>();
  for (let t = now; t < now + WALK_DAYS * DAY; t += MINUTE) {
    const { weekday, minute } = local(zone, t);
    if (!windows.some((w) => (frequency !== "WEEKLY" || w.day === weekday) && w.start <= minute && minute < w.end)) continue;
    for (const rule of rules) if (!first.has(rule.key) && !rule.check(t)) first.set(rule.key, t);
  }
  return first;
}

// ------------------------------------------------------------------ generators

const clock = (m: number) => {
  const h = Math.floor(m / 60) % 24;
  return `${String(h % 12 === 0 ? 12 : h % 12).padStart(2, "0")}:${String(m % 60).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
};
const windowArb = fc.record({ day: fc.integer({ min: 0, max: 6 }), start: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 900 }) }).map(({ day, start, length }) => ({ day, start, end: Math.min(1440, start + length) }));
const caseArb = fc.record({
  base: fc.constantFrom(...BASES),
  offsetMinutes: fc.integer({ min: 0, max: 2 * 1440 }),
  zone: fc.constantFrom(...CAMPAIGN_ZONES),
  frequency: fc.constantFrom("WEEKLY", "WEEKLY", "DAILY"),
  windows: fc.array(windowArb, { minLength: 1, maxLength: 4 }),
  regions: fc.uniqueArray(fc.constantFrom("US-NY", "US-CA", "US-FL", "US-MS", "US-MS", "IN"), { minLength: 1, maxLength: 3 }),
});

const runs = Number(process.env.PROPERTY_RUNS ?? 60);
const seed = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

test(`the first offending instant per rule and zone is the oracle's first offending minute (${runs} campaigns)`, () => {
  fc.assert(
    fc.property(caseArb, ({ base, offsetMinutes, zone, frequency, windows, regions }) => {
      const now = base + offsetMinutes * MINUTE;
      const definition = {
        name: "P",
        dialingMode: "Agentless",
        dialingStrategy: {
          callingHours: { frequency, timezone: zone, days: windows.map((w) => ({ day: DAYS[w.day], start: clock(w.start), end: clock(w.end) })) },
          maxAttemptsPerRecord: 1,
          defaultRetryPeriod: 10,
          maxRingTime: 30,
        },
        schedule: { enabled: false },
      };
      const findings = checkCampaign({ campaign: "P", definition, recipients: { regions } }, { policies: ["us", "in"], now });
      expect(findings.filter((f) => f.severity !== "error")).toEqual([]);
      const walkEnd = now + WALK_DAYS * DAY;
      const engine = new Map(findings.filter((f) => f.at! < walkEnd).map((f) => [`${f.ruleId}|${f.zone}`, f.at!]));
      expect(Object.fromEntries(engine)).toEqual(Object.fromEntries(expected(zone, frequency, windows, regions, now)));
    }),
    { numRuns: runs, ...(seed !== undefined ? { seed } : {}) },
  );
});
