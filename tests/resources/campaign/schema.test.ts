/**
 * provider/resources/campaign/schema.ts: every documented rule refuses with its path, rule and value; loose input is
 * normalized; cross-field rules; Pulumi's unknown values; never throwing; the JSON Schema.
 * Test data: the docs' sample request bodies (tests/fixtures/sample-bodies.ts).
 */
import * as fs from "fs";
import * as path from "path";
import {
  KNOWN_KEYS,
  campaignDefinitionSchema,
  campaignSpecSchema,
  failuresFromZodError,
  knownKeysAt,
  validateCampaign,
  type ValidationFailure,
} from "../../../provider/resources/campaign/schema";
import { DAY_CODES, DIALING_MODES, MODE_FIELDS } from "../../../provider/resources/campaign/vocabulary";
import { normalizeTime, normalizeTimezone } from "../../../provider/resources/campaign/normalize";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE, SAMPLE_UPDATE } from "../../fixtures/sample-bodies";
import { inputFromDocBody } from "../../fixtures/doc-samples";
import { SCHEMA_FILE, buildJsonSchema, packageRoot, renderJsonSchema } from "../../../scripts/generate-schema";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const progressive = () => inputFromDocBody(SAMPLE_PROGRESSIVE);
const preview = () => inputFromDocBody(SAMPLE_PREVIEW);
const agentless = () => inputFromDocBody(SAMPLE_AGENTLESS);

function failuresOf(input: unknown, options?: { unknownValue?: unknown }): ValidationFailure[] {
  const result = validateCampaign(input, options);
  if (result.ok) throw new Error(`expected failures, got ok: ${JSON.stringify(result.value)}`);
  return result.failures;
}

function valueOf(input: unknown, options?: { unknownValue?: unknown }) {
  const result = validateCampaign(input, options);
  if (!result.ok) throw new Error(`expected ok, got: ${result.failures.map((f) => f.message).join("; ")}`);
  return result;
}

/** The one failure at `path` (and that there is exactly one there). */
function failureAt(input: unknown, path: string): ValidationFailure {
  const all = failuresOf(input);
  const here = all.filter((f) => f.path === path);
  if (here.length !== 1) throw new Error(`expected one failure at ${path}, got: ${all.map((f) => f.message).join("; ")}`);
  return here[0];
}

describe("the docs' sample request bodies", () => {
  test.each([
    ["progressive", SAMPLE_PROGRESSIVE],
    ["preview", SAMPLE_PREVIEW],
    ["agentless", SAMPLE_AGENTLESS],
    ["update (preview)", SAMPLE_UPDATE],
  ])("the %s sample validates as is (camelCase)", (_name, body) => {
    const { value } = valueOf(inputFromDocBody(body));
    expect(value.name).toBe(body.name);
    expect(value.dialingStrategy).toEqual(body.dialingStrategy);
    expect(value.started).toBe(false);
    expect(value.adoptExisting).toBe(false);
  });

  test("the docs' short caller IDs (+1812345678, +181234567) pass the E.164 pattern", () => {
    expect(valueOf(progressive()).value.dialingStrategy.callerId.phoneNumber).toBe("+1812345678");
    expect(valueOf(preview()).value.dialingStrategy.callerId.phoneNumber).toBe("+181234567");
  });

  test("campaignDefinitionSchema parses a sample and refuses the spec-only fields", () => {
    expect(campaignDefinitionSchema.safeParse(progressive()).success).toBe(true);
    const parsed = campaignDefinitionSchema.safeParse({ ...progressive(), started: true });
    expect(parsed.success).toBe(false);
  });
});

describe("normalization", () => {
  const withWindow = (window: Record<string, unknown>) => {
    const input = progressive();
    input.dialingStrategy.callingHours.days = [window];
    return valueOf(input).value.dialingStrategy.callingHours.days[0];
  };

  test.each([
    ["09:00 am", "9:00 AM"],
    ["9:00AM", "9:00 AM"],
    ["9 am", "9:00 AM"],
    ["9am", "9:00 AM"],
    [" 9:30 p.m. ", "9:30 PM"],
    ["12 pm", "12:00 PM"],
    ["12:15 AM", "12:15 AM"],
    ["00:00", "12:00 AM"],
    ["09:05", "9:05 AM"],
    ["18:00", "6:00 PM"],
    ["23:59", "11:59 PM"],
  ])("time %j -> %j", (loose, normalized) => {
    expect(normalizeTime(loose)).toBe(normalized);
  });

  test("a window's loose times and lowercase day are normalized to Kore's form", () => {
    expect(withWindow({ day: "mo", start: "09:00 am", end: "18:00" })).toEqual({ day: "MO", start: "9:00 AM", end: "6:00 PM" });
  });

  test("an end of 12:00 AM means midnight at the end of the day", () => {
    expect(withWindow({ day: "SA", start: "6 pm", end: "12:00 AM" })).toEqual({ day: "SA", start: "6:00 PM", end: "12:00 AM" });
  });

  test("priority as a number becomes the wire's string", () => {
    expect(valueOf({ ...progressive(), priority: 5 }).value.priority).toBe("5");
    expect(valueOf({ ...progressive(), priority: 1 }).value.priority).toBe("1");
    expect(valueOf({ ...progressive(), priority: "3" }).value.priority).toBe("3");
  });

  test("time zones get their canonical case; links are kept (not swapped for ICU's older id)", () => {
    expect(normalizeTimezone("asia/kolkata")).toBe("Asia/Kolkata");
    expect(normalizeTimezone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(normalizeTimezone("america/new_york")).toBe("America/New_York");
    expect(normalizeTimezone("utc")).toBe("UTC");
    expect(normalizeTimezone("Etc/GMT+5")).toBe("Etc/GMT+5");
    expect(normalizeTimezone("europe/kyiv")).toBe("Europe/Kyiv");
    const input = progressive();
    input.dialingStrategy.callingHours.timezone = "ASIA/KOLKATA";
    expect(valueOf(input).value.dialingStrategy.callingHours.timezone).toBe("Asia/Kolkata");
  });

  test("name, description, contact lists and queue name are trimmed", () => {
    const { value } = valueOf({ ...progressive(), name: "  Renewals  ", description: " Why ", contactLists: [" A ", "B"], queueName: " Q " });
    expect([value.name, value.description, value.contactLists, value.queueName]).toEqual(["Renewals", "Why", ["A", "B"], "Q"]);
  });

  test("calling windows are sorted by day MO..SU, then start, then end", () => {
    const input = progressive();
    input.dialingStrategy.callingHours.days = [
      { day: "SU", start: "10 am", end: "2 pm" },
      { day: "MO", start: "2 pm", end: "6 pm" },
      { day: "mo", start: "9 am", end: "12 pm" },
      { day: "WE", start: "9 am", end: "5 pm" },
    ];
    expect(valueOf(input).value.dialingStrategy.callingHours.days).toEqual([
      { day: "MO", start: "9:00 AM", end: "12:00 PM" },
      { day: "MO", start: "2:00 PM", end: "6:00 PM" },
      { day: "WE", start: "9:00 AM", end: "5:00 PM" },
      { day: "SU", start: "10:00 AM", end: "2:00 PM" },
    ]);
  });

  test("optional fields get their defaults", () => {
    const input = progressive();
    delete input.schedule;
    delete input.enableMachineDetect;
    const { value } = valueOf(input);
    expect(value.schedule).toEqual({ enabled: false });
    expect(value.enableMachineDetect).toBe(false);
    expect(value.started).toBe(false);
    expect(value.adoptExisting).toBe(false);
    expect("maxSkips" in value).toBe(false); // no undefined keys
  });

  test("normalizing is idempotent: a normalized value validates to itself", () => {
    const first = valueOf({ ...progressive(), priority: 4, name: " x " }).value;
    expect(valueOf(first).value).toEqual(first);
  });
});

describe("each rule refuses with its path, rule and value", () => {
  const with_ = (mutate: (input: Record<string, any>) => void, base = progressive) => {
    const input = base();
    mutate(input);
    return input;
  };
  const ds = (mutate: (s: Record<string, any>) => void, base = progressive) => with_((i) => mutate(i.dialingStrategy), base);
  const hours = (mutate: (h: Record<string, any>) => void, base = progressive) => with_((i) => mutate(i.dialingStrategy.callingHours), base);

  test("dialingStrategy.maxRingTime out of range: the exact message", () => {
    const f = failureAt(ds((s) => (s.maxRingTime = 200)), "dialingStrategy.maxRingTime");
    expect(f).toMatchObject({ rule: "must be an integer from 5 to 120 seconds", value: 200, code: "range" });
    expect(f.message).toBe("dialingStrategy.maxRingTime: must be an integer from 5 to 120 seconds (got 200)");
  });

  test.each<[string, Record<string, any>, string, string, unknown]>([
    // [case, input, path, code, value]
    ["name missing", with_((i) => delete i.name), "name", "required", undefined],
    ["name empty after trimming", with_((i) => (i.name = "   ")), "name", "length", "   "],
    ["name of 49 characters", with_((i) => (i.name = "x".repeat(49))), "name", "length", "x".repeat(49)],
    ["name not text", with_((i) => (i.name = 42)), "name", "type", 42],
    ["description missing", with_((i) => delete i.description), "description", "required", undefined],
    ["description of 257 characters", with_((i) => (i.description = "d".repeat(257))), "description", "length", "d".repeat(257)],
    ["contactLists empty", with_((i) => (i.contactLists = [])), "contactLists", "size", []],
    ["contactLists not a list", with_((i) => (i.contactLists = "Recent Buyers")), "contactLists", "type", "Recent Buyers"],
    ["a contact list name empty", with_((i) => (i.contactLists = ["A", " "])), "contactLists[1]", "length", " "],
    ["a contact list twice", with_((i) => (i.contactLists = ["A", "B", " A"])), "contactLists[2]", "duplicate", " A"],
    ["priority 0", with_((i) => (i.priority = 0)), "priority", "enum", 0],
    ["priority 6", with_((i) => (i.priority = "6")), "priority", "enum", "6"],
    ["priority 2.5", with_((i) => (i.priority = 2.5)), "priority", "enum", 2.5],
    ["priority missing", with_((i) => delete i.priority), "priority", "required", undefined],
    ["dialingMode in the wrong case", with_((i) => (i.dialingMode = "progressive")), "dialingMode", "enum", "progressive"],
    ["dialingStrategy missing", with_((i) => delete i.dialingStrategy), "dialingStrategy", "required", undefined],
    ["callerId not an object", ds((s) => (s.callerId = "+15101234567")), "dialingStrategy.callerId", "type", "+15101234567"],
    ["phone number without +", ds((s) => (s.callerId.phoneNumber = "15101234567")), "dialingStrategy.callerId.phoneNumber", "format", "15101234567"],
    ["phone number with spaces", ds((s) => (s.callerId.phoneNumber = "+1 510 123 4567")), "dialingStrategy.callerId.phoneNumber", "format", "+1 510 123 4567"],
    ["phone number with country code 0", ds((s) => (s.callerId.phoneNumber = "+0123456")), "dialingStrategy.callerId.phoneNumber", "format", "+0123456"],
    ["phone number of 16 digits", ds((s) => (s.callerId.phoneNumber = "+1234567890123456")), "dialingStrategy.callerId.phoneNumber", "format", "+1234567890123456"],
    ["frequency MONTHLY", hours((h) => (h.frequency = "MONTHLY")), "dialingStrategy.callingHours.frequency", "enum", "MONTHLY"],
    ["timezone not a zone", hours((h) => (h.timezone = "Mars/Olympus_Mons")), "dialingStrategy.callingHours.timezone", "format", "Mars/Olympus_Mons"],
    ["timezone as an offset", hours((h) => (h.timezone = "+05:30")), "dialingStrategy.callingHours.timezone", "format", "+05:30"],
    ["days empty", hours((h) => (h.days = [])), "dialingStrategy.callingHours.days", "size", []],
    ["a window not an object", hours((h) => (h.days[1] = "MO 9-5")), "dialingStrategy.callingHours.days[1]", "type", "MO 9-5"],
    ["a day code unknown", hours((h) => (h.days[2].day = "MON")), "dialingStrategy.callingHours.days[2].day", "format", "MON"],
    ["a start hour 25", hours((h) => (h.days[0].start = "25:00")), "dialingStrategy.callingHours.days[0].start", "format", "25:00"],
    ["a start without AM/PM", hours((h) => (h.days[0].start = "9")), "dialingStrategy.callingHours.days[0].start", "format", "9"],
    ["a start of 13 PM", hours((h) => (h.days[0].start = "13:00 PM")), "dialingStrategy.callingHours.days[0].start", "format", "13:00 PM"],
    ["an end missing", hours((h) => delete h.days[4].end), "dialingStrategy.callingHours.days[4].end", "required", undefined],
    ["dialingOrder RANDOM", ds((s) => (s.dialingOrder = "RANDOM")), "dialingStrategy.dialingOrder", "enum", "RANDOM"],
    ["maxAttemptsPerRecord 0", ds((s) => (s.maxAttemptsPerRecord = 0)), "dialingStrategy.maxAttemptsPerRecord", "range", 0],
    ["maxAttemptsPerRecord 101", ds((s) => (s.maxAttemptsPerRecord = 101)), "dialingStrategy.maxAttemptsPerRecord", "range", 101],
    ["maxAttemptsPerRecord 2.5", ds((s) => (s.maxAttemptsPerRecord = 2.5)), "dialingStrategy.maxAttemptsPerRecord", "type", 2.5],
    ["maxAttemptsPerRecord as a string", ds((s) => (s.maxAttemptsPerRecord = "3")), "dialingStrategy.maxAttemptsPerRecord", "type", "3"],
    ["defaultRetryPeriod 0", ds((s) => (s.defaultRetryPeriod = 0)), "dialingStrategy.defaultRetryPeriod", "range", 0],
    ["defaultRetryPeriod 1441", ds((s) => (s.defaultRetryPeriod = 1441)), "dialingStrategy.defaultRetryPeriod", "range", 1441],
    ["maxRingTime 4", ds((s) => (s.maxRingTime = 4)), "dialingStrategy.maxRingTime", "range", 4],
    ["maxRingTime 121", ds((s) => (s.maxRingTime = 121)), "dialingStrategy.maxRingTime", "range", 121],
    ["maxRingTime missing", ds((s) => delete s.maxRingTime), "dialingStrategy.maxRingTime", "required", undefined],
    ["isSchedulingEnabled not a boolean", with_((i) => (i.schedule.isSchedulingEnabled = "no")), "schedule.isSchedulingEnabled", "type", "no"],
    ["isSchedulingEnabled: true alone (says nothing about when)", with_((i) => (i.schedule = { isSchedulingEnabled: true })), "schedule.isSchedulingEnabled", "not_allowed", true],
    ["enableMachineDetect as a string", with_((i) => (i.enableMachineDetect = "true")), "enableMachineDetect", "type", "true"],
    ["started not a boolean", with_((i) => (i.started = "yes")), "started", "type", "yes"],
    ["adoptExisting not a boolean", with_((i) => (i.adoptExisting = 1)), "adoptExisting", "type", 1],
    ["queueName empty", with_((i) => (i.queueName = "")), "queueName", "length", ""],
    ["queueName null (null is not absent)", with_((i) => (i.queueName = null)), "queueName", "type", null],
    ["maxSkips negative (Preview)", with_((i) => (i.maxSkips = -1), preview), "maxSkips", "range", -1],
    ["maxSkips 1.5 (Preview)", with_((i) => (i.maxSkips = 1.5), preview), "maxSkips", "type", 1.5],
    ["experienceFlowName empty (Agentless)", with_((i) => (i.experienceFlowName = " "), agentless), "experienceFlowName", "length", " "],
  ])("%s", (_case, input, path, code, value) => {
    const f = failureAt(input, path);
    expect(f.code).toBe(code);
    expect(f.value).toEqual(value);
    expect(f.rule.length).toBeGreaterThan(5);
    expect(f.message.startsWith(`${path}: ${f.rule}`)).toBe(true);
    if (value === undefined) expect(f.message).toBe(`${path}: ${f.rule}`);
    else expect(f.message).toMatch(/\(got .+\)$/);
  });

  test("a missing field's rule says it is required", () => {
    expect(failureAt(with_((i) => delete i.name), "name").message).toBe(
      "name: is required and must be text of 1 to 48 characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)",
    );
  });

  test("a name's length is counted as the emulator counts it: 24 emoji fit, 25 do not", () => {
    expect(validateCampaign({ ...progressive(), name: "😀".repeat(24) }).ok).toBe(true);
    expect(failureAt(with_((i) => (i.name = "😀".repeat(25))), "name").message).toMatch(/^name: must be text of 1 to 48 characters \(UTF-16 units/);
  });

  test("a non-object campaign fails at the root", () => {
    const [f] = failuresOf(null);
    expect(f).toMatchObject({ path: "", code: "type", value: null });
    expect(f.message).toMatch(/^campaign: must be an object .*\(got null\)$/);
  });

  test("rules are worded for people: a few exact messages", () => {
    const messages = failuresOf({
      ...progressive(),
      priority: 9,
      dialingMode: "Manual",
      dialingStrategy: { ...progressive().dialingStrategy, callerId: { phoneNumber: "555-1234" } },
    }).map((f) => f.message);
    expect(messages).toEqual([
      "priority: must be one of 1, 2, 3, 4, 5 (5 is the highest priority) (got 9)",
      "dialingMode: must be one of Progressive, Preview, Agentless (got \"Manual\")",
      'dialingStrategy.callerId.phoneNumber: must be a phone number in E.164 format: "+", the country code and the number, digits only, at most 15 digits (e.g. "+15101234567") (got "555-1234")',
    ]);
  });
});

describe("unknown fields", () => {
  test.each([
    ["", { extra: 1 }, "extra"],
    ["dialingStrategy", { maxRingtime: 30 }, "dialingStrategy.maxRingtime"],
    ["dialingStrategy.callerId", { number: "+1" }, "dialingStrategy.callerId.number"],
    ["dialingStrategy.callingHours", { tz: "UTC" }, "dialingStrategy.callingHours.tz"],
    ["dialingStrategy.callingHours.days[]", { stop: "5 pm" }, "dialingStrategy.callingHours.days[0].stop"],
    ["schedule", { startAt: "2027-01-04 09:00:00" }, "schedule.startAt"],
  ])("an unknown key under %j is refused with the key, its path and the known keys", (objectPath, extra, path) => {
    const input = progressive();
    const target =
      objectPath === "" ? input
      : objectPath === "dialingStrategy.callingHours.days[]" ? input.dialingStrategy.callingHours.days[0]
      : objectPath.split(".").reduce((o: any, k) => o[k], input);
    Object.assign(target, extra);
    const f = failureAt(input, path);
    const key = Object.keys(extra)[0];
    expect(f).toMatchObject({ code: "unknown_field", unknownKey: key, value: (extra as any)[key] });
    expect(f.knownKeys).toEqual(KNOWN_KEYS[objectPath]);
    expect(f.message).toMatch(new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}: is not a known field; known fields here: `));
  });

  test("the API's own spellings get a hint: queue_name, campaignType", () => {
    const failures = failuresOf({ ...progressive(), queue_name: "Default Queue", campaignType: "voice" });
    expect(failures.map((f) => f.message)).toEqual([
      "queue_name: is not a known field (write queueName (the API's queue_name is added for you))",
      'campaignType: is not a known field (leave it out (campaignType is always "voice" and is added for you))',
    ]);
  });

  test("a key that is not an identifier is quoted in the path", () => {
    expect(failureAt({ ...progressive(), "max ring": 1 }, '["max ring"]').unknownKey).toBe("max ring");
  });

  test("knownKeysAt resolves array indexes; KNOWN_KEYS covers every object", () => {
    expect(knownKeysAt("dialingStrategy.callingHours.days[3]")).toEqual(["day", "start", "end"]);
    expect(knownKeysAt("")).toContain("adoptExisting");
    expect(Object.keys(KNOWN_KEYS).sort()).toEqual(
      ["", "dialingStrategy", "dialingStrategy.callerId", "dialingStrategy.callingHours", "dialingStrategy.callingHours.days[]", "recipients", "schedule", "schedule.repeat"].sort(),
    );
  });
});

describe("cross-field rules", () => {
  test.each([
    ["Progressive without queueName", () => { const i = progressive(); delete i.queueName; return i; }, "queueName: required when dialingMode is Progressive"],
    ["Preview without queueName", () => { const i = preview(); delete i.queueName; return i; }, "queueName: required when dialingMode is Preview"],
    ["Preview without maxSkips", () => { const i = preview(); delete i.maxSkips; return i; }, "maxSkips: required when dialingMode is Preview"],
    ["Agentless without experienceFlowName", () => { const i = agentless(); delete i.experienceFlowName; return i; }, "experienceFlowName: required when dialingMode is Agentless"],
    ["Progressive with maxSkips", () => ({ ...progressive(), maxSkips: 2 }), "maxSkips: only allowed when dialingMode is Preview (got 2)"],
    ["Progressive with experienceFlowName", () => ({ ...progressive(), experienceFlowName: "Flow" }), 'experienceFlowName: only allowed when dialingMode is Agentless (got "Flow")'],
    ["Preview with experienceFlowName", () => ({ ...preview(), experienceFlowName: "Flow" }), 'experienceFlowName: only allowed when dialingMode is Agentless (got "Flow")'],
    ["Agentless with queueName", () => ({ ...agentless(), queueName: "Q" }), 'queueName: only allowed when dialingMode is Progressive or Preview (got "Q")'],
    ["Agentless with maxSkips", () => ({ ...agentless(), maxSkips: 0 }), "maxSkips: only allowed when dialingMode is Preview (got 0)"],
  ])("%s", (_case, make, message) => {
    const failures = failuresOf(make());
    expect(failures.map((f) => f.message)).toEqual([message]);
    expect(failures[0].code).toMatch(/^(required|not_allowed)$/);
  });

  test("MODE_FIELDS covers every dialing mode", () => {
    expect(Object.keys(MODE_FIELDS).sort()).toEqual([...DIALING_MODES].sort());
  });

  test("a window must start before it ends", () => {
    const input = progressive();
    input.dialingStrategy.callingHours.days[2] = { day: "WE", start: "6 pm", end: "9 am" };
    const f = failureAt(input, "dialingStrategy.callingHours.days[2].end");
    expect(f).toMatchObject({ code: "window_order", value: "9 am" });
    expect(f.message).toBe('dialingStrategy.callingHours.days[2].end: must be later than start (6:00 PM) (got "9 am")');
  });

  test("a window of no length is refused", () => {
    const input = progressive();
    input.dialingStrategy.callingHours.days[0].end = "9:00 AM";
    expect(failureAt(input, "dialingStrategy.callingHours.days[0].end").code).toBe("window_order");
  });

  test("overlapping windows on a day: the exact message, at the later-listed window", () => {
    const input = progressive();
    input.dialingStrategy.callingHours.days.push({ day: "mo", start: "5 pm", end: "8 pm" });
    const f = failureAt(input, "dialingStrategy.callingHours.days[5]");
    expect(f.code).toBe("overlap");
    expect(f.message).toBe("dialingStrategy.callingHours.days[5]: overlaps days[0] on MO (9:00 AM-6:00 PM)");
  });

  test("the overlap example from the brief (days[1] against days[0])", () => {
    const input = progressive();
    input.dialingStrategy.callingHours.days = [
      { day: "MO", start: "9:00 AM", end: "6:00 PM" },
      { day: "MO", start: "10:00 AM", end: "11:00 AM" },
    ];
    expect(failuresOf(input).map((f) => f.message)).toEqual(["dialingStrategy.callingHours.days[1]: overlaps days[0] on MO (9:00 AM-6:00 PM)"]);
  });

  test("touching windows, and the same hours on other days, do not overlap", () => {
    const input = progressive();
    input.dialingStrategy.callingHours.days.push({ day: "MO", start: "6:00 PM", end: "9:00 PM" }, { day: "SA", start: "9:00 AM", end: "6:00 PM" });
    expect(validateCampaign(input).ok).toBe(true);
  });

  test("identical windows overlap", () => {
    const input = progressive();
    input.dialingStrategy.callingHours.days.push({ day: "FR", start: "9 am", end: "6 pm" });
    expect(failureAt(input, "dialingStrategy.callingHours.days[5]").message).toBe(
      "dialingStrategy.callingHours.days[5]: overlaps days[4] on FR (9:00 AM-6:00 PM)",
    );
  });

  test("cross-field rules are reported together with field failures (even after a check that aborts)", () => {
    const input: Record<string, any> = { ...agentless(), name: "n".repeat(5000), queueName: "Q", maxSkips: 1 };
    delete input.experienceFlowName;
    input.dialingStrategy.maxAttemptsPerRecord = 2.5; // an integer check that stops zod's refinements
    input.dialingStrategy.callingHours.days.push({ day: "MO", start: "8 am", end: "10 am" });
    input.contactLists = ["A", "A"];
    const paths = failuresOf(input).map((f) => f.path);
    expect(paths.sort()).toEqual(
      [
        "name",
        "contactLists[1]",
        "dialingStrategy.maxAttemptsPerRecord",
        "dialingStrategy.callingHours.days[5]",
        "experienceFlowName",
        "queueName",
        "maxSkips",
      ].sort(),
    );
  });

  test("every failure is reported at once", () => {
    const failures = failuresOf({
      name: "",
      description: 7,
      contactLists: [],
      priority: 0,
      dialingMode: "Progressive",
      dialingStrategy: {
        callerId: { phoneNumber: "x" },
        callingHours: { frequency: "YEARLY", timezone: "Nowhere/Land", days: [{ day: "XX", start: "?", end: "?" }] },
        dialingOrder: "RANDOM",
        maxAttemptsPerRecord: 0,
        defaultRetryPeriod: 0,
        maxRingTime: 0,
      },
      enableMachineDetect: "no",
      bogus: true,
    });
    expect(failures.map((f) => f.path).sort()).toEqual(
      [
        "name",
        "description",
        "contactLists",
        "priority",
        "dialingStrategy.callerId.phoneNumber",
        "dialingStrategy.callingHours.frequency",
        "dialingStrategy.callingHours.timezone",
        "dialingStrategy.callingHours.days[0].day",
        "dialingStrategy.callingHours.days[0].start",
        "dialingStrategy.callingHours.days[0].end",
        "dialingStrategy.dialingOrder",
        "dialingStrategy.maxAttemptsPerRecord",
        "dialingStrategy.defaultRetryPeriod",
        "dialingStrategy.maxRingTime",
        "enableMachineDetect",
        "bogus",
        "queueName",
      ].sort(),
    );
  });
});

describe("values unknown during preview", () => {
  const opts = { unknownValue: UNKNOWN };

  test("unknown leaves pass and stay in place; unknownPaths lists them", () => {
    const input = progressive();
    input.name = UNKNOWN;
    input.priority = UNKNOWN;
    input.contactLists = ["A", UNKNOWN];
    input.dialingStrategy.maxRingTime = UNKNOWN;
    input.dialingStrategy.callingHours.timezone = UNKNOWN;
    input.dialingStrategy.callingHours.days[1].start = UNKNOWN;
    const result = valueOf(input, opts);
    expect(result.value.name).toBe(UNKNOWN);
    expect(result.value.priority).toBe(UNKNOWN);
    expect(result.value.dialingStrategy.maxRingTime).toBe(UNKNOWN);
    expect(result.unknownPaths).toEqual(
      expect.arrayContaining(["name", "priority", "contactLists[1]", "dialingStrategy.maxRingTime", "dialingStrategy.callingHours.timezone"]),
    );
  });

  test("a whole unknown object passes", () => {
    const result = valueOf({ ...progressive(), dialingStrategy: UNKNOWN }, opts);
    expect(result.value.dialingStrategy).toBe(UNKNOWN);
    expect(result.unknownPaths).toEqual(["dialingStrategy"]);
  });

  test("a wholly unknown input passes", () => {
    expect(valueOf(UNKNOWN, opts).unknownPaths).toEqual([""]);
  });

  test("a known input has no unknown paths", () => {
    expect(valueOf(progressive(), opts).unknownPaths).toEqual([]);
  });

  test("cross-field rules involving an unknown value are skipped", () => {
    // dialingMode unknown: neither required nor refused fields can be judged
    expect(validateCampaign({ ...progressive(), dialingMode: UNKNOWN, maxSkips: 1, experienceFlowName: "F" }, opts).ok).toBe(true);
    // an unknown queueName on an Agentless campaign may yet be undefined
    expect(validateCampaign({ ...agentless(), queueName: UNKNOWN }, opts).ok).toBe(true);
    // unknown contact lists may differ once known
    expect(validateCampaign({ ...progressive(), contactLists: [UNKNOWN, UNKNOWN] }, opts).ok).toBe(true);
    // a window with an unknown time cannot be said to overlap
    const input = progressive();
    input.dialingStrategy.callingHours.days.push({ day: "MO", start: UNKNOWN, end: "8 pm" });
    input.dialingStrategy.callingHours.days.push({ day: "TU", start: "5 pm", end: UNKNOWN });
    expect(validateCampaign(input, opts).ok).toBe(true);
  });

  test("known failures are still reported next to unknown values", () => {
    const input: Record<string, any> = { ...progressive(), name: UNKNOWN, priority: 9 };
    input.dialingStrategy.maxRingTime = UNKNOWN;
    expect(failuresOf(input, opts).map((f) => f.path)).toEqual(["priority"]);
  });

  test("a required field is still required when its mode is known", () => {
    const input: Record<string, any> = { ...progressive(), name: UNKNOWN };
    delete input.queueName;
    expect(failuresOf(input, opts).map((f) => f.message)).toEqual(["queueName: required when dialingMode is Progressive"]);
  });

  test("an unknown key is still an unknown key, whatever its value", () => {
    expect(failuresOf({ ...progressive(), bogus: UNKNOWN }, opts).map((f) => f.code)).toEqual(["unknown_field"]);
  });

  test("without the option, the marker is just a wrong value", () => {
    expect(failureAt({ ...progressive(), priority: UNKNOWN }, "priority").value).toBe(UNKNOWN);
  });
});

describe("never throws", () => {
  const circular: Record<string, unknown> = { name: "loop" };
  circular.dialingStrategy = circular;
  const throwingGetter = Object.defineProperty({ ...progressive() }, "name", {
    enumerable: true,
    get() {
      throw new Error("boom");
    },
  });
  const hostileProxy = new Proxy(
    {},
    {
      get() {
        throw new Error("trap");
      },
      ownKeys() {
        throw new Error("trap");
      },
      getOwnPropertyDescriptor() {
        throw new Error("trap");
      },
      has() {
        throw new Error("trap");
      },
    },
  );
  let deep: unknown = "bottom";
  for (let i = 0; i < 5000; i++) deep = [deep];
  const nasty: Array<[string, unknown]> = [
    ["undefined", undefined],
    ["null", null],
    ["NaN", NaN],
    ["a number", -0],
    ["a string", "campaign"],
    ["an empty array", []],
    ["a symbol", Symbol("s")],
    ["a bigint", 10n],
    ["a function", () => 1],
    ["a Date", new Date(0)],
    ["a Map", new Map([["name", "x"]])],
    ["a circular object", circular],
    ["a throwing getter", throwingGetter],
    ["a hostile proxy", hostileProxy],
    ["an object without prototype", Object.assign(Object.create(null), { name: "x" })],
    ["a __proto__ key", JSON.parse('{"__proto__": {"name": "x"}, "constructor": 1}')],
    ["deeply nested arrays", { contactLists: deep, dialingStrategy: { callingHours: { days: deep } } }],
    ["wrong shapes everywhere", { name: [], description: {}, contactLists: [null, 1, {}], priority: {}, dialingMode: [], dialingStrategy: [], schedule: "x" }],
    ["bigints and symbols in fields", { ...progressive(), priority: 5n, name: Symbol("n"), dialingStrategy: { ...progressive().dialingStrategy, maxRingTime: 30n } }],
    ["NaN and Infinity in numbers", { ...progressive(), dialingStrategy: { ...progressive().dialingStrategy, maxRingTime: NaN, maxAttemptsPerRecord: Infinity } }],
    ["huge strings", { ...progressive(), name: "n".repeat(1_000_000), description: "d".repeat(1_000_000) }],
  ];

  test.each(nasty)("%s: returns failures, each with path, rule and message", (_name, input) => {
    for (const options of [undefined, { unknownValue: UNKNOWN }]) {
      let result: ReturnType<typeof validateCampaign> | undefined;
      expect(() => (result = validateCampaign(input, options))).not.toThrow();
      expect(result!.ok).toBe(false);
      if (result!.ok) continue;
      expect(result!.failures.length).toBeGreaterThan(0);
      for (const f of result!.failures) {
        expect(typeof f.path).toBe("string");
        expect(typeof f.rule).toBe("string");
        expect(typeof f.message).toBe("string");
        expect(f.message.length).toBeLessThan(600);
      }
    }
  });

  test("thousands of windows and contact lists: one problem each for the count, not one per element", () => {
    const input = progressive();
    input.contactLists = Array.from({ length: 20_000 }, () => "Same List");
    input.dialingStrategy.callingHours.days = Array.from({ length: 5_000 }, (_, i) => ({ day: DAY_CODES[i % 7], start: "9 am", end: "10 am" }));
    const result = validateCampaign(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failures.map((f) => f.message)).toEqual([
        "contactLists: must be a list of 1 to 100 contact list names (got a list of 20000)",
        "dialingStrategy.callingHours.days: must be a list of 1 to 50 calling windows ({ day, start, end }) (got a list of 5000)",
      ].sort());
    }
  });

  test("overlaps are still reported below the cap, each one", () => {
    const input = progressive();
    input.dialingStrategy.callingHours.days = Array.from({ length: 10 }, () => ({ day: "MO", start: "9 am", end: "10 am" }));
    const result = validateCampaign(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failures.filter((f) => f.code === "overlap")).toHaveLength(9);
  });

  test("failuresFromZodError turns a direct parse's error into failures", () => {
    const parsed = campaignSpecSchema.safeParse({ ...progressive(), priority: 0 });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(failuresFromZodError(parsed.error, { priority: 0 }).map((f) => f.path)).toEqual(["priority"]);
  });
});

describe("JSON Schema", () => {
  const schema = buildJsonSchema() as any;

  test("draft 2020-12, with $id and title, strict objects", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toMatch(/campaign/);
    expect(schema.title).toBeTruthy();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.dialingStrategy.additionalProperties).toBe(false);
    expect(schema.properties.dialingStrategy.properties.callingHours.properties.days.items.additionalProperties).toBe(false);
  });

  test("enums, ranges, patterns and defaults come from the rules", () => {
    const strategy = schema.properties.dialingStrategy.properties;
    expect(schema.properties.dialingMode.enum).toEqual([...DIALING_MODES]);
    expect(strategy.maxRingTime).toMatchObject({ type: "integer", minimum: 5, maximum: 120 });
    expect(strategy.defaultRetryPeriod).toMatchObject({ type: "integer", minimum: 1, maximum: 1440 });
    expect(strategy.maxAttemptsPerRecord).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
    expect(strategy.callerId.properties.phoneNumber.pattern).toBe("^\\+[1-9]\\d{1,14}$");
    expect(schema.properties.name).toMatchObject({ type: "string", maxLength: 48 });
    expect(schema.properties.enableMachineDetect.default).toBe(false);
    expect(schema.required).toEqual(["name", "description", "contactLists", "priority", "dialingMode", "dialingStrategy"]);
  });

  test("the time pattern accepts what normalizeTime accepts", () => {
    const pattern = new RegExp(schema.properties.dialingStrategy.properties.callingHours.properties.days.items.properties.start.pattern);
    for (const t of ["9:00 AM", "09:00 am", "9am", "18:00", "12:30 p.m."]) expect(pattern.test(t)).toBe(true);
    for (const t of ["9", "25:00", "13 pm", "noon"]) {
      expect(pattern.test(t)).toBe(false);
      expect(normalizeTime(t)).toBeUndefined();
    }
  });

  test("mode-specific fields are conditional (if/then per dialing mode)", () => {
    const preview = schema.allOf.find((c: any) => c.if.properties.dialingMode.const === "Preview");
    expect(preview.then.required).toEqual(["queueName", "maxSkips"]);
    expect(preview.then.properties).toEqual({ experienceFlowName: false });
  });

  test("every property has a description", () => {
    const missing: string[] = [];
    const walk = (node: any, at: string) => {
      for (const [key, child] of Object.entries<any>(node.properties ?? {})) {
        if (!child.description) missing.push(`${at}${key}`);
        walk(child, `${at}${key}.`);
        if (child.items) walk(child.items, `${at}${key}[].`);
      }
    };
    walk(schema, "");
    expect(missing).toEqual([]);
  });

  test(`the committed ${SCHEMA_FILE} is current (UPDATE_SCHEMA=1 rewrites it)`, () => {
    const file = path.join(packageRoot(__dirname), SCHEMA_FILE);
    if (process.env.UPDATE_SCHEMA === "1") fs.writeFileSync(file, renderJsonSchema());
    expect(fs.readFileSync(file, "utf8")).toBe(renderJsonSchema());
  });
});
