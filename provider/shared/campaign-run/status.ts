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
  /**
   * Seen on a campaign whose state says `started: true` (this stack started it): someone stopped it outside
   * git (a supervisor in the console). The stop stands: refresh records it (`stoppedOutsideGit`) instead of
   * reporting drift, and only a reviewed change (`restartedAt`, or `started` false -> true) plays it again.
   */
  stoppedOutsideGit?: true;
}

export const STARTED_TABLE: Readonly<Record<string, StatusRow>> = {
  Preparing: { whenStarted: "wait-then-play", whenNotStarted: "none" },
  Ready: { whenStarted: "play", whenNotStarted: "none" },
  Active: { whenStarted: "none", whenNotStarted: "stop" },
  // Paused is not dialing now, but could resume: started=true resumes it, started=false stops it for good.
  Paused: { whenStarted: "play", whenNotStarted: "stop", stoppedOutsideGit: true },
  // Scheduled will dial on its own at the scheduled time: that satisfies started=true; started=false cancels it.
  Scheduled: { whenStarted: "none", whenNotStarted: "stop" },
  Stopped: { whenStarted: "play", whenNotStarted: "none", stoppedOutsideGit: true },
  // A finished campaign is never re-dialed on its own.
  Completed: { whenStarted: "none", whenNotStarted: "none" },
};

/** The trigger that brings a campaign in `status` to the desired `started` state. */
export function actionFor(status: string | undefined, started: boolean): TriggerAction {
  const row = status === undefined ? undefined : STARTED_TABLE[status];
  if (!row) return "none";
  return started ? row.whenStarted : row.whenNotStarted;
}

/** How refresh treats a stop made outside git (settings.ts: `kore:restartStoppedCampaigns`). */
export interface DriftPolicy {
  /** true: the old drift correction, a campaign stopped outside git shows as drift and the next up plays it */
  restartStoppedCampaigns: boolean;
}

/** The default: a stop made outside git stands. */
export const STOP_STANDS: DriftPolicy = { restartStoppedCampaigns: false };

/** Whether `status` on a campaign whose state says `started` is a stop made outside git (see the table). */
export function isStoppedOutsideGit(status: string | undefined, started: boolean): boolean {
  return started && status !== undefined && STARTED_TABLE[status]?.stoppedOutsideGit === true;
}

/**
 * What refresh reports for `started`: the desired value when the server's status satisfies it, else its
 * opposite, so that the next up acts on it (a campaign Active against `started: false` is stopped; one
 * still Ready after its start failed is started). A stop made outside git is not drift: it stands, unless
 * the policy asks for the old correction.
 */
export function startedToStore(status: string | undefined, desired: boolean, policy: DriftPolicy = STOP_STANDS): boolean {
  if (isStoppedOutsideGit(status, desired) && !policy.restartStoppedCampaigns) return desired;
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

/**
 * Whether a change asks for a start (besides a create with `started: true`): `started` turns from false to
 * true, or, with `started: true`, `restartedAt` takes a new value. Nothing else ever sends a play.
 */
export function startRequested(old: { started?: boolean; restartedAt?: string }, next: { started?: boolean; restartedAt?: string }): boolean {
  if (next.started !== true) return false;
  return old.started !== true || (next.restartedAt !== undefined && next.restartedAt !== old.restartedAt);
}
