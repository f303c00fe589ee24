/**
 * `kore-campaigns review`: the compiled CLI (dist/provider/cli/main.js, built by `npm test`) on previews the
 * real CLI wrote (tests/fixtures/preview/): exit codes, --fail-on, --format json, standard input, bad input.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { removeTrees, writeTree } from "../gitops/helpers";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "dist/provider/cli/main.js");
const CHANGE_SET = path.join(ROOT, "tests/fixtures/preview/change-set.json");

afterAll(removeTrees);

function review(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, "review", ...args], { input, encoding: "utf8", timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("a comment on stdout, exit 0; from a file or from standard input alike", () => {
  const fromFile = review(["--preview", CHANGE_SET]);
  expect(fromFile.code).toBe(0);
  expect(fromFile.stderr).toBe("");
  expect(fromFile.stdout.split("\n").slice(0, 3)).toEqual(["### Kore.ai campaigns: what this change does", "", "**3 campaigns change: 1 starts dialing, 1 deletion of an Active campaign, 1 update**"]);
  expect(fromFile.stdout).toContain("| renewals | Review Renewals | update | `started: false → true` |");
  expect(review([], fs.readFileSync(CHANGE_SET, "utf8")).stdout).toBe(fromFile.stdout);
});

test("--fail-on: exit 2 naming what was raised when a listed flag is raised, 0 when none is", () => {
  const gated = review(["--preview", CHANGE_SET, "--fail-on", "stops,deletes-active"]);
  expect(gated.code).toBe(2);
  expect(gated.stderr).toBe("kore-campaigns review: deletes-active (feedback) raised; --fail-on stops,deletes-active\n");
  expect(review(["--preview", CHANGE_SET, "--fail-on", "stops,more-attempts"]).code).toBe(0);
});

test("an unknown flag name, format or quiet-hours window: exit 1 with the known ones, before reading anything", () => {
  expect(review(["--preview", "/nonexistent", "--fail-on", "starts,start"])).toEqual({
    code: 1,
    stdout: "",
    stderr: 'kore-campaigns review: unknown flag "start" in --fail-on; known flags: starts, stops, deletes-active, contact-lists, hours-widened, more-attempts, shorter-retry, mode-changed, priority-raised, schedule-changed, quiet-hours, compliance, code-changed\n',
  });
  expect(review(["--format", "html"]).stderr).toBe('kore-campaigns review: unknown format "html" (markdown or json)\n');
  expect(review(["--now", "next monday"]).stderr).toBe('kore-campaigns review: --now must be an ISO 8601 time with its offset, such as "2026-12-07T09:00:00Z" (got "next monday")\n');
  expect(review(["--quiet-hours", "9 PM-8 AM"]).stderr).toBe('kore-campaigns review: --quiet-hours must be two times, start before end, such as "8:00 AM-9:00 PM" (got "9 PM-8 AM")\n');
});

test("--quiet-hours moves the reminder's window", () => {
  const narrow = review(["--preview", CHANGE_SET, "--quiet-hours", "8:00 AM-11:00 PM", "--format", "json"]);
  expect(JSON.parse(narrow.stdout).flags.map((f: { id: string }) => f.id)).toEqual(["deletes-active", "starts"]); // billing (not started) widens nothing dialable
});

test("--format json: the same facts", () => {
  const { code, stdout } = review(["--preview", CHANGE_SET, "--format", "json"]);
  expect(code).toBe(0);
  const facts = JSON.parse(stdout);
  expect(facts.summary).toBe("3 campaigns change: 1 starts dialing, 1 deletion of an Active campaign, 1 update");
  expect(facts.changes[0]).toEqual({
    kind: "campaign",
    channel: "voice",
    resourceName: "billing",
    koreName: "Review Billing",
    operation: "update",
    fields: [{ path: "dialingStrategy.callingHours.days[0].end", old: "6:00 PM", new: "10:00 PM" }],
    statusBefore: "Preparing", // the fixture's state: billing's outputs.status
  });
});

test("a file that is not a preview: exit 1, the file named, a short excerpt only", () => {
  const dir = writeTree({ "preview.txt": `Previewing update (prod):\nSECRET-LOOKING-${"y".repeat(200)}\n`, "other.json": '{"resources": []}' });
  const text = review(["--preview", path.join(dir, "preview.txt")]);
  expect(text.code).toBe(1);
  expect(text.stderr).toBe(`kore-campaigns review: ${path.join(dir, "preview.txt")}: not JSON (starts with "Previewing update (prod): SECRET-LOOKING..."); expected the output of \`pulumi preview --json\`\n`);
  expect(review(["--preview", path.join(dir, "other.json")]).stderr).toMatch(/other\.json: not a Pulumi preview \(steps: .*\); expected the output of `pulumi preview --json`\n$/);
  expect(review(["--preview", path.join(dir, "missing.json")]).stderr).toBe(`kore-campaigns review: ${path.join(dir, "missing.json")}: could not be read (ENOENT)\n`);
});

test("--changed-files: a path outside the definition folders raises code-changed, which --fail-on can gate", () => {
  const dir = writeTree({ "changed.txt": "campaigns/billing.yaml\nprogram/index.ts\n", "data-only.txt": "campaigns/billing.yaml\ncontact-lists/renewals.yaml\n" });
  const gated = review(["--preview", CHANGE_SET, "--changed-files", path.join(dir, "changed.txt"), "--fail-on", "code-changed"]);
  expect(gated.code).toBe(2);
  expect(gated.stderr).toBe("kore-campaigns review: code-changed (program/index.ts) raised; --fail-on code-changed\n");
  expect(gated.stdout).toContain("- **code-changed** (program/index.ts): changes a file outside campaigns/, sms-campaigns/ and contact-lists/");
  expect(review(["--preview", CHANGE_SET, "--changed-files", path.join(dir, "data-only.txt"), "--fail-on", "code-changed"]).code).toBe(0);
});

test("--history adds when the statuses were read; --record ends the comment with the record --approved reads", () => {
  const dir = writeTree({});
  const history = path.join(ROOT, "tests/fixtures/history/two-refreshes.json");
  const comment = review(["--preview", CHANGE_SET, "--history", history, "--record"]);
  expect(comment.code).toBe(0);
  expect(comment.stdout).toMatch(/\n_Statuses as of the last refresh, 2026-12-04T19:29:54\.000Z \(\d+ (minutes|hours|days) before this review\)/);
  expect(comment.stdout).toMatch(/\n<!-- kore-campaigns review record v1: [A-Za-z0-9+/=]+ -->\n$/);
  fs.writeFileSync(path.join(dir, "comment.md"), comment.stdout);

  const same = review(["--preview", CHANGE_SET, "--approved", path.join(dir, "comment.md")]);
  expect(same.code).toBe(0);
  expect(same.stderr).toBe("kore-campaigns review: the same as the approved review (3 changes, 3 flags)\n");
  const other = review(["--preview", path.join(ROOT, "tests/fixtures/preview/one-field.json"), "--approved", path.join(dir, "comment.md")]);
  expect(other.code).toBe(3);
  expect(other.stderr.split("\n").slice(0, 3)).toEqual([
    "kore-campaigns review: this preview is not the approved review; apply nothing until the pull request is reviewed again:",
    '  - billing (campaign): dialingStrategy.callingHours.days[0].end: approved "6:00 PM" → "10:00 PM", now no change',
    "  - billing (campaign): dialingStrategy.maxRingTime: approved no change, now 30 → 45",
  ]);
  expect(review(["--preview", CHANGE_SET, "--approved", path.join(dir, "missing.md")]).stderr).toBe(`kore-campaigns review: ${path.join(dir, "missing.md")}: could not be read (ENOENT)\n`);
});
