/**
 * Levenshtein distance: typos like `ponit` for `point` are one or two edits away. Config names
 * (did you mean 'production'?) and card_open paths both suggest the nearest known name with it;
 * it imports nothing, so cards may import it from here without pulling in config.
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
