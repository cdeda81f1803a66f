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

// Each rule needs the story's predicate, not a topic word: "performance" or 算力 alone is not a benchmark,
// "customers" or 合作 alone is not a deployment, "ban" or 限制 alone is not an export rule, and a vendor's
// name (SMIC, 台积电) is not a fab story, nor is a foundry's capacity utilisation (产能利用率) in its quarterly
// report. Tuned on the development half of tests/fixtures/tagging-eval.json.
const RULES: Record<TopicId, Rule> = {
  launch: {
    en: ['(?<!despite )launch(?:es|ed|ing)?(?! (?:an? )?(?:antitrust|investigation|probe|inquiry|review))', 'unveil(?:s|ed|ing)?', 'debuts? (?:its|a|new)', 'introduc(?:es|ed|ing)', 'releas(?:es|ed)', 'rolls? out', 'mass[- ]produc\\w*', 'mass[- ]ship\\w*', 'announc(?:es|ed) (?:a |its )?new', 'begins? (?:mass )?shipments?'],
    de: ['stellt\\w* .{0,40}vor', 'vorgestellt', 'präsentiert', 'enthüllt', 'marktstart', 'massenproduktion', 'serienfertigung', 'bringt .{0,80}auf den markt'],
    zh: ['发布(?!.{0,12}(?:财报|公告|业绩|报告|预告|季报|年报|通知|声明|禁令|命令|指引))', '發布(?!.{0,12}(?:財報|公告|業績|報告|預告|季報|年報|通知|聲明|禁令|命令|指引))', '推出', '亮相', '量产', '量產', '首发(?!上市)', '首發(?!上市)', '问世', '問世', '路线图', '路線圖', '演进路线', '演進路線', '上线一款', '上線一款'],
  },
  funding: {
    en: ['ipo', '(?<!since (?:its )?(?:\\d{4} )?)listing', 'lists? (?:in|on)', 'to list', 'trading debut', 'market debut', 'stock ?market debut', 'shares? (?:soar|jump|surge|rise)\\w* .{0,30}debut', 'debut', 'rais(?:es|ed|ing) .{0,30}(?:funding|capital|\\$|yuan|billion|million)', 'funding', 'financing', 'series [a-f]\\b', 'valuation', 'valued at', 'star market', 'prospectus', 'files? (?:for|to list)', 'private placement', 'share sale', 'stock offering'],
    de: ['börsengang', 'börsendebüt', 'börsentag', 'börsenstart', 'an die börse', 'ipo', 'finanzierungsrunde', 'finanzierung', 'kapitalerhöhung', 'privatplatzierung', 'emission', 'star market'],
    zh: ['上市(?!公司|时间|時間)', 'IPO', '融资', '融資', '募资', '募資', '科创板', '科創板', '估值', '招股', '挂牌', '掛牌', '首日', '中签', '中籤', '申购', '申購', '新股(?!王)', '辅导', '輔導', '保荐', '保薦', '定增', '定向增发', '定向增發', '向特定对象发行', '向特定對象發行', '發售價', '发售价', '全球發售', '全球发售'],
  },
  'export-controls': {
    en: ['(?<!(?:amid|despite|left by) (?:(?:u\\.s\\.|us|american|the|tighter|tightening|ongoing|new) )?)export (?:controls?|curbs?|rules?|restrictions?|licen[cs]es?|bans?|approvals?)', 'exporting .{0,40}china', 'needs? (?:a |an )?(?:export )?licen[cs]e', 'backdoors?', 'exports? (?:of|to) .{0,40}china', 'exported to china', '(?:sales?|sell|selling|ship\\w*|deliver\\w*) .{0,40}(?:to|in|into) china', 'entity list', 'blacklist\\w*', 'commerce department', 'bureau of industry and security', 'smuggl\\w*', 'licen[cs]es? (?:to|for) (?:sell|export|ship)', 'antitrust', 'anti-?monopoly', 'cyberspace administration', 'market regulation', 'halt\\w* (?:the )?(?:testing and )?purchases', 'stop (?:buying|purchasing)', 'suspend purchases', 'cancel\\w* (?:existing )?orders', 'china (?:bans?|blocks?)', 'allow\\w* .{0,30}(?:to sell|to export|sales|exports)', 'clears? .{0,30}(?:sales|exports)', 'approval .{0,20}to (?:sell|export|ship)', 'resum\\w* .{0,30}(?:sales|exports|shipments)'],
    de: ['exportkontroll', 'exportbeschränk', 'exportverbot', 'exportstopp', 'exporthürde', 'ausfuhr', 'entity list', 'schwarze liste', 'lizenz', 'nach china (?:liefern|verkaufen|exportieren)', 'wieder nach china', 'verkauf .{0,30}an china', 'china verbietet', 'china-beschränkungen', 'kartell', 'zollbeh', 'zollbeamt', 'einfuhr', 'importstopp', 'importverbot', 'export\\w* .{0,40}nach china', 'nach china eingeführt', 'import\\w* .{0,40}(?:begrenz|beschränk|stopp|verbiet|blockier)', 'untersag', 'genehmigung .{0,40}export', 'internetaufsicht', 'bestellungen .{0,40}(?:stopp|einzustellen|einstellen)', 'hintertür'],
    zh: ['出口管制', '实体清单', '實體清單', '禁令', '禁售', '许可证', '許可證', '许可', '許可', '走私', '放行', '解禁', '约谈', '約談', '反垄断', '反壟斷', '海关', '海關', '对华出口', '對華出口', '对华销售', '對華銷售', '对华出售', '對華出售', '(?:出售|销售|銷售)(?:给|給)中(?:国|國)', '禁运', '禁運', '在华销售', '在華銷售', '销往中国', '銷往中國', '出口中國', '出口至中國', '出口中国', '恢复.{0,6}(?:供货|销售|出口)', '恢復.{0,6}(?:供貨|銷售|出口)', '劝退', '勸退', '暂停(?:订购|采购|购买)', '暫停(?:訂購|採購|購買)', '停止(?:采购|购买|採購|購買)', '不得(?:采购|购买|採購|購買)', '非必要', '后门', '後門'],
  },
  benchmarks: {
    en: ['benchmark\\w*', 'outperform\\w*', 'faster than', 'on par with', 'comparable (?:to|with)', 'performance (?:comparable|close|similar|matching|equal)', 'percent of (?:the )?(?:nvidia|h\\d+|a\\d+)', 'tflops?', 'tflop/s', 'petaflops', 'mlperf', '\\d+(?:\\.\\d+)?x (?:faster|more)', 'rival (?:nvidia\\W?s )?(?:h\\d+|a\\d+|b\\d+)', 'beats? (?:nvidia|the h\\d+)'],
    de: ['benchmark', 'schneller als', 'übertrifft', 'vergleichbar', 'tflops', 'leistung von .{0,30}(?:nvidia|h\\d+)', 'mithalten'],
    zh: ['跑分', '基准测试', '基準測試', '媲美', '对标', '對標', '比肩', '相当于', '相當於', '性能(?:超越|超过|超過|达到|達到|接近|相当|相當|媲美|持平|优于|優於)', '(?:超越|超过|超過|优于|優於|效率超|性能超)\\s?(?:英伟达|英偉達|輝達|NVIDIA|Nvidia|NV\\s?|GB\\d+|H\\d+|A\\d+|B\\d+)', '(?:与|與)(?:英伟达|英偉達|輝達)?\\s?H\\d+(?:相当|相當|持平|基本持平)', 'TFLOPS'],
  },
  customers: {
    en: ['orders? (?:for|from)', 'orders? (?:\\w+ ){0,3}(?:chips|cards|accelerators|servers|gpus|units)', 'ordered (?:more than |over |about |some )?[\\d,.]+', 'deploy(?:s|ed|ing|ment)?', 'adopt(?:s|ed|ing|ion)', 'in service', 'customers? (?:include|such as|like)', 'clients? (?:include|such as|like)', 'wins? (?:an? )?(?:order|contract|deal)', 'contract (?:with|from)', 'begins? deliveries', 'now using', 'using them', '\\d+ (?:companies|clients|customers)', 'illuminated', 'cluster (?:of|comprising)'],
    de: ['auftrag', 'aufträge', 'bestellt', 'bestellung(?!\\w*.{0,40}(?:stopp|einzustellen|einstellen|storn))', 'setzt .{0,30}ein', 'im einsatz', 'kunden wie', 'abnehmer', 'durch eigene', 'liefert .{0,30}an'],
    zh: ['(?<!取消.{0,8})订单', '(?<!取消.{0,8})訂單', '部署', '规模上线', '規模上線', '中标', '中標', '签约', '簽約', '出货', '出貨', '批量采购', '批量採購', '客户包括', '客戶包括', '服务.{0,8}客户', '服務.{0,8}客戶', '家客户', '家客戶', '集群.{0,8}(?:上线|投入|点亮|點亮|运营|運營)', '商业化应用', '商業化應用', '规模化应用', '規模化應用'],
  },
  fabs: {
    en: ['fabs?', 'n\\+\\d', 'yields?', 'yield rate', 'lithograph\\w*', 'euv', 'duv', 'packaging', 'production (?:lines?|capacity|volumes?)', '(?:boost\\w*|triple\\w*|doubl\\w*|ramp\\w*) (?:up )?(?:its |the )?(?:ai chip )?production', 'doubl\\w* (?:the )?output', 'output of (?:its |their )?.{0,30}chips?', 'mak\\w* (?:about |around |roughly |some )?[\\d,]{5,}', 'produce (?:approximately |about |around )?[\\d,]+', 'tape-?out', 'teardown', 'die (?:made|manufactured)', 'manufactured by', 'made by (?:tsmc|smic)'],
    de: ['chipfertigung', 'auftragsfertig', 'chipfabrik', 'lithograf', 'ausbeute', 'produktionskapazit', 'produktionslinie', 'produktionsstraße', 'fab-engpass', 'chipproduktion'],
    zh: ['良率', '光刻', '工艺节点', '工藝節點', '产能(?!利用率)', '產能(?!利用率)', '封装', '封裝', '产线', '產線', '流片', '拆解', '晶圆厂', '晶圓廠', '生产.{0,8}(?:万|萬)颗', '生產.{0,8}(?:万|萬)顆'],
  },
  earnings: {
    en: ['revenue', 'earnings', 'profit\\w*', 'net (?:income|loss)', 'losses', 'quarterly (?:results|charge)', 'results', 'sales (?:rose|fell|grew|jump\\w*)', 'guidance', 'fiscal', 'annual report', 'charge'],
    de: ['umsatz', 'gewinn(?!t(?!\\p{L}))', 'quartalszahlen', 'quartal', 'verlust', 'geschäftszahlen', 'bilanz', 'prognose', 'erlös', 'abschreib', 'halbjahresbericht', 'mindereinnahmen', 'milliardenkost'],
    zh: ['营收', '營收', '净利润', '淨利潤', '净利', '淨利', '财报', '財報', '季度(?:营收|營收|收入|净利|淨利|利润|利潤|亏损|虧損|业绩|業績|财报|財報|报告|報告|营业|營業)', '季报', '季報', '亏损', '虧損', '盈利', '业绩', '業績', '年报', '年報', '年度报告', '年度報告', '营业收入', '營業收入', '扭亏', '扭虧', '毛利率', '少赚', '少賺'],
  },
};

const TOPIC_ORDER = Object.keys(RULES) as TopicId[];

/**
 * Weak cues: words that name a topic but are as often background in a story about something else.
 * "Proceeds fund next-generation chips" in an IPO story, "7 nm" in a chip launch, "despite US sanctions"
 * in a phone launch. A weak cue gives its topic only when no strong rule of another topic matched the
 * story, or when it is in the title and the title has no other topic's strong rule.
 */
const WEAK: Partial<Record<TopicId, Rule>> = {
  launch: {
    en: ['new (?:ai )?chips?', 'roadmap', 'next[- ]generation'],
    de: ['neue[rns]? (?:ki-)?chip', 'neuen (?:ki-)?chip', 'roadmap', 'nächste[rn]? generation', 'neue[rn]? generation', 'entwickelt .{0,30}(?:ki-)?chip'],
    zh: ['新品', '新一代', '下一代'],
  },
  'export-controls': {
    en: ['impos\\w* sanctions', 'sanctions? (?:on|against)'],
    de: ['sanktionen gegen', 'embargo'],
    zh: ['管制', '制裁'],
  },
  fabs: {
    en: ['\\d+\\s?nm', '\\d+-nanometer'],
    de: ['nanometer', '\\d+\\s?nm', '\\d+-nm'],
    zh: ['制程', '製程', '纳米', '奈米'],
  },
};

/** A weak cue of the first topic never counts beside any cue of these: a process node named in a chip launch is its spec. */
const WEAK_YIELDS_TO: Partial<Record<TopicId, TopicId[]>> = { fabs: ['launch'] };

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
  // Groups 1..n: each topic's strong rule; n+1..2n: its weak cues (a group that never matches if none).
  const rules = [...TOPIC_ORDER.map((t) => RULES[t]), ...TOPIC_ORDER.map((t) => WEAK[t] ?? { en: [], de: [], zh: [] })];
  const groups = rules.map((r) => {
    const alt = (list: string[]) => (list.length ? list.join('|') : '(?!)');
    const body = lang === 'zh' ? `(?:${alt(r.zh)})` : `(?:${alt(r.en)})(?![\\p{L}\\p{N}])|(?:${alt(r.de)})`;
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

const TOPIC_SCANNERS = { latin: topicScanner('latin'), zh: topicScanner('zh') };
/** Unnamed-source phrases: English whole words, German at word starts (both checked at word starts), Chinese substrings. */
const UNNAMED = {
  atWordStart: new RegExp(`${word(UNNAMED_SOURCES.en, false)}|${word(UNNAMED_SOURCES.de, true)}`, 'giu'),
  zh: new RegExp(UNNAMED_SOURCES.zh.join('|'), 'iu'),
};

interface Hit {
  phrase: string;
  index: number;
}

/** The first strong and the first weak match of each topic in a story's title and lead (one scan per script). */
function scanTopics(title: string, summary: string): { titleLength: number; strong: Map<number, Hit>; weak: Map<number, Hit>; strongInTitle: Set<number> } {
  const titleN = title.normalize('NFKC');
  const text = `${titleN}\n${summary.normalize('NFKC').slice(0, LEAD_CHARS)}`;
  const n = TOPIC_ORDER.length;
  const strong = new Map<number, Hit>();
  const weak = new Map<number, Hit>();
  const strongInTitle = new Set<number>();
  const add = (m: RegExpExecArray) => {
    for (let i = 1; i < m.length; i++) {
      if (m[i] === undefined) continue;
      const isWeak = i > n;
      const topic = (i - 1) % n;
      const into = isWeak ? weak : strong;
      const prev = into.get(topic);
      if (!prev || m.index < prev.index) into.set(topic, { phrase: text.slice(m.index, m.index + m[0].length), index: m.index });
      if (!isWeak && m.index < titleN.length) strongInTitle.add(topic);
    }
  };
  for (const m of matchAllAtWordStarts(TOPIC_SCANNERS.latin, text.toLowerCase())) add(m);
  if (HAN.test(text)) for (const m of text.matchAll(TOPIC_SCANNERS.zh)) add(m);
  return { titleLength: titleN.length, strong, weak, strongInTitle };
}

/** Why a topic was assigned: the first phrase its rule matched, and where (title or lead). */
export interface TopicReason {
  topic: TopicId;
  phrase: string;
  place: 'title' | 'lead';
}

/**
 * The topics of a story with the phrase that gave each (for `chipwatch explain`, the evaluation and
 * ingest). A strong match gives its topic; a weak cue only when no other topic has a strong match, or
 * when it is in the title and no other topic's strong rule matched the title (see WEAK).
 */
export function explainTopics(title: string, summary: string): TopicReason[] {
  const { titleLength, strong, weak, strongInTitle } = scanTopics(title, summary);
  const place = (h: Hit) => (h.index < titleLength ? ('title' as const) : ('lead' as const));
  return TOPIC_ORDER.flatMap((topic, i) => {
    const s = strong.get(i);
    if (s) return [{ topic, phrase: s.phrase, place: place(s) }];
    const w = weak.get(i);
    if (!w) return [];
    const yieldsTo = (WEAK_YIELDS_TO[topic] ?? []).map((t) => TOPIC_ORDER.indexOf(t));
    if (yieldsTo.some((j) => strong.has(j) || weak.has(j))) return [];
    const others = [...strong.keys()].some((j) => j !== i);
    const titleOthers = [...strongInTitle].some((j) => j !== i);
    return !others || (w.index < titleLength && !titleOthers) ? [{ topic, phrase: w.phrase, place: place(w) }] : [];
  });
}

/** The topics a story's text matches, in the order of TOPICS. */
export function topicsOf(title: string, summary: string): TopicId[] {
  return explainTopics(title, summary).map((r) => r.topic);
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
