// Dataset "control-entries": the worked-out records of control_entries.json. Records of the
// current US CCL and of EU Annex I add their verbatim key thresholds to the entry rows loaded
// by "us-ccl" and "eu-annex-i" (which read the lists whole and own those rows); the Hong Kong
// and older US records become provisions of their own lists, with their thresholds. These
// verbatim thresholds stay unencoded: the encoded criteria are rows of their own (dataset
// threshold-encodings).
import type { ProvisionKind, Regime } from '../../generated/prisma/client.js';
import { itemTypeFromCode, productGroupFromCode } from '../../domain/item-type.js';
import { citationFromSource, CitationSet, CITATION_TABLE } from '../citations.js';
import type { Importer } from '../importer.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import {
  controlListIdsBySourceKey,
  jurisdictionIdsByCode,
  provisionIndex,
  SeedReferenceError,
} from '../reference-lookups.js';
import { stableId } from '../stable-id.js';
import { syncTable, type TableSpec } from '../sync.js';
import {
  CONTROL_ENTRIES_FILE,
  controlEntryNotes,
  exponentNoteApplies,
  type ControlEntryRecord,
} from './control-entry-records.js';
import { EU_ANNEX_I_LIST, euProvisionSourceKey } from './eu-annex-i-records.js';
import { CONTROL_LISTS_FILE, type ControlListsEditorial } from './reference.js';
import { PROVISION_TABLE, usEntrySourceKey, type ProvisionRow } from './us-ccl.js';
import { categoryNumber } from './us-ccl-entry-fields.js';

/** A verbatim key threshold: text only; the criterion columns stay empty (encoded rows are separate). */
type VerbatimThresholdRow = Pick<
  SeedRow<'Threshold'>,
  'id' | 'sourceKey' | 'provisionId' | 'paragraph' | 'textVerbatim' | 'exponentNote' | 'ordinal' | 'citationId'
>;

const VERBATIM_THRESHOLD_TABLE: TableSpec<'Threshold', VerbatimThresholdRow> = {
  model: 'Threshold',
  key: ['sourceKey'],
  references: ['provisionId', 'citationId'],
};

/** The list a record belongs to, per editorial/control-lists.json. */
export function listForRecord(record: ControlEntryRecord, config: ControlListsEditorial): string {
  const explicit = config.listForRecord.find((item) => item.recordId === record.id);
  if (explicit) return explicit.list;
  const byJurisdiction = config.listForJurisdiction[record.jurisdiction];
  if (!byJurisdiction) {
    throw new SeedReferenceError(`control_entries.json: no control list configured for record ${record.id}`);
  }
  return byJurisdiction;
}

/**
 * Whether another dataset owns the record's provision row: the entries of the current CCL
 * (us-ccl) and of Annex I (eu-annex-i) come from the full lists, under the records' own ids.
 */
function provisionOwnedElsewhere(record: ControlEntryRecord, listKey: string): boolean {
  if (record.id === usEntrySourceKey(record.code)) return true;
  return listKey === EU_ANNEX_I_LIST && record.id === euProvisionSourceKey(record.code);
}

export const controlEntriesImporter: Importer = {
  name: 'control-entries',
  files: [CONTROL_ENTRIES_FILE, CONTROL_LISTS_FILE],
  dependsOn: ['reference', 'us-ccl', 'eu-annex-i'],
  async load(ctx) {
    const [entries, listsFile] = await Promise.all([
      ctx.files.get(CONTROL_ENTRIES_FILE),
      ctx.files.get(CONTROL_LISTS_FILE),
    ]);
    const listId = await controlListIdsBySourceKey(ctx.tx);
    const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
    const provisions = await provisionIndex(ctx.tx);
    const lists = new Map(
      (await ctx.tx.controlList.findMany({ select: { sourceKey: true, regime: true, textDate: true } })).map((row) => [
        row.sourceKey,
        row,
      ]),
    );
    const listConfigs = new Map(listsFile.controlLists.map((list) => [list.sourceKey, list]));

    const citations = new CitationSet();
    const provisionRows: ProvisionRow[] = [];
    const thresholdRows: VerbatimThresholdRow[] = [];

    for (const record of entries) {
      const listKey = listForRecord(record, listsFile);
      const list = lists.get(listKey);
      const listConfig = listConfigs.get(listKey);
      if (!list || !listConfig) throw new SeedReferenceError(`Control list ${listKey} (for ${record.id}) is missing`);

      let provisionId: string;
      if (provisionOwnedElsewhere(record, listKey)) {
        // A current CCL or Annex I entry: loaded by us-ccl or eu-annex-i from the whole list.
        const existing = provisions.bySourceKey(record.id);
        if (!existing) {
          throw new SeedReferenceError(
            `${record.id} is not in the database: the us-ccl and eu-annex-i datasets must load first`,
          );
        }
        provisionId = existing.id;
      } else {
        // Historical texts (Hong Kong, the older US edition) are superseded versions with unknown dates.
        const historical = listConfig.provisionStatus === 'SUPERSEDED';
        // A code with a paragraph path (6A003.b.4) is a paragraph without its entry in this list.
        const kind: ProvisionKind = /^\d[A-E]\d{3}$/.test(record.code) ? 'ENTRY' : 'PARAGRAPH';
        const status = listConfig.provisionStatus;
        const regime: Regime = list.regime;
        provisionId = stableId('ControlProvision', record.id);
        const text = record.key_thresholds_verbatim.map((threshold) => threshold.text).join('\n\n');
        provisionRows.push({
          id: provisionId,
          sourceKey: record.id,
          controlListId: listId(listKey),
          regime,
          jurisdictionId: jurisdictionId(listConfig.jurisdiction),
          kind,
          code: record.code,
          entryCode: record.code.split('.')[0] ?? record.code,
          title: record.title,
          // items_text_verbatim is "None" for these records: the key thresholds are all the text we have.
          text,
          category: categoryNumber(record.category),
          categoryName: record.category,
          productGroup: productGroupFromCode(record.code),
          itemType: itemTypeFromCode(record.code),
          reasonsForControl: record.reasons_for_control ?? [],
          controlTable: jsonColumn(null),
          licenceExceptions: jsonColumn(null),
          relatedControls: record.related_controls ?? null,
          notes: controlEntryNotes(record),
          parentId: null,
          ordinal: provisionRows.length,
          status,
          validFrom: null,
          validTo: null,
          textDate: historical ? null : list.textDate,
          citationId: citations.add(citationFromSource(record.source, record.source.json_pointer ?? record.code)),
        });
      }

      record.key_thresholds_verbatim.forEach((threshold, index) => {
        const recordNote =
          record.exponent_note && exponentNoteApplies(record.exponent_note, threshold.paragraph, threshold.text)
            ? record.exponent_note
            : null;
        const sourceKey = `${record.id}#threshold-${index}`;
        thresholdRows.push({
          id: stableId('Threshold', sourceKey),
          sourceKey,
          provisionId,
          paragraph: threshold.paragraph,
          textVerbatim: threshold.text,
          exponentNote: threshold.exponent_note ?? recordNote,
          ordinal: index,
          citationId: citations.add(citationFromSource(record.source, threshold.paragraph)),
        });
      });
    }

    await syncTable(ctx, CITATION_TABLE, citations.rows());
    await syncTable(ctx, PROVISION_TABLE, provisionRows);
    await syncTable(ctx, VERBATIM_THRESHOLD_TABLE, thresholdRows);
  },
};
