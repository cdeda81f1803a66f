// Invisible format characters that can make outside text lie about itself: bidi overrides, embeddings
// and isolates reorder what is shown (U+202E turns "exe.txt" into "txt.exe"), and zero-width marks
// hide inside words ("@every\u200bone", look-alike names). Every renderer (Discord, Slack, console)
// removes them from ALL text it shows through this one function, so feed titles, summaries and the
// queries people type reach public replies without them.
//
// Removed: U+061C ARABIC LETTER MARK; U+180E MONGOLIAN VOWEL SEPARATOR; U+200B–U+200F (zero-width
// space, non-joiner, joiner, LRM, RLM); U+202A–U+202E (embeddings and overrides); U+2060–U+206F (word
// joiner, invisible operators, isolates U+2066–U+2069, deprecated format controls); U+FEFF (BOM/ZWNBSP).
// The cost, accepted: U+200D ZERO WIDTH JOINER also glues emoji sequences (👨‍👩‍👧 shows as three
// emoji), and U+200C matters in some Persian and Indic spellings — a feed title reads slightly
// differently, but stays readable and cannot be reordered. Renderers add their own invisible marks
// (a zero-width space or word joiner that breaks "@everyone" or "https://") AFTER this step.
const INVISIBLE = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}
