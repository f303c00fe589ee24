/** Moved to shared/campaign-run/ (voice and SMS share the rules of `started`); re-exported for the campaign folder. */
export * from "../../shared/campaign-run/status";
