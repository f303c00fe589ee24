/**
 * provider/review: the review of previews the real CLI wrote (tests/fixtures/preview/, captured and kept
 * current by tests/e2e/review.e2e.test.ts), and of steps derived from them with one input changed by
 * hand, so each flag is shown to fire on its case and only on it. Expected values are written by hand.
 */
import * as fs from "fs";
import * as path from "path";
import { FLAG_IDS, parsePreview, PreviewError, renderJson, renderMarkdown, reviewOf, type Preview } from "../../provider/review";

const FIXTURES = path.resolve(__dirname, "../fixtures/preview");
const fixture = (name: string): Preview => parsePreview(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"), name);
const ids = (p: Preview) => reviewOf(p).flags.map((f) => `${f.id}:${f.resourceName}`);

type Inputs = Record<string, any>;

/** The one-field fixture's billing step with its new inputs changed by `edit` (old inputs as the CLI wrote them). */
function billingUpdate(edit: (next: Inputs, old: Inputs) => void, oldEdit: (old: Inputs) => void = () => undefined): Preview {
  const preview = structuredClone(fixture("one-field"));
  const step = preview.steps.find((s) => s.urn.endsWith("::billing"))!;
  const old = step.oldState!.inputs as Inputs;
  oldEdit(old);
  const next = structuredClone(old);
  edit(next, old);
  step.newState!.inputs = next;
  return preview;
}

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
    expect(ids(fixture("change-set"))).toEqual(["hours-widened:billing", "quiet-hours:billing", "deletes-active:feedback", "starts:renewals"]);
    expect(review.summary).toBe("3 campaigns change: 1 starts dialing, 1 deletion of an Active campaign, 1 update");
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
    ["stops: started true -> false", billingUpdate((n) => (n.started = false), (o) => (o.started = true)), ["stops:billing"]],
    ["deletes-active: delete of an Active campaign", billingAs("delete", undefined, "Active"), ["deletes-active:billing"]],
    ["deletes-active: delete of a Scheduled campaign", billingAs("delete", undefined, "Scheduled"), ["deletes-active:billing"]],
    ["no deletes-active: delete of a Paused campaign", billingAs("delete", undefined, "Paused"), []],
    ["contact-lists: a list added", billingUpdate((n) => n.contactLists.push("Another List")), ["contact-lists:billing"]],
    ["hours-widened: a later end inside quiet hours", billingUpdate((n) => (hours(n)[0].end = "8:00 PM")), ["hours-widened:billing"]],
    ["hours-widened: an earlier start", billingUpdate((n) => (hours(n)[1].start = "8:30 AM")), ["hours-widened:billing"]],
    ["hours-widened: a day added", billingUpdate((n) => hours(n).push({ day: "SA", start: "10:00 AM", end: "2:00 PM" })), ["hours-widened:billing"]],
    ["no hours-widened: hours narrowed", billingUpdate((n) => (hours(n)[0].end = "5:00 PM")), []],
    ["no hours-widened: the same hours written another way", billingUpdate((n) => (hours(n)[0].end = "18:00")), []],
    ["quiet-hours alone: a start at 7 AM (also widened)", billingUpdate((n) => (hours(n)[2].start = "7:00 AM")), ["hours-widened:billing", "quiet-hours:billing"]],
    ["more-attempts", billingUpdate((n) => (n.dialingStrategy.maxAttemptsPerRecord = 10)), ["more-attempts:billing"]],
    ["no more-attempts: fewer", billingUpdate((n) => (n.dialingStrategy.maxAttemptsPerRecord = 2)), []],
    ["shorter-retry", billingUpdate((n) => (n.dialingStrategy.defaultRetryPeriod = 5)), ["shorter-retry:billing"]],
    ["no shorter-retry: longer", billingUpdate((n) => (n.dialingStrategy.defaultRetryPeriod = 30)), []],
    ["mode-changed", billingUpdate((n) => ((n.dialingMode = "Progressive"), delete n.maxSkips)), ["mode-changed:billing"]],
    ["schedule-changed: a weekly schedule added", billingUpdate((n) => (n.schedule = { enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", days: ["MO"] } })), ["schedule-changed:billing"]],
    ["no schedule-changed: no schedule in the new spelling (the fixture has the old one)", billingUpdate((n) => (n.schedule = { enabled: false })), []],
    ["nothing: a description edit", billingUpdate((n) => (n.description = "Reminds customers of bills.")), []],
  ])("%s", (_case, preview, expected) => {
    expect(ids(preview)).toEqual(expected);
  });

  test("the quiet-hours window is configurable", () => {
    const preview = billingUpdate((n) => (hours(n)[0].end = "8:00 PM"));
    expect(reviewOf(preview, { start: 9 * 60, end: 19 * 60 }).flags.map((f) => f.id)).toEqual(["hours-widened", "quiet-hours"]);
    expect(reviewOf(preview).flags.find((f) => f.id === "quiet-hours")).toBeUndefined();
  });

  test("the README's example comment is the review of the change-set fixture, as printed today", () => {
    const preview = fixture("change-set");
    const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    expect(readme).toContain(`\`\`\`\`markdown\n${renderMarkdown(reviewOf(preview), preview).trimEnd()}\n\`\`\`\``);
  });

  test("the flag ids are the documented ones, in the README's table", () => {
    expect(FLAG_IDS).toEqual(["starts", "stops", "deletes-active", "contact-lists", "hours-widened", "more-attempts", "shorter-retry", "mode-changed", "schedule-changed", "quiet-hours", "code-changed"]);
    const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    for (const id of FLAG_IDS) expect(readme).toMatch(new RegExp(`^\\| \`${id}\` \\|`, "m"));
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
