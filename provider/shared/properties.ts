/** What every resource's inputs and outputs share: the engine's preview marker, and protobuf-safe values. */

/** The resource kinds of this package: each has its own names in an app (a list and a campaign may share one). */
export type ResourceKind = "campaign" | "contactList";

/** How the engine marks a value not known until apply (pulumi/runtime/rpc.ts `unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";



/** Protobuf structs cannot hold `undefined`: drop such keys, deeply. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutUndefined(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
    return out as T;
  }
  return value;
}
