/**
 * A throwaway Pulumi project outside the repository, run by the real Pulumi CLI: its own file
 * backend, a throwaway passphrase, and `node_modules` pointing back at this package as a user's
 * install would. The CLI comes from scripts/pulumi-cli.sh (built from Go modules on first use).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
export const PASSPHRASE = "e2e-throwaway-passphrase";

let cachedBin: string | undefined;

/** The folder holding `pulumi`, its language host and the dynamic-provider plugin. */
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
}

export class PulumiProject {
  readonly dir: string;
  readonly stateDir: string;
  private readonly home: string;

  constructor(
    readonly stack: string,
    private readonly env: NodeJS.ProcessEnv,
    files: Record<string, string>,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-e2e-"));
    this.stateDir = path.join(this.dir, ".state");
    this.home = path.join(this.dir, ".pulumi-home");
    fs.mkdirSync(this.stateDir);
    fs.mkdirSync(this.home);
    const modules = path.join(this.dir, "node_modules");
    fs.mkdirSync(modules);
    // as `npm install pulumi-kore-campaigns` would leave it (the package resolves its own deps from the repo)
    fs.symlinkSync(REPO_ROOT, path.join(modules, "pulumi-kore-campaigns"), "dir");
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(modules, "@pulumi"), "dir");
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  write(name: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, name), text);
  }

  remove(name: string): void {
    fs.rmSync(path.join(this.dir, name));
  }

  private processEnv(): NodeJS.ProcessEnv {
    return {
      PATH: `${pulumiBinDir()}:${process.env.PATH}`,
      HOME: process.env.HOME,
      PULUMI_HOME: this.home,
      PULUMI_BACKEND_URL: `file://${this.stateDir}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      NO_COLOR: "1",
      ...this.env,
    };
  }

  /** Runs `pulumi <args>` in the project; never throws on a non-zero exit (tests assert the code). */
  run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return runCollecting("pulumi", [...args, "--non-interactive", "--color", "never"], this.dir, { ...this.processEnv(), ...extraEnv });
  }

  /** Starts `pulumi <args>` and returns the process (for a test that kills it). */
  start(args: string[], extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
    return spawn("pulumi", [...args, "--non-interactive", "--color", "never"], {
      cwd: this.dir,
      env: { ...this.processEnv(), ...extraEnv },
      stdio: ["ignore", "ignore", "ignore"],
    });
  }

  /** Like run, but fails the test with the CLI's output when the command fails. */
  async ok(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    const result = await this.run(args, extraEnv);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    }
    return result;
  }

  async init(): Promise<void> {
    await this.ok(["stack", "init", this.stack]);
  }

  /** Stack config for one Kore.ai app under `namespace` (kore: the default provider), the secret as a secret. */
  async configureApp(host: string, app: { appId: string; accountId: string; clientId: string; clientSecret: string }, namespace = "kore"): Promise<void> {
    for (const key of ["appId", "accountId", "clientId"] as const) await this.ok(["config", "set", `${namespace}:${key}`, app[key]]);
    await this.ok(["config", "set", `${namespace}:host`, host]);
    await this.ok(["config", "set", "--secret", `${namespace}:clientSecret`, app.clientSecret]);
  }

  /** The raw checkpoint file of the stack, as the file backend keeps it. */
  stateFileText(): string {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.startsWith(this.stack) && entry.name.endsWith(".json")) found.push(full);
      }
    };
    walk(this.stateDir);
    if (found.length === 0) throw new Error(`no state file for stack ${this.stack} under ${this.stateDir}`);
    return found.map((f) => fs.readFileSync(f, "utf8")).join("\n");
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Runs `cmd` with exactly `env` (nothing inherited) and collects its output; never throws on a non-zero exit.
 * Asynchronous, so an emulator in the test's own process keeps answering.
 */
export function runCollecting(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
