/**
 * The CLI: argument parsing in-process, then the compiled main.js as a real child process
 * (compiled from emulator/ only, into a temp folder, so the test does not depend on a full build).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DATA_FILE, DEMO_CREDENTIALS, type Emulator } from "pulumi-kore-campaigns/emulator";
import { parseCli } from "../../emulator/main";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");

describe("parseCli", () => {
  test("reads --port, --data-dir, --ready-delay-ms and --enforce-jti; credentials from KORE_*", () => {
    const cmd = parseCli(["--port", "8123", "--data-dir", "/tmp/x", "--ready-delay-ms", "25", "--enforce-jti"], {
      KORE_APP_ID: "st-env",
      KORE_CLIENT_SECRET: "env-secret",
    });
    expect(cmd).toEqual({
      kind: "run",
      options: {
        port: 8123,
        dataDir: "/tmp/x",
        readyDelayMs: 25,
        enforceJti: true,
        credentials: { ...DEMO_CREDENTIALS, appId: "st-env", clientSecret: "env-secret" },
        contactLists: [],
      },
    });
  });

  test("defaults: any port, in memory, demo credentials", () => {
    expect(parseCli([], {})).toEqual({
      kind: "run",
      options: { port: 0, dataDir: undefined, readyDelayMs: undefined, enforceJti: false, credentials: { ...DEMO_CREDENTIALS }, contactLists: [] },
    });
  });

  test("--contact-list is repeatable and keeps the names as given, in order", () => {
    const cmd = parseCli(["--contact-list", "Recent Buyers - Q2 2025", "--contact-list", "Renewal Due - July 2025"], {});
    expect(cmd).toMatchObject({ kind: "run", options: { contactLists: ["Recent Buyers - Q2 2025", "Renewal Due - July 2025"] } });
  });

  test("--contact-list with a name the create rules refuse exits as a bad argument, naming the rule", () => {
    expect(() => parseCli(["--contact-list", "x".repeat(49)], {})).toThrow(
      '--contact-list "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is refused: name must be between 1 and 48 characters (got 49)',
    );
    expect(() => parseCli(["--contact-list", "   "], {})).toThrow('--contact-list "   " is refused: name must not be empty');
  });

  test.each([[["--port", "http"]], [["--port", "70000"]], [["--ready-delay-ms", "-5"]], [["--colour"]], [["extra"]], [["--contact-list"]]])("refuses %j", (argv) => {
    expect(() => parseCli(argv, {})).toThrow();
  });
});

describe("node main.js", () => {
  let outDir: string;
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), "kore-emulator-build-"));
    dataDir = await mkdtemp(path.join(tmpdir(), "kore-emulator-cli-"));
    const tsc = spawnSync(
      process.execPath,
      [
        require.resolve("typescript/bin/tsc"),
        "--outDir", outDir, "--rootDir", path.join(ROOT, "emulator"),
        "--module", "commonjs", "--target", "ES2022", "--moduleResolution", "node",
        "--strict", "--esModuleInterop", "--skipLibCheck", "--types", "node",
        path.join(ROOT, "emulator/main.ts"),
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}\n${tsc.stderr}`);
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await rm(outDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  test("prints exactly 'listening on http://127.0.0.1:PORT', serves the API, and SIGTERM flushes and exits 0", async () => {
    const args = ["--port", "0", "--data-dir", dataDir, "--ready-delay-ms", "10", "--contact-list", "Recent Buyers - Q2 2025"];
    const proc = spawn(process.execPath, [path.join(outDir, "main.js"), ...args], {
      env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules"), KORE_APP_ID: "st-cli-app" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let stdout = "";
    let stderr = "";
    proc.stderr!.on("data", (d) => (stderr += d));
    const firstLine = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on("data", (d) => {
        stdout += d;
        if (stdout.includes("\n")) resolve(stdout.split("\n")[0]);
      });
      proc.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);

    const url = firstLine.slice("listening on ".length);
    const port = Number(new URL(url).port);
    const emu = { url, port, credentials: { ...DEMO_CREDENTIALS, appId: "st-cli-app" } } as unknown as Emulator;
    const created = await call(emu, "POST", "/agentassist/api/v1/public/st-cli-app/campaign?campaignType=voice", { body: SAMPLE_PROGRESSIVE });
    expect(created.status).toBe(200);

    const exitCode = await new Promise<number | null>((resolve) => {
      proc.once("exit", (code) => resolve(code));
      proc.kill("SIGTERM");
    });
    expect(exitCode).toBe(0);
    expect(stdout).toBe(`${firstLine}\n`);
    const data = JSON.parse(await readFile(path.join(dataDir, DATA_FILE), "utf8"));
    expect(data.records.map((r: { campaign: { id: string } }) => r.campaign.id)).toEqual([created.body.data.id]);
    expect(data.contactLists.map((l: { name: string }) => l.name)).toEqual(["Recent Buyers - Q2 2025"]);
  }, 60_000);
});
