/** "Did you mean ...?": the closest of some known words to a mistyped one. Pure. */

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

/** Up to `max` candidates within the typo limit of `closestKey`, closest first (for "did you mean" lists). */
export function closestKeys(word: string, candidates: readonly string[], max = 3): string[] {
  const limit = Math.max(1, Math.floor(loose(word).length / 3));
  return candidates
    .map((key) => ({ key, distance: editDistance(loose(word), loose(key)) }))
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key))
    .slice(0, max)
    .map((c) => c.key);
}
