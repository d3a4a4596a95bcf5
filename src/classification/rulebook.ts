// Loads seed/encodings/*.json into one validated rulebook: facts merged across files, paragraph
// codes indexed per regime, and every reference, unit and enum value checked, so an encoding
// mistake fails at load (and in tests) rather than as a wrong answer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  encodingFileSchema,
  factDeclarationSchema,
  type Criterion,
  type EncodingFile,
  type Expression,
  type FactDeclaration,
  type ParagraphNode,
} from './encoding-schema.js';
import { isCriterion } from './evaluate-expression.js';
import type { ImplicationRule } from './implication-schema.js';
import { loadImplicationRules } from './implication-rules.js';
import { UnitTable } from './units.js';

export type EncodedRegime = EncodingFile['regime'];

export interface IndexedParagraph {
  node: ParagraphNode;
  regime: EncodedRegime;
  entry: string;
  file: string;
  parent: IndexedParagraph | undefined;
  role: 'item' | 'criterion';
  depth: number;
}

export interface EncodedEntry {
  file: string;
  encoding: EncodingFile;
  root: IndexedParagraph;
}

export interface FactInfo {
  declaration: FactDeclaration;
  /** "<regime> <paragraph>" of every paragraph whose conditions, children or exclusions use it. */
  usedBy: Set<string>;
}

export class EncodingError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid threshold encodings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EncodingError';
  }
}

export class Rulebook {
  constructor(
    readonly entries: readonly EncodedEntry[],
    readonly facts: ReadonlyMap<string, FactInfo>,
    readonly units: UnitTable,
    private readonly paragraphs: ReadonlyMap<string, IndexedParagraph>,
    /** Facts that follow from facts and declarations (seed/encodings/implications/). */
    readonly implications: readonly ImplicationRule[] = [],
  ) {}

  /** The same rulebook with these implication rules (checked by the caller). */
  withImplications(rules: readonly ImplicationRule[]): Rulebook {
    return new Rulebook(this.entries, this.facts, this.units, this.paragraphs, rules);
  }

  paragraph(regime: string, code: string): IndexedParagraph | undefined {
    return this.paragraphs.get(paragraphKey(regime, code));
  }

  allParagraphs(): IndexedParagraph[] {
    return [...this.paragraphs.values()];
  }

  declarations(): Map<string, FactDeclaration> {
    return new Map([...this.facts].map(([name, info]) => [name, info.declaration]));
  }
}

const paragraphKey = (regime: string, code: string) => `${regime} ${code}`;

export const DEFAULT_ENCODINGS_DIR = fileURLToPath(new URL('../../seed/encodings/', import.meta.url));
/** Sub-directory of the encodings holding the implication rules. */
export const IMPLICATIONS_DIR = 'implications';
const commonFactsSchema = z.object({ facts: z.array(factDeclarationSchema) });

export function loadRulebook(dir = DEFAULT_ENCODINGS_DIR): Rulebook {
  const units = UnitTable.load(join(dir, 'units.json'));
  const common = commonFactsSchema.parse(JSON.parse(readFileSync(join(dir, 'facts-common.json'), 'utf8')));
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== 'units.json' && name !== 'facts-common.json')
    .sort();
  const problems: string[] = [];
  const encodings: { file: string; encoding: EncodingFile }[] = [];
  for (const file of files) {
    const parsed = encodingFileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues.slice(0, 10).map((issue) => `${file}: ${issue.path.join('.')}: ${issue.message}`),
      );
      continue;
    }
    encodings.push({ file, encoding: parsed.data });
  }
  const built = buildRulebook(common.facts, encodings, units, problems);
  // Implication rules live in a sub-directory so they are neither encodings nor part of the
  // encodings dataset's checksum.
  const vocabulary = {
    facts: built.facts,
    codes: new Set(built.allParagraphs().map((paragraph) => paragraph.node.paragraph)),
  };
  const rulebook = built.withImplications(loadImplicationRules(join(dir, IMPLICATIONS_DIR), vocabulary, problems));
  if (problems.length > 0) throw new EncodingError(problems);
  return rulebook;
}

export function buildRulebook(
  commonFacts: readonly FactDeclaration[],
  encodings: readonly { file: string; encoding: EncodingFile }[],
  units: UnitTable,
  problems: string[] = [],
): Rulebook {
  const facts = new Map<string, FactInfo>();
  const declare = (declaration: FactDeclaration, where: string) => {
    const existing = facts.get(declaration.name);
    if (!existing) {
      facts.set(declaration.name, { declaration: { ...declaration }, usedBy: new Set() });
      if (declaration.type === 'number' && !units.dimension(declaration.dimension)) {
        problems.push(
          `${where}: fact ${declaration.name}: unknown dimension "${declaration.dimension}" (valid: ${units.dimensionNames().join(', ')})`,
        );
      }
      return;
    }
    const before = existing.declaration;
    if (before.type !== declaration.type) {
      problems.push(
        `${where}: fact ${declaration.name} is declared as ${declaration.type} here and ${before.type} elsewhere`,
      );
    } else if (
      before.type === 'number' &&
      declaration.type === 'number' &&
      before.dimension !== declaration.dimension
    ) {
      problems.push(
        `${where}: fact ${declaration.name} has dimension ${declaration.dimension} here and ${before.dimension} elsewhere`,
      );
    } else if (before.type === 'enum' && declaration.type === 'enum') {
      existing.declaration = { ...before, values: [...new Set([...before.values, ...declaration.values])] };
    }
  };
  for (const declaration of commonFacts) declare(declaration, 'facts-common.json');
  for (const { file, encoding } of encodings) for (const declaration of encoding.facts) declare(declaration, file);

  const paragraphs = new Map<string, IndexedParagraph>();
  const entries: EncodedEntry[] = [];
  for (const { file, encoding } of encodings) {
    const criterionIds = new Set<string>();
    const visit = (node: ParagraphNode, parent: IndexedParagraph | undefined, depth: number): IndexedParagraph => {
      const derivedRole =
        parent === undefined || (parent.role === 'item' && parent.node.combine === 'any') ? 'item' : 'criterion';
      const indexed: IndexedParagraph = {
        node,
        regime: encoding.regime,
        entry: encoding.entry,
        file,
        parent,
        role: node.role ?? derivedRole,
        depth,
      };
      const key = paragraphKey(encoding.regime, node.paragraph);
      if (paragraphs.has(key))
        problems.push(`${file}: paragraph ${node.paragraph} is encoded twice for ${encoding.regime}`);
      paragraphs.set(key, indexed);
      const where = `${file} ${node.paragraph}`;
      const checkExpression = (expression: Expression) =>
        forEachCriterion(expression, (criterion) => {
          if (criterionIds.has(criterion.id))
            problems.push(`${where}: criterion id ${criterion.id} is used twice in the file`);
          criterionIds.add(criterion.id);
          checkCriterion(criterion, where, facts, units, problems);
          if (criterion.comparator !== 'REF')
            facts.get(criterion.fact)?.usedBy.add(paragraphKey(encoding.regime, node.paragraph));
        });
      if (node.conditions) checkExpression(node.conditions);
      for (const exclusion of node.exclusions ?? []) {
        if (criterionIds.has(exclusion.id))
          problems.push(`${where}: exclusion id ${exclusion.id} is used twice in the file`);
        criterionIds.add(exclusion.id);
        checkExpression(exclusion.when);
      }
      for (const child of node.children ?? []) visit(child, indexed, depth + 1);
      return indexed;
    };
    entries.push({ file, encoding, root: visit(encoding.root, undefined, 0) });
    for (const reason of encoding.controlReasons ?? []) {
      if (reason.when)
        forEachCriterion(reason.when, (criterion) =>
          checkCriterion(criterion, `${file} control reason ${reason.reason} ${reason.column}`, facts, units, problems),
        );
    }
  }
  // References are checked once every file is indexed, since they cross files.
  for (const { file, encoding } of encodings) {
    const visit = (node: ParagraphNode) => {
      const expressions = [node.conditions, ...(node.exclusions ?? []).map((exclusion) => exclusion.when)];
      for (const expression of expressions) {
        if (!expression) continue;
        forEachCriterion(expression, (criterion) => {
          if (
            criterion.comparator === 'REF' &&
            !paragraphs.has(paragraphKey(criterion.regime ?? encoding.regime, criterion.ref))
          ) {
            problems.push(
              `${file} ${node.paragraph}: criterion ${criterion.id} refers to ${criterion.ref} (${criterion.regime ?? encoding.regime}), which no encoding defines`,
            );
          }
        });
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(encoding.root);
    for (const reason of encoding.controlReasons ?? []) {
      if (reason.when) {
        forEachCriterion(reason.when, (criterion) => {
          if (
            criterion.comparator === 'REF' &&
            !paragraphs.has(paragraphKey(criterion.regime ?? encoding.regime, criterion.ref))
          ) {
            problems.push(
              `${file}: control reason ${reason.reason} (${reason.column}): criterion ${criterion.id} refers to ${criterion.ref} (${criterion.regime ?? encoding.regime}), which no encoding defines`,
            );
          }
        });
      }
      for (const code of reason.paragraphs ?? []) {
        if (!paragraphs.has(paragraphKey(encoding.regime, code)))
          problems.push(
            `${file}: control reason ${reason.reason} (${reason.column}) names paragraph ${code}, which the file does not encode`,
          );
      }
    }
  }
  return new Rulebook(entries, facts, units, paragraphs);
}

export function forEachCriterion(expression: Expression, visit: (criterion: Criterion) => void): void {
  if (isCriterion(expression)) visit(expression);
  else if ('all' in expression) expression.all.forEach((child) => forEachCriterion(child, visit));
  else if ('any' in expression) expression.any.forEach((child) => forEachCriterion(child, visit));
  else forEachCriterion(expression.not, visit);
}

function checkCriterion(
  criterion: Criterion,
  where: string,
  facts: ReadonlyMap<string, FactInfo>,
  units: UnitTable,
  problems: string[],
): void {
  if (criterion.comparator === 'REF') return;
  const info = facts.get(criterion.fact);
  if (!info) {
    problems.push(`${where}: criterion ${criterion.id} uses undeclared fact "${criterion.fact}"`);
    return;
  }
  const declaration = info.declaration;
  const expected = criterion.comparator === 'IS' ? 'boolean' : criterion.comparator === 'IN' ? 'enum' : 'number';
  if (declaration.type !== expected) {
    problems.push(
      `${where}: criterion ${criterion.id} compares ${criterion.fact} with ${criterion.comparator}, but the fact is ${declaration.type}`,
    );
    return;
  }
  if (criterion.comparator === 'IN' && declaration.type === 'enum') {
    for (const value of criterion.values)
      if (!declaration.values.includes(value))
        problems.push(`${where}: criterion ${criterion.id}: "${value}" is not a declared value of ${criterion.fact}`);
  }
  if (
    'unit' in criterion &&
    declaration.type === 'number' &&
    units.toCanonical(1, criterion.unit, declaration.dimension) === undefined
  ) {
    problems.push(
      `${where}: criterion ${criterion.id}: unit "${criterion.unit}" is not a ${declaration.dimension} unit`,
    );
  }
}
