// Whether two regimes' texts of one paragraph say the same thing. The lists print the same
// words differently: Wassenaar writes codes dotted ("6.A.4.a." for 6A004.a.), the sources lost
// thousands separators differently ("1 000 000", "1000000"), superscripts are flattened with or
// without spaces ("4 × 106", "4 x 10 6"), and quote marks, dashes and spacing vary. Texts are
// compared after removing exactly those differences, so SAME means the same words and figures,
// and anything else is reported as a difference with the words that differ.

/** Dotted Wassenaar codes in running text ("6.A.4.a.", "3.B.1") as the EU-style codes the other lists print. */
export function euStyleCodesInText(text: string): string {
  return text.replace(
    /\b(\d)\.([A-E])\.(\d{1,3})(?=\b|\.)/g,
    (_all, category: string, group: string, number: string) => {
      return `${category}${group}${number.padStart(3, '0')}`;
    },
  );
}

/**
 * The text without the paragraph label some sources print before it ("b.4.a. Incorporating ..."
 * in the US list; the others print the label apart from the text).
 */
function withoutLeadingLabel(text: string): string {
  return text.replace(/^\s*\(?[a-z0-9]{1,4}\)?(\.[a-z0-9]{1,4})*\.\s+(?=\S)/, '');
}

/**
 * The form two texts are compared in: no leading paragraph label, no markdown emphasis, Unicode
 * compatibility forms, one kind of quote mark and of dash, "×" as "x", Wassenaar codes EU-style,
 * case folded, and no whitespace at all (which also joins digit groups and spaced exponents).
 * The history's rule for calling a change "formatting only" is the same, less the codes.
 */
export function comparableText(text: string): string {
  return euStyleCodesInText(withoutLeadingLabel(text.normalize('NFKC')))
    .replace(/\*/g, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[×\u2715]/g, 'x')
    .toLowerCase()
    .replace(/\s+/g, '');
}

export function sameListText(a: string, b: string): boolean {
  return comparableText(a) === comparableText(b);
}

/**
 * How much of two texts is shared, from 0 (nothing) to 1 (the same comparable text): twice the
 * length of the common subsequence of their comparable forms over the sum of their lengths.
 * Quadratic in the shorter text, so long texts are compared on word tokens instead of characters.
 */
export function textSimilarity(a: string, b: string): number {
  const left = comparableText(a);
  const right = comparableText(b);
  if (left === right) return 1;
  if (left.length === 0 || right.length === 0) return 0;
  const wordsOf = (source: string) =>
    source
      .split(/\s+/)
      .map(comparableText)
      .filter((word) => word.length > 0);
  const byWords = left.length * right.length > 4_000_000;
  const x = byWords ? wordsOf(a) : [...left];
  const y = byWords ? wordsOf(b) : [...right];
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i += 1) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j += 1) {
      row[j] = x[i - 1] === y[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, row[j - 1] ?? 0);
    }
    previous = row;
  }
  const common = previous[y.length] ?? 0;
  return Number(((2 * common) / (x.length + y.length)).toFixed(4));
}
