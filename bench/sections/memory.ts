/**
 * provider_rss_mb_1000: the real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, started by
 * tests/support/provider-host.ts in a program folder outside the repository) with the VoiceCampaign's
 * serialized provider, driven over gRPC: Configure, then Check + Create for COUNT campaigns, CONCURRENCY
 * in flight, against the emulator (its own process, no latency; the provider's rate cap lifted with
 * KORE_MAX_REQUESTS_PER_SECOND=unlimited, its default concurrency cap of 8 kept). Then VmRSS of the host process, from
 * /proc/<pid>/status (the resident memory the OS charges it, not only the JS heap).
 * native_rss_mb_1000: the same for the native plugin (`pulumi-resource-kore`, the script package.json's `bin`
 * names, started as the engine starts it), the same calls with its `kore:index:VoiceCampaign` URN.
 * The two processes run one after the other, each measured from outside by its pid.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_CREDENTIALS } from "pulumi-kore-campaigns/emulator";
import { NATIVE_CAMPAIGN_URN, ProviderHost, serializedProvider } from "../../tests/support/provider-host";
import { figure, firstLine, note, packageBin, pool, REPO_ROOT, sized, timed } from "../support/common";
import { EmulatorProcess } from "../support/emulator-process";
import { campaignArgs, campaignName } from "../support/inputs";

const COUNT = sized(1000, 20);
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

type Adapter = "dynamic" | "native";

export async function memory(): Promise<void> {
  const provider = await serializedProvider();
  for (const adapter of ["dynamic", "native"] as const) {
    const mb = await measure(adapter, provider);
    figure(adapter === "dynamic" ? `provider_rss_mb_${COUNT}` : `native_rss_mb_${COUNT}`, mb, 1);
  }
}

/** VmRSS in MB of the adapter's process after Configure and COUNT check + create calls. */
async function measure(adapter: Adapter, provider: string): Promise<number> {
  const emulator = await EmulatorProcess.start({ readyDelayMs: 600_000 });
  // a program folder outside the repository, where only node_modules/pulumi-kore-campaigns points back
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kore-bench-host-"));
  let host: ProviderHost | undefined;
  try {
    fs.mkdirSync(path.join(folder, "node_modules"));
    fs.symlinkSync(REPO_ROOT, path.join(folder, "node_modules", "pulumi-kore-campaigns"), "dir");
    const env = {
      KORE_HOST: emulator.url,
      KORE_APP_ID: DEMO_CREDENTIALS.appId,
      KORE_ACCOUNT_ID: DEMO_CREDENTIALS.accountId,
      KORE_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      KORE_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
      KORE_MAX_REQUESTS_PER_SECOND: "unlimited", // the default 10/s would only make this section slow
      ...(process.env.BENCH_HOST_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_HOST_NODE_OPTIONS } : {}),
    };
    // the plugin by package.json's `bin` (ProviderHost.startNative finds it relative to the tests, not dist/bench)
    const started =
      adapter === "dynamic"
        ? await ProviderHost.start({ provider, cwd: folder, env })
        : await ProviderHost.start({ provider: "", script: packageBin("pulumi-resource-kore"), urn: NATIVE_CAMPAIGN_URN, cwd: folder, env });
    host = started;
    const pid = started.pid;
    if (pid === undefined) throw new Error(`the ${adapter} provider process has no pid`);
    await started.configure();
    note(`memory (${adapter}): pid ${pid}, VmRSS ${(memoryKb(pid, "VmRSS") / 1024).toFixed(1)} MB after Configure; ${COUNT} creates, ${CONCURRENCY} in flight`);
    const cpuBefore = cpuSeconds(pid);
    const t = await timed(() =>
      pool(COUNT, CONCURRENCY, async (i) => {
        const { inputs, failures } = await started.check(campaignArgs(campaignName(`Bench memory ${adapter}`, i)));
        if (failures.length > 0) throw new Error(`check failed: ${failures.map((f) => f.reason).join("; ")}`);
        return (await started.create(inputs)).id;
      }),
    );
    if (t.value.failures.length > 0) throw new Error(`${adapter}: ${t.value.failures.length} creates failed; first: ${firstLine(t.value.failures[0].error)}`);
    const made = (await emulator.campaigns()).length;
    if (made !== COUNT) throw new Error(`${adapter}: ${made} campaigns on the server after ${COUNT} creates`);
    const rss = memoryKb(pid, "VmRSS");
    const cpuMs = ((cpuSeconds(pid) - cpuBefore) * 1000) / COUNT;
    note(`  ${COUNT} creates in ${(t.ms / 1000).toFixed(1)} s (CPU ${cpuMs.toFixed(1)} ms per check + create); VmRSS ${(rss / 1024).toFixed(1)} MB, peak (VmHWM) ${(memoryKb(pid, "VmHWM") / 1024).toFixed(1)} MB`);
    return rss / 1024;
  } finally {
    await host?.stop();
    await emulator.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
