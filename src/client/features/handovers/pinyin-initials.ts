// Pinyin initials for the roll call's and the pupil search's filter ("wxm" finds 王小明),
// without a dictionary: the browser's own ICU collator sorts Chinese characters by pinyin
// (zh-CN, co-pinyin), so a character's initial is the letter of the last boundary character
// that sorts at or before it. A pinyin dictionary library was 140 KB gzip on every phone's
// first install; this is a few hundred bytes. Polyphonic surnames read as surnames.

const LETTERS = "abcdefghjklmnopqrstwxyz";
/** The first character of each initial in pinyin order (i, u and v start no syllable). */
const BOUNDARIES = "吖八擦咑妸发旮哈丌咔垃妈拏噢妑七呥仨他屲夕丫帀";

/** Surnames whose usual reading differs from the character's first reading. */
const SURNAMES: Record<string, string> = {
  曾: "z",
  单: "s",
  覃: "q",
  区: "o",
  仇: "q",
  朴: "p",
  查: "z",
  解: "x",
  缪: "m",
  尉: "y",
  翟: "z",
  乐: "y",
  盖: "g",
  长: "c",
  种: "c",
  员: "y",
};

let collator: Intl.Collator | undefined;

function initialOf(char: string): string {
  if (/[a-z0-9]/i.test(char)) return char.toLowerCase();
  if (!/[\u3400-\u9fff]/.test(char)) return "";
  collator ??= new Intl.Collator("zh-CN-u-co-pinyin");
  let letter = "";
  for (let i = 0; i < BOUNDARIES.length; i++) {
    if (collator.compare(char, BOUNDARIES[i] as string) < 0) break;
    letter = LETTERS[i] as string;
  }
  return letter;
}

/** "王小明" → "wxm"; 曾 as a surname → z; letters and digits kept, other characters dropped. */
export function initialsOf(name: string): string {
  const chars = [...name.trim()];
  return chars.map((c, i) => (i === 0 && SURNAMES[c]) || initialOf(c)).join("");
}
