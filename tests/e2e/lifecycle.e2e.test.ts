/**
 * The product end to end: the real Pulumi CLI runs a program that declares VoiceCampaigns, the
 * engine drives the serialized provider, and the provider talks to the emulator over HTTP. Each
 * step asserts the API calls the emulator saw, not only exit codes.
 */
import { DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { Args, argsFromSample, projectFiles, SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject } from "./support/pulumi-project";

let emulator: Emulator;
let project: PulumiProject;
const definitions: Record<string, Args> = {
  renewals: argsFromSample(SAMPLE_PROGRESSIVE, "E2E Service Renewals"),
  billing: argsFromSample(SAMPLE_PREVIEW, "E2E Billing Reminders"),
  feedback: argsFromSample(SAMPLE_AGENTLESS, "E2E Product Feedback"),
};

function saveDefinitions(): void {
  project.write("campaigns.json", JSON.stringify(definitions, null, 2));
}

/** The API calls since the last clear, as "METHOD path[ trigger]" with ids folded. */
function apiCalls(): string[] {
  return emulator.requests.map(
    (r) => `${r.method} ${r.path.replace(DEMO_CREDENTIALS.appId, ":app").replace(/cd-[0-9a-f-]+/g, ":id")}${r.query.trigger ? ` ${r.query.trigger}` : ""}`,
  );
}

function idOf(name: string): string {
  const found = emulator.campaigns().find((c) => (c as any).name === name);
  if (!found) throw new Error(`no campaign named ${name} on the emulator`);
  return found.id;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 300, contactLists: [...SAMPLE_CONTACT_LISTS] });
  project = new PulumiProject("e2e", {}, projectFiles("kore-e2e"));
  saveDefinitions();
  await project.init();
  // credentials through stack config, the secret with --secret: they must never reach the state in plain text
  for (const [key, value] of Object.entries({
    "kore:host": emulator.url,
    "kore:appId": DEMO_CREDENTIALS.appId,
    "kore:accountId": DEMO_CREDENTIALS.accountId,
    "kore:clientId": DEMO_CREDENTIALS.clientId,
  })) {
    await project.ok(["config", "set", key, value]);
  }
  await project.ok(["config", "set", "--secret", "kore:clientSecret", DEMO_CREDENTIALS.clientSecret]);
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

beforeEach(() => emulator.clearRequests());

test("up creates one campaign per mode: three POSTs, one shared listing, no trigger", async () => {
  await project.ok(["up", "--yes"]);
  const calls = apiCalls();
  expect(calls.filter((c) => c === "POST /agentassist/api/v1/public/:app/campaign")).toHaveLength(3);
  // one listing shared by the three, plus the re-check before the creates: one page of the newest per second
  const lists = calls.filter((c) => c.includes("getAllCampaignDetails")).length;
  expect(lists).toBeGreaterThanOrEqual(2);
  expect(lists).toBeLessThanOrEqual(1 + 3);
  expect(calls.some((c) => c.endsWith(" play") || c.endsWith(" stop"))).toBe(false);
  expect(emulator.campaigns().map((c) => (c as any).name).sort()).toEqual(
    ["E2E Billing Reminders", "E2E Product Feedback", "E2E Service Renewals"],
  );
  expect(emulator.campaigns().every((c) => c.status === "Preparing" || c.status === "Ready")).toBe(true);
});

test("a preview right after up expects no changes and makes no API call", async () => {
  await project.ok(["preview", "--expect-no-changes"]);
  expect(apiCalls()).toEqual([]);
});

test("editing one field previews exactly that field; up makes exactly one PUT", async () => {
  (definitions.renewals.dialingStrategy as Args).maxRingTime = 45;
  saveDefinitions();
  const preview = await project.ok(["preview", "--diff"]);
  expect(preview.stdout).toMatch(/maxRingTime\s*:\s*30\s*=>\s*45/);
  expect(preview.stdout).toMatch(/1 to update/);
  // --diff lists every property of the resource; the changed ones carry a marker
  const resourceSection = preview.stdout.split("--outputs:--")[0];
  const marked = resourceSection.split("\n").filter((l) => /^\s*[~+-] /.test(l) && !/VoiceCampaign|pulumi:pulumi:Stack/.test(l));
  expect(marked.map((l) => l.trim().split(/[:\s]+/)[1])).toEqual(["dialingStrategy", "maxRingTime"]);
  expect(apiCalls()).toEqual([]);

  await project.ok(["up", "--yes"]);
  expect(apiCalls()).toEqual(["PUT /agentassist/api/v1/public/:app/campaign/:id"]);
  expect((emulator.campaign(idOf("E2E Service Renewals")) as any).dialingStrategy.maxRingTime).toBe(45);
  await project.ok(["preview", "--expect-no-changes"]);
});

test("an out-of-band change shows as drift on refresh, and up puts the definition back", async () => {
  const id = idOf("E2E Billing Reminders");
  emulator.mutate(id, { description: "Edited in the Kore.ai console" });
  const refresh = await project.ok(["refresh", "--yes", "--skip-preview", "--diff"]);
  expect(refresh.stdout).toMatch(/description/);
  expect(refresh.stdout).toMatch(/Edited in the Kore\.ai console/);
  expect(apiCalls().filter((c) => c.startsWith("GET"))).toHaveLength(3); // one GET per campaign
  emulator.clearRequests();
  await project.ok(["up", "--yes"]);
  expect(apiCalls()).toEqual(["PUT /agentassist/api/v1/public/:app/campaign/:id"]);
  expect(emulator.campaign(id)!.description).toBe(SAMPLE_PREVIEW.description);
});

test("started: true plays the campaign once it is Ready, and nothing else", async () => {
  definitions.feedback.started = true;
  saveDefinitions();
  await project.ok(["up", "--yes"]);
  const calls = apiCalls();
  expect(calls.filter((c) => c.endsWith(" play"))).toEqual(["POST /campaign/api/v1/public/:app/campaign/:id play"]);
  expect(calls.filter((c) => c.startsWith("PUT") || c.endsWith("/campaign"))).toEqual([]);
  expect(emulator.campaign(idOf("E2E Product Feedback"))!.status).toBe("Active");
  emulator.clearRequests();
  await project.ok(["preview", "--expect-no-changes"]);
  expect(apiCalls()).toEqual([]);
});

test("a campaign created out of band and declared with adoptExisting is adopted, not duplicated", async () => {
  const handMade = emulator.insert({ ...SAMPLE_PROGRESSIVE, name: "E2E Hand Made", description: "made in the console" });
  definitions.adopted = argsFromSample(SAMPLE_PROGRESSIVE, "E2E Hand Made", { adoptExisting: true });
  saveDefinitions();
  emulator.clearRequests();
  await project.ok(["up", "--yes"]);
  const calls = apiCalls();
  expect(calls.filter((c) => c === "POST /agentassist/api/v1/public/:app/campaign")).toEqual([]);
  expect(calls.filter((c) => c.startsWith("PUT"))).toHaveLength(1);
  expect(emulator.campaigns().filter((c) => (c as any).lname === "e2e hand made").map((c) => c.id)).toEqual([handMade.id]);
  expect(emulator.campaign(handMade.id)!.description).toBe(SAMPLE_PROGRESSIVE.description);
});

test("the campaigns' state holds no credential, not even encrypted; no JWT anywhere", async () => {
  const exported = JSON.parse((await project.ok(["stack", "export", "--show-secrets"])).stdout);
  const campaigns = exported.deployment.resources.filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic"));
  expect(campaigns).toHaveLength(4);
  const text = JSON.stringify(campaigns);
  expect(text).not.toContain(DEMO_CREDENTIALS.clientSecret);
  expect(text).not.toContain("4dabf18193072939515e22adb298388d"); // no secret value of any kind
  for (const whole of [project.stateFileText(), JSON.stringify(exported)]) {
    expect(whole).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/);
  }
  expect(project.stateFileText()).not.toContain(DEMO_CREDENTIALS.clientSecret);
});

test("destroy stops the Active campaign before deleting it, and leaves the emulator empty", async () => {
  const activeId = idOf("E2E Product Feedback");
  await project.ok(["destroy", "--yes"]);
  const calls = emulator.requests.map((r) => ({ id: r.path.match(/cd-[0-9a-f-]+/)?.[0], call: apiCalls()[emulator.requests.indexOf(r)] }));
  const forActive = calls.filter((c) => c.id === activeId).map((c) => c.call);
  expect(forActive.indexOf("POST /campaign/api/v1/public/:app/campaign/:id stop")).toBeGreaterThanOrEqual(0);
  expect(forActive.indexOf("POST /campaign/api/v1/public/:app/campaign/:id stop")).toBeLessThan(
    forActive.indexOf("DELETE /agentassist/api/v1/public/:app/campaign/:id"),
  );
  expect(calls.filter((c) => c.call.startsWith("DELETE"))).toHaveLength(4);
  expect(emulator.campaigns()).toEqual([]);
});
