// The shape of seed/data/eu_annex_ii_gea.json (Regulation (EU) 2021/821, Annex II: the Union
// general export authorisations EU001-EU008 and Section I, the common exclusion list) and the
// exemption key each authorisation is stored under. Kept apart from the importer so the
// "exemptions" dataset can tell which of its records this file supplies without importing it.
import { z } from 'zod';
import { seedFile } from '../seed-files.js';

const sourceDefectSchema = z.looseObject({
  kind: z.string().min(1),
  detail: z.string().min(1),
  where: z.string().optional(),
  quote: z.string().optional(),
});

const isoCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');

const destinationSchema = z.looseObject({
  name: z.string().min(1),
  as_written: z.string().min(1),
  /** Null where the name has no single code ("French overseas territories"). */
  iso_3166_1_alpha2: isoCode.nullable(),
  includes: z.array(z.looseObject({ name: z.string().min(1), iso_3166_1_alpha2: isoCode })).optional(),
  included_with: z.string().optional(),
  qualifier: z.string().optional(),
  iso_note: z.string().optional(),
});
export type AnnexIiDestination = z.infer<typeof destinationSchema>;

const geaSourceSchema = z.looseObject({
  repository: z.string().min(1),
  path: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  json_pointer: z.string().startsWith('/'),
  consolidation: z.string().min(1),
});
export type AnnexIiRecordSource = z.infer<typeof geaSourceSchema>;

export const geaSchema = z.looseObject({
  code: z.string().regex(/^EU\d{3}$/),
  section: z.string().regex(/^[A-H]$/),
  title: z.string().min(1),
  heading_in_text: z.string().min(1),
  issuing_authority: z.string().min(1),
  text: z.strictObject({
    preamble: z.string().min(1),
    part_1_items: z.string().min(1),
    part_2_destinations: z.string().min(1),
    part_3_conditions_and_requirements: z.string().min(1),
  }),
  part_labels_in_source: z.array(z.string().min(1)),
  exclusions: z.looseObject({
    section_i_common_list_excluded: z.boolean(),
    text: z.string().min(1).optional(),
    annex_i_codes_excluded: z.array(z.string().min(1)).optional(),
  }),
  items: z.looseObject({
    coverage: z.string().min(1),
    annex_i_codes_referenced: z.array(z.string().min(1)),
    chemicals: z
      .array(z.looseObject({ entry: z.string().min(1), number: z.string().min(1), text: z.string().min(1) }))
      .optional(),
  }),
  destinations: z.looseObject({
    scope: z.enum(['listed destinations', 'all destinations except those excluded']),
    listed: z.array(destinationSchema),
    iso_codes: z.array(isoCode).optional(),
    excluded: z.array(destinationSchema).optional(),
    excluded_iso_codes: z.array(isoCode).optional(),
    excluded_by_reference: z.array(z.string().min(1)).optional(),
  }),
  conditions: z
    .array(
      z.looseObject({
        number: z.string().min(1),
        text: z.string().min(1),
        source_defects: z.array(sourceDefectSchema).optional(),
        continues_paragraph: z.string().optional(),
      }),
    )
    .min(1),
  source_defects: z.array(sourceDefectSchema),
  source: geaSourceSchema,
});
export type Gea = z.infer<typeof geaSchema>;

export const commonExclusionListSchema = z.looseObject({
  title: z.string().min(1),
  intro: z.array(z.string().min(1)),
  items: z
    .array(
      z.looseObject({
        code: z.string().min(1).nullable(),
        text: z.string().min(1),
        dash_in_source: z.boolean(),
        source_defects: z.array(sourceDefectSchema).optional(),
      }),
    )
    .min(1),
  text: z.string().min(1),
  source_defects: z.array(sourceDefectSchema),
  source: geaSourceSchema,
});
export type CommonExclusionList = z.infer<typeof commonExclusionListSchema>;

export const annexIiFileSchema = z.looseObject({
  source: z.looseObject({
    repository: z.string().min(1),
    path: z.string().min(1),
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    consolidation: z.string().min(1),
    eur_lex_url: z.string().min(1),
    act: z.string().min(1),
    licence: z.string().min(1),
    file_metadata: z.looseObject({ valid_from: z.string().optional() }).optional(),
  }),
  conventions: z.looseObject({ scope_note: z.string().min(1) }),
  counts: z.looseObject({ geas: z.number().int(), common_exclusion_items: z.number().int() }),
  geas: z.array(geaSchema).min(1),
  common_exclusion_list: commonExclusionListSchema,
});
export type AnnexIiFile = z.infer<typeof annexIiFileSchema>;

export const EU_ANNEX_II_FILE = seedFile('euAnnexIi', 'data/eu_annex_ii_gea.json', annexIiFileSchema);

/**
 * The exemption key of a general export authorisation ("EU001" -> "EU-UGEA-EU001"): the key
 * exemptions.json gave the five it held, so their ids, links and encodings stay valid.
 */
export function geaExemptionKey(code: string): string {
  return `EU-UGEA-${code}`;
}
