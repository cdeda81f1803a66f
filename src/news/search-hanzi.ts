// Traditional → simplified Chinese for the characters common in chip news, so "华为" finds "華為" (Taiwan
// and Hong Kong outlets) in search, and the same event reported in both scripts clusters. A deliberately
// small table (one-to-one mappings only); catalog names carry their own traditional aliases for tagging.
const PAIRS =
  '華华為为騰腾軍军體体導导達达偉伟輝辉國国際际線线紀纪計计營营業业發发佈布與与對对應应製制產产億亿萬万們们這这個个進进術术開开關关機机電电腦脑種种長长裝装價价場场會会來来東东車车門门問问時时後后說说將将經经從从戰战點点廠厂頭头規规劃划圖图範范級级據据報报訊讯資资銷销購购買买賣卖雲云處处測测試试權权證证監监參参競竞爭争題题層层擴扩貨货數数據据區区鏈链連连動动態态網网絡络實实現现視视頻频優优勢势蘋苹歐欧議议員员義义團团隊队總总預预計计額额漲涨創创屆届啟启術术積积組组織织務务價价標标準准聯联專专稱称顯显記记錄录習习學学環环節节';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i]!, PAIRS[i + 1]!);
const TRADITIONAL = new RegExp(`[${[...MAP.keys()].join('')}]`, 'gu');

/** `text` with the traditional characters of the table replaced by their simplified forms. */
export function toSimplified(text: string): string {
  return text.replace(TRADITIONAL, (c) => MAP.get(c) ?? c);
}
