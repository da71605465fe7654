/**
 * The bundled film dataset's titles were written in Windows-1252 and read as Mac Roman before it was published:
 * "Léon" became "LÈon", "Déjà Vu" "DÈj‡ Vu", "2½" "2Ω". Reading them back is a byte-for-byte inversion, but it would
 * also turn a correctly written "Ángel" into "çngel", so a title is repaired only when the garbled form cannot be
 * Latin text and the repaired one reads as such (see `readsAsLatinText`). The import and migration 015 share it.
 */
export function repairedTitle(title: string): string {
  if (!/[^\u0020-\u007e]/.test(title)) return title;
  const bytes = macRomanBytes(title);
  if (bytes === undefined) return title;
  const repaired = new TextDecoder('windows-1252').decode(bytes);
  return !readsAsLatinText(title) && readsAsLatinText(repaired) ? repaired : title;
}

let macRoman: Map<string, number> | undefined;

/** The title's Mac Roman bytes, or undefined when a character has none (so the title was never read as Mac Roman). */
function macRomanBytes(text: string): Uint8Array | undefined {
  macRoman ??= new Map(
    Array.from({ length: 128 }, (_, index) => [new TextDecoder('macintosh').decode(Uint8Array.of(0x80 + index)), 0x80 + index]),
  );
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.charCodeAt(0) < 0x80 ? character.charCodeAt(0) : macRoman.get(character);
    if (code === undefined) return undefined;
    bytes.push(code);
  }
  return Uint8Array.from(bytes);
}

/** A letter of Latin-1 (À–ÿ but × and ÷): the accented letters of the Western European titles the dataset holds. */
const LATIN_LETTER = /^[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]$/u;

/**
 * Whether every character outside ASCII sits where it would in a title written correctly: an accented Latin-1 letter
 * in a word that is lower case, capitalised or all capitals (a garbled "LÈon" or "CachÈ" has a capital inside a
 * lower-case word; a lone capital such as "Ö" is one too), "½" after a digit, "…" not running into a word. Any other
 * character (a Greek "Ω", "‡", "‰", "˘", a "·" inside a word) is a sign of the garbling.
 */
function readsAsLatinText(text: string): boolean {
  const characters = [...text];
  const marksPlaced = characters.every((character, index) => {
    if (/^[\u0020-\u007e]$/.test(character) || /^\p{L}$/u.test(character)) return true;
    if (character === '½') return /^\d$/.test(characters[index - 1] ?? '');
    if (character === '…') return !/^\p{L}$/u.test(characters[index + 1] ?? '');
    return false;
  });
  return marksPlaced && (text.match(/\p{L}+/gu) ?? []).every(wordReadsAsLatin);
}

const isLower = (letter: string) => letter !== letter.toUpperCase();
const isUpper = (letter: string) => letter !== letter.toLowerCase();

/** A word holding an accented letter reads as Latin when its letters are Latin-1 and it is lower case, capitalised or all capitals. */
function wordReadsAsLatin(word: string): boolean {
  const letters = [...word];
  if (letters.every((letter) => letter <= '\u007e')) return true;
  if (!letters.every((letter) => letter <= '\u007e' || LATIN_LETTER.test(letter))) return false;
  const rest = letters.slice(1);
  if (letters.length === 1) return isLower(word);
  return rest.every(isLower) || letters.every(isUpper);
}

/** What of a dataset film's title its import key holds: "King  Kong " and "king kong" are one film. */
export const importKeyTitle = (title: string): string => title.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * How the import knows a film of the dataset file ("2005:king kong"), so a second run adds nothing and remakes stay
 * apart. Made from the title as the file spells it: films seeded before titles were repaired (and repaired in place
 * by migration 015) are found again by the next import.
 */
export const importKey = (fileTitle: string, year: number | null): string => `${year ?? ''}:${importKeyTitle(fileTitle)}`;
