// Word lists the tagger scores with: chip-topic terms and China terms in English, Chinese (simplified
// and traditional) and German, and the catalog names that are too ambiguous to count on their own.
// Regex sources, compiled once in tag-matchers.ts. Latin terms are matched case-insensitively at word
// starts; German terms may also sit inside compounds ("Speicherchips", "Halbleiterhersteller").

/**
 * How much of a summary the term rules read: the lead carries the story, and feeds' summaries run to
 * 1,000 characters of body text whose tail mostly adds noise (and regex time). Names are read in full.
 */
export const LEAD_CHARS = 400;

/** Terms that say a story is about chips / AI compute (not phones, not e-commerce). */
export const CHIP_TERMS = {
  /** English: whole words (plural allowed). */
  en: [
    'ai chips?', 'chips?', 'chipmakers?', 'chipsets?', 'semiconductors?', 'gpus?', 'gpgpus?', 'npus?', 'xpus?', 'dcus?',
    'accelerators?', 'processors?', 'hbm\\d?e?', 'wafers?', 'foundry', 'foundries', 'fabs?', '\\d+\\s?nm', 'tflops', 'petaflops',
    'computing power', 'compute', 'supernodes?', 'superpods?', 'cuda', 'ai training', 'inference', 'ai servers?', 'lithography',
    'euv', 'duv', 'export (?:controls?|curbs?|restrictions?|rules|licen[cs]es?)', 'silicon',
  ],
  /** German: may be the head or the tail of a compound ("KI-Chip", "Chipfabrik", "Grafikchips"). */
  de: [
    'chip', 'halbleiter', 'grafikprozessor', 'grafikkarte', 'gpu', 'beschleuniger', 'prozessor', 'rechenleistung', 'rechenzentr',
    'chipherstell', 'chipfertig', 'auftragsfertig', 'wafer', 'nanometer', 'lithograf', 'ki-training', 'supercomputer', 'exportkontroll',
  ],
  /** Chinese: substrings. */
  zh: [
    '芯片', '晶片', '算力', '半导体', '半導體', 'GPU', '加速卡', '加速器', '处理器', '處理器', '晶圆', '晶圓', '制程', '製程', '纳米', '奈米',
    '光刻', '集成电路', '積體電路', '显卡', '顯卡', '智算', '超节点', '超節點', '推理', '训练', '訓練', 'AI芯', '国产GPU', '國產GPU',
    '出口管制', '出口限制', 'HBM', '代工',
  ],
} as const;

/** Terms that place a story in China (for stories naming only NVIDIA, or no vendor at all). */
export const CHINA_TERMS = {
  en: ['china', 'chinese', 'beijing', 'shanghai', 'shenzhen', 'hong kong', 'prc'],
  de: ['china', 'chinas', 'chinesisch', 'peking', 'shanghai', 'shenzhen', 'hongkong'],
  zh: ['中国', '中國', '国产', '國產', '在华', '在華', '输华', '輸華', '中方', '北京', '上海', '深圳', '港股', '科创板', '科創板', 'A股'],
} as const;

/**
 * Vendor names that are ordinary words or too short to trust alone: "Ascend" is an English verb, 阿里 is
 * also a transliterated given name, 海光/海思/中芯 are short and appear inside other names. They count
 * only when the story has chip context or names the same vendor another way. Latin ones are also
 * matched case-sensitively ("ascend" never counts).
 */
export const WEAK_VENDOR_NAMES = new Set(['Ascend', 'Muxi', 'Haiguang', 'Higon', '阿里', '海光', '海思', '中芯']);

/**
 * Vendors whose names appear in news about their other businesses (Alibaba's shops, Huawei's phones,
 * NVIDIA's gaming cards): their mention alone scores low; chip (or, for NVIDIA, China) context must add to it.
 */
export const CONGLOMERATE_VENDORS = new Set(['alibaba', 'huawei', 'nvidia']);

/** Vendors whose stories matter here only in a China context (NVIDIA's China parts are reference points). */
export const CHINA_CONTEXT_VENDORS = new Set(['nvidia']);

/** Text right after a weak Chinese name that means it is part of another name (中芯集成 is another company). */
export const CJK_NOT_FOLLOWED_BY: Record<string, string[]> = {
  中芯: ['集成', '聯集成', '联集成'],
  阿里: ['山', '斯', '安', '·'],
  海光: ['之', '影'],
};

/**
 * Text just before or after a vendor's name that makes it a yardstick, not the story's subject:
 * "challenging Nvidia", "Nvidia-Konkurrent", „Chinas Nvidia“, "对标英伟达", "Ex-Nvidia". A vendor named
 * only like this is not tagged when the story names another vendor.
 */
export const COMPARISON_BEFORE =
  /(?:challeng\w*|rival(?:s|ing)?|beat(?:s|ing)?|against|vs\.?|versus|tak(?:e|es|ing) on|compet\w* with|alternative to|replac\w*|than|like|written for|ex-|gegen|greift|fordert|herausfordern|chinas|wie|statt|对标|對標|挑战|挑戰|比肩|超越|替代|取代|追赶|追趕|中国版|中國版|中国的|中國的)[\s„“"']*$/iu;
/**
 * "like"/"wie" after a group of companies lists examples, it does not compare: "Firmen wie Alibaba und
 * Bytedance", "tech giants like Alibaba". Such a mention stays a mention.
 */
export const EXAMPLES_BEFORE =
  /(?:companies|firms|giants|groups|customers|clients|buyers|players|operators|firmen|unternehmen|konzerne|kunden|abnehmer|käufer|riesen|größen)\s+(?:like|such as|wie|etwa)[\s„“"']*$/iu;
export const COMPARISON_AFTER =
  /^(?:-?(?:konkurrent|rivale|herausforderer|jäger|killer)|['’]s (?:rival|challenger|competitor)|\s?(?:rival|challenger|competitor)s?\b|\s?(?:hardware|software)\b|\s?(?:heraus|an|ersetzen|ablösen|überholen|schlagen|angreifen)\b|的?(?:竞争对手|競爭對手|对手|對手))/iu;

/** What may follow a bare model number that is really an amount ("970 million", "310亿"). */
export const AMOUNT_AFTER = /^\s?(?:million|billion|bn|thousand|trillion|mio|mrd|milliard|yuan|dollar|euro|units|percent|prozent|%|亿|億|万|萬|元|美元|台|片|个|個)/iu;
