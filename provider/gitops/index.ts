/**
 * Campaigns and contact lists as files: load, validate and report YAML definitions (one file per voice
 * campaign in campaigns/, one per SMS campaign in sms-campaigns/, one per contact list in contact-lists/).
 * Free of @pulumi/pulumi: the validate command and tests use it without Pulumi; program/index.ts declares
 * the resources.
 */
export { loadDefinitions } from "./load";
export type { LoadOptions, LoadResult } from "./load";
export { listDefinitionFiles, MAX_DEFINITION_FILE_BYTES } from "./read";
export { parseDefinitionFile } from "./parse";
export type { ParsedFile } from "./parse";
export { crossFileProblems } from "./cross-file";
export { asErrors, MAX_PROBLEMS_PER_FILE } from "./problems";
export type { Problem } from "./problems";
export { CONTACT_LISTS_FOLDER, SMS_CAMPAIGNS_FOLDER } from "./file-kinds";
export type { CampaignDefinitionFile, ContactListDefinitionFile, DefinitionKind, SmsCampaignDefinitionFile } from "./file-kinds";
export {
  campaignFileSchema,
  smsCampaignFileSchema,
  contactListFileSchema,
  renamedFromSchema,
  fileKnownKeysAt,
  stripDefinitionExtension,
  hasDefinitionExtension,
  DEFINITION_EXTENSIONS,
  FILE_ONLY_KEYS,
  RESOURCE_NAME_PATTERN,
} from "./file-schema";
export type { CampaignFileInput, ContactListFileInput, SmsCampaignFileInput } from "./file-schema";
export { locate, parsePath } from "./locate";
export type { SourcePosition } from "./locate";
export { closestKey, editDistance, unknownKeyRule } from "./suggest";
export { formatProblem, formatGithubAnnotation, printable, summarize } from "./format";
export type { FormatOptions } from "./format";
