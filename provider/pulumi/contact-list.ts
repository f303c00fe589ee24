/**
 * `ContactList`: a Kore.ai contact list (for passive API integration) as a Pulumi dynamic resource.
 * Campaigns name lists by name: pass `list.name` in a campaign's `contactLists`, and Pulumi creates the
 * list before the campaign and deletes it after.
 *
 * Like VoiceCampaign's, the serialized provider captures nothing and loads its hooks by package name;
 * credentials are read at run time, never stored.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ContactListSpecInput, ExternalContactListInput } from "../resources/contact-list/schema";
import { KoreDynamicResource, providerOver, type ConnectionArg } from "./dynamic-resource";

type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/**
 * name, description, allowDuplicates, adoptExisting, allowReplacement, and an optional connection (as for
 * VoiceCampaign); or, for a list that exists outside the stack, name and `external: true` (found by name, never
 * written or deleted).
 */
export type ContactListArgs = (Inputs<ContactListSpecInput> | Inputs<ExternalContactListInput>) & ConnectionArg;

// The module name is a literal on purpose: a serialized hook must not capture a module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const contactListProvider = providerOver(() => require("pulumi-kore-campaigns/internal/contact-list-hooks"));

export class ContactList extends KoreDynamicResource {
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

  constructor(name: string, args: ContactListArgs, opts?: pulumi.CustomResourceOptions) {
    super(contactListProvider, "ContactList", name, args, ["totalRecordCount", "isListInUse", "campaignInUse", "source"], opts);
  }
}
