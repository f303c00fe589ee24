/**
 * Shared state on a real PostgreSQL database, under the real Pulumi CLI: two checkouts of the GitOps
 * program (two PULUMI_HOMEs, as two engineers or two CI runners) logged into the same `postgres://`
 * backend (scripts/postgres.sh provides the server; each run uses its own table). alice logs in with
 * the password in the URL, bob with the password in PGPASSWORD. The state one writes is the state the
 * other reads. Two `pulumi up` of the same stack started at the same moment are serialized by the
 * stack lock, a row of the backend's table: at most one applies, a refused one names the lock, and the
 * CLI never waits. The lock is check-write-check, not atomic: when both write their lock before either
 * checks again, both are refused (no write at all); the test then starts the pair again, asserting
 * the same each round, until one applies.
 *
 * Without a server: in CI (CI=true) every test fails with the script's message; elsewhere the file is
 * skipped with the reason printed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { clientEnv, DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject, REPO_ROOT, type RunResult } from "./support/pulumi-project";
import { databaseOf, passwordOf, postgresServer, redactUrls, sql, sqlAsync, withoutPassword, withTable } from "./support/postgres";
import { callKind } from "./support/request-log";
import type { RequestLogEntry } from "pulumi-kore-campaigns/emulator";

const server = postgresServer();
const inCi = process.env.CI === "true";
if (!server.url && !inCi) {
  process.stderr.write(`postgres-backend.e2e: skipped (set CI=true to make this a failure): ${server.error}\n`);
}
const suite = server.url || inCi ? describe : describe.skip;

const STACK = "gitops";
const PROJECT = "kore-campaigns";
/** One table per run: runs never see each other's stacks, and the table is dropped at the end. */
const TABLE = `kore_e2e_${process.pid}_${Date.now().toString(36)}`;
const MAX_ROUNDS = 6;

/** The refusal of an `up` that finds another process's lock (the URL's user and password shown as ****). */
const lockRefusal = (lockId = "[0-9a-f-]{36}") =>
  new RegExp(
    "error: the stack is currently locked by 1 lock\\(s\\)\\. Either wait for the other process\\(es\\) to end or delete the lock file with `pulumi cancel`\\.\\n" +
      `\\s+postgres://\\*\\*\\*\\*:\\*\\*\\*\\*@[^/\\s]+/[a-z_]+/\\.pulumi/locks/organization/${PROJECT}/${STACK}/(${lockId})\\.json\\?[^\\s]*table=${TABLE}: ` +
      "created by [^@\\s]+@\\S+ \\(pid \\d+\\) at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d",
  );

const demoFile = (name: string) => fs.readFileSync(path.join(REPO_ROOT, "campaigns", name), "utf8");
const definition = (file: string, name: string) =>
  demoFile(file).replace(/^name: .*$/m, `name: ${name}`).replace(/^started: true$/m, "started: false");
/** Every request that may change something on the server (campaign list reads are POSTs). */
const writes = (log: readonly RequestLogEntry[]) => log.filter((r) => r.method !== "GET" && callKind(r) !== "list");
const describeWrite = (r: RequestLogEntry) => `${r.method} ${callKind(r)} ${r.path.split("/").pop()} -> ${r.status}`;

suite("the GitOps program on a PostgreSQL state backend", () => {
  let emulator: Emulator;
  let password: string;
  let prefix: string; // the backend's keys: <database>/.pulumi/...
  let alice: PulumiProject;
  let bob: PulumiProject;
  /** Output of every command except alice's login and whoami (which print the URL she gave, password included). */
  const outputs: RunResult[] = [];
  const run = async (p: PulumiProject, args: string[], record = true) => {
    const r = await p.run(args);
    if (record) outputs.push(r);
    return r;
  };
  const ok = async (p: PulumiProject, args: string[], record = true) => {
    const r = await run(p, args, record);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n--- stdout\n${redactUrls(r.stdout)}\n--- stderr\n${redactUrls(r.stderr)}`);
    return r;
  };
  const keys = () => sql(server.url!, `select key from ${TABLE} order by key`).map((r) => r[0]);
  const lockKeys = async () => (await sqlAsync(server.url!, `select key from ${TABLE} where key like '${prefix}/.pulumi/locks/%' order by key`)).map((r) => r[0]);
  /** The blobs as the CLI wrote them (the backend stores each base64-encoded in a JSON column). */
  const blobText = (key: string) =>
    sql(server.url!, `select convert_from(decode(data->>'data', 'base64'), 'UTF8') from ${TABLE} where key = '${key}'`)
      .map((r) => r.join("\t"))
      .join("\n");

  beforeAll(async () => {
    if (!server.url) throw new Error(server.error);
    password = passwordOf(server.url);
    prefix = databaseOf(server.url);
    emulator = await startEmulator({ port: 0, readyDelayMs: 100, contactLists: [...SAMPLE_CONTACT_LISTS] });
    const checkout = (who: string, env: NodeJS.ProcessEnv) =>
      new PulumiProject(STACK, { ...clientEnv(emulator.url), PULUMI_BACKEND_URL: undefined, ...env }, {
        "Pulumi.yaml": `name: ${PROJECT}\nruntime: nodejs\nmain: index.js\n`,
        "package.json": JSON.stringify({ name: `campaigns-repo-${who}`, private: true }),
        "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
        "campaigns/renewals.yaml": definition("service-renewals.yaml", "Postgres Renewals"),
        "campaigns/billing.yaml": definition("billing-reminders.yaml", "Postgres Billing"),
      });
    alice = checkout("alice", {});
    bob = checkout("bob", { PGPASSWORD: password });
  });

  afterAll(async () => {
    await emulator?.close();
    alice?.cleanup();
    bob?.cleanup();
    if (server.url) sql(server.url, `drop table if exists ${TABLE}`);
  });

  test("pulumi login postgres://... in each home (password in the URL, or in PGPASSWORD); the backend makes its table", async () => {
    await ok(alice, ["login", withTable(server.url!, TABLE)], false);
    expect((await ok(alice, ["whoami", "--verbose"], false)).stdout).toMatch(/^Backend URL: postgres:\/\/.*table=kore_e2e_/m);
    await ok(bob, ["login", withTable(withoutPassword(server.url!), TABLE)]);
    expect((await ok(bob, ["whoami", "--verbose"])).stdout).toMatch(/^Backend URL: postgres:\/\/[a-z_]+@127\.0\.0\.1:\d+\//m);
    expect(fs.readFileSync(path.join(bob.dir, ".pulumi-home", "credentials.json"), "utf8")).not.toContain(password);
    // without PGPASSWORD bob's login is refused by the server: the password really comes from there
    const noPassword = await bob.run(["stack", "ls"], { PGPASSWORD: undefined });
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.stderr).toMatch(/password authentication failed/);
    expect(sql(server.url!, `select count(*) from information_schema.tables where table_name = '${TABLE}'`)).toEqual([["1"]]);
  });

  test("up from one checkout; the other sees the same stack, with no changes", async () => {
    await ok(alice, ["stack", "init", STACK]);
    await ok(alice, ["up", "--yes", "--skip-preview"]);
    expect(emulator.campaigns().map((c) => c.name).sort()).toEqual(["Postgres Billing", "Postgres Renewals"]);
    const checkpoint = `${prefix}/.pulumi/stacks/${PROJECT}/${STACK}.json`;
    expect(keys()).toContain(checkpoint); // the checkpoint is a row of the table, not a file
    expect(blobText(checkpoint)).toMatch(/"name": *"Postgres Billing"/);
    expect(await lockKeys()).toEqual([]);

    emulator.clearRequests();
    await ok(bob, ["stack", "select", STACK]);
    await ok(bob, ["preview", "--expect-no-changes"]);
    await ok(alice, ["preview", "--expect-no-changes"]);
    expect(writes(emulator.requests)).toEqual([]);
  });

  test("two ups of the same stack at the same moment: one applies, the other is refused by the stack lock; one PUT", async () => {
    const billing = emulator.campaigns().find((c) => c.name === "Postgres Billing")!;
    const renewals = emulator.campaigns().find((c) => c.name === "Postgres Renewals")!;
    expect(billing.dialingStrategy.maxAttemptsPerRecord).toBe(3);
    for (const p of [alice, bob]) {
      const text = fs.readFileSync(path.join(p.dir, "campaigns/billing.yaml"), "utf8");
      expect(text).toMatch(/maxAttemptsPerRecord: 3\b/);
      p.write("campaigns/billing.yaml", text.replace(/maxAttemptsPerRecord: 3\b/, "maxAttemptsPerRecord: 7"));
    }

    const rounds: string[] = [];
    let winner: RunResult | undefined;
    for (let round = 1; round <= MAX_ROUNDS && !winner; round++) {
      emulator.clearRequests();
      emulator.setFaults({ latencyMs: 300 }); // the winner holds the lock for a few seconds
      let maxLocks = 0;
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          maxLocks = Math.max(maxLocks, (await lockKeys()).length);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      const results = await Promise.all([alice, bob].map((p) => run(p, ["up", "--yes", "--skip-preview"])));
      watching = false;
      await watcher;
      emulator.setFaults({});

      const won = results.filter((r) => r.code === 0);
      const refused = results.filter((r) => r.code !== 0);
      rounds.push(`round ${round}: exit codes ${results.map((r) => r.code).join(", ")}`);
      expect(won.length).toBeLessThanOrEqual(1); // never both: the lock excludes
      const lockIds = refused.map((r) => {
        const m = (r.stdout + r.stderr).match(lockRefusal());
        if (!m) throw new Error(`round ${round}: a failed up that is not a lock refusal:\n${redactUrls(r.stdout + r.stderr)}`);
        expect(r.stdout).not.toMatch(/Updating \(/); // refused before the update started
        return m[1];
      });
      expect(await lockKeys()).toEqual([]); // every lock removed: the winner's and the refused one's
      if (won.length === 0) {
        // both wrote a lock, then each saw the other's: two different locks named, nothing done
        expect(new Set(lockIds).size).toBe(2);
        expect(writes(emulator.requests).map(describeWrite)).toEqual([]);
        expect(emulator.campaign(billing.id)!.dialingStrategy.maxAttemptsPerRecord).toBe(3);
        continue;
      }
      winner = won[0];
      expect(refused).toHaveLength(1);
      expect(maxLocks).toBeGreaterThanOrEqual(1); // the lock is a row of the table while the winner runs (seconds: the emulator is slow)
    }
    process.stderr.write(`postgres-backend.e2e: simultaneous ups: ${rounds.join("; ")}\n`);
    if (!winner) throw new Error(`no up applied in ${MAX_ROUNDS} rounds (${rounds.join("; ")})`);
    expect(winner.stdout).toMatch(/~ 1 updated/);

    // the server: no duplicate campaign, the change written once, nothing else written
    expect(emulator.campaigns().map((c) => c.name).sort()).toEqual(["Postgres Billing", "Postgres Renewals"]);
    const written = writes(emulator.requests);
    expect(written.map(describeWrite)).toEqual([`PUT update ${billing.id} -> 200`]);
    expect((written[0].body as { dialingStrategy: { maxAttemptsPerRecord: number } }).dialingStrategy.maxAttemptsPerRecord).toBe(7);
    expect(emulator.campaign(billing.id)!.dialingStrategy.maxAttemptsPerRecord).toBe(7);
    expect(emulator.campaign(renewals.id)!.updatedAt).toBe(renewals.updatedAt);
  });

  test("after the race the state holds the update: both checkouts preview no changes", async () => {
    emulator.clearRequests();
    for (const p of [bob, alice]) await ok(p, ["preview", "--expect-no-changes"]);
    const exported = JSON.parse((await ok(bob, ["stack", "export"])).stdout);
    const billingState = exported.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("VoiceCampaign::billing"));
    expect(billingState.outputs.dialingStrategy.maxAttemptsPerRecord).toBe(7);
    expect(writes(emulator.requests)).toEqual([]);
  });

  test("an up killed while it holds the lock leaves the lock row; the next up is refused naming that pid; pulumi cancel removes it", async () => {
    const billing = emulator.campaigns().find((c) => c.name === "Postgres Billing")!;
    for (const p of [alice, bob]) {
      const text = fs.readFileSync(path.join(p.dir, "campaigns/billing.yaml"), "utf8");
      p.write("campaigns/billing.yaml", text.replace(/maxAttemptsPerRecord: 7\b/, "maxAttemptsPerRecord: 8"));
    }
    emulator.setFaults({ latencyMs: 1500 }); // the killed up is still reading when it dies
    const killed = alice.start(["up", "--yes", "--skip-preview"]);
    const deadline = Date.now() + 60_000;
    while ((await lockKeys()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const [lock] = await lockKeys();
    expect(lock).toMatch(/\/\.pulumi\/locks\/organization\/kore-campaigns\/gitops\/[0-9a-f-]{36}\.json$/);
    const exited = new Promise((r) => killed.once("exit", r));
    killed.kill("SIGKILL");
    await exited;
    emulator.setFaults({});
    expect(await lockKeys()).toEqual([lock]); // nobody removed it

    const refused = await run(bob, ["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    const lockId = lock.split("/").pop()!.replace(/\.json$/, "");
    expect(refused.stdout + refused.stderr).toMatch(lockRefusal(lockId));
    expect(refused.stdout + refused.stderr).toContain(`(pid ${killed.pid})`);

    await ok(bob, ["cancel", "--yes"]);
    expect(await lockKeys()).toEqual([]);
    await ok(bob, ["up", "--yes", "--skip-preview"]);
    await ok(alice, ["preview", "--expect-no-changes"]);
    expect(emulator.campaign(billing.id)!.dialingStrategy.maxAttemptsPerRecord).toBe(8);
    expect(emulator.campaigns()).toHaveLength(2);
    expect(await lockKeys()).toEqual([]);
  });

  test("no database password and no client secret in CLI output or in the state table", () => {
    expect(outputs.length).toBeGreaterThan(10);
    const all = outputs.map((r) => r.stdout + r.stderr).join("\n");
    expect(all).toContain("postgres://****:****@"); // the lock refusal: the URL is there, redacted
    expect(all).not.toContain(password);
    expect(all).not.toContain(DEMO_CREDENTIALS.clientSecret);
    const text = keys().map(blobText).join("\n");
    expect(text).toContain("Postgres Renewals");
    expect(text).not.toContain(DEMO_CREDENTIALS.clientSecret);
    expect(text).not.toContain(password);
  });
});
