/** How old the statuses are: the last refresh in `pulumi stack history --json` (a file the real CLI 3.248 wrote). */
import * as fs from "node:fs";
import * as path from "node:path";
import { freshnessLine, lastRefreshOf } from "../../provider/review";

// two refreshes after one update, newest first, as `pulumi stack history --json` printed them
const HISTORY = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/history/two-refreshes.json"), "utf8"));

test("the newest successful refresh counts; a failed one and a plain update do not", () => {
  expect(lastRefreshOf(HISTORY)).toEqual({ at: "2026-12-04T19:29:54.000Z", kind: "refresh" });
  const failedLater = [{ ...HISTORY[0], result: "failed", endTime: "2026-12-04T20:00:00.000Z" }, ...HISTORY];
  expect(lastRefreshOf(failedLater)?.at).toBe("2026-12-04T19:29:54.000Z");
  const updatesOnly = [{ kind: "update", result: "succeeded", endTime: "2026-12-04T21:00:00.000Z", environment: {} }];
  expect(lastRefreshOf(updatesOnly)).toBeUndefined();
  const upWithRefresh = [{ kind: "update", result: "succeeded", endTime: "2026-12-04T21:00:00.000Z", environment: { "pulumi.flag.refresh": "true" } }, ...HISTORY];
  expect(lastRefreshOf(upWithRefresh)).toEqual({ at: "2026-12-04T21:00:00.000Z", kind: "update" });
  expect(() => lastRefreshOf({ updates: [] }, "history.json")).toThrow(/^history\.json: not the output of `pulumi stack history --json`/);
});

test("the sentence gives the time and the age, in minutes, hours or days", () => {
  const at = Date.parse("2026-12-04T19:29:54.000Z");
  expect(freshnessLine({ at: "2026-12-04T19:29:54.000Z", kind: "refresh" }, at + 42 * 60_000)).toBe(
    "_Statuses as of the last refresh, 2026-12-04T19:29:54.000Z (42 minutes before this review): a change made in the Kore.ai console since then is not in this table. The merge job reads the server again and applies nothing that differs from this review._",
  );
  expect(freshnessLine({ at: "2026-12-04T19:29:54.000Z", kind: "refresh" }, at + 5 * 3_600_000)).toContain("(5 hours before this review)");
  expect(freshnessLine({ at: "2026-12-04T19:29:54.000Z", kind: "update" }, at + 3 * 86_400_000)).toContain("last update with refresh, 2026-12-04T19:29:54.000Z (3 days before");
  expect(freshnessLine(undefined, at)).toMatch(/^_Statuses: the stack's history holds no refresh/);
});
