/**
 * A thin TypeScript SDK for the native plugin, written by hand over `pulumi.CustomResource` (the package
 * schema would let `pulumi package gen-sdk` generate one; these few lines keep the inputs typed by the
 * same zod-derived types as the dynamic resources instead). `import { native } from "pulumi-kore-campaigns"`.
 * The program's Pulumi.yaml must let the engine find `pulumi-resource-kore` (README "The native provider").
 */
import * as pulumi from "@pulumi/pulumi";
import type { VoiceCampaignArgs } from "../voice-campaign";
import type { SmsCampaignArgs } from "../sms-campaign";
import type { ContactListArgs } from "../contact-list";
import type { Schedule } from "../../resources/campaign/schedule";
import { outputSlots, type TargetOutput } from "../dynamic-resource";
import { CAMPAIGN_TYPE, CONTACT_LIST_TYPE, PACKAGE, SMS_CAMPAIGN_TYPE } from "./package-schema";

/** An explicit provider: one Kore.ai app and its credentials (absent fields: the stack's `kore:*` config). */
export interface ProviderArgs {
  host?: pulumi.Input<string>;
  appId?: pulumi.Input<string>;
  accountId?: pulumi.Input<string>;
  clientId?: pulumi.Input<string>;
  /** Kept secret in state whatever is passed. */
  clientSecret?: pulumi.Input<string>;
  jwt?: pulumi.Input<string>;
  maxRequestsPerSecond?: pulumi.Input<string>;
  maxConcurrency?: pulumi.Input<string>;
}

export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
    const secret = (v: pulumi.Input<string> | undefined) => (v === undefined ? undefined : pulumi.secret(v));
    super(PACKAGE, name, { ...args, clientSecret: secret(args.clientSecret), jwt: secret(args.jwt) }, opts);
  }
}


export class VoiceCampaign extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly started: pulumi.Output<boolean>;
  declare readonly schedule: pulumi.Output<Schedule>;
  /** Kore's status: Preparing, Ready, Active, Paused, Scheduled, Stopped or Completed. */
  declare readonly status: pulumi.Output<string>;
  declare readonly target: TargetOutput;
  declare readonly campaignInstanceId: pulumi.Output<string | undefined>;

  constructor(name: string, args: VoiceCampaignArgs, opts?: pulumi.CustomResourceOptions) {
    super(CAMPAIGN_TYPE, name, { ...outputSlots(["status", "target", "lname", "campaignInstanceId", "experienceFlowId", "createdAt", "updatedAt"]), ...args }, opts);
  }
}

export class SmsCampaign extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly started: pulumi.Output<boolean>;
  declare readonly schedule: pulumi.Output<Schedule>;
  /** Kore's status: Preparing, Ready, Active, Paused, Scheduled, Stopped or Completed. */
  declare readonly status: pulumi.Output<string>;
  declare readonly target: TargetOutput;
  declare readonly lname: pulumi.Output<string>;
  declare readonly campaignInstanceId: pulumi.Output<string | undefined>;
  /** Advanced: the cf-... id of its experience flow. */
  declare readonly experienceFlowId: pulumi.Output<string | undefined>;
  /** A template campaign: the cmt-... id Kore reports. */
  declare readonly templateId: pulumi.Output<string | undefined>;
  /** Set while Kore shows Stopped or Paused for a campaign this stack started: the stop stands. */
  declare readonly stoppedOutsideGit: pulumi.Output<{ status: string; seenAt: string } | undefined>;

  constructor(name: string, args: SmsCampaignArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      SMS_CAMPAIGN_TYPE,
      name,
      { ...outputSlots(["status", "target", "lname", "campaignInstanceId", "experienceFlowId", "templateId", "stoppedOutsideGit", "createdAt", "updatedAt"]), ...args },
      opts,
    );
  }
}

export class ContactList extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly campaignInUse: pulumi.Output<string[]>;
  declare readonly target: TargetOutput;

  constructor(name: string, args: ContactListArgs, opts?: pulumi.CustomResourceOptions) {
    super(CONTACT_LIST_TYPE, name, { ...outputSlots(["status", "target", "totalRecordCount", "campaignInUse", "isListInUse", "createdAt", "updatedAt"]), ...args }, opts);
  }
}
