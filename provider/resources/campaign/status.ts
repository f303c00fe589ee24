/**
 * The `started` flag against the campaign's server status: one table, read by create, update,
 * read (refresh) and delete. Kore documents Preparing, Ready, Active, Stopped and Completed; Paused
 * and Scheduled appear in the console. Rows for unknown statuses fall back to "leave it alone".
 */
export type TriggerAction = "play" | "stop" | "wait-then-play" | "none";

interface StatusRow {
  /** what to do when the definition says `started: true` */
  whenStarted: TriggerAction;
  /** what to do when the definition says `started: false` */
  whenNotStarted: TriggerAction;
}

export const STARTED_TABLE: Readonly<Record<string, StatusRow>> = {
  Preparing: { whenStarted: "wait-then-play", whenNotStarted: "none" },
  Ready: { whenStarted: "play", whenNotStarted: "none" },
  Active: { whenStarted: "none", whenNotStarted: "stop" },
  // Paused is not dialing now, but could resume: started=true resumes it, started=false stops it for good.
  Paused: { whenStarted: "play", whenNotStarted: "stop" },
  // Scheduled will dial on its own at the scheduled time: that satisfies started=true; started=false cancels it.
  Scheduled: { whenStarted: "none", whenNotStarted: "stop" },
  Stopped: { whenStarted: "play", whenNotStarted: "none" },
  // A finished campaign is never re-dialed on its own.
  Completed: { whenStarted: "none", whenNotStarted: "none" },
};

/** The trigger that brings a campaign in `status` to the desired `started` state. */
export function actionFor(status: string | undefined, started: boolean): TriggerAction {
  const row = status === undefined ? undefined : STARTED_TABLE[status];
  if (!row) return "none";
  return started ? row.whenStarted : row.whenNotStarted;
}

/**
 * What refresh reports for `started`: the desired value when the server's status satisfies it,
 * else its opposite, so that a campaign stopped in the console shows as drift (and `up` restarts it).
 */
export function observedStarted(status: string | undefined, desired: boolean): boolean {
  const action = actionFor(status, desired);
  return action === "none" ? desired : !desired;
}

/**
 * The `started` value that describes a campaign as it is (the exporter writes it): true when the status
 * satisfies `started: true` and not `false` (Active, Scheduled), false otherwise. `note` says why when the
 * status satisfies both (Completed: never re-dialed) or neither (Paused: the first up resumes or stops it).
 */
export function startedFromStatus(status: string | undefined): { started: boolean; note?: string } {
  const whenTrue = actionFor(status, true);
  const whenFalse = actionFor(status, false);
  if (whenTrue === "none" && whenFalse !== "none") return { started: true };
  if (whenTrue === "none" && whenFalse === "none" && status !== undefined && STARTED_TABLE[status]) {
    return { started: false, note: `status ${status}: a finished campaign is never dialed again, whatever started says` };
  }
  if (whenTrue !== "none" && whenFalse !== "none") {
    return { started: false, note: `status ${status}: the first up stops it; set started: true to resume it instead` };
  }
  if (status === undefined || !STARTED_TABLE[status]) return { started: false, note: `status ${status ?? "unknown"} is not one the provider knows; left alone` };
  return { started: false };
}
