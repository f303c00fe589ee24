import { actionFor, observedStarted, STARTED_TABLE } from "../../provider/status";

describe("started against the server's status", () => {
  test.each([
    ["Preparing", true, "wait-then-play"],
    ["Preparing", false, "none"],
    ["Ready", true, "play"],
    ["Ready", false, "none"],
    ["Active", true, "none"],
    ["Active", false, "stop"],
    ["Paused", true, "play"],
    ["Paused", false, "stop"],
    ["Scheduled", true, "none"],
    ["Scheduled", false, "stop"],
    ["Stopped", true, "play"],
    ["Stopped", false, "none"],
    ["Completed", true, "none"],
    ["Completed", false, "none"],
  ] as const)("%s with started=%s -> %s", (status, started, action) => {
    expect(actionFor(status, started)).toBe(action);
  });

  test("an unknown or missing status is left alone", () => {
    expect(actionFor("Archived", true)).toBe("none");
    expect(actionFor(undefined, false)).toBe("none");
  });

  test("a finished campaign is never re-dialed, and reads as satisfying started=true", () => {
    expect(observedStarted("Completed", true)).toBe(true);
    expect(observedStarted("Completed", false)).toBe(false);
  });

  test("refresh reports drift as the opposite of the desired value", () => {
    expect(observedStarted("Stopped", true)).toBe(false); // stopped in the console
    expect(observedStarted("Active", false)).toBe(true); // started in the console
    expect(observedStarted("Active", true)).toBe(true);
    expect(observedStarted("Ready", false)).toBe(false);
  });

  test("the table covers every status the README documents", () => {
    expect(Object.keys(STARTED_TABLE).sort()).toEqual(["Active", "Completed", "Paused", "Preparing", "Ready", "Scheduled", "Stopped"]);
  });
});
