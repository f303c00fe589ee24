/**
 * provider_rss_mb_1000: the real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, started by
 * tests/support/provider-host.ts in a program folder outside the repository) with the VoiceCampaign's
 * serialized provider, driven over gRPC: Configure, then Check + Create for COUNT campaigns, CONCURRENCY
 * in flight, against the emulator (its own process, no latency; the provider's rate cap lifted with
 * KORE_MAX_REQUESTS_PER_SECOND=unlimited, its default concurrency cap of 8 kept). Then VmRSS of the host process, from
 * /proc/<pid>/status (the resident memory the OS charges it, not only the JS heap).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_CREDENTIALS } from "pulumi-kore-campaigns/emulator";
import { ProviderHost, serializedProvider } from "../../tests/support/provider-host";
import { figure, firstLine, note, pool, REPO_ROOT, timed } from "../support/common";
import { EmulatorProcess } from "../support/emulator-process";
import { campaignArgs, campaignName } from "../support/inputs";

const COUNT = 1000;
const CONCURRENCY = 16;

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function memoryKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const m = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}

export async function memory(): Promise<void> {
  const provider = await serializedProvider();
  const emulator = await EmulatorProcess.start({ readyDelayMs: 600_000 });
  // a program folder outside the repository, where only node_modules/pulumi-kore-campaigns points back
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kore-bench-host-"));
  let host: ProviderHost | undefined;
  try {
    fs.mkdirSync(path.join(folder, "node_modules"));
    fs.symlinkSync(REPO_ROOT, path.join(folder, "node_modules", "pulumi-kore-campaigns"), "dir");
    const started = await ProviderHost.start({
      provider,
      cwd: folder,
      env: {
        KORE_HOST: emulator.url,
        KORE_APP_ID: DEMO_CREDENTIALS.appId,
        KORE_ACCOUNT_ID: DEMO_CREDENTIALS.accountId,
        KORE_CLIENT_ID: DEMO_CREDENTIALS.clientId,
        KORE_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
        KORE_MAX_REQUESTS_PER_SECOND: "unlimited", // the default 10/s would only make this section slow
        ...(process.env.BENCH_HOST_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_HOST_NODE_OPTIONS } : {}),
      },
    });
    host = started;
    const pid = started.pid;
    if (pid === undefined) throw new Error("the provider host has no pid");
    await started.configure();
    note(`memory: provider host pid ${pid}, VmRSS ${(memoryKb(pid, "VmRSS") / 1024).toFixed(1)} MB after Configure; ${COUNT} creates, ${CONCURRENCY} in flight`);
    const cpuBefore = cpuSeconds(pid);
    const t = await timed(() =>
      pool(COUNT, CONCURRENCY, async (i) => {
        const { inputs, failures } = await started.check(campaignArgs(campaignName("Bench memory", i)));
        if (failures.length > 0) throw new Error(`check failed: ${failures.map((f) => f.reason).join("; ")}`);
        return (await started.create(inputs)).id;
      }),
    );
    if (t.value.failures.length > 0) throw new Error(`${t.value.failures.length} creates failed; first: ${firstLine(t.value.failures[0].error)}`);
    const rss = memoryKb(pid, "VmRSS");
    const cpuMs = ((cpuSeconds(pid) - cpuBefore) * 1000) / COUNT;
    note(`  ${COUNT} creates in ${(t.ms / 1000).toFixed(1)} s (host CPU ${cpuMs.toFixed(1)} ms per check + create); VmRSS ${(rss / 1024).toFixed(1)} MB, peak (VmHWM) ${(memoryKb(pid, "VmHWM") / 1024).toFixed(1)} MB`);
    figure(`provider_rss_mb_${COUNT}`, rss / 1024, 1);
  } finally {
    await host?.stop();
    await emulator.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
