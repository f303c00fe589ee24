/**
 * provider_overhead_ratio: N campaigns created through the provider hooks (check + create, in this
 * process; the dynamic adapter's work without the host's gRPC) against the same N creates made by a minimal raw undici client, both at CONCURRENCY in flight,
 * against an emulator (its own process) answering after LATENCY_MS. Each run gets a fresh emulator, so
 * both sides make the same requests: one list page (the provider's duplicate-name lookup; the raw client
 * sends the same call), one contact-list listing (the provider's check that the lists a campaign names exist;
 * the raw client sends it too), the re-check before the creates (one page of the newest campaigns per second of
 * creating; the raw client does the same), and N create POSTs (Progressive: the create answer holds the
 * record, so no GET). The request sets are compared after every run and the bench fails if they differ
 * (the re-check pages by at most one: each side's own duration decides how many seconds it spans). The provider's
 * request scheduler is set to the same concurrency (KORE_MAX_CONCURRENCY) and no rate cap
 * (KORE_MAX_REQUESTS_PER_SECOND=unlimited), as the raw client has none.
 * native_overhead_ratio: the same N creates through the native plugin's gRPC service in this process
 * (support/native-service.ts: Check then Create requests arriving as bytes, deserialized, handled, answered),
 * over the same raw client's time. One warm-up round, then RUNS rounds, each provider, native, raw in turn;
 * the figures are the medians of the per-round ratios.
 */
import { callKey, countBy, describeCounts, figure, median, note, pool, sized, timed } from "../support/common";
import { EmulatorProcess } from "../support/emulator-process";
import { checkAndCreate, hooks, useEmulator } from "../support/hooks";
import { campaignArgs, campaignName, wireBody } from "../support/inputs";
import { NativeService } from "../support/native-service";
import { RawClient } from "../support/raw-client";

const N = sized(200, 20);
const CONCURRENCY = 8;
const LATENCY_MS = 20;
const RUNS = sized(5, 1);

type Side = "provider" | "native" | "raw";

let nativeService: NativeService | undefined;

/** CPU milliseconds (user + system) this process used while `fn` ran: the client's own work. */
async function withCpu<T>(fn: () => Promise<T>): Promise<{ cpuMs: number; value: T }> {
  const before = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(before);
  return { cpuMs: (used.user + used.system) / 1000, value };
}

async function runOnce(side: Side, run: number): Promise<{ ms: number; cpuMs: number; calls: string; lists: number }> {
  const emulator = await EmulatorProcess.start({ readyDelayMs: 600_000, faults: { latencyMs: LATENCY_MS } });
  try {
    const prefix = `Bench ${side} ${run}`;
    let ms: number;
    let cpuMs: number;
    // inputs are built before the clock starts
    const names = Array.from({ length: N }, (_, i) => campaignName(prefix, i));
    if (side === "provider") {
      const h = await hooks();
      // the scheduler's cap at the same concurrency; no rate cap (its default 10/s would pace a local server)
      useEmulator(h, emulator.url, { maxConcurrency: CONCURRENCY, maxRequestsPerSecond: "unlimited" });
      const inputs = names.map(campaignArgs);
      const c = await withCpu(() => timed(() => pool(N, CONCURRENCY, (i) => checkAndCreate(h, inputs[i]))));
      const t = c.value;
      if (t.value.failures.length > 0) throw new Error(`provider: ${t.value.failures.length} creates failed`);
      ms = t.ms;
      cpuMs = c.cpuMs;
    } else if (side === "native") {
      const h = await hooks();
      nativeService ??= await NativeService.start();
      useEmulator(h, emulator.url, { maxConcurrency: CONCURRENCY, maxRequestsPerSecond: "unlimited" });
      const requests = names.map((name) => NativeService.checkRequest(campaignArgs(name)));
      const native = nativeService;
      const c = await withCpu(() => timed(() => pool(N, CONCURRENCY, (i) => native.checkAndCreate(requests[i]))));
      const t = c.value;
      if (t.value.failures.length > 0) throw new Error(`native: ${t.value.failures.length} creates failed; first: ${String(t.value.failures[0].error)}`);
      ms = t.ms;
      cpuMs = c.cpuMs;
    } else {
      const client = await new RawClient(emulator.url).init();
      const bodies = names.map(wireBody);
      // the provider's re-check before a create: one page of the newest campaigns, shared for a second
      let recheck: { at: number; page: Promise<unknown> } | undefined;
      const recent = () => {
        const now = Date.now();
        if (!recheck || now - recheck.at > 1000) recheck = { at: now, page: client.listFirstPage() };
        return recheck.page;
      };
      const c = await withCpu(() =>
        timed(async () => {
          await Promise.all([client.listFirstPage(), client.listContactLists()]);
          return pool(N, CONCURRENCY, async (i) => {
            await recent();
            return client.create(bodies[i]);
          });
        }),
      );
      const t = c.value;
      await client.close();
      if (t.value.failures.length > 0) throw new Error(`raw: ${t.value.failures.length} creates failed`);
      ms = t.ms;
      cpuMs = c.cpuMs;
    }
    const keys = (await emulator.requests()).map(callKey);
    const lists = keys.filter((k) => k.endsWith("/getAllCampaignDetails")).length;
    return { ms, cpuMs, calls: describeCounts(countBy(keys.filter((k) => !k.endsWith("/getAllCampaignDetails")))), lists };
  } finally {
    await emulator.stop();
  }
}

export async function overhead(): Promise<void> {
  note(`overhead: ${N} creates, ${CONCURRENCY} in flight, emulator latency ${LATENCY_MS} ms; 1 warm-up + ${RUNS} rounds (provider, native, raw)`);
  const sides: Side[] = ["provider", "native", "raw"];
  const times: Record<Side, number[]> = { provider: [], native: [], raw: [] };
  const cpu: Record<Side, number[]> = { provider: [], native: [], raw: [] };
  const ratios: Record<"provider" | "native", number[]> = { provider: [], native: [] };
  let expected: string | undefined;
  for (let run = 0; run <= RUNS; run++) {
    const results = {} as Record<Side, Awaited<ReturnType<typeof runOnce>>>;
    for (const side of sides) results[side] = await runOnce(side, run);
    for (const side of sides) {
      expected ??= results[side].calls;
      if (results[side].calls !== expected) throw new Error(`request sets differ: ${side} made ${results[side].calls}; expected ${expected}`);
    }
    const r = results.raw;
    for (const side of ["provider", "native"] as const) {
      const p = results[side];
      // a re-check page per second of creating: the side that ran longer may have made one more per extra second
      const slack = 1 + Math.ceil(Math.abs(p.ms - r.ms) / 1000);
      if (Math.abs(p.lists - r.lists) > slack) throw new Error(`list pages differ: ${side} ${p.lists} in ${p.ms.toFixed(0)} ms, raw ${r.lists} in ${r.ms.toFixed(0)} ms`);
    }
    note(
      `  ${run === 0 ? "warm-up" : `run ${run}`}: ` +
        sides.map((side) => `${side} ${results[side].ms.toFixed(0)} ms (CPU ${results[side].cpuMs.toFixed(0)} ms)`).join(", ") +
        `; list pages ${sides.map((side) => results[side].lists).join(" / ")}${run === 0 ? `; each side made ${expected}` : ""}`,
    );
    if (run === 0) continue;
    for (const side of sides) {
      cpu[side].push(results[side].cpuMs);
      times[side].push(results[side].ms);
    }
    ratios.provider.push(results.provider.ms / r.ms);
    ratios.native.push(results.native.ms / r.ms);
  }
  note(`  client CPU per create (median): ${sides.map((side) => `${side} ${(median(cpu[side]) / N).toFixed(2)} ms`).join(", ")}`);
  note(`  per-round ratios: provider ${ratios.provider.map((x) => x.toFixed(3)).join(", ")}; native ${ratios.native.map((x) => x.toFixed(3)).join(", ")}`);
  figure("provider_overhead_ratio", median(ratios.provider));
  figure("native_overhead_ratio", median(ratios.native));
  figure(`provider_create_ms_${N}`, median(times.provider), 0);
  figure(`native_create_ms_${N}`, median(times.native), 0);
  figure(`raw_create_ms_${N}`, median(times.raw), 0);
}
