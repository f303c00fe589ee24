/**
 * provider/review: the review of previews the real CLI wrote (tests/fixtures/preview/, captured and kept
 * current by tests/e2e/review.e2e.test.ts), and of steps derived from them with one input changed by
 * hand, so each flag is shown to fire on its case and only on it. Expected values are written by hand.
 */
import * as fs from "fs";
import * as path from "path";
import { FLAG_IDS, parsePreview, PreviewError, renderJson, renderMarkdown, reviewOf as review, REVIEWED_TYPES, type Preview, type QuietHours } from "../../provider/review";
import { CAMPAIGN_TYPE, CONTACT_LIST_TYPE } from "../../provider/pulumi/native/package-schema";
import { runReview } from "../../provider/cli/review";
import { UNKNOWN } from "../../provider/shared/properties";

const FIXTURES = path.resolve(__dirname, "../fixtures/preview");
const fixture = (name: string): Preview => parsePreview(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"), name);
/** The preview's time in every test: Monday 7 December 2026, 00:00 UTC (5:30 AM in Asia/Kolkata, the fixtures' zone). */
const NOW = Date.UTC(2026, 11, 7);
const reviewOf = (p: Preview, quiet?: QuietHours) => review(p, { now: NOW, ...(quiet ? { quiet } : {}) });
const ids = (p: Preview) => reviewOf(p).flags.map((f) => `${f.id}:${f.resourceName}`);
const text = (p: Preview, id: string) => reviewOf(p).flags.find((f) => f.id === id)?.explanation;

type Inputs = Record<string, any>;

/**
 * The one-field fixture's billing step with its new inputs changed by `edit` (old inputs as the CLI wrote
 * them, changed by `oldEdit`; `state` is merged into the old outputs, and `started` follows the old inputs).
 */
function billingUpdate(edit: (next: Inputs, old: Inputs) => void, oldEdit: (old: Inputs) => void = () => undefined, state: Inputs = {}): Preview {
  const preview = structuredClone(fixture("one-field"));
  const step = preview.steps.find((s) => s.urn.endsWith("::billing"))!;
  const old = step.oldState!.inputs as Inputs;
  oldEdit(old);
  step.oldState!.outputs = { ...step.oldState!.outputs, ...old, started: old.started, ...state };
  const next = structuredClone(old);
  edit(next, old);
  step.newState!.inputs = next;
  return preview;
}
/** Billing running: started and Active (as state records it after an up that started it). */
const runningUpdate = (edit: (next: Inputs, old: Inputs) => void, oldEdit: (old: Inputs) => void = () => undefined) =>
  billingUpdate(edit, (o) => ((o.started = true), oldEdit(o)), { status: "Active" });

/** The same step as a create (no old state) or a delete (no new state), with its last known status. */
function billingAs(op: "create" | "delete", edit: (inputs: Inputs) => void = () => undefined, status = "Active"): Preview {
  const preview = structuredClone(fixture("one-field"));
  const step = preview.steps.find((s) => s.urn.endsWith("::billing"))!;
  step.op = op;
  edit(step.oldState!.inputs as Inputs);
  if (op === "create") {
    step.newState!.inputs = step.oldState!.inputs;
    step.oldState = undefined;
  } else {
    step.oldState!.outputs = { ...step.oldState!.outputs, status };
    step.newState = undefined;
  }
  return preview;
}

describe("what the CLI wrote", () => {
  test("a one-field change: exactly one row with exactly that path, and no flag", () => {
    const review = reviewOf(fixture("one-field"));
    expect(review.changes.map((c) => [c.resourceName, c.operation, c.fields])).toEqual([["billing", "update", [{ path: "dialingStrategy.maxRingTime", old: 30, new: 45 }]]]);
    expect(review.flags).toEqual([]);
    expect(review.summary).toBe("1 campaign changes: 1 update");
  });

  test("the change set: unchanged campaigns do not appear; a delete shows as one; each flag on its campaign", () => {
    const review = reviewOf(fixture("change-set"));
    expect(review.changes.map((c) => `${c.resourceName}:${c.operation}`)).toEqual(["billing:update", "feedback:delete", "renewals:update"]);
    // billing's later Monday end is no hours-widened: billing is not started, so no instant becomes dialable
    expect(ids(fixture("change-set"))).toEqual(["quiet-hours:billing", "deletes-active:feedback", "starts:renewals"]);
    expect(text(fixture("change-set"), "starts")).toBe("started goes from false to true: dials from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
    expect(review.summary).toBe("3 campaigns change: 1 starts dialing, 1 deletion of an Active campaign, 1 update");
  });

  test("a native stack (kore:index:VoiceCampaign, the plugin launched by the engine): started false -> true and Monday to 11 PM are reviewed", () => {
    const preview = fixture("native-start");
    expect(preview.steps.some((s) => s.urn.includes("::kore:index:VoiceCampaign::renewals"))).toBe(true);
    expect(ids(preview)).toEqual(["starts:renewals", "priority-raised:renewals", "quiet-hours:renewals"]);
    expect(reviewOf(preview).changes[0].fields.map((f) => f.path)).toEqual(["priority", "dialingStrategy.callingHours.days[0].end", "started"]);
  });

  test("a native stack whose started comes from a secret: the CLI writes [secret]; judged as true, worded as may", () => {
    const preview = fixture("native-secret-start");
    expect(text(preview, "starts")).toBe("started is not known in the preview (unknown or secret): judged as true: may dial from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
  });

  test("a Pulumi YAML stack: started false -> true and Monday to 11 PM are reviewed", () => {
    expect(ids(fixture("yaml-start"))).toEqual(["starts:renewals", "quiet-hours:renewals"]);
  });

  test("a Pulumi YAML preview that failed (a check failure, an error diagnostic): nothing is judged", () => {
    const review = reviewOf(fixture("yaml-failed"));
    expect(review).toMatchObject({ summary: "the preview failed; nothing can be judged", failed: "1 error diagnostic (renewals)", changes: [], flags: [] });
  });

  test("a replaced contact list shows as one replace (not three steps), with the contact-lists flag", () => {
    const review = reviewOf(fixture("list-replace"));
    expect(review.changes.map((c) => [c.kind, c.resourceName, c.operation, c.fields.map((f) => f.path)])).toEqual([["contactList", "renewals", "replace", ["description"]]]);
    expect(review.summary).toBe("1 contact list changes: 1 replacement");
  });

  test("neither the __provider blob nor a secret reaches the comment or the JSON, not even the raw section", () => {
    for (const name of ["one-field", "change-set", "list-replace"]) {
      const text = fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8");
      expect(text).toContain("exports.handler"); // the blob is in the preview...
      const preview = fixture(name);
      const out = renderMarkdown(reviewOf(preview), preview) + renderJson(reviewOf(preview));
      expect(out).not.toMatch(/__provider|exports\.handler|__f0/); // ...and never in what the review prints
    }
    const secret = billingUpdate((next) => (next.description = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1ddbc9f3", value: "SUPER-SECRET-9911" }));
    const out = renderMarkdown(reviewOf(secret), secret) + renderJson(reviewOf(secret));
    expect(out).not.toContain("SUPER-SECRET-9911");
    expect(out).toContain("[secret]");
  });
});

test("a name from a definition is plain text in the comment: no HTML, mention or link markup", () => {
  const preview = billingUpdate((n) => (n.name = "@here [win](http://x.example) <img src=x> **now**"));
  const markdown = renderMarkdown(reviewOf(preview), preview);
  const row = markdown.split("\n").find((l) => l.startsWith("| billing |"))!;
  expect(row).toBe(
    '| billing | @\u200bhere \\[win\\](http://x.example) &lt;img src=x&gt; \\*\\*now\\*\\* | update | `name: "Review Billing" → "@here [win](http://x.example) <img src=x> **now**"` |',
  );
});

describe("each flag fires on its case, and a nearby change does not raise it", () => {
  const hours = (inputs: Inputs) => inputs.dialingStrategy.callingHours.days as Array<{ day: string; start: string; end: string }>;

  test.each<[string, Preview, string[]]>([
    ["starts: started false -> true", billingUpdate((n) => (n.started = true)), ["starts:billing"]],
    ["starts: a new campaign with started: true", billingAs("create", (i) => (i.started = true)), ["starts:billing"]],
    ["no starts: a new campaign with started: false", billingAs("create"), []],
    ["stops: started true -> false", runningUpdate((n) => (n.started = false)), ["stops:billing"]],
    ["deletes-active: delete of an Active campaign", billingAs("delete", undefined, "Active"), ["deletes-active:billing"]],
    ["deletes-active: delete of a Scheduled campaign", billingAs("delete", undefined, "Scheduled"), ["deletes-active:billing"]],
    ["no deletes-active: delete of a Paused campaign", billingAs("delete", undefined, "Paused"), []],
    ["contact-lists: a list added", billingUpdate((n) => n.contactLists.push("Another List")), ["contact-lists:billing"]],
    ["hours-widened: a later end inside quiet hours", runningUpdate((n) => (hours(n)[0].end = "8:00 PM")), ["hours-widened:billing"]],
    ["hours-widened: an earlier start", runningUpdate((n) => (hours(n)[1].start = "8:30 AM")), ["hours-widened:billing"]],
    ["hours-widened: a day added", runningUpdate((n) => hours(n).push({ day: "SA", start: "10:00 AM", end: "2:00 PM" })), ["hours-widened:billing"]],
    ["no hours-widened: a later end on a campaign that is not started (nothing newly dialable)", billingUpdate((n) => (hours(n)[0].end = "8:00 PM")), []],
    ["no hours-widened: hours narrowed", runningUpdate((n) => (hours(n)[0].end = "5:00 PM")), []],
    ["no hours-widened: the same hours written another way", runningUpdate((n) => (hours(n)[0].end = "18:00")), []],
    ["no hours-widened: the same windows split in two (MO 9-12 and 12-6)", runningUpdate((n) => hours(n).splice(0, 1, { day: "MO", start: "9:00 AM", end: "12:00 PM" }, { day: "MO", start: "12:00 PM", end: "6:00 PM" })), []],
    ["quiet-hours alone: a start at 7 AM (also widened)", runningUpdate((n) => (hours(n)[2].start = "7:00 AM")), ["hours-widened:billing", "quiet-hours:billing"]],
    ["more-attempts", billingUpdate((n) => (n.dialingStrategy.maxAttemptsPerRecord = 10)), ["more-attempts:billing"]],
    ["no more-attempts: fewer", billingUpdate((n) => (n.dialingStrategy.maxAttemptsPerRecord = 2)), []],
    ["shorter-retry", billingUpdate((n) => (n.dialingStrategy.defaultRetryPeriod = 5)), ["shorter-retry:billing"]],
    ["no shorter-retry: longer", billingUpdate((n) => (n.dialingStrategy.defaultRetryPeriod = 30)), []],
    ["mode-changed", billingUpdate((n) => ((n.dialingMode = "Progressive"), delete n.maxSkips)), ["mode-changed:billing"]],
    ["priority-raised: 3 -> 5", billingUpdate((n) => (n.priority = "5"), (o) => (o.priority = "3")), ["priority-raised:billing"]],
    ["no priority-raised: 5 -> 3", billingUpdate((n) => (n.priority = 3)), []],
    ["starts and schedule-changed: a weekly schedule added (Kore starts it on its dates)", billingUpdate((n) => (n.schedule = { enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", days: ["MO"] } })), ["starts:billing", "schedule-changed:billing"]],
    ["schedule-changed alone: a schedule beyond the 8 weeks (nothing dialable in the horizon)", billingUpdate((n) => (n.schedule = { enabled: true, start: "2027-03-01 09:00:00", end: "2027-03-29 18:00:00", repeat: { every: 1, unit: "week", days: ["MO"] } })), ["schedule-changed:billing"]],
    ["no schedule-changed: no schedule in the new spelling (the fixture has the old one)", billingUpdate((n) => (n.schedule = { enabled: false })), []],
    ["nothing: a description edit", billingUpdate((n) => (n.description = "Reminds customers of bills.")), []],
    ["nothing: a description edit of a running campaign", runningUpdate((n) => (n.description = "Reminds customers of bills.")), []],
  ])("%s", (_case, preview, expected) => {
    expect(ids(preview)).toEqual(expected);
  });

  test("the quiet-hours window is configurable", () => {
    const preview = runningUpdate((n) => (hours(n)[0].end = "8:00 PM"));
    expect(reviewOf(preview, { start: 9 * 60, end: 19 * 60 }).flags.map((f) => f.id)).toEqual(["hours-widened", "quiet-hours"]);
    expect(reviewOf(preview).flags.find((f) => f.id === "quiet-hours")).toBeUndefined();
  });

  test("docs/review.md's example comment is the review of the change-set fixture, as printed today", () => {
    const preview = fixture("change-set");
    const readme = fs.readFileSync(path.resolve(__dirname, "../../docs/review.md"), "utf8");
    expect(readme).toContain("kore-campaigns review --preview preview.json --now 2026-12-07T00:00:00Z");
    expect(readme).toContain(`\`\`\`\`markdown\n${renderMarkdown(reviewOf(preview), preview).trimEnd()}\n\`\`\`\``);
  });

  test("the flag ids are the documented ones, in docs/review.md's table", () => {
    expect(FLAG_IDS).toEqual(["starts", "stops", "deletes-active", "contact-lists", "hours-widened", "more-attempts", "shorter-retry", "mode-changed", "priority-raised", "schedule-changed", "quiet-hours", "compliance", "code-changed"]);
    const readme = fs.readFileSync(path.resolve(__dirname, "../../docs/review.md"), "utf8");
    for (const id of FLAG_IDS) expect(readme).toMatch(new RegExp(`^\\| \`${id}\` \\|`, "m"));
  });
});

/** The same preview as the native plugin (and a Pulumi YAML stack, which uses it) writes it: kore:index:* types, no __provider. */
function asNative(preview: Preview): Preview {
  const out = structuredClone(preview);
  const retype = (t: string) => t.replace("pulumi-nodejs:dynamic/kore:VoiceCampaign", "kore:index:VoiceCampaign").replace("pulumi-nodejs:dynamic/kore:ContactList", "kore:index:ContactList");
  for (const step of out.steps) {
    step.urn = retype(step.urn);
    for (const state of [step.oldState, step.newState]) {
      if (!state) continue;
      if (state.type) state.type = retype(state.type);
      delete state.inputs?.__provider;
      delete state.outputs?.__provider;
    }
  }
  return out;
}

/** `kore-campaigns review` on a preview, as the gate runs it. */
function gate(preview: unknown, args: string[] = ["--fail-on", "starts,deletes-active,hours-widened"]) {
  const file = path.join(fs.mkdtempSync(path.join(require("os").tmpdir(), "review-")), "preview.json");
  fs.writeFileSync(file, typeof preview === "string" ? preview : JSON.stringify(preview));
  const out: string[] = [];
  const err: string[] = [];
  const code = runReview(["--preview", file, "--now", "2026-12-07T00:00:00Z", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  fs.rmSync(path.dirname(file), { recursive: true });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const WEEKLY_MO = { enabled: true, start: "2026-12-14 00:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", days: ["MO"] } };

describe("every bypass of the issue's \"Why\": exit 2 under --fail-on starts,deletes-active,hours-widened, the right flag named", () => {
  const hours = (inputs: Inputs) => inputs.dialingStrategy.callingHours.days as Array<{ day: string; start: string; end: string }>;

  test("why: a native (kore:index:VoiceCampaign) started false -> true with Monday ending at 11 PM is reviewed like the dynamic one", () => {
    const preview = asNative(billingUpdate((n) => ((n.started = true), (hours(n)[0].end = "11:00 PM"))));
    expect(ids(preview)).toEqual(["starts:billing", "quiet-hours:billing"]);
    const run = gate(preview);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("starts (billing) raised");
  });

  test("why: every type the package ships is in the review's one table (the native plugin's types included)", () => {
    expect(REVIEWED_TYPES).toEqual({
      "pulumi-nodejs:dynamic/kore:VoiceCampaign": { kind: "campaign", channel: "voice" },
      "pulumi-nodejs:dynamic/kore:SmsCampaign": { kind: "campaign", channel: "sms" },
      "pulumi-nodejs:dynamic/kore:ContactList": { kind: "contactList" },
      [CAMPAIGN_TYPE]: { kind: "campaign", channel: "voice" },
      // the native SMS type as SMS-CONTRACT.md names it (package-schema.ts does not export it yet)
      "kore:index:SmsCampaign": { kind: "campaign", channel: "sms" },
      [CONTACT_LIST_TYPE]: { kind: "contactList" },
    });
    const review = reviewOf(asNative(fixture("change-set")));
    expect(review.changes.map((c) => `${c.resourceName}:${c.operation}`)).toEqual(["billing:update", "feedback:delete", "renewals:update"]);
    expect(review.flags).toEqual(reviewOf(fixture("change-set")).flags);
  });

  test("why: a kore type the review does not know is an error (exit 1), never silence", () => {
    const preview = structuredClone(fixture("one-field"));
    const step = preview.steps.find((s) => s.urn.endsWith("::billing"))!;
    step.urn = step.urn.replace("pulumi-nodejs:dynamic/kore:VoiceCampaign", "kore:index:WhatsAppCampaign");
    step.oldState!.type = step.newState!.type = "kore:index:WhatsAppCampaign";
    const run = gate(preview);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('resource type "kore:index:WhatsAppCampaign" belongs to the kore package but the review does not know it; nothing can be judged');
  });

  test("why: a lunch gap filled (MO 9-12 and 2-6 -> MO 9-6) on a running campaign is hours-widened, from Monday noon", () => {
    const preview = runningUpdate(
      (n) => hours(n).splice(0, 2, { day: "MO", start: "9:00 AM", end: "6:00 PM" }, hours(n)[1]),
      (o) => hours(o).splice(0, 1, { day: "MO", start: "9:00 AM", end: "12:00 PM" }, { day: "MO", start: "2:00 PM", end: "6:00 PM" }),
    );
    expect(ids(preview)).toEqual(["hours-widened:billing"]);
    expect(text(preview, "hours-widened")).toBe("calling hours widen: MO gains 12:00 PM to 2:00 PM; dials newly from Mon 2026-12-07 12:00 PM Asia/Kolkata (Mon 2026-12-07 06:30 UTC)");
    expect(gate(preview).code).toBe(2);
  });

  test("why: the zone moved (Asia/Kolkata -> America/Los_Angeles, same clock times) is hours-widened, and the reminder is judged in the new zone", () => {
    const preview = runningUpdate((n) => ((n.dialingStrategy.callingHours.timezone = "America/Los_Angeles"), (hours(n)[0].start = "7:00 AM")));
    expect(ids(preview)).toEqual(["hours-widened:billing", "quiet-hours:billing"]);
    // Monday 7:00 AM in Los Angeles (PST, UTC-8) is 15:00 UTC: after Kolkata's Monday window (03:30-12:30 UTC)
    expect(text(preview, "hours-widened")).toBe("calling hours widen: time zone Asia/Kolkata → America/Los_Angeles; dials newly from Mon 2026-12-07 7:00 AM America/Los_Angeles (Mon 2026-12-07 15:00 UTC)");
    expect(text(preview, "quiet-hours")).toBe("reminder: calling hours reach outside 8:00 AM to 9:00 PM (America/Los_Angeles): MO 7:00 AM to 6:00 PM");
    expect(gate(preview).code).toBe(2);
  });

  test("why: frequency WEEKLY -> DAILY (read as every day) is hours-widened, from Saturday", () => {
    const preview = runningUpdate((n) => (n.dialingStrategy.callingHours.frequency = "DAILY"));
    expect(ids(preview)).toEqual(["hours-widened:billing"]);
    expect(text(preview, "hours-widened")).toBe("calling hours widen: frequency WEEKLY → DAILY, SA added (9:00 AM to 6:00 PM), SU added (9:00 AM to 6:00 PM); dials newly from Sat 2026-12-12 9:00 AM Asia/Kolkata (Sat 2026-12-12 03:30 UTC)");
  });

  test("why: a schedule enabled on a stopped campaign is starts (Kore starts it itself), from the schedule's first Monday", () => {
    const preview = billingUpdate((n) => (n.schedule = WEEKLY_MO), () => undefined, { status: "Stopped" });
    expect(ids(preview)).toEqual(["starts:billing", "schedule-changed:billing"]);
    expect(text(preview, "starts")).toBe("its schedule is enabled: Kore starts it on its dates: dials from Mon 2026-12-14 9:00 AM Asia/Kolkata (Mon 2026-12-14 03:30 UTC)");
    expect(gate(preview).code).toBe(2);
  });

  test("why: a Scheduled campaign's schedule moved earlier, into the past, is starts: it dials at once", () => {
    const preview = billingUpdate((n) => (n.schedule = { ...WEEKLY_MO, start: "2026-11-30 00:00:00" }), (o) => (o.schedule = { ...WEEKLY_MO, start: "2027-01-04 00:00:00" }), { status: "Scheduled" });
    expect(ids(preview)).toEqual(["starts:billing", "schedule-changed:billing"]);
    expect(text(preview, "starts")).toBe("its schedule changes: Kore runs it on the new dates: dials from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
  });

  test("why: a campaign created with a schedule is starts (and schedule-changed)", () => {
    const preview = billingAs("create", (i) => (i.schedule = WEEKLY_MO));
    expect(ids(preview)).toEqual(["starts:billing", "schedule-changed:billing"]);
    expect(text(preview, "starts")).toBe("a new campaign with a schedule: Kore starts it on its dates: dials from Mon 2026-12-14 9:00 AM Asia/Kolkata (Mon 2026-12-14 03:30 UTC)");
    expect(gate(preview).code).toBe(2);
  });

  test("why: the replacement of a running campaign is starts (the new one is started) and deletes-active", () => {
    const preview = billingUpdate((n) => (n.description = "Moved to another app."), (o) => (o.started = true), { status: "Active" });
    preview.steps.find((s) => s.urn.endsWith("::billing"))!.op = "replace";
    expect(ids(preview)).toEqual(["starts:billing", "deletes-active:billing"]);
    expect(text(preview, "starts")).toBe("the replacement (a new campaign) with started: true: dials from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
  });

  test("why: started unknown (computed) in the preview is judged as true, worded as may", () => {
    const preview = billingUpdate((n) => (n.started = UNKNOWN));
    expect(ids(preview)).toEqual(["starts:billing"]);
    expect(text(preview, "starts")).toBe("started is not known in the preview (unknown or secret): judged as true: may dial from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
    expect(reviewOf(preview).changes[0].fields).toEqual([{ path: "started", old: false, new: UNKNOWN }]);
    expect(gate(preview).code).toBe(2);
  });

  test("why: started secret in the preview is judged as true, worded as may, and never shown", () => {
    const preview = billingUpdate((n) => (n.started = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1ddbc9f3", value: true }));
    expect(ids(preview)).toEqual(["starts:billing"]);
    expect(text(preview, "starts")).toMatch(/^started is not known in the preview \(unknown or secret\): judged as true: may dial from /);
    expect(renderMarkdown(reviewOf(preview), preview)).toContain("`started: false → [secret]`");
  });

  test("why: a state holding pendingChanges: [started] with started true on both sides is starts (the next up plays it)", () => {
    const preview = billingUpdate(() => undefined, (o) => (o.started = true), { status: "Ready", pendingChanges: ["started"] });
    expect(reviewOf(preview).changes.map((c) => [c.resourceName, c.operation, c.fields])).toEqual([["billing", "update", []]]);
    expect(ids(preview)).toEqual(["starts:billing"]);
    expect(text(preview, "starts")).toBe("a start pending from an earlier up (pendingChanges: started) is made: dials from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
    expect(gate(preview).code).toBe(2);
  });

  test("why: a failed preview (an error diagnostic) exits 1 with \"the preview failed; nothing can be judged\", and the comment says so", () => {
    const preview = { ...structuredClone(fixture("change-set")), diagnostics: [{ urn: "urn:pulumi:review::kore-campaigns::pulumi:pulumi:Stack::kore-campaigns-review", message: "campaigns/bad.yaml: priority: must be one of 1..5", severity: "error" }] };
    const run = gate(preview);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/preview\.json: the preview failed; nothing can be judged \(1 error diagnostic \(kore-campaigns-review\)\)$/);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual(["### Kore.ai campaigns: what this change does", "", "**The preview failed; nothing can be judged**"]);
    expect(run.stdout).not.toContain("priority: must be"); // the diagnostic's words are not quoted
    const json = gate(preview, ["--format", "json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: "the preview failed; nothing can be judged", failed: "1 error diagnostic (kore-campaigns-review)", changes: [], flags: [] });
  });

  test("why: a preview with diagnostics but no list of steps failed too", () => {
    const run = gate({ diagnostics: [{ message: "error: an unhandled error occurred", severity: "info" }] });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the preview failed; nothing can be judged (no list of steps)");
  });

  test("why: deleting a campaign created with a schedule: state now records Scheduled (lifecycle), and the delete is deletes-active", () => {
    // the state an up now writes after the enable call (one status read; tests/pulumi/schedule.test.ts shows the read)
    const preview = billingAs("delete", (i) => (i.schedule = WEEKLY_MO), "Scheduled");
    expect(ids(preview)).toEqual(["deletes-active:billing"]);
    expect(gate(preview).code).toBe(2);
  });

  test("why: priority 3 -> 5 raises priority-raised", () => {
    const preview = billingUpdate((n) => (n.priority = 5), (o) => (o.priority = "3"));
    expect(reviewOf(preview).flags).toEqual([{ id: "priority-raised", resourceName: "billing", explanation: "priority 3 → 5" }]);
  });

  test("why: a state with a null calling window, or null calling hours, is reviewed without a crash", () => {
    const monday = { day: "MO", start: "9:00 AM", end: "6:00 PM" };
    const nullWindow = runningUpdate((n) => (hours(n)[0] = monday), (o) => (o.dialingStrategy.callingHours.days = [null, ...hours(o).slice(1)]));
    expect(ids(nullWindow)).toEqual(["hours-widened:billing"]); // Monday is newly inside the windows
    expect(text(nullWindow, "hours-widened")).toBe("calling hours widen: MO added (9:00 AM to 6:00 PM); dials newly from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
    const weekdays = (["MO", "TU", "WE", "TH", "FR"] as const).map((day) => ({ day, start: "9:00 AM", end: "6:00 PM" }));
    const nullHours = runningUpdate((n) => (n.dialingStrategy.callingHours = { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: weekdays }), (o) => (o.dialingStrategy.callingHours = null));
    expect(() => renderMarkdown(reviewOf(nullHours), nullHours)).not.toThrow();
    expect(ids(nullHours)).toEqual(["hours-widened:billing"]);
    const nullStrategy = billingUpdate((n) => (n.dialingStrategy = null), (o) => (o.dialingStrategy = null));
    expect(() => renderJson(reviewOf(nullStrategy))).not.toThrow();
  });

  test("why: a name with an ESC character is printed without it (comment and JSON)", () => {
    const preview = billingUpdate((n) => (n.name = "Review \u001b[31mBilling\u202e"));
    const out = renderMarkdown(reviewOf(preview), preview) + renderJson(reviewOf(preview));
    expect(out).not.toMatch(/[\u001b\u202e]/);
    expect(reviewOf(preview).changes[0].koreName).toBe("Review [31mBilling");
  });

  test("why: a plain 100-character name is shown, not hidden as a credential (a token still is)", () => {
    const long = "RemindersForCustomersWhoseBillsAreDue".repeat(3).slice(0, 100);
    const preview = billingUpdate((n) => (n.name = long));
    const markdown = renderMarkdown(reviewOf(preview), preview);
    expect(markdown).not.toContain("looks like a credential");
    expect(markdown).toContain(`| billing | ${long} | update |`);
    expect(markdown).toContain(`"${long.slice(0, 77)}..."`);
    const token = billingUpdate((n) => (n.description = "3f9a8c7e6d5b4a3921f0e9d8c7b6a5f4e3d2c1b0"));
    expect(renderMarkdown(reviewOf(token), token)).toContain("(a value that looks like a credential, not shown)");
  });
});

describe("a campaign stopped outside git (the stoppedOutsideGit output)", () => {
  const stopped = { status: "Stopped", stoppedOutsideGit: { status: "Stopped", seenAt: "2026-12-06T10:00:00Z" } };

  test("an unrelated edit: no start, and the comment shows that it stays stopped", () => {
    const preview = billingUpdate((n) => (n.description = "Edited."), (o) => (o.started = true), stopped);
    expect(ids(preview)).toEqual([]);
    expect(renderMarkdown(reviewOf(preview), preview)).toContain("- billing: stopped outside git; stays stopped unless `restartedAt` changes with `started: true`");
  });

  test("a change of restartedAt with started: true is starts", () => {
    const preview = billingUpdate((n) => (n.restartedAt = "2026-12-07"), (o) => (o.started = true), stopped);
    expect(ids(preview)).toEqual(["starts:billing"]);
    expect(text(preview, "starts")).toBe("restartedAt changes: the campaign stopped outside git is started again: dials from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
  });

  test("started false -> true on it is starts", () => {
    const preview = billingUpdate((n) => (n.started = true), (o) => (o.started = false), stopped);
    expect(ids(preview)).toEqual(["starts:billing"]);
  });
});

describe("bad input", () => {
  test("not JSON, or JSON that is not a preview: the source named, a short excerpt only", () => {
    expect(() => parsePreview(`Previewing update (dev)\n${"x".repeat(500)}`, "preview.txt")).toThrow(
      new PreviewError('preview.txt: not JSON (starts with "Previewing update (dev) xxxxxxxxxxxxxxxx..."); expected the output of `pulumi preview --json`'),
    );
    expect(() => parsePreview(JSON.stringify({ steps: [{ urn: "x" }] }), "p.json")).toThrow(/^p\.json: not a Pulumi preview \(steps\.0\.op: .*\); expected the output of `pulumi preview --json`$/);
  });
});
