/**
 * validate_seconds_500_files: `kore-campaigns validate <dir>/campaigns` (package.json's `bin`, run with this node) on FILES generated definition
 * files (copies of campaigns/billing-reminders.yaml, each with its own file name and campaign name) with the
 * contact list they name declared in <dir>/contact-lists/ (as in this repository), wall time of the whole process
 * (node start included), median of RUNS. The CLI must answer exit 0 with "FILES + 1 files valid" and no warning.
 * validate_seconds_500_files_undeclared_lists: the same files without the contact-lists folder: every file then
 * gets a warning (its list is declared nowhere) with its line, which the quick reading cannot give.
 * validate_loader_ms_500_files: `loadDefinitions(dir)` from dist/provider/gitops in this process, after
 * one warm-up call, median of LOADER_RUNS.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { figure, median, note, packageBin, REPO_ROOT, sized } from "../support/common";

const FILES = sized(500, 20);
const RUNS = sized(5, 1);
const LOADER_RUNS = sized(5, 1);

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
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kore-bench-yaml-"));
  const dir = path.join(root, "campaigns");
  try {
    fs.mkdirSync(dir);
    generate(dir);
    const cli = packageBin("kore-campaigns");
    const timeCli = (what: string, expected: string): number[] => {
      const seconds: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        const result = spawnSync(process.execPath, [cli, "validate", dir], { encoding: "utf8" });
        seconds.push((performance.now() - start) / 1000);
        if (result.status !== 0) throw new Error(`validate exited ${result.status}: ${(result.stdout + result.stderr).slice(0, 2000)}`);
        const summary = result.stdout.trim().split("\n").pop();
        if (summary !== expected) throw new Error(`validate (${what}) said "${summary}", expected "${expected}"`);
        if (run === 0) note(`validate (${what}): the CLI says "${summary}"`);
      }
      note(`  CLI runs: ${seconds.map((s) => s.toFixed(2)).join(", ")} s`);
      return seconds;
    };
    fs.mkdirSync(path.join(root, "contact-lists"));
    for (const name of fs.readdirSync(path.join(REPO_ROOT, "contact-lists"))) {
      fs.copyFileSync(path.join(REPO_ROOT, "contact-lists", name), path.join(root, "contact-lists", name));
    }
    const listFiles = fs.readdirSync(path.join(root, "contact-lists")).length;
    const declared = median(timeCli("lists declared", `${FILES + listFiles} files valid`));
    figure(`validate_seconds_${FILES}_files`, declared, 2);
    const gitops = require(path.join(REPO_ROOT, "dist", "provider", "gitops")) as Gitops;
    const warm = gitops.loadDefinitions(dir);
    if (warm.problems.length > 0 || warm.definitions.length !== FILES || (warm as { warnings?: unknown[] }).warnings?.length) {
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
    fs.rmSync(path.join(root, "contact-lists"), { recursive: true });
    const undeclared = median(timeCli("no contact-lists folder", `${FILES} files valid, ${FILES} warnings`));
    figure(`validate_seconds_${FILES}_files_undeclared_lists`, undeclared, 2);
    figure("validate_undeclared_ratio", undeclared / declared, 2);

  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
