/**
 * What every dynamic resource class shares (voice-campaign.ts, contact-list.ts): the serialized provider over its
 * hooks module, the connection input, and the output slots a program reads.
 *
 * The provider object is serialized into the Pulumi state and runs later, possibly on another machine, for
 * refresh and destroy. It therefore captures nothing but `load`, a function that `require`s the hooks by the
 * package's own name, written as a literal by each resource (a relative path would resolve against the Pulumi
 * program's folder; an absolute one would break on another checkout; a captured module would not serialize).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionRef } from "./connection";

/** A hooks module as the serialized provider calls it (campaign-hooks.ts, contact-list-hooks.ts). */
export interface HooksModule {
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
  check(olds: any, news: any): Promise<pulumi.dynamic.CheckResult>; // eslint-disable-line @typescript-eslint/no-explicit-any
  diff(id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult>; // eslint-disable-line @typescript-eslint/no-explicit-any
  create(inputs: any): Promise<pulumi.dynamic.CreateResult>; // eslint-disable-line @typescript-eslint/no-explicit-any
  read(id: string, props: any): Promise<pulumi.dynamic.ReadResult>; // eslint-disable-line @typescript-eslint/no-explicit-any
  update(id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult>; // eslint-disable-line @typescript-eslint/no-explicit-any
  remove(id: string, props: any): Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The serialized provider: every hook loads the hooks module at call time, through `load`. */
export function providerOver(load: () => HooksModule): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      return load().configure(req);
    },
    async check(olds, news) {
      return load().check(olds, news);
    },
    async diff(id, olds, news) {
      return load().diff(id, olds, news);
    },
    async create(inputs) {
      return load().create(inputs);
    },
    async read(id, props) {
      return load().read(id, props);
    },
    async update(id, olds, news) {
      return load().update(id, olds, news);
    },
    async delete(id, props) {
      return load().remove(id, props);
    },
  };
}

/** A plain type as Pulumi inputs, at any depth. */
export type Inputify<T> = T extends Array<infer U>
  ? pulumi.Input<Array<pulumi.Input<Inputify<U>>>>
  : T extends object
    ? { [K in keyof T]: pulumi.Input<Inputify<T[K]>> }
    : T;

/** The connection input every resource takes. */
export interface ConnectionArg {
  /**
   * Which Kore.ai app: a connection name from stack config `kore:connections` (`"emea"`), or a target
   * `{ host, appId, accountId }` that uses the default credentials. Omitted: the default connection
   * (stack config `kore:*`, else `KORE_*` variables). Never credentials: those are read at run time.
   */
  connection?: pulumi.Input<Inputify<ConnectionRef>>;
}

/** The app a resource lives in, as an output. */
export type TargetOutput = pulumi.Output<{ host: string; appId: string; accountId: string }>;

/** The outputs a resource declares so a program can read them (undefined inputs: filled in by the provider). */
export const outputSlots = (keys: readonly string[]): Record<string, undefined> => Object.fromEntries(keys.map((k) => [k, undefined]));

/** A dynamic resource of this package (`pulumi-nodejs:dynamic/kore:<type>`): its provider, and the outputs every one has. */
export abstract class KoreDynamicResource extends pulumi.dynamic.Resource {
  /** Kore's status of the resource. */
  declare readonly status: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  /** The app the resource lives in (host, appId, accountId). */
  declare readonly target: TargetOutput;

  constructor(provider: pulumi.dynamic.ResourceProvider, type: string, name: string, args: object, outputs: readonly string[], opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...outputSlots(["status", "createdAt", "updatedAt", "target", ...outputs]), ...args }, opts, "kore", type);
  }
}
