// Dataset "us-ccl": the 606 rows of us_ccl_full.json as ENTRY provisions of the US Commerce
// Control List, each with its paragraph tree (PARAGRAPH provisions). The sensor-relevant
// entries of control_entries.json come from the same repository file; their notes are merged
// into the same entry rows here, so each row has a single owner. A row whose code the eCFR
// history (us_ccl_history.json) holds in its last snapshot carries the history's latest version
// instead of this file's text, which it keeps in `extra` (us-ccl-current-versions.ts; the
// reconciliation of the two files is described at the top of us-ccl-history.ts).
import { z } from 'zod';
import { itemTypeFromProductGroup, productGroupFromCode } from '../../domain/item-type.js';
import { citationFromSource, CitationSet, CITATION_TABLE } from '../citations.js';
import type { Importer } from '../importer.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { jurisdictionIdsByCode, SeedReferenceError } from '../reference-lookups.js';
import { seedFile } from '../seed-files.js';
import { stableId } from '../stable-id.js';
import { syncTable, type TableSpec } from '../sync.js';
import { CONTROL_ENTRIES_FILE, controlEntryNotes, type ControlEntryRecord } from './control-entry-records.js';
import { CONTROL_LISTS_FILE, listSource } from './reference.js';
import { categoryNumber, parseCclEntry, productGroupLetter } from './us-ccl-entry-fields.js';
import { checkNoOverlap, takeOver, type CclRow } from './us-ccl-current-versions.js';
import { CCL_HISTORY_FILE } from './us-ccl-history-file.js';
import {
  currentMainListVersions,
  historyCitation,
  mainListRecords,
  type TextComparison,
} from './us-ccl-history-versions.js';
import { ECCN, US_CCL_LIST, usEntrySourceKey } from './us-ccl-keys.js';
import { parseCclParagraphs } from './us-ccl-paragraphs.js';

export { US_CCL_LIST, usEntrySourceKey } from './us-ccl-keys.js';

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

const cclEntryFixesSchema = z.strictObject({
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
type CclEntryFix = z.infer<typeof cclEntryFixesSchema>['fixes'][number];

export const CCL_FILE = seedFile('ccl', 'data/us_ccl_full.json', cclFileSchema);
export const CCL_ENTRY_FIXES_FILE = seedFile('cclEntryFixes', 'editorial/ccl-entry-fixes.json', cclEntryFixesSchema);

/**
 * Columns only the list texts that carry them write (printed and Wassenaar codes, markers, the
 * source's exponent, number-format and defect records); the US list and the control-entry
 * records have none of them.
 */
export type ListDetailColumn =
  | 'printedCode'
  | 'wassenaarCode'
  | 'regimeMarkers'
  | 'exponentNotes'
  | 'numberFormatNotes'
  | 'sourceDefects'
  | 'extra'
  | 'inMainList';

/** A provision row: every column but `supersedesId`, which the links dataset owns, and the list details. */
export type ProvisionRow = SeedRow<'ControlProvision', 'supersedesId' | ListDetailColumn>;

/** ControlProvision rows of control-entries (the other lists' records). */
export const PROVISION_TABLE: TableSpec<'ControlProvision', ProvisionRow> = {
  model: 'ControlProvision',
  key: ['sourceKey'],
  references: ['controlListId', 'jurisdictionId', 'parentId', 'citationId'],
};

/** The current CCL's rows, with the history's content where its latest version took a row over. */
const CCL_PROVISION_TABLE: TableSpec<'ControlProvision', CclRow> = {
  model: 'ControlProvision',
  key: ['sourceKey'],
  references: ['controlListId', 'jurisdictionId', 'parentId', 'citationId'],
  insertAsJson: true,
};

/** Where the row sits in us_ccl_full.json, in the same notation control_entries.json uses. */
export function cclJsonPointer(category: string, productGroup: string, sourceCode: string): string {
  return `category '${category}' > product_group '${productGroup}' > eccn code '${sourceCode}'`;
}

function applyFix(
  fixes: readonly CclEntryFix[],
  category: string,
  sourceCode: string,
  description: string,
): CclEntryFix | undefined {
  return fixes.find(
    (fix) =>
      fix.category === category && fix.sourceCode === sourceCode && description.startsWith(fix.descriptionStartsWith),
  );
}

export const usCclImporter: Importer = {
  name: 'us-ccl',
  files: [CCL_FILE, CONTROL_ENTRIES_FILE, CONTROL_LISTS_FILE, CCL_ENTRY_FIXES_FILE, CCL_HISTORY_FILE],
  dependsOn: ['reference'],
  async load(ctx) {
    const [ccl, entries, listsFile, fixesFile, history] = await Promise.all([
      ctx.files.get(CCL_FILE),
      ctx.files.get(CONTROL_ENTRIES_FILE),
      ctx.files.get(CONTROL_LISTS_FILE),
      ctx.files.get(CCL_ENTRY_FIXES_FILE),
      ctx.files.get(CCL_HISTORY_FILE),
    ]);
    const listConfig = listsFile.controlLists.find((list) => list.sourceKey === US_CCL_LIST);
    const sourceRecord = entries.find((record) => record.id === listConfig?.citationFromRecord);
    if (!listConfig || !sourceRecord) {
      throw new SeedReferenceError(`editorial/control-lists.json has no usable entry for ${US_CCL_LIST}`);
    }
    const source = listSource(sourceRecord);

    const list = await ctx.tx.controlList.findUnique({
      where: { sourceKey: US_CCL_LIST },
      select: { id: true, textDate: true },
    });
    if (!list) {
      throw new SeedReferenceError(`Control list ${US_CCL_LIST} is missing: the reference dataset must load first`);
    }
    const jurisdictionId = (await jurisdictionIdsByCode(ctx.tx))('US');

    // control_entries.json records of the current CCL, by code (their notes enrich the entry rows).
    const usRecords = new Map<string, ControlEntryRecord>();
    for (const record of entries) {
      if (record.id === usEntrySourceKey(record.code)) usRecords.set(record.code, record);
    }

    const citations = new CitationSet();
    const entryRows: CclRow[] = [];
    const paragraphRows: CclRow[] = [];
    const seenCodes = new Set<string>();
    /** Where each code's text is in us_ccl_full.json (kept with a row the history takes over). */
    const sections = new Map<string, string>();

    for (const category of ccl) {
      const categoryNo = categoryNumber(category.name);
      for (const group of category.product_groups) {
        for (const eccn of group.eccn) {
          const fix = ECCN.test(eccn.code)
            ? undefined
            : applyFix(fixesFile.fixes, category.name, eccn.code, eccn.description);
          if (!ECCN.test(eccn.code) && !fix) {
            throw new SeedReferenceError(
              `us_ccl_full.json: "${eccn.code}" in ${category.name} is not an ECCN and editorial/ccl-entry-fixes.json has no fix for it`,
            );
          }
          const code = fix?.code ?? eccn.code;
          if (seenCodes.has(code)) throw new SeedReferenceError(`us_ccl_full.json: ECCN ${code} occurs twice`);
          seenCodes.add(code);
          if (fix)
            ctx.log('seed: CCL row stored under an editorial code', { sourceCode: eccn.code, code, why: fix.why });

          const productGroup = productGroupLetter(group.name) ?? productGroupFromCode(code);
          const itemType = fix && !fix.itemTypeFromProductGroup ? null : itemTypeFromProductGroup(productGroup);
          const title = fix?.stripCodeFromTitle ? eccn.description.slice(code.length).trim() : eccn.description;
          const parsed = parseCclEntry(eccn.details);
          const record = usRecords.get(code);
          const entryKey = usEntrySourceKey(code);
          const entryId = stableId('ControlProvision', entryKey);
          const section = cclJsonPointer(category.name, group.name, eccn.code);
          const citationId = citations.add(citationFromSource({ ...source, json_pointer: section }));
          const inherited = {
            controlListId: list.id,
            regime: 'US_EAR' as const,
            jurisdictionId,
            entryCode: code,
            category: categoryNo,
            categoryName: category.name,
            productGroup,
            itemType,
            status: 'CURRENT' as const,
            validFrom: null,
            validTo: null,
            textDate: list.textDate,
            citationId,
          };
          entryRows.push({
            ...inherited,
            id: entryId,
            sourceKey: entryKey,
            kind: 'ENTRY',
            code,
            title: title.length > 0 ? title : code,
            text: eccn.details,
            reasonsForControl: parsed.reasonsForControl,
            controlTable: jsonColumn(parsed.controlTable),
            licenceExceptions: jsonColumn(parsed.licenceExceptions),
            relatedControls: parsed.relatedControls,
            notes: record ? controlEntryNotes(record) : null,
            exponentNotes: jsonColumn(null),
            extra: jsonColumn(null),
            parentId: null,
            ordinal: entryRows.length,
          });
          sections.set(code, section);

          const tree = parseCclParagraphs(eccn.details);
          if (tree.duplicates.length > 0) {
            ctx.log('seed: repeated paragraph codes merged into their first occurrence', {
              entry: code,
              paragraphs: tree.duplicates,
            });
          }
          for (const paragraph of tree.paragraphs) {
            const key = `${entryKey}.${paragraph.path}`;
            paragraphRows.push({
              ...inherited,
              id: stableId('ControlProvision', key),
              sourceKey: key,
              kind: 'PARAGRAPH',
              code: `${code}.${paragraph.path}`,
              title: paragraph.title,
              text: paragraph.text,
              reasonsForControl: [],
              controlTable: jsonColumn(null),
              licenceExceptions: jsonColumn(null),
              relatedControls: null,
              notes: paragraph.notes,
              exponentNotes: jsonColumn(null),
              extra: jsonColumn(null),
              parentId: paragraph.parentPath
                ? stableId('ControlProvision', `${entryKey}.${paragraph.parentPath}`)
                : entryId,
              ordinal: paragraph.ordinal,
            });
            sections.set(`${code}.${paragraph.path}`, section);
          }
        }
      }
    }

    for (const code of usRecords.keys()) {
      if (!seenCodes.has(code)) {
        throw new SeedReferenceError(`control_entries.json: ${usEntrySourceKey(code)} has no row in us_ccl_full.json`);
      }
    }

    // The history's latest version of a code takes its row over; a code the history no longer
    // holds keeps this file's text, which must then not overlap a history version in time.
    const current = currentMainListVersions(history);
    const records = mainListRecords(history);
    const compared: Record<TextComparison, string[]> = { identical: [], 'same-after-normalising': [], differs: [] };
    const withHistory = (row: CclRow): CclRow => {
      const held = current.get(row.code);
      if (!held) {
        const record = records.get(row.code);
        if (record) checkNoOverlap(row.code, record, list.textDate);
        return row;
      }
      const citationId = citations.add(historyCitation(history, held.record));
      const section = sections.get(row.code) ?? '';
      const taken = takeOver(row, held, citationId, { section, textDate: list.textDate });
      compared[taken.comparison].push(row.code);
      return taken.row;
    };
    const rows = [...entryRows, ...paragraphRows].map(withHistory);
    ctx.log("seed: CCL rows holding the history's latest version, by how the text of us_ccl_full.json compares", {
      identical: compared.identical.length,
      sameAfterNormalising: compared['same-after-normalising'].length,
      differs: compared.differs.length,
      differingCodes: compared.differs,
    });

    await syncTable(ctx, CITATION_TABLE, citations.rows());
    // Entries first, then paragraphs in text order: every parent is inserted before its children.
    await syncTable(ctx, CCL_PROVISION_TABLE, rows);
  },
};
