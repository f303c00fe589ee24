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
