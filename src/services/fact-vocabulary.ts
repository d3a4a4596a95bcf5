// The facts classifyItem and checkExemptions accept, as the encodings declare them: type, unit
// dimension and accepted units, choices, description, and the encoded paragraphs that use each.
import { apiRegimeOf } from '../classification/regime-mapping.js';
import type { FactInfo, Rulebook } from '../classification/rulebook.js';
import type { Regime } from '../generated/prisma/client.js';

/** An encoded paragraph that uses a fact. */
export interface FactUse {
  regime: Regime;
  paragraph: string;
}

/** A fact as the API describes it. */
export interface FactDescription {
  info: FactInfo;
  canonicalUnit: string | null;
  acceptedUnits: string[];
  usedBy: FactUse[];
}

export interface FactFilter {
  regime?: Regime | null;
  /** This paragraph or any under it ("6A003.b.4" matches 6A003.b.4.b). */
  paragraph?: string | null;
  type?: 'number' | 'boolean' | 'enum' | null;
  /** Case-insensitive substring of the name. */
  name?: string | null;
}

function usesOf(info: FactInfo): FactUse[] {
  const uses: FactUse[] = [];
  for (const key of info.usedBy) {
    const [encoded, ...rest] = key.split(' ');
    const regime = encoded ? apiRegimeOf(encoded as Parameters<typeof apiRegimeOf>[0]) : undefined;
    if (regime) uses.push({ regime, paragraph: rest.join(' ') });
  }
  return uses.sort((a, b) => a.regime.localeCompare(b.regime) || a.paragraph.localeCompare(b.paragraph));
}

const underCode = (paragraph: string, code: string) => paragraph === code || paragraph.startsWith(`${code}.`);

/** How the API describes one fact of the rulebook. */
export function describeFact(rulebook: Rulebook, info: FactInfo, usedBy: FactUse[] = usesOf(info)): FactDescription {
  const declaration = info.declaration;
  const dimension = declaration.type === 'number' ? rulebook.units.dimension(declaration.dimension) : undefined;
  return {
    info,
    canonicalUnit: dimension?.canonical ?? null,
    acceptedUnits: dimension ? [...dimension.spellings] : [],
    usedBy,
  };
}

/** Every fact meeting the filter, by name. */
export function listFacts(rulebook: Rulebook, filter: FactFilter | null | undefined): FactDescription[] {
  const facts: FactDescription[] = [];
  for (const info of rulebook.facts.values()) {
    const declaration = info.declaration;
    const usedBy = usesOf(info);
    if (filter?.type && declaration.type !== filter.type) continue;
    if (filter?.name && !declaration.name.toLowerCase().includes(filter.name.toLowerCase())) continue;
    if (filter?.regime && !usedBy.some((use) => use.regime === filter.regime)) continue;
    const prefix = filter?.paragraph;
    if (
      prefix &&
      !usedBy.some((use) => (!filter.regime || use.regime === filter.regime) && underCode(use.paragraph, prefix))
    ) {
      continue;
    }
    facts.push(describeFact(rulebook, info, usedBy));
  }
  return facts.sort((a, b) => a.info.declaration.name.localeCompare(b.info.declaration.name));
}
