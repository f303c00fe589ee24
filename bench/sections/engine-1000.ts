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
 * One round (each command takes a minute or more here); the floor runs first, then the VoiceCampaign stack.
 * The bench fails when an up does not make exactly 1000 creates, or when the preview or refresh counts are wrong.
 */
import { clientConnection } from "pulumi-kore-campaigns/emulator";
import { callKey, countBy, describeCounts, figure, note } from "../support/common";
import { EmulatorProcess } from "../support/emulator-process";
import { Args, campaignArgs, campaignName } from "../support/inputs";
import { FLOOR_PROGRAM, KORE_PROGRAM, project } from "./engine";

const STACK = 1000;
const UNLIMITED = { KORE_MAX_REQUESTS_PER_SECOND: "unlimited" };

export async function engine1000(): Promise<void> {
  const definitions: Record<string, Args> = {};
  for (let i = 0; i < STACK; i++) definitions[`campaign-${i}`] = campaignArgs(campaignName("Bench thousand", i));
  const kore = project("kore-bench-1000", KORE_PROGRAM, definitions);
  const floor = project("kore-bench-1000-floor", FLOOR_PROGRAM, definitions);
  const emulator = await EmulatorProcess.start({ readyDelayMs: 600_000 });
  const calls = async (what: string, seconds: number): Promise<string[]> => {
    const keys = (await emulator.requests()).map(callKey);
    note(`  ${what} ${seconds.toFixed(2)} s: ${keys.length} calls${keys.length ? ` (${describeCounts(countBy(keys))})` : ""}`);
    return keys;
  };
  try {
    const connection = clientConnection(emulator.url);
    floor.write("connection.json", JSON.stringify(connection));
    note(`engine-1000: ${STACK} campaigns; floor project ${floor.dir}, VoiceCampaign project ${kore.dir}; rate cap lifted`);
    await kore.ok(["stack", "init", "bench"]);
    await kore.ok([
      "config", "set-all",
      "--plaintext", `kore:host=${connection.host}`,
      "--plaintext", `kore:appId=${connection.appId}`,
      "--plaintext", `kore:accountId=${connection.accountId}`,
      "--plaintext", `kore:clientId=${connection.clientId}`,
      "--secret", `kore:clientSecret=${connection.clientSecret}`,
    ]); // prettier-ignore
    await floor.ok(["stack", "init", "bench"]);

    const floorUp = await floor.ok(["up", "--yes", "--skip-preview"]);
    note(`  floor up ${floorUp.seconds.toFixed(2)} s`);
    await emulator.clearRequests();
    const up = await kore.ok(["up", "--yes", "--skip-preview"], UNLIMITED);
    const upKeys = await calls("up", up.seconds);
    const created = upKeys.filter((k) => k.startsWith("POST") && k.endsWith("/campaign")).length;
    if (created !== STACK) throw new Error(`up made ${created} create calls, expected ${STACK}`);
    figure(`engine_up_seconds_${STACK}`, up.seconds, 2);
    figure(`engine_up_floor_seconds_${STACK}`, floorUp.seconds, 2);
    figure(`engine_up_api_calls_${STACK}`, upKeys.length);

    const floorPreview = await floor.ok(["preview", "--expect-no-changes"]);
    note(`  floor preview ${floorPreview.seconds.toFixed(2)} s`);
    await emulator.clearRequests();
    const preview = await kore.ok(["preview", "--expect-no-changes"], UNLIMITED);
    const previewKeys = await calls("no-op preview", preview.seconds);
    if (previewKeys.length !== 0) throw new Error(`the no-op preview made ${previewKeys.length} API calls, expected 0`);
    figure(`engine_preview_seconds_${STACK}`, preview.seconds, 2);
    figure(`engine_preview_floor_seconds_${STACK}`, floorPreview.seconds, 2);
    figure(`engine_preview_api_calls_${STACK}`, previewKeys.length);

    const floorRefresh = await floor.ok(["refresh", "--yes", "--skip-preview"]);
    note(`  floor refresh ${floorRefresh.seconds.toFixed(2)} s`);
    await emulator.clearRequests();
    const refresh = await kore.ok(["refresh", "--yes", "--skip-preview"], UNLIMITED);
    const refreshKeys = await calls("refresh", refresh.seconds);
    const gets = refreshKeys.filter((k) => k.startsWith("GET") && /\/campaign\/:id$/.test(k)).length;
    if (refreshKeys.length !== STACK || gets !== STACK) {
      throw new Error(`refresh made ${refreshKeys.length} API calls (${gets} campaign GETs), expected exactly ${STACK} GETs`);
    }
    figure(`engine_refresh_seconds_${STACK}`, refresh.seconds, 2);
    figure(`engine_refresh_floor_seconds_${STACK}`, floorRefresh.seconds, 2);
    figure(`engine_refresh_api_calls_${STACK}`, refreshKeys.length);

    await kore.ok(["destroy", "--yes", "--skip-preview"], UNLIMITED);
    await floor.ok(["destroy", "--yes", "--skip-preview"]);
  } finally {
    await emulator.stop();
    kore.cleanup();
    floor.cleanup();
  }
}
