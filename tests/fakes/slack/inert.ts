// Checks that a Slack message body (as received by the fake) can ping no one and link nowhere but the
// allowed URLs: every Slack control sequence "<…>" in any text must be a link to an allowed URL, and
// every mrkdwn text object must be verbatim (no auto-linking or mention parsing by Slack).

export interface TextObject {
  type: string;
  text: string;
  verbatim?: boolean;
}

/** Every text object in blocks (section text and fields, context elements, headers, buttons). */
export function textObjects(blocks: unknown): TextObject[] {
  const out: TextObject[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o as unknown as TextObject);
      else Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}

/** Problems found; empty when the message is inert. `text` is the top-level fallback. */
export function inertnessProblems(text: string, blocks: unknown, allowedUrls: string[]): string[] {
  const problems: string[] = [];
  const check = (where: string, s: string) => {
    for (const m of s.matchAll(/<([^>]*)>?/g)) {
      const inner = m[1]!;
      const ok = allowedUrls.some((u) => inner.startsWith(`${u}|`) || inner === u);
      if (!ok) problems.push(`${where}: control sequence <${inner}>`);
    }
    if (/(^|[^\u2060])@(channel|here|everyone)\b/i.test(s)) problems.push(`${where}: bare @channel/@here word`);
    if (/https?:\/\/evil\.example/.test(s)) problems.push(`${where}: live-looking URL to evil.example`);
    if (where !== 'plain_text' && s.includes('*bold*')) problems.push(`${where}: *bold* formatting survived`);
  };
  check('text', text);
  for (const t of textObjects(blocks)) {
    check(t.type, t.text);
    if (t.type === 'mrkdwn' && t.verbatim !== true) problems.push(`mrkdwn object without verbatim: ${t.text.slice(0, 40)}`);
  }
  return problems;
}
