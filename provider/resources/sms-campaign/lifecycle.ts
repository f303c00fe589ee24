/**
 * The SMS campaign's lifecycle: the stories every campaign channel shares (shared/campaign-run/lifecycle.ts:
 * create with the id recorded first, adoption, refresh, update with a stop first and a play last, delete
 * after a stop; the same `started` rules, so no start is sent unless a reviewed change asks for it; the v2
 * schedule calls by campaignName), bound to the SMS channel: `campaignType=sms` on create, update, delete,
 * start and stop (the SMS pages), the SMS wire body, the reading of SMS records and the SMS diff.
 */
import type { LifecycleContext } from "../../shared/campaign-run/context";
import type { Placement } from "../../shared/placement";
import * as run from "../../shared/campaign-run/lifecycle";
import type { CampaignOutputs } from "../../shared/campaign-run/outputs";
import type { SmsCampaignDefinition, SmsCampaignSpec } from "./schema";
import { smsUnobservedPaths, toSmsWireBody } from "./wire";
import { smsDefinitionFromServer } from "./from-server";
import { diffSmsCampaign } from "./diff";

/** What Pulumi keeps in state for an SMS campaign. */
export type SmsCampaignOutputs = CampaignOutputs<SmsCampaignDefinition>;

export const SMS_CHANNEL: run.CampaignChannel<SmsCampaignDefinition> = {
  campaignType: "sms",
  kind: { noun: "SMS campaign", plural: "SMS campaigns", harm: "a retried create could text customers twice" },
  toWireBody: toSmsWireBody,
  fromServer: (details, context) => smsDefinitionFromServer(details, context),
  unobservedPaths: smsUnobservedPaths,
  definitionChanged: (onServer, wanted) => diffSmsCampaign({ definition: onServer, started: false }, { definition: wanted, started: false }).definitionChanged,
};

export function createSmsCampaign(ctx: LifecycleContext, spec: SmsCampaignSpec, placement: Placement): Promise<{ id: string; outs: SmsCampaignOutputs }> {
  return run.createCampaign(SMS_CHANNEL, ctx, spec, placement);
}

export function readSmsCampaign(ctx: LifecycleContext, id: string, previous: SmsCampaignOutputs): Promise<SmsCampaignOutputs | undefined> {
  return run.readCampaign(SMS_CHANNEL, ctx, id, previous);
}

export function updateSmsCampaign(
  ctx: LifecycleContext,
  id: string,
  previous: SmsCampaignOutputs,
  spec: SmsCampaignSpec,
  placement: Placement,
  changes: { definitionChanged: boolean; startedChanged: boolean; scheduleChanged?: boolean; restartRequested?: boolean },
): Promise<SmsCampaignOutputs> {
  return run.updateCampaign(SMS_CHANNEL, ctx, id, previous, spec, placement, changes);
}

export function deleteSmsCampaign(ctx: LifecycleContext, id: string): Promise<"deleted" | "forgotten"> {
  return run.deleteCampaign(SMS_CHANNEL, ctx, id);
}
