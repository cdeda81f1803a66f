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
    '出口管制', '出口限制', 'HBM', '代工', '产能利用率', '產能利用率',
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
 * A vendor's parent company named in the catalog ("Kunlunxin (Baidu)"): Baidu's robotaxis, search and
 * models are not its chip unit, so the parent's name counts only when the story names the unit or its
 * chips too (like a chip name that is an ordinary word).
 */
export const PARENT_NAMES = new Set(['Baidu', '百度']);

/**
 * Vendors whose names appear in news about their other businesses (Alibaba's shops, Huawei's phones,
 * NVIDIA's gaming cards): their mention alone scores low; chip (or, for NVIDIA, China) context must add to it.
 */
export const CONGLOMERATE_VENDORS = new Set(['alibaba', 'huawei', 'nvidia']);

/**
 * A conglomerate's names for its chip unit (Alibaba's T-Head, Huawei's Ascend line): naming one is chip
 * context, so the story is scored as a chip story, not as news about the group's shops or phones.
 */
export const CHIP_UNIT_NAMES = new Set(['T-Head', 'T-Head Semiconductor', 'Pingtouge', '平头哥', '平頭哥', '阿里平头哥', '昇腾', '昇騰', 'HiSilicon', '海思']);

/**
 * Simplified and traditional forms of the characters in vendor and chip names, so that a name the
 * catalog spells one way is also found the other way or mixed (昆仑芯 / 昆侖芯 / 崑崙芯, 摩尔线程 / 摩爾線程).
 * Pairs: simplified, traditional. Applied once when the matchers are compiled, never per story.
 */
export const HAN_VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['仑', '侖'], ['头', '頭'], ['际', '際'], ['尔', '爾'], ['线', '線'], ['纪', '紀'], ['达', '達'], ['伟', '偉'], ['华', '華'],
  ['为', '為'], ['数', '數'], ['腾', '騰'], ['云', '雲'], ['国', '國'], ['电', '電'], ['辉', '輝'], ['讯', '訊'], ['龙', '龍'],
  ['导', '導'], ['体', '體'], ['术', '術'], ['长', '長'], ['东', '東'], ['联', '聯'], ['计', '計'], ['镜', '鏡'], ['门', '門'],
];

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
  /(?:challeng\w*|rival(?:s|ing|ling)?|beat(?:s|ing)?|surpass\w*|overtak\w*|outsell\w*|outpac\w*|überhol\w*|übertrifft|übertreffen|(?<!(?:investigation|probe|case|action|lawsuit|inquiry|sanctions|measures)\s)against|vs\.?|versus|tak(?:e|es|ing) on|tak(?:e|es|ing) aim at|aim(?:s|ed|ing)? at|compet\w* with|alternative to|replac\w*|than|like|written for|ex-|on par with|comparable (?:to|with)|similar to|match(?:es|ing)?|(?<!(?:ermittlungen|verfahren|vorgehen|sanktionen|maßnahmen)\s)gegen|greift|fordert|herausfordern|mithalten mit|vergleichbar mit|alternative zu|(?:un)?abhängigkeit von|independen\w* (?:from|of)|reliance on|relying on|dependen\w* on|away from|turn away from|摆脱|擺脫|依赖|依賴|china['’]?s (?:['‘"“]?little )?|little|chinas|wie|statt|对标|對標|挑战|挑戰|比肩|媲美|超越|超过|超過|替代|取代|追赶|追趕|追上|削弱|剑指|劍指|堪比|中国版|中國版|中国的|中國的|小|继|繼)[\s„“"'‘’「」]*$/iu;
/**
 * "like"/"wie" after a group of companies lists examples, it does not compare: "Firmen wie Alibaba und
 * Bytedance", "tech giants like Alibaba". Such a mention stays a mention.
 */
export const EXAMPLES_BEFORE =
  /(?:companies|firms|giants|groups|customers|clients|buyers|players|operators|firmen|unternehmen|konzerne|kunden|abnehmer|käufer|riesen|größen)\s+(?:like|such as|wie|etwa)[\s„“"']*$/iu;
export const COMPARISON_AFTER =
  /^(?:-?(?:konkurrent|konkurrenz|rivale|herausforderer|jäger|killer)|['’]s (?:rival|challenger|competitor|absence|exit|forced exit|retreat|withdrawal|dominance|void)|\s?(?:rival|challenger|competitor|wannabe|void)s?\b|\s?(?:hardware|software)\b|\s?(?:heraus|an|ersetzen|ablösen|überholen|schlagen|angreifen)\b|的?(?:竞争对手|競爭對手|对手|對手)|[\s」”"]?(?:相当|相當|基本持平|持平|同级|同級))/iu;

/**
 * NVIDIA is followed here for its China business: its China parts, US licences and bans on them, China's
 * purchase bans, probes and customs checks, China sales and the charges tied to them. A story naming
 * NVIDIA (not only as a yardstick) counts as NVIDIA's only with one of these words in its title or lead,
 * or with one of its China parts (CHINA_PARTS) named as the subject.
 */
export const NVIDIA_CHINA_BUSINESS =
  /export|licen[cs]|\bban|banned|\bbans\b|curb|restrict|sanction|embargo|backdoor|hintertür|beschränk|entity list|customs|antitrust|anti-monopoly|probe|regulator|cyberspace|\bsamr\b|\bcac\b|to china|china['’]?s? (?:sales|revenue|market|business)|chinese (?:customers|buyers|market)|ausfuhr|lizenz|verbot|verbiet|sanktion|china-geschäft|chinageschäft|nach china|für china|for china|china-(?:specific|tailored|only)|出口|管制|许可|許可|禁|约谈|約談|后门|後門|劝退|勸退|暂停订购|暫停訂購|反垄断|反壟斷|海关|海關|对华|對華|销往|銷往|售华|售華|在华|在華|中国市场|中國市場|特供/iu;

/** NVIDIA's parts made for, or sold into, China: naming one as the subject makes a story NVIDIA's China business. */
export const CHINA_PARTS = new Set(['h20', 'h200', 'h800', 'a800', 'b30a', 'b20', 'rtx-pro-6000d']);

/**
 * A phone, PC or consumer-device story: Huawei's name there is not its chip business, unless the story
 * also names AI accelerators (AI_COMPUTE).
 */
export const CONSUMER_DEVICE = /smartphone|\bphones?\b|handy|harmonyos|鸿蒙|鴻蒙|手机|手機|\bmate ?\d{2}|matepad|pura ?\d|nova ?\d|麒麟|kirin|wearable|laptop|平板/iu;
export const AI_COMPUTE = /\bai[- ]?(?:chips?|accelerators?|processors?)|ki-(?:chip|beschleuniger|prozessor)|accelerator|beschleuniger|ascend|昇腾|昇騰|算力|gpu|npu|supernode|superpod|超节点|超節點|data cent|rechenzentr|数据中心|數據中心|智算/iu;
/** What may follow a bare model number that is really an amount ("970 million", "310亿"). */
export const AMOUNT_AFTER = /^\s?(?:million|billion|bn|thousand|trillion|mio|mrd|milliard|yuan|dollar|euro|units|percent|prozent|%|亿|億|万|萬|元|美元|台|片|个|個)/iu;

/**
 * A foundry named as the maker of a chip (issue 11: "Alibaba's chip is probably made by SMIC on 7 nm; a
 * SMIC follower expects it"): the story is about the foundry too, besides its other subjects. Text right
 * before the foundry's name: "made by (China's top foundry) SMIC", "gefertigt im 7-nm-Prozess von SMIC".
 * Text right after: "SMIC's N+2 process", "SMIC-made", "SMIC is on track to mass produce", "中芯国际最新的
 * 5奈米級工藝", "中芯国际代工". Named as a stock, a peer or a buyer ("surpassing SMIC", 中芯國際升逾6%) it stays a mention.
 */
export const FOUNDRY_MAKER_BEFORE =
  /(?:(?:made|manufactured|produced|fabricated|fabbed|built)\s+(?:[\w+.-]+\s+){0,3}?by|(?:gefertigt|hergestellt|produziert|gebaut)\s+(?:[\p{L}\d+.-]+\s+){0,3}?(?:von|bei|durch)|(?:prozess|verfahren|fertigungsprozess|fertigungstechnik|knoten)\s+(?:von|bei))\s+(?:[\p{L}'’-]+[\s,]+){0,4}$/iu;
export const FOUNDRY_MAKER_AFTER =
  /^(?:(?:['’]s?)?\s+(?:(?:new|latest|newest|advanced|enhanced|improved|own|second-generation|third-generation)\s+)?(?:n\+\d|\d+\s?-?nm\b|\d+-nanomet\w+)?(?:[\s-]*(?:class|grade)\b)?[\s-]*(?:(?:manufacturing |production )?process(?:es)?|nodes?|n\+\d|\d+\s?-?nm)\b|-(?:made|built|produced|fabricated|manufactured|gefertigt\p{L}*|hergestellt\p{L}*|produziert\p{L}*)|\s+(?:(?!shares|stock|aktie)[\w,]+\s+){0,3}?(?:makes|made|produces|produced|producing|manufactures|manufactured|fabricates|fabricated|mass[- ]produc\w*|(?:to|will|would|could|can) (?:make|produce|manufacture|fabricate|mass[- ]produce)|fertigt|gefertigt|hergestellt|produziert)\b(?!\s+(?:a |an |the |its )?(?:record |big |strong )?(?:profit|loss|gain|progress|headline|history|debut|move|money|bet|stride|revenue|umsatz|gewinn|verlust|fortschritt))|(?:国际|國際)?(?:的|最新的|最新|先进的|先進的)?(?:\d+\s?(?:纳米|奈米|nm)(?:级|級)?|N\+\d)?(?:工艺|工藝|制程|製程|代工|制造的|製造的|生产的|生產的))/iu;

/**
 * A title whose subject is a company it does not name ("This Chinese chip giant is boosting production …
 * but how will Huawei feel?", "…第二只国产GPU新股已紧随其后", "Diese Firma …"): the lead names it. A vendor the
 * title does name is then background, unless the lead makes it a subject too (tag.ts).
 */
export const UNNAMED_SUBJECT_TITLE =
  /^(?:this|these|meet (?:the|this)|another|a second|the next|diese[rs]?|noch eine?r?|ein weiterer|eine weitere)\s+(?:[\p{L}\d'’-]+\s+){0,4}?(?:company|companies|firm|firms|start-?ups?|giants?|makers?|chipmakers?|unicorns?|designers?|upstarts?|players?|firma|konzern|hersteller|chiphersteller|unternehmen|riese|newcomer)\b|(?:这家|這家|第二只|第二隻|第二家|第二个|第二個|又一家|又一只|又一隻|下一个|下一個).{0,8}?(?:企业|企業|公司|厂商|廠商|新股|独角兽|獨角獸|芯片股|晶片股|芯片商|晶片商)/iu;

/**
 * Right before a vendor named as the one leading a wave or group (an IPO wave "led by the recent listing
 * of Biren"): one example of a sector story, not its subject. Tested only when WAVE_OF precedes it.
 */
export const LED_BY_BEFORE = /(?:led by|headed by|spearheaded by|angeführt von|allen voran)\s+(?:[\p{L}'’-]+\s+){0,6}$/iu;
export const WAVE_OF = /\b(?:wave|flurry|spate|string|rush|slew|boom|raft|crop)\s+of\b|\b(?:welle|reihe)\s+von\b|潮/iu;
