/**
 * `ContactList`: a Kore.ai contact list (for passive API integration) as a Pulumi dynamic resource.
 * Campaigns name lists by name: pass `list.name` in a campaign's `contactLists`, and Pulumi creates the
 * list before the campaign and deletes it after.
 *
 * Like VoiceCampaign's, the serialized provider captures nothing and loads its hooks by package name;
 * credentials are read at run time, never stored.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionRef } from "./connection";
import type { ContactListSpecInput, ExternalContactListInput } from "../resources/contact-list/schema";

type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/**
 * name, description, allowDuplicates, adoptExisting, allowReplacement, and an optional connection; or, for a
 * list that exists outside the stack, name and `external: true` (found by name, never written or deleted).
 */
export type ContactListArgs = (Inputs<ContactListSpecInput> | Inputs<ExternalContactListInput>) & {
  /** Which Kore.ai app, as for VoiceCampaign: a connection name, or `{ host, appId, accountId }`. */
  connection?: pulumi.Input<ConnectionRef>;
};

/* eslint-disable @typescript-eslint/no-require-imports */
const contactListProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    return require("pulumi-kore-campaigns/internal/contact-list-hooks").configure(req);
  },
  async check(olds, news) {
    return require("pulumi-kore-campaigns/internal/contact-list-hooks").check(olds, news);
  },
  async diff(id, olds, news) {
    return require("pulumi-kore-campaigns/internal/contact-list-hooks").diff(id, olds, news);
  },
  async create(inputs) {
    return require("pulumi-kore-campaigns/internal/contact-list-hooks").create(inputs);
  },
  async read(id, props) {
    return require("pulumi-kore-campaigns/internal/contact-list-hooks").read(id, props);
  },
  async update(id, olds, news) {
    return require("pulumi-kore-campaigns/internal/contact-list-hooks").update(id, olds, news);
  },
  async delete(id, props) {
    return require("pulumi-kore-campaigns/internal/contact-list-hooks").remove(id, props);
  },
};
// The module name is a literal in each hook on purpose: a serialized hook must not capture a variable.

export class ContactList extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly allowDuplicates: pulumi.Output<boolean>;
  declare readonly adoptExisting: pulumi.Output<boolean>;
  declare readonly allowReplacement: pulumi.Output<boolean>;
  declare readonly external: pulumi.Output<boolean | undefined>;
  /** Kore's status of the list, e.g. Ready. */
  declare readonly status: pulumi.Output<string>;
  declare readonly totalRecordCount: pulumi.Output<number | undefined>;
  declare readonly isListInUse: pulumi.Output<boolean | undefined>;
  /** Ids of the campaigns that use the list, as Kore last reported them. */
  declare readonly campaignInUse: pulumi.Output<string[] | undefined>;
  declare readonly source: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  declare readonly target: pulumi.Output<{ host: string; appId: string; accountId: string }>;

  constructor(name: string, args: ContactListArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      contactListProvider,
      name,
      {
        status: undefined,
        totalRecordCount: undefined,
        isListInUse: undefined,
        campaignInUse: undefined,
        source: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        target: undefined,
        ...args,
      },
      opts,
      "kore",
      "ContactList",
    );
  }
}
