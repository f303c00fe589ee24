/**
 * provider/resources/campaign/field-changes.ts: the one field-change list behind the native detailed diff and
 * the review. Values written by hand from the documented Progressive sample.
 */
import { campaignFieldChanges } from "../../../provider/resources/campaign/field-changes";
import { SAMPLE_PROGRESSIVE } from "../../fixtures/sample-bodies";

const { queue_name, campaignType: _t, ...rest } = SAMPLE_PROGRESSIVE as Record<string, any>;
const definition = (): Record<string, any> => structuredClone({ ...rest, queueName: queue_name });

test("a nested field: its path with the old and the new value; a respelled time is no change", () => {
  const next = definition();
  next.dialingStrategy.maxRingTime = 45;
  next.dialingStrategy.callingHours.days[0].start = "09:00 am";
  expect(campaignFieldChanges({ definition: definition(), started: false }, { definition: next, started: false })).toEqual([
    { path: "dialingStrategy.maxRingTime", old: SAMPLE_PROGRESSIVE.dialingStrategy.maxRingTime, new: 45 },
  ]);
});

test("started and restartedAt shown as given (a value the preview hides stays hidden); startedUnsure lists started", () => {
  const hidden = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: true };
  expect(
    campaignFieldChanges({ definition: definition(), started: false, restartedAt: undefined }, { definition: definition(), started: false, startedValue: hidden, restartedAt: "2026-12-01" }, { startedUnsure: true }),
  ).toEqual([
    { path: "started", old: false, new: hidden },
    { path: "restartedAt", old: undefined, new: "2026-12-01" },
  ]);
  expect(campaignFieldChanges({ definition: definition(), started: false }, { definition: definition(), started: true })).toEqual([{ path: "started", old: false, new: true }]);
});

test("paths the caller's diff already found are used as they are (no second diff)", () => {
  expect(campaignFieldChanges({ definition: definition(), started: false }, { definition: definition(), started: false }, { changed: ["description"] })).toEqual([
    { path: "description", old: SAMPLE_PROGRESSIVE.description, new: SAMPLE_PROGRESSIVE.description },
  ]);
});
