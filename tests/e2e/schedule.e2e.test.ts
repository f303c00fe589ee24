/**
 * Campaign schedules under the real Pulumi CLI: the package's GitOps program over a campaigns/ folder
 * holding a weekly schedule. `up` posts the campaign and enables its schedule (one call, the documented
 * body), a preview right after has nothing to do, and editing the days previews as one update of
 * `schedule` alone and applies as exactly one schedule call.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";

const NAME = "E2E Weekly Renewals";
const WEEKLY = `schedule:
  enabled: true
  start: "2027-01-04 09:00:00"      # UTC
  end: "2027-01-29 18:00:00"
  repeat: { every: 1, unit: week, days: [MO, TU, WE, TH, FR] }
`;

let emulator: Emulator;
let project: PulumiProject;

/** The demo's progressive campaign, renamed, not started, with `schedule` as given. */
function definition(schedule: string): string {
  return fs
    .readFileSync(path.join(REPO_ROOT, "campaigns", "service-renewals.yaml"), "utf8")
    .replace(/^name: .*$/m, `name: ${NAME}`)
    .replace(/^started: true.*$/m, "started: false")
    .replace(/^schedule:.*\n  enabled: false\n/m, schedule);
}

/** Every request but the reads (list pages, GETs, status reads), as "POST campaign", "POST schedule", ... */
function writes(): string[] {
  return emulator.requests
    .filter((r) => r.method !== "GET" && !/\/(getAllCampaignDetails|getAllListDetails|status)$/.test(r.path))
    .map((r) => `${r.method} ${r.path.endsWith("/schedule") ? "schedule" : r.method === "POST" ? "campaign" : "campaign/:id"}`);
}

const scheduleCalls = () => emulator.requests.filter((r) => r.path.endsWith("/campaign/schedule"));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 100, contactLists: [...SAMPLE_CONTACT_LISTS] });
  project = new PulumiProject("schedule", clientEnv(emulator.url), {
    "Pulumi.yaml": "name: kore-campaigns\nruntime: nodejs\nmain: index.js\n",
    "package.json": JSON.stringify({ name: "campaigns-repo", private: true }),
    "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
    "contact-lists/recent-buyers.yaml": `name: ${SAMPLE_CONTACT_LISTS[0]}\nexternal: true\n`,
    "campaigns/weekly-renewals.yaml": definition(WEEKLY),
  });
  await project.init();
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

beforeEach(() => emulator.clearRequests());

test("up: the campaign, then one schedule call with the weekly body; Kore shows it Scheduled; preview --expect-no-changes passes", async () => {
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["POST campaign", "POST schedule"]);
  const [call] = scheduleCalls();
  expect(call.query).toEqual({ enableSchedule: "true", campaignName: NAME });
  expect(call.body).toEqual({
    startDateTime: "2027-01-04 09:00:00",
    endDateTime: "2027-01-29 18:00:00",
    recurrenceObject: { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Tue", "Wed", "Thu", "Fri"] } },
  });
  const [made] = emulator.campaigns();
  expect(made).toMatchObject({ name: NAME, status: "Scheduled" });
  emulator.clearRequests();
  await project.ok(["preview", "--expect-no-changes"]);
  expect(emulator.requests).toEqual([]);
});

test("editing the days previews as one update of schedule alone, and applies as exactly one schedule call", async () => {
  project.write("campaigns/weekly-renewals.yaml", definition(WEEKLY.replace("days: [MO, TU, WE, TH, FR]", "days: [MO, WE, FR]")));
  const preview = await project.ok(["preview", "--diff"]);
  expect(preview.stdout).toMatch(/1 to update/);
  // --diff lists every property of the resource; the changed ones carry a marker
  const resourceSection = preview.stdout.split("--outputs:--")[0];
  const marked = resourceSection.split("\n").filter((l) => /^\s*[~+-] /.test(l) && !/VoiceCampaign|pulumi:pulumi:Stack/.test(l));
  const names = marked.map((l) => l.trim().split(/[:\s]+/)[1]);
  // schedule > repeat > days, then the day entries that moved ([1] "TU" => "WE", ...); nothing outside schedule
  expect(names.filter((n) => !/^\[\d+\]$/.test(n))).toEqual(["schedule", "repeat", "days"]);
  expect(names.slice(3).length).toBeGreaterThan(0);
  expect(names.slice(3).every((n) => /^\[\d+\]$/.test(n))).toBe(true);
  expect(emulator.requests).toEqual([]);

  await project.ok(["up", "--yes", "--skip-preview"]);
  // before the call (issue 22, items 4 and 5): the names (is the name still this campaign's?) and the status (is it
  // running inside its window?); after it, the status again, so state records Scheduled (issue 28, item 7)
  // (the names: the voice and the SMS listings, one namespace of names for the call that addresses a campaign by name)
  expect(emulator.requests.map((r) => `${r.method} ${r.path.split("/").pop()}`)).toEqual(["POST status", "POST getAllCampaignDetails", "POST getAllCampaignDetails", "POST schedule", "POST status"]);
  expect(emulator.requests.filter((r) => r.path.endsWith("getAllCampaignDetails")).map((r) => (r.body as { type?: string }).type).sort()).toEqual(["sms", "voice"]);
  expect(scheduleCalls()[0].body).toMatchObject({ recurrenceObject: { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Wed", "Fri"] } } });
  expect(emulator.scheduleOf(emulator.campaigns()[0].id)?.recurrenceObject).toEqual({ recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Wed", "Fri"] } });
  emulator.clearRequests();
  await project.ok(["preview", "--expect-no-changes"]);
});

test("refresh after the window opened writes nothing and shows no drift; destroy stops, then deletes", async () => {
  emulator.clock.set(Date.UTC(2027, 0, 6, 10, 0, 0));
  await project.ok(["refresh", "--yes", "--skip-preview"]);
  expect(writes()).toEqual([]);
  expect(emulator.campaigns()[0].status).toBe("Active");
  await project.ok(["preview", "--expect-no-changes"]);
  emulator.clearRequests();
  await project.ok(["destroy", "--yes", "--skip-preview"]);
  expect(emulator.requests.filter((r) => r.method !== "GET").map((r) => (r.query.trigger ? `trigger=${r.query.trigger}` : `${r.method} ${r.path.split("/").pop()}`))).toEqual([
    "POST status",
    "trigger=stop",
    "DELETE " + emulator.requests.find((r) => r.method === "DELETE")!.path.split("/").pop(),
  ]);
  expect(emulator.campaigns()).toEqual([]);
});

test("a schedule whose start is already past: preview warns, from the program's validation and from the provider's check (issue 22, item 6)", async () => {
  const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
  const start = fmt(Date.now() - 3_600_000);
  const end = fmt(Date.now() + 30 * 86_400_000);
  fs.writeFileSync(
    path.join(project.dir, "campaigns", "weekly-renewals.yaml"),
    definition(`schedule:\n  enabled: true\n  start: "${start}"\n  end: "${end}"\n  repeat: { every: 1, unit: day }\n`),
  );
  const preview = await project.ok(["preview"]);
  const output = preview.stdout + preview.stderr;
  expect(output).toContain(`campaigns/weekly-renewals.yaml:`);
  expect(output).toContain(`warning: schedule.start: is already past (${start} UTC; now `);
  expect(output).toContain(`warning: campaign "${NAME}": schedule.start is already past (${start} UTC; now `);
  expect(emulator.requests.filter((r) => r.path.endsWith("/campaign/schedule"))).toEqual([]);
});
