/**
 * The review's `compliance` flag (flags.ts): the compliance rules (provider/compliance/) on each changed
 * campaign before and after the change. A rule broken after and not before is raised (gateable with
 * `--fail-on compliance`); one broken before and after is listed apart, as is every warning ("recipients
 * unknown", "may"), so a change is never blocked for what it did not do. Contact lists' recipients come from
 * every ContactList step of the preview (changed or not). An SMS campaign is judged as an SMS campaign (its
 * channel: the engine applies the time rules to texts as to calls). Pure.
 */
import { checkCampaign, findingKey, type Finding } from "../compliance";
import { recipientsSchema, type Recipients } from "../shared/recipients";
import { asRecord } from "../util/values";
import { kindOf, type ResourceChange, type Side } from "./changes";
import type { Preview } from "./preview";

export interface ComplianceContext {
  policies: readonly string[];
  now: number;
  /** Contact list name -> recipients, as state had them (before) and as the change makes them (after). */
  lists: { before: ReadonlyMap<string, Recipients | undefined>; after: ReadonlyMap<string, Recipients | undefined> };
}

/** One finding the review shows apart from the flag. */
export interface ComplianceNote {
  resourceName: string;
  /** "existing": broken before the change too; "warning": may be broken, or not checked. */
  kind: "existing" | "warning";
  message: string;
}

const recipientsOf = (value: unknown): Recipients | undefined => {
  const parsed = recipientsSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

/** Every contact list's recipients in the preview, before and after. */
export function listRecipientsOf(preview: Preview): ComplianceContext["lists"] {
  const before = new Map<string, Recipients | undefined>();
  const after = new Map<string, Recipients | undefined>();
  for (const step of preview.steps) {
    for (const [state, map] of [[step.oldState, before], [step.newState, after]] as const) {
      if (!state || typeof state.type !== "string" || kindOf(state.type) !== "contactList") continue;
      const inputs = asRecord(state.inputs);
      if (typeof inputs?.name === "string") map.set(inputs.name, recipientsOf(inputs.recipients));
    }
  }
  return { before, after };
}

function findingsOf(change: ResourceChange, side: Side | undefined, lists: ReadonlyMap<string, Recipients | undefined>, context: ComplianceContext): Finding[] {
  if (!side) return [];
  const definition = side.facts?.definition ?? side.definition;
  const names = Array.isArray(side.definition.contactLists) ? side.definition.contactLists.filter((n): n is string => typeof n === "string") : [];
  const recipients = recipientsOf(side.recipients);
  return checkCampaign(
    {
      campaign: String(side.definition.name ?? change.resourceName),
      definition,
      ...(recipients ? { recipients } : {}),
      lists: names.map((list) => ({ list, recipients: lists.get(list) })),
      ...(change.channel ? { channel: change.channel } : {}),
    },
    { policies: context.policies, now: context.now },
  );
}

type Judgement = { introduced: Finding[]; notes: ComplianceNote[] };
/** The flag and the comment's list ask for the same change under the same context: judged once. */
const judged = new WeakMap<ResourceChange, { context: ComplianceContext; result: Judgement }>();

/** A campaign change's findings: the rules it newly breaks (the flag), and the rest (shown apart). */
export function complianceOf(change: ResourceChange, context: ComplianceContext): Judgement {
  const seen = judged.get(change);
  if (seen?.context === context) return seen.result;
  const result = judge(change, context);
  judged.set(change, { context, result });
  return result;
}

function judge(change: ResourceChange, context: ComplianceContext): Judgement {
  if (change.kind !== "campaign" || !change.next) return { introduced: [], notes: [] };
  const fresh = change.operation === "create" || change.operation === "replace";
  const before = new Set(fresh ? [] : findingsOf(change, change.old, context.lists.before, context).filter((f) => f.severity === "error").map(findingKey));
  const after = findingsOf(change, change.next, context.lists.after, context);
  const introduced = after.filter((f) => f.severity === "error" && !before.has(findingKey(f)));
  const notes = after
    .filter((f) => !introduced.includes(f))
    .map((f): ComplianceNote => ({ resourceName: change.resourceName, kind: f.severity === "error" ? "existing" : "warning", message: f.message }));
  return { introduced, notes };
}
