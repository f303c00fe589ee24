/**
 * Calling windows -> instants, with instants worked out by hand from the zones' published rules (US:
 * second Sunday of March / first Sunday of November at 2:00; Australia/Sydney: first Sunday of October at
 * 2:00 AEST; India: UTC+5:30, no daylight saving).
 */
import { instantText, windowInstants, type Interval, type WeekWindows } from "../../provider/shared/instants";
const H = 60; // minutes
const iso = (list: Interval[]) => list.map((i) => `${new Date(i.start).toISOString()}/${new Date(i.end).toISOString()}`);
/** A week with `windows` (minutes) on one day (0 = Monday). */
const onDay = (day: number, ...windows: Array<[number, number]>): WeekWindows => [0, 1, 2, 3, 4, 5, 6].map((d) => (d === day ? windows.map(([start, end]) => ({ start, end })) : []));

test("Asia/Kolkata, Monday 9:00 AM to 6:00 PM: 03:30 to 12:30 UTC", () => {
  const from = Date.UTC(2026, 11, 7); // Monday
  expect(iso(windowInstants(onDay(0, [9 * H, 18 * H]), "Asia/Kolkata", from, from + 7 * 86_400_000))).toEqual(["2026-12-07T03:30:00.000Z/2026-12-07T12:30:00.000Z"]);
});

test("America/New_York, clocks forward (Sunday 14 March 2027, 2:00 -> 3:00): 1:00-4:00 AM local is two real hours", () => {
  const from = Date.UTC(2027, 2, 13);
  // 1:00 EST = 06:00 UTC; 2:00-3:00 does not exist; 4:00 EDT = 08:00 UTC
  expect(iso(windowInstants(onDay(6, [1 * H, 4 * H]), "America/New_York", from, from + 2 * 86_400_000))).toEqual(["2027-03-14T06:00:00.000Z/2027-03-14T08:00:00.000Z"]);
});

test("America/New_York, clocks back (Sunday 1 November 2026, 2:00 -> 1:00): 1:00-2:00 AM local happens twice", () => {
  const from = Date.UTC(2026, 9, 31);
  // 1:00 EDT = 05:00 UTC ... 1:00 EST = 06:00 UTC ... 2:00 EST = 07:00 UTC
  expect(iso(windowInstants(onDay(6, [1 * H, 2 * H]), "America/New_York", from, from + 2 * 86_400_000))).toEqual(["2026-11-01T05:00:00.000Z/2026-11-01T07:00:00.000Z"]);
});

test("Australia/Sydney across its spring change (Sunday 3 October 2027): Monday 9-5 moves from 23:00 to 22:00 UTC the day before", () => {
  const from = Date.UTC(2027, 8, 26);
  expect(iso(windowInstants(onDay(0, [9 * H, 17 * H]), "Australia/Sydney", from, from + 10 * 86_400_000))).toEqual([
    "2027-09-26T23:00:00.000Z/2027-09-27T07:00:00.000Z", // AEST, UTC+10
    "2027-10-03T22:00:00.000Z/2027-10-04T06:00:00.000Z", // AEDT, UTC+11
  ]);
});

test("a window to midnight and the next day's from midnight join into one stretch", () => {
  const week: WeekWindows = [[{ start: 18 * H, end: 24 * H }], [{ start: 0, end: 2 * H }], [], [], [], [], []];
  const from = Date.UTC(2026, 11, 7);
  expect(iso(windowInstants(week, "UTC", from, from + 3 * 86_400_000))).toEqual(["2026-12-07T18:00:00.000Z/2026-12-08T02:00:00.000Z"]);
});

test("an instant in words: the zone's wall clock and UTC", () => {
  expect(instantText(Date.UTC(2026, 11, 7, 12, 30), "Asia/Kolkata")).toBe("Mon 2026-12-07 6:00 PM Asia/Kolkata (Mon 2026-12-07 12:30 UTC)");
  expect(instantText(Date.UTC(2026, 11, 7, 12, 30), undefined)).toBe("Mon 2026-12-07 12:30 UTC");
});
