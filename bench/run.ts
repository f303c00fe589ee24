/**
 * `npm run bench`: performance figures, one `name: value` line each on stdout (progress on stderr).
 * `npm run bench -- overhead validate` runs only the named sections; `--smoke` runs them on a tiny size (CI does:
 * a section that no longer runs fails there), checking the same invariants. Methods: bench/README.md.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { figure, load, note, SMOKE } from "./support/common";
import { engine } from "./sections/engine";
import { engine1000 } from "./sections/engine-1000";
import { exportSection } from "./sections/export";
import { memory } from "./sections/memory";
import { overhead } from "./sections/overhead";
import { rateLimited } from "./sections/rate-limited";
import { validate } from "./sections/validate";

const SECTIONS: Record<string, () => Promise<void>> = {
  overhead,
  "rate-limited": rateLimited,
  engine,
  "engine-1000": engine1000,
  memory,
  validate,
  export: exportSection,
};

async function main(): Promise<void> {
  // The in-process sections' create journal (the hooks write one entry per create) goes to a throwaway home,
  // never the user's ~/.pulumi; the engine sections' projects have their own.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "kore-bench-home-"));
  process.env.PULUMI_HOME ??= home;
  process.on("exit", () => fs.rmSync(home, { recursive: true, force: true }));
  const wanted = process.argv.slice(2).filter((a) => a !== "--smoke");
  const unknown = wanted.filter((w) => !(w in SECTIONS));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(", ")}; sections: ${Object.keys(SECTIONS).join(", ")}`);
  const started = Date.now();
  note(`${os.cpus().length} CPUs, load average ${load()} (other jobs on the machine skew the times)${SMOKE ? "; SMOKE: tiny sizes, the figures only show the sections run" : ""}`);
  for (const [name, section] of Object.entries(SECTIONS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const t0 = Date.now();
    await section();
    note(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s; load average ${load()}`);
    figure(`load_average_after_${name.replace(/-/g, "_")}`, os.loadavg()[0], 2); // the times above move with it
  }
  note(`all done in ${((Date.now() - started) / 1000).toFixed(1)} s; load average ${load()}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
