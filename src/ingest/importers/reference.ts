// Dataset "reference": the jurisdictions and the control lists every provision belongs to.
// A list's citation is the source of the record named in editorial/control-lists.json (the
// US CCL's is the GitHub file us_ccl_full.json and control_entries.json were taken from), or,
// for EU Annex I, the file the whole list is imported from (eu_annex_i.json).
import { z } from 'zod';
import { citationFromSource, CitationSet, CITATION_TABLE } from '../citations.js';
import type { Importer } from '../importer.js';
import type { SeedRow } from '../model-rows.js';
import { seedFile } from '../seed-files.js';
import { regimeSchema, type SourceRecord } from '../source-record.js';
import { stableId } from '../stable-id.js';
import { parseIsoDay } from '../stated-dates.js';
import { syncTable, type TableSpec } from '../sync.js';
import { CONTROL_ENTRIES_FILE, type ControlEntryRecord } from './control-entry-records.js';
import { EU_ANNEX_I_FILE, euCitation } from './eu-annex-i-records.js';

export const JURISDICTIONS_FILE = seedFile(
  'jurisdictions',
  'editorial/jurisdictions.json',
  z.strictObject({
    jurisdictions: z.array(
      z.strictObject({
        code: z.string().min(2),
        name: z.string().min(1),
        kind: z.enum(['STATE', 'UNION', 'MULTILATERAL_REGIME', 'TERRITORY']),
      }),
    ),
  }),
);

const fromSource = z.strictObject({ fromSource: z.string().min(1) });

export const controlListsEditorialSchema = z.strictObject({
  controlLists: z.array(
    z.strictObject({
      sourceKey: z.string().min(1),
      regime: regimeSchema,
      jurisdiction: z.string().min(2),
      name: z.string().min(1),
      /** The control_entries.json record whose source the list cites... */
      citationFromRecord: z.string().min(1).optional(),
      /** ...or the data file the whole list comes from (its `source`); exactly one of the two. */
      citationFromFile: z.literal(EU_ANNEX_I_FILE.path).optional(),
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

export const CONTROL_LISTS_FILE = seedFile('controlLists', 'editorial/control-lists.json', controlListsEditorialSchema);

const JURISDICTION_TABLE: TableSpec<'Jurisdiction'> = { model: 'Jurisdiction', key: ['code'] };
/** The lists of the reference data are all main lists (the column's default). */
type ControlListRow = SeedRow<'ControlList', 'isMain'>;

const CONTROL_LIST_TABLE: TableSpec<'ControlList', ControlListRow> = {
  model: 'ControlList',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
};

export class ControlListConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlListConfigError';
  }
}

/** Reads a dotted path ("file_metadata.consolidation_date") from a record's source as text. */
function sourceField(source: SourceRecord, path: string): string | null {
  let value: unknown = source;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'string' ? value : null;
}

/** The source of a list, without the per-entry pointer (the list cites the file as a whole). */
export function listSource(record: ControlEntryRecord): SourceRecord {
  const { json_pointer: _pointer, ...rest } = record.source;
  return rest;
}

export const referenceImporter: Importer = {
  name: 'reference',
  files: [JURISDICTIONS_FILE, CONTROL_LISTS_FILE, CONTROL_ENTRIES_FILE, EU_ANNEX_I_FILE],
  dependsOn: [],
  async load(ctx) {
    const [jurisdictionsFile, listsFile, entries, euAnnexI] = await Promise.all([
      ctx.files.get(JURISDICTIONS_FILE),
      ctx.files.get(CONTROL_LISTS_FILE),
      ctx.files.get(CONTROL_ENTRIES_FILE),
      ctx.files.get(EU_ANNEX_I_FILE),
    ]);

    const jurisdictions: Array<SeedRow<'Jurisdiction'>> = jurisdictionsFile.jurisdictions.map((item) => ({
      id: stableId('Jurisdiction', item.code),
      ...item,
    }));
    await syncTable(ctx, JURISDICTION_TABLE, jurisdictions);

    const recordsById = new Map(entries.map((record) => [record.id, record]));
    const citations = new CitationSet();
    const lists = listsFile.controlLists.map((list): ControlListRow => {
      if ((list.citationFromRecord === undefined) === (list.citationFromFile === undefined)) {
        throw new ControlListConfigError(
          `control list ${list.sourceKey}: give exactly one of citationFromRecord and citationFromFile`,
        );
      }
      let source: SourceRecord;
      let citationId: string;
      if (list.citationFromFile !== undefined) {
        source = euAnnexI.source;
        citationId = citations.add(euCitation(euAnnexI.source, euAnnexI.source));
      } else {
        const record = recordsById.get(list.citationFromRecord ?? '');
        if (!record) {
          throw new ControlListConfigError(
            `control list ${list.sourceKey}: record ${list.citationFromRecord} is not in control_entries.json`,
          );
        }
        source = listSource(record);
        citationId = citations.add(citationFromSource(source, null));
      }
      const version = 'text' in list.version ? list.version.text : sourceField(source, list.version.fromSource);
      if (!version) {
        throw new ControlListConfigError(
          `control list ${list.sourceKey}: source field ${JSON.stringify(list.version)} is empty`,
        );
      }
      const textDateText = list.textDate ? sourceField(source, list.textDate.fromSource) : null;
      const textDate = parseIsoDay(textDateText);
      if (list.textDate && !textDate) {
        throw new ControlListConfigError(
          `control list ${list.sourceKey}: source field ${list.textDate.fromSource} is not a date (${String(textDateText)})`,
        );
      }
      return {
        id: stableId('ControlList', list.sourceKey),
        sourceKey: list.sourceKey,
        regime: list.regime,
        jurisdictionId: stableId('Jurisdiction', list.jurisdiction),
        name: list.name,
        version,
        textDate,
        versionNote: list.versionNote,
        citationId,
      };
    });
    await syncTable(ctx, CITATION_TABLE, citations.rows());
    await syncTable(ctx, CONTROL_LIST_TABLE, lists);
  },
};
