// The acceptance check for untrusted text: a feed title that tries to ping, link and format, and a
// checker that finds any of that in a message body as Discord would receive it.

export const EVIL = '@everyone <@&123> [click](https://evil.example) **bold**';

/**
 * What in a message body could ping, link to evil.example or format the evil text. Every string counts for
 * pings and links; markdown is checked in the places Discord renders it (content, titles, descriptions,
 * fields), not in footers and labels, which it shows verbatim.
 */
export function inertProblems(body: unknown): string[] {
  const p = new Set<string>();
  const visit = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (/@(everyone|here)/.test(v)) p.add(`${key}: live @everyone/@here`);
      if (/<[@#]|<\/|<t:|<a?:/.test(v)) p.add(`${key}: live <…> mention`);
      if (v.includes('https://evil.example')) p.add(`${key}: evil URL intact`);
      if (['content', 'title', 'description', 'name', 'value'].includes(key)) {
        if (/(?<!\\)\*\*bold/.test(v)) p.add(`${key}: bold still formats`);
        if (/(?<!\\)\[click/.test(v)) p.add(`${key}: masked link unescaped`);
      }
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(body, '');
  return [...p];
}
