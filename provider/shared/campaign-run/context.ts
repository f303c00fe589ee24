/**
 * What a campaign's lifecycle (lifecycle.ts, triggers.ts, schedule-calls.ts) works with: the client, the
 * shared name views, the waits, and the clock. Pulumi-free; the adapters build it, and each resource's
 * lifecycle sets the channel (`campaignType`) its trigger, update and delete calls name.
 */
import type { CampaignType, KoreClient } from "../../kore-api/client";
import type { InterruptedCreates } from "../interrupted-creates";
import type { NameView } from "../name-view";
import type { DriftPolicy } from "./status";

export interface LifecycleContext {
  client: KoreClient;
  /** the channel the write and trigger calls name (`campaignType`): voice unless an SMS lifecycle says sms */
  campaignType?: CampaignType;
  names: NameView;
  /** the app's contact lists by name (shared by every campaign of the process), for the reference check */
  contactLists?: NameView;
  /** how long create/update wait for a Preparing campaign to become Ready before play */
  readyTimeoutMs: number;
  /** first poll interval while waiting; doubles up to 5 s */
  pollIntervalMs: number;
  /** after a trigger whose outcome is unknown: how long to let the server settle before reading the status */
  triggerSettleMs: number;
  /** creates of interrupted runs in this app (create-journal.ts), when the adapter keeps such a journal */
  interrupted?: InterruptedCreates;
  /** the clock an ended schedule is judged by (default Date.now) */
  now?: () => number;
  /** how refresh treats a stop made outside git (default: it stands) */
  policy?: DriftPolicy;
}
