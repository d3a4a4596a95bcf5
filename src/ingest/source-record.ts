// Shapes several source files share: a record's `source` (where its text was read from) and
// a reference to a provision by regime and code (editorial links).
import { z } from 'zod';

export const isoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const optionalText = z.string().nullish();

/** A record's `source` in any of the shapes the data uses (GitHub file, web page, cited URL, licence only). */
export const sourceSchema = z.looseObject({
  type: z.enum(['github_file', 'web_page']).optional(),
  repo: optionalText,
  path: optionalText,
  commit: optionalText,
  commit_date: isoDaySchema.optional(),
  upstream: optionalText,
  version_note: optionalText,
  caveat: optionalText,
  json_pointer: optionalText,
  file_metadata: z
    .looseObject({ source: optionalText, note: optionalText, consolidation_date: isoDaySchema.optional() })
    .optional(),
  url: optionalText,
  title: optionalText,
  publisher: optionalText,
  date: optionalText,
  cites: optionalText,
  note: optionalText,
  licence: optionalText,
});
export type SourceRecord = z.infer<typeof sourceSchema>;

export const regimeSchema = z.enum(['WASSENAAR', 'EU', 'US_EAR', 'UK', 'HK']);

export const provisionRefSchema = z.strictObject({
  regime: regimeSchema,
  code: z.string().min(1),
  optional: z.boolean().optional(),
});
export type ProvisionRef = z.infer<typeof provisionRefSchema>;
