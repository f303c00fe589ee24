/**
 * examples/gitops-workflow: the trust boundary, read off the workflow file. The pull-request job runs the
 * base branch's code with no secret and no environment; only the jobs on main hold the secrets, through
 * the `kore-production` environment; the merge applies through ci/merge.sh (re-review, then a plan).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const EXAMPLE = path.resolve(__dirname, "../../examples/gitops-workflow");
const text = fs.readFileSync(path.join(EXAMPLE, ".github/workflows/campaigns.yml"), "utf8");
const workflow = parse(text);
type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string };
const steps = (job: string): Step[] => workflow.jobs[job].steps;
const stepNamed = (job: string, name: string) => steps(job).find((s) => s.name === name)!;
/** Every `${{ secrets.X }}` a job can see: its env, its steps' env and `with`, its run scripts. */
const secretsOf = (job: string) => [...JSON.stringify(workflow.jobs[job]).matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]).sort();

test("pull requests run the base branch's workflow (pull_request_target); main gets pushes, a schedule and manual runs", () => {
  expect(Object.keys(workflow.on)).toEqual(["pull_request_target", "push", "schedule", "workflow_dispatch"]);
  expect(workflow.on.pull_request_target.types).toEqual(["opened", "synchronize", "reopened", "labeled", "unlabeled"]);
  expect(workflow.on.schedule).toEqual([{ cron: "*/30 * * * *" }]);
  expect(workflow.permissions).toEqual({ contents: "read" });
  // no credential and no Kore.ai setting at the workflow level: nothing reaches every job
  expect(workflow.env).toEqual({ PULUMI_STACK: "acme/kore-campaigns/prod", COMPLIANCE_POLICY: "in" }); // the policy names laws, not a Kore.ai setting
});

test("the pull-request job: base commit checked out, no secret, no environment, installs without scripts, no Kore.ai variable", () => {
  const job = workflow.jobs["pull-request"];
  expect(job.if).toBe("github.event_name == 'pull_request_target'");
  expect(job.environment).toBeUndefined();
  expect(job.env).toBeUndefined();
  expect(secretsOf("pull-request")).toEqual([]);
  expect(JSON.stringify(job)).not.toMatch(/KORE_|PULUMI_CONFIG_PASSPHRASE|PULUMI_ACCESS_TOKEN|PULUMI_BACKEND_URL|AWS_/);
  expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write", actions: "read" });
  expect(steps("pull-request")[0]).toEqual({
    uses: "actions/checkout@v4",
    with: { ref: "${{ github.event.pull_request.base.sha }}", "fetch-depth": 0, "persist-credentials": false },
  });
  // nothing of the pull request is installed or run: npm ci of the base's lock, without install scripts
  const runs = steps("pull-request").map((s) => s.run).filter(Boolean);
  expect(runs.slice(0, 2)).toEqual(["npm ci --ignore-scripts", "npm run build --if-present"]);
  expect(runs.every((r) => !/\bnpm (install|i|ci)\b(?!.*--ignore-scripts)/.test(r!))).toBe(true);
  // setup-node without its cache: the cache is shared with main's jobs
  expect(steps("pull-request")[1]).toEqual({ uses: "actions/setup-node@v4", with: { "node-version": 20 } });
});

test("the pull-request job hands the head to ci/pull-request.sh by sha, then comments and gates", () => {
  expect(stepNamed("pull-request", "preview")).toEqual({
    name: "preview",
    run: "bash ci/pull-request.sh",
    env: {
      BASE_SHA: "${{ github.event.pull_request.base.sha }}",
      HEAD_SHA: "${{ github.event.pull_request.head.sha }}",
      HEAD_REF: "refs/pull/${{ github.event.pull_request.number }}/head",
      SNAPSHOT_DIR: "${{ runner.temp }}/snapshot",
      OUT: "${{ runner.temp }}/review",
    },
  });
  expect(stepNamed("pull-request", "state snapshot").run).toMatch(/gh run download "\$run_id" .*--name kore-state-snapshot/);
  expect(stepNamed("pull-request", "review comment").run).toMatch(/^gh pr comment .* --body-file "\$RUNNER_TEMP\/review\/comment\.md" --edit-last/);
  expect(stepNamed("pull-request", "dialing gate")).toMatchObject({
    if: "${{ !contains(github.event.pull_request.labels.*.name, 'dialing-approved') }}",
    run: 'npx --no kore-campaigns review --preview "$RUNNER_TEMP/review/preview.json" --fail-on starts,deletes-active,hours-widened > /dev/null',
  });
  expect(stepNamed("pull-request", "code gate")).toMatchObject({
    if: "${{ !contains(github.event.pull_request.labels.*.name, 'code-approved') }}",
    run: 'npx --no kore-campaigns review --preview "$RUNNER_TEMP/review/preview.json" --changed-files "$RUNNER_TEMP/review/changed-files" --fail-on code-changed > /dev/null',
  });
  // a rule newly broken stops the pull request, whatever its labels; the policy is the workflow's (base branch), not a file's
  expect(workflow.env.COMPLIANCE_POLICY).toBe("in");
  expect(stepNamed("pull-request", "compliance gate")).toEqual({ name: "compliance gate", run: 'npx --no kore-campaigns review --policy "$COMPLIANCE_POLICY" --preview "$RUNNER_TEMP/review/preview.json" --fail-on compliance > /dev/null' });
});

test("up on main only, never cancelled, secrets through the kore-production environment, applying through the re-review and the plan", () => {
  const job = workflow.jobs.up;
  expect(job).toMatchObject({ if: "github.event_name == 'push' && github.ref == 'refs/heads/main'", environment: "kore-production", concurrency: { group: "campaigns-state", "cancel-in-progress": false } });
  expect(secretsOf("up")).toEqual(["KORE_CLIENT_SECRET", "PULUMI_ACCESS_TOKEN"]); // self-managed state: the passphrase and the backend's credential instead (a comment in the file)
  expect(stepNamed("up", "approved review").run).toContain('select(.user.login == "github-actions[bot]" and (.body | contains("kore-campaigns review record v1")))');
  expect(stepNamed("up", "apply what was reviewed")).toMatchObject({ run: "bash ci/merge.sh", env: { APPROVED: "${{ runner.temp }}/approved.md", KORE_CLIENT_SECRET: "${{ secrets.KORE_CLIENT_SECRET }}" } });
  // the only `pulumi up` is the script's, and the script's is constrained by the plan of its own reviewed preview
  expect(text).not.toMatch(/command: up/);
  const merge = fs.readFileSync(path.join(EXAMPLE, "ci/merge.sh"), "utf8");
  expect(merge).toMatch(/pulumi preview --refresh --json --save-plan "\$OUT\/plan\.json"/);
  expect(merge).toMatch(/npx --no kore-campaigns review --preview "\$OUT\/preview\.json" --approved "\$APPROVED"/);
  expect(merge).toMatch(/\npulumi up --yes --refresh --plan "\$OUT\/plan\.json"/);
});

test("drift on the schedule and after each up: the same environment, one at a time with up, publishing the snapshot", () => {
  const job = workflow.jobs.drift;
  expect(job).toMatchObject({ environment: "kore-production", needs: "up", concurrency: { group: "campaigns-state", "cancel-in-progress": false }, permissions: { contents: "read", issues: "write" } });
  expect(job.if).toContain("github.event_name == 'schedule'");
  expect(stepNamed("drift", "refresh").run).toBe("bash ci/drift.sh");
  expect(stepNamed("drift", "drift report").run).toContain('gh issue create --repo "$GITHUB_REPOSITORY" --title "Campaigns changed outside git" --label campaign-drift');
  expect(steps("drift").at(-1)).toMatchObject({ uses: "actions/upload-artifact@v4", with: { name: "kore-state-snapshot" } });
});

test("ci/merge.sh applies nothing without an approved review, before any Pulumi command", () => {
  // PATH without pulumi: the script must stop before it would need one
  const run = spawnSync("bash", [path.join(EXAMPLE, "ci/merge.sh")], { encoding: "utf8", env: { PATH: "/usr/bin:/bin", PULUMI_STACK: "prod", APPROVED: "" } });
  expect(run.status).toBe(1);
  expect(run.stderr).toBe("merge.sh: no approved review (APPROVED): a change reaches main only through a reviewed pull request; nothing is applied\n");
});
