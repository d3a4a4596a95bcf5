// Realistic cases written from the verbatim list texts (test/classification/cases/*.json), run
// against the encodings in seed/encodings through the same evaluator classifyItem uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ParagraphEvaluator } from '../../src/classification/evaluate-paragraphs.js';
import { normalizeFacts } from '../../src/classification/item-facts-input.js';
import { loadRulebook } from '../../src/classification/rulebook.js';

const outcome = z.enum(['MET', 'NOT_MET', 'UNKNOWN']);
const caseSchema = z
  .object({
    name: z.string().min(1),
    cites: z.string().min(1),
    regime: z.enum(['US_EAR', 'EU', 'UK', 'WASSENAAR', 'OTHER']),
    facts: z.array(
      z
        .object({
          name: z.string(),
          value: z.union([z.string(), z.number(), z.boolean()]),
          unit: z.string().optional(),
        })
        .strict(),
    ),
    expect: z.record(z.string(), outcome),
    expectExclusions: z.array(z.string()).optional(),
    expectMissingFacts: z.record(z.string(), z.array(z.string())).optional(),
    expectMovesTo: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const casesDir = fileURLToPath(new URL('./cases/', import.meta.url));
const caseFiles = readdirSync(casesDir)
  .filter((name) => name.endsWith('.json'))
  .sort();
const rulebook = loadRulebook();

describe('encoding cases', () => {
  it('has case files', () => {
    expect(caseFiles.length).toBeGreaterThan(0);
  });

  for (const file of caseFiles) {
    const cases = z.array(caseSchema).parse(JSON.parse(readFileSync(join(casesDir, file), 'utf8')));
    describe(file, () => {
      for (const testCase of cases) {
        it(`${testCase.name} [${testCase.cites}]`, () => {
          const evaluator = new ParagraphEvaluator(rulebook, normalizeFacts(rulebook, testCase.facts));
          const fired = new Set<string>();
          for (const [code, expected] of Object.entries(testCase.expect)) {
            const paragraph = rulebook.paragraph(testCase.regime, code);
            expect(paragraph, `${testCase.regime} ${code} is encoded`).toBeDefined();
            if (!paragraph) continue;
            const result = evaluator.evaluate(paragraph);
            expect(
              result.outcome,
              `${code}: ${JSON.stringify(result.traces.map((trace) => [trace.criterionId, trace.outcome]))}`,
            ).toBe(expected);
            for (const exclusion of result.exclusions)
              if (exclusion.outcome === 'MET') fired.add(exclusion.exclusion.id);
            const missing = testCase.expectMissingFacts?.[code];
            if (missing) expect(result.missingFacts).toEqual(expect.arrayContaining(missing));
            const movesTo = testCase.expectMovesTo?.[code];
            if (movesTo) {
              expect(
                result.exclusions
                  .filter((exclusion) => exclusion.outcome === 'MET')
                  .map((exclusion) => exclusion.exclusion.movesTo?.paragraph),
              ).toContain(movesTo);
            }
          }
          for (const id of testCase.expectExclusions ?? []) expect([...fired], `exclusion ${id} fires`).toContain(id);
        });
      }
    });
  }
});
