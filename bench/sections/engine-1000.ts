/**
 * A thousand campaigns under the real Pulumi CLI, each command beside the engine's own floor for the same stack
 * (1000 trivial `pulumi.dynamic.Resource`s that make no HTTP call: engine.ts's FLOOR_PROGRAM, same inputs):
 *
 * - engine_up_seconds_1000 / engine_up_floor_seconds_1000: `pulumi up --yes --skip-preview` of the new stack.
 * - engine_preview_seconds_1000 / engine_preview_floor_seconds_1000: `pulumi preview --expect-no-changes` right
 *   after; engine_preview_api_calls_1000 must be 0.
 * - engine_refresh_seconds_1000 / engine_refresh_floor_seconds_1000: `pulumi refresh --yes --skip-preview`;
 *   engine_refresh_api_calls_1000 must be 1000 (one GET per campaign, nothing else).
 *
 * The provider runs with the rate cap lifted (KORE_MAX_REQUESTS_PER_SECOND=unlimited; the default 10/s alone would
 * make the up and the refresh take 100 s each, pacing, not cost); its concurrency cap stays at the default 8.
 * native_engine_{up,preview,refresh}_seconds_1000: the same commands on a third stack, the same 1000 inputs as
 * `native.VoiceCampaign`s (kore:index:VoiceCampaign), served by the native plugin (`plugins.providers` pointing at
 * bin/), configured by the same stack config; engine_*_ratio_1000 and native_engine_*_ratio_1000: over the floor.
 * One round (each command takes a minute or more here); per command the floor runs first, then the dynamic
 * VoiceCampaign stack, then the native one. The stacks are not destroyed (the emulator and folders are thrown away).
 * The bench fails when an up does not make exactly 1000 creates, or when the preview or refresh counts are wrong.
 */
import { clientConnection } from "pulumi-kore-campaigns/emulator";
import { callKey, countBy, describeCounts, figure, note, refreshCallsProblem, sized } from "../support/common";
import { EmulatorProcess } from "../support/emulator-process";
import { Args, campaignArgs, campaignName } from "../support/inputs";
import type { PulumiProject, RunResult } from "../support/pulumi-project";
import { FLOOR_PROGRAM, KORE_PROGRAM, NATIVE_PROGRAM, nativeProject, project } from "./engine";

const STACK = sized(1000, 10);
const UNLIMITED = { KORE_MAX_REQUESTS_PER_SECOND: "unlimited" };

type Command = "up" | "preview" | "refresh";
const COMMANDS: Record<Command, string[]> = {
  up: ["up", "--yes", "--skip-preview"],
  preview: ["preview", "--expect-no-changes"],
  refresh: ["refresh", "--yes", "--skip-preview"],
};

export async function engine1000(): Promise<void> {
  const definitions: Record<string, Args> = {};
  for (let i = 0; i < STACK; i++) definitions[`campaign-${i}`] = campaignArgs(campaignName("Bench thousand", i));
  const dynamic = project("kore-bench-1000", KORE_PROGRAM, definitions);
  const native = nativeProject("kore-bench-1000-native", NATIVE_PROGRAM, definitions);
  const floor = project("kore-bench-1000-floor", FLOOR_PROGRAM, definitions);
  // the two adapters' campaigns in one app: distinct names
  const nativeDefinitions: Record<string, Args> = {};
  for (let i = 0; i < STACK; i++) nativeDefinitions[`campaign-${i}`] = campaignArgs(campaignName("Bench native", i));
  native.write("campaigns.json", JSON.stringify(nativeDefinitions, null, 2));
  const emulator = await EmulatorProcess.start({ readyDelayMs: 600_000 });
  const calls = async (what: string, seconds: number): Promise<string[]> => {
    const keys = (await emulator.requests()).map(callKey);
    note(`  ${what} ${seconds.toFixed(2)} s: ${keys.length} calls${keys.length ? ` (${describeCounts(countBy(keys))})` : ""}`);
    return keys;
  };
  /** The command's calls must be what it claims: STACK creates, no call, STACK campaign GETs (and one listing). */
  const checkCalls = (command: Command, keys: string[]): void => {
    if (command === "up") {
      const created = keys.filter((k) => k.startsWith("POST") && k.endsWith("/campaign")).length;
      if (created !== STACK) throw new Error(`up made ${created} create calls, expected ${STACK}`);
    } else if (command === "preview") {
      if (keys.length !== 0) throw new Error(`the no-op preview made ${keys.length} API calls, expected 0`);
    } else {
      // the floor's, the dynamic and the native stack's campaigns share the app: one listing of them all at most
      const problem = refreshCallsProblem(keys, STACK, Math.ceil((3 * STACK) / 50));
      if (problem) throw new Error(problem);
    }
  };
  try {
    const connection = clientConnection(emulator.url);
    floor.write("connection.json", JSON.stringify(connection));
    note(`engine-1000: ${STACK} campaigns; floor ${floor.dir}, dynamic ${dynamic.dir}, native ${native.dir}; rate cap lifted`);
    // set-up, untimed: the three projects at once
    const configured = async (p: PulumiProject) => {
      await p.ok(["stack", "init", "bench"]);
      await p.ok([
        "config", "set-all",
        "--plaintext", `kore:host=${connection.host}`,
        "--plaintext", `kore:appId=${connection.appId}`,
        "--plaintext", `kore:accountId=${connection.accountId}`,
        "--plaintext", `kore:clientId=${connection.clientId}`,
        "--secret", `kore:clientSecret=${connection.clientSecret}`,
      ]); // prettier-ignore
    };
    await Promise.all([configured(dynamic), configured(native), floor.ok(["stack", "init", "bench"])]);

    for (const command of ["up", "preview", "refresh"] as const) {
      const floorRun = await floor.ok(COMMANDS[command]);
      note(`  floor ${command} ${floorRun.seconds.toFixed(2)} s`);
      const timedRun = async (what: string, p: PulumiProject): Promise<{ run: RunResult; keys: string[] }> => {
        await emulator.clearRequests();
        const run = await p.ok(COMMANDS[command], UNLIMITED);
        const keys = await calls(`${what} ${command}`, run.seconds);
        checkCalls(command, keys);
        return { run, keys };
      };
      const d = await timedRun("dynamic", dynamic);
      const n = await timedRun("native", native);
      figure(`engine_${command}_seconds_${STACK}`, d.run.seconds, 2);
      figure(`engine_${command}_floor_seconds_${STACK}`, floorRun.seconds, 2);
      figure(`engine_${command}_api_calls_${STACK}`, d.keys.length);
      figure(`native_engine_${command}_seconds_${STACK}`, n.run.seconds, 2);
      figure(`native_engine_${command}_api_calls_${STACK}`, n.keys.length);
      figure(`engine_${command}_ratio_${STACK}`, d.run.seconds / floorRun.seconds, 2);
      figure(`native_engine_${command}_ratio_${STACK}`, n.run.seconds / floorRun.seconds, 2);
    }
  } finally {
    await emulator.stop();
    for (const p of [dynamic, native, floor]) p.cleanup();
  }
}
