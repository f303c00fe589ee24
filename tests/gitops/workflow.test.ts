/** examples/gitops-workflow: the CI workflow is valid YAML and wires validate, the PR preview comment and up on main. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const workflow = parse(fs.readFileSync(path.resolve(__dirname, "../../examples/gitops-workflow/.github/workflows/campaigns.yml"), "utf8"));
const pulumiStep = (job: string) => workflow.jobs[job].steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@"));

test("validate runs on every pull request and push, offline", () => {
  expect(Object.keys(workflow.on)).toEqual(["pull_request", "push"]);
  expect(workflow.jobs.validate.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual(["npm ci", "npm run validate -- --format github"]);
});

test("preview on pull requests posts the diff; up only on main; secrets from the secret store", () => {
  expect(workflow.jobs.preview).toMatchObject({ if: "github.event_name == 'pull_request'", needs: "validate", permissions: { "pull-requests": "write" } });
  expect(pulumiStep("preview").with).toMatchObject({ command: "preview", diff: true, "comment-on-pr": true });
  expect(workflow.jobs.up).toMatchObject({ if: "github.event_name == 'push' && github.ref == 'refs/heads/main'", concurrency: { "cancel-in-progress": false } });
  expect(pulumiStep("up").with).toMatchObject({ command: "up" });
  for (const job of ["preview", "up"]) {
    expect(pulumiStep(job).env).toEqual({ PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}", KORE_CLIENT_SECRET: "${{ secrets.KORE_CLIENT_SECRET }}" });
  }
});
