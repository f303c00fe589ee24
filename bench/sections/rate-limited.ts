/**
 * rate_limited_ratio: N campaigns created at once (all N check + create started together) through the
 * provider hooks, in this process, against an emulator whose token bucket allows RATE requests per second
 * (burst = RATE; beyond it: 429 + Retry-After), with the provider told the same rate
 * (KORE_MAX_REQUESTS_PER_SECOND=RATE; its concurrency cap left at the default), emulator latency LATENCY_MS.
 * Wall time over the floor `requests / RATE`, requests = the answered (2xx) ones: the list page + N POSTs.
 * rate_limited_ratio_strict: over the true floor `(requests - RATE) / RATE`: the bucket starts full, so
 * RATE requests may go at once and only the rest wait for tokens (by the first definition, a client that
 * used the burst perfectly would score about 0.8).
 * Three runs, each on a fresh emulator: median ratios, median 429 count, failed creates summed over runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { figure, firstLine, median, note, pool, REPO_ROOT, sized, timed } from "../support/common";
import { EmulatorProcess } from "../support/emulator-process";
import { checkAndCreate, hooks, useEmulator } from "../support/hooks";
import { campaignArgs, campaignName } from "../support/inputs";

const N = sized(100, 30);
const RATE = 20;
const LATENCY_MS = 20;
const RUNS = sized(3, 1);

/** Whether the built provider has the request scheduler wired into what its hooks share (session.ts). */
export function schedulerWired(): boolean {
  const dist = path.join(REPO_ROOT, "dist", "provider");
  return fs.existsSync(path.join(dist, "kore-api", "scheduler.js")) && /AdaptiveScheduler/.test(fs.readFileSync(path.join(dist, "pulumi", "session.js"), "utf8"));
}

/** A few creates on a throwaway emulator first, so module loading and the first compiles are not timed. */
async function warmUp(): Promise<void> {
  const emulator = await EmulatorProcess.start({ readyDelayMs: 600_000 });
  try {
    const h = await hooks();
    useEmulator(h, emulator.url, { maxRequestsPerSecond: "unlimited" });
    await pool(20, 8, (i) => checkAndCreate(h, campaignArgs(campaignName("Bench warm-up", i))));
  } finally {
    await emulator.stop();
  }
}

export async function rateLimited(): Promise<void> {
  const wired = schedulerWired();
  note(
    `rate-limited: ${N} creates at once, emulator limited to ${RATE} req/s (latency ${LATENCY_MS} ms), ` +
      (wired ? `provider told KORE_MAX_REQUESTS_PER_SECOND=${RATE}` : "NO scheduler in the built provider: only its retries pace it"),
  );
  const ratios: number[] = [];
  const throttled: number[] = [];
  const strict: number[] = [];
  let failed = 0;
  await warmUp();
  for (let run = 1; run <= RUNS; run++) {
    const emulator = await EmulatorProcess.start({ readyDelayMs: 600_000, faults: { latencyMs: LATENCY_MS, maxRequestsPerSecond: RATE } });
    try {
      const h = await hooks();
      useEmulator(h, emulator.url, { maxRequestsPerSecond: RATE });
      const inputs = Array.from({ length: N }, (_, i) => campaignArgs(campaignName(`Bench limited ${run}`, i)));
      const t = await timed(() => pool(N, N, (i) => checkAndCreate(h, inputs[i])));
      const log = await emulator.requests();
      const answered = log.filter((r) => r.status >= 200 && r.status < 300).length;
      const refused = log.filter((r) => r.status === 429).length;
      const floorMs = (answered / RATE) * 1000;
      ratios.push(t.ms / floorMs);
      strict.push(t.ms / (((answered - RATE) / RATE) * 1000));
      throttled.push(refused);
      failed += t.value.failures.length;
      const campaigns = (await emulator.campaigns()).length;
      if (campaigns !== N - t.value.failures.length) throw new Error(`${campaigns} campaigns on the server after ${N - t.value.failures.length} creates that succeeded`);
      note(
        `  run ${run}: ${(t.ms / 1000).toFixed(2)} s for ${answered} answered requests (floor ${(floorMs / 1000).toFixed(2)} s, ` +
          `strict ${((answered - RATE) / RATE).toFixed(2)} s), ` +
          `${refused} x 429, ${t.value.failures.length} failed, ${campaigns} campaigns on the server` +
          (t.value.failures.length > 0 ? `; first failure: ${firstLine(t.value.failures[0].error)}` : ""),
      );
    } finally {
      await emulator.stop();
    }
  }
  figure("rate_limited_ratio", median(ratios));
  figure("rate_limited_ratio_strict", median(strict));
  figure("rate_limited_failed", failed);
  if (failed > 0) throw new Error(`${failed} creates failed under the rate limit (see above), expected none`);
  figure("rate_limited_429s", median(throttled));
  if (!wired) throw new Error("the built provider has no request scheduler in dist/provider/pulumi/session.js: the rate_limited_* figures above do not measure it");
}
