/**
 * `VoiceCampaign`: a Kore.ai outbound voice campaign as a Pulumi dynamic resource.
 *
 * The provider object below is serialized into the Pulumi state and runs later, possibly on another
 * machine, for refresh and destroy. It therefore captures nothing: each hook loads the real code with
 * `require` by the package's own name (a relative path would resolve against the Pulumi program's
 * folder; an absolute one would break on another checkout). Credentials never pass through here: the
 * provider reads them from the current stack config and environment at run time (connection.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionRef } from "./connection";
import type { CampaignSpecInput } from "../resources/campaign/schema";
import type { Schedule } from "../resources/campaign/schedule";

type Inputify<T> = T extends Array<infer U>
  ? pulumi.Input<Array<pulumi.Input<Inputify<U>>>>
  : T extends object
    ? { [K in keyof T]: pulumi.Input<Inputify<T[K]>> }
    : T;

/** Everything a campaign definition holds (see the README's table), plus an optional connection. */
export type VoiceCampaignArgs = { [K in keyof CampaignSpecInput]: pulumi.Input<Inputify<CampaignSpecInput[K]>> } & {
  /**
   * Which Kore.ai app: a connection name from stack config `kore:connections` (`"emea"`), or a target
   * `{ host, appId, accountId }` that uses the default credentials. Omitted: the default connection
   * (stack config `kore:*`, else `KORE_*` variables). Never credentials: those are read at run time.
   */
  connection?: pulumi.Input<Inputify<ConnectionRef>>;
};

/* eslint-disable @typescript-eslint/no-require-imports */
const voiceCampaignProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    return require("pulumi-kore-campaigns/internal/hooks").configure(req);
  },
  async check(olds, news) {
    return require("pulumi-kore-campaigns/internal/hooks").check(olds, news);
  },
  async diff(id, olds, news) {
    return require("pulumi-kore-campaigns/internal/hooks").diff(id, olds, news);
  },
  async create(inputs) {
    return require("pulumi-kore-campaigns/internal/hooks").create(inputs);
  },
  async read(id, props) {
    return require("pulumi-kore-campaigns/internal/hooks").read(id, props);
  },
  async update(id, olds, news) {
    return require("pulumi-kore-campaigns/internal/hooks").update(id, olds, news);
  },
  async delete(id, props) {
    return require("pulumi-kore-campaigns/internal/hooks").remove(id, props);
  },
};
// The module name is a literal in each hook on purpose: a serialized hook must not capture a variable.

export class VoiceCampaign extends pulumi.dynamic.Resource {
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
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  /** The app the campaign lives in (host, appId, accountId). */
  declare readonly target: pulumi.Output<{ host: string; appId: string; accountId: string }>;

  constructor(name: string, args: VoiceCampaignArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      voiceCampaignProvider,
      name,
      {
        status: undefined,
        lname: undefined,
        campaignInstanceId: undefined,
        experienceFlowId: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        target: undefined,
        stoppedOutsideGit: undefined,
        queueName: undefined,
        maxSkips: undefined,
        experienceFlowName: undefined,
        ...args,
      },
      opts,
      "kore",
      "VoiceCampaign",
    );
  }
}
