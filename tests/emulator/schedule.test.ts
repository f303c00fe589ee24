/**
 * The v2 schedule endpoint and the statuses it drives (Scheduled, Active, Completed), the clock tests move,
 * and Paused (a supervisor's pause). Decisions the docs leave open: emulator/README.md, emulator/schedule.ts.
 */
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, named, paths, uniqueName, useEmulator, waitForStatus, type Body } from "./helpers";

const emulator = useEmulator({ readyDelayMs: 20 });
const api = () => paths(emulator().credentials.appId);
const scheduleUrl = (name: string, enable = true) =>
  `/campaign/api/v2/public/${emulator().credentials.appId}/campaign/schedule?enableSchedule=${enable}&campaignName=${encodeURIComponent(name)}`;

const WEEKLY: Body = {
  startDateTime: "2027-01-04 09:00:00",
  endDateTime: "2027-01-29 18:00:00",
  recurrenceObject: { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Wed", "Fri"] } },
};

async function readyCampaign(): Promise<{ id: string; name: string }> {
  const name = uniqueName("Sched");
  const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, name));
  await waitForStatus(emulator(), id, "Ready");
  return { id, name };
}

afterEach(() => emulator().clock.set(Date.now()));

test("enable answers the docs' shape, makes the campaign Scheduled and shows the schedule flags", async () => {
  const { id, name } = await readyCampaign();
  const reply = await call(emulator(), "POST", scheduleUrl(name), { body: WEEKLY });
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({ status: "success", message: `Campaign ${name} scheduled successfully`, id });
  expect(emulator().campaign(id)).toMatchObject({ status: "Scheduled", schedule: { isSchedulingEnabled: true, isRecurrenceEnabled: true } });
  expect((await call(emulator(), "POST", api().status(id))).body.data.status).toBe("Scheduled");
});

test("the clock moves it: Active with a new instance when the window opens, Completed after the end", async () => {
  const { id, name } = await readyCampaign();
  await call(emulator(), "POST", scheduleUrl(name), { body: WEEKLY });
  emulator().clock.set(Date.UTC(2027, 0, 4, 8, 59, 59));
  expect(emulator().campaign(id)!.status).toBe("Scheduled");
  emulator().clock.set(Date.UTC(2027, 0, 4, 9, 0, 0));
  const active = emulator().campaign(id)!;
  expect(active.status).toBe("Active");
  expect(active.campaignInstanceId).toMatch(/^cid-/);
  emulator().clock.set(Date.UTC(2027, 0, 29, 18, 0, 0));
  expect((await call(emulator(), "GET", api().get(id))).body.data).toMatchObject({ status: "Completed", schedule: { isSchedulingEnabled: false } });
  expect(emulator().scheduleOf(id)).toBeUndefined();
});

test.each([
  ["startDateTime missing", (b: Body) => delete b.startDateTime, "startDateTime is required"],
  ["a date that does not exist", (b: Body) => (b.startDateTime = "2027-02-30 09:00:00"), 'startDateTime must be a date and time in YYYY-MM-DD HH:mm:ss format (got "2027-02-30 09:00:00")'],
  ["end before start", (b: Body) => (b.endDateTime = "2027-01-03 09:00:00"), 'endDateTime must be greater than startDateTime (got "2027-01-03 09:00:00")'],
  ["end in the past", (b: Body) => Object.assign(b, { startDateTime: "2020-01-01 00:00:00", endDateTime: "2020-01-02 00:00:00" }), 'endDateTime must be greater than the current time (got "2020-01-02 00:00:00")'],
  ["recurType unknown", (b: Body) => ((b.recurrenceObject as Body).recurType = "Monthly"), 'recurrenceObject.recurType must be Daily or Weekly (got "Monthly")'],
  ["the weekly table's dailyDetails instead of weeklyDetails", (b: Body) => (b.recurrenceObject = { recurType: "Weekly", dailyDetails: { onceEveryNweeks: 1, whichDays: ["Mon"] } }), "recurrenceObject.weeklyDetails is required when recurType is Weekly"],
  ["a day spelt MO", (b: Body) => (b.recurrenceObject = { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["MO"] } }), 'recurrenceObject.weeklyDetails.whichDays[0] must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun (got "MO")'],
  ["onceEveryNdays 0", (b: Body) => (b.recurrenceObject = { recurType: "Daily", dailyDetails: { onceEveryNdays: 0 } }), "recurrenceObject.dailyDetails.onceEveryNdays must be an integer >= 1 (got 0)"],
])("400 naming the field: %s; nothing changes", async (_case, change, message) => {
  const { id, name } = await readyCampaign();
  const body = structuredClone(WEEKLY);
  change(body);
  const reply = await call(emulator(), "POST", scheduleUrl(name), { body });
  expect(reply.status).toBe(400);
  expect(reply.body.errors[0]).toEqual({ msg: message, code: 400 });
  expect(emulator().campaign(id)!.status).toBe("Ready");
  expect(emulator().scheduleOf(id)).toBeUndefined();
});

test("the query: enableSchedule must be true or false, campaignName must name a campaign", async () => {
  const bad = await call(emulator(), "POST", scheduleUrl("x").replace("enableSchedule=true", "enableSchedule=yes"), { body: WEEKLY });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].msg).toBe('enableSchedule query parameter must be "true" or "false" (got "yes")');
  const missing = await call(emulator(), "POST", `/campaign/api/v2/public/${emulator().credentials.appId}/campaign/schedule?enableSchedule=true`, { body: WEEKLY });
  expect(missing.body.errors[0].msg).toBe("campaignName query parameter is required");
  const unknown = await call(emulator(), "POST", scheduleUrl("No Such Campaign"), { body: WEEKLY });
  expect(unknown.status).toBe(404);
  expect(unknown.body.errors[0].msg).toBe('Campaign named "No Such Campaign" not found');
});

test("an Active campaign cannot be scheduled (409); a Stopped one can", async () => {
  const { id, name } = await readyCampaign();
  await call(emulator(), "POST", api().play(id));
  const refused = await call(emulator(), "POST", scheduleUrl(name), { body: WEEKLY });
  expect(refused.status).toBe(409);
  expect(refused.body.errors[0].msg).toBe(`Campaign ${name} cannot be scheduled while it is Active; stop it first`);
  await call(emulator(), "POST", api().stop(id));
  expect((await call(emulator(), "POST", scheduleUrl(name), { body: WEEKLY })).status).toBe(200);
  expect(emulator().campaign(id)!.status).toBe("Scheduled");
});

test("disable: a Scheduled campaign goes back to Ready; a second disable is accepted too", async () => {
  const { id, name } = await readyCampaign();
  await call(emulator(), "POST", scheduleUrl(name), { body: WEEKLY });
  const reply = await call(emulator(), "POST", scheduleUrl(name, false), { body: {} });
  expect(reply.body).toEqual({ status: "success", message: `Campaign ${name} schedule has been disabled successfully`, id });
  expect(emulator().campaign(id)).toMatchObject({ status: "Ready", schedule: { isSchedulingEnabled: false } });
  expect(emulator().scheduleOf(id)).toBeUndefined();
  expect((await call(emulator(), "POST", scheduleUrl(name, false), { body: {} })).status).toBe(200);
});

test("disable while the window is open: the run under way goes on (Active) until it is stopped", async () => {
  const { id, name } = await readyCampaign();
  await call(emulator(), "POST", scheduleUrl(name), { body: WEEKLY });
  emulator().clock.set(Date.UTC(2027, 0, 5, 10, 0, 0));
  await call(emulator(), "POST", scheduleUrl(name, false), { body: {} });
  expect(emulator().campaign(id)!.status).toBe("Active");
  emulator().clock.set(Date.UTC(2027, 1, 5, 10, 0, 0)); // past the old end: nothing completes it any more
  expect(emulator().campaign(id)!.status).toBe("Active");
});

test("a stop ends the schedule; a PUT does not touch it", async () => {
  const { id, name } = await readyCampaign();
  await call(emulator(), "POST", scheduleUrl(name), { body: WEEKLY });
  const put = await call(emulator(), "PUT", api().update(id), { body: named(SAMPLE_PROGRESSIVE, name) }); // its schedule says isSchedulingEnabled: false
  expect(put.status).toBe(200);
  expect(emulator().campaign(id)).toMatchObject({ status: "Scheduled", schedule: { isSchedulingEnabled: true } });
  await call(emulator(), "POST", api().stop(id));
  expect(emulator().campaign(id)).toMatchObject({ status: "Stopped", schedule: { isSchedulingEnabled: false } });
  emulator().clock.set(Date.UTC(2027, 0, 5, 10, 0, 0));
  expect(emulator().campaign(id)!.status).toBe("Stopped");
});

test("Paused: the admin pause of an Active campaign; play resumes it, stop ends it; only Active can be paused", async () => {
  const { id } = await readyCampaign();
  expect(() => emulator().pause(id)).toThrow(`only an Active campaign can be paused (${id} is Ready)`);
  await call(emulator(), "POST", api().play(id));
  expect(emulator().pause(id).status).toBe("Paused");
  expect((await call(emulator(), "POST", api().status(id))).body.data.status).toBe("Paused");
  expect((await call(emulator(), "POST", api().play(id))).body.status).toBe("Active");
  emulator().pause(id);
  expect((await call(emulator(), "POST", api().stop(id))).body.status).toBe("Stopped");
});

test("the admin surface: GET/POST /__emulator/clock, POST /__emulator/pause, GET /__emulator/schedules", async () => {
  const { id, name } = await readyCampaign();
  await call(emulator(), "POST", scheduleUrl(name), { body: WEEKLY });
  const admin = async (method: string, what: string, body?: unknown) => {
    const res = await fetch(`${emulator().url}/__emulator/${what}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });
    return { status: res.status, body: (await res.json()) as Body };
  };
  expect((await admin("GET", "schedules")).body[id]).toMatchObject({ startDateTime: "2027-01-04 09:00:00", recurrenceObject: WEEKLY.recurrenceObject });
  const moved = await admin("POST", "clock", { to: "2027-01-04 09:30:00" });
  expect(moved.body.now).toMatch(/^2027-01-04T09:30:0\d/);
  expect(emulator().campaign(id)!.status).toBe("Active");
  expect((await admin("POST", "pause", { id })).body.status).toBe("Paused");
  const later = await admin("POST", "clock", { advanceSeconds: 3600 });
  expect(later.body.now).toMatch(/^2027-01-04T10:30:0\d/);
  expect((await admin("POST", "clock", { to: "next tuesday" })).status).toBe(400);
  expect((await admin("GET", "clock")).body.offsetSeconds).toBeGreaterThan(0);
});
