// Classifications the user already knows: "this item is controlled by 6A003.b.4.b", "it
// incorporates a component controlled by 6A002.a.3.f". A declaration names a paragraph (or an
// entry) and whose classification it is (the item's or a component's); without a regime it
// applies in every regime being classified that encodes the code, since the Wassenaar-derived
// lists number the same text alike. Declared paragraphs are taken as MET, with the paragraphs
// above them (their conditions hold and their notes do not release the item), and references
// to them from other paragraphs ("incorporating focal plane arrays specified in 6A002.a.3.f")
// are MET for a declared component.
import type { EncodedRegime, Rulebook } from './rulebook.js';

export type DeclaredScope = 'ITEM' | 'COMPONENT';

export interface DeclaredInput {
  code: string;
  /** The regime whose list the code is from; every regime classified when null. */
  regime: EncodedRegime | null;
  scope: DeclaredScope;
}

/** A declaration applied in one regime that encodes its code. */
export interface Declared {
  code: string;
  regime: EncodedRegime;
  scope: DeclaredScope;
  /** Position of the declaration in the input (for messages). */
  index: number;
}

export interface DeclaredResolution {
  applied: Declared[];
  /** Declarations whose code no encoding of the regimes asked about defines (cited from the database, or refused). */
  unencoded: { index: number; input: DeclaredInput; code: string }[];
}

/** "6a003.B.4.b." -> "6A003.b.4.b": the entry part upper-case, sub-paragraphs as printed, no trailing dot. */
export function normalizeDeclaredCode(code: string): string {
  const trimmed = code.trim().replace(/\.+$/, '');
  const [entry = '', ...rest] = trimmed.split('.');
  return [entry.toUpperCase(), ...rest.map((part) => part.toLowerCase())].join('.');
}

/** The declarations as applied per regime; codes no requested regime encodes are returned apart. */
export function resolveDeclared(
  rulebook: Rulebook,
  inputs: readonly DeclaredInput[],
  regimes: readonly EncodedRegime[],
): DeclaredResolution {
  const applied: Declared[] = [];
  const unencoded: DeclaredResolution['unencoded'] = [];
  inputs.forEach((input, index) => {
    const code = normalizeDeclaredCode(input.code);
    const candidates = input.regime ? regimes.filter((regime) => regime === input.regime) : regimes;
    const encodedIn = candidates.filter((regime) => rulebook.paragraph(regime, code));
    if (encodedIn.length === 0) {
      unencoded.push({ index, input, code });
      return;
    }
    for (const regime of encodedIn) applied.push({ code, regime, scope: input.scope, index });
  });
  return { applied, unencoded };
}

/** Whether `code` is `ancestor` or sits under it ("6A002.a.3.f" is under "6A002.a.3" and "6A002"). */
export function isAtOrUnder(code: string, ancestor: string): boolean {
  return code === ancestor || code.startsWith(`${ancestor}.`);
}

/** Up to five encoded codes closest to an unknown one (longest shared prefix first). */
export function closestCodes(rulebook: Rulebook, code: string): string[] {
  const shared = (candidate: string) => {
    let length = 0;
    while (length < code.length && length < candidate.length && code[length] === candidate[length]) length++;
    return length;
  };
  const codes = [...new Set(rulebook.allParagraphs().map((paragraph) => paragraph.node.paragraph))];
  return codes
    .map((candidate) => ({ candidate, score: shared(candidate) }))
    .filter(({ score }) => score >= 3)
    .sort(
      (a, b) => b.score - a.score || a.candidate.length - b.candidate.length || a.candidate.localeCompare(b.candidate),
    )
    .slice(0, 5)
    .map(({ candidate }) => candidate);
}

/** Lookup of the declarations that cover a paragraph: the paragraph itself or one below it was declared. */
export class DeclaredSet {
  static readonly EMPTY = new DeclaredSet([]);

  constructor(readonly declarations: readonly Declared[]) {}

  covering(regime: string, code: string, scope: DeclaredScope): Declared | undefined {
    return this.declarations.find(
      (declared) => declared.regime === regime && declared.scope === scope && isAtOrUnder(declared.code, code),
    );
  }
}
