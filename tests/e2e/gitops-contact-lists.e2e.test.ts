/**
 * Contact lists as files, under the real Pulumi CLI: the package's GitOps program over a project with a
 * contact-lists/ folder beside campaigns/. On a fresh emulator (no list exists), `up` creates the list
 * before the campaign that names it, `destroy` deletes the campaign before the list, and a campaign that
 * names a list with a typo fails the `up` before its POST, with the file named.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";

const LIST_NAME = "July Renewals 2026";

let emulator: Emulator;
let project: PulumiProject;

/** The demo's progressive campaign under a new name, stopped, dialing `listName`. */
function campaign(name: string, listName: string): string {
  return fs
    .readFileSync(path.join(REPO_ROOT, "campaigns", "service-renewals.yaml"), "utf8")
    .replace(/^name: .*$/m, `name: ${name}`)
    .replace(/^started: true/m, "started: false")
    .replace(/^  - Recent Buyers - Q2 2025.*$/m, `  - ${listName}`);
}

const LIST_FILE = `name: ${LIST_NAME}\ndescription: Customers whose service renews in July 2026.\nallowDuplicates: false\n`;

/** The API calls that write, in order: "POST createContactList", "POST campaign", "DELETE campaign/:id", ... */
function writes(): string[] {
  const reads = /\/(getAllCampaignDetails|getAllListDetails|status)$/;
  return emulator.requests
    .filter((r) => r.method !== "GET" && !reads.test(r.path))
    .map((r) => {
      if (r.path.includes("/contactList/")) return `${r.method} ${r.method === "DELETE" ? "contactList/:id" : r.path.split("/").pop()}`;
      if (r.query.trigger) return `POST trigger=${r.query.trigger}`;
      return `${r.method} ${r.method === "POST" ? "campaign" : "campaign/:id"}`;
    });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 100 }); // no contact list: the stack makes its own
  project = new PulumiProject("gitops-lists", clientEnv(emulator.url), {
    "Pulumi.yaml": "name: kore-campaigns\nruntime: nodejs\nmain: index.js\n",
    "package.json": JSON.stringify({ name: "campaigns-repo", private: true }),
    "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
    "contact-lists/july-renewals.yaml": LIST_FILE,
    "campaigns/july.yaml": campaign("GitOps July Renewals", LIST_NAME),
  });
  await project.init();
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

beforeEach(() => emulator.clearRequests());

test("up creates the list first, then the campaign that names it", async () => {
  const up = await project.ok(["up", "--yes", "--skip-preview"]);
  expect(up.stdout + up.stderr).not.toMatch(/warning: .*contactLists/); // the list is declared: nothing to warn about
  expect(writes()).toEqual(["POST createContactList", "POST campaign"]);
  const [list] = emulator.contactLists();
  expect(list).toMatchObject({ name: LIST_NAME, description: "Customers whose service renews in July 2026." });
  const [made] = emulator.campaigns();
  expect(made).toMatchObject({ name: "GitOps July Renewals", contactLists: [LIST_NAME] });
  const outputs = JSON.parse((await project.ok(["stack", "output", "--json"])).stdout);
  expect(outputs.contactLists["july-renewals"]).toMatchObject({ id: list.id, name: LIST_NAME });
  expect(outputs.campaigns.july).toMatchObject({ id: made.id, name: "GitOps July Renewals" });
  await project.ok(["preview", "--expect-no-changes"]);
});

test("a campaign naming a list with a typo fails the up before its POST, with the file and the list it meant named", async () => {
  project.write("campaigns/august.yaml", campaign("GitOps August Renewals", "July Renewal 2026"));
  const up = await project.run(["up", "--yes", "--skip-preview"]);
  const output = up.stdout + up.stderr;
  expect(up.code).not.toBe(0);
  expect(output).toMatch(/campaigns\/august\.yaml:\d+: warning: contactLists\[0\]: names the contact list "July Renewal 2026", which no file in contact-lists\/ declares \(did you mean "July Renewals 2026"\?\)/);
  expect(output).toMatch(/no contact list named "July Renewal 2026" in app .*did you mean "July Renewals 2026"\?/);
  expect(writes()).toEqual([]); // no campaign POST, nothing else written
  expect(emulator.campaigns().map((c) => c.name)).toEqual(["GitOps July Renewals"]);
  project.remove("campaigns/august.yaml");
});

test("with strictReferences the typo is an error of the program: nothing is called at all", async () => {
  project.write("campaigns/august.yaml", campaign("GitOps August Renewals", "July Renewal 2026"));
  await project.ok(["config", "set", "strictReferences", "true"]);
  const preview = await project.run(["preview"]);
  expect(preview.code).not.toBe(0);
  expect(preview.stdout + preview.stderr).toMatch(/campaigns\/august\.yaml:\d+: contactLists\[0\]: names the contact list "July Renewal 2026"/);
  expect(emulator.requests).toEqual([]);
  await project.ok(["config", "rm", "strictReferences"]);
  project.remove("campaigns/august.yaml");
});

test("destroy deletes the campaign first, then the list", async () => {
  await project.ok(["destroy", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["DELETE campaign/:id", "DELETE contactList/:id"]);
  expect(emulator.campaigns()).toEqual([]);
  expect(emulator.contactLists()).toEqual([]);
});
