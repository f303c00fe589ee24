/**
 * Importing a module of provider/ starts nothing: no timer, socket, server or watchdog, no patched console or
 * stdout/stderr, no process listener of ours. The entry points (the hook modules' first call, the native
 * plugin's main) start what a provider process needs, explicitly.
 *
 * How: a child `node` process requires every compiled module under dist/provider/ (built by `npm run build`,
 * which `npm test` runs first), one after the other, with an async hook that records every resource created
 * while a module loads, and compares the console and stdio methods before and after. Its last argument is a
 * stand-in engine address that accepts connections, as the Pulumi engine gives every provider process, so a
 * watchdog started on import would find an engine to watch. The child then reports and must exit by itself.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE = path.join(ROOT, "provider");
const DIST = path.join(ROOT, "dist", "provider");

/**
 * The child: requires each module named on its command line (all but the last argument, the engine address)
 * and prints one JSON report. Resources left out: promises and ticks (no handle), node's DNS channel (made when
 * node's own dns module loads; it holds nothing open) and the process's stdio streams (touching
 * `process.stdout` makes a handle that exists for the process anyway).
 */
const PROBE = String.raw`
const asyncHooks = require("node:async_hooks");
const path = require("node:path");
const modules = process.argv.slice(1, -1);
const IGNORED = new Set(["PROMISE", "TickObject", "Microtask", "DNSCHANNEL"]);
const findings = [];
let current;
const firstOwnFrame = (stack) => stack.split("\n").slice(1).map((l) => l.trim()).find((l) => !l.includes("node:") && !l.includes("[eval]")) ?? "(node internals)";
asyncHooks.createHook({
  init(_id, type) {
    if (current === undefined || IGNORED.has(type)) return;
    const stack = new Error().stack;
    if (/process\.getStd(in|out|err)/.test(stack)) return;
    findings.push({ module: current, what: "started " + type, where: firstOwnFrame(stack) });
  },
}).enable();
const watched = () => [
  ...["log", "info", "warn", "error", "debug", "trace"].map((k) => ["console." + k, console[k]]),
  ["process.stdout.write", process.stdout.write],
  ["process.stderr.write", process.stderr.write],
];
for (const method of ["on", "addListener", "once", "prependListener", "prependOnceListener"]) {
  const original = process[method];
  process[method] = function (event, ...rest) {
    if (current !== undefined) findings.push({ module: current, what: "process." + method + "(" + String(event) + ")", where: firstOwnFrame(new Error().stack) });
    return original.call(this, event, ...rest);
  };
}
for (const file of modules) {
  const before = watched();
  current = file;
  try {
    require(file);
  } catch (err) {
    findings.push({ module: file, what: "failed to load: " + (err && err.message), where: "" });
  }
  current = undefined;
  watched().forEach(([name, fn], i) => {
    if (fn !== before[i][1]) findings.push({ module: file, what: "replaced " + name, where: "" });
  });
}
// what still holds the process open, besides its own stdio: handles that are ref'd, and ref'd timers
const active = [
  ...process._getActiveHandles().filter((h) => !h._isStdio && (typeof h.hasRef !== "function" || h.hasRef())).map((h) => h.constructor.name),
  ...process.getActiveResourcesInfo().filter((t) => t === "Timeout" || t === "Immediate"),
];
const report = { loaded: modules.length, findings, active };
require("node:fs").writeSync(1, JSON.stringify(report) + "\n");
`;

interface Report {
  loaded: number;
  findings: Array<{ module: string; what: string; where: string }>;
  active: string[];
}

interface Run {
  report?: Report;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function sourceModules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceModules(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

const compiledOf = (source: string) => path.join(DIST, path.relative(SOURCE, source)).replace(/\.ts$/, ".js");

/** Runs the probe over `modules` with a listening stand-in engine; kills it only if it has not exited `graceMs` after it started. */
async function probe(modules: string[], graceMs = 20_000): Promise<Run> {
  const engine = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => engine.listen(0, "127.0.0.1", resolve));
  const address = `127.0.0.1:${(engine.address() as net.AddressInfo).port}`;
  try {
    const child = spawn(process.execPath, ["-e", PROBE, ...modules, address], { cwd: os.tmpdir(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("exit", (c, s) => resolve([c, s])));
    clearTimeout(killer);
    const line = stdout.split("\n").find((l) => l.startsWith("{"));
    return { report: line ? (JSON.parse(line) as Report) : undefined, code, signal, stdout, stderr };
  } finally {
    await new Promise<void>((resolve) => engine.close(() => resolve()));
  }
}

const describeFindings = (report: Report) => report.findings.map((f) => `${path.relative(DIST, f.module)}: ${f.what}${f.where ? ` ${f.where}` : ""}`);

describe("importing every module of provider/ (compiled)", () => {
  const sources = sourceModules(SOURCE).sort();
  let run: Run;

  beforeAll(async () => {
    const stale = sources.filter((s) => !fs.existsSync(compiledOf(s)) || fs.statSync(compiledOf(s)).mtimeMs < fs.statSync(s).mtimeMs);
    if (stale.length > 0) throw new Error(`dist/ is missing or older than ${path.relative(ROOT, stale[0])} (and ${stale.length - 1} more): run npm run build first (npm test does)`);
    run = await probe(sources.map(compiledOf));
  }, 60_000);

  test("loads every module (a module left out would make the checks below vacuous)", () => {
    expect(sources.length).toBeGreaterThan(60);
    expect(run.report?.loaded).toBe(sources.length);
    expect(run.report?.findings.filter((f) => f.what.startsWith("failed to load"))).toEqual([]);
  });

  test("starts no timer, socket, server or watchdog", () => {
    expect(describeFindings(run.report!).filter((f) => / started /.test(f))).toEqual([]);
  });

  test("patches no console method and no stdout/stderr write, adds no process listener of its own", () => {
    // a dependency's own exit hook (the `tmp` package's clean-up, loaded by @pulumi/pulumi) is not ours
    const ours = run.report!.findings.filter((f) => !f.what.startsWith("started ") && !f.what.startsWith("failed") && !f.where.includes(`${path.sep}node_modules${path.sep}`));
    expect(describeFindings({ ...run.report!, findings: ours })).toEqual([]);
  });

  test("the process then exits at once by itself, with nothing left that holds it open", () => {
    expect(run.report?.active).toEqual([]);
    expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: "" });
  });
});

test("(the probe does see an unref'd timer, a socket and a patched console.error started on import, names the module, and a timer that holds the process)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-side-effects-"));
  try {
    const timer = path.join(dir, "watchdog.js");
    fs.writeFileSync(timer, "setInterval(() => undefined, 500).unref();\n");
    const patch = path.join(dir, "patch.js");
    fs.writeFileSync(patch, "const print = console.error.bind(console);\nconsole.error = (...a) => print(...a);\n");
    const socket = path.join(dir, "socket.js");
    fs.writeFileSync(socket, `require("node:net").connect(Number(process.argv[process.argv.length - 1].split(":")[1]), "127.0.0.1").unref();\n`);
    const clean = path.join(dir, "clean.js");
    fs.writeFileSync(clean, "exports.x = 1;\n");
    const holder = path.join(dir, "holder.js");
    fs.writeFileSync(holder, "setTimeout(() => undefined, 600000);\n");
    const { report, signal } = await probe([clean, timer, patch, socket, holder], 3_000);
    const lines = describeFindings(report!).map((l) => l.replace(path.relative(DIST, dir), "<dir>"));
    expect(lines.filter((l) => l.startsWith(`<dir>${path.sep}clean.js`))).toEqual([]);
    expect(lines.find((l) => l.startsWith(`<dir>${path.sep}watchdog.js: started Timeout`))).toBeDefined();
    expect(lines).toContain(`<dir>${path.sep}patch.js: replaced console.error`);
    expect(lines.find((l) => l.startsWith(`<dir>${path.sep}socket.js: started TCPWRAP`))).toBeDefined();
    expect(report!.active).toEqual(["Timeout"]); // the ref'd one; the unref'd watchdog and socket do not hold the process
    expect(signal).toBe("SIGKILL"); // it did not exit by itself
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
