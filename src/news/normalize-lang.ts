// A small language guess for items whose source does not fix one (`chipwatch ingest --file` without
// --lang): Chinese by script, German by its function words and letters, else English. Polled sources
// keep the language declared in data/sources.json.
import type { Lang } from './schema.ts';

const HAN = /\p{Script=Han}/gu;
// Letter-aware boundaries: \b is ASCII-only and would never match before "ü" in "über".
const GERMAN_WORDS = /(?<!\p{L})(der|die|das|und|nicht|mit|für|auf|ist|eine?n?|sich|zeigt|soll|über|wird|werden|bei|auch|vom|zum|neue[nrs]?)(?!\p{L})/giu;

export function guessLang(text: string): Lang {
  const sample = text.slice(0, 2000);
  const han = sample.match(HAN)?.length ?? 0;
  // Han characters in a fifth of the letters: Chinese (a Latin product name inside does not change it).
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (han > 0 && han >= letters * 0.2) return 'zh';
  const words = sample.split(/\s+/).length;
  const german = sample.match(GERMAN_WORDS)?.length ?? 0;
  const umlauts = sample.match(/[äöüÄÖÜß]/g)?.length ?? 0;
  if (german >= 2 && german >= words * 0.08) return 'de';
  if (umlauts >= 2 && german >= 1) return 'de';
  return 'en';
}
