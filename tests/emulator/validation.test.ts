/**
 * Every documented body rule, refused over HTTP with 400 and a message naming the field.
 * Each case starts from a documented sample body and breaks one thing.
 */
import { validateCampaignBody } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, named, paths, useEmulator, type Body } from "./helpers";

const emulator = useEmulator({ readyDelayMs: 50 });
const api = () => paths(emulator().credentials.appId);

type Case = [title: string, sample: Body, change: (b: Body) => void, field: string];

const strategy = (b: Body) => b.dialingStrategy as Body;
const hours = (b: Body) => strategy(b).callingHours as Body;
const day0 = (b: Body) => (hours(b).days as Body[])[0];

const CASES: Case[] = [
  ["name missing", SAMPLE_PROGRESSIVE, (b) => delete b.name, "name"],
  ["name empty", SAMPLE_PROGRESSIVE, (b) => (b.name = ""), "name"],
  ["name 49 characters", SAMPLE_PROGRESSIVE, (b) => (b.name = "x".repeat(49)), "name"],
  ["name not a string", SAMPLE_PROGRESSIVE, (b) => (b.name = 42), "name"],
  ["description 257 characters", SAMPLE_PROGRESSIVE, (b) => (b.description = "d".repeat(257)), "description"],
  ["description not a string", SAMPLE_PROGRESSIVE, (b) => (b.description = ["x"]), "description"],
  ["description missing", SAMPLE_PROGRESSIVE, (b) => delete b.description, "description"],
  ["priority 6", SAMPLE_PROGRESSIVE, (b) => (b.priority = "6"), "priority"],
  ["priority as a number", SAMPLE_PROGRESSIVE, (b) => (b.priority = 5), "priority"],
  ["dialingMode unknown", SAMPLE_PROGRESSIVE, (b) => (b.dialingMode = "Predictive"), "dialingMode"],
  ["dialingStrategy missing", SAMPLE_PROGRESSIVE, (b) => delete b.dialingStrategy, "dialingStrategy"],
  ["callerId.phoneNumber missing", SAMPLE_PROGRESSIVE, (b) => (strategy(b).callerId = {}), "dialingStrategy.callerId.phoneNumber"],
  ["callerId.phoneNumber a number", SAMPLE_PROGRESSIVE, (b) => (strategy(b).callerId = { phoneNumber: 18123 }), "dialingStrategy.callerId.phoneNumber"],
  ["frequency MONTHLY", SAMPLE_PROGRESSIVE, (b) => (hours(b).frequency = "MONTHLY"), "dialingStrategy.callingHours.frequency"],
  ["timezone missing", SAMPLE_PROGRESSIVE, (b) => delete hours(b).timezone, "dialingStrategy.callingHours.timezone"],
  ["days empty", SAMPLE_PROGRESSIVE, (b) => (hours(b).days = []), "dialingStrategy.callingHours.days"],
  ["days not an array", SAMPLE_PROGRESSIVE, (b) => (hours(b).days = { day: "MO" }), "dialingStrategy.callingHours.days"],
  ["day MON", SAMPLE_PROGRESSIVE, (b) => (day0(b).day = "MON"), "dialingStrategy.callingHours.days[0].day"],
  ["start with a leading zero", SAMPLE_PROGRESSIVE, (b) => (day0(b).start = "09:00 AM"), "dialingStrategy.callingHours.days[0].start"],
  ["start without a space", SAMPLE_PROGRESSIVE, (b) => (day0(b).start = "9:00AM"), "dialingStrategy.callingHours.days[0].start"],
  ["end 13:00 PM", SAMPLE_PROGRESSIVE, (b) => (day0(b).end = "13:00 PM"), "dialingStrategy.callingHours.days[0].end"],
  ["end 24-hour", SAMPLE_PROGRESSIVE, (b) => (day0(b).end = "18:00"), "dialingStrategy.callingHours.days[0].end"],
  ["dialingOrder RANDOM", SAMPLE_PROGRESSIVE, (b) => (strategy(b).dialingOrder = "RANDOM"), "dialingStrategy.dialingOrder"],
  ["maxAttemptsPerRecord 0", SAMPLE_PROGRESSIVE, (b) => (strategy(b).maxAttemptsPerRecord = 0), "dialingStrategy.maxAttemptsPerRecord"],
  ["maxAttemptsPerRecord 101", SAMPLE_PROGRESSIVE, (b) => (strategy(b).maxAttemptsPerRecord = 101), "dialingStrategy.maxAttemptsPerRecord"],
  ["maxAttemptsPerRecord 2.5", SAMPLE_PROGRESSIVE, (b) => (strategy(b).maxAttemptsPerRecord = 2.5), "dialingStrategy.maxAttemptsPerRecord"],
  ["maxAttemptsPerRecord as a string", SAMPLE_PROGRESSIVE, (b) => (strategy(b).maxAttemptsPerRecord = "3"), "dialingStrategy.maxAttemptsPerRecord"],
  ["defaultRetryPeriod 0", SAMPLE_PROGRESSIVE, (b) => (strategy(b).defaultRetryPeriod = 0), "dialingStrategy.defaultRetryPeriod"],
  ["defaultRetryPeriod 1441", SAMPLE_PROGRESSIVE, (b) => (strategy(b).defaultRetryPeriod = 1441), "dialingStrategy.defaultRetryPeriod"],
  ["maxRingTime 4", SAMPLE_PROGRESSIVE, (b) => (strategy(b).maxRingTime = 4), "dialingStrategy.maxRingTime"],
  ["maxRingTime 121", SAMPLE_PROGRESSIVE, (b) => (strategy(b).maxRingTime = 121), "dialingStrategy.maxRingTime"],
  ["queue_name missing for Progressive", SAMPLE_PROGRESSIVE, (b) => delete b.queue_name, "queue_name"],
  ["queue_name missing for Preview", SAMPLE_PREVIEW, (b) => delete b.queue_name, "queue_name"],
  ["queue_name empty", SAMPLE_PROGRESSIVE, (b) => (b.queue_name = " "), "queue_name"],
  ["maxSkips missing for Preview", SAMPLE_PREVIEW, (b) => delete b.maxSkips, "maxSkips"],
  ["maxSkips negative", SAMPLE_PREVIEW, (b) => (b.maxSkips = -1), "maxSkips"],
  ["maxSkips fractional", SAMPLE_PREVIEW, (b) => (b.maxSkips = 1.5), "maxSkips"],
  ["experienceFlowName missing for Agentless", SAMPLE_AGENTLESS, (b) => delete b.experienceFlowName, "experienceFlowName"],
  ["enableMachineDetect as a string", SAMPLE_PROGRESSIVE, (b) => (b.enableMachineDetect = "false"), "enableMachineDetect"],
  ["enableMachineDetect missing", SAMPLE_PROGRESSIVE, (b) => delete b.enableMachineDetect, "enableMachineDetect"],
  ["campaignType sms", SAMPLE_PROGRESSIVE, (b) => (b.campaignType = "sms"), "campaignType"],
  ["contactLists empty", SAMPLE_PROGRESSIVE, (b) => (b.contactLists = []), "contactLists"],
  ["contactLists with an empty name", SAMPLE_PROGRESSIVE, (b) => (b.contactLists = ["ok", ""]), "contactLists[1]"],
  ["contactLists missing", SAMPLE_PROGRESSIVE, (b) => delete b.contactLists, "contactLists"],
  ["schedule not an object", SAMPLE_PROGRESSIVE, (b) => (b.schedule = true), "schedule"],
  ["schedule.isSchedulingEnabled not a boolean", SAMPLE_PROGRESSIVE, (b) => (b.schedule = { isSchedulingEnabled: "no" }), "schedule.isSchedulingEnabled"],
];

function broken(sample: Body, change: (b: Body) => void, name: string): Body {
  const body = named(sample, name);
  change(body);
  return body;
}

describe("create refuses", () => {
  test.each(CASES)("%s", async (title, sample, change, field) => {
    const before = emulator().campaigns().length;
    const reply = await call(emulator(), "POST", api().create, { body: broken(sample, change, `Invalid ${title}`.slice(0, 48)) });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual(expect.arrayContaining([{ msg: expect.stringMatching(new RegExp(`^${field.replace(/[[\].]/g, "\\$&")} `)), code: 400 }]));
    expect(emulator().campaigns()).toHaveLength(before);
  });
});

test("the maxRingTime message names the field, the range and the value", async () => {
  const reply = await call(emulator(), "POST", api().create, {
    body: broken(SAMPLE_PROGRESSIVE, (b) => (strategy(b).maxRingTime = 200), "Ring Too Long"),
  });
  expect(reply.body).toEqual({ errors: [{ msg: "dialingStrategy.maxRingTime must be between 5 and 120 (got 200)", code: 400 }] });
});

test("several failures are all reported, one entry each", async () => {
  const reply = await call(emulator(), "POST", api().create, {
    body: broken(SAMPLE_PREVIEW, (b) => {
      b.priority = "0";
      delete b.maxSkips;
      strategy(b).maxRingTime = 1;
    }, "Many Failures"),
  });
  expect(reply.status).toBe(400);
  const msgs = reply.body.errors.map((e: { msg: string }) => e.msg.split(" ")[0]);
  expect(msgs).toEqual(expect.arrayContaining(["priority", "maxSkips", "dialingStrategy.maxRingTime"]));
});

test("a body that is not an object is refused", async () => {
  const reply = await call(emulator(), "POST", api().create, { body: ["not", "an", "object"] });
  expect(reply.status).toBe(400);
  expect(reply.body.errors[0].msg).toContain("request body must be a JSON object");
});

test("update applies the same rules and leaves the campaign unchanged when refused", async () => {
  const id = await createCampaign(emulator(), named(SAMPLE_PREVIEW, "Valid Then Broken"));
  const reply = await call(emulator(), "PUT", api().update(id), {
    body: broken(SAMPLE_PREVIEW, (b) => (strategy(b).defaultRetryPeriod = 2000), "Valid Then Broken"),
  });
  expect(reply.status).toBe(400);
  expect(reply.body.errors[0].msg).toMatch(/^dialingStrategy\.defaultRetryPeriod /);
  expect(emulator().campaign(id)!.dialingStrategy.defaultRetryPeriod).toBe(10);
});

describe("accepts the edges of every range", () => {
  test.each([
    ["name of 48 characters", (b: Body) => (b.name = "n".repeat(48))],
    ["description of 256 characters and empty", (b: Body) => (b.description = "d".repeat(256))],
    ["an empty description", (b: Body) => (b.description = "")],
    ["priority 1", (b: Body) => (b.priority = "1")],
    ["maxSkips 0", (b: Body) => (b.maxSkips = 0)],
    ["12:59 PM and 1:00 AM", (b: Body) => Object.assign(day0(b), { start: "1:00 AM", end: "12:59 PM" })],
    ["SA and SU", (b: Body) => (hours(b).days = [{ day: "SA", start: "10:00 AM", end: "2:00 PM" }, { day: "SU", start: "10:00 AM", end: "2:00 PM" }])],
    ["the low ends", (b: Body) => Object.assign(strategy(b), { maxAttemptsPerRecord: 1, defaultRetryPeriod: 1, maxRingTime: 5, dialingOrder: "LIFO" })],
    ["the high ends", (b: Body) => Object.assign(strategy(b), { maxAttemptsPerRecord: 100, defaultRetryPeriod: 1440, maxRingTime: 120 })],
    ["DAILY, no schedule", (b: Body) => { hours(b).frequency = "DAILY"; delete b.schedule; }],
    ["CUSTOM, scheduling enabled", (b: Body) => { hours(b).frequency = "CUSTOM"; b.schedule = { isSchedulingEnabled: true }; }],
  ])("%s", (_title, change) => {
    const body = named(SAMPLE_PREVIEW, "Edge");
    change(body);
    const v = validateCampaignBody(body);
    expect(v.ok ? [] : v.failures).toEqual([]);
  });
});
