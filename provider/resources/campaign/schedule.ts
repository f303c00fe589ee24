/** Moved to shared/outbound/ (voice and SMS share it); re-exported for the campaign folder. */
export * from "../../shared/outbound/schedule";
