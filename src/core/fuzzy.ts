// Name matching for user input: a normal form that ignores case, width, spaces, hyphens and dots
// ("Ascend 910C", "ascend-910c" and "ascend910c" are one key), and edit distance for suggestions.

export function nameKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.·・'’/]+/g, '');
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const rows = x.length + 1;
  const cols = y.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The candidates nearest to `input`, best first: prefix and substring matches rank before edit
 * distance; only plausible ones (distance within about a third of the length) are returned.
 */
export function nearest<T>(input: string, candidates: Iterable<T>, keyOf: (c: T) => string, limit = 3): T[] {
  const q = nameKey(input);
  if (!q) return [];
  const scored: { c: T; score: number }[] = [];
  for (const c of candidates) {
    const k = keyOf(c);
    let score: number;
    if (k.startsWith(q) || q.startsWith(k)) score = 0.1 + Math.abs(k.length - q.length) / 100;
    else if (k.includes(q) || (k.length >= 3 && q.includes(k))) score = 0.5 + Math.abs(k.length - q.length) / 100;
    else {
      const dist = editDistance(q, k);
      if (dist > Math.max(1, Math.floor(Math.max(q.length, k.length) / 3))) continue;
      score = dist;
    }
    scored.push({ c, score });
  }
  scored.sort((a, b) => a.score - b.score);
  return scored.slice(0, limit).map((s) => s.c);
}
