/**
 * Two stacks that declare the same campaign name in one app, `pulumi up` started at the same moment,
 * under the real CLI: one campaign on the server, one stack owns it, the other is refused with the
 * existing campaign's id. (Which guard catches the second create, the re-check before the POST or the
 * server's duplicate-name refusal, depends on timing; both end the same way.)
 */
import { DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { argsFromSample, configureKore, projectFiles, SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject } from "./support/pulumi-project";

let emulator: Emulator;
const projects: PulumiProject[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 0, faults: { latencyMs: 100 }, contactLists: [...SAMPLE_CONTACT_LISTS] });
  for (const stack of ["team-a", "team-b"]) {
    const project = new PulumiProject(stack, {}, projectFiles(`kore-${stack}`));
    project.write("campaigns.json", JSON.stringify({ shared: argsFromSample(SAMPLE_PROGRESSIVE, "Two Stacks One Name") }));
    await project.init();
    await configureKore(project, emulator.url);
    projects.push(project);
  }
});

afterAll(async () => {
  await emulator?.close();
  for (const p of projects) p.cleanup();
});

test("two ups at the same moment: exactly one campaign, one owner, the other refused naming it", async () => {
  const results = await Promise.all(projects.map((p) => p.run(["up", "--yes", "--skip-preview"])));
  const made = emulator.campaigns().filter((c) => c.lname === "two stacks one name");
  expect(made).toHaveLength(1);
  expect(results.filter((r) => r.code === 0)).toHaveLength(1);
  const loser = results.find((r) => r.code !== 0)!;
  expect(loser.stdout + loser.stderr).toMatch(new RegExp(`a campaign named "Two Stacks One Name" already exists in app ${DEMO_CREDENTIALS.appId} \\(id ${made[0].id}\\)`));
});
