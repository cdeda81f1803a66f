// What the news says the catalog may be missing, for a maintainer to check (never applied automatically):
// model names in stories about tracked vendors that the catalog does not know ("Ascend 960D"), and
// stories about a known chip that report a status change (launch, halt, ban, listing, approval).
// Reads the stories already stored; the story links are the evidence to open before editing data/.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import { catalogOf } from './load.ts';
import { findEntities } from './resolve.ts';

export interface StoryRef {
  title: string;
  url: string;
  outlet: string;
  published: string;
}

export interface Suggestion {
  kind: 'unknown-model' | 'status-change';
  /** The model name as written, or the known chip's slug. */
  subject: string;
  vendor: string;
  /** For status changes: the kinds of change the stories report. */
  changes: string[];
  stories: StoryRef[];
}

/** Model-like tokens: letters and 2–4 digits ("910D", "M890", "MLU690", "B30A"), as words. */
const MODEL = /(?<![\p{L}\p{N}])([A-Z]{0,6}-?\d{2,4}[A-Z]{0,3})(?![\p{L}\p{N}])/gu;
/** Tokens that look like models but are formats, memory types, links or years. */
const NOT_A_MODEL = /^(FP\d+|BF\d+|INT\d+|TF\d+|HBM\d*E?|G?DDR\d+X?|LPDDR\d+X?|PCIE?\d*|N\d|Q\d|H\d|19\d\d|20\d\d|\d+)$/;

/** Status words per kind, in the feeds' three languages. */
const CHANGES: [string, RegExp][] = [
  ['launch', /\b(launch(es|ed)?|unveil(s|ed)?|debut(s|ed)?|mass production|ships?|shipping)\b|发布|推出|亮相|量产|上市销售|vorgestellt|startet/iu],
  ['halt', /\b(halt(s|ed)?|suspend(s|ed)?|stop(s|ped)? (production|making))\b|停产|暂停|gestoppt/iu],
  ['ban', /\b(ban(s|ned)?|block(s|ed)?|blacklist(ed)?|entity list|export (control|curb|ban)s?)\b|禁止|禁用|实体清单|管制|verbot|Exportkontrolle/iu],
  ['listing', /\b(IPO|listing|lists? (in|on)|debut on|shares (soar|surge|jump))\b|上市|挂牌|招股|Börsengang/iu],
  ['approval', /\b(approv(es|ed|al)|licen[cs]e(s|d)?|clear(s|ed))\b|批准|获批|许可|genehmigt/iu],
];

function changesIn(text: string): string[] {
  return CHANGES.filter(([, re]) => re.test(text)).map(([k]) => k);
}

interface Row {
  id: number;
  title: string;
  url: string;
  outlet: string;
  published_at: number;
}

/** Suggestions from stories published since `sinceMs`, newest evidence first; at most `perSubject` links each. */
export function catalogSuggestions(db: Db, sinceMs: number, perSubject = 3): Suggestion[] {
  const { chips } = catalogOf(db);
  const out = new Map<string, Suggestion>();
  const add = (key: string, s: Omit<Suggestion, 'stories' | 'changes'>, change: string[], story: Row) => {
    let cur = out.get(key);
    if (!cur) out.set(key, (cur = { ...s, changes: [], stories: [] }));
    for (const c of change) if (!cur.changes.includes(c)) cur.changes.push(c);
    if (cur.stories.length < perSubject && !cur.stories.some((x) => x.url === story.url))
      cur.stories.push({ title: story.title, url: story.url, outlet: story.outlet, published: new Date(story.published_at).toISOString().slice(0, 10) });
  };

  // Known chips with a reported change of status.
  const chipStories = stmt<[number], Row & { chip_slug: string }>(
    db,
    `SELECT s.id, s.title, s.url, s.outlet, s.published_at, c.chip_slug FROM story_chips c JOIN stories s ON s.id = c.story_id
     WHERE s.published_at >= ? ORDER BY s.published_at DESC`,
  ).all(sinceMs);
  for (const r of chipStories) {
    const chip = chips.get(r.chip_slug);
    if (!chip) continue;
    const change = changesIn(r.title);
    if (change.length) add(`status:${chip.slug}`, { kind: 'status-change', subject: chip.slug, vendor: chip.vendor }, change, r);
  }

  // Model names the catalog does not know, in stories about a tracked vendor.
  const vendorStories = stmt<[number], Row & { vendor_slug: string }>(
    db,
    `SELECT s.id, s.title, s.url, s.outlet, s.published_at, v.vendor_slug FROM story_vendors v JOIN stories s ON s.id = v.story_id
     WHERE v.published_at >= ? ORDER BY v.published_at DESC`,
  ).all(sinceMs);
  const known = new Map<string, boolean>();
  for (const r of vendorStories) {
    for (const m of r.title.normalize('NFKC').matchAll(MODEL)) {
      const token = m[1]!.toUpperCase();
      if (NOT_A_MODEL.test(token) || !/[A-Z]/.test(token)) continue;
      let isKnown = known.get(token);
      if (isKnown === undefined) known.set(token, (isKnown = findEntities(db, token).length > 0));
      if (!isKnown) add(`model:${r.vendor_slug}:${token}`, { kind: 'unknown-model', subject: token, vendor: r.vendor_slug }, changesIn(r.title), r);
    }
  }
  return [...out.values()].sort((a, b) => (b.stories[0]?.published ?? '').localeCompare(a.stories[0]?.published ?? '') || a.subject.localeCompare(b.subject));
}
