/**
 * Campaign schedules as `pulumi up` runs them: the serialized provider inside the real dynamic-provider
 * host, and the native plugin, each over gRPC, against the emulator over real HTTP. Every test asserts the exact calls the emulator saw
 * (the schedule call's query and body from the request log) and what it holds afterwards.
 */
import { clientEnv, DEMO_CREDENTIALS, Emulator, startEmulator, type RequestLogEntry } from "pulumi-kore-campaigns/emulator";
import { ProviderHost, serializedProvider, failureOf } from "../support/provider-host";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

type Props = Record<string, unknown>;

const APP = DEMO_CREDENTIALS.appId;
const LIST = "Recent Buyers - Q2 2025";
const SCHEDULE_PATH = `/campaign/api/v2/public/${APP}/campaign/schedule`;

const WEEKLY = { enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", days: ["MO", "TU", "WE", "TH", "FR"] } };
const DAILY = { enabled: true, start: "2027-02-01 08:30", end: "2027-02-14 17:00:00", repeat: { every: 2, unit: "day" } };

let emulator: Emulator;
let host: ProviderHost;
let counter = 0;

const unique = (what: string) => `${what} ${++counter}`;

/** "POST campaign", "POST schedule", "PUT campaign/:id", "POST status", ... (list pages: "POST getAllCampaignDetails") */
function calls(): string[] {
  return emulator.requests.map((r) => {
    const last = r.path.split("/").pop() ?? "";
    return `${r.method} ${/^cd-/.test(last) ? "campaign/:id" : last}`;
  });
}

const scheduleCalls = (): RequestLogEntry[] => emulator.requests.filter((r) => r.path === SCHEDULE_PATH);
const writes = () => emulator.requests.filter((r) => r.method !== "GET" && !/getAllCampaignDetails|getAllListDetails|\/status$/.test(r.path));

function args(name: string, extra: Props = {}): Props {
  const { queue_name, campaignType: _type, schedule: _schedule, ...rest } = SAMPLE_PROGRESSIVE as Record<string, unknown>;
  return { ...rest, queueName: queue_name, name, contactLists: [LIST], ...extra };
}

async function checked(input: Props, olds: Props = {}): Promise<Props> {
  const { inputs, failures } = await host.check(input, olds);
  expect(failures).toEqual([]);
  return inputs;
}

async function created(input: Props): Promise<{ id: string; inputs: Props; outs: Props }> {
  const inputs = await checked(input);
  const { id, outs } = await host.create(inputs);
  return { id, inputs, outs };
}


function scheduleCallBodyOfWeekly(): Props {
  return {
    startDateTime: "2027-01-04 09:00:00",
    endDateTime: "2027-01-29 18:00:00",
    recurrenceObject: { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Tue", "Wed", "Thu", "Fri"] } },
  };
}

// The same lifecycle through both adapters: the dynamic provider host, and the native plugin.
describe.each(["dynamic", "native"])("through the %s adapter", (adapter) => {
  const hostEnv = () => ({ ...clientEnv(emulator.url), KORE_TRIGGER_SETTLE_SECONDS: "0.05" });
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, contactLists: [LIST], readyDelayMs: 20 });
    const env = hostEnv();
    host = adapter === "dynamic" ? await ProviderHost.start({ provider: await serializedProvider("VoiceCampaign"), env }) : await ProviderHost.startNative({ env });
    await host.configure();
  });

  afterAll(async () => {
    await host?.stop();
    await emulator?.close();
  });

  beforeEach(() => {
    emulator.clearRequests();
    emulator.clearFaults();
    emulator.clock.set(Date.now());
  });

  describe("check: a bad schedule is refused before any call, each field named", () => {
    test("dates, order, days, unit and every", async () => {
      const { failures } = await host.check(
        args(unique("Bad schedule"), {
          schedule: { enabled: true, start: "2027-02-30 09:00:00", end: "04/01/2027", repeat: { every: 0, unit: "week", days: ["MO", "XX", "mo"] } },
        }),
      );
      expect(failures).toEqual([
        { property: "schedule.start", reason: 'schedule.start: must be a date and time written "YYYY-MM-DD HH:mm:ss" (UTC), such as "2027-01-04 09:00:00"; this date or time does not exist (got "2027-02-30 09:00:00")' },
        { property: "schedule.end", reason: 'schedule.end: must be a date and time written "YYYY-MM-DD HH:mm:ss" (UTC), such as "2027-01-04 09:00:00" (got "04/01/2027")' },
        { property: "schedule.repeat.every", reason: "schedule.repeat.every: must be a whole number of 1 or more (every 1 day, every 2 weeks, ...) (got 0)" },
        { property: "schedule.repeat.days[1]", reason: 'schedule.repeat.days[1]: must be one of MO, TU, WE, TH, FR, SA, SU (got "XX")' },
        { property: "schedule.repeat.days[2]", reason: 'schedule.repeat.days[2]: duplicates days[0] (MO); list each day once (got "mo")' },
      ]);
      expect(emulator.requests).toEqual([]);
    });

    test("end not after start; a daily schedule with days; a weekly one without; fields of a disabled schedule", async () => {
      const cases: Array<[Props, Array<{ property: string; reason: string }>]> = [
        [
          { enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-04 09:00", repeat: { every: 1, unit: "day" } },
          [{ property: "schedule.end", reason: 'schedule.end: must be later than start (2027-01-04 09:00:00) (got "2027-01-04 09:00")' }],
        ],
        [
          { enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-05 09:00:00", repeat: { every: 1, unit: "day", days: ["MO"] } },
          [{ property: "schedule.repeat.days", reason: 'schedule.repeat.days: is only allowed when unit is week (a daily schedule runs every N days) (got ["MO"])' }],
        ],
        [
          { enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-05 09:00:00", repeat: { every: 1, unit: "week" } },
          [{ property: "schedule.repeat.days", reason: "schedule.repeat.days: is required when unit is week" }],
        ],
        [
          { enabled: true, repeat: { every: 1, unit: "month" } },
          [
            { property: "schedule.repeat.unit", reason: 'schedule.repeat.unit: must be one of day, week (got "month")' },
            { property: "schedule.start", reason: "schedule.start: is required when enabled is true" },
            { property: "schedule.end", reason: "schedule.end: is required when enabled is true" },
          ],
        ],
        [{ enabled: false, start: "2027-01-04 09:00:00" }, [{ property: "schedule.start", reason: 'schedule.start: is only allowed when enabled is true (got "2027-01-04 09:00:00")' }]],
        [
          { isSchedulingEnabled: true },
          [{ property: "schedule.isSchedulingEnabled", reason: "schedule.isSchedulingEnabled: true is not a schedule on its own: write enabled: true with start, end and repeat (got true)" }],
        ],
      ];
      for (const [schedule, expected] of cases) {
        const { failures } = await host.check(args(unique("Bad schedule"), { schedule }));
        expect({ schedule, failures }).toEqual({ schedule, failures: expected });
      }
      expect(emulator.requests).toEqual([]);
    });

    test("the started rule: started: true beside an enabled schedule is refused; false passes", async () => {
      const { failures } = await host.check(args(unique("Both"), { schedule: WEEKLY, started: true }));
      expect(failures).toEqual([
        {
          property: "started",
          reason:
            "started: must be false (or left out) while schedule.enabled is true: Kore starts a scheduled campaign on its dates (status Scheduled, then Active); " +
            "to start it now instead, set schedule.enabled to false (got true)",
        },
      ]);
      expect((await host.check(args(unique("Both"), { schedule: WEEKLY, started: false }))).failures).toEqual([]);
      expect((await host.check(args(unique("Both"), { schedule: { enabled: false }, started: true }))).failures).toEqual([]);
      expect(emulator.requests).toEqual([]);
    });

    test("normalized: days upper case and in week order, times in full; the old isSchedulingEnabled: false is { enabled: false }", async () => {
      const inputs = await checked(args(unique("Loose"), { schedule: { enabled: true, start: "2027-1-4 9:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", days: ["fr", "mo", "We"] } } }));
      expect(inputs.schedule).toEqual({ enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", days: ["MO", "WE", "FR"] } });
      expect((await checked(args(unique("Old"), { schedule: { isSchedulingEnabled: false } }))).schedule).toEqual({ enabled: false });
      expect((await checked(args(unique("None")))).schedule).toEqual({ enabled: false });
    });
  });

  describe("create", () => {
    test("weekly: the campaign is posted, then exactly one schedule call with the documented body; Kore shows it Scheduled", async () => {
      const name = unique("Renewals weekly");
      const { id, outs } = await created(args(name, { schedule: { ...WEEKLY, repeat: { ...WEEKLY.repeat, days: ["FR", "TH", "WE", "TU", "MO"] } } }));
      const reads = ["POST getAllCampaignDetails", "POST getAllListDetails", "GET campaign/:id"]; // the name and list checks
      // after the enable call, one status read: state records Scheduled, so a review of a delete sees it
      expect(calls().filter((c) => !reads.includes(c))).toEqual(["POST campaign", "POST schedule", "POST status"]);
      const post = emulator.requests.find((r) => r.method === "POST" && r.path.endsWith("/campaign") && r.query.campaignType === "voice")!;
      expect((post.body as Props).schedule).toEqual({ isSchedulingEnabled: false }); // as the create samples send it
      const [call] = scheduleCalls();
      expect(call.query).toEqual({ enableSchedule: "true", campaignName: name });
      expect(call.body).toEqual({
        startDateTime: "2027-01-04 09:00:00",
        endDateTime: "2027-01-29 18:00:00",
        recurrenceObject: { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Tue", "Wed", "Thu", "Fri"] } },
      });
      expect(call.status).toBe(200);
      expect(emulator.campaign(id)!.status).toBe("Scheduled");
      expect(emulator.scheduleOf(id)).toMatchObject({ startDateTime: "2027-01-04 09:00:00", endDateTime: "2027-01-29 18:00:00" });
      expect(outs.schedule).toEqual({ enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "week", days: ["MO", "TU", "WE", "TH", "FR"] } });
      expect(outs.started).toBe(false);
      expect(outs.status).toBe("Scheduled");
      expect(outs.pendingChanges).toBeUndefined();
    });

    test("daily: every 2 days, the start written without seconds is sent in full", async () => {
      const name = unique("Survey daily");
      await created(args(name, { schedule: DAILY }));
      const [call] = scheduleCalls();
      expect(call.query).toEqual({ enableSchedule: "true", campaignName: name });
      expect(call.body).toEqual({ startDateTime: "2027-02-01 08:30:00", endDateTime: "2027-02-14 17:00:00", recurrenceObject: { recurType: "Daily", dailyDetails: { onceEveryNdays: 2 } } });
    });

    test("no schedule: no schedule call", async () => {
      await created(args(unique("Plain")));
      expect(scheduleCalls()).toEqual([]);
    });

    test("an end already in the past is refused at apply, before any call", async () => {
      const name = unique("Ended");
      const inputs = await checked(args(name, { schedule: { enabled: true, start: "2026-01-01 09:00:00", end: "2026-01-31 18:00:00", repeat: { every: 1, unit: "day" } } }));
      const err = await failureOf(host.create(inputs));
      expect(err.message).toMatch(new RegExp(`campaign "${name}": schedule.end is already in the past \\(2026-01-31 18:00:00 UTC; now 2026-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)`));
      expect(err.initFailedId).toBeUndefined();
      expect(emulator.requests).toEqual([]);
      expect(emulator.campaigns().filter((c) => c.name === name)).toEqual([]);
    });

    test("the schedule call fails after the create: the campaign stays in state with the schedule pending; the next up sends it once, no second POST", async () => {
      const name = unique("Schedule fails");
      const inputs = await checked(args(name, { schedule: WEEKLY }));
      emulator.failNext({ method: "POST", pathIncludes: "/campaign/schedule", status: 500, count: 1 });
      const err = await failureOf(host.create(inputs));
      const [made] = emulator.campaigns().filter((c) => c.name === name);
      expect(err.initFailedId).toBe(made.id);
      expect(err.message).toContain(`campaign ${made.id} ("${name}") exists, but enabling its schedule failed: Kore.ai API POST ${SCHEDULE_PATH}?enableSchedule=true&campaignName=`);
      expect(err.message).toContain("failed: 500");
      const stored = err.initFailedProperties!;
      expect(stored.pendingChanges).toEqual(["schedule"]);
      expect(emulator.campaign(made.id)!.status).not.toBe("Scheduled");

      emulator.clearRequests();
      // the engine diffs, then updates a resource with init errors, sending its stored properties as they are
      expect((await host.diff(made.id, stored, inputs)).changes).toBe("some");
      const outs = await host.update(made.id, stored, inputs);
      expect(calls()).toEqual(["POST status", "POST schedule", "POST status"]);
      expect(scheduleCalls()[0].body).toEqual(scheduleCallBodyOfWeekly());
      expect(outs.pendingChanges).toBeUndefined();
      expect(outs.status).toBe("Scheduled");
      expect(emulator.campaigns().filter((c) => c.name === name)).toHaveLength(1);
      expect(emulator.campaign(made.id)!.status).toBe("Scheduled");
      expect((await host.diff(made.id, outs, inputs)).changes).toBe("none");
    });
  });


  describe("update", () => {
    test("the days change: the status read, then one schedule call with the new body, nothing else", async () => {
      const name = unique("Edit days");
      const { id, outs } = await created(args(name, { schedule: WEEKLY }));
      const news = await checked(args(name, { schedule: { ...WEEKLY, repeat: { ...WEEKLY.repeat, days: ["MO", "WE", "FR"] } } }), outs);
      expect(await host.diff(id, outs, news)).toEqual({ changes: "some", replaces: [] });
      emulator.clearRequests();
      const after = await host.update(id, outs, news);
      // the status first: a campaign running inside its window is not rescheduled (issue 22, item 5); the status after: state records Scheduled
      expect(calls()).toEqual(["POST status", "POST schedule", "POST status"]);
      expect(scheduleCalls()[0].body).toMatchObject({ recurrenceObject: { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Wed", "Fri"] } } });
      expect(emulator.scheduleOf(id)!.recurrenceObject).toEqual({ recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Wed", "Fri"] } });
      expect(emulator.campaign(id)!.status).toBe("Scheduled");
      expect((after.schedule as Props).repeat).toEqual({ every: 1, unit: "week", days: ["MO", "WE", "FR"] });
      // Scheduled is Kore's doing, not drift of started: state keeps started false, and nothing is left to change
      expect(after.started).toBe(false);
      expect((await host.diff(id, after, news)).changes).toBe("none");
    });

    test("disabling it: one disable call with {} (then the status is read: nothing left to stop)", async () => {
      const name = unique("Disable");
      const { id, outs } = await created(args(name, { schedule: WEEKLY }));
      const news = await checked(args(name, { schedule: { enabled: false } }), outs);
      emulator.clearRequests();
      const after = await host.update(id, outs, news);
      expect(writes().map((r) => `${r.method} ${r.path.split("/").pop()}`)).toEqual(["POST schedule"]);
      expect(calls()).toEqual(["POST schedule", "POST status"]);
      expect(scheduleCalls()[0].query).toEqual({ enableSchedule: "false", campaignName: name });
      expect(scheduleCalls()[0].body).toEqual({});
      expect(emulator.scheduleOf(id)).toBeUndefined();
      expect(emulator.campaign(id)!.status).toBe("Ready");
      expect(after.schedule).toEqual({ enabled: false });
      expect((await host.diff(id, after, news)).changes).toBe("none");
    });

    test("a rename with a schedule change: the status, the PUT, then the schedule call under the new name", async () => {
      const name = unique("Old name");
      const renamed = unique("New name");
      const { id, outs } = await created(args(name, { schedule: WEEKLY }));
      const news = await checked(args(renamed, { schedule: { ...WEEKLY, end: "2027-02-26 18:00:00" } }), outs);
      emulator.clearRequests();
      await host.update(id, outs, news);
      expect(calls()).toEqual(["POST status", "PUT campaign/:id", "POST schedule", "POST status"]);
      expect((emulator.requests[1].body as Props).name).toBe(renamed);
      expect(scheduleCalls()[0].query).toEqual({ enableSchedule: "true", campaignName: renamed });
      expect(scheduleCalls()[0].body).toMatchObject({ endDateTime: "2027-02-26 18:00:00" });
      expect(emulator.campaign(id)!.name).toBe(renamed);
    });

    test("a change that does not touch the schedule: the PUT alone (it carries isSchedulingEnabled: true), no schedule call", async () => {
      const name = unique("Ring time");
      const { id, outs, inputs } = await created(args(name, { schedule: WEEKLY }));
      const news = await checked({ ...inputs, dialingStrategy: { ...(inputs.dialingStrategy as Props), maxRingTime: 45 } }, outs);
      emulator.clearRequests();
      await host.update(id, outs, news);
      expect(calls()).toEqual(["PUT campaign/:id"]);
      expect((emulator.requests[0].body as Props).schedule).toEqual({ isSchedulingEnabled: true });
      expect(emulator.campaign(id)!.status).toBe("Scheduled"); // a PUT does not cancel the schedule
    });

    test("adding a schedule to a running campaign: it is stopped first, then the schedule is enabled", async () => {
      const name = unique("Running");
      const { id, outs } = await created(args(name, { started: true }));
      expect(emulator.campaign(id)!.status).toBe("Active");
      const news = await checked(args(name, { schedule: WEEKLY }), outs);
      emulator.clearRequests();
      await host.update(id, outs, news);
      expect(calls()).toEqual(["POST status", "POST campaign/:id", "POST schedule", "POST status"]);
      expect(emulator.requests[1].query).toMatchObject({ trigger: "stop" });
      expect(emulator.campaign(id)!.status).toBe("Scheduled");
    });

    test("a state written before schedules ({ isSchedulingEnabled: false }) shows no change", async () => {
      const name = unique("Old state");
      const { id, outs, inputs } = await created(args(name));
      const oldState = { ...outs, schedule: { isSchedulingEnabled: false } };
      expect(await host.diff(id, oldState, inputs)).toEqual({ changes: "none", replaces: [] });
    });
  });

  describe("the schedule call addresses the campaign by name (issue 22, item 4)", () => {
    test("the name view shows the name held by another campaign: refused before the call, naming both ids", async () => {
      const name = unique("Promo");
      const { id, outs } = await created(args(name, { schedule: WEEKLY }));
      // in the console: ours renamed, and another campaign takes its old name
      emulator.mutate(id, { name: `${name} (old)` });
      const other = emulator.insert({ ...(SAMPLE_PROGRESSIVE as Props), name });
      const fresh = adapter === "dynamic" ? await ProviderHost.start({ provider: host.providerString, env: hostEnv() }) : await ProviderHost.startNative({ env: hostEnv() });
      try {
        await fresh.configure();
        const news = (await fresh.check(args(name, { schedule: { ...WEEKLY, end: "2027-02-26 18:00:00" } }), outs)).inputs;
        emulator.clearRequests();
        const err = await failureOf(fresh.update(id, outs, news));
        expect(err.message).toContain(
          `campaign ${id} ("${name}"): the schedule call addresses a campaign by name, and "${name}" is now campaign ${other.id} in this app (renamed in the console?), not ${id}; nothing was sent`,
        );
        expect(scheduleCalls()).toEqual([]);
        expect(emulator.scheduleOf(other.id)).toBeUndefined();
        expect(err.initFailedId).toBe(id);
        expect(err.initFailedProperties!.pendingChanges).toEqual(["schedule"]);
      } finally {
        await fresh.stop();
        emulator.mutate(other.id, { name: `${name} (other)` });
      }
    });

    test("the answer names another campaign: a partial failure naming both ids, the schedule left pending", async () => {
      const name = unique("Promo answer");
      const { id, outs } = await created(args(name, { schedule: WEEKLY }));
      // renamed in the console after this process listed the names: the view still says the name is ours
      emulator.mutate(id, { name: `${name} (old)` });
      const other = emulator.insert({ ...(SAMPLE_PROGRESSIVE as Props), name });
      const news = await checked(args(name, { schedule: { ...WEEKLY, end: "2027-02-26 18:00:00" } }), outs);
      emulator.clearRequests();
      const err = await failureOf(host.update(id, outs, news));
      expect(scheduleCalls()).toHaveLength(1);
      expect(err.message).toContain(`campaign ${id} ("${name}"): the schedule call for "${name}" was answered for campaign ${other.id}, not ${id}: Kore scheduled that campaign`);
      expect(err.initFailedId).toBe(id);
      expect(err.initFailedProperties!.pendingChanges).toEqual(["schedule"]);
      emulator.mutate(other.id, { name: `${name} (other)` });
    });
  });

  describe("editing a schedule whose window is open (issue 22, item 5)", () => {
    test("a campaign dialing inside its window is never stopped by a schedule edit: refused with what to do, no call that writes, on every up", async () => {
      const name = unique("In window");
      const { id, outs } = await created(args(name, { schedule: WEEKLY }));
      emulator.clock.set(Date.UTC(2027, 0, 5, 10, 0, 0));
      const running = (await host.read(id, outs)).outs;
      expect(running.status).toBe("Active");
      const news = await checked(args(name, { schedule: { ...WEEKLY, end: "2027-02-26 18:00:00" } }), running);
      for (let up = 0; up < 2; up++) {
        emulator.clearRequests();
        const err = await failureOf(host.update(id, running, news));
        expect(err.message).toContain(
          `campaign ${id} ("${name}") is dialing inside its schedule window (status Active): Kore refuses a new schedule while it runs, and this change does not ask to stop it, so nothing was sent. ` +
            "Apply the change after the window ends, or stop the campaign first: set schedule.enabled: false (that stops the run), apply, then enable the new schedule",
        );
        expect(writes()).toEqual([]);
        expect(emulator.campaign(id)!.status).toBe("Active");
      }
    });

    test("a Completed campaign whose schedule is extended: Kore's 409 comes with a hint", async () => {
      const name = unique("Completed");
      const { id, outs } = await created(args(name, { schedule: WEEKLY }));
      emulator.clock.set(Date.UTC(2027, 0, 29, 18, 0, 1));
      const over = (await host.read(id, outs)).outs;
      expect(over.status).toBe("Completed");
      const news = await checked(args(name, { schedule: { ...WEEKLY, end: "2027-03-26 18:00:00" } }), over);
      const err = await failureOf(host.update(id, over, news));
      expect(err.message).toContain("failed: 409");
      expect(err.message).toContain(
        "the campaign is Completed: Kore does not schedule a finished campaign again. To dial on new dates, make a new campaign (a new name) with this schedule, or set schedule.enabled: false here to record that it is over",
      );
      expect(emulator.campaign(id)!.status).toBe("Completed");
    });
  });

  describe("a schedule whose start is already past (issue 22, item 6)", () => {
    const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
    /** The host's stderr since `from`, once it holds `text` (a line written during a call may arrive just after its answer). */
    async function stderrSince(from: number, text: string): Promise<string> {
      for (let i = 0; i < 50 && !host.logs.slice(from).join("").includes(text); i++) await new Promise((r) => setTimeout(r, 20));
      return host.logs.slice(from).join("");
    }
    test("check warns (it dials at apply although started is false); no warning for one ahead, or one unchanged", async () => {
      const name = unique("Past start");
      const start = fmt(Date.now() - 3_600_000);
      const end = fmt(Date.now() + 30 * 86_400_000);
      const schedule = { enabled: true, start, end, repeat: { every: 1, unit: "day" } };
      const before = host.logs.length;
      const inputs = await checked(args(name, { schedule }));
      const warned = await stderrSince(before, "warning:");
      expect(warned).toMatch(
        new RegExp(
          `warning: campaign "${name}": schedule.start is already past \\(${start} UTC; now \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\): ` +
            "Kore starts dialing as soon as the schedule is sent, at apply, although started is false; move the start ahead if it must not dial yet",
        ),
      );
      const quiet = host.logs.length;
      await checked(args(unique("Ahead"), { schedule: WEEKLY }));
      await checked(args(name, { schedule }), { ...inputs, status: "Active" }); // unchanged: no call, no warning
      await checked(args(unique("Marker")), {}); // a check that prints nothing; its answer comes after any earlier line
      expect((await stderrSince(quiet, "")).includes("warning:")).toBe(false);
    });
  });

  describe("the clock: Scheduled, then Active when the window opens, then Completed; refresh writes nothing", () => {
    test("refresh at each step reads one GET, keeps started: false without drift, and the next diff is empty", async () => {
      const name = unique("Clocked");
      const { id, outs, inputs } = await created(args(name, { schedule: WEEKLY }));
      const refresh = async (previous: Props) => {
        emulator.clearRequests();
        const read = await host.read(id, previous);
        expect(calls()).toEqual(["GET campaign/:id"]);
        expect(read.outs.started).toBe(false);
        expect(read.outs.schedule).toEqual(inputs.schedule);
        expect((await host.diff(id, read.outs, inputs)).changes).toBe("none");
        return read.outs;
      };
      expect((await refresh(outs)).status).toBe("Scheduled");

      emulator.clock.set(Date.UTC(2027, 0, 4, 9, 0, 1));
      const active = await refresh(outs);
      expect(active.status).toBe("Active");
      expect(active.campaignInstanceId).toMatch(/^cid-/);

      emulator.clock.set(Date.UTC(2027, 0, 29, 18, 0, 1));
      const completed = await refresh(active);
      expect(completed.status).toBe("Completed");
      expect(emulator.scheduleOf(id)).toBeUndefined();

    });

    test("destroy of a scheduled campaign: stop, then DELETE", async () => {
      const { id, outs } = await created(args(unique("Destroyed"), { schedule: WEEKLY }));
      emulator.clearRequests();
      await host.delete(id, outs);
      expect(calls()).toEqual(["POST status", "POST campaign/:id", "DELETE campaign/:id"]);
      expect(emulator.campaign(id)).toBeUndefined();
    });
  });
});
