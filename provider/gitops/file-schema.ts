/**
 * The schema of a campaign definition FILE: the resource's `campaignSpecSchema` plus the one file-only
 * field, `renamedFrom`. Every campaign rule stays in provider/schema.ts; this file adds only what belongs
 * to files: the file-name rule (the file name is the Pulumi resource name) and `renamedFrom`.
 */
import { z } from "zod";
import { campaignSpecSchema, knownKeysAt } from "../resources/campaign/schema";

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

/** The keys only a file holds (not the resource). */
export const FILE_ONLY_KEYS = ["renamedFrom"] as const;

const RENAMED_FROM_RULE = `must be a list of earlier file names of this campaign (with or without .yaml); each ${RESOURCE_NAME_RULE}`;

/** `renamedFrom: [old-name, ...]`: earlier file names, each becoming a Pulumi alias `{ name: old }`. */
export const renamedFromSchema = z
  .array(
    z.string({ error: RENAMED_FROM_RULE }).regex(RESOURCE_NAME_PATTERN, { error: RENAMED_FROM_RULE }).transform(stripDefinitionExtension),
    { error: RENAMED_FROM_RULE },
  )
  .describe(
    "Earlier file names of this campaign (without or with .yaml). Each becomes a Pulumi alias, so renaming the file " +
      "moves the existing campaign to the new resource name instead of replacing it. Only in files; not sent to Kore.ai.",
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
