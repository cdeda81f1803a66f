// Topic and provenance rules in English, Chinese and German. A story gets every topic whose rule
// matches its title or summary; provenance comes from its source (official outlets, exchange and
// government sites) or, for press stories, from phrases that cite unnamed sources.
// Topic ids live in topics.ts. English/German patterns match at word starts (German may continue a
// compound: "Exportkontrollen", "Quartalszahlen"); Chinese patterns are substrings.
import type { TopicId } from './topics.ts';
import type { ItemOrigin } from './types.ts';
import { LEAD_CHARS } from './tag-terms.ts';
import { matchAllAtWordStarts, testAtWordStart } from './word-start.ts';

type Rule = { en: string[]; de: string[]; zh: string[] };

const RULES: Record<TopicId, Rule> = {
  launch: {
    en: ['launch(?:es|ed|ing)?', 'unveil(?:s|ed|ing)?', 'debuts? (?:its|a|new)', 'introduc(?:es|ed|ing)', 'releas(?:es|ed)', 'rolls? out', 'mass[- ]produc\\w*', 'new (?:ai )?chips?', 'roadmap', 'next[- ]generation', 'announc(?:es|ed) (?:a |its )?new'],
    de: ['stellt\\w* .{0,40}vor', 'vorgestellt', 'präsentiert', 'enthüllt', 'neue[rns]? (?:ki-)?chip', 'neue[rns]? ki-chip', 'marktstart', 'massenproduktion', 'serienfertigung', 'roadmap', 'nächste[rn]? generation', 'bringt .{0,40}auf den markt'],
    zh: ['发布', '發布', '推出', '亮相', '量产', '量產', '首发', '首發', '新品', '问世', '問世', '路线图', '路線圖', '演进路线', '演進路線', '新一代', '下一代'],
  },
  funding: {
    en: ['ipo', 'listing', 'lists? (?:in|on)', 'trading debut', 'market debut', 'stock ?market debut', 'shares? (?:soar|jump|surge|rise)\\w* .{0,30}debut', 'debut', 'rais(?:es|ed|ing) .{0,30}(?:funding|capital|\\$|yuan|billion|million)', 'funding', 'financing', 'series [a-f]\\b', 'valuation', 'valued at', 'star market', 'prospectus', 'investors?', 'files? (?:for|to list)'],
    de: ['börsengang', 'börsendebüt', 'börsentag', 'börsenstart', 'ipo', 'finanzierungsrunde', 'finanzierung', 'bewertung', 'kapitalerhöhung', 'investor', 'emission', 'star market'],
    zh: ['上市', 'IPO', '融资', '融資', '募资', '募資', '科创板', '科創板', '估值', '招股', '挂牌', '掛牌', '首日', '中签', '中籤', '申购', '申購', '新股', '港股', '辅导', '輔導', '保荐', '保薦'],
  },
  'export-controls': {
    en: ['export (?:controls?|curbs?|rules?|restrictions?|licen[cs]es?|bans?)', 'exports? to china', 'exported to china', 'sanction\\w*', 'entity list', 'blacklist\\w*', 'bans?', 'banned', 'curbs?', 'restrict\\w*', 'commerce department', 'bureau of industry and security', 'bis', 'tariffs?', 'smuggl\\w*', 'licen[cs]e', 'allows? .{0,30}sales', 'blocks? .{0,40}sales'],
    de: ['exportkontroll', 'exportbeschränk', 'exportverbot', 'exportstopp', 'ausfuhr', 'sanktion', 'embargo', 'entity list', 'schwarze liste', 'verbietet', 'verbot', 'beschränkung', 'zölle', 'zoll', 'handelsstreit', 'lizenz'],
    zh: ['出口管制', '管制', '制裁', '实体清单', '實體清單', '禁令', '禁售', '禁止', '限制', '许可证', '許可證', '关税', '關稅', '走私', '放行', '输华', '輸華', '在华销售', '在華銷售', '销往中国', '銷往中國'],
  },
  benchmarks: {
    en: ['benchmark\\w*', 'performance', 'outperform\\w*', 'faster than', 'rival\\w*', 'beats?', 'on par with', 'matches', 'tflops', 'petaflops', 'mlperf', '\\d+(?:\\.\\d+)?x (?:faster|more)', 'compute power', 'computing power'],
    de: ['benchmark', 'leistung', 'schneller als', 'übertrifft', 'überholen', 'vergleichbar', 'rechenleistung', 'konkurrent', 'konkurrenz', 'tflops'],
    zh: ['性能', '跑分', '基准测试', '基準測試', '测试', '測試', '超越', '媲美', '对标', '對標', '算力', '倍', '比肩', '反超'],
  },
  customers: {
    en: ['orders?', 'customers?', 'clients?', 'deploy\\w*', 'adopt\\w*', 'contract\\w*', 'suppl(?:y|ies|ier|iers)', 'buy(?:s|ing)?', 'bought', 'purchas\\w*', 'clusters?', 'data cent(?:er|re)s?', 'shipments?', 'ships', 'deal'],
    de: ['auftrag', 'aufträge', 'kunde', 'kunden', 'bestellung', 'einsatz', 'setzt .{0,30}ein', 'rechenzentr', 'kauft', 'kauf', 'abnehmer', 'lieferung', 'liefert', 'cluster'],
    zh: ['订单', '訂單', '客户', '客戶', '部署', '采用', '採用', '采购', '採購', '合作', '集群', '数据中心', '數據中心', '中标', '中標', '签约', '簽約', '出货', '出貨', '供应', '供應'],
  },
  fabs: {
    en: ['fabs?', 'foundr(?:y|ies)', 'process (?:node|technology)', '\\d+\\s?nm', 'n\\+\\d', 'wafers?', 'yields?', 'lithograph\\w*', 'euv', 'duv', 'packaging', 'hbm\\w*', 'production (?:lines?|capacity)', 'capacity', 'manufactur\\w*', 'smic', 'tsmc'],
    de: ['fertigung', 'auftragsfertig', 'chipfabrik', 'fabrik', 'werk', 'nanometer', '\\d+\\s?nm', 'wafer', 'lithograf', 'ausbeute', 'produktionskapazit', 'produktion', 'smic', 'tsmc'],
    zh: ['晶圆', '晶圓', '制程', '製程', '纳米', '奈米', '良率', '光刻', '代工', '工艺', '工藝', '产能', '產能', '封装', '封裝', '晶圆厂', '产线', '產線', '中芯', '台积电', '台積電'],
  },
  earnings: {
    en: ['revenue', 'earnings', 'profit\\w*', 'net (?:income|loss)', 'losses', 'quarter(?:ly)?', 'q[1-4]', 'results', 'sales (?:rose|fell|grew|jump\\w*)', 'guidance', 'fiscal', 'annual report', 'charge'],
    de: ['umsatz', 'gewinn', 'quartal', 'verlust', 'geschäftszahlen', 'bilanz', 'prognose', 'ergebnis', 'erlös', 'milliarden'],
    zh: ['营收', '營收', '净利润', '淨利潤', '净利', '淨利', '财报', '財報', '季度', '亏损', '虧損', '盈利', '业绩', '業績', '年报', '年報', '营业收入', '營業收入', '扭亏', '扭虧'],
  },
};

/** Phrases that mark a report as resting on unnamed sources. */
const UNNAMED_SOURCES = {
  en: ['reportedly', 'people familiar', 'familiar with the matter', 'sources? (?:said|say|says|told|close to)', 'according to (?:people|sources|insiders|a person)', 'people with knowledge', 'who (?:asked|declined) to be (?:named|identified)', 'insiders?', 'is said to', 'are said to', 'rumou?r\\w*', 'unnamed sources?', 'anonymous sources?'],
  de: ['laut (?:einem )?bericht', 'laut insidern', 'laut medienberichten', 'berichten zufolge', 'insider', 'in informierten kreisen', 'mit der sache vertraut', 'angeblich', 'soll(?:en)? .{0,40}(?:haben|sein|planen)', 'gerüchte'],
  zh: ['据报道', '據報道', '据报导', '據報導', '据悉', '據悉', '知情人士', '消息人士', '消息称', '消息稱', '传闻', '傳聞', '据传', '據傳', '爆料', '援引'],
};

/** Hosts whose pages are official records: exchanges' filings and governments. */
const OFFICIAL_HOSTS = [
  /(^|\.)gov(\.[a-z]{2})?$/, /(^|\.)gov\.cn$/, /(^|\.)federalregister\.gov$/, /(^|\.)sec\.gov$/, /(^|\.)sse\.com\.cn$/, /(^|\.)szse\.cn$/,
  /(^|\.)hkexnews\.hk$/, /(^|\.)hkex\.com\.hk$/, /(^|\.)cninfo\.com\.cn$/, /(^|\.)europa\.eu$/, /(^|\.)bund\.de$/,
];

/** A list of alternatives as one group, ending at a word end unless German compounds may continue it. */
const word = (list: string[], compound: boolean) => `(?:${list.join('|')})${compound ? '' : '(?![\\p{L}\\p{N}])'}`;
const HAN = /\p{Script=Han}/u;

/**
 * All topics in one regex per script, one capturing group per topic (in TOPIC_ORDER), so a story costs
 * two or three scans: English and German rules over every text, Chinese only over text with Chinese
 * characters. The Latin rules all apply at word starts: that check is made once per candidate match
 * (word-start.ts), not as a lookbehind at every position. Plain numbered groups, not named ones: a
 * match's `groups` object cost more than the scan.
 */
function topicScanner(lang: 'latin' | 'zh'): RegExp {
  const groups = (Object.values(RULES) as Rule[]).map((r) => {
    const body = lang === 'zh' ? `(?:${r.zh.join('|')})` : `(?:${r.en.join('|')})(?![\\p{L}\\p{N}])|(?:${r.de.join('|')})`;
    return `(${body})`;
  });
  // The Latin rules are written in lower case and scan lower-cased text: without the i flag, V8 matches
  // them about a fifth faster. A capital in a rule would then never match, so none may have one.
  const literals = groups.join('').replace(/\\[pP]\{[^}]*\}|\\./g, ''); // without escapes such as \p{L} and \W
  if (lang === 'latin' && /\p{Lu}/u.test(literals)) throw new Error('topic rules (en/de) must be lower case');
  const re = new RegExp(groups.join('|'), lang === 'latin' ? 'gu' : 'giu');
  // Group i must be topic i: a rule with a capturing group of its own would shift them.
  const captures = new RegExp(`${re.source}|`, 'u').exec('')!.length - 1;
  if (captures !== groups.length) throw new Error(`topic rules (${lang}) must use only non-capturing groups`);
  return re;
}

const TOPIC_ORDER = Object.keys(RULES) as TopicId[];
const TOPIC_SCANNERS = { latin: topicScanner('latin'), zh: topicScanner('zh') };
/** Unnamed-source phrases: English whole words, German at word starts (both checked at word starts), Chinese substrings. */
const UNNAMED = {
  atWordStart: new RegExp(`${word(UNNAMED_SOURCES.en, false)}|${word(UNNAMED_SOURCES.de, true)}`, 'giu'),
  zh: new RegExp(UNNAMED_SOURCES.zh.join('|'), 'iu'),
};

/** The topics a story's text matches, in the order of TOPICS. */
export function topicsOf(title: string, summary: string): TopicId[] {
  const text = `${title}\n${summary.slice(0, LEAD_CHARS)}`.normalize('NFKC');
  const found = new Set<number>();
  const add = (m: RegExpExecArray) => {
    for (let i = 1; i < m.length; i++) if (m[i] !== undefined) found.add(i - 1);
  };
  for (const m of matchAllAtWordStarts(TOPIC_SCANNERS.latin, text.toLowerCase())) add(m);
  if (HAN.test(text)) for (const m of text.matchAll(TOPIC_SCANNERS.zh)) add(m);
  return TOPIC_ORDER.filter((_, i) => found.has(i));
}

export type Provenance = 'official' | 'trade' | 'unnamed-sources';

export function provenanceOf(origin: Pick<ItemOrigin, 'kind'>, url: string, title: string, summary: string): Provenance {
  if (origin.kind === 'official') return 'official';
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    // A URL that does not parse is simply not an official host.
  }
  if (host && OFFICIAL_HOSTS.some((re) => re.test(host))) return 'official';
  const text = `${title}\n${summary.slice(0, LEAD_CHARS)}`.normalize('NFKC');
  if (testAtWordStart(UNNAMED.atWordStart, text) || UNNAMED.zh.test(text)) return 'unnamed-sources';
  return 'trade';
}

/** Short markers for replies. */
export const PROVENANCE_LABEL: Record<Provenance, string> = {
  official: 'official',
  trade: 'press',
  'unnamed-sources': 'unnamed sources',
};
