/**
 * What the review reads differently per campaign channel (voice dials, SMS texts): each channel's
 * normalization and diff (so a value Kore writes differently is no change), its exposure model, and the
 * words its flags and summary use. Everything else (calling hours, schedules, running, the flags' rules,
 * the compliance rules) is the same for both. Pure.
 */
import type { CampaignType } from "../kore-api/endpoints";
import { exposureOf as voiceExposureOf } from "../resources/campaign/exposure";
import { normalizedDefinition } from "../resources/campaign/diff";
import { VOICE_DIFF } from "../resources/campaign/field-changes";
import { normalizedSmsDefinition } from "../resources/sms-campaign/diff";
import { SMS_DIFF } from "../resources/sms-campaign/field-changes";
import { exposureOf as outboundExposureOf, type CampaignFacts, type Exposure, type Horizon, type Running } from "../shared/outbound/exposure";
import type { ChannelDiff } from "../shared/outbound/field-changes";

/** A campaign's channel: the pages' `campaignType`. */
export type Channel = CampaignType;

export interface ChannelWords {
  /** "dials" / "texts", and its "may" form. */
  reaches: string;
  mayReach: string;
  /** The `starts` flag's words before the first instant ("dials from" / "starts texting from"), and its "may" form. */
  startsFrom: string;
  mayStartFrom: string;
  /** The summary's label of a change that starts, or stops, it (one, many). */
  starts: [string, string];
  stops: [string, string];
}

export interface ChannelReading {
  /** "SMS campaign": how the comment names a resource of this channel (voice: plain "campaign", as before). */
  noun: string;
  normalize(definition: unknown): unknown;
  diff: ChannelDiff;
  exposureOf(facts: CampaignFacts | undefined, running: Running, horizon: Horizon): Exposure;
  words: ChannelWords;
}


export const CHANNELS: Readonly<Record<Channel, ChannelReading>> = {
  voice: {
    noun: "campaign",
    normalize: normalizedDefinition,
    diff: VOICE_DIFF,
    exposureOf: voiceExposureOf,
    words: { reaches: "dials", mayReach: "may dial", startsFrom: "dials from", mayStartFrom: "may dial from", starts: ["starts dialing", "start dialing"], stops: ["stops dialing", "stop dialing"] },
  },
  sms: {
    noun: "SMS campaign",
    normalize: normalizedSmsDefinition,
    diff: SMS_DIFF,
    // an SMS campaign's effort is its priority alone: the SMS pages have no attempts, retries or ring time
    exposureOf: outboundExposureOf,
    words: { reaches: "texts", mayReach: "may text", startsFrom: "starts texting from", mayStartFrom: "may start texting from", starts: ["starts texting", "start texting"], stops: ["stops texting", "stop texting"] },
  },
};

/** A change's channel reading (a campaign without a channel, as a contact list, reads as voice: the words are unused there). */
export const channelReading = (channel: Channel | undefined): ChannelReading => CHANNELS[channel ?? "voice"];
