/**
 * A preview's steps -> one change per campaign (voice or SMS) or contact list: its operation and its
 * changed fields (`path: old -> new`). Fields come from the preview's old and new inputs through the same
 * normalization and diff the provider uses (resources/campaign/diff.ts, resources/sms-campaign/diff.ts,
 * resources/contact-list/diff.ts: channels.ts picks a campaign's), so a value Kore writes differently
 * ("9am" / "9:00 AM") is no change here either. Pure.
 */
import { isDeepStrictEqual } from "node:util";
import { outboundFieldChanges, type FieldChange } from "../shared/outbound/field-changes";
import { definitionOf } from "../resources/campaign/state";
import { diffContactList } from "../resources/contact-list/diff";
import { definitionOfList, type ContactListDefinition } from "../resources/contact-list/schema";
import { isUnresolved, type CampaignFacts } from "../shared/outbound/exposure";
import { channelReading, type Channel } from "./channels";
import { PreviewError, type Preview, type PreviewStep } from "./preview";

import type { ResourceKind } from "../shared/properties";
export type Operation = "create" | "update" | "delete" | "replace";

export type { FieldChange };

/** One side of a change: the normalized definition, and what state knew of the server. */
export interface Side {
  definition: Record<string, unknown>;
  started: boolean;
  /** The last known status (state's outputs), when the resource exists. */
  status?: string;
  /** What the dialing-exposure model reads (campaigns): the raw values, unresolved ones included. */
  facts?: CampaignFacts;
  /** The inputs' `recipients` (local only; the compliance rules read it), as given. */
  recipients?: unknown;
}

export interface ResourceChange {
  kind: ResourceKind;
  /** Campaigns: the channel ("voice", "sms"). */
  channel?: Channel;
  /** The Pulumi resource name (a definition's file name). */
  resourceName: string;
  /** The name in Kore.ai (the new one, else the old one). */
  koreName?: string;
  operation: Operation;
  fields: FieldChange[];
  old?: Side;
  next?: Side;
}

/** What the review reads a resource type as: a campaign of a channel, or a contact list. */
export type ReviewedAs = { kind: "campaign"; channel: Channel } | { kind: "contactList" };

/**
 * Every resource type the package ships, and what the review reads it as: the dynamic provider's types
 * and the native plugin's (provider/pulumi/native/package-schema.ts; a test checks they match). A type
 * added later is one more entry; a `kore` type missing here is an error, never silence. Voice and SMS
 * campaigns are both campaigns (one name space in an app), told apart by their channel.
 */
export const REVIEWED_TYPES: Readonly<Record<string, ReviewedAs>> = {
  "pulumi-nodejs:dynamic/kore:VoiceCampaign": { kind: "campaign", channel: "voice" },
  "pulumi-nodejs:dynamic/kore:SmsCampaign": { kind: "campaign", channel: "sms" },
  "pulumi-nodejs:dynamic/kore:ContactList": { kind: "contactList" },
  "kore:index:VoiceCampaign": { kind: "campaign", channel: "voice" },
  "kore:index:SmsCampaign": { kind: "campaign", channel: "sms" },
  "kore:index:ContactList": { kind: "contactList" },
};

/** A type of this package (native `kore:...`, or a dynamic `.../kore:...`); the provider resource itself is not. */
const OURS = /^(?:kore:|pulumi-nodejs:dynamic\/kore:)/;

/** What a resource type is read as, or undefined for a type of another package. Throws for a `kore` type the review does not know. */
export function reviewedAs(type: string): ReviewedAs | undefined {
  const reviewed = Object.prototype.hasOwnProperty.call(REVIEWED_TYPES, type) ? REVIEWED_TYPES[type] : undefined;
  if (reviewed === undefined && OURS.test(type)) {
    throw new PreviewError(`resource type ${JSON.stringify(withoutControls(type).slice(0, 80))} belongs to the kore package but the review does not know it; nothing can be judged (known: ${Object.keys(REVIEWED_TYPES).join(", ")})`);
  }
  return reviewed;
}

/** The kind of a resource type (reviewedAs). */
export const kindOf = (type: string): ResourceKind | undefined => reviewedAs(type)?.kind;

/** A campaign type's channel, undefined for any other type (reviewedAs). */
export function channelOf(type: string): Channel | undefined {
  const reviewed = reviewedAs(type);
  return reviewed?.kind === "campaign" ? reviewed.channel : undefined;
}

/** Control characters (C0, C1) and bidirectional overrides, which could hide or reorder what a reviewer reads. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const withoutControls = (text: string): string => text.replace(CONTROLS, "");

/** The engine's operations, as a reviewer reads them; `same`, `read`, `refresh` and the like are no change. */
const OPERATIONS: Readonly<Record<string, Operation>> = {
  create: "create",
  update: "update",
  delete: "delete",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
};

const typeOfUrn = (urn: string) => urn.split("::")[2] ?? "";
const nameOfUrn = (urn: string) => urn.split("::").slice(3).join("::");

/** Keys the exposure model reads beside the definition (inputs, or state's outputs). */
const NOT_DEFINITION = ["restartedAt", "stoppedOutsideGit"];

function sideOf(reviewed: ReviewedAs, inputs: Record<string, unknown> | undefined, outputs?: Record<string, unknown>): Side | undefined {
  if (!inputs || typeof inputs !== "object") return undefined;
  const status = typeof outputs?.status === "string" ? outputs.status : undefined;
  if (reviewed.kind === "contactList") {
    return { definition: definitionOfList(inputs), started: false, ...(status ? { status } : {}), ...(inputs.recipients !== undefined ? { recipients: inputs.recipients } : {}) };
  }
  // the keys beside a definition (connection, started, status, ...) are the same for every channel
  const raw: Record<string, unknown> = { ...definitionOf(inputs) };
  for (const key of NOT_DEFINITION) delete raw[key];
  const normalized = channelReading(reviewed.channel).normalize(raw);
  const definition = typeof normalized === "object" && normalized !== null ? (normalized as Record<string, unknown>) : {};
  // state's outputs hold what refresh observed (a campaign stopped in the console shows started: false)
  const started = outputs && "started" in outputs ? outputs.started : inputs.started;
  const facts: CampaignFacts = {
    definition,
    started,
    status: outputs?.status,
    pendingChanges: outputs?.pendingChanges,
    stoppedOutsideGit: outputs?.stoppedOutsideGit,
    restartedAt: inputs.restartedAt,
  };
  return { definition, started: started === true, ...(status ? { status } : {}), facts, ...(inputs.recipients !== undefined ? { recipients: inputs.recipients } : {}) };
}

/** Recipients are local only, but they change what the compliance rules judge: a reviewer sees them. */
function recipientsChange(old: Side, next: Side): FieldChange[] {
  return isDeepStrictEqual(old.recipients, next.recipients) ? [] : [{ path: "recipients", old: old.recipients, new: next.recipients }];
}

function fieldsOf(reviewed: ReviewedAs, old: Side, next: Side): FieldChange[] {
  if (reviewed.kind === "contactList") {
    const { changed } = diffContactList({ definition: old.definition as Partial<ContactListDefinition> }, { definition: next.definition as unknown as ContactListDefinition });
    return [...changed.map((path) => ({ path, old: old.definition[path], new: next.definition[path] })), ...recipientsChange(old, next)];
  }
  // a `started` the preview does not show (unknown, secret) is a change too: it may be true
  const [wasStarted, isStarted] = [old.facts?.started ?? old.started, next.facts?.started ?? next.started];
  return [
    ...outboundFieldChanges(
      { definition: old.definition, normalized: true, started: old.started, startedValue: wasStarted, restartedAt: old.facts?.restartedAt },
      { definition: next.definition, normalized: true, started: next.started, startedValue: isStarted, restartedAt: next.facts?.restartedAt },
      channelReading(reviewed.channel).diff,
      { startedUnsure: isUnresolved(wasStarted) || isUnresolved(isStarted) },
    ),
    ...recipientsChange(old, next),
  ];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The campaigns and contact lists a preview changes, one entry per resource: campaigns first, each kind by resource name (then channel). */
export function changesOf(preview: Preview): ResourceChange[] {
  const byUrn = new Map<string, { step: PreviewStep; operation: Operation; old?: PreviewStep["oldState"]; next?: PreviewStep["newState"] }>();
  for (const step of preview.steps) {
    const operation = OPERATIONS[step.op];
    const reviewed = reviewedAs(step.newState?.type ?? step.oldState?.type ?? typeOfUrn(step.urn));
    if (operation === undefined || reviewed === undefined) continue;
    // a replacement shows as up to three steps (create-replacement, replace, delete-replaced): one change
    const seen = byUrn.get(step.urn);
    byUrn.set(step.urn, {
      step,
      operation: seen ? "replace" : operation,
      old: seen?.old ?? step.oldState ?? undefined,
      next: seen?.next ?? step.newState ?? undefined,
    });
  }
  const changes: ResourceChange[] = [];
  for (const [urn, entry] of byUrn) {
    const reviewed = reviewedAs(entry.next?.type ?? entry.old?.type ?? typeOfUrn(urn))!;
    const old = entry.operation === "create" ? undefined : sideOf(reviewed, entry.old?.inputs, entry.old?.outputs);
    const next = entry.operation === "delete" ? undefined : sideOf(reviewed, entry.next?.inputs);
    const fields = old && next ? fieldsOf(reviewed, old, next) : [];
    const name = next?.definition.name ?? old?.definition.name;
    changes.push({
      kind: reviewed.kind,
      ...(reviewed.kind === "campaign" ? { channel: reviewed.channel } : {}),
      resourceName: withoutControls(nameOfUrn(urn)),
      ...(typeof name === "string" ? { koreName: withoutControls(name) } : {}),
      operation: entry.operation,
      fields,
      ...(old ? { old } : {}),
      ...(next ? { next } : {}),
    });
  }
  // an update whose inputs normalize to the same thing (no field, e.g. only __provider changed) is no change,
  // unless state holds changes pending from an earlier up (the next up makes them: a start, a schedule);
  // sorted (campaigns first, then by name) since the engine's step order differs between runs
  const pending = (c: ResourceChange) => Array.isArray(c.old?.facts?.pendingChanges) && (c.old!.facts!.pendingChanges as unknown[]).length > 0;
  return changes
    .filter((c) => c.operation !== "update" || c.fields.length > 0 || pending(c))
    .sort((a, b) => Number(a.kind !== "campaign") - Number(b.kind !== "campaign") || compare(a.resourceName, b.resourceName) || compare(a.channel ?? "", b.channel ?? ""));
}
