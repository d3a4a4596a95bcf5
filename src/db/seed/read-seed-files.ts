// Reads the seed files (seed/data: real public data, seed/editorial: our metadata) and
// validates their shape with zod, so a malformed file fails with the file and field named
// before anything touches the database. Loose objects keep fields we have no column for:
// the loaders store them whole in `extra`, so nothing in a record is lost.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from './stable-id.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const optionalText = z.string().nullish();

/** A record's `source` in any of the shapes the data uses (GitHub file, web page, cited URL, licence only). */
export const sourceSchema = z.looseObject({
  type: z.enum(['github_file', 'web_page']).optional(),
  repo: optionalText,
  path: optionalText,
  commit: optionalText,
  commit_date: isoDay.optional(),
  upstream: optionalText,
  version_note: optionalText,
  caveat: optionalText,
  json_pointer: optionalText,
  file_metadata: z.looseObject({ source: optionalText, note: optionalText, consolidation_date: isoDay.optional() }).optional(),
  url: optionalText,
  title: optionalText,
  publisher: optionalText,
  date: optionalText,
  cites: optionalText,
  note: optionalText,
  licence: optionalText,
});
export type SourceRecord = z.infer<typeof sourceSchema>;

// --- us_ccl_full.json ---------------------------------------------------------------
export const cclFileSchema = z.array(
  z.strictObject({
    name: z.string().min(1),
    description: z.string(),
    product_groups: z.array(
      z.strictObject({
        name: z.string().min(1),
        description: z.string(),
        eccn: z.array(z.strictObject({ code: z.string().min(1), description: z.string(), details: z.string() })),
      }),
    ),
  }),
);
export type CclFile = z.infer<typeof cclFileSchema>;

// --- control_entries.json -----------------------------------------------------------
export const controlEntrySchema = z.looseObject({
  id: z.string().min(1),
  code: z.string().min(1),
  regime: z.string().min(1),
  jurisdiction: z.string().min(1),
  category: z.string().min(1),
  title: z.string().min(1),
  product_group: optionalText,
  reasons_for_control: z.array(z.string()).nullable().optional(),
  reasons_for_control_raw: optionalText,
  control_table: z.array(z.strictObject({ control: z.string(), country_chart: z.string() })).optional(),
  license_exceptions: z.record(z.string(), z.string()).optional(),
  related_controls: z.string().nullable().optional(),
  items_text_verbatim: z.string().nullable().optional(),
  key_thresholds_verbatim: z.array(
    z.strictObject({ paragraph: z.string().min(1), text: z.string().min(1), exponent_note: optionalText }),
  ),
  reporting_requirements: optionalText,
  license_requirement_note: optionalText,
  rs_note: optionalText,
  status_note: optionalText,
  note: optionalText,
  exponent_note: optionalText,
  comparison_note: optionalText,
  reasons_note: optionalText,
  extraction_note: optionalText,
  source: sourceSchema,
});
export type ControlEntryRecord = z.infer<typeof controlEntrySchema>;
export const controlEntriesFileSchema = z.array(controlEntrySchema);

// --- exemptions.json ----------------------------------------------------------------
export const exemptionSchema = z.looseObject({
  id: z.string().min(1),
  regime: z.string().min(1),
  provision: z.string().min(1),
  name: z.string().min(1),
  type: z.string().min(1),
  applies_to: z.array(z.string()).min(1),
  does_not_apply_to: z.array(z.string()).optional(),
  text_verbatim: z.array(z.string()).min(1),
  text_note: optionalText,
  history: optionalText,
  version_note: optionalText,
  conditions: z.array(z.string()).optional(),
  conditions_secondary: z.array(z.string()).optional(),
  example_conditions_secondary: z.strictObject({ source: sourceSchema, quote: z.string().min(1) }).optional(),
  exclusions_verbatim: z.array(z.string()).optional(),
  not_public_domain_if: z.array(z.string()).optional(),
  destinations: z.array(z.string()).optional(),
  source: sourceSchema,
});
export type ExemptionRecord = z.infer<typeof exemptionSchema>;
export const exemptionsFileSchema = z.array(exemptionSchema);

// --- consultations.json -------------------------------------------------------------
const commenterExampleSchema = z.looseObject({
  name: z.string().min(1),
  type: optionalText,
  date: optionalText,
  regulations_gov_id: optionalText,
  source: sourceSchema.optional(),
});
const commenterRowSchema = z.looseObject({
  no: z.number().int().positive(),
  name: z.string().min(1),
  stakeholder_type_assigned_by_researcher: optionalText,
  date_received: optionalText,
  pages: z.number().int().nonnegative().optional(),
});
export const consultationSchema = z.looseObject({
  id: z.string().min(1),
  jurisdiction: z.string().min(1),
  body: z.string().min(1),
  title: z.string().min(1),
  instrument: optionalText,
  citation: optionalText,
  published: isoDay.optional(),
  opened: isoDay.optional(),
  comment_deadline: isoDay.optional(),
  comment_deadline_original: isoDay.optional(),
  comment_deadline_extended: isoDay.optional(),
  comment_deadline_reopened: isoDay.optional(),
  closed: isoDay.optional(),
  scope_quote: optionalText,
  commenters: z
    .looseObject({
      count_exact: z.number().int().nonnegative().nullable().optional(),
      count_description_quote: optionalText,
      note: optionalText,
      partial_note: optionalText,
      example_commenters: z.array(commenterExampleSchema).optional(),
      list_partial: z.array(commenterRowSchema).optional(),
    })
    .optional(),
  outcomes: z
    .array(z.looseObject({ date: isoDay.optional(), description: z.string().min(1), quote: optionalText, source: sourceSchema.optional() }))
    .optional(),
  outcome: optionalText,
  outcome_quote: optionalText,
  stakeholders_named: z.array(z.string().min(1)).optional(),
  sources: z.array(z.looseObject({ url: z.string().min(1), licence: optionalText, note: optionalText })),
  source: z.string().min(1),
});
export type ConsultationRecord = z.infer<typeof consultationSchema>;
export const consultationsFileSchema = z.array(consultationSchema);

// --- impact_metrics.json ------------------------------------------------------------
export const impactMetricSchema = z.strictObject({
  id: z.string().min(1),
  jurisdiction: z.string().min(1),
  scope: z.string().min(1),
  period: z.string().min(1),
  metric: z.string().min(1),
  value: z.union([z.number(), z.string().min(1)]),
  unit: z.string().min(1),
  quote: z.string().min(1),
  source: z.string().min(1),
  publisher: z.string().min(1),
  licence: z.string().min(1),
  notes: z.string().nullable(),
});
export type ImpactMetricRecord = z.infer<typeof impactMetricSchema>;
export const impactMetricsFileSchema = z.array(impactMetricSchema);

// --- guidance_documents.json --------------------------------------------------------
export const guidanceSchema = z.looseObject({
  id: z.string().min(1),
  jurisdiction: z.string().min(1),
  title: z.string().min(1),
  excerpts: z.array(z.string()).min(1),
  glossary_excerpts: z.array(z.strictObject({ term: z.string().min(1), definition: z.string().min(1) })).optional(),
  summary_quote: optionalText,
  draft_summary_quote: optionalText,
  date: optionalText,
  date_note: optionalText,
  canonical_url: optionalText,
  eli: optionalText,
  source: z.string().min(1),
  licence: z.string().min(1),
});
export type GuidanceRecord = z.infer<typeof guidanceSchema>;
export const guidanceFileSchema = z.array(guidanceSchema);

// --- editorial files ----------------------------------------------------------------
const regimeEnum = z.enum(['WASSENAAR', 'EU', 'US_EAR', 'UK', 'HK']);
const provisionRef = z.strictObject({ regime: regimeEnum, code: z.string().min(1), optional: z.boolean().optional() });
export type ProvisionRef = z.infer<typeof provisionRef>;

export const jurisdictionsEditorialSchema = z.strictObject({
  jurisdictions: z.array(
    z.strictObject({
      code: z.string().min(2),
      name: z.string().min(1),
      kind: z.enum(['STATE', 'UNION', 'MULTILATERAL_REGIME', 'TERRITORY']),
    }),
  ),
});

const fromSource = z.strictObject({ fromSource: z.string().min(1) });
export const controlListsEditorialSchema = z.strictObject({
  controlLists: z.array(
    z.strictObject({
      sourceKey: z.string().min(1),
      regime: regimeEnum,
      jurisdiction: z.string().min(2),
      name: z.string().min(1),
      citationFromRecord: z.string().min(1),
      version: z.union([fromSource, z.strictObject({ text: z.string().min(1) })]),
      textDate: fromSource.nullable(),
      versionNote: z.string().nullable(),
      /** Status of the provisions of this list: historical texts are SUPERSEDED versions. */
      provisionStatus: z.enum(['CURRENT', 'SUPERSEDED']),
      why: z.string().optional(),
    }),
  ),
  listForRecord: z.array(z.strictObject({ recordId: z.string().min(1), list: z.string().min(1) })),
  listForJurisdiction: z.record(z.string(), z.string()),
});
export type ControlListsEditorial = z.infer<typeof controlListsEditorialSchema>;

export const cclEntryFixesSchema = z.strictObject({
  fixes: z.array(
    z.strictObject({
      category: z.string().min(1),
      sourceCode: z.string().min(1),
      descriptionStartsWith: z.string().min(1),
      code: z.string().min(1),
      stripCodeFromTitle: z.boolean(),
      itemTypeFromProductGroup: z.boolean(),
      why: z.string().min(1),
    }),
  ),
});
export type CclEntryFix = z.infer<typeof cclEntryFixesSchema>['fixes'][number];

const exemptionKind = z.enum([
  'FUNDAMENTAL_RESEARCH',
  'PUBLISHED_INFORMATION',
  'EDUCATIONAL_INFORMATION',
  'PATENT_INFORMATION',
  'OPEN_SOURCE',
  'HUMANITARIAN',
  'LICENCE_EXCEPTION',
  'GENERAL_AUTHORISATION',
  'OPEN_GENERAL_LICENCE',
  'TECHNOLOGY_NOTE',
  'SOFTWARE_NOTE',
  'DEFINITION',
  'INTERPRETIVE_GUIDANCE',
  'DECONTROL_NOTE',
]);
export const exemptionsEditorialSchema = z.strictObject({
  kinds: z.record(z.string(), exemptionKind),
  kindNotes: z.record(z.string(), z.string()),
  jurisdictionOverrides: z.record(z.string(), z.strictObject({ jurisdiction: z.string().min(2), why: z.string().min(1) })),
  explicitProvisions: z.record(z.string(), z.array(provisionRef)),
  itemTypeScope: z.strictObject({
    exemptions: z.array(z.string().min(1)),
    regime: regimeEnum,
    note: z.string().min(1),
    why: z.string().min(1),
  }),
});
export type ExemptionsEditorial = z.infer<typeof exemptionsEditorialSchema>;

export const guidanceEditorialSchema = z.strictObject({
  documents: z.record(
    z.string(),
    z.strictObject({
      issuer: z.string().min(1),
      audience: z.array(z.string().min(1)),
      topics: z.array(z.string().min(1)),
      exemptions: z.array(z.string().min(1)),
      provisions: z.array(provisionRef),
    }),
  ),
});
export type GuidanceEditorial = z.infer<typeof guidanceEditorialSchema>;

export const impactSourcesEditorialSchema = z.strictObject({
  comment: z.string(),
  sources: z.array(z.strictObject({ url: z.string().min(1), official: z.boolean(), method: z.string().min(1) })),
});
export type ImpactSourcesEditorial = z.infer<typeof impactSourcesEditorialSchema>;

export const correlationsEditorialSchema = z.strictObject({
  correlations: z.array(
    z.strictObject({
      from: z.string().min(1),
      to: z.string().min(1),
      kind: z.enum(['EQUIVALENT', 'NARROWER', 'BROADER', 'PARTIAL', 'UNASSESSED']),
      note: z.string().min(1).optional(),
      noteFromRecord: z.string().min(1).optional(),
    }),
  ),
  supersedes: z.array(z.strictObject({ current: z.string().min(1), older: z.string().min(1), why: z.string().min(1) })),
});
export type CorrelationsEditorial = z.infer<typeof correlationsEditorialSchema>;

export const consultationProvisionsEditorialSchema = z.strictObject({
  links: z.array(z.strictObject({ consultation: z.string().min(1), provisions: z.array(provisionRef), why: z.string().min(1) })),
});
export type ConsultationProvisionsEditorial = z.infer<typeof consultationProvisionsEditorialSchema>;

// --- file registry ------------------------------------------------------------------
export const SEED_FILES = {
  ccl: { path: 'data/us_ccl_full.json', schema: cclFileSchema },
  controlEntries: { path: 'data/control_entries.json', schema: controlEntriesFileSchema },
  exemptions: { path: 'data/exemptions.json', schema: exemptionsFileSchema },
  consultations: { path: 'data/consultations.json', schema: consultationsFileSchema },
  impactMetrics: { path: 'data/impact_metrics.json', schema: impactMetricsFileSchema },
  guidance: { path: 'data/guidance_documents.json', schema: guidanceFileSchema },
  jurisdictions: { path: 'editorial/jurisdictions.json', schema: jurisdictionsEditorialSchema },
  controlLists: { path: 'editorial/control-lists.json', schema: controlListsEditorialSchema },
  cclEntryFixes: { path: 'editorial/ccl-entry-fixes.json', schema: cclEntryFixesSchema },
  exemptionsEditorial: { path: 'editorial/exemptions.json', schema: exemptionsEditorialSchema },
  guidanceEditorial: { path: 'editorial/guidance.json', schema: guidanceEditorialSchema },
  impactSources: { path: 'editorial/impact-sources.json', schema: impactSourcesEditorialSchema },
  correlations: { path: 'editorial/correlations.json', schema: correlationsEditorialSchema },
  consultationProvisions: { path: 'editorial/consultation-provisions.json', schema: consultationProvisionsEditorialSchema },
} as const;

export type SeedFileName = keyof typeof SEED_FILES;
export type SeedFileContent<Name extends SeedFileName> = z.infer<(typeof SEED_FILES)[Name]['schema']>;

export class SeedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedFileError';
  }
}

/**
 * The seed directory's files, read once: raw bytes for checksums (cheap, needed on every
 * start) and validated content on demand (only when a dataset has to be loaded).
 */
export class SeedFiles {
  private readonly bytes = new Map<SeedFileName, Buffer>();
  private readonly parsed = new Map<SeedFileName, unknown>();

  constructor(readonly seedDir: string) {}

  private async raw(name: SeedFileName): Promise<Buffer> {
    let bytes = this.bytes.get(name);
    if (!bytes) {
      const path = join(this.seedDir, SEED_FILES[name].path);
      try {
        bytes = await readFile(path);
      } catch (error) {
        throw new SeedFileError(`Cannot read seed file ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.bytes.set(name, bytes);
    }
    return bytes;
  }

  async checksum(name: SeedFileName): Promise<string> {
    return sha256Hex(await this.raw(name));
  }

  /**
   * Checksum of the `*.json` files directly in a seed sub-directory (e.g. "encodings"; not
   * its sub-directories): names and contents, in name order, so adding, removing, renaming
   * or editing a file changes it.
   */
  async directoryChecksum(relativeDir: string): Promise<string> {
    const dir = join(this.seedDir, relativeDir);
    let names: string[];
    try {
      names = (await readdir(dir, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      throw new SeedFileError(`Cannot read seed directory ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parts: string[] = [];
    for (const name of names) parts.push(`${name}=${sha256Hex(await readFile(join(dir, name)))}`);
    return sha256Hex(parts.join('\n'));
  }

  async get<Name extends SeedFileName>(name: Name): Promise<SeedFileContent<Name>> {
    if (!this.parsed.has(name)) {
      const file = SEED_FILES[name];
      let json: unknown;
      try {
        json = JSON.parse((await this.raw(name)).toString('utf8'));
      } catch (error) {
        if (error instanceof SeedFileError) throw error;
        throw new SeedFileError(`${file.path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      const result = file.schema.safeParse(json);
      if (!result.success) {
        const issues = result.error.issues
          .slice(0, 10)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ');
        throw new SeedFileError(`${file.path} does not have the expected shape: ${issues}`);
      }
      this.parsed.set(name, result.data);
    }
    return this.parsed.get(name) as SeedFileContent<Name>;
  }
}

const jsonSchema = z.json();

/** A loose record's remaining fields as JSON (throws if a value is not JSON, which cannot happen for parsed files). */
export function toJsonValue(value: unknown): JsonValue {
  return jsonSchema.parse(value) as JsonValue;
}

/** The fields of `record` not in `mapped`, as a JSON object; null when there are none. */
export function remainingFields(record: Record<string, unknown>, mapped: readonly string[]): { [key: string]: JsonValue } | null {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(record)) {
    if (mapped.includes(key) || value === undefined) continue;
    out[key] = toJsonValue(value);
  }
  return Object.keys(out).length > 0 ? out : null;
}
