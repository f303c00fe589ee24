/**
 * "Did you mean ...?" for unknown fields: the closest known key of the same object (edit distance, ignoring
 * case, "_" and "-"), or the object where a key of that exact spelling belongs. Pure.
 */
import { KNOWN_KEYS } from "../schema";

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

const loose = (key: string) => key.toLowerCase().replace(/[_-]/g, "");

/**
 * The candidate closest to `word`, if close enough to be a likely typo: at most a third of the word's
 * length in edits (at least 1), compared ignoring case, "_" and "-" (so "maxRingtime" and "queue_name" match).
 */
export function closestKey(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(loose(word).length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const key of candidates) {
    const distance = editDistance(loose(word), loose(key));
    if (distance <= limit && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

/** "" -> "at the top level", "a.days[]" -> "in each entry of a.days", "dialingStrategy" -> "in dialingStrategy". */
function describeObjectPath(objectPath: string): string {
  if (objectPath === "") return "at the top level";
  return objectPath.endsWith("[]") ? `in each entry of ${objectPath.slice(0, -2)}` : `in ${objectPath}`;
}

/** Where else a key of exactly this spelling is known ("in dialingStrategy" for maxRingTime), if anywhere. */
export function elsewhereKey(key: string, objectPath: string): string | undefined {
  const here = objectPath.replace(/\[\d+\]/g, "[]");
  const home = Object.keys(KNOWN_KEYS).find((path) => path !== here && KNOWN_KEYS[path].includes(key));
  return home === undefined ? undefined : describeObjectPath(home);
}

/**
 * The rule for an unknown key: a close spelling of this object's keys, else the object it belongs in,
 * else undefined (the caller keeps its own wording).
 */
export function unknownKeyRule(key: string, objectPath: string, knownKeys: readonly string[]): string | undefined {
  const close = closestKey(key, knownKeys);
  if (close !== undefined) return `is not a known field; did you mean ${close}?`;
  const home = elsewhereKey(key, objectPath);
  if (home !== undefined) return `is not a field here; it belongs ${home}`;
  return undefined;
}
