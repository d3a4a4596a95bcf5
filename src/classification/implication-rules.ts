// Reads seed/encodings/implications/*.json and checks every rule against the encodings'
// vocabulary (facts, enum values, paragraph codes), so a rule naming something the encodings do
// not define fails at load rather than implying nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactDeclaration } from './encoding-schema.js';
import {
  implicationFileSchema,
  type FactCondition,
  type ImplicationRule,
  type ImpliedValue,
} from './implication-schema.js';

/** What the rules may name: the declared facts and the encoded paragraph codes. */
export interface Vocabulary {
  facts: ReadonlyMap<string, { declaration: FactDeclaration }>;
  codes: ReadonlySet<string>;
}

/** Reads and checks every rule file in `dir` (none when the directory does not exist). */
export function loadImplicationRules(dir: string, vocabulary: Vocabulary, problems: string[]): ImplicationRule[] {
  if (!existsSync(dir)) return [];
  const rules: ImplicationRule[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const parsed = implicationFileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues
          .slice(0, 10)
          .map((issue) => `implications/${file}: ${issue.path.join('.')}: ${issue.message}`),
      );
      continue;
    }
    rules.push(...parsed.data.rules);
  }
  problems.push(...checkImplicationRules(rules, vocabulary));
  return rules;
}

/** Every fact, value and paragraph a rule names must exist in the rulebook; ids are unique. */
export function checkImplicationRules(rules: readonly ImplicationRule[], vocabulary: Vocabulary): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const { codes } = vocabulary;
  for (const rule of rules) {
    const where = `implication ${rule.id}`;
    if (ids.has(rule.id)) problems.push(`${where}: id used twice`);
    ids.add(rule.id);
    if ('when' in rule)
      for (const condition of rule.when) problems.push(...checkCondition(condition, where, vocabulary));
    if ('declared' in rule && 'under' in rule.declared) {
      for (const code of [...rule.declared.under, ...(rule.declared.except ?? [])])
        if (!codes.has(code)) problems.push(`${where}: paragraph ${code} is not encoded`);
    }
    if ('then' in rule) for (const value of rule.then) problems.push(...checkValue(value, where, vocabulary));
    if ('skipFacts' in rule)
      for (const fact of rule.skipFacts ?? [])
        if (!vocabulary.facts.has(fact)) problems.push(`${where}: skipFacts names undeclared fact "${fact}"`);
  }
  return problems;
}

function checkCondition(condition: FactCondition, where: string, vocabulary: Vocabulary): string[] {
  const declaration = vocabulary.facts.get(condition.fact)?.declaration;
  if (!declaration) return [`${where}: condition on undeclared fact "${condition.fact}"`];
  if ('in' in condition) {
    if (declaration.type !== 'enum') return [`${where}: "in" on ${declaration.type} fact ${condition.fact}`];
    return condition.in
      .filter((value) => !declaration.values.includes(value))
      .map((value) => `${where}: "${value}" is not a value of ${condition.fact}`);
  }
  if ('is' in condition && declaration.type !== 'boolean')
    return [`${where}: "is" on ${declaration.type} fact ${condition.fact}`];
  return [];
}

function checkValue(implied: ImpliedValue, where: string, vocabulary: Vocabulary): string[] {
  const declaration = vocabulary.facts.get(implied.fact)?.declaration;
  if (!declaration) return [`${where}: implies undeclared fact "${implied.fact}"`];
  if (declaration.type === 'number') return [`${where}: numbers are never implied (${implied.fact})`];
  if (declaration.type === 'boolean')
    return typeof implied.value === 'boolean' ? [] : [`${where}: ${implied.fact} is yes/no; imply true or false`];
  const values = [
    typeof implied.value === 'string' ? implied.value : String(implied.value),
    ...(implied.consistentWith ?? []),
  ];
  return values
    .filter((value) => !declaration.values.includes(value))
    .map((value) => `${where}: "${value}" is not a value of ${implied.fact}`);
}
