/**
 * The emulator as a separate process (`node dist/emulator/main.js`, built by `npm run build`),
 * driven through its `/__emulator/*` admin surface, so a test can SIGTERM it and start it again on
 * the same port with the same data folder while a `pulumi up` is talking to it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import type { ContactListInfo, FaultConfig, RequestLogEntry, ScriptedFault, StoredCampaign } from "pulumi-kore-campaigns/emulator";
import { REPO_ROOT } from "./pulumi-project";

const MAIN = path.join(REPO_ROOT, "dist", "emulator", "main.js");

/** A port that was free a moment ago (bound to 127.0.0.1:0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface EmulatorProcessOptions {
  port: number;
  dataDir: string;
  readyDelayMs?: number;
  /** Contact lists to start with (`--contact-list`); campaigns may only name existing lists. Kept in dataDir across restarts. */
  contactLists?: readonly string[];
}

export class EmulatorProcess {
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = "";

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
      else child.once("exit", (code, signal) => resolve({ code, signal }));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Starts `main.js` and resolves once it prints `listening on ...` (demo credentials: KORE_* are not passed on). */
  static start(opts: EmulatorProcessOptions): Promise<EmulatorProcess> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("KORE_")));
    const args = [MAIN, "--port", String(opts.port), "--data-dir", opts.dataDir];
    if (opts.readyDelayMs !== undefined) args.push("--ready-delay-ms", String(opts.readyDelayMs));
    for (const name of opts.contactLists ?? []) args.push("--contact-list", name);
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`emulator did not start within 15 s\n${stderr}`));
      }, 15_000);
      child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
      child.stdout!.on("data", (c: Buffer) => {
        stdout += c.toString();
        const m = stdout.match(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
        if (m) {
          clearTimeout(timer);
          const handle = new EmulatorProcess(child, m[1]);
          child.stderr!.on("data", (c2: Buffer) => (handle.stderr += c2.toString()));
          handle.stderr = stderr;
          resolve(handle);
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`emulator exited (${code ?? signal}) before listening\n${stderr}`));
      });
    });
  }

  /** One admin call; resolves with the parsed JSON answer, rejects on a non-2xx status. */
  admin<T>(method: "GET" | "POST" | "DELETE", what: string, body?: unknown): Promise<T> {
    const url = new URL(`/__emulator/${what}`, this.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        { method, agent: false, headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {} },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => {
            if ((res.statusCode ?? 0) >= 300) reject(new Error(`${method} ${url.pathname}: ${res.statusCode} ${text}`));
            else resolve(JSON.parse(text) as T);
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  setFaults(f: FaultConfig): Promise<unknown> {
    return this.admin("POST", "faults", f);
  }
  failNext(rule: ScriptedFault): Promise<unknown> {
    return this.admin("POST", "fail-next", rule);
  }
  requests(): Promise<RequestLogEntry[]> {
    return this.admin("GET", "requests");
  }
  campaigns(): Promise<StoredCampaign[]> {
    return this.admin("GET", "campaigns");
  }
  contactLists(): Promise<ContactListInfo[]> {
    return this.admin("GET", "contact-lists");
  }

  /** Sends `signal` (SIGTERM: the emulator closes, flushes and exits 0) and waits for the exit. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  /** For cleanup: SIGKILL this process if it is still running. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    await this.exited;
  }
}
