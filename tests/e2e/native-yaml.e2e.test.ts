/**
 * Campaigns as code with no TypeScript at all: a Pulumi YAML program declaring a kore:index:ContactList and a
 * kore:index:VoiceCampaign, run by the real CLI with the YAML language host (scripts/pulumi-yaml.sh) and the
 * native plugin the engine launches. up, a precise preview --diff, pulumi import printing the generated
 * YAML (and writing nothing), destroy.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { validateCampaign as validateSpec } from "pulumi-kore-campaigns";
import { toWireBody } from "../../provider/resources/campaign/wire";
import { argsFromSample, SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject, pulumiBinDir, REPO_ROOT } from "./support/pulumi-project";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

let emulator: Emulator;
let project: PulumiProject;

function program(ringTime: number): string {
  return `name: kore-yaml
runtime: yaml
plugins:
  providers:
    - name: kore
      path: ${path.join(REPO_ROOT, "bin")}
resources:
  july:
    type: kore:index:ContactList
    properties:
      name: YAML July List
      description: Renewals due in July.
  renewals:
    type: kore:index:VoiceCampaign
    properties:
      name: YAML Renewals
      description: Declared in Pulumi YAML.
      contactLists:
        - \${july.name}
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
            - { day: MO, start: "9:00 AM", end: "6:00 PM" }
        dialingOrder: FIFO
        maxAttemptsPerRecord: 3
        defaultRetryPeriod: 10
        maxRingTime: ${ringTime}
outputs:
  status: \${renewals.status}
`;
}

function writes(): string[] {
  return emulator.requests
    .filter((r) => r.method !== "GET" && !/\/(getAllCampaignDetails|getAllListDetails|status)$/.test(r.path))
    .map((r) => (r.query.trigger ? `trigger=${r.query.trigger}` : r.path.includes("/contactList/") ? `${r.method} contactList` : `${r.method} campaign`));
}

beforeAll(async () => {
  const yamlBin = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-yaml.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
  emulator = await startEmulator({ port: 0, readyDelayMs: 50, contactLists: [...SAMPLE_CONTACT_LISTS] });
  project = new PulumiProject("yaml", { PATH: `${yamlBin}:${pulumiBinDir()}:${process.env.PATH}` }, { "Pulumi.yaml": program(30) });
  await project.init();
  await project.configureApp(emulator.url, DEMO_CREDENTIALS);
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

beforeEach(() => emulator.clearRequests());

test("up from YAML: the list, then the campaign; no changes after", async () => {
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["POST contactList", "POST campaign"]);
  expect(emulator.campaigns().map((c) => c.name)).toEqual(["YAML Renewals"]);
  await project.ok(["preview", "--expect-no-changes"]);
});

test("a nested edit: preview --diff names exactly that path; up is one PUT", async () => {
  project.write("Pulumi.yaml", program(45));
  const preview = await project.ok(["preview", "--diff"]);
  const marked = preview.stdout.split("\n").filter((l) => /^\s*[~+-] /.test(l) && !/kore:index|pulumi:pulumi:Stack|to update/.test(l));
  expect(marked.map((l) => l.trim())).toEqual(["~ dialingStrategy: {", "~ maxRingTime: 30 => 45"]);
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["PUT campaign"]);
});

test("a check failure reaches the YAML program's output with its path", async () => {
  project.write("Pulumi.yaml", program(200));
  const preview = await project.run(["preview"]);
  expect(preview.code).not.toBe(0);
  expect(preview.stdout + preview.stderr).toContain("dialingStrategy.maxRingTime: must be an integer from 5 to 120 seconds (got 200)");
  expect(emulator.requests).toEqual([]);
  project.write("Pulumi.yaml", program(45));
});

test("pulumi import prints the generated YAML and writes nothing", async () => {
  const checked = validateSpec(argsFromSample(SAMPLE_PROGRESSIVE, "YAML Console Campaign", { contactLists: [SAMPLE_CONTACT_LISTS[0]] }));
  if (!checked.ok) throw new Error(JSON.stringify(checked.failures));
  const made = emulator.insert(toWireBody(checked.value, "create") as never);
  emulator.clearRequests();
  const imported = await project.ok(["import", "kore:index:VoiceCampaign", "console", made.id, "--yes", "--protect=false"]);
  expect(imported.stdout).toMatch(/resources:\s*\n\s+console:\s*\n\s+type: kore:(index:)?VoiceCampaign\n/); // the host writes the short token
  expect(imported.stdout).toContain("name: YAML Console Campaign");
  expect(imported.stdout).toMatch(/maxRingTime: 30/);
  expect(writes()).toEqual([]);
  await project.ok(["state", "delete", "urn:pulumi:yaml::kore-yaml::kore:index:VoiceCampaign::console", "--yes"]);
});

test("destroy: the campaign, then the list", async () => {
  await project.ok(["destroy", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["DELETE campaign", "DELETE contactList"]);
  expect(emulator.campaigns().map((c) => c.name)).toEqual(["YAML Console Campaign"]);
});
