/**
 * The kinds of definition file, as one table (FILE_KINDS): what differs between a voice campaign file, an
 * SMS campaign file and a contact-list file (their nouns, rules, known keys, the names they share, and what
 * a valid file yields). The reading, the problem mapping and the cross-file checks are shared and read the
 * table; a new kind of file is a new row. Pure.
 */
import { KNOWN_KEYS, formatValue, validateCampaign, type CampaignSpec, type ValidationFailure } from "../resources/campaign/schema";
import { unknownFieldRule } from "../resources/campaign/messages";
import { validateContactList, type ContactListSpec } from "../resources/contact-list/schema";
import { smsUnknownFieldRule } from "../resources/sms-campaign/messages";
import { SMS_KNOWN_KEYS, validateSmsCampaign, type SmsCampaignSpec } from "../resources/sms-campaign/schema";
import { failuresFromIssues } from "../shared/schema-failures";
import { EXTERNAL_CONTACT_LIST_KEYS, EXTERNAL_RULE, contactListFileKnownKeysAt, externalContactListFileSchema, fileKnownKeysAt, smsFileKnownKeysAt } from "./file-schema";

/** "campaign" is a voice campaign (the kind every file had before SMS). */
export type DefinitionKind = "campaign" | "smsCampaign" | "contactList";

/** The folder of contact-list files, beside the campaigns folder. */
export const CONTACT_LISTS_FOLDER = "contact-lists";

/** The folder of SMS campaign files, beside the (voice) campaigns folder. */
export const SMS_CAMPAIGNS_FOLDER = "sms-campaigns";

/** A valid definition file. */
export interface CampaignDefinitionFile {
  /** The path as listed (the folder given, joined with the file name). */
  file: string;
  /** The file name without .yaml/.yml: the Pulumi resource name. */
  resourceName: string;
  /** The normalized spec, ready for `new VoiceCampaign(resourceName, spec)`. */
  spec: CampaignSpec;
  /** Earlier resource names (file names without extension), for Pulumi aliases. */
  renamedFrom: string[];
}

/** A valid SMS campaign file. */
export interface SmsCampaignDefinitionFile {
  /** The path as listed (the folder given, joined with the file name). */
  file: string;
  /** The file name without .yaml/.yml: the Pulumi resource name. */
  resourceName: string;
  /** The normalized spec, ready for `new SmsCampaign(resourceName, spec)`. */
  spec: SmsCampaignSpec;
  /** Earlier resource names (file names without extension), for Pulumi aliases. */
  renamedFrom: string[];
}

/** A valid contact-list file: a list the stack manages (`spec`) or one declared as existing outside it. */
export interface ContactListDefinitionFile {
  file: string;
  /** The file name without .yaml/.yml: the Pulumi resource name. */
  resourceName: string;
  /** The list's name in Kore.ai, trimmed: what campaigns write in contactLists. */
  name: string;
  /** `external: true`: the list exists outside the stack; the file only declares its name. */
  external: boolean;
  /** For a managed list, the normalized spec, ready for `new ContactList(resourceName, spec)`. */
  spec?: ContactListSpec;
  /** Earlier resource names, for Pulumi aliases. */
  renamedFrom: string[];
}

/** What every valid file carries, whatever its kind. */
export interface DefinitionBase {
  file: string;
  resourceName: string;
  renamedFrom: string[];
}

/** A valid file's definition, under its kind's field of the parsed file. */
export type Accepted = { definition: CampaignDefinitionFile } | { smsDefinition: SmsCampaignDefinitionFile } | { contactList: ContactListDefinitionFile };

export type Validation = { ok: true; value: unknown } | { ok: false; failures: ValidationFailure[] };

/** One row of FILE_KINDS. */
export interface FileKind {
  /** "campaign definition file holds at most ..." */
  noun: string;
  /** The noun beside another kind that shares its names: "voice campaign" beside an "SMS campaign". */
  distinctNoun: string;
  /**
   * The set of Kore.ai names the kind's names are unique in, ignoring case: voice and SMS campaigns share
   * one (a campaign's name is unique in an app whatever its channel), contact lists have their own.
   */
  namespace: "campaign" | "contact list";
  /** Said after a name clash involving this kind: that its names are shared with another kind. */
  namespaceNote?: string;
  /** For an empty file: the fields a definition needs. */
  requiredFields: string;
  /** For a file that is not a mapping: an example of its fields. */
  example: string;
  /** The resource's rules, with the file-only fields removed first. */
  validate(input: Record<string, unknown>): Validation;
  /** Known keys of the object at a path of this file's content, file-only keys included. */
  knownKeysAt(objectPath: string, content: Record<string, unknown>): readonly string[] | undefined;
  /** Every object path's known keys, for "it belongs in ..." hints. */
  knownKeysByPath: Readonly<Record<string, readonly string[]>>;
  /**
   * The resource's rule for an unknown key, given the keys the file accepts there (its hint when the key is
   * the API's spelling of a field); absent: the resource's own wording, or the file's known keys.
   */
  unknownKeyRule?(key: string, knownKeys: readonly string[]): string;
  /** Whether its `contactLists` entries name lists that the set's contact-list files must declare. */
  namesContactLists: boolean;
  /** The definition of a valid file, from what `validate` returned. */
  accept(base: DefinitionBase, value: unknown): Accepted;
}

/** A file declaring an external list: `name`, `external: true`, an optional `description`. */
function validateExternalList(input: Record<string, unknown>): Validation {
  const result = externalContactListFileSchema.safeParse({ ...input, external: true });
  return result.success ? { ok: true, value: result.data } : { ok: false, failures: failuresFromIssues(result.error.issues, input, { noun: "contact list", knownKeys: EXTERNAL_CONTACT_LIST_KEYS }) };
}

/** A managed list (the ContactList rules), or with `external: true` a declared one. */
function validateContactListFile(input: Record<string, unknown>): Validation {
  if (input.external === true) return validateExternalList(input);
  const { external, ...spec } = input;
  const result = validateContactList(spec);
  if (external === undefined) return result;
  const failure = { path: "external", rule: EXTERNAL_RULE, value: external, message: `external: ${EXTERNAL_RULE} (got ${formatValue(external)})`, code: "invalid" };
  return { ok: false, failures: [...(result.ok ? [] : result.failures), failure] };
}

function acceptContactList(base: DefinitionBase, value: unknown): Accepted {
  const list = value as ContactListSpec & { external?: true };
  return { contactList: list.external ? { ...base, name: list.name, external: true } : { ...base, name: list.name, external: false, spec: list } };
}

export const FILE_KINDS: Readonly<Record<DefinitionKind, FileKind>> = {
  campaign: {
    noun: "campaign",
    distinctNoun: "voice campaign",
    namespace: "campaign",
    requiredFields: "a campaign definition needs name, description, contactLists, priority, dialingMode and dialingStrategy",
    example: "name: ..., dialingMode: ...",
    validate: (input) => validateCampaign(input),
    knownKeysAt: (objectPath) => fileKnownKeysAt(objectPath),
    knownKeysByPath: KNOWN_KEYS,
    unknownKeyRule: unknownFieldRule,
    namesContactLists: true,
    accept: (base, value) => ({ definition: { ...base, spec: value as CampaignSpec } }),
  },
  smsCampaign: {
    noun: "SMS campaign",
    distinctNoun: "SMS campaign",
    namespace: "campaign",
    namespaceNote: "; voice and SMS campaigns share one set of names",
    requiredFields: "an SMS campaign definition needs name, description, contactLists, priority, message (or format: advanced with experienceFlowName) and dialingStrategy",
    example: "name: ..., message: { text: ... }",
    validate: (input) => validateSmsCampaign(input),
    knownKeysAt: (objectPath) => smsFileKnownKeysAt(objectPath),
    knownKeysByPath: SMS_KNOWN_KEYS,
    unknownKeyRule: smsUnknownFieldRule,
    namesContactLists: true,
    accept: (base, value) => ({ smsDefinition: { ...base, spec: value as SmsCampaignSpec } }),
  },
  contactList: {
    noun: "contact list",
    distinctNoun: "contact list",
    namespace: "contact list",
    requiredFields: "a contact list definition needs name and description (or name and external: true)",
    example: "name: ..., description: ...",
    validate: validateContactListFile,
    knownKeysAt: (objectPath, content) =>
      content.external === true ? (objectPath === "" ? [...EXTERNAL_CONTACT_LIST_KEYS, "renamedFrom"] : undefined) : contactListFileKnownKeysAt(objectPath),
    knownKeysByPath: { "": contactListFileKnownKeysAt("") ?? [] },
    namesContactLists: false,
    accept: acceptContactList,
  },
};

/** "a campaign", "a contact list", "an SMS campaign" (said "an ess-em-ess"). */
export function withArticle(noun: string): string {
  return `${/^(?:[aeiou]|SMS)/i.test(noun) ? "an" : "a"} ${noun}`;
}

/** The row of a kind; a parsed file or problem without one is a campaign's. */
export function fileKind(kind: DefinitionKind = "campaign"): FileKind {
  return FILE_KINDS[kind];
}

/** The kinds in table order (voice campaigns, SMS campaigns, contact lists): the order files are listed and checked in. */
export const DEFINITION_KINDS = Object.keys(FILE_KINDS) as DefinitionKind[];
