/**
 * The voice campaign's lifecycle: the stories every campaign channel shares (shared/campaign-run/lifecycle.ts:
 * create, read, update, delete, `started`, the schedule; the rules every story keeps are written there),
 * bound to the voice channel: `campaignType=voice`, the voice wire body (wire.ts), the reading of voice
 * records (from-server.ts) and the voice diff (diff.ts).
 */
import type { LifecycleContext } from "../../shared/campaign-run/context";
import type { Placement } from "../../shared/placement";
import * as run from "../../shared/campaign-run/lifecycle";
import { splitSpec, type CampaignOutputs as RunOutputs } from "../../shared/campaign-run/outputs";
import type { CampaignDefinition, CampaignSpec } from "./schema";
import { toWireBody, unobservedPaths } from "./wire";
import { definitionFromServer } from "./from-server";
import { diffCampaign } from "./diff";

/** What Pulumi keeps in state for a voice campaign. */
export type CampaignOutputs = RunOutputs<CampaignDefinition>;
export type { LifecycleContext };
export { splitSpec };

export const VOICE_CHANNEL: run.CampaignChannel<CampaignDefinition> = {
  campaignType: "voice",
  kind: { noun: "campaign", plural: "campaigns", harm: "a retried create could dial customers twice" },
  toWireBody,
  fromServer: (details, context) => definitionFromServer(details, context),
  unobservedPaths,
  definitionChanged: (onServer, wanted) => diffCampaign({ definition: onServer, started: false }, { definition: wanted, started: false }).definitionChanged,
};

export function createCampaign(ctx: LifecycleContext, spec: CampaignSpec, placement: Placement): Promise<{ id: string; outs: CampaignOutputs }> {
  return run.createCampaign(VOICE_CHANNEL, ctx, spec, placement);
}

export function readCampaign(ctx: LifecycleContext, id: string, previous: CampaignOutputs): Promise<CampaignOutputs | undefined> {
  return run.readCampaign(VOICE_CHANNEL, ctx, id, previous);
}

export function updateCampaign(
  ctx: LifecycleContext,
  id: string,
  previous: CampaignOutputs,
  spec: CampaignSpec,
  placement: Placement,
  changes: { definitionChanged: boolean; startedChanged: boolean; scheduleChanged?: boolean; restartRequested?: boolean },
): Promise<CampaignOutputs> {
  return run.updateCampaign(VOICE_CHANNEL, ctx, id, previous, spec, placement, changes);
}

export function deleteCampaign(ctx: LifecycleContext, id: string): Promise<"deleted" | "forgotten"> {
  return run.deleteCampaign(VOICE_CHANNEL, ctx, id);
}
