/**
 * The review of SMS campaigns (issue 26): tests/fixtures/preview/sms.json, a preview in the shape the CLI
 * writes (written by hand until the SmsCampaign resource ships, then to be captured like the others), and
 * steps derived from it with one input changed by hand. The fixture: `reminders` is created with
 * started: true and a plain text of 170 GSM-7 characters; `offers`, Active, changes its template body to
 * one of 90 characters holding a curly apostrophe (UCS-2). Both text MO-FR 9:00 AM-6:00 PM Asia/Kolkata.
 * Expected values are written by hand (segment counts from 3GPP TS 23.038's sizes: 160/153 septets,
 * 70/67 UTF-16 units; digests from `sha256sum`).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parsePreview, renderJson, renderMarkdown, reviewOf as review, type Preview } from "../../provider/review";
import { runReview } from "../../provider/cli/review";
import { UNKNOWN } from "../../provider/shared/properties";

const FIXTURES = path.resolve(__dirname, "../fixtures/preview");
const fixture = (name: string): Preview => parsePreview(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"), name);
/** Monday 7 December 2026, 00:00 UTC (5:30 AM in Asia/Kolkata). */
const NOW = Date.UTC(2026, 11, 7);
const reviewOf = (p: Preview, policies?: string[]) => review(p, { now: NOW, ...(policies ? { policies } : {}) });
const ids = (p: Preview) => reviewOf(p).flags.map((f) => `${f.id}:${f.resourceName}`);
const text = (p: Preview, id: string, name: string) => reviewOf(p).flags.find((f) => f.id === id && f.resourceName === name)?.explanation;

type Inputs = Record<string, any>;

const REMINDER_TEXT =
  "Hi, this is Acme Energy. Your bill for December is ready. Pay by 20th December to avoid a late fee. Reply STOP to opt out. Questions? Call us on 0800 123 456, 9am to 6pm.";
const OLD_BODY = "Your plan renews soon. Reply YES to renew at the same price.";
const NEW_BODY = "Your plan renews on 1 January. Don\u2019t miss our offer: reply YES to renew at the same price.";

/** The fixture with the steps of `name` edited: `next` its new inputs, `old` its old inputs (state's outputs follow them), `state` merged into the outputs. */
function edited(name: "reminders" | "offers", next: (inputs: Inputs) => void, old: (inputs: Inputs) => void = () => undefined, state: Inputs = {}): Preview {
  const preview = structuredClone(fixture("sms"));
  const step = preview.steps.find((s) => s.urn.endsWith(`::${name}`))!;
  next(step.newState!.inputs as Inputs);
  if (step.oldState) {
    old(step.oldState.inputs as Inputs);
    step.oldState.outputs = { ...step.oldState.outputs, ...step.oldState.inputs, ...state };
  }
  return preview;
}
const hours = (inputs: Inputs) => inputs.dialingStrategy.callingHours.days as Array<{ day: string; start: string; end: string }>;

/** The same preview as the native plugin writes it: kore:index:SmsCampaign, no __provider. */
function asNative(preview: Preview): Preview {
  const out = structuredClone(preview);
  const retype = (t: string) => t.replace("pulumi-nodejs:dynamic/kore:SmsCampaign", "kore:index:SmsCampaign").replace("pulumi-nodejs:dynamic/kore:ContactList", "kore:index:ContactList");
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
function gate(preview: Preview, args: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-sms-"));
  const file = path.join(dir, "preview.json");
  fs.writeFileSync(file, JSON.stringify(preview));
  const out: string[] = [];
  const err: string[] = [];
  const code = runReview(["--preview", file, "--now", "2026-12-07T00:00:00Z", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  fs.rmSync(dir, { recursive: true });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("an SMS campaign is a campaign of channel sms", () => {
  test("both SMS steps are reviewed as campaigns, with their fields through the SMS diff", () => {
    const r = reviewOf(fixture("sms"));
    expect(r.changes.map((c) => [c.kind, c.channel, c.resourceName, c.koreName, c.operation, c.fields])).toEqual([
      ["campaign", "sms", "offers", "Review SMS Offers", "update", [{ path: "message.body", old: OLD_BODY, new: NEW_BODY }]],
      ["campaign", "sms", "reminders", "Review SMS Reminders", "create", []],
    ]);
  });

  test("created with started: true: starts, worded \"starts texting\" in the flag and the summary", () => {
    const preview = fixture("sms");
    expect(ids(preview)).toEqual(["starts:reminders"]);
    expect(text(preview, "starts", "reminders")).toBe("a new campaign with started: true: starts texting from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
    expect(reviewOf(preview).summary).toBe("2 campaigns change: 1 starts texting, 1 update");
    const run = gate(preview, ["--fail-on", "starts"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("starts (reminders) raised");
  });

  test("started not shown in the preview: judged as true, worded as may", () => {
    const preview = edited("reminders", (n) => (n.started = UNKNOWN));
    expect(text(preview, "starts", "reminders")).toBe("a new campaign; started is not known in the preview (unknown or secret): judged as true: may start texting from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
  });

  test("created with started: false: no flag", () => {
    expect(ids(edited("reminders", (n) => (n.started = false)))).toEqual([]);
  });

  test("the native plugin's kore:index:SmsCampaign is reviewed like the dynamic type", () => {
    const native = asNative(fixture("sms"));
    expect(native.steps.some((s) => s.urn.endsWith("::kore:index:SmsCampaign::reminders"))).toBe(true);
    expect(reviewOf(native).changes.map((c) => `${c.channel}:${c.resourceName}:${c.operation}`)).toEqual(["sms:offers:update", "sms:reminders:create"]);
    expect(reviewOf(native).flags).toEqual(reviewOf(fixture("sms")).flags);
  });

  test("voice keeps its words beside SMS: one summary counts each apart", () => {
    const both = structuredClone(fixture("change-set"));
    both.steps.push(...fixture("sms").steps.filter((s) => s.urn.includes("SmsCampaign")));
    const r = reviewOf(both);
    expect(r.summary).toBe("5 campaigns change: 1 starts dialing, 1 starts texting, 1 deletion of an Active campaign, 2 updates");
    expect(text(both, "starts", "renewals")).toBe("started goes from false to true: dials from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
  });

  test("the comment names an SMS campaign as such in its row", () => {
    const preview = fixture("sms");
    expect(renderMarkdown(reviewOf(preview), preview)).toContain("| reminders (SMS campaign) | Review SMS Reminders | create |  |");
  });
});

describe("calling hours and running: judged as for voice", () => {
  test("Monday's end 6 PM -> 8 PM on the Active campaign is hours-widened, from Monday 6 PM", () => {
    const preview = edited("offers", (n) => (hours(n)[0].end = "8:00 PM"));
    expect(ids(preview)).toEqual(["hours-widened:offers", "starts:reminders"]);
    expect(text(preview, "hours-widened", "offers")).toBe("calling hours widen: MO gains 6:00 PM to 8:00 PM; texts newly from Mon 2026-12-07 6:00 PM Asia/Kolkata (Mon 2026-12-07 12:30 UTC)");
    const run = gate(preview, ["--fail-on", "hours-widened"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("hours-widened (offers) raised");
  });

  test("the same widening on a campaign that is not started texts nobody: no hours-widened", () => {
    const preview = edited("offers", (n) => ((n.started = false), (hours(n)[0].end = "8:00 PM")), (o) => (o.started = false), { status: "Stopped" });
    expect(ids(preview)).toEqual(["starts:reminders"]);
  });

  test("the zone moved (Asia/Kolkata -> America/New_York) is hours-widened, and calling hours reaching 10 PM get the quiet-hours reminder", () => {
    const preview = edited("offers", (n) => ((n.dialingStrategy.callingHours.timezone = "America/New_York"), (hours(n)[0].end = "10:00 PM")));
    expect(ids(preview)).toEqual(["hours-widened:offers", "quiet-hours:offers", "starts:reminders"]);
    // Monday 9:00 AM in New York (EST, UTC-5) is 14:00 UTC: after Kolkata's Monday window (03:30-12:30 UTC)
    expect(text(preview, "hours-widened", "offers")).toBe("calling hours widen: time zone Asia/Kolkata → America/New_York; texts newly from Mon 2026-12-07 9:00 AM America/New_York (Mon 2026-12-07 14:00 UTC)");
    expect(text(preview, "quiet-hours", "offers")).toBe("reminder: calling hours reach outside 8:00 AM to 9:00 PM (America/New_York): MO 9:00 AM to 10:00 PM");
  });

  test("started true -> false on the Active campaign: stops, worded \"stops texting\"", () => {
    const preview = edited("offers", (n) => (n.started = false));
    expect(ids(preview)).toEqual(["stops:offers", "starts:reminders"]);
    expect(text(preview, "stops", "offers")).toBe("started goes from true to false: the campaign stops texting");
    expect(reviewOf(preview).summary).toBe("2 campaigns change: 1 starts texting, 1 stops texting");
  });

  test("a contact list added: contact-lists, in SMS words", () => {
    const preview = edited("offers", (n) => n.contactLists.push("Another List"));
    expect(text(preview, "contact-lists", "offers")).toBe("the contact lists it texts change");
  });

  test("a weekly schedule added to a stopped campaign: starts (Kore starts it on its dates) and schedule-changed", () => {
    const schedule = { enabled: true, start: "2026-12-14 00:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", days: ["MO"] } };
    const preview = edited("offers", (n) => ((n.started = false), (n.schedule = schedule)), (o) => (o.started = false), { status: "Stopped" });
    expect(ids(preview)).toEqual(["starts:offers", "schedule-changed:offers", "starts:reminders"]);
    expect(text(preview, "starts", "offers")).toBe("its schedule is enabled: Kore starts it on its dates: starts texting from Mon 2026-12-14 9:00 AM Asia/Kolkata (Mon 2026-12-14 03:30 UTC)");
  });

  test("the same hours written another way are no change (the SMS normalization)", () => {
    const preview = edited("offers", (n) => ((n.message.body = OLD_BODY), (hours(n)[0].end = "18:00")));
    expect(reviewOf(preview).changes.map((c) => c.resourceName)).toEqual(["reminders"]);
  });
});

describe("each SMS message's length in segments", () => {
  const messages = (p: Preview) => (reviewOf(p).messages ?? []).map((m) => `${m.resourceName}: ${m.text}`);

  test("a create and a changed template body: each stated, in the comment and the JSON", () => {
    const preview = fixture("sms");
    // 170 septets: more than 160, so split in parts of 153: 2 segments. 90 UTF-16 units (the ’ makes it UCS-2): more than 70, parts of 67: 2
    expect(messages(preview)).toEqual(["offers: message (template body): 2 SMS segments (UCS-2, 90 UTF-16 units)", "reminders: message: 2 SMS segments (GSM-7, 170 septets)"]);
    const markdown = renderMarkdown(reviewOf(preview), preview);
    expect(markdown).toContain("**SMS messages**\n\n- offers: message (template body): 2 SMS segments (UCS-2, 90 UTF-16 units)\n- reminders: message: 2 SMS segments (GSM-7, 170 septets)\n");
    expect(JSON.parse(renderJson(reviewOf(preview))).messages).toEqual([
      { resourceName: "offers", text: "message (template body): 2 SMS segments (UCS-2, 90 UTF-16 units)" },
      { resourceName: "reminders", text: "message: 2 SMS segments (GSM-7, 170 septets)" },
    ]);
  });

  test("a short text is one segment; a text of 160 septets is one, 161 two", () => {
    expect(messages(edited("reminders", (n) => (n.message.text = "Your bill is ready."))).slice(-1)).toEqual(["reminders: message: 1 SMS segment (GSM-7, 19 septets)"]);
    expect(messages(edited("reminders", (n) => (n.message.text = "a".repeat(160)))).slice(-1)).toEqual(["reminders: message: 1 SMS segment (GSM-7, 160 septets)"]);
    expect(messages(edited("reminders", (n) => (n.message.text = "a".repeat(161)))).slice(-1)).toEqual(["reminders: message: 2 SMS segments (GSM-7, 161 septets)"]);
  });

  test("an update that leaves the message alone states nothing for it", () => {
    const preview = edited("offers", (n) => ((n.message.body = OLD_BODY), (n.description = "Renewal offers.")));
    expect(messages(preview)).toEqual(["reminders: message: 2 SMS segments (GSM-7, 170 septets)"]);
  });

  test("a template body with dynamic fields: counted as written, and said so ({ and } cost two septets each)", () => {
    const preview = edited("offers", (n) => (n.message.body = "Hi {{name}}, your plan renews soon."));
    expect(messages(preview)[0]).toBe("offers: message (template body): 1 SMS segment (GSM-7, 39 septets); as written: the values of its dynamic fields change it");
  });

  test("a text not shown in the preview: its length is not known; an advanced campaign (no message) states nothing", () => {
    expect(messages(edited("reminders", (n) => (n.message.text = UNKNOWN))).slice(-1)).toEqual(["reminders: message: not shown in the preview (unknown or secret): its length in SMS segments is not known"]);
    const advanced = edited("reminders", (n) => ((n.format = "advanced"), delete n.message, (n.experienceFlowName = "Renewals Flow")));
    expect(messages(advanced)).toEqual(["offers: message (template body): 2 SMS segments (UCS-2, 90 UTF-16 units)"]);
  });

  test("a message never appears whole: the comment, the JSON and the record show a short excerpt with its length and digest", () => {
    const preview = edited("offers", (n) => (n.message.body = REMINDER_TEXT), (o) => (o.message.body = NEW_BODY));
    const markdown = renderMarkdown(reviewOf(preview), preview);
    const recorded = gate(preview, ["--record"]).stdout;
    const record = Buffer.from(/record v1: ([A-Za-z0-9+/=]+) -->/.exec(recorded)![1], "base64").toString("utf8");
    for (const out of [markdown, renderJson(reviewOf(preview)), record]) {
      for (const whole of [REMINDER_TEXT, NEW_BODY, OLD_BODY]) expect(out).not.toContain(whole);
      expect(out).not.toContain("Pay by 20th December");
      expect(out).toContain("Your plan renews on 1 Ja… (90 characters, sha256 ecf03513ec14)");
      expect(out).toContain("Hi, this is Acme Energy.… (170 characters, sha256 31d375ca3174)");
    }
    expect(markdown).toContain('| offers (SMS campaign) | Review SMS Offers | update | `message.body: "Your plan renews on 1 Ja… (90 characters, sha256 ecf03513ec14)" → "Hi, this is Acme Energy.… (170 characters, sha256 31d375ca3174)"` |');
  });

  test("two bodies alike in their first characters and length still differ in the record (the digest)", () => {
    const a = "Your plan renews soon. Reply YES to renew at the same price!";
    const preview = edited("offers", (n) => (n.message.body = a));
    const field = JSON.parse(renderJson(reviewOf(preview))).changes[0].fields[0];
    expect(field).toEqual({ path: "message.body", old: "Your plan renews soon. R… (60 characters, sha256 7f1d99367943)", new: expect.stringMatching(/^Your plan renews soon\. R… \(60 characters, sha256 [0-9a-f]{12}\)$/) });
    expect(field.new).not.toBe(field.old);
  });

  test("a message that is a secret is [secret], never its value", () => {
    const preview = edited("offers", (n) => (n.message.body = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1ddbc9f3", value: "SECRET-BODY-7731" }));
    const out = renderMarkdown(reviewOf(preview), preview) + renderJson(reviewOf(preview));
    expect(out).not.toContain("SECRET-BODY-7731");
    expect(out).toContain("message.body: \"Your plan renews soon. R… (60 characters, sha256 7f1d99367943)\" → [secret]");
    expect(reviewOf(preview).messages![0].text).toBe("message (template body): not shown in the preview (unknown or secret): its length in SMS segments is not known");
  });
});

describe("compliance (--policy): the rules judge an SMS campaign's calling hours", () => {
  const inFlorida = (i: Inputs) => (i.recipients = { regions: ["US-FL"] });

  test("created for recipients in Florida: 9 AM in Kolkata is 9:30 PM in Chicago and 10:30 PM in New York; the federal and Florida hours are raised", () => {
    const preview = edited("reminders", inFlorida);
    const flags = reviewOf(preview, ["us"]).flags.filter((f) => f.id === "compliance");
    expect(flags.map((f) => f.resourceName)).toEqual(["reminders"]);
    const messages = flags[0].explanation.split("; ").filter((m) => m.startsWith("campaign "));
    expect(messages.map((m) => /\(([a-z-]+):/.exec(m)![1])).toEqual(["us-federal-hours", "us-federal-hours", "us-fl-hours", "us-fl-hours"]);
    expect(flags[0].explanation).toContain(
      'campaign "Review SMS Reminders" texts at Sun 2026-12-06 9:30 PM America/Chicago (Mon 2026-12-07 03:30 UTC), outside 8:00 AM-9:00 PM, the recipients\' local time, for recipients in America/Chicago (us-federal-hours:',
    );
    // Florida's statute names calls: the text is judged as a call, and the finding says so
    expect(flags[0].explanation).toContain(
      "campaign \"Review SMS Reminders\" texts at Sun 2026-12-06 10:30 PM America/New_York (Mon 2026-12-07 03:30 UTC), outside 8:00 AM-8:00 PM, the recipients' local time, for recipients in America/New_York (us-fl-hours: commercial telephone solicitation calls only 8 a.m.-8 p.m. at the called person's location; Fla. Stat. § 501.616(6)(a), as amended by CS/SB 1120 (2021); the rule names calls: a text is judged as a call, as US rules treat it)",
    );
    // no calls-per-24h finding (one text per run), no warning about attempts or ring time an SMS campaign has not got
    expect(flags[0].explanation).not.toContain("us-fl-frequency");
    expect(reviewOf(preview, ["us"]).compliance?.notes.map((n) => n.resourceName)).toEqual(["offers"]); // offers declares no recipients: its warning only
    expect(gate(preview, ["--policy", "us", "--fail-on", "compliance"]).code).toBe(2);
  });

  test("recipients in India: 9 AM-6 PM IST is legal; Monday to 9:30 PM on the Active campaign is newly illegal", () => {
    const inIndia = (i: Inputs) => (i.recipients = { regions: ["IN"] });
    expect(reviewOf(edited("offers", inIndia, inIndia), ["in"]).flags.filter((f) => f.id === "compliance")).toEqual([]);
    const late = edited("offers", (n) => (inIndia(n), (hours(n)[0].end = "9:30 PM")), inIndia);
    const [flag] = reviewOf(late, ["in"]).flags.filter((f) => f.id === "compliance");
    expect(flag.resourceName).toBe("offers");
    expect(flag.explanation).toContain('campaign "Review SMS Offers" texts at Mon 2026-12-07 9:00 PM Asia/Kolkata (Mon 2026-12-07 15:30 UTC), outside 9:00 AM-9:00 PM');
    expect(flag.explanation).toContain("in-trai-hours");
    expect(flag.explanation).not.toContain("the rule names calls"); // TRAI's rule names texts
  });

  test("the recipients of the contact list the SMS campaign names count (the list's step in the preview)", () => {
    const preview = structuredClone(fixture("sms"));
    const list = preview.steps.find((s) => s.urn.endsWith("kore:ContactList::renewals"))!;
    (list.newState!.inputs as Inputs).recipients = { regions: ["US-NY"] };
    (list.oldState!.inputs as Inputs).recipients = { regions: ["US-NY"] };
    const flags = reviewOf(preview, ["us"]).flags.filter((f) => f.id === "compliance");
    expect(flags.map((f) => f.resourceName)).toEqual(["reminders"]); // offers broke it before too: listed apart
    expect(reviewOf(preview, ["us"]).compliance?.notes.map((n) => [n.resourceName, n.kind])).toEqual([["offers", "existing"]]);
  });
});
