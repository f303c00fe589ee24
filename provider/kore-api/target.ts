/**
 * Where a Kore.ai app is: host, app id, account id. The host rule (https://, plain http only on
 * loopback) and the keys that say "the same app" live here, once, for every layer above.
 */
import { ValidationError } from "./errors";
import { plainText } from "./responses";

/** Where the campaigns live. */
export interface KoreTarget {
  /** `https://platform.kore.ai` (a trailing slash is fine; no path, query or credentials). `http://` only for loopback. */
  host: string;
  /** The app (bot / stream) id, `st-...`: path segment and `iid` header. */
  appId: string;
  /** `accountId` header (and query parameter of the list call). */
  accountId: string;
}

/** The fields that name where a resource lives; everything else in a connection is a credential. */
export const TARGET_FIELDS = ["host", "appId", "accountId"] as const;

/** Loopback hosts may use plain http (the emulator); everything else must be https. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** `https://platform.kore.ai/` -> `https://platform.kore.ai`; refuses anything that is not a bare origin. */
export function parseKoreHost(host: string): string {
  const refuse = (message: string): never => {
    throw new ValidationError("Invalid Kore.ai host", [{ path: "host", message }]);
  };
  if (typeof host !== "string" || host.trim() === "") return refuse("is required, e.g. https://platform.kore.ai");
  let url: URL;
  try {
    url = new URL(host.trim());
  } catch {
    return refuse(`"${plainText(host, 80)}" is not a URL; expected e.g. https://platform.kore.ai`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") refuse(`must use https:// (got ${url.protocol})`);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) refuse("must use https:// (plain http is only allowed for loopback hosts)");
  if (url.username || url.password) refuse("must not contain credentials");
  if (url.pathname !== "/" || /[?#]/.test(host)) refuse("must be a bare origin such as https://platform.kore.ai (no path, query or fragment)");
  return url.origin;
}

/**
 * The origin a host names, for comparison: scheme and host lower-cased, default port dropped, no trailing
 * slash (`https://Platform.kore.ai:443/` and `https://platform.kore.ai` are one app). Unparseable hosts
 * compare as trimmed lower-case text.
 */
export function normalizedHost(host: string): string {
  try {
    return new URL(host.trim()).origin.toLowerCase();
  } catch {
    return host.trim().replace(/\/+$/, "").toLowerCase();
  }
}

/** A stable key for "the same Kore.ai app": host and app id. Kore's limits are per app. */
export function appKey(t: KoreTarget): string {
  return `${normalizedHost(t.host)}|${t.appId}`;
}

/** A stable key for "the same app in the same account": used to share name lookups. */
export function targetKey(t: KoreTarget): string {
  return `${appKey(t)}|${t.accountId}`;
}

/** The same app in the same account (host compared without case, default port or trailing slash). */
export function sameTarget(a: KoreTarget, b: KoreTarget): boolean {
  return targetKey(a) === targetKey(b);
}
