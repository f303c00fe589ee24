/**
 * What Kore holds -> an SMS campaign definition: the one conversion refresh, adoption, import and export
 * use, as for voice (resources/campaign/from-server.ts). The campaign's details (GET) first, then the list
 * record for what they lack, then `previous`; `started` as the campaign is, by the shared status rules.
 */
import type { WireCampaign } from "../../kore-api/client";
import { startedAsItIs, type CampaignAsItIs } from "../../shared/campaign-run/as-it-is";
import type { SmsCampaignDefinition } from "./schema";
import { fromWireSmsCampaign, type ObservedSmsCampaign, type WireSmsDefinition } from "./wire";

export function smsDefinitionFromServer(details: Record<string, unknown>, context: { listRecord?: WireCampaign; previous: SmsCampaignDefinition }): { definition: SmsCampaignDefinition; observed: ObservedSmsCampaign };
export function smsDefinitionFromServer(details: Record<string, unknown>, context?: { listRecord?: WireCampaign; previous?: WireSmsDefinition }): { definition: WireSmsDefinition; observed: ObservedSmsCampaign };
export function smsDefinitionFromServer(details: Record<string, unknown>, context: { listRecord?: WireCampaign; previous?: WireSmsDefinition } = {}): { definition: WireSmsDefinition; observed: ObservedSmsCampaign } {
  const base = context.listRecord ? fromWireSmsCampaign(context.listRecord, context.previous).definition : context.previous;
  return fromWireSmsCampaign(details, base);
}

/** An SMS campaign as it is on the server, for export and import. */
export function smsCampaignAsItIs(details: WireCampaign, listRecord?: WireCampaign): CampaignAsItIs<WireSmsDefinition, ObservedSmsCampaign> {
  const { definition, observed } = smsDefinitionFromServer(details, { listRecord });
  const status = observed.status ?? (typeof listRecord?.status === "string" ? listRecord.status : undefined);
  const scheduleFlags = (details as Record<string, unknown>).schedule ?? listRecord?.schedule;
  return { definition, observed, ...(status !== undefined ? { status } : {}), ...startedAsItIs(status, scheduleFlags) };
}
