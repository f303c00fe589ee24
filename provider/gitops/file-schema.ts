/**
 * The schemas of definition FILES: a resource's spec schema plus the file-only fields. Every campaign rule
 * stays in resources/campaign/schema.ts, every SMS campaign rule in resources/sms-campaign/schema.ts and
 * every contact-list rule in resources/contact-list/schema.ts; this file adds only what belongs to files: the file-name rule (the file name is the Pulumi resource
 * name), `renamedFrom`, and a contact list's `external` marker.
 */
import { z } from "zod";
import { campaignSpecSchema, knownKeysAt } from "../resources/campaign/schema";
import { CONTACT_LIST_KEYS, contactListSpecSchema } from "../resources/contact-list/schema";
import { SMS_KNOWN_KEYS, smsCampaignSpecSchema } from "../resources/sms-campaign/schema";

/** Extensions of definition files, matched case-insensitively. */
export const DEFINITION_EXTENSIONS = [".yaml", ".yml"] as const;

/**
 * A resource name (a definition's file name without its extension): a letter or digit, then letters,
 * digits, "-", "_" or "."; at most 100 characters. Nothing that a URN ("::"), a path or a shell treats specially.
 */
export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export const RESOURCE_NAME_RULE =
  'must start with a letter or digit and hold only letters, digits, "-", "_" and "." (at most 100 characters)';

/** "service-renewals.yaml" -> "service-renewals"; any other name is returned as is. */
export function stripDefinitionExtension(fileName: string): string {
  const lower = fileName.toLowerCase();
  const ext = DEFINITION_EXTENSIONS.find((e) => lower.endsWith(e) && lower.length > e.length);
  return ext ? fileName.slice(0, -ext.length) : fileName;
}

/** Whether a file name has a definition extension (.yaml or .yml, any case). */
export function hasDefinitionExtension(fileName: string): boolean {
  return stripDefinitionExtension(fileName) !== fileName;
}

/** The keys only a campaign file holds (not the resource). */
export const FILE_ONLY_KEYS = ["renamedFrom"] as const;

const RENAMED_FROM_RULE = `must be a list of earlier file names (with or without .yaml); each ${RESOURCE_NAME_RULE}`;

/** `renamedFrom: [old-name, ...]`: earlier file names, each becoming a Pulumi alias `{ name: old }`. */
export const renamedFromSchema = z
  .array(
    z.string({ error: RENAMED_FROM_RULE }).regex(RESOURCE_NAME_PATTERN, { error: RENAMED_FROM_RULE }).transform(stripDefinitionExtension),
    { error: RENAMED_FROM_RULE },
  )
  .describe(
    "Earlier file names of this definition (without or with .yaml). Each becomes a Pulumi alias, so renaming the file " +
      "moves the existing resource to the new resource name instead of replacing it. Only in files; not sent to Kore.ai.",
  );

/** A campaign definition file: the VoiceCampaign spec plus `renamedFrom`. Strict, like the spec. */
export const campaignFileSchema = campaignSpecSchema
  .safeExtend({ renamedFrom: renamedFromSchema.optional() })
  .describe(
    "A Kore.ai outbound voice campaign definition file (pulumi-kore-campaigns). Field names are the API's, in " +
      "camelCase (queue_name is queueName); the file name is the Pulumi resource name.",
  );

export type CampaignFileInput = z.input<typeof campaignFileSchema>;

/** Known keys of the object at `objectPath` of a file: the spec's, plus the file-only keys at the top level. */
export function fileKnownKeysAt(objectPath: string): readonly string[] | undefined {
  const keys = knownKeysAt(objectPath);
  return objectPath === "" && keys ? [...keys, ...FILE_ONLY_KEYS] : keys;
}

// ---------------------------------------------------------------------------------------------------
// SMS campaign files (sms-campaigns/*.yaml)
// ---------------------------------------------------------------------------------------------------

/** An SMS campaign definition file: the SmsCampaign spec plus `renamedFrom` (the same file-only keys as a voice file). */
export const smsCampaignFileSchema = smsCampaignSpecSchema
  .safeExtend({ renamedFrom: renamedFromSchema.optional() })
  .describe(
    "A Kore.ai outbound SMS campaign definition file (pulumi-kore-campaigns): one campaign per file in sms-campaigns/. " +
      "Field names are the API's, in camelCase; the file name is the Pulumi resource name.",
  );

export type SmsCampaignFileInput = z.input<typeof smsCampaignFileSchema>;

/** Known keys of the object at `objectPath` of an SMS file: the spec's, plus the file-only keys at the top level. */
export function smsFileKnownKeysAt(objectPath: string): readonly string[] | undefined {
  const keys = SMS_KNOWN_KEYS[objectPath.replace(/\[\d+\]/g, "[]")];
  return objectPath === "" && keys ? [...keys, ...FILE_ONLY_KEYS] : keys;
}

// ---------------------------------------------------------------------------------------------------
// Contact-list files (contact-lists/*.yaml)
// ---------------------------------------------------------------------------------------------------

/** The keys only a contact-list file holds. */
export const CONTACT_LIST_FILE_ONLY_KEYS = ["renamedFrom", "external"] as const;

export const EXTERNAL_RULE = "must be true (a list that exists in Kore.ai outside this stack) or left out (a list this stack manages)";

export const EXTERNAL_DESCRIPTION =
  "true: the list exists in Kore.ai outside this stack; the file only declares its name, so campaigns may name it. " +
  "The stack never creates, changes or deletes it. Only in files.";

/** `external: true`; `false` is refused so that a file never looks managed-and-external at once. */
export const externalSchema = z.literal(true, { error: EXTERNAL_RULE }).describe(EXTERNAL_DESCRIPTION);

/**
 * A file declaring a list that exists outside the stack: its name (the list rule) and, as a note for
 * readers, a description; nothing that would be created.
 */
export const externalContactListFileSchema = z.strictObject(
  {
    name: contactListSpecSchema.shape.name,
    description: contactListSpecSchema.shape.description.optional(),
    recipients: contactListSpecSchema.shape.recipients,
    external: externalSchema,
  },
  { error: "must be a mapping: name, external: true, and optionally description and recipients" },
);

export const EXTERNAL_CONTACT_LIST_KEYS: readonly string[] = Object.keys(externalContactListFileSchema.shape);

/** A managed contact-list file: the ContactList spec plus `renamedFrom`. For the JSON Schema, `external` too. */
export const contactListFileSchema = contactListSpecSchema
  .safeExtend({ renamedFrom: renamedFromSchema.optional(), external: externalSchema.optional() })
  .describe(
    "A Kore.ai contact list definition file (pulumi-kore-campaigns): one list per file in contact-lists/. The file " +
      "name is the Pulumi resource name. With external: true the file only declares a list that exists outside the stack.",
  );

export type ContactListFileInput = z.input<typeof contactListFileSchema>;

/** Known keys of a contact-list file's top level (its only object). */
export function contactListFileKnownKeysAt(objectPath: string): readonly string[] | undefined {
  return objectPath === "" ? [...CONTACT_LIST_KEYS, ...CONTACT_LIST_FILE_ONLY_KEYS] : undefined;
}
