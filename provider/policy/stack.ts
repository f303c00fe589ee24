/**
 * What the policy pack judges, read from a stack as `@pulumi/policy` hands it over: the campaigns and
 * contact lists of this package (dynamic and native types alike, voice and SMS campaigns, told apart by
 * the review's REVIEWED_TYPES), each campaign with its own recipients and its lists', and the compliance engine's
 * findings sorted into the pack's policies (one mandatory policy per rule id, one advisory policy for
 * warnings). No rule logic here: the engine (provider/compliance/) is the only judge. Pure.
 */
import { checkCampaign, POLICIES, RULES, recipientsSchema, type CampaignSubject, type Finding, type ListRecipients, type Recipients } from "../compliance";
import { definitionOf } from "../resources/campaign/state";
import { UNKNOWN } from "../shared/properties";
import { channelOf, kindOf } from "../review";
import { asRecord, isRecord } from "../util/values";

/** A resource of the stack, as a stack validation sees it (the fields read here). */
export interface StackResource {
  type: string;
  /** The Pulumi resource name. */
  name: string;
  urn: string;
  /** Inputs (preview) or outputs, unknowns as Pulumi's sentinels, secrets unwrapped. */
  props: Record<string, unknown>;
  dependencies?: readonly StackResource[];
  propertyDependencies?: Readonly<Record<string, readonly StackResource[]>>;
}

export interface JudgedCampaign {
  urn: string;
  subject: CampaignSubject;
}

/** The advisory policy that carries every warning ("recipients unknown", values not known in preview, ...). */
export const WARNINGS_POLICY = "compliance-warnings";

/** The mandatory policy for an error whose rule id the table does not list (an engine newer than the pack): never silence. */
export const OTHER_ERRORS_POLICY = "compliance-errors";

/** The policies of the pack: one per rule of the table, named by its id. */
export const RULE_POLICIES: readonly string[] = RULES.map((r) => r.id);

/**
 * Pulumi's preview sentinels for values not known yet (@pulumi/policy proxy.js; the string one is the
 * provider's UNKNOWN). Each becomes UNKNOWN, which the engine judges as its widest.
 */
const SENTINELS = new Set([
  UNKNOWN,
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

function withUnknowns(value: unknown): unknown {
  if (typeof value === "string" && SENTINELS.has(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(withUnknowns);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknowns(v)]));
  return value;
}

/** Declared recipients, or undefined when absent, unknown or malformed (the schema refuses malformed ones before any preview). */
function recipientsOf(props: Record<string, unknown>): Recipients | undefined {
  const parsed = recipientsSchema.safeParse(props.recipients);
  return parsed.success && parsed.data !== undefined ? parsed.data : undefined;
}

const knownString = (value: unknown): string | undefined => (typeof value === "string" && value !== UNKNOWN ? value : undefined);

/**
 * Every campaign of the stack, with the recipients of the lists it names: the lists it depends on through
 * `contactLists` (a list created in the same preview has no name yet), and the lists of the stack whose
 * name it writes. A named list the stack does not hold is passed without recipients (the engine warns).
 */
export function campaignsOf(resources: readonly StackResource[]): JudgedCampaign[] {
  const ours = resources.map((r) => ({ resource: r, kind: kindOf(r.type), props: (asRecord(withUnknowns(r.props)) ?? {}) as Record<string, unknown> }));
  const lists = ours.filter((o) => o.kind === "contactList");
  const listOf = (o: (typeof lists)[number]): ListRecipients => {
    const recipients = recipientsOf(o.props);
    return { list: knownString(o.props.name) ?? o.resource.name, ...(recipients ? { recipients } : {}) };
  };
  return ours
    .filter((o) => o.kind === "campaign")
    .map(({ resource, props }) => {
      const definition = definitionOf(props) as unknown as Record<string, unknown>;
      const named = Array.isArray(definition.contactLists) ? definition.contactLists : [];
      const deps = (resource.propertyDependencies?.contactLists ?? []).map((d) => d.urn);
      const held = lists.filter((l) => deps.includes(l.resource.urn) || named.includes(l.props.name));
      const heldNames = new Set(held.map((l) => l.props.name));
      const elsewhere = named.flatMap((n) => (knownString(n) !== undefined && !heldNames.has(n) ? [{ list: n as string }] : []));
      const recipients = recipientsOf(props);
      const subject: CampaignSubject = {
        campaign: knownString(definition.name) ?? resource.name,
        definition,
        ...(recipients ? { recipients } : {}),
        lists: [...held.map(listOf), ...elsewhere],
        ...(channelOf(resource.type) === "sms" ? { channel: "sms" as const } : {}),
      };
      return { urn: resource.urn, subject };
    });
}

export interface Violation {
  /** The pack's policy that reports it: a rule id, or WARNINGS_POLICY. */
  policy: string;
  urn: string;
  message: string;
}

/** The jurisdictions the pack checks: every one the table names (a rule applies only where the recipients are). */
const ALL_POLICIES = [...new Set(Object.values(POLICIES))];

/** The engine's findings for the stack, each under the policy that reports it (errors: their rule's; warnings: the advisory one). */
export function violationsOf(resources: readonly StackResource[], now: number): Violation[] {
  return campaignsOf(resources).flatMap(({ urn, subject }) =>
    checkCampaign(subject, { policies: ALL_POLICIES, now }).map((f: Finding) => ({
      policy: f.severity === "warning" ? WARNINGS_POLICY : RULE_POLICIES.includes(f.ruleId) ? f.ruleId : OTHER_ERRORS_POLICY,
      urn,
      message: `${f.message} [${f.path}]`,
    })),
  );
}
