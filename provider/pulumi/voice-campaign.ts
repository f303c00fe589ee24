/**
 * `VoiceCampaign`: a Kore.ai outbound voice campaign as a Pulumi dynamic resource.
 *
 * Its serialized provider (dynamic-resource.ts) loads the hooks by the package's own name,
 * `pulumi-kore-campaigns/internal/hooks` (campaign-hooks.ts). Credentials never pass through here: the
 * provider reads them from the current stack config and environment at run time (connection.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type { CampaignSpecInput } from "../resources/campaign/schema";
import type { Schedule } from "../resources/campaign/schedule";
import { KoreDynamicResource, providerOver, type ConnectionArg, type Inputify } from "./dynamic-resource";

/** Everything a campaign definition holds (see the README's table), plus an optional connection. */
export type VoiceCampaignArgs = { [K in keyof CampaignSpecInput]: pulumi.Input<Inputify<CampaignSpecInput[K]>> } & ConnectionArg;

// The module name is a literal on purpose: a serialized hook must not capture a module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const voiceCampaignProvider = providerOver(() => require("pulumi-kore-campaigns/internal/hooks"));

export class VoiceCampaign extends KoreDynamicResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly contactLists: pulumi.Output<string[]>;
  declare readonly priority: pulumi.Output<string>;
  declare readonly dialingMode: pulumi.Output<"Progressive" | "Preview" | "Agentless">;
  declare readonly dialingStrategy: pulumi.Output<Record<string, unknown>>;
  /** The schedule last applied: `{ enabled: false }`, or enabled with start, end and repeat (schedule.ts). */
  declare readonly schedule: pulumi.Output<Schedule>;
  declare readonly queueName: pulumi.Output<string | undefined>;
  declare readonly maxSkips: pulumi.Output<number | undefined>;
  declare readonly experienceFlowName: pulumi.Output<string | undefined>;
  declare readonly enableMachineDetect: pulumi.Output<boolean>;
  declare readonly started: pulumi.Output<boolean>;
  declare readonly adoptExisting: pulumi.Output<boolean>;
  /** The restart token last applied (a new value with started: true asks for one start). */
  declare readonly restartedAt: pulumi.Output<string | undefined>;
  /** Set while Kore shows Stopped or Paused for a campaign this stack started: the stop stands (README "Lifecycle"). */
  declare readonly stoppedOutsideGit: pulumi.Output<{ status: string; seenAt: string } | undefined>;
  /** Kore's status: Preparing, Ready, Active, Paused, Scheduled, Stopped or Completed. */
  declare readonly status: pulumi.Output<string>;
  declare readonly lname: pulumi.Output<string>;
  declare readonly campaignInstanceId: pulumi.Output<string | undefined>;
  declare readonly experienceFlowId: pulumi.Output<string | undefined>;

  constructor(name: string, args: VoiceCampaignArgs, opts?: pulumi.CustomResourceOptions) {
    super(voiceCampaignProvider, "VoiceCampaign", name, args, ["lname", "campaignInstanceId", "experienceFlowId", "stoppedOutsideGit", "queueName", "maxSkips", "experienceFlowName"], opts);
  }
}
