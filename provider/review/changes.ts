/**
 * A preview's steps -> one change per campaign or contact list: its operation and its changed fields
 * (`path: old -> new`). Fields come from the preview's old and new inputs through the same
 * normalization and diff the provider uses (resources/campaign/diff.ts, resources/contact-list/diff.ts),
 * so a value Kore writes differently ("9am" / "9:00 AM") is no change here either. Pure.
 */
import { diffCampaign, normalizedDefinition } from "../resources/campaign/diff";
import { definitionOf } from "../resources/campaign/state";
import { diffContactList } from "../resources/contact-list/diff";
import { definitionOfList, type ContactListDefinition } from "../resources/contact-list/schema";
import type { CampaignDefinition } from "../resources/campaign/schema";
import { parsePath, valueAt } from "../shared/validation";
import type { Preview, PreviewStep } from "./preview";

export type ResourceKind = "campaign" | "contactList";
export type Operation = "create" | "update" | "delete" | "replace";

export interface FieldChange {
  path: string;
  old: unknown;
  new: unknown;
}

/** One side of a change: the normalized definition, and what state knew of the server. */
export interface Side {
  definition: Record<string, unknown>;
  started: boolean;
  /** The last known status (state's outputs), when the resource exists. */
  status?: string;
}

export interface ResourceChange {
  kind: ResourceKind;
  /** The Pulumi resource name (a definition's file name). */
  resourceName: string;
  /** The name in Kore.ai (the new one, else the old one). */
  koreName?: string;
  operation: Operation;
  fields: FieldChange[];
  old?: Side;
  next?: Side;
}

const TYPE_SUFFIX: Readonly<Record<string, ResourceKind>> = { "kore:VoiceCampaign": "campaign", "kore:ContactList": "contactList" };

/** The kind of a resource type ("pulumi-nodejs:dynamic/kore:VoiceCampaign"), or undefined for others. */
export function kindOf(type: string): ResourceKind | undefined {
  const suffix = Object.keys(TYPE_SUFFIX).find((s) => type.endsWith(`/${s}`) || type === s);
  return suffix === undefined ? undefined : TYPE_SUFFIX[suffix];
}

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

function sideOf(kind: ResourceKind, inputs: Record<string, unknown> | undefined, outputs?: Record<string, unknown>): Side | undefined {
  if (!inputs) return undefined;
  const status = typeof outputs?.status === "string" ? outputs.status : undefined;
  if (kind === "contactList") {
    return { definition: definitionOfList(inputs), started: false, ...(status ? { status } : {}) };
  }
  const normalized = normalizedDefinition(definitionOf(inputs));
  const definition = typeof normalized === "object" && normalized !== null ? (normalized as Record<string, unknown>) : {};
  return { definition, started: inputs.started === true, ...(status ? { status } : {}) };
}

function fieldsOf(kind: ResourceKind, old: Side, next: Side): FieldChange[] {
  const paths =
    kind === "campaign"
      ? diffCampaign(
          { definition: old.definition as unknown as CampaignDefinition, started: old.started },
          { definition: next.definition as unknown as CampaignDefinition, started: next.started },
        ).changed
      : diffContactList({ definition: old.definition as Partial<ContactListDefinition> }, { definition: next.definition as unknown as ContactListDefinition }).changed;
  return paths.map((path) => {
    if (path === "started") return { path, old: old.started, new: next.started };
    const segments = parsePath(path);
    return { path, old: valueAt(old.definition, segments), new: valueAt(next.definition, segments) };
  });
}

/** The campaigns and contact lists a preview changes, one entry per resource: campaigns first, each kind by resource name. */
export function changesOf(preview: Preview): ResourceChange[] {
  const byUrn = new Map<string, { step: PreviewStep; operation: Operation; old?: PreviewStep["oldState"]; next?: PreviewStep["newState"] }>();
  for (const step of preview.steps) {
    const operation = OPERATIONS[step.op];
    const kind = kindOf(step.newState?.type ?? step.oldState?.type ?? typeOfUrn(step.urn));
    if (operation === undefined || kind === undefined) continue;
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
    const kind = kindOf(entry.next?.type ?? entry.old?.type ?? typeOfUrn(urn))!;
    const old = entry.operation === "create" ? undefined : sideOf(kind, entry.old?.inputs, entry.old?.outputs);
    const next = entry.operation === "delete" ? undefined : sideOf(kind, entry.next?.inputs);
    const fields = old && next ? fieldsOf(kind, old, next) : [];
    const name = next?.definition.name ?? old?.definition.name;
    changes.push({
      kind,
      resourceName: nameOfUrn(urn),
      ...(typeof name === "string" ? { koreName: name } : {}),
      operation: entry.operation,
      fields,
      ...(old ? { old } : {}),
      ...(next ? { next } : {}),
    });
  }
  // an update whose inputs normalize to the same thing (no field, e.g. only __provider changed) is no change;
  // sorted (campaigns first, then by name) since the engine's step order differs between runs
  return changes
    .filter((c) => c.operation !== "update" || c.fields.length > 0)
    .sort((a, b) => Number(a.kind !== "campaign") - Number(b.kind !== "campaign") || (a.resourceName < b.resourceName ? -1 : a.resourceName > b.resourceName ? 1 : 0));
}
