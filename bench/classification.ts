// `npm run bench` (classification part): classifyFacts, the evaluation behind `classifyItem`,
// over the fact sets of the encoding test cases (test/classification/cases, 218) plus an empty
// one, against every encoded entry of the US and EU lists. Prints ms per classification (mean,
// p50, p95) after a warm-up round. No database or HTTP: this is the evaluator alone.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyFacts } from '../src/classification/classify-facts.js';
import { normalizeFacts, type FactInput } from '../src/classification/item-facts-input.js';
import { loadRulebook } from '../src/classification/rulebook.js';

const ROUNDS = 5;
const casesDir = fileURLToPath(new URL('../test/classification/cases/', import.meta.url));
const rulebook = loadRulebook();
const factSets = [
  normalizeFacts(rulebook, []),
  ...readdirSync(casesDir).flatMap((file) =>
    (JSON.parse(readFileSync(casesDir + file, 'utf8')) as Array<{ facts: FactInput[] }>).map((testCase) =>
      normalizeFacts(rulebook, testCase.facts),
    ),
  ),
];

for (const facts of factSets) classifyFacts(rulebook, facts, ['US_EAR', 'EU']); // warm-up
const times: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  for (const facts of factSets) {
    const started = performance.now();
    classifyFacts(rulebook, facts, ['US_EAR', 'EU']);
    times.push(performance.now() - started);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
console.log(
  `classification (classifyFacts, US_EAR + EU, ${rulebook.entries.length} encoded entries): ${factSets.length} fact sets x ${ROUNDS} rounds`,
);
console.table({
  'ms per classification': { mean: +mean.toFixed(2), p50: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2) },
});
