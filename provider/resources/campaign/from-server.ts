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
import type { CampaignDefinition } from "./schema";
import { startedFromStatus } from "./status";
import { fromWireCampaign, type FromWireResult, type WireDefinition } from "./wire";

export interface CampaignAsItIs extends FromWireResult<WireDefinition> {
  status?: string;
  started: boolean;
  /** why `started` has this value, when the status satisfies both values or neither */
  startedNote?: string;
  /** Kore holds a schedule for it that no documented call reads back */
  holdsSchedule: boolean;
}

/** The definition fields and observed fields of a campaign record (details, then the list record, then `previous`). */
export function definitionFromServer(details: Record<string, unknown>, context: { listRecord?: WireCampaign; previous: CampaignDefinition }): FromWireResult<CampaignDefinition>;
export function definitionFromServer(details: Record<string, unknown>, context?: { listRecord?: WireCampaign; previous?: WireDefinition }): FromWireResult<WireDefinition>;
export function definitionFromServer(details: Record<string, unknown>, context: { listRecord?: WireCampaign; previous?: WireDefinition } = {}): FromWireResult<WireDefinition> {
  const base = context.listRecord ? fromWireCampaign(context.listRecord, context.previous).definition : context.previous;
  return fromWireCampaign(details, base);
}

/** `started` and the schedule flag for a campaign in `status` (with its record's schedule flags, when known). */
export function startedAsItIs(status: string | undefined, recordSchedule?: unknown): Pick<CampaignAsItIs, "started" | "startedNote" | "holdsSchedule"> {
  const holdsSchedule = status === "Scheduled" || (typeof recordSchedule === "object" && recordSchedule !== null && (recordSchedule as { isSchedulingEnabled?: unknown }).isSchedulingEnabled === true);
  if (holdsSchedule) {
    // Kore's schedule decides when it runs: started is false by rule beside a schedule (schema.ts)
    return { started: false, startedNote: "Kore's schedule starts it on its dates", holdsSchedule };
  }
  const { started, note } = startedFromStatus(status);
  return { started, ...(note !== undefined ? { startedNote: note } : {}), holdsSchedule };
}

/** A campaign as it is on the server, for export and import. */
export function campaignAsItIs(details: WireCampaign, listRecord?: WireCampaign): CampaignAsItIs {
  const { definition, observed } = definitionFromServer(details, { listRecord });
  const status = observed.status ?? (typeof listRecord?.status === "string" ? listRecord.status : undefined);
  const scheduleFlags = (details as Record<string, unknown>).schedule ?? listRecord?.schedule;
  return { definition, observed, ...(status !== undefined ? { status } : {}), ...startedAsItIs(status, scheduleFlags) };
}
