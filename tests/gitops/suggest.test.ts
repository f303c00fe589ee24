/** provider/gitops/suggest.ts: "did you mean" for unknown fields. */
import { closestKey, editDistance, unknownKeyRule } from "../../provider/gitops";
import { KNOWN_KEYS } from "../../provider/resources/campaign/schema";

test("editDistance counts insertions, deletions and substitutions", () => {
  expect(editDistance("", "abc")).toBe(3);
  expect(editDistance("kitten", "sitting")).toBe(3);
  expect(editDistance("maxRingTime", "maxRingTime")).toBe(0);
});

test.each([
  ["maxRingtime", "maxRingTime"],
  ["maxRingTimes", "maxRingTime"],
  ["max_ring_time", "maxRingTime"],
  ["defaultRetryPeriods", "defaultRetryPeriod"],
  ["maxAttempsPerRecord", "maxAttemptsPerRecord"],
])("in dialingStrategy, %s -> %s", (typo, known) => {
  expect(closestKey(typo, KNOWN_KEYS.dialingStrategy)).toBe(known);
});

test.each([["queue_name", "queueName"], ["adopt-existing", "adoptExisting"], ["nme", "name"], ["Started", "started"]])("at the top level, %s -> %s", (typo, known) => {
  expect(closestKey(typo, KNOWN_KEYS[""])).toBe(known);
});

test("nothing close: no suggestion", () => {
  expect(closestKey("owner", KNOWN_KEYS[""])).toBeUndefined();
  expect(closestKey("x", ["y"])).toBe("y"); // one edit is always allowed
  expect(closestKey("xy", ["ab"])).toBeUndefined();
});

test("a key known elsewhere is sent where it belongs", () => {
  expect(unknownKeyRule("maxRingTime", "", KNOWN_KEYS[""])).toBe("is not a field here; it belongs in dialingStrategy");
  expect(unknownKeyRule("timezone", "dialingStrategy", KNOWN_KEYS.dialingStrategy)).toBe("is not a field here; it belongs in dialingStrategy.callingHours");
  expect(unknownKeyRule("start", "dialingStrategy.callingHours", KNOWN_KEYS["dialingStrategy.callingHours"])).toBe(
    "is not a field here; it belongs in each entry of dialingStrategy.callingHours.days",
  );
  expect(unknownKeyRule("queueName", "dialingStrategy", KNOWN_KEYS.dialingStrategy)).toBe("is not a field here; it belongs at the top level");
  expect(unknownKeyRule("owner", "", KNOWN_KEYS[""])).toBeUndefined();
});
