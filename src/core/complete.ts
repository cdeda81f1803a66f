// Autocomplete: suggestions for an option as the user types, from the catalog (and topic list).
// Answers at most 25 (Discord's cap) and works in memory, well inside Discord's 3-second deadline.
import type { App } from '../app.ts';
import { catalogOf } from '../catalog/load.ts';
import { nameKey } from './fuzzy.ts';
import type { AutocompleteSource } from './options.ts';
import { TOPICS } from '../news/topics.ts';

export interface Choice {
  /** Shown to the user. */
  name: string;
  /** Put into the option. */
  value: string;
}

export const MAX_CHOICES = 25;

export function complete(app: App, source: AutocompleteSource, partial: string): Choice[] {
  const q = nameKey(partial);
  const { vendors, chips } = catalogOf(app.db);
  const out: { c: Choice; rank: number }[] = [];
  const consider = (names: string[], c: Choice) => {
    let best = Infinity;
    for (const n of names) {
      const k = nameKey(n);
      if (!q) best = Math.min(best, 2);
      else if (k.startsWith(q)) best = Math.min(best, 0);
      else if (k.includes(q)) best = Math.min(best, 1);
    }
    if (best < Infinity) out.push({ c, rank: best });
  };
  const wantVendors = source === 'entity' || source === 'vendor' || source === 'vendor-or-all';
  const wantChips = source === 'entity' || source === 'chip';
  if (source === 'vendor-or-all' && (!q || 'all'.startsWith(q))) out.push({ c: { name: 'all vendors', value: 'all' }, rank: -1 });
  if (wantVendors)
    for (const v of vendors.values())
      consider([v.slug, v.name.en, v.name.zh, ...v.aliases.en, ...v.aliases.zh], { name: `${v.name.en} · ${v.name.zh}`, value: v.slug });
  if (wantChips)
    for (const c of chips.values())
      consider([c.slug, c.name.en, ...(c.name.zh ? [c.name.zh] : []), ...c.aliases], { name: `${c.name.en} (${vendors.get(c.vendor)?.name.en ?? c.vendor})`, value: c.slug });
  if (source === 'topic') for (const t of TOPICS) consider([t.id, t.label], { name: t.label, value: t.id });
  out.sort((a, b) => a.rank - b.rank || a.c.name.localeCompare(b.c.name));
  return out.slice(0, MAX_CHOICES).map((x) => ({ name: x.c.name.slice(0, 100), value: x.c.value.slice(0, 100) }));
}
