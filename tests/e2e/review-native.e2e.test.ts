/**
 * `kore-campaigns review` on previews of native stacks, written by the real CLI: a Node.js program declaring
 * `kore:index:VoiceCampaign` through the plugin the engine launches, and a Pulumi YAML program (the YAML
 * language host). Each preview is written to tests/fixtures/preview/ when UPDATE_FIXTURES=1 (the unit tests
 * in tests/review/ read them), and in every run the review of the fresh preview must equal the review of the
 * committed fixture. Also a failed preview (a check failure), as the CLI writes it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject, pulumiBinDir, REPO_ROOT } from "./support/pulumi-project";

const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures", "preview");
const CLI = path.join(REPO_ROOT, "dist", "provider", "cli", "main.js");
const NOW = "2026-12-07T00:00:00Z";
const GATE = ["--fail-on", "starts,deletes-active,hours-widened"];

let emulator: Emulator;

function review(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, "review", "--now", NOW, ...args], { encoding: "utf8", timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const strip = (text: string) => JSON.parse(text.replace(/(cd|cl)-[0-9a-f-]{30,}/g, "<id>").replace(/http:\/\/127\.0\.0\.1:\d+/g, "<host>"));

/** Captures `pulumi preview --json` as fixture `name`; the committed fixture must review like the fresh one. */
async function captureAndCompare(project: PulumiProject, name: string, expectFailure = false): Promise<string> {
  const preview = await project.run(["preview", "--json"]);
  expect(preview.code === 0).toBe(!expectFailure);
  const fresh = path.join(project.dir, `${name}.json`);
  fs.writeFileSync(fresh, preview.stdout);
  const fixture = path.join(FIXTURES, `${name}.json`);
  if (process.env.UPDATE_FIXTURES === "1") fs.writeFileSync(fixture, preview.stdout);
  const [committed, now] = [review(["--preview", fixture, "--format", "json"]), review(["--preview", fresh, "--format", "json"])];
  expect(committed.code).toBe(now.code);
  expect(strip(committed.stdout)).toEqual(strip(now.stdout));
  return fresh;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 50, contactLists: [...SAMPLE_CONTACT_LISTS] });
});

afterAll(async () => {
  await emulator?.close();
});

describe("a native Node.js stack (kore:index:VoiceCampaign)", () => {
  let project: PulumiProject;
  const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const cfg = new pulumi.Config("test");
new pulumi.CustomResource("kore:index:VoiceCampaign", "renewals", {
  name: "Review Native Renewals",
  description: "Declared through the native provider.",
  contactLists: [${JSON.stringify(SAMPLE_CONTACT_LISTS[0])}],
  priority: cfg.getNumber("priority") ?? 3,
  dialingMode: "Progressive",
  queueName: "Default Queue",
  dialingStrategy: {
    callerId: { phoneNumber: "+1812345678" },
    callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: [{ day: "MO", start: "9:00 AM", end: cfg.get("mondayEnd") ?? "6:00 PM" }] },
    dialingOrder: "FIFO",
    maxAttemptsPerRecord: 3,
    defaultRetryPeriod: 10,
    maxRingTime: 30,
  },
  started: cfg.getSecretBoolean("startedSecret") ?? cfg.getBoolean("started") ?? false,
});
`;

  beforeAll(async () => {
    project = new PulumiProject("review-native", {}, {
      "Pulumi.yaml": `name: kore-review-native\nruntime: nodejs\nmain: index.js\nplugins:\n  providers:\n    - name: kore\n      path: ${path.join(REPO_ROOT, "bin")}\n`,
      "package.json": JSON.stringify({ name: "review-native-program", private: true }),
      "index.js": PROGRAM,
    });
    await project.init();
    await project.configureApp(emulator.url, DEMO_CREDENTIALS);
    await project.ok(["up", "--yes", "--skip-preview"]);
  });

  afterAll(() => project?.cleanup());

  test("started false -> true and Monday to 11 PM: starts (and the quiet-hours reminder), and the gate exits 2", async () => {
    await project.ok(["config", "set", "test:started", "true"]);
    await project.ok(["config", "set", "test:mondayEnd", "11:00 PM"]);
    await project.ok(["config", "set", "test:priority", "5"]);
    const file = await captureAndCompare(project, "native-start");
    const { flags } = JSON.parse(review(["--preview", file, "--format", "json"]).stdout);
    expect(flags.map((f: { id: string; resourceName: string }) => `${f.id}:${f.resourceName}`)).toEqual(["starts:renewals", "priority-raised:renewals", "quiet-hours:renewals"]);
    expect(flags[0].explanation).toBe("started goes from false to true: dials from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
    const gated = review(["--preview", file, ...GATE]);
    expect(gated.code).toBe(2);
    expect(gated.stderr).toContain("starts (renewals) raised");
  });

  test("started from a secret (getSecretBoolean): the preview does not show it; judged as true, worded as may", async () => {
    await project.ok(["config", "rm", "test:started"]);
    await project.ok(["config", "set", "--secret", "test:startedSecret", "true"]);
    const file = await captureAndCompare(project, "native-secret-start");
    const comment = review(["--preview", file]);
    expect(comment.stdout).toContain("- **starts** (renewals): started is not known in the preview (unknown or secret): judged as true: may dial from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
    expect(review(["--preview", file, ...GATE]).code).toBe(2);
  });
});

describe("a Pulumi YAML stack", () => {
  let project: PulumiProject;
  const program = (started: boolean, mondayEnd: string, ringTime = 30) => `name: kore-review-yaml
runtime: yaml
plugins:
  providers:
    - name: kore
      path: ${path.join(REPO_ROOT, "bin")}
resources:
  renewals:
    type: kore:index:VoiceCampaign
    properties:
      name: Review YAML Renewals
      description: Declared in Pulumi YAML.
      contactLists:
        - ${SAMPLE_CONTACT_LISTS[0]}
      priority: 5
      dialingMode: Progressive
      queueName: Default Queue
      dialingStrategy:
        callerId:
          phoneNumber: "+1812345678"
        callingHours:
          frequency: WEEKLY
          timezone: Asia/Kolkata
          days:
            - { day: MO, start: "9:00 AM", end: "${mondayEnd}" }
        dialingOrder: FIFO
        maxAttemptsPerRecord: 3
        defaultRetryPeriod: 10
        maxRingTime: ${ringTime}
      started: ${started}
`;

  beforeAll(async () => {
    const yamlBin = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-yaml.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
    project = new PulumiProject("review-yaml", { PATH: `${yamlBin}:${pulumiBinDir()}:${process.env.PATH}` }, { "Pulumi.yaml": program(false, "6:00 PM") });
    await project.init();
    await project.configureApp(emulator.url, DEMO_CREDENTIALS);
    await project.ok(["up", "--yes", "--skip-preview"]);
  });

  afterAll(() => project?.cleanup());

  test("started false -> true and Monday to 11 PM: starts, and the gate exits 2", async () => {
    project.write("Pulumi.yaml", program(true, "11:00 PM"));
    const file = await captureAndCompare(project, "yaml-start");
    const { changes, flags } = JSON.parse(review(["--preview", file, "--format", "json"]).stdout);
    expect(changes.map((c: { resourceName: string; operation: string }) => `${c.resourceName}:${c.operation}`)).toEqual(["renewals:update"]);
    expect(flags.map((f: { id: string }) => f.id)).toEqual(["starts", "quiet-hours"]);
    expect(review(["--preview", file, ...GATE]).code).toBe(2);
  });

  test("a failed preview (a check failure): exit 1, the preview failed; nothing can be judged", async () => {
    project.write("Pulumi.yaml", program(true, "11:00 PM", 200));
    const file = await captureAndCompare(project, "yaml-failed", true);
    const gated = review(["--preview", file, ...GATE]);
    expect(gated.code).toBe(1);
    expect(gated.stderr).toContain("the preview failed; nothing can be judged");
    expect(gated.stdout).toContain("**The preview failed; nothing can be judged**");
  });
});
