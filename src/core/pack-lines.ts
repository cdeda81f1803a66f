// Packs lines into chunks that fit a platform's per-block text limit (Discord fields and descriptions,
// Slack sections), never splitting a line; a line that alone is too long is cut by the caller's `clip`,
// which knows that platform's escapes.

export function packLines(lines: string[], max: number, clip: (line: string, max: number) => string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = raw.length > max ? clip(raw, max) : raw;
    if (cur && cur.length + 1 + line.length > max) {
      out.push(cur);
      cur = line;
    } else cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur) out.push(cur);
  return out;
}
