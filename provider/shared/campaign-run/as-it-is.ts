/**
 * A campaign of any channel as it is on the server, for export and import: its definition and what was
 * observed (each channel reads its records: the from-server.ts of resources/campaign and resources/sms-campaign), and `started` as the status
 * leaves it (status.ts's `startedFromStatus`), with the reason when no value leaves it alone. Import and
 * export record no pending change: what they describe is what is there, so the next `up` sends nothing for
 * it (a Paused campaign stays Paused until a reviewed change says otherwise). A schedule Kore holds cannot be
 * read back: `holdsSchedule` says so (status Scheduled, or the record's `schedule.isSchedulingEnabled: true`),
 * so a caller never writes "no schedule" for it, which the next PUT would send as `isSchedulingEnabled: false`.
 */
import { startedFromStatus } from "./status";

export interface CampaignAsItIs<D, O> {
  definition: D;
  observed: O;
  status?: string;
  started: boolean;
  /** why `started` has this value, when the status satisfies both values or neither */
  startedNote?: string;
  /** Kore holds a schedule for it that no documented call reads back */
  holdsSchedule: boolean;
}

/** `started` and the schedule flag for a campaign in `status` (with its record's schedule flags, when known). */
export function startedAsItIs(status: string | undefined, recordSchedule?: unknown): Pick<CampaignAsItIs<unknown, unknown>, "started" | "startedNote" | "holdsSchedule"> {
  const holdsSchedule = status === "Scheduled" || (typeof recordSchedule === "object" && recordSchedule !== null && (recordSchedule as { isSchedulingEnabled?: unknown }).isSchedulingEnabled === true);
  if (holdsSchedule) {
    // Kore's schedule decides when it runs: started is false by rule beside a schedule (schema.ts)
    return { started: false, startedNote: "Kore's schedule starts it on its dates", holdsSchedule };
  }
  const { started, note } = startedFromStatus(status);
  return { started, ...(note !== undefined ? { startedNote: note } : {}), holdsSchedule };
}

