/**
 * A contact list's definition (create-contact-list.md), its rules, and their validation. Each rule is
 * written once here; messages, the JSON Schema of definition files and the docs derive from it.
 *
 * - name: 1..48 characters (UTF-16 units, as for campaigns: an emoji counts 2), trimmed; unique in the
 *   app, case-insensitively (a list's record carries `lname`).
 * - description: 1..256 characters, trimmed. The body table marks it required.
 * - allowDuplicates: whether the list keeps duplicate contact entries; default false (the body table).
 * - adoptExisting: manage a list of that name that already exists instead of refusing.
 * - allowReplacement: Kore documents no update for contact lists, so a changed name, description or
 *   allowDuplicates cannot be made in place. Refused unless this is true; then the list is replaced:
 *   deleted (with its contacts) and created again, empty.
 * - external: true: the list exists outside the stack; the resource only finds it by name. It is never
 *   written or deleted: a managed list turned external is forgotten (no call), and so is an external one
 *   whose resource leaves the program. Then only name (and an optional description and recipients) are allowed.
 */
import { z } from "zod";
import { parsePath, type ValidationFailure } from "../../shared/validation";
import { failuresFromIssues, unknownTolerant } from "../../shared/schema-failures";
import { recipientsField } from "../../shared/recipients";

export const CONTACT_LIST_LIMITS = { nameMaxLength: 48, descriptionMaxLength: 256 } as const;

/** What Kore stores for a list and cannot change in place. */
export const CONTACT_LIST_DEFINITION_KEYS = ["name", "description", "allowDuplicates"] as const;

const textRule = (max: number) => `must be text of 1 to ${max} characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)`;

export const CONTACT_LIST_RULES = {
  root: "must be an object describing a contact list (name, description, allowDuplicates)",
  name: textRule(CONTACT_LIST_LIMITS.nameMaxLength),
  description: textRule(CONTACT_LIST_LIMITS.descriptionMaxLength),
  boolean: "must be true or false",
} as const;

export const CONTACT_LIST_DESCRIPTIONS = {
  name: `Name of the contact list, unique in the app. Max ${CONTACT_LIST_LIMITS.nameMaxLength} characters. Campaigns name it in contactLists.`,
  description: `Description of the contact list: its purpose and audience. Max ${CONTACT_LIST_LIMITS.descriptionMaxLength} characters.`,
  allowDuplicates: "Whether to allow duplicate contact entries in the list. Default false.",
  adoptExisting: "Manage a contact list of this name that already exists in the app instead of refusing.",
  external:
    "true: the list exists in Kore.ai outside this stack. The resource only finds it by name; it never writes or deletes it (a managed list turned external is forgotten, with its contacts left in Kore.ai).",
  allowReplacement:
    "Kore.ai has no update for contact lists: a changed name, description or allowDuplicates is refused unless this is true, which replaces the list (deletes it with its contacts, creates it again empty).",
} as const;

function buildSchema(unknownValue: unknown) {
  const u = unknownTolerant(unknownValue);
  const text = (max: number, rule: string) =>
    z.string({ error: rule }).trim().min(1, { error: rule }).refine((v) => v.length <= max, { error: rule });
  const bool = (description: string) => z.boolean({ error: CONTACT_LIST_RULES.boolean }).describe(description);
  return z.strictObject(
    {
      name: u(text(CONTACT_LIST_LIMITS.nameMaxLength, CONTACT_LIST_RULES.name).describe(CONTACT_LIST_DESCRIPTIONS.name)),
      description: u(text(CONTACT_LIST_LIMITS.descriptionMaxLength, CONTACT_LIST_RULES.description).describe(CONTACT_LIST_DESCRIPTIONS.description)),
      allowDuplicates: u(bool(CONTACT_LIST_DESCRIPTIONS.allowDuplicates)).default(false),
      adoptExisting: u(bool(CONTACT_LIST_DESCRIPTIONS.adoptExisting)).default(false),
      allowReplacement: u(bool(CONTACT_LIST_DESCRIPTIONS.allowReplacement)).default(false),
      recipients: u(recipientsField()), // local only (shared/recipients.ts): never sent, never a replacement
    },
    { error: CONTACT_LIST_RULES.root },
  );
}

/** An external list: its name (and a description, kept only as information); nothing else applies to it. */
function buildExternalSchema(unknownValue: unknown) {
  const u = unknownTolerant(unknownValue);
  const base = buildSchema(unknownValue).shape;
  return z
    .strictObject(
      { name: base.name, description: base.description.optional(), recipients: base.recipients, external: u(z.literal(true, { error: CONTACT_LIST_RULES.boolean }).describe(CONTACT_LIST_DESCRIPTIONS.external)) },
      { error: "must be an object naming an external contact list: name, external: true, and optionally description" },
    );
}

export const contactListSpecSchema = buildSchema(undefined);
export type ContactListSpecInput = z.input<typeof contactListSpecSchema>;
/** An external list as a resource's input: its name, `external: true`, and optionally a description. */
export type ExternalContactListInput = { name: string; description?: string; external: true };
export type ContactListSpec = z.output<typeof contactListSpecSchema> & { external?: true };
export type ContactListDefinition = Pick<ContactListSpec, (typeof CONTACT_LIST_DEFINITION_KEYS)[number]>;
export const CONTACT_LIST_KEYS: readonly string[] = Object.keys(contactListSpecSchema.shape);

/** The definition fields (name, description, allowDuplicates) that are set in `props`. */
export function definitionOfList(props: Partial<ContactListDefinition>): Partial<ContactListDefinition> {
  const out: Partial<ContactListDefinition> = {};
  for (const k of CONTACT_LIST_DEFINITION_KEYS) if (props[k] !== undefined) (out as Record<string, unknown>)[k] = props[k];
  return out;
}

export type ContactListValidation = { ok: true; value: ContactListSpec } | { ok: false; failures: ValidationFailure[] };

const withUnknown = new Map<unknown, ReturnType<typeof buildSchema>>();
const externalWithUnknown = new Map<unknown, ReturnType<typeof buildExternalSchema>>();

/** Validates and normalizes a contact list spec; never throws; every failure at once, path, rule and value named. */
export function validateContactList(input: unknown, options: { unknownValue?: unknown } = {}): ContactListValidation {
  const { unknownValue } = options;
  if (typeof input === "object" && input !== null && (input as Record<string, unknown>).external === true) {
    let external = externalWithUnknown.get(unknownValue);
    if (!external) externalWithUnknown.set(unknownValue, (external = buildExternalSchema(unknownValue)));
    const parsed = external.safeParse(input);
    if (parsed.success) return { ok: true, value: parsed.data as ContactListSpec };
    return { ok: false, failures: failuresFromIssues(parsed.error.issues, input, { noun: "contact list", knownKeys: ["name", "description", "external"] }) };
  }
  let schema = unknownValue === undefined ? contactListSpecSchema : withUnknown.get(unknownValue);
  if (!schema) withUnknown.set(unknownValue, (schema = buildSchema(unknownValue)));
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data as ContactListSpec };
  const failures = failuresFromIssues(result.error.issues, input, { noun: "contact list", knownKeys: CONTACT_LIST_KEYS });
  return { ok: false, failures };
}


export { parsePath };
