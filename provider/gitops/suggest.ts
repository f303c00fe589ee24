/**
 * "Did you mean ...?" for unknown fields: the closest known key of the same object (edit distance, ignoring
 * case, "_" and "-"), or the object where a key of that exact spelling belongs (a campaign's objects unless
 * told otherwise). Pure.
 */
import { KNOWN_KEYS } from "../resources/campaign/schema";
import { closestKey, editDistance } from "../shared/suggest";

export { closestKey, editDistance };

/** "" -> "at the top level", "a.days[]" -> "in each entry of a.days", "dialingStrategy" -> "in dialingStrategy". */
function describeObjectPath(objectPath: string): string {
  if (objectPath === "") return "at the top level";
  return objectPath.endsWith("[]") ? `in each entry of ${objectPath.slice(0, -2)}` : `in ${objectPath}`;
}

/** Where else a key of exactly this spelling is known ("in dialingStrategy" for maxRingTime), if anywhere. */
export function elsewhereKey(key: string, objectPath: string, knownKeysByPath: Readonly<Record<string, readonly string[]>> = KNOWN_KEYS): string | undefined {
  const here = objectPath.replace(/\[\d+\]/g, "[]");
  const home = Object.keys(knownKeysByPath).find((path) => path !== here && knownKeysByPath[path].includes(key));
  return home === undefined ? undefined : describeObjectPath(home);
}

/**
 * The rule for an unknown key: a close spelling of this object's keys, else the object it belongs in,
 * else undefined (the caller keeps its own wording).
 */
export function unknownKeyRule(
  key: string,
  objectPath: string,
  knownKeys: readonly string[],
  knownKeysByPath: Readonly<Record<string, readonly string[]>> = KNOWN_KEYS,
): string | undefined {
  const close = closestKey(key, knownKeys);
  if (close !== undefined) return `is not a known field; did you mean ${close}?`;
  const home = elsewhereKey(key, objectPath, knownKeysByPath);
  if (home !== undefined) return `is not a field here; it belongs ${home}`;
  return undefined;
}
