/**
 * The SmsCampaign dynamic resource (`pulumi-nodejs:dynamic/kore:SmsCampaign`): a Kore.ai SMS campaign,
 * beside VoiceCampaign. Its inputs are the SMS campaign spec (resources/sms-campaign/schema.ts) plus
 * `connection`; its hooks are sms-campaign-hooks.ts, loaded by name in the provider's process.
 */
import * as pulumi from "@pulumi/pulumi";
import type { SmsCampaignSpecInput } from "../resources/sms-campaign/schema";
import type { Schedule } from "../shared/outbound/schedule";
import { KoreDynamicResource, providerOver, type ConnectionArg, type Inputify } from "./dynamic-resource";

export type SmsCampaignArgs = { [K in keyof SmsCampaignSpecInput]: pulumi.Input<Inputify<SmsCampaignSpecInput[K]>> } & ConnectionArg;

// The module name is a literal on purpose: a serialized hook must not capture a module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const smsCampaignProvider = providerOver(() => require("pulumi-kore-campaigns/internal/sms-campaign-hooks"));

export class SmsCampaign extends KoreDynamicResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly contactLists: pulumi.Output<string[]>;
  declare readonly priority: pulumi.Output<string>;
  declare readonly format: pulumi.Output<"simple" | "advanced">;
  declare readonly message: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly experienceFlowName: pulumi.Output<string | undefined>;
  declare readonly dialingStrategy: pulumi.Output<Record<string, unknown>>;
  declare readonly schedule: pulumi.Output<Schedule>;
  declare readonly started: pulumi.Output<boolean>;
  declare readonly adoptExisting: pulumi.Output<boolean>;
  declare readonly restartedAt: pulumi.Output<string | undefined>;
  declare readonly stoppedOutsideGit: pulumi.Output<{ status: string; seenAt: string } | undefined>;
  declare readonly lname: pulumi.Output<string>;
  declare readonly campaignInstanceId: pulumi.Output<string | undefined>;
  declare readonly experienceFlowId: pulumi.Output<string | undefined>;
  declare readonly templateId: pulumi.Output<string | undefined>;

  constructor(name: string, args: SmsCampaignArgs, opts?: pulumi.CustomResourceOptions) {
    super(smsCampaignProvider, "SmsCampaign", name, args, ["lname", "campaignInstanceId", "experienceFlowId", "templateId", "stoppedOutsideGit", "message", "experienceFlowName"], opts);
  }
}
