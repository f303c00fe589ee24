/**
 * The review's `compliance` flag (--policy): raised for a rule a change newly breaks, never for one it
 * already broke (listed apart), on the one-field preview the real CLI wrote (tests/fixtures/preview/),
 * with inputs changed by hand. The billing campaign dials MO-FR 9:00 AM-6:00 PM Asia/Kolkata.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parsePreview, renderMarkdown, reviewOf, type Preview } from "../../provider/review";
import { runReview } from "../../provider/cli/review";

const FIXTURES = path.resolve(__dirname, "../fixtures/preview");
/** Monday 7 December 2026, 00:00 UTC. */
const NOW = Date.UTC(2026, 11, 7);

type Inputs = Record<string, any>;

/** The billing update with `old` and `next` inputs edited by hand (state's outputs follow the old inputs). */
function billing(oldEdit: (old: Inputs) => void, nextEdit: (next: Inputs) => void, extraSteps: Preview["steps"] = []): Preview {
  const preview = structuredClone(parsePreview(fs.readFileSync(path.join(FIXTURES, "one-field.json"), "utf8"), "one-field"));
  const step = preview.steps.find((s) => s.urn.endsWith("::billing"))!;
  const old = step.oldState!.inputs as Inputs;
  oldEdit(old);
  step.oldState!.outputs = { ...step.oldState!.outputs, ...old };
  const next = structuredClone(old);
  next.dialingStrategy.maxRingTime = 45; // the fixture's own change
  nextEdit(next);
  step.newState!.inputs = next;
  preview.steps.push(...extraSteps);
  return preview;
}

const mondayTo = (end: string) => (i: Inputs) => (i.dialingStrategy.callingHours.days[0].end = end);
const inIndia = (i: Inputs) => (i.recipients = { regions: ["IN"] });
const inNewYork = (i: Inputs) => (i.recipients = { regions: ["US-NY"] });
const flagsOf = (p: Preview, policies?: string[]) => reviewOf(p, { now: NOW, ...(policies ? { policies } : {}) }).flags.filter((f) => f.id === "compliance");

test("a change that makes Monday end at 9:30 PM in Kolkata, for recipients in India, raises compliance with the rule and the first instant", () => {
  const preview = billing(inIndia, (n) => (inIndia(n), mondayTo("9:30 PM")(n)));
  const flags = flagsOf(preview, ["in"]);
  expect(flags).toHaveLength(1);
  expect(flags[0].resourceName).toBe("billing");
  // Mon 7 Dec 2026 21:00 IST = 15:30 UTC
  expect(flags[0].explanation).toContain("dials at Mon 2026-12-07 9:00 PM Asia/Kolkata (Mon 2026-12-07 15:30 UTC)");
  expect(flags[0].explanation).toContain("in-trai-hours");
  expect(flagsOf(preview)).toEqual([]); // opt-in: no --policy, no flag
  expect(flagsOf(billing(inIndia, inIndia), ["in"])).toEqual([]); // 9 AM-6 PM IST is legal
});

test("a rule already broken before the change is not raised, but listed apart in the comment", () => {
  // 9 AM-6 PM Kolkata is 10:30 PM-7:30 AM New York: broken before and after; the change is only maxRingTime
  const preview = billing(inNewYork, inNewYork);
  const review = reviewOf(preview, { now: NOW, policies: ["us"] });
  expect(review.flags.filter((f) => f.id === "compliance")).toEqual([]);
  expect(review.compliance?.notes.map((n) => [n.resourceName, n.kind])).toEqual([["billing", "existing"]]);
  expect(review.compliance?.notes[0].message).toContain("us-federal-hours");
  const comment = renderMarkdown(review, preview);
  expect(comment).toContain("**Compliance (us): not raised by this change**");
  expect(comment).toContain("- already before this change (billing): campaign");
});

test("recipients moved to New York alone is a change that introduces a violation", () => {
  const preview = billing(inIndia, inNewYork);
  const review = reviewOf(preview, { now: NOW, policies: ["us", "in"] });
  expect(review.changes[0].fields.map((f) => f.path)).toEqual(["dialingStrategy.maxRingTime", "recipients"]);
  expect(review.flags.filter((f) => f.id === "compliance").map((f) => f.explanation)).toEqual([expect.stringContaining("us-federal-hours")]);
});

test("the recipients of a contact list the campaign names come from its step, changed or not", () => {
  const list = (recipients: unknown): Preview["steps"][number] => ({
    op: "same",
    urn: "urn:pulumi:review::kore-campaigns::pulumi-nodejs:dynamic:Resource$pulumi-nodejs:dynamic/kore:ContactList::renewals-list",
    oldState: { type: "pulumi-nodejs:dynamic/kore:ContactList", inputs: { name: "Review Renewals 2026", description: "x", recipients }, outputs: {} },
    newState: { type: "pulumi-nodejs:dynamic/kore:ContactList", inputs: { name: "Review Renewals 2026", description: "x", recipients } },
  }) as Preview["steps"][number];
  expect(flagsOf(billing(() => undefined, mondayTo("9:30 PM"), [list({ regions: ["IN"] })]), ["in"]).map((f) => f.id)).toEqual(["compliance"]);
  // no recipients anywhere: a warning listed apart, no flag
  const review = reviewOf(billing(() => undefined, mondayTo("9:30 PM")), { now: NOW, policies: ["in"] });
  expect(review.flags.filter((f) => f.id === "compliance")).toEqual([]);
  expect(review.compliance?.notes.map((n) => n.kind)).toEqual(["warning"]);
  expect(review.compliance?.notes[0].message).toMatch(/^recipients unknown/);
});

test("kore-campaigns review --policy in --fail-on compliance exits 2 for the change, 0 once fixed; an unknown policy is refused", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-review-compliance-"));
  const run = (preview: Preview, args: string[]) => {
    const file = path.join(dir, "preview.json");
    fs.writeFileSync(file, JSON.stringify(preview));
    const out: string[] = [];
    const err: string[] = [];
    const code = runReview(["--preview", file, "--now", "2026-12-07T00:00:00Z", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  try {
    const late = run(billing(inIndia, (n) => (inIndia(n), mondayTo("9:30 PM")(n))), ["--policy", "in", "--fail-on", "compliance"]);
    expect(late.code).toBe(2);
    expect(late.out).toContain("- **compliance** (billing): campaign");
    expect(run(billing(inIndia, inIndia), ["--policy", "in", "--fail-on", "compliance"]).code).toBe(0);
    const bad = run(billing(inIndia, inIndia), ["--policy", "mars"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('unknown policy "mars"');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
