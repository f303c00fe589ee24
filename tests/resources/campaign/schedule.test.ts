/**
 * provider/resources/campaign/schedule.ts and the schedule's wire body (wire.ts): dates read as UTC, real
 * dates only, the ended-schedule rule, and the v2 body exactly as the docs' samples send it.
 */
import { endedScheduleProblem, normalizeScheduleTime, scheduleEnabled, scheduleTimeMs, type Schedule } from "../../../provider/resources/campaign/schedule";
import { validateCampaign } from "../../../provider/resources/campaign/schema";
import { toWireSchedule } from "../../../provider/resources/campaign/wire";
import { SAMPLE_PROGRESSIVE } from "../../fixtures/sample-bodies";

function spec(schedule: unknown): Record<string, unknown> {
  const { queue_name, campaignType: _type, ...rest } = SAMPLE_PROGRESSIVE as Record<string, unknown>;
  return { ...rest, queueName: queue_name, schedule };
}

describe("schedule times", () => {
  test.each([
    ["2027-01-04 09:00:00", "2027-01-04 09:00:00", Date.UTC(2027, 0, 4, 9)],
    ["2026-01-1 18:29:00", "2026-01-01 18:29:00", Date.UTC(2026, 0, 1, 18, 29)], // the weekly sample's own spelling
    ["2027-01-04 9:05", "2027-01-04 09:05:00", Date.UTC(2027, 0, 4, 9, 5)],
    ["2028-02-29 00:00:00", "2028-02-29 00:00:00", Date.UTC(2028, 1, 29)], // a leap day
  ])("%s is %s, read as UTC", (input, normalized, ms) => {
    expect(normalizeScheduleTime(input)).toBe(normalized);
    expect(scheduleTimeMs(input)).toBe(ms);
  });

  test.each(["2027-02-29 09:00:00", "2027-13-01 09:00:00", "2027-01-04 24:00:00", "2027-01-04 09:60:00", "2027-01-04", "04/01/2027 09:00", "", 20270104])(
    "%j is not a date and time",
    (input) => expect(scheduleTimeMs(input)).toBeUndefined(),
  );
});

describe("endedScheduleProblem", () => {
  const weekly: Schedule = { enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", days: ["MO"] } };
  const end = Date.UTC(2027, 0, 29, 18);
  test("an end at or before now is refused, with both times; one second later is not", () => {
    expect(endedScheduleProblem(weekly, end)).toBe(
      "is already in the past (2027-01-29 18:00:00 UTC; now 2027-01-29 18:00:00 UTC): Kore refuses an end that is not after the current time; move the end, or disable the schedule",
    );
    expect(endedScheduleProblem(weekly, end - 1000)).toBeUndefined();
  });
  test("a disabled schedule never ends", () => expect(endedScheduleProblem({ enabled: false }, end + 1e9)).toBeUndefined());
});

describe("scheduleEnabled reads every shape", () => {
  test.each([
    [{ enabled: true }, true],
    [{ enabled: false }, false],
    [{ isSchedulingEnabled: true }, true],
    [{ isSchedulingEnabled: false }, false],
    [{ enabled: false, isSchedulingEnabled: true }, false],
    [undefined, false],
  ])("%j -> %s", (schedule, expected) => expect(scheduleEnabled(schedule)).toBe(expected));
});

describe("the v2 body", () => {
  test("weekly, as the weekly sample sends it (whichDays Mon..Sun, onceEveryNweeks)", () => {
    const checked = validateCampaign(spec({ enabled: true, start: "2026-01-1 18:29:00", end: "2026-01-27 18:29:00", repeat: { every: 1, unit: "week", days: ["SU", "SA", "FR", "TH", "WE", "TU", "MO"] } }));
    if (!checked.ok) throw new Error(JSON.stringify(checked.failures));
    expect(toWireSchedule(checked.value.schedule)).toEqual({
      startDateTime: "2026-01-01 18:29:00",
      endDateTime: "2026-01-27 18:29:00",
      recurrenceObject: { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] } },
    });
  });

  test("daily: recurType Daily, dailyDetails.onceEveryNdays", () => {
    expect(toWireSchedule({ enabled: true, start: "2027-02-01 08:30:00", end: "2027-02-14 17:00:00", repeat: { every: 3, unit: "day" } })).toEqual({
      startDateTime: "2027-02-01 08:30:00",
      endDateTime: "2027-02-14 17:00:00",
      recurrenceObject: { recurType: "Daily", dailyDetails: { onceEveryNdays: 3 } },
    });
  });

  test("disabled: no body (the disable call sends {})", () => expect(toWireSchedule({ enabled: false })).toBeUndefined());
});

describe("the API's own field names get a hint; unknown keys under repeat name the known ones", () => {
  test("startDateTime, recurrenceObject", () => {
    const checked = validateCampaign(spec({ enabled: true, startDateTime: "2027-01-04 09:00:00", end: "2027-01-29 18:00:00", recurrenceObject: {} }));
    expect(checked.ok).toBe(false);
    const messages = checked.ok ? [] : checked.failures.map((f) => f.message);
    expect(messages).toContain("schedule.startDateTime: is not a known field (write start (the API's startDateTime is built for you))");
    expect(messages).toContain("schedule.recurrenceObject: is not a known field (write repeat: { every, unit, days } (the API's recurrenceObject is built for you))");
  });

  test("repeat.weekdays", () => {
    const checked = validateCampaign(spec({ enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", weekdays: ["MO"] } }));
    const failure = checked.ok ? undefined : checked.failures.find((f) => f.path === "schedule.repeat.weekdays");
    expect(failure).toMatchObject({ code: "unknown_field", unknownKey: "weekdays", knownKeys: ["every", "unit", "days"] });
  });
});
