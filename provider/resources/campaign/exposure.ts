/**
 * A voice campaign's dialing exposure: what every channel shares (when, whom, priority:
 * shared/outbound/exposure.ts, re-exported here for the campaign folder's callers), and HOW HARD a voice
 * campaign dials: its mode, attempts, retry period and ring time. Pure.
 */
import { exposureOf as outboundExposureOf, type CampaignFacts, type Exposure as OutboundExposure, type Horizon, type OutboundEffort, type Running } from "../../shared/outbound/exposure";
import { asRecord } from "../../util/values";

export {
  HORIZON_WEEKS,
  callingHoursOf,
  horizonFrom,
  isUnresolved,
  runningAfterUp,
  runningAsItStands,
  scheduleInstants,
  scheduleMayBeEnabled,
  type CallingHours,
  type CampaignFacts,
  type Horizon,
  type OutboundEffort,
  type Running,
  type RunsHow,
  type UpChange,
} from "../../shared/outbound/exposure";

export interface DialingEffort extends OutboundEffort {
  mode?: unknown;
  maxAttemptsPerRecord?: unknown;
  defaultRetryPeriod?: unknown;
  maxRingTime?: unknown;
}

export type Exposure = OutboundExposure<DialingEffort>;

/** The exposure of a voice campaign that runs as `running`, with `facts`' definition, over `horizon`. */
export function exposureOf(facts: CampaignFacts | undefined, running: Running, horizon: Horizon): Exposure {
  const exposure = outboundExposureOf(facts, running, horizon);
  const definition = asRecord(facts?.definition) ?? {};
  const strategy = asRecord(definition.dialingStrategy) ?? {};
  return {
    ...exposure,
    effort: {
      mode: definition.dialingMode,
      maxAttemptsPerRecord: strategy.maxAttemptsPerRecord,
      defaultRetryPeriod: strategy.defaultRetryPeriod,
      maxRingTime: strategy.maxRingTime,
      ...exposure.effort,
    },
  };
}
