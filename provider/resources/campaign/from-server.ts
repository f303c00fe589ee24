/**
 * What Kore holds -> a definition: the one conversion that `kore-campaigns export`, `pulumi import` (the native
 * plugin's Read by id) and refresh use. Pure.
 *
 * - The definition: the campaign's details (GET) first, then the list record for what they lack (its
 *   `connection` carries the queue or flow name), then `previous` (refresh: what state holds) for fields neither
 *   carries (wire.ts's `fromWireCampaign` reads each field).
 * - `started` as the campaign is (status.ts's `startedFromStatus`), with the reason when no value leaves it
 *   alone. Import and export record no pending change: what they describe is what is there, so the next `up`
 *   sends nothing for it (a Paused campaign stays Paused until a reviewed change says otherwise).
 * - A schedule Kore holds cannot be read back (schedule.ts): `holdsSchedule` says so (status Scheduled, or the
 *   record's `schedule.isSchedulingEnabled: true`), so a caller never writes "no schedule" for it, which the next
 *   PUT would send as `isSchedulingEnabled: false`.
 */
import type { WireCampaign } from "../../kore-api/client";
import { startedAsItIs, type CampaignAsItIs as AsItIs } from "../../shared/campaign-run/as-it-is";
import type { CampaignDefinition } from "./schema";
import { fromWireCampaign, type FromWireResult, type ObservedCampaign, type WireDefinition } from "./wire";

export { startedAsItIs };
export type CampaignAsItIs = AsItIs<WireDefinition, ObservedCampaign>;

/** The definition fields and observed fields of a campaign record (details, then the list record, then `previous`). */
export function definitionFromServer(details: Record<string, unknown>, context: { listRecord?: WireCampaign; previous: CampaignDefinition }): FromWireResult<CampaignDefinition>;
export function definitionFromServer(details: Record<string, unknown>, context?: { listRecord?: WireCampaign; previous?: WireDefinition }): FromWireResult<WireDefinition>;
export function definitionFromServer(details: Record<string, unknown>, context: { listRecord?: WireCampaign; previous?: WireDefinition } = {}): FromWireResult<WireDefinition> {
  const base = context.listRecord ? fromWireCampaign(context.listRecord, context.previous).definition : context.previous;
  return fromWireCampaign(details, base);
}

/** A campaign as it is on the server, for export and import. */
export function campaignAsItIs(details: WireCampaign, listRecord?: WireCampaign): CampaignAsItIs {
  const { definition, observed } = definitionFromServer(details, { listRecord });
  const status = observed.status ?? (typeof listRecord?.status === "string" ? listRecord.status : undefined);
  const scheduleFlags = (details as Record<string, unknown>).schedule ?? listRecord?.schedule;
  return { definition, observed, ...(status !== undefined ? { status } : {}), ...startedAsItIs(status, scheduleFlags) };
}
