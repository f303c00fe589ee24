/**
 * The emulator in a child process of its own (`dist/emulator/main.js`), driven through its admin surface
 * (`/__emulator/*`: faults, request log, campaigns). A separate process keeps the emulator's CPU work off
 * the event loop of the client being measured, as a remote Kore.ai would be.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { request } from "undici";
import type { FaultConfig, RequestLogEntry, StoredCampaign } from "pulumi-kore-campaigns/emulator";
import { REPO_ROOT } from "./common";
import { CONTACT_LISTS } from "./inputs";

/** Emulators still running; killed if the bench exits early (a failure), so none is left behind. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** `contactLists`: the lists it starts with (`--contact-list`), by default the ones the bench's campaigns name. */
  static async start(options: { readyDelayMs?: number; faults?: FaultConfig; contactLists?: readonly string[] } = {}): Promise<EmulatorProcess> {
    const lists = (options.contactLists ?? CONTACT_LISTS).flatMap((name) => ["--contact-list", name]);
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "emulator", "main.js"), "--port", "0", "--ready-delay-ms", String(options.readyDelayMs ?? 1000), ...lists],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ["ignore", "pipe", "pipe"] },
    );
    running.add(child);
    child.once("exit", () => running.delete(child));
    let errors = "";
    child.stderr!.on("data", (c: Buffer) => (errors += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (c: Buffer) => {
        out += c.toString();
        const m = out.match(/listening on (http:\/\/\S+)\n/);
        if (m) resolve(m[1]);
      });
      child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${errors}`)));
    });
    const emulator = new EmulatorProcess(child, url);
    if (options.faults) await emulator.setFaults(options.faults);
    return emulator;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private async admin<T>(method: "GET" | "POST" | "DELETE", what: string, body?: unknown): Promise<T> {
    const res = await request(`${this.url}/__emulator/${what}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`emulator admin ${method} ${what}: ${res.statusCode} ${text}`);
    return JSON.parse(text) as T;
  }

  setFaults(faults: FaultConfig): Promise<unknown> {
    return this.admin("POST", "faults", faults);
  }

  requests(): Promise<RequestLogEntry[]> {
    return this.admin("GET", "requests");
  }

  clearRequests(): Promise<unknown> {
    return this.admin("DELETE", "requests");
  }

  campaigns(): Promise<StoredCampaign[]> {
    return this.admin("GET", "campaigns");
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }
}
