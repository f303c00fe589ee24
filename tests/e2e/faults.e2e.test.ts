/**
 * A tool that dials real people must converge under faults without ever duplicating or losing a
 * campaign. The real Pulumi CLI drives the provider against an emulator that injects seeded faults
 * (5xx, 429 + Retry-After, dropped connections, slow answers, creates whose answer is lost), and
 * against an emulator killed and restarted in the middle of an `up`. Every claim is checked on the
 * server, in Pulumi's state and in the emulator's request log, not only from exit codes.
 *
 * Fault rates are chosen so that convergence in two `up`s is a property, not luck: a create POST is
 * never repeated once it may have reached Kore, so a 5xx or a dropped connection on a create fails
 * that resource for this `up` (by design); the second `up` therefore runs with the faults a correct
 * client must absorb (429s, latency, lost create answers, and scripted 5xx/drops on retryable calls).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startEmulator, type Emulator, type FaultConfig, type RequestLogEntry, type StoredCampaign } from "pulumi-kore-campaigns/emulator";
import { configureKore, fleetContactLists, fleetDefinitions, mismatches, projectFiles, stateCampaigns, type Args } from "./support/campaign-fleet";
import { EmulatorProcess, freePort } from "./support/emulator-process";
import { PulumiProject, type RunResult } from "./support/pulumi-project";
import { createName, createsByName, faultTally, isAmbiguousCreate, isCreatePost, madeCampaign, repeatedCreates } from "./support/request-log";

/** Up 1: the mix. ~17% of all requests fail once; 10% of creates lose their answer. */
const UP1_FAULTS: FaultConfig = {
  latencyMs: 50,
  errorRate: 0.1,
  rateLimit429Rate: 0.05,
  retryAfterSeconds: 1,
  dropRate: 0.03,
  ambiguousCreateRate: 0.1,
  seed: 20250,
};
/** Up 2 (the one re-run): everything a correct client must absorb without failing a resource. */
const UP2_FAULTS: FaultConfig = { latencyMs: 50, rateLimit429Rate: 0.05, retryAfterSeconds: 1, ambiguousCreateRate: 0.1, seed: 20251 };
/** Matches create POSTs only (`.../campaign?campaignType=voice`; triggers and PUTs have an id before the `?`). */
const CREATE = { method: "POST", pathIncludes: "/campaign?campaignType=voice" };

/** "exit N; failed: <resource> <what>: <error>, ..." from the CLI's output (one entry per failed resource). */
function describeRun(r: RunResult): string {
  const failed = new Map<string, string>();
  for (const line of `${r.stdout}\n${r.stderr}`.split("\n")) {
    const m = line.match(/VoiceCampaign (\S+) \*\*(\w+ failed)\*\* error: (.*)/);
    if (m) failed.set(m[1], `${m[1]} ${m[2]}: ${m[3].replace(/^Kore\.ai API /, "").replace(/\/agentassist\/api\/v1\/public\/[^/]+/, "").slice(0, 110)}`);
  }
  const other = r.code !== 0 && failed.size === 0 ? `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => /error:/i.test(l)).slice(0, 5) : [];
  return `exit ${r.code}; failed: ${[...failed.values(), ...other].join(" | ") || "none"}`;
}

/** Asserts what the server holds is exactly the fleet: one campaign per definition, each matching it. */
function expectServerMatchesFleet(server: StoredCampaign[], definitions: Record<string, Args>): void {
  const defs = Object.values(definitions);
  expect(server).toHaveLength(defs.length);
  expect(new Set(server.map((c) => c.lname)).size).toBe(server.length); // no duplicates by lname
  expect(server.map((c) => c.name).sort()).toEqual(defs.map((d) => d.name as string).sort());
  const problems = defs.flatMap((d) => {
    const c = server.find((s) => s.name === d.name)!;
    const wrong = mismatches(c, d);
    const wantStatus = d.started ? ["Active"] : ["Ready"];
    if (!wantStatus.includes(c.status)) wrong.push(`status: ${c.status} (want ${wantStatus.join("|")})`);
    return wrong.map((w) => `${d.name}: ${w}`);
  });
  expect(problems).toEqual([]);
}

/** Asserts Pulumi's state holds exactly the server's campaigns, each under the resource that declares it. */
async function expectStateMatchesServer(project: PulumiProject, server: StoredCampaign[], definitions: Record<string, Args>): Promise<void> {
  const state = await stateCampaigns(project);
  expect(state.map((s) => s.id).sort()).toEqual(server.map((c) => c.id).sort()); // nothing lost, nothing orphaned
  for (const s of state) expect(s.name).toBe(definitions[s.resourceName].name);
}

function timed<T>(durations: Record<string, number>, key: string, work: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  return work().finally(() => (durations[key] = Math.round((Date.now() - t0) / 100) / 10));
}

describe("faults injected by the emulator (in process)", () => {
  let emulator: Emulator;
  let project: PulumiProject;
  const definitions = fleetDefinitions(50, "Fault Fleet");

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, readyDelayMs: 200, contactLists: fleetContactLists("Fault Fleet") });
    project = new PulumiProject("faults", {}, projectFiles("kore-e2e-faults"));
    project.write("campaigns.json", JSON.stringify(definitions, null, 2));
    await project.init();
    await configureKore(project, emulator.url);
  });

  afterAll(async () => {
    await emulator?.close();
    project?.cleanup();
  });

  test("up of 50 campaigns under 5xx, 429, drops, latency and lost create answers converges in at most two ups, with no campaign created twice", async () => {
    const durations: Record<string, number> = {};
    emulator.clearRequests();
    emulator.setFaults(UP1_FAULTS);
    // Scripted on top, so every kind of create fault happens whatever the interleaving: a 429 (retried),
    // two lost answers (adopted by name), a dropped connection and a 503 (outcome unknown: not retried).
    emulator.failNext({ ...CREATE, status: 429 });
    emulator.failNext({ ...CREATE, ambiguous: true, count: 2 });
    emulator.failNext({ ...CREATE, drop: true });
    emulator.failNext({ ...CREATE, status: 503 });

    // --continue-on-error: one failed create must not keep the other 49 from being tried under faults
    const up1 = await timed(durations, "up1", () => project.run(["up", "--yes", "--continue-on-error"]));
    const up1Log = [...emulator.requests];

    let up2: RunResult | undefined;
    if (up1.code !== 0) {
      emulator.clearFaults();
      emulator.setFaults(UP2_FAULTS);
      emulator.failNext({ method: "POST", pathIncludes: "getAllCampaignDetails", status: 503 });
      emulator.failNext({ method: "GET", status: 502 });
      emulator.failNext({ method: "POST", pathIncludes: "/status", drop: true });
      emulator.failNext({ method: "POST", pathIncludes: "trigger=play", status: 500 });
      up2 = await timed(durations, "up2", () => project.run(["up", "--yes"]));
    }
    const up2Log = emulator.requests.slice(up1Log.length);
    emulator.clearFaults();
    const creates = [...up1Log, ...up2Log].filter(isCreatePost);
    const tally1 = faultTally(up1Log);
    console.log(
      JSON.stringify({
        suite: "faults: 50 campaigns",
        faults: { up1: UP1_FAULTS, up2: UP2_FAULTS },
        up1: describeRun(up1),
        up2: up2 ? describeRun(up2) : "not needed",
        durationsSeconds: durations,
        createPosts: { total: creates.length, answered2xx: creates.filter((e) => e.status >= 200 && e.status < 300).length, ambiguous: creates.filter(isAmbiguousCreate).length },
        up1Faults: tally1,
        up2Faults: faultTally(up2Log),
      }),
    );
    expect(tally1["ambiguous:create"]).toBeGreaterThanOrEqual(2);
    expect(tally1["drop:create"]).toBeGreaterThanOrEqual(1);
    expect(tally1["scripted-status:create"]).toBe(2);
    if (up2) expect({ up2: describeRun(up2) }).toEqual({ up2: "exit 0; failed: none" }); // at most one re-run

    await timed(durations, "refresh", () => project.ok(["refresh", "--skip-preview", "--yes"]));
    const beforePreview = emulator.requests.length;
    await timed(durations, "preview", () => project.ok(["preview", "--expect-no-changes"]));
    expect(emulator.requests.slice(beforePreview)).toEqual([]); // a preview with nothing to do asks the API nothing

    // the server: exactly the 50, no duplicates, each as defined, the started ones Active
    const server = emulator.campaigns();
    expectServerMatchesFleet(server, definitions);
    await expectStateMatchesServer(project, server, definitions);

    // the request log: every campaign was made by exactly one create POST
    const log: RequestLogEntry[] = [...up1Log, ...up2Log];
    const answered2xx = creates.filter((e) => e.status >= 200 && e.status < 300);
    const ambiguous = creates.filter(isAmbiguousCreate);
    expect(answered2xx.length + ambiguous.length).toBe(50);
    expect(ambiguous.filter((e) => !madeCampaign(e))).toEqual([]); // each lost answer did make its campaign
    expect([...createsByName(log).values()].map((posts) => posts.filter(madeCampaign).length)).toEqual(Array(50).fill(1));
    expect(creates.filter((e) => e.status === 409)).toEqual([]); // never POSTed a name the server already had
    // no create POST after an ambiguous answer for that name, in this up or the next
    const after = ambiguous.flatMap((a) => log.slice(log.indexOf(a) + 1).filter((e) => isCreatePost(e) && createName(e) === createName(a)));
    expect(after.map((e) => `${createName(e)} ${e.at}`)).toEqual([]);
    // within one up, a create is only re-sent after a 429 (refused before any work)
    expect(repeatedCreates(up1Log)).toEqual([]);
    expect(repeatedCreates(up2Log)).toEqual([]);
  }, 240_000);
});

describe("the emulator restarted in the middle of an up", () => {
  const LATENCY_MS = 400;
  const KILL_AFTER_CREATES = 10;
  const definitions = fleetDefinitions(30, "Restart Fleet");
  let dataDir: string;
  let port: number;
  let emulator: EmulatorProcess | undefined;
  let project: PulumiProject;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kore-e2e-restart-data-"));
    port = await freePort();
    emulator = await EmulatorProcess.start({ port, dataDir, readyDelayMs: 200, contactLists: fleetContactLists("Restart Fleet") });
    project = new PulumiProject("restart", {}, projectFiles("kore-e2e-restart"));
    project.write("campaigns.json", JSON.stringify(definitions, null, 2));
    await project.init();
    await configureKore(project, emulator.url);
  });

  afterAll(async () => {
    await emulator?.kill();
    project?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("SIGTERM and restart on the same port and data dir lose nothing; at most one more up converges", async () => {
    const durations: Record<string, number> = {};
    await emulator!.setFaults({ latencyMs: LATENCY_MS });
    const t0 = Date.now();
    const upRunning = project.run(["up", "--yes"]);

    // wait for N creates answered 2xx, then SIGTERM with requests in flight
    let beforeKill: RequestLogEntry[] = [];
    for (;;) {
      beforeKill = await emulator!.requests();
      if (beforeKill.filter((e) => isCreatePost(e) && e.status === 200).length >= KILL_AFTER_CREATES) break;
      if (Date.now() - t0 > 120_000) throw new Error(`fewer than ${KILL_AFTER_CREATES} creates within 120 s`);
      await sleep(50);
    }
    const campaignsBeforeKill = await emulator!.campaigns();
    durations.killAt = Math.round((Date.now() - t0) / 100) / 10;
    const tKill = Date.now();
    const exit = await emulator!.stop("SIGTERM");
    expect(exit).toEqual({ code: 0, signal: null });
    await sleep(750); // down: the provider sees connections refused meanwhile
    emulator = await EmulatorProcess.start({ port, dataDir, readyDelayMs: 200, contactLists: fleetContactLists("Restart Fleet") });
    durations.downSeconds = Math.round((Date.now() - tKill) / 100) / 10;
    await emulator.setFaults({ latencyMs: LATENCY_MS });

    const afterRestart = await emulator.campaigns();
    const up1 = await upRunning; // (asserting only after the up has ended, so a failure leaves no CLI running)
    durations.up1 = Math.round((Date.now() - t0) / 100) / 10;
    // nothing the first process held (every create it answered 2xx included) is gone after the restart
    const afterIds = new Set(afterRestart.map((c) => c.id));
    expect(campaignsBeforeKill.filter((c) => !afterIds.has(c.id))).toEqual([]);
    const answeredNames = beforeKill.filter((e) => isCreatePost(e) && e.status === 200).map(createName);
    expect(answeredNames.filter((n) => !afterRestart.some((c) => c.name === n))).toEqual([]);
    const afterRestartLog = await emulator.requests();
    await emulator.admin("DELETE", "requests");
    let up2: RunResult | undefined;
    if (up1.code !== 0) up2 = await timed(durations, "up2", () => project.run(["up", "--yes"]));
    const up2Log = await emulator.requests();
    await emulator.setFaults({});
    console.log(
      JSON.stringify({
        suite: "restart: 30 campaigns",
        latencyMs: LATENCY_MS,
        campaignsBeforeKill: campaignsBeforeKill.length,
        createsAnsweredBeforeKill: answeredNames.length,
        campaignsRightAfterRestart: afterRestart.length,
        up1: describeRun(up1),
        up2: up2 ? describeRun(up2) : "not needed",
        createPosts: { up1BeforeKill: beforeKill.filter(isCreatePost).length, up1AfterRestart: afterRestartLog.filter(isCreatePost).length, up2: up2Log.filter(isCreatePost).length },
        up1FaultsSeenBeforeKill: faultTally(beforeKill),
        durationsSeconds: durations,
      }),
    );
    if (up2) expect({ up2: describeRun(up2) }).toEqual({ up2: "exit 0; failed: none" });

    await timed(durations, "refresh", () => project.ok(["refresh", "--skip-preview", "--yes"]));
    await timed(durations, "preview", () => project.ok(["preview", "--expect-no-changes"]));

    const server = await emulator.campaigns();
    expectServerMatchesFleet(server, definitions);
    await expectStateMatchesServer(project, server, definitions);
    // the first process's log is cut at the kill (requests in flight then are missing), so: no 409, no re-sent create within an up
    const up1Log = [...beforeKill, ...afterRestartLog];
    expect([...up1Log, ...up2Log].filter((e) => isCreatePost(e) && e.status === 409)).toEqual([]);
    expect(repeatedCreates(up1Log)).toEqual([]);
    expect(repeatedCreates(up2Log)).toEqual([]);
  }, 240_000);
});
