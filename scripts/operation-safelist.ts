// Writes the operation safelist of the web app: every document its pages send (the generated
// documents of web/src/gql, run `npm run codegen` first) and the explorer's saved examples, as a
// JSON object from the SHA-256 of each exact text to the text (the manifest OPERATION_SAFELIST
// reads). Usage: npm run safelist:web -- [output file, default operation-safelist.json]
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as webDocuments from '../web/src/gql/graphql.js';
import { EXPLORER_EXAMPLES } from '../web/src/explorer-examples.js';

const output = process.argv[2] ?? 'operation-safelist.json';

const texts = [
  ...Object.values(webDocuments as Record<string, unknown>)
    .filter((value) => value instanceof String)
    .map((document) => String(document)),
  ...EXPLORER_EXAMPLES.map((example) => example.query),
];

const manifest = Object.fromEntries(
  texts
    .map((text) => [createHash('sha256').update(text).digest('hex'), text] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);
writeFileSync(output, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${Object.keys(manifest).length} operations written to ${output}`);
