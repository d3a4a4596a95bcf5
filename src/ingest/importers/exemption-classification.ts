// Regime, jurisdiction and kind of an exemption record. Regime and jurisdiction follow the
// record's own regime label where it names one regime; a label naming two is resolved by the
// editorial file or left without a regime. The kind is editorial (editorial/exemptions.json).
// Pure, no Prisma.

export type RegimeValue = 'WASSENAAR' | 'EU' | 'US_EAR' | 'UK' | 'HK';

export interface RegimeClassification {
  regime: RegimeValue | null;
  jurisdiction: string | null;
}

const RULES: ReadonlyArray<readonly [RegExp, RegimeValue, string]> = [
  [/^US EAR\b/, 'US_EAR', 'US'],
  [/^Wassenaar Arrangement\b/, 'WASSENAAR', 'WA'],
  [/^EU\b/, 'EU', 'EU'],
  [/^UK\b/, 'UK', 'UK'],
];

/** "US EAR (Wassenaar-derived)" -> US_EAR/US; "EU Regulation (EU) 2021/821 / UK Export Control Order 2008" -> null/null. */
export function regimeFromLabel(label: string): RegimeClassification {
  const parts = label.split(' / ').map((part) => part.trim());
  const found = parts.map((part) => RULES.find(([pattern]) => pattern.test(part)));
  const first = found[0];
  if (!first || found.some((rule) => rule !== first)) return { regime: null, jurisdiction: null };
  return { regime: first[1], jurisdiction: first[2] };
}

export class ExemptionClassificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExemptionClassificationError';
  }
}

export function exemptionKindFor<Kind extends string>(id: string, kinds: Readonly<Record<string, Kind>>): Kind {
  const kind = kinds[id];
  if (!kind) throw new ExemptionClassificationError(`editorial/exemptions.json gives no kind for exemption ${id}`);
  return kind;
}

export function jurisdictionFor(
  id: string,
  label: string,
  overrides: Readonly<Record<string, { jurisdiction: string }>>,
): string {
  const override = overrides[id]?.jurisdiction;
  if (override) return override;
  const { jurisdiction } = regimeFromLabel(label);
  if (!jurisdiction) {
    throw new ExemptionClassificationError(
      `exemption ${id}: regime label "${label}" names no single jurisdiction and editorial/exemptions.json has no override`,
    );
  }
  return jurisdiction;
}
