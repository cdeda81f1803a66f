// Makes the fonts charts are drawn with, so rendering needs no system fonts (all SIL OFL 1.1, see OFL.txt):
//  - NotoSans-chart.ttf and NotoSans-chart-bold.ttf: Noto Sans cut to Latin (about 50 KB each). Charts
//    name fonts "Noto Sans, Noto Sans SC": Latin text is shaped with this small font, which keeps a new
//    chart's render in the tens of milliseconds;
//  - NotoSansSC-chart.ttf: Noto Sans SC cut to the characters a chart can show in Chinese (3 MB instead of
//    10.5 MB), the fallback for hanzi. Shaping with it costs several ms per label, so labels stay Latin
//    where the reader reads Latin.
// Not run at install; re-run by hand when the character set must grow:
//   (cd /tmp && npm i @expo-google-fonts/noto-sans-sc@0.4.3 @expo-google-fonts/noto-sans@0.4.2 subset-font@2) && \
//   FONT_SRC=/tmp/node_modules node src/charts/font/make-subset.mjs
// Chinese characters: every hanzi of GB2312 (6,763, the simplified set) and of Big5's frequent set
// (5,401, traditional), and every other character in data/*.json (vendor and chip names).
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const require = createRequire(path.join(process.env.FONT_SRC ?? '/tmp/node_modules', 'x.js'));
const subsetFont = require('subset-font');
const source = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

const chars = new Set();
const addRange = (a, b) => { for (let c = a; c <= b; c++) chars.add(String.fromCodePoint(c)); };
addRange(0x20, 0x7e);
addRange(0xa0, 0x17f);
addRange(0x2010, 0x2027); // dashes, quotes, bullets, ellipsis
addRange(0x2030, 0x203a);
addRange(0x2190, 0x2193); // arrows
for (const c of '×÷−≈≤≥€₩¥°·、。，：；（）《》「」『』【】！？％＋－／～　') chars.add(c);
// Two-byte tables decoded with the WHATWG decoders: GB2312 rows 16-87 (hanzi) and Big5 0xA440-0xC67E.
const decode = (enc, hi, lo) => new TextDecoder(enc).decode(Uint8Array.of(hi, lo));
for (let hi = 0xb0; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) chars.add(decode('gb18030', hi, lo));
for (let hi = 0xa4; hi <= 0xc6; hi++) for (const lo of [...Array(0x3f).keys()].map((i) => 0x40 + i).concat([...Array(0x5e).keys()].map((i) => 0xa1 + i))) {
  const ch = decode('big5', hi, lo);
  if (ch !== '\ufffd') chars.add(ch);
}
const dataDir = path.join(root, 'data');
for (const f of readdirSync(dataDir).filter((f) => f.endsWith('.json'))) for (const ch of readFileSync(path.join(dataDir, f), 'utf8')) if (ch.codePointAt(0) >= 0x2e80) chars.add(ch);
chars.delete('\ufffd');

const latin = [...chars].filter((c) => c.codePointAt(0) < 0x2e80 && c !== '\u3000').join('');
const fonts = [
  ['NotoSansSC-chart.ttf', source, [...chars].join('')],
  ['NotoSans-chart.ttf', require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'), latin],
  ['NotoSans-chart-bold.ttf', require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'), latin],
];
for (const [name, from, text] of fonts) {
  const out = await subsetFont(readFileSync(from), text, { targetFormat: 'truetype' });
  writeFileSync(path.join(here, name), out);
  console.log(`${name}: ${[...text].length} characters, ${out.length} bytes`);
}
