/**
 * provider/gitops for SMS campaign files (sms-campaigns/ beside campaigns/): loaded beside the voice files
 * (`smsDefinitions`), every failure at its file and line, unknown keys with suggestions from the SMS keys,
 * renamedFrom as in voice files, one namespace of names for voice and SMS campaigns, and the contact lists
 * SMS files name checked as voice ones are. Test data: the SMS pages' sample request bodies
 * (tests/fixtures/sms-samples.ts); expected lines are read from the YAML text, messages written by hand.
 */
import * as path from "path";
import { formatGithubAnnotation, formatProblem, loadDefinitions } from "../../provider/gitops";
import { validateSmsCampaign } from "../../provider/resources/sms-campaign/schema";
import { SMS_FORMAT_FIELDS, buildSmsJsonSchema } from "../../scripts/generate-schema";
import { DECLARED_SAMPLE_LIST, DECLARED_SMS_SAMPLE_LIST, lineOf, preview, removeTrees, smsAdvanced, smsSimple, toYaml, writeTree } from "./helpers";

afterAll(removeTrees);

/** An SMS file written by hand around `middle` (message and the like), with the without-template page's values. */
const smsFile = (middle: string, name = "Event Reminder SMS Campaign") =>
  `name: ${name}
description: Sends a one-time message to remind users about an upcoming event.
contactLists:
  - Renewal Due - May/June 2025
priority: "5"
${middle}dialingStrategy:
  callerId:
    phoneNumber: "+919876543210"
  callingHours:
    frequency: WEEKLY
    timezone: Asia/Kolkata
    days:
      - { day: MO, start: "9:00 AM", end: "6:00 PM" }
`;

const PLACEHOLDER_RULE =
  'must not contain a placeholder such as "{{name}}" or "{name}": no placeholder syntax is documented for a simple text, which every contact receives as typed; use a pre-approved template for personalised content';

const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ day, start: "9:00 AM", end: "6:00 PM" }));

describe("SMS campaign files", () => {
  test("sms-campaigns/ beside campaigns/ is read: each file an SMS definition, named by its file, beside the voice ones", () => {
    const dir = writeTree({
      "campaigns/billing.yaml": toYaml(preview()),
      "sms-campaigns/event-reminder.yaml": toYaml({ ...smsSimple(), renamedFrom: ["reminder-2025.yaml"] }),
      "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST,
      "contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST,
    });
    const result = loadDefinitions(path.join(dir, "campaigns"));
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.files.map((f) => path.relative(dir, f))).toEqual(["campaigns/billing.yaml", "sms-campaigns/event-reminder.yaml", "contact-lists/recent.yaml", "contact-lists/renewal.yaml"]);
    expect(result.definitions.map((d) => d.resourceName)).toEqual(["billing"]);
    // the without-template page's sample body, as the SMS definition reads it
    expect(result.smsDefinitions).toEqual([
      {
        file: path.join(dir, "sms-campaigns", "event-reminder.yaml"),
        resourceName: "event-reminder",
        renamedFrom: ["reminder-2025"],
        spec: {
          name: "Event Reminder SMS Campaign",
          description: "Sends a one-time message to remind users about an upcoming event. No template or personalization is used—just a plain, direct message.",
          contactLists: ["Renewal Due - May/June 2025"],
          priority: "5",
          format: "simple",
          message: { text: "Hi, This is just reminder for upcoming event" },
          dialingStrategy: { callerId: { phoneNumber: "+919876543210" }, callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: WEEKDAYS } },
          schedule: { enabled: false },
          started: false,
          adoptExisting: false,
        },
      },
    ]);
  });

  test("a bad message is a problem at its line: a placeholder, an empty message, a template without its body", () => {
    const placeholder = smsFile('message:\n  text: "Hi {{name}}, your event starts soon"\n');
    const empty = smsFile("message: {}\n", "Empty Reminder");
    const noBody = smsFile("message:\n  template:\n    name: Payment Reminder Template\n", "Billing Alert Template Campaign");
    const dir = writeTree({
      "sms-campaigns/placeholder.yaml": placeholder,
      "sms-campaigns/empty.yaml": empty,
      "sms-campaigns/no-body.yaml": noBody,
      "contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST,
    });
    const result = loadDefinitions(path.join(dir, "sms-campaigns"));
    expect(result.problems.map((p) => formatProblem(p, { relativeTo: dir }))).toEqual([
      `sms-campaigns/empty.yaml:${lineOf(empty, /^message: \{\}/)}: message.text: is required (or a template): an empty message is refused`,
      `sms-campaigns/no-body.yaml:${lineOf(noBody, /^message:/)}: message.body: is required with a template: the API requires the template's registered body beside it`,
      `sms-campaigns/placeholder.yaml:${lineOf(placeholder, /^\s+text: "Hi \{\{name\}\}/)}: message.text: ${PLACEHOLDER_RULE} (found "{{name}}")`,
    ]);
    expect(result.warnings).toEqual([]);
    expect(result.smsDefinitions).toEqual([]);
  });

  test("unknown keys: the closest SMS key, the object a key belongs in, the API-spelling hints, the keys an object accepts", () => {
    const written = smsFile('campaignType: sms\ndialingMode: Agentless\nmesage: hello\nmessage:\n  txt: Hi there\ncallerId:\n  phoneNumber: "+919876543210"\n').replace(
      "dialingStrategy:\n",
      "dialingStrategy:\n  maxRingTime: 30\n",
    );
    const dir = writeTree({ "sms-campaigns/typos.yaml": written });
    const lines = loadDefinitions(path.join(dir, "sms-campaigns")).problems.map((p) => formatProblem(p, { relativeTo: dir }));
    expect(lines).toEqual([
      `sms-campaigns/typos.yaml:${lineOf(written, /^campaignType/)}: campaignType: is not a known field (leave it out (campaignType is always "sms" and is added for you))`,
      `sms-campaigns/typos.yaml:${lineOf(written, /^dialingMode/)}: dialingMode: is not a known field (leave it out (an SMS campaign has no dialing mode))`,
      `sms-campaigns/typos.yaml:${lineOf(written, /^mesage/)}: mesage: is not a known field; did you mean message?`,
      `sms-campaigns/typos.yaml:${lineOf(written, /^message:/)}: message.text: is required (or a template): an empty message is refused`,
      `sms-campaigns/typos.yaml:${lineOf(written, /^\s+txt:/)}: message.txt: is not a known field; did you mean text?`,
      `sms-campaigns/typos.yaml:${lineOf(written, /^callerId/)}: callerId: is not a field here; it belongs in dialingStrategy`,
      `sms-campaigns/typos.yaml:${lineOf(written, /^\s+maxRingTime/)}: dialingStrategy.maxRingTime: is not a known field; known fields here: callerId, callingHours`,
    ]);
  });

  test("renamedFrom as in a voice file: earlier file names, each checked", () => {
    const text = `${smsFile('message:\n  text: "Hi, This is just reminder for upcoming event"\n')}renamedFrom:\n  - reminder\n  - ../elsewhere\n`;
    const dir = writeTree({ "sms-campaigns/reminder.yaml": text, "contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST });
    const lines = loadDefinitions(path.join(dir, "sms-campaigns")).problems.map((p) => formatProblem(p, { relativeTo: dir }));
    expect(lines).toEqual([
      `sms-campaigns/reminder.yaml:${lineOf(text, /- \.\.\/elsewhere/)}: renamedFrom[1]: must be a list of earlier file names (with or without .yaml); each must start with a letter or digit and hold only letters, digits, "-", "_" and "." (at most 100 characters) (got "../elsewhere")`,
    ]);
    const own = writeTree({ "sms-campaigns/reminder.yaml": text.replace("  - ../elsewhere\n", ""), "contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST });
    expect(loadDefinitions(path.join(own, "sms-campaigns")).problems.map((p) => formatProblem(p, { relativeTo: own }))).toEqual([
      `sms-campaigns/reminder.yaml:${lineOf(text, /- reminder$/)}: renamedFrom[0]: "reminder" is this file's own name`,
    ]);
  });

  test("an empty SMS file says what an SMS definition needs; its annotation is titled as an SMS campaign's", () => {
    const dir = writeTree({ "sms-campaigns/empty.yaml": "" });
    const [problem] = loadDefinitions(path.join(dir, "sms-campaigns")).problems;
    expect(formatProblem(problem, { relativeTo: dir })).toBe(
      "sms-campaigns/empty.yaml:1: is empty: an SMS campaign definition needs name, description, contactLists, priority, message (or format: advanced with experienceFlowName) and dialingStrategy",
    );
    expect(formatGithubAnnotation(problem, { relativeTo: dir })).toMatch(/^::error file=sms-campaigns\/empty\.yaml,line=1,title=SMS campaign definition::is empty: /);
  });

  test("a schedule that has ended is a warning at its line, as in a voice file", () => {
    const schedule = { enabled: true, start: "2026-01-05 09:00:00", end: "2026-01-30 18:00:00", repeat: { every: 1, unit: "day" } };
    const text = toYaml({ ...smsSimple(), schedule });
    const dir = writeTree({ "sms-campaigns/reminder.yaml": text, "contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST });
    const result = loadDefinitions(path.join(dir, "sms-campaigns"), { now: () => Date.UTC(2026, 11, 2, 12) });
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => [w.code, w.path, w.line, w.kind])).toEqual([["schedule_ended", "schedule.end", lineOf(text, /end: .*2026-01-30/), "smsCampaign"]]);
  });
});

describe("one namespace: voice and SMS campaigns may not share a name", () => {
  test("an SMS file with a voice file's name (case and spaces aside) is refused, naming both files and lines; even when the SMS file has other problems", () => {
    const voice = toYaml(preview()); // "Billing Reminder Voice Campaign"
    const sms = smsFile('message:\n  text: "Hi {{name}}"\n', '"  billing reminder VOICE campaign "');
    const dir = writeTree({ "campaigns/billing.yaml": voice, "sms-campaigns/billing-sms.yaml": sms, "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST, "contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST });
    const result = loadDefinitions(path.join(dir, "campaigns"));
    expect(result.problems.map((p) => formatProblem(p, { relativeTo: dir }))).toEqual([
      `sms-campaigns/billing-sms.yaml:1: name: "billing reminder VOICE campaign" is also the name of the voice campaign in ${path.join(dir, "campaigns", "billing.yaml")}:${lineOf(voice, /^name:/)} ` +
        "(Kore.ai campaign names are unique, ignoring case; voice and SMS campaigns share one set of names)",
      `sms-campaigns/billing-sms.yaml:${lineOf(sms, /^\s+text:/)}: message.text: ${PLACEHOLDER_RULE} (found "{{name}}")`,
    ]);
    expect(result.problems[0]).toMatchObject({ kind: "smsCampaign", path: "name", code: "duplicate_name" });
    expect(result.definitions.map((d) => d.resourceName)).toEqual(["billing"]); // the voice file is valid on its own
  });

  test("two SMS files with one name: the later one listed is refused, naming the earlier", () => {
    const text = smsFile('message:\n  text: "Hi, This is just reminder for upcoming event"\n');
    const dir = writeTree({ "sms-campaigns/a.yaml": text, "sms-campaigns/b.yaml": text.replace("name: Event Reminder SMS Campaign", "name: EVENT reminder sms campaign"), "contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST });
    const result = loadDefinitions(path.join(dir, "sms-campaigns"));
    expect(result.problems.map((p) => formatProblem(p, { relativeTo: dir }))).toEqual([
      `sms-campaigns/b.yaml:1: name: "EVENT reminder sms campaign" is also the name of the SMS campaign in ${path.join(dir, "sms-campaigns", "a.yaml")}:1 ` +
        "(Kore.ai campaign names are unique, ignoring case; voice and SMS campaigns share one set of names)",
    ]);
  });

  test("a voice and an SMS file may share a file name (different resource types), and an SMS campaign a contact list's name", () => {
    const dir = writeTree({
      "campaigns/reminder.yaml": toYaml(preview()),
      "sms-campaigns/reminder.yaml": toYaml({ ...smsSimple(), name: "Renewal Due - May/June 2025" }),
      "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST,
      "contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST,
    });
    const result = loadDefinitions(path.join(dir, "campaigns"));
    expect(result.problems).toEqual([]);
    expect([result.definitions.map((d) => d.resourceName), result.smsDefinitions.map((d) => d.resourceName)]).toEqual([["reminder"], ["reminder"]]);
  });
});

describe("the contact lists SMS files name", () => {
  test("checked as a voice file's: undeclared is a warning at the entry's line, a case difference an error", () => {
    const undeclared = toYaml(smsSimple());
    const wrongCase = toYaml({ ...smsSimple(), name: "Other Reminder", contactLists: ["recent buyers - q2 2025"] });
    const dir = writeTree({ "sms-campaigns/undeclared.yaml": undeclared, "sms-campaigns/wrong-case.yaml": wrongCase, "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST });
    const result = loadDefinitions(path.join(dir, "sms-campaigns"));
    expect(result.problems.map((p) => formatProblem(p, { relativeTo: dir }))).toEqual([
      `sms-campaigns/wrong-case.yaml:${lineOf(wrongCase, /- recent buyers/)}: contactLists[0]: "recent buyers - q2 2025" differs only in case from the contact list "Recent Buyers - Q2 2025" declared in ` +
        `${path.join(dir, "contact-lists", "recent.yaml")}:1; Kore.ai matches list names exactly: write "Recent Buyers - Q2 2025"`,
    ]);
    expect(result.warnings.map((w) => formatProblem(w, { relativeTo: dir }))).toEqual([
      `sms-campaigns/undeclared.yaml:${lineOf(undeclared, /- Renewal Due/)}: warning: contactLists[0]: names the contact list "Renewal Due - May/June 2025", which no file in contact-lists/ declares. ` +
        "If it exists in Kore.ai outside this stack, declare it there in a file with its name and external: true",
    ]);
  });
});

describe("where the SMS files are", () => {
  test("an sms-campaigns folder given alone holds SMS campaigns and reads the contact-lists/ beside it", () => {
    const dir = writeTree({ "stack/sms-campaigns/reminder.yaml": toYaml(smsSimple()), "stack/contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST });
    const result = loadDefinitions(path.join(dir, "stack", "sms-campaigns"));
    expect([result.problems, result.warnings, result.definitions]).toEqual([[], [], []]);
    expect(result.smsDefinitions.map((d) => d.resourceName)).toEqual(["reminder"]);
  });

  test("a file given by name in an sms-campaigns folder is an SMS file; without one beside campaigns/, none is read", () => {
    const dir = writeTree({ "sms-campaigns/reminder.yaml": toYaml(smsSimple()), "campaigns/billing.yaml": toYaml(preview()) });
    expect(loadDefinitions([path.join(dir, "sms-campaigns", "reminder.yaml")]).smsDefinitions.map((d) => d.resourceName)).toEqual(["reminder"]);
    const without = writeTree({ "campaigns/billing.yaml": toYaml(preview()) });
    expect(loadDefinitions(path.join(without, "campaigns")).files.map((f) => path.relative(without, f))).toEqual(["campaigns/billing.yaml"]);
  });

  test("an explicit smsCampaigns folder replaces the one beside; a missing one is a problem", () => {
    const dir = writeTree({ "campaigns/billing.yaml": toYaml(preview()), "sms-campaigns/ignored.yaml": toYaml(smsSimple()), "sms/reminder.yaml": toYaml(smsAdvanced()) });
    const result = loadDefinitions(path.join(dir, "campaigns"), { smsCampaigns: path.join(dir, "sms") });
    expect(result.problems).toEqual([]);
    expect(result.smsDefinitions.map((d) => [d.resourceName, d.spec.format])).toEqual([["reminder", "advanced"]]);
    const missing = loadDefinitions(path.join(dir, "campaigns"), { smsCampaigns: path.join(dir, "nope") });
    expect(missing.problems.map((p) => [p.file, p.code, p.message])).toEqual([[path.join(dir, "nope"), "not_found", "no such file or folder"]]);
  });
});

describe("the JSON Schema's format rules", () => {
  test("are written out as the SMS rules give them (simple, the default, needs a message; advanced a flow)", () => {
    expect(buildSmsJsonSchema().allOf).toEqual([
      {
        if: { properties: { format: { const: "advanced" } }, required: ["format"] },
        then: { required: ["experienceFlowName"], properties: { message: false } },
        else: { required: ["message"], properties: { experienceFlowName: false } },
      },
      expect.objectContaining({ properties: { message: expect.objectContaining({ oneOf: expect.any(Array) }) } }),
    ]);
  });

  test.each([
    ["simple", smsSimple, "advanced"],
    ["advanced", smsAdvanced, "simple"],
  ] as const)("SMS_FORMAT_FIELDS.%s is what validateSmsCampaign requires and refuses", (format, sample, other) => {
    const { required, refused } = SMS_FORMAT_FIELDS[format];
    for (const field of required) {
      const { [field]: _dropped, ...without } = sample();
      const result = validateSmsCampaign(without);
      expect(result.ok ? [] : result.failures.map((f) => f.message)).toContain(`${field}: is required when format is ${format}`);
    }
    const extra: Record<string, unknown> = { message: { text: "Hi" }, experienceFlowName: "SMS Support Flow" };
    for (const field of refused) {
      const result = validateSmsCampaign({ ...sample(), [field]: extra[field] });
      expect(result.ok ? [] : result.failures.map((f) => f.path === field && f.message.startsWith(`${field}: is only allowed when format is ${other}`))).toContain(true);
    }
  });
});
