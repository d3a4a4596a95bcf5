// Loads seed/encodings/exemptions/*.json: the activity-fact vocabulary and one encoding per
// exemption record, checked against each other and against the item-fact vocabulary of the
// threshold rulebook (decontrol notes use item facts such as frame_rate), so a mistake fails at
// load and in tests rather than as a wrong answer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Criterion, FactDeclaration } from './encoding-schema.js';
import {
  activityFactsFileSchema,
  exemptionEncodingSchema,
  type AnswerForm,
  type ConditionTest,
  type ExemptionEncoding,
  type ItemTypeOfItemKind,
} from './exemption-encoding-schema.js';
import { ISO_COUNTRY_CODES } from './iso-countries.js';
import { forEachCriterion, type Rulebook } from './rulebook.js';

export const DEFAULT_EXEMPTION_ENCODINGS_DIR = fileURLToPath(
  new URL('../../seed/encodings/exemptions/', import.meta.url),
);
export const ACTIVITY_FACTS_FILE = 'activity-facts.json';
/** Set from the `destination` argument, never from the activity list. */
export const DESTINATION_FACT = 'destination_country';
export const ITEM_TYPE_FACT = 'item_type';
/** The item fact naming what the item is (camera, laser ...), from which the item type follows. */
export const ITEM_KIND_FACT = 'item_kind';

export interface ActivityFactInfo {
  declaration: FactDeclaration;
  /** Exemption record ids whose conditions use the fact. */
  usedBy: Set<string>;
}

export class ExemptionEncodingError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid exemption encodings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ExemptionEncodingError';
  }
}

export class ExemptionRules {
  constructor(
    /** By exemption record id, in file-name order. */
    readonly encodings: ReadonlyMap<string, ExemptionEncoding>,
    /** Facts the user states about the activity (including destination_country). */
    readonly activityFacts: ReadonlyMap<string, ActivityFactInfo>,
    /** Item facts of the rulebook that exemption encodings use, with the exemptions using them. */
    readonly itemFactsUsed: ReadonlyMap<string, Set<string>>,
    readonly rulebook: Rulebook,
    /** Answers in people's words, by the fact they answer, then by their normalized form. */
    readonly answerForms: ReadonlyMap<string, ReadonlyMap<string, AnswerForm>> = new Map(),
    /** The item type of each item kind the data places (kinds not listed say nothing). */
    readonly itemTypeOfItemKind: ItemTypeOfItemKind | null = null,
  ) {}

  /** The answer form `words` stand for when given to `fact`, if any. */
  answerForm(fact: string, words: string): AnswerForm | undefined {
    return this.answerForms.get(fact)?.get(normalizeAnswerWords(words));
  }

  /** The item type an item kind says ("camera" -> commodity), or null when the data does not place it. */
  itemTypeOfKind(kind: string): 'commodity' | 'software' | 'technology' | null {
    const mapping = this.itemTypeOfItemKind;
    if (!mapping) return null;
    for (const type of ['commodity', 'software', 'technology'] as const) if (mapping[type].includes(kind)) return type;
    return null;
  }

  private merged: ReadonlyMap<string, FactDeclaration> | undefined;

  /** Every declaration an exemption condition may refer to: activity facts and item facts. */
  declarations(): ReadonlyMap<string, FactDeclaration> {
    if (!this.merged) {
      const all = this.rulebook.declarations();
      for (const [name, info] of this.activityFacts) all.set(name, info.declaration);
      this.merged = all;
    }
    return this.merged;
  }
}

/** The destination fact: an enum of ISO 3166-1 alpha-2 codes, written in lower case as enum values are. */
export function destinationDeclaration(): FactDeclaration {
  return {
    name: DESTINATION_FACT,
    type: 'enum',
    values: ISO_COUNTRY_CODES.map((code) => code.toLowerCase()),
    description:
      'Country of destination of the export, as an ISO 3166-1 alpha-2 code (e.g. "JP"). Give it as the `destination` argument.',
  };
}

/** Answer words compared without case, punctuation or repeated spaces ("We accepted NO restrictions." = "we accepted no restrictions"). */
export function normalizeAnswerWords(words: string): string {
  return words
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The answer forms checked against the activity facts: each names declared facts with valid values, and no words mean two things. */
function loadAnswerForms(
  forms: readonly AnswerForm[],
  activityFacts: ReadonlyMap<string, ActivityFactInfo>,
  problems: string[],
): Map<string, Map<string, AnswerForm>> {
  const byFact = new Map<string, Map<string, AnswerForm>>();
  forms.forEach((form, index) => {
    const where = `${ACTIVITY_FACTS_FILE} answerForms[${index}]`;
    if (!activityFacts.has(form.fact)) problems.push(`${where}: "${form.fact}" is not an activity fact`);
    if (!form.means.some((meaning) => meaning.fact === form.fact))
      problems.push(`${where}: the answer must settle the fact it answers (${form.fact})`);
    for (const meaning of form.means) {
      const declaration = activityFacts.get(meaning.fact)?.declaration;
      if (!declaration) {
        problems.push(`${where}: means "${meaning.fact}", which is not an activity fact`);
        continue;
      }
      const fits =
        declaration.type === 'boolean'
          ? typeof meaning.value === 'boolean'
          : declaration.type === 'enum' &&
            typeof meaning.value === 'string' &&
            declaration.values.includes(meaning.value);
      if (!fits) problems.push(`${where}: ${String(meaning.value)} is not a value of ${meaning.fact}`);
    }
    const known = byFact.get(form.fact) ?? new Map<string, AnswerForm>();
    for (const words of form.forms) {
      const key = normalizeAnswerWords(words);
      if (known.has(key)) problems.push(`${where}: "${words}" is given twice for ${form.fact}`);
      known.set(key, form);
    }
    byFact.set(form.fact, known);
  });
  return byFact;
}

export function forEachConditionTest(test: ConditionTest, visit: (test: ConditionTest) => void): void {
  visit(test);
  if ('anyOf' in test) test.anyOf.forEach((child) => forEachConditionTest(child, visit));
}

export function loadExemptionRules(rulebook: Rulebook, dir = DEFAULT_EXEMPTION_ENCODINGS_DIR): ExemptionRules {
  const problems: string[] = [];
  const activityFile = activityFactsFileSchema.parse(JSON.parse(readFileSync(join(dir, ACTIVITY_FACTS_FILE), 'utf8')));
  const activityFacts = new Map<string, ActivityFactInfo>();
  for (const declaration of [...activityFile.facts, destinationDeclaration()]) {
    if (activityFacts.has(declaration.name))
      problems.push(`${ACTIVITY_FACTS_FILE}: fact ${declaration.name} is declared twice`);
    if (rulebook.facts.has(declaration.name))
      problems.push(
        `${ACTIVITY_FACTS_FILE}: fact ${declaration.name} is also an item fact of the threshold encodings; use one name per meaning`,
      );
    activityFacts.set(declaration.name, { declaration, usedBy: new Set() });
  }

  const encodings = new Map<string, ExemptionEncoding>();
  const itemFactsUsed = new Map<string, Set<string>>();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== ACTIVITY_FACTS_FILE)
    .sort();
  for (const file of files) {
    const parsed = exemptionEncodingSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues.slice(0, 10).map((issue) => `${file}: ${issue.path.join('.')}: ${issue.message}`),
      );
      continue;
    }
    const encoding = parsed.data;
    if (`${encoding.exemption}.json` !== file)
      problems.push(`${file}: names exemption ${encoding.exemption}; the file must be named after it`);
    if (encodings.has(encoding.exemption)) problems.push(`${file}: exemption ${encoding.exemption} is encoded twice`);
    encodings.set(encoding.exemption, encoding);

    const ids = new Set<string>();
    const checkCriterion = (criterion: Criterion, where: string) => {
      if (criterion.comparator === 'REF') {
        problems.push(`${where}: criterion ${criterion.id}: exemption conditions cannot refer to list paragraphs`);
        return;
      }
      const activity = activityFacts.get(criterion.fact);
      const item = rulebook.facts.get(criterion.fact);
      const declaration = activity?.declaration ?? item?.declaration;
      if (!declaration) {
        problems.push(`${where}: criterion ${criterion.id} uses undeclared fact "${criterion.fact}"`);
        return;
      }
      if (activity) activity.usedBy.add(encoding.exemption);
      else itemFactsUsed.set(criterion.fact, (itemFactsUsed.get(criterion.fact) ?? new Set()).add(encoding.exemption));
      const expected = criterion.comparator === 'IS' ? 'boolean' : criterion.comparator === 'IN' ? 'enum' : 'number';
      if (declaration.type !== expected)
        problems.push(
          `${where}: criterion ${criterion.id} compares ${criterion.fact} with ${criterion.comparator}, but the fact is ${declaration.type}`,
        );
      if (criterion.comparator === 'IN' && declaration.type === 'enum') {
        for (const value of criterion.values)
          if (!declaration.values.includes(value))
            problems.push(`${where}: criterion ${criterion.id}: "${value}" is not a value of ${criterion.fact}`);
      }
      if (
        'unit' in criterion &&
        declaration.type === 'number' &&
        rulebook.units.toCanonical(1, criterion.unit, declaration.dimension) === undefined
      ) {
        problems.push(
          `${where}: criterion ${criterion.id}: unit "${criterion.unit}" is not a ${declaration.dimension} unit`,
        );
      }
    };
    for (const test of [...encoding.requirements, ...encoding.disqualifiers]) {
      forEachConditionTest(test, (node) => {
        const where = `${file} condition ${node.id}`;
        if (ids.has(node.id)) problems.push(`${where}: condition id used twice in the file`);
        ids.add(node.id);
        if ('when' in node) forEachCriterion(node.when, (criterion) => checkCriterion(criterion, where));
      });
    }
    for (const added of encoding.destinationsAdded ?? []) {
      if (!ISO_COUNTRY_CODES.includes(added.country.toUpperCase()))
        problems.push(`${file}: destinationsAdded: ${added.country} is not an ISO 3166-1 alpha-2 code`);
    }
  }
  const answerForms = loadAnswerForms(activityFile.answerForms ?? [], activityFacts, problems);
  // Kinds the threshold encodings do not (or no longer) declare are never given, so say nothing;
  // the tests check the mapping against the vocabulary.
  const itemTypeOfItemKind = activityFile.itemTypeOfItemKind ?? null;
  if (problems.length > 0) throw new ExemptionEncodingError(problems);
  return new ExemptionRules(encodings, activityFacts, itemFactsUsed, rulebook, answerForms, itemTypeOfItemKind);
}
