// Unit arithmetic for item facts and threshold values. The table is data
// (seed/encodings/units.json) so a unit can be added without code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const unitsFileSchema = z.object({
  dimensions: z.record(
    z.string(),
    z.object({
      canonical: z.string(),
      units: z.record(z.string(), z.number().positive()),
      aliases: z.record(z.string(), z.string()),
    }),
  ),
});

export interface Dimension {
  name: string;
  canonical: string;
  /** Factor to the canonical unit, by unit name (aliases resolved). */
  factors: ReadonlyMap<string, number>;
  /** Accepted spellings, canonical names first. */
  spellings: readonly string[];
}

export class UnitTable {
  private constructor(private readonly dimensions: ReadonlyMap<string, Dimension>) {}

  static fromJson(json: unknown): UnitTable {
    const parsed = unitsFileSchema.parse(json);
    const dimensions = new Map<string, Dimension>();
    for (const [name, spec] of Object.entries(parsed.dimensions)) {
      if (spec.units[spec.canonical] !== 1)
        throw new Error(`units.json: dimension ${name}: canonical unit "${spec.canonical}" must have factor 1`);
      const factors = new Map<string, number>(Object.entries(spec.units));
      for (const [alias, target] of Object.entries(spec.aliases)) {
        const factor = spec.units[target];
        if (factor === undefined)
          throw new Error(`units.json: dimension ${name}: alias "${alias}" points to unknown unit "${target}"`);
        factors.set(alias, factor);
      }
      dimensions.set(name, {
        name,
        canonical: spec.canonical,
        factors,
        spellings: [...Object.keys(spec.units), ...Object.keys(spec.aliases)],
      });
    }
    return new UnitTable(dimensions);
  }

  static load(path = fileURLToPath(new URL('../../seed/encodings/units.json', import.meta.url))): UnitTable {
    return UnitTable.fromJson(JSON.parse(readFileSync(path, 'utf8')));
  }

  dimension(name: string): Dimension | undefined {
    return this.dimensions.get(name);
  }

  dimensionNames(): string[] {
    return [...this.dimensions.keys()];
  }

  /** Value in the dimension's canonical unit, or undefined when `unit` is not of that dimension. */
  toCanonical(value: number, unit: string | undefined | null, dimensionName: string): number | undefined {
    const dimension = this.dimensions.get(dimensionName);
    if (!dimension) return undefined;
    const factor = dimension.factors.get((unit ?? '').trim());
    return factor === undefined ? undefined : value * factor;
  }

  /** The dimension a unit spelling belongs to (first match), for error messages. */
  dimensionOfUnit(unit: string): string | undefined {
    for (const dimension of this.dimensions.values()) if (dimension.factors.has(unit.trim())) return dimension.name;
    return undefined;
  }
}
