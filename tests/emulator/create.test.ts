/** Create in the three documented modes: the answers have the docs' sample shapes. */
import { CAMPAIGN_ID_PATTERN, experienceFlowId } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, named, paths, useEmulator } from "./helpers";

const emulator = useEmulator({ readyDelayMs: 60_000 });
const api = () => paths(emulator().credentials.appId);

const expectedStrategy = {
  callerId: { phoneNumber: "+1812345678" },
  callingHours: {
    frequency: "WEEKLY",
    days: ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ start: "9:00 AM", end: "6:00 PM", day })),
    timezone: "Asia/Kolkata",
  },
  dialingOrder: "FIFO",
  maxAttemptsPerRecord: 3,
  defaultRetryPeriod: 10,
  maxRingTime: 30,
};

test("progressive create answers {status, message, data:{...campaign, id}} with status Preparing", async () => {
  const reply = await call(emulator(), "POST", api().create, { body: SAMPLE_PROGRESSIVE });
  expect(reply.status).toBe(200);
  expect(reply.body.status).toBe("success");
  expect(reply.body.message).toBe("Campaign Service Renewal Outreach Campaign creation in progress");
  expect(reply.body.id).toBeUndefined();
  const data = reply.body.data;
  expect(data).toEqual({
    name: SAMPLE_PROGRESSIVE.name,
    lname: "service renewal outreach campaign",
    description: SAMPLE_PROGRESSIVE.description,
    priority: "5",
    dialingMode: "Progressive",
    dialingStrategy: expectedStrategy,
    status: "Preparing",
    createdAt: expect.any(String),
    updatedAt: expect.any(String),
    id: expect.stringMatching(CAMPAIGN_ID_PATTERN),
    contactLists: ["Recent Buyers - Q2 2025"],
    enableMachineDetect: false,
  });
  expect(data.createdAt).toBe(data.updatedAt);
  expect(new Date(data.createdAt).toISOString()).toBe(data.createdAt);
  expect(emulator().campaign(data.id)?.queue_name).toBe("Default Queue");
});

test("campaign ids look like Kore's: cd- and a uuid without its first hex digit", async () => {
  const reply = await call(emulator(), "POST", api().create, { body: named(SAMPLE_PROGRESSIVE, "Id Shape") });
  const id: string = reply.body.data.id;
  expect(id).toMatch(/^cd-[0-9a-f]{7}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test("preview create answers only {status, message, id, data:{campId}}", async () => {
  const reply = await call(emulator(), "POST", api().create, { body: SAMPLE_PREVIEW });
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({
    status: "success",
    message: "Campaign Billing Reminder Voice Campaign creation in progress",
    id: expect.stringMatching(CAMPAIGN_ID_PATTERN),
    data: { campId: reply.body.id },
  });
  const stored = emulator().campaign(reply.body.id);
  expect(stored).toMatchObject({ dialingMode: "Preview", maxSkips: 1, queue_name: "Default Queue", status: "Preparing" });
});

test("agentless create answers experienceFlow as a cf- id derived from the flow name, not the name", async () => {
  const reply = await call(emulator(), "POST", api().create, { body: SAMPLE_AGENTLESS });
  expect(reply.status).toBe(200);
  expect(reply.body.message).toBe("Campaign Product Feedback Voice Campaign creation in progress");
  const data = reply.body.data;
  expect(data.experienceFlow).toMatch(/^cf-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(data.experienceFlow).toBe(experienceFlowId("Voice Survey Entry Flow"));
  expect(data).not.toHaveProperty("experienceFlowName");
  expect(data).not.toHaveProperty("queue_name");
  expect(data.dialingMode).toBe("Agentless");
  expect(data.status).toBe("Preparing");
});

test("the same flow name gives the same experienceFlow id; another name another id", async () => {
  const a = await call(emulator(), "POST", api().create, { body: named(SAMPLE_AGENTLESS, "Flow A") });
  const b = await call(emulator(), "POST", api().create, { body: named(SAMPLE_AGENTLESS, "Flow B") });
  const c = await call(emulator(), "POST", api().create, { body: { ...named(SAMPLE_AGENTLESS, "Flow C"), experienceFlowName: "Other Flow" } });
  expect(a.body.data.experienceFlow).toBe(b.body.data.experienceFlow);
  expect(c.body.data.experienceFlow).not.toBe(a.body.data.experienceFlow);
});

test("a name already used (compared lowercase) is refused with 409 naming the existing id", async () => {
  const first = await call(emulator(), "POST", api().create, { body: named(SAMPLE_PROGRESSIVE, "Twice Named") });
  const again = await call(emulator(), "POST", api().create, { body: named(SAMPLE_PREVIEW, "TWICE named") });
  expect(again.status).toBe(409);
  expect(again.body).toEqual({ errors: [{ msg: expect.stringContaining(first.body.data.id), code: 409 }] });
  expect(emulator().campaigns().filter((c) => c.lname === "twice named")).toHaveLength(1);
});

test("fields of another mode are not stored (queue_name on Agentless, maxSkips on Progressive)", async () => {
  const agentless = await call(emulator(), "POST", api().create, { body: { ...named(SAMPLE_AGENTLESS, "No Queue"), queue_name: "Q" } });
  const progressive = await call(emulator(), "POST", api().create, { body: { ...named(SAMPLE_PROGRESSIVE, "No Skips"), maxSkips: 3 } });
  expect(emulator().campaign(agentless.body.data.id)).not.toHaveProperty("queue_name");
  expect(emulator().campaign(progressive.body.data.id)).not.toHaveProperty("maxSkips");
});

test("a voice body with campaignType=sms is held to the SMS rules and refused; a missing or unknown campaignType is refused", async () => {
  const appId = emulator().credentials.appId;
  const reply = await call(emulator(), "POST", `/agentassist/api/v1/public/${appId}/campaign?campaignType=sms`, {
    body: named(SAMPLE_PROGRESSIVE, "Sms Query"),
  });
  expect(reply.status).toBe(400);
  expect(reply.body.errors).toContainEqual({ msg: 'campaignType must be one of sms (got "voice")', code: 400 });
  expect(emulator().campaigns().map((c) => c.name)).not.toContain("Sms Query");
  const missing = await call(emulator(), "POST", `/agentassist/api/v1/public/${appId}/campaign`, { body: named(SAMPLE_PROGRESSIVE, "No Query") });
  expect(missing.status).toBe(400);
  expect(missing.body.errors[0].msg).toBe('campaignType query parameter must be "voice" or "sms" (got undefined)');
  const email = await call(emulator(), "POST", `/agentassist/api/v1/public/${appId}/campaign?campaignType=email`, { body: named(SAMPLE_PROGRESSIVE, "Email Query") });
  expect(email.status).toBe(400);
});

test("a body that is not JSON is refused with 400", async () => {
  const reply = await call(emulator(), "POST", api().create, { rawBody: "{not json" });
  expect(reply.status).toBe(400);
  expect(reply.body).toEqual({ errors: [{ msg: "request body is not valid JSON", code: 400 }] });
});

test("unknown paths answer 404 and known paths with another method 405, in the error shape", async () => {
  const unknown = await call(emulator(), "GET", "/agentassist/api/v1/public/x/nothing");
  expect(unknown.status).toBe(404);
  expect(unknown.body.errors[0].code).toBe(404);
  const wrongMethod = await call(emulator(), "PATCH", api().get("cd-1"));
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.allow).toContain("PUT");
});
