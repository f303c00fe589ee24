/**
 * A throwaway Pulumi project in a temporary folder, run by the real Pulumi CLI (scripts/pulumi-cli.sh):
 * its own file backend and PULUMI_HOME, a throwaway passphrase, and `node_modules` pointing back at this
 * package as a user's install would. (Like tests/e2e/support/pulumi-project.ts, which finds the repository
 * by a relative path that does not hold from dist/bench.)
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { REPO_ROOT } from "./common";

let cachedBin: string | undefined;

export function pulumiBinDir(): string {
  cachedBin ??= execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split("\n")
    .pop()!;
  return cachedBin;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

export class PulumiProject {
  readonly dir: string;

  constructor(
    readonly stack: string,
    files: Record<string, string>,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-bench-"));
    for (const sub of [".state", ".pulumi-home", "node_modules"]) fs.mkdirSync(path.join(this.dir, sub));
    fs.symlinkSync(REPO_ROOT, path.join(this.dir, "node_modules", "pulumi-kore-campaigns"), "dir");
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(this.dir, "node_modules", "@pulumi"), "dir");
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  write(name: string, text: string): void {
    fs.writeFileSync(path.join(this.dir, name), text);
  }

  /** Runs `pulumi <args>`, timing the whole command; `extraEnv` reaches the program and the provider too. */
  run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    const env = {
      PATH: `${pulumiBinDir()}:${process.env.PATH}`,
      HOME: process.env.HOME,
      PULUMI_HOME: path.join(this.dir, ".pulumi-home"),
      PULUMI_BACKEND_URL: `file://${path.join(this.dir, ".state")}`,
      PULUMI_CONFIG_PASSPHRASE: "bench-throwaway-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      NO_COLOR: "1",
      ...extraEnv,
    };
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd: this.dir, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, seconds: (performance.now() - start) / 1000 }));
    });
  }

  /** Like run, but throws with the CLI's output when the command fails. */
  async ok(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    const result = await this.run(args, extraEnv);
    if (result.code !== 0) {
      const tail = (s: string) => s.split("\n").slice(-40).join("\n");
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`);
    }
    return result;
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
