/**
 * Reading the emulator's request log (in-process `emulator.requests` or `/__emulator/requests`):
 * which entries are create POSTs, which of them made a campaign, what faults were injected.
 */
import type { RequestLogEntry } from "pulumi-kore-campaigns/emulator";

const CREATE_PATH = /^\/agentassist\/api\/v1\/public\/[^/]+\/campaign$/;

export type CallKind = "create" | "list" | "get" | "status" | "play" | "stop" | "update" | "delete" | "other";

export function callKind(e: RequestLogEntry): CallKind {
  if (e.method === "POST" && CREATE_PATH.test(e.path)) return "create";
  if (e.path.endsWith("/getAllCampaignDetails")) return "list";
  if (e.path.endsWith("/status")) return "status";
  if (e.query.trigger === "play") return "play";
  if (e.query.trigger === "stop") return "stop";
  if (e.method === "GET") return "get";
  if (e.method === "PUT") return "update";
  if (e.method === "DELETE") return "delete";
  return "other";
}

export const isCreatePost = (e: RequestLogEntry): boolean => callKind(e) === "create";

/** The campaign name a create POST carried. */
export function createName(e: RequestLogEntry): string {
  return String((e.body as { name?: unknown } | undefined)?.name);
}

/** A create whose answer was lost after the server performed it (the emulator's `ambiguous` fault). */
export const isAmbiguousCreate = (e: RequestLogEntry): boolean => isCreatePost(e) && e.fault === "ambiguous";

/** A create POST that made a campaign: answered 2xx, or performed and then its answer lost. */
export function madeCampaign(e: RequestLogEntry): boolean {
  if (!isCreatePost(e)) return false;
  if (e.status >= 200 && e.status < 300) return true;
  return e.fault === "ambiguous" && /would have answered 2\d\d/.test(e.note ?? "");
}

/** Create POSTs grouped by campaign name, oldest first. */
export function createsByName(entries: readonly RequestLogEntry[]): Map<string, RequestLogEntry[]> {
  const out = new Map<string, RequestLogEntry[]>();
  for (const e of entries) {
    if (!isCreatePost(e)) continue;
    const key = createName(e).trim().toLowerCase();
    out.set(key, [...(out.get(key) ?? []), e]);
  }
  return out;
}

/**
 * Create POSTs sent again for a name after the server may have acted on an earlier one (anything but a
 * 429, which Kore answers before doing any work). Within one `up` this list must be empty: the provider
 * never repeats a create whose outcome it does not know; it looks the name up instead.
 */
export function repeatedCreates(entries: readonly RequestLogEntry[]): string[] {
  const out: string[] = [];
  for (const [name, posts] of createsByName(entries)) {
    const firstMaybeApplied = posts.findIndex((p) => p.status !== 429);
    if (firstMaybeApplied >= 0 && firstMaybeApplied < posts.length - 1) {
      out.push(`${name}: ${posts.map((p) => `${p.status}${p.fault ? `/${p.fault}` : ""}`).join(", ")}`);
    }
  }
  return out;
}

/** Injected faults as { "<fault>": n, "<fault>:<call>": n }, plus "requests" and "requests:<call>". */
export function faultTally(entries: readonly RequestLogEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  const bump = (k: string) => (out[k] = (out[k] ?? 0) + 1);
  for (const e of entries) {
    const kind = callKind(e);
    bump("requests");
    bump(`requests:${kind}`);
    if (e.fault && e.fault !== "delay") {
      bump(e.fault);
      bump(`${e.fault}:${kind}`);
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
