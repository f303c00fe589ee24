/**
 * The dialing-exposure model's time arithmetic, with instants worked out by hand from the zones' published
 * rules (US: second Sunday of March / first Sunday of November at 2:00; Australia/Sydney: first Sunday of
 * October at 2:00 AEST; India: UTC+5:30, no daylight saving).
 */
import { callingHoursOf, scheduleInstants } from "../../../provider/resources/campaign/exposure";
import type { Interval, WeekWindows } from "../../../provider/shared/instants";

const H = 60; // minutes
const iso = (list: Interval[]) => list.map((i) => `${new Date(i.start).toISOString()}/${new Date(i.end).toISOString()}`);

test("frequency: WEEKLY keeps the listed days; DAILY and CUSTOM are read as every day with the union of the windows", () => {
  const hours = (frequency: string) =>
    callingHoursOf({ dialingStrategy: { callingHours: { frequency, timezone: "UTC", days: [{ day: "MO", start: "9:00 AM", end: "12:00 PM" }, { day: "TU", start: "2:00 PM", end: "6:00 PM" }] } } }).week;
  expect(hours("WEEKLY")).toEqual([[{ start: 540, end: 720 }], [{ start: 840, end: 1080 }], [], [], [], [], []]);
  const everyDay = [0, 1, 2, 3, 4, 5, 6].map(() => [{ start: 540, end: 720 }, { start: 840, end: 1080 }]);
  expect(hours("DAILY")).toEqual(everyDay);
  expect(hours("CUSTOM")).toEqual(everyDay);
});

test("null, missing and unresolved parts of the calling hours: no crash; unresolved is the widest", () => {
  expect(callingHoursOf(null).week.flat()).toEqual([]);
  expect(callingHoursOf({ dialingStrategy: { callingHours: { days: [null, { day: "MO" }, { day: "XX", start: "9am", end: "5pm" }] } } }).week.flat()).toEqual([]);
  const unknown = callingHoursOf({ dialingStrategy: { callingHours: { frequency: "WEEKLY", timezone: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", days: [{ day: "MO", start: "9:00 AM", end: "5:00 PM" }] } } });
  expect(unknown.timezone).toBeUndefined();
  expect(unknown.unresolved).toEqual(["dialingStrategy.callingHours.timezone"]);
});

test("a schedule every 2 weeks on Monday from Monday 4 January 2027 (UTC): the 4th and the 18th, cut to its end", () => {
  const schedule = { enabled: true, start: "2027-01-04 00:00:00", end: "2027-01-25 12:00:00", repeat: { every: 2, unit: "week", days: ["MO"] } };
  const from = Date.UTC(2026, 11, 28);
  expect(iso(scheduleInstants(schedule, "UTC", from, from + 8 * 7 * 86_400_000))).toEqual(["2027-01-04T00:00:00.000Z/2027-01-05T00:00:00.000Z", "2027-01-18T00:00:00.000Z/2027-01-19T00:00:00.000Z"]);
  // in Asia/Kolkata a day is also a local day (widest reading): Monday local starts at 18:30 UTC on Sunday
  expect(iso(scheduleInstants(schedule, "Asia/Kolkata", from, from + 8 * 7 * 86_400_000))).toEqual(["2027-01-04T00:00:00.000Z/2027-01-05T00:00:00.000Z", "2027-01-17T18:30:00.000Z/2027-01-19T00:00:00.000Z"]);
});

