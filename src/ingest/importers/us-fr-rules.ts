// Dataset "us-fr-rules": the 284 BIS rules of us_fr_rules_part774.json (Federal Register,
// 1996-2025) that amend or mention Supplements No. 1, 5, 6 or 7 to 15 CFR part 774, as
// AmendingAct rows of the US EAR. Every field is the source's; `part774_supplements` (the
// supplements the rule's text mentions, not a verified list of those it amends) is `listParts`,
// the derived fields and the rest are kept in `extra`. Each rule cites its record in the
// repository file the list was compiled in.
import { z } from 'zod';
import { citationRow, CitationSet, CITATION_TABLE, githubPermalink } from '../citations.js';
import type { Importer } from '../importer.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { jurisdictionIdsByCode } from '../reference-lookups.js';
import { remainingFields, seedFile } from '../seed-files.js';
import { isoDaySchema } from '../source-record.js';
import { stableId } from '../stable-id.js';
import { parseIsoDay } from '../stated-dates.js';
import { syncTable, type TableSpec } from '../sync.js';
import { historySourceSchema } from './us-ccl-history-file.js';

const ruleSchema = z.looseObject({
  document_number: z.string().min(1),
  citation: z.string().min(1).nullable(),
  title: z.string().min(1),
  publication_date: isoDaySchema,
  effective_date: isoDaySchema.nullable(),
  html_url: z.url().nullable(),
  type: z.string().min(1).nullable(),
  action: z.string().nullable(),
  agencies: z.array(z.string().min(1)),
  docket_ids: z.array(z.string().min(1)),
  part774_supplements: z.array(z.string().min(1)),
  source: historySourceSchema,
});
export type FederalRegisterRule = z.infer<typeof ruleSchema>;

export const FR_RULES_FILE = seedFile(
  'usFrRules',
  'data/us_fr_rules_part774.json',
  z.looseObject({
    licence: z.string().min(1),
    count: z.number().int(),
    rules: z.array(ruleSchema),
  }),
);

export type AmendingActRow = SeedRow<'AmendingAct'>;

const AMENDING_ACT_TABLE: TableSpec<'AmendingAct', AmendingActRow> = {
  model: 'AmendingAct',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
};

/** A rule's source key: the Federal Register document number ("US-FR-2020-16286"). */
export function amendingActSourceKey(documentNumber: string): string {
  return `US-FR-${documentNumber}`;
}

const MAPPED_FIELDS = [
  'document_number',
  'citation',
  'title',
  'publication_date',
  'effective_date',
  'html_url',
  'type',
  'action',
  'agencies',
  'docket_ids',
  'part774_supplements',
  'source',
];

export const usFrRulesImporter: Importer = {
  name: 'us-fr-rules',
  files: [FR_RULES_FILE],
  dependsOn: ['reference'],
  async load(ctx) {
    const file = await ctx.files.get(FR_RULES_FILE);
    const jurisdictionId = (await jurisdictionIdsByCode(ctx.tx))('US');
    const citations = new CitationSet();
    const rows = file.rules.map((rule): AmendingActRow => {
      const { repository, commit, path } = rule.source;
      const sourceKey = amendingActSourceKey(rule.document_number);
      return {
        id: stableId('AmendingAct', sourceKey),
        sourceKey,
        jurisdictionId,
        regime: 'US_EAR',
        documentNumber: rule.document_number,
        reference: rule.citation,
        title: rule.title,
        actType: rule.type,
        action: rule.action,
        publishedOn: parseIsoDay(rule.publication_date),
        effectiveOn: parseIsoDay(rule.effective_date),
        url: rule.html_url,
        agencies: rule.agencies,
        docketIds: rule.docket_ids,
        listParts: rule.part774_supplements,
        extra: jsonColumn(remainingFields(rule, MAPPED_FIELDS)),
        citationId: citations.add(
          citationRow({
            sourceType: 'GITHUB_FILE',
            url: githubPermalink(repository, commit, path),
            repository,
            path,
            commit,
            section: `document_number '${rule.document_number}'`,
            title: 'Federal Register rules under 15 CFR part 774 naming its Supplements No. 1, 5, 6 or 7',
            upstream: rule.html_url,
            licence: file.licence,
          }),
        ),
      };
    });
    await syncTable(ctx, CITATION_TABLE, citations.rows());
    await syncTable(ctx, AMENDING_ACT_TABLE, rows);
  },
};
