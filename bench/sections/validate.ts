/**
 * validate_seconds_500_files: `node dist/provider/cli/main.js validate <dir>` on FILES generated definition
 * files (copies of campaigns/billing-reminders.yaml, each with its own file name and campaign name), wall
 * time of the whole process (node start included), median of RUNS. The CLI must answer exit 0.
 * validate_loader_ms_500_files: `loadDefinitions(dir)` from dist/provider/gitops in this process, after
 * one warm-up call, median of LOADER_RUNS.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { figure, median, note, REPO_ROOT } from "../support/common";

const FILES = 500;
const RUNS = 3;
const LOADER_RUNS = 5;

interface Gitops {
  loadDefinitions(paths: string | readonly string[]): { files: string[]; definitions: unknown[]; problems: unknown[] };
}

function generate(dir: string): void {
  const template = fs.readFileSync(path.join(REPO_ROOT, "campaigns", "billing-reminders.yaml"), "utf8");
  if (!/^name: .+$/m.test(template)) throw new Error("campaigns/billing-reminders.yaml has no top-level name line");
  for (let i = 0; i < FILES; i++) {
    const n = String(i).padStart(4, "0");
    fs.writeFileSync(path.join(dir, `billing-reminders-${n}.yaml`), template.replace(/^name: .+$/m, `name: Billing Reminder ${n}`));
  }
}

export async function validate(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-bench-yaml-"));
  try {
    generate(dir);
    const cli = path.join(REPO_ROOT, "dist", "provider", "cli", "main.js");
    const seconds: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const result = spawnSync(process.execPath, [cli, "validate", dir], { encoding: "utf8" });
      seconds.push((performance.now() - start) / 1000);
      if (result.status !== 0) throw new Error(`validate exited ${result.status}: ${(result.stdout + result.stderr).slice(0, 2000)}`);
      if (run === 0) note(`validate: ${FILES} files; the CLI says "${result.stdout.trim().split("\n").pop()}"`);
    }
    note(`  CLI runs: ${seconds.map((s) => s.toFixed(2)).join(", ")} s`);
    figure(`validate_seconds_${FILES}_files`, median(seconds), 2);

    const gitops = require(path.join(REPO_ROOT, "dist", "provider", "gitops")) as Gitops;
    const warm = gitops.loadDefinitions(dir);
    if (warm.problems.length > 0 || warm.definitions.length !== FILES) {
      throw new Error(`loadDefinitions: ${warm.definitions.length} definitions, ${warm.problems.length} problems`);
    }
    const ms: number[] = [];
    for (let run = 0; run < LOADER_RUNS; run++) {
      const start = performance.now();
      gitops.loadDefinitions(dir);
      ms.push(performance.now() - start);
    }
    note(`  loader runs: ${ms.map((m) => m.toFixed(0)).join(", ")} ms`);
    figure(`validate_loader_ms_${FILES}_files`, median(ms), 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
