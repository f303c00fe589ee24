/** examples/gitops-workflow: the CI workflow is valid YAML and wires validate, the PR review comment and its gate, and up on main. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const workflow = parse(fs.readFileSync(path.resolve(__dirname, "../../examples/gitops-workflow/.github/workflows/campaigns.yml"), "utf8"));
const pulumiStep = (job: string) => workflow.jobs[job].steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@"));

test("validate runs on every pull request and push, offline", () => {
  expect(Object.keys(workflow.on)).toEqual(["pull_request", "push"]);
  expect(workflow.jobs.validate.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual(["npm ci", "npm run validate -- --format github"]);
});

const stepNamed = (job: string, name: string) => workflow.jobs[job].steps.find((s: { name?: string }) => s.name === name);
const secrets = { PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}", KORE_CLIENT_SECRET: "${{ secrets.KORE_CLIENT_SECRET }}" };

test("preview on pull requests posts the review of `pulumi preview --json`, and gates starts and Active deletions on a label", () => {
  expect(workflow.jobs.preview).toMatchObject({ if: "github.event_name == 'pull_request'", needs: "validate", permissions: { "pull-requests": "write" }, env: secrets });
  expect(pulumiStep("preview").with).toEqual({ "pulumi-version": "3.248.0" }); // the CLI only
  expect(stepNamed("preview", "preview").run).toBe('pulumi preview --json --refresh --stack "$PULUMI_STACK" > preview.json');
  expect(stepNamed("preview", "review comment").run).toMatch(/^npx kore-campaigns review --preview preview\.json > comment\.md\ngh pr comment .* --body-file comment\.md --edit-last/);
  expect(stepNamed("preview", "dialing gate")).toEqual({
    name: "dialing gate",
    if: "${{ !contains(github.event.pull_request.labels.*.name, 'dialing-approved') }}",
    run: "npx kore-campaigns review --preview preview.json --fail-on starts,deletes-active > /dev/null",
  });
});

test("up only on main, never cancelled; secrets from the secret store", () => {
  expect(workflow.jobs.up).toMatchObject({ if: "github.event_name == 'push' && github.ref == 'refs/heads/main'", concurrency: { "cancel-in-progress": false } });
  expect(pulumiStep("up").with).toMatchObject({ command: "up" });
  expect(pulumiStep("up").env).toEqual(secrets);
});
