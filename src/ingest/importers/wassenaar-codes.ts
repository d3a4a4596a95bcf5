// Wassenaar codes as the list prints them ("6.A.3.b.4") and in the EU/UK style the other lists
// use ("6A003.b.4": category digit, subcategory letter, three-digit entry number, then the
// dotted paragraph path), so the four regimes can be compared code by code.

const PRINTED_CODE = /^(\d)\.([A-E])\.(\d{1,3})((?:\.[a-z0-9]+)*)$/;
const PRINTED_SUBCATEGORY = /^(\d)\.([A-E])$/;

/** "6.A.3.b.4" -> "6A003.b.4", "3.A" -> "3A"; null for anything that is not a Wassenaar code. */
export function euStyleCode(printed: string): string | null {
  const subcategory = PRINTED_SUBCATEGORY.exec(printed);
  if (subcategory) return `${subcategory[1]}${subcategory[2]}`;
  const match = PRINTED_CODE.exec(printed);
  if (!match) return null;
  const [, category, group, entry, path] = match;
  return `${category}${group}${(entry ?? '').padStart(3, '0')}${path ?? ''}`;
}

/** The EU-style forms of printed codes, each kept as printed where it is not a Wassenaar code. */
export function euStyleCodes(printed: readonly string[]): string[] {
  return printed.map((code) => euStyleCode(code) ?? code);
}

/**
 * Codes the text prints with a lower-case subcategory letter ("3.a.1.d."): not Wassenaar
 * codes as the list otherwise writes them, and left out of the source's `codes_mentioned`.
 */
export function lowerCaseSubcategoryCodes(text: string): string[] {
  return [...text.matchAll(/(?<![\w.])\d\.[a-e]\.\d+(?:\.[a-z0-9]+)*\.?/g)].map((match) => match[0]);
}
