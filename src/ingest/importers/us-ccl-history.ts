// Dataset "us-ccl-history": every version of every leaf paragraph of 15 CFR part 774
// Supplements No. 1, 5, 6 and 7 in us_ccl_history.json (eCFR point-in-time snapshots
// 2017-01-15 .. 2025-09-29) as ControlProvision rows, their eCFR notes as ProvisionNote rows,
// and the rules each version may have come from or ended with as ProvisionAmendment rows.
//
// Reading a date. The history gives the text in force on each snapshot date; "to read date D,
// take the version holding the latest snapshot on or before D". So a version is valid from its
// first snapshot (validFrom) to the next snapshot after its last one (validTo, exclusive), where
// a later version starts or the leaf is gone; a version the last snapshot still holds is CURRENT
// with no end. Before 2017-01-15 no version is valid (the text is unknown, not absent).
//
// Supplements. Supplement No. 1 is the CCL itself: its versions belong to the main list
// (US-EAR-CCL). Supplements No. 5, 6 and 7 restate codes for other purposes; each is a list of
// its own (isMain false) and its rows have inMainList false, so code lookups and listings of
// the main list never see them. Their codes are the source parser's, kept as they are.
//
// Reconciliation with the current list (us_ccl_full.json, dataset us-ccl, text no later than
// 2025-07-11). That dataset writes one CURRENT row per ECCN and paragraph of its own parse, and
// threshold encodings, exemption links, correlations and consultations point at those rows.
// - A main-list code the history holds in its last snapshot that us-ccl also holds: the
//   history's latest version takes over us-ccl's row (same source key, id, kind, parent,
//   links). Its text, title, validity and citation become the history version's; us_ccl_full's
//   own text stays in `extra.currentList`, compared with the history's text and counted
//   (identical / same after normalising / differs), never merged. The us-ccl dataset writes
//   those rows itself (it reads the history file): a history leaf can have children in
//   us-ccl's parse (1A008 is one leaf in the history, an entry with paragraphs in us_ccl_full),
//   and rows of two datasets cannot be each other's parents, because each dataset inserts in
//   its own transaction. This dataset writes the older versions of such a code, the notes and
//   rule links of every version, and the supersedes chain of every version (see below).
// - A main-list code only the history holds (0A002, 9A005, 1E998.b.13, ...): all its versions
//   are written here, the last one CURRENT when the last snapshot holds it.
// - A code only us-ccl holds (ECCN headings and whole-entry texts of ECCNs with several
//   leaves, paragraphs above the leaves): unchanged, valid from us_ccl_full's text date, so no
//   date before it returns today's text for it. The history has no text for them then.
// - A code us-ccl holds whose history record ended before the last snapshot (the leaf 1A006
//   became an entry with paragraphs): us-ccl's row stays as it is; its history versions end
//   before us_ccl_full's text date (us-ccl refuses to load if one did not), so one date never
//   has two rows of a code.
// So: on any date at most one main-list row per code is valid, every leaf code the history
// covers reads the history's text on every date from 2017-01-15 to 2025-09-29, and without a
// date each code has exactly one CURRENT row. A row taken over is valid from its version's
// first snapshot, not from us_ccl_full's text date: 4D004, a single leaf only from 2025-09-28
// (4D004.a was the leaf before), has no row before that day, though us_ccl_full (text of
// 2025-07-11, kept in extra) holds it.
//
// Datasets. us-ccl reads the history file (its checksum covers it), this dataset depends on
// us-ccl and us-fr-rules, and the datasets that resolve current rows by code
// (threshold-encodings, links) depend on this one, whose current rows they may resolve to.
//
// Row keys. The version that took over a us-ccl row has that row's key; every other version
// is "<list>-<code>[~<occurrence>]@<first snapshot>" ("US-EAR-CCL-6A003.b.4.c@2017-01-15",
// "US-EAR-CCL-SUPP6-6A002.a.1.c~1@2017-01-15"). Notes are keyed by their version's key in that
// second form (so a note follows its version when a newer one takes the row over).
//
// Kinds and tree. A main-list version whose code is an ECCN (a whole entry that is a single
// leaf, 0A502) is an ENTRY, as the us-ccl row of the same code is; every other version is a
// PARAGRAPH. A version in force today hangs under the nearest current row of an ancestor
// code; older versions and supplementary rows have no parent (the older trees above the
// leaves are not in the source), their ancestors stay in `extra.history.context`.
//
// Supersedes chain. Each version but the first of a record supersedes the one before it
// (supersedesId): this dataset's rows carry the link themselves, and it sets the link of the
// rows us-ccl writes for the latest versions (us-ccl never writes that column; see
// us-ccl-history-chain.ts). The links dataset sets supersedesId only on the rows named in
// editorial/correlations.json, none of which is a history version (a test checks it), so the
// column has one owner per row.
//
// Rule links. changed_by_candidates (rules effective after the previous snapshot, up to and
// including the version's first), removed_by_candidates (after the version's last snapshot,
// up to the next) and their retroactive variants become ProvisionAmendment rows of basis
// "inferred-by-date": date inferences, never facts. sameListPart comes from the
// *_same_supplement lists. A candidate that is not in us_fr_rules_part774.json is counted and
// logged (its number stays in the version's `extra.history`).
import type { ImportContext, Importer } from '../importer.js';
import { citationRow, CitationSet, CITATION_TABLE } from '../citations.js';
import { jurisdictionIdsByCode, SeedReferenceError } from '../reference-lookups.js';
import { stableId } from '../stable-id.js';
import { OWNED_CONTROL_LIST_TABLE, PROVISION_NOTE_TABLE } from '../list-tables.js';
import { syncTable, type TableSpec } from '../sync.js';
import { clearChangingLinks, setLinks } from './us-ccl-history-chain.js';
import { CCL_HISTORY_FILE, checkHistoryFile, HistoryDataError } from './us-ccl-history-file.js';
import {
  historyRows,
  supplementListRows,
  type AmendmentRow,
  type HistoryProvisionRow,
  type MainListRow,
} from './us-ccl-history-rows.js';
import { currentMainListVersions, SUPPLEMENT_LISTS } from './us-ccl-history-versions.js';
import { US_CCL_LIST, usEntrySourceKey } from './us-ccl-keys.js';
import { amendingActSourceKey } from './us-fr-rules.js';

const HISTORY_PROVISION_TABLE: TableSpec<'ControlProvision', HistoryProvisionRow> = {
  model: 'ControlProvision',
  key: ['sourceKey'],
  references: ['controlListId', 'jurisdictionId', 'parentId', 'citationId'],
  // Wide rows by the hundred or thousand: one JSON parameter per batch instead of one bind parameter per field.
  insertAsJson: true,
};
const AMENDMENT_TABLE: TableSpec<'ProvisionAmendment', AmendmentRow> = {
  model: 'ProvisionAmendment',
  key: ['provisionId', 'actId', 'kind'],
  insertAsJson: true,
};

async function loadHistory(ctx: ImportContext): Promise<void> {
  const file = await ctx.files.get(CCL_HISTORY_FILE);
  checkHistoryFile(file);
  const jurisdictionId = (await jurisdictionIdsByCode(ctx.tx))('US');
  const mainList = await ctx.tx.controlList.findUnique({ where: { sourceKey: US_CCL_LIST }, select: { id: true } });
  if (!mainList) {
    throw new SeedReferenceError(`Control list ${US_CCL_LIST} is missing: the reference dataset must load first`);
  }
  const mainRows = await ctx.tx.controlProvision.findMany({
    where: { controlListId: mainList.id },
    select: { id: true, sourceKey: true, status: true, validFrom: true, category: true, categoryName: true },
  });
  const rowByKey = new Map<string, MainListRow & { validFrom: Date | null }>(
    mainRows.map((row) => [row.sourceKey, row]),
  );
  const categoryNames = new Map(mainRows.map((row) => [row.category, row.categoryName]));

  // The supplementary lists, after the citation they point at.
  const listCitations = new CitationSet();
  const listCitation = listCitations.add(
    citationRow({
      sourceType: 'GITHUB_FILE',
      url: `https://github.com/${file.source.repository}/tree/${file.source.commit}/${file.source.path}`,
      repository: file.source.repository,
      path: file.source.path,
      commit: file.source.commit,
      title: 'Per-paragraph history of 15 CFR part 774 over eCFR point-in-time snapshots',
      licence: file.licence,
    }),
  );
  const lists = supplementListRows(file, jurisdictionId, listCitation);
  await syncTable(ctx, CITATION_TABLE, listCitations.rows());
  await syncTable(ctx, OWNED_CONTROL_LIST_TABLE, lists);

  // The us-ccl rows the latest versions took over: us-ccl wrote them with the version's content.
  const takenOver = new Set<string>();
  for (const [code, held] of currentMainListVersions(file)) {
    const row = rowByKey.get(usEntrySourceKey(code));
    if (!row) continue;
    if (row.validFrom?.toISOString().slice(0, 10) !== held.version.first_seen) {
      throw new HistoryDataError(
        `${usEntrySourceKey(code)} does not hold the history's latest version (from ${held.version.first_seen}): the us-ccl dataset must load first`,
      );
    }
    takenOver.add(code);
  }

  const actIds = new Map(
    (await ctx.tx.amendingAct.findMany({ where: { regime: 'US_EAR' }, select: { id: true, sourceKey: true } })).map(
      (act) => [act.sourceKey, act.id],
    ),
  );
  const citations = new CitationSet();
  const rows = historyRows(
    file,
    {
      jurisdictionId,
      listId: (supplement) =>
        supplement === '1' ? mainList.id : stableId('ControlList', SUPPLEMENT_LISTS[supplement]),
      mainRow: (sourceKey) => rowByKey.get(sourceKey),
      categoryName: (category) => {
        const name = categoryNames.get(category);
        if (!name) throw new SeedReferenceError(`CCL category ${category} has no row in the current list`);
        return name;
      },
      actId: (documentNumber) => actIds.get(amendingActSourceKey(documentNumber)),
      takenOver,
    },
    citations,
  );

  await syncTable(ctx, CITATION_TABLE, citations.rows());
  const pendingLinks = await clearChangingLinks(ctx, rows.takenOverLinks);
  await syncTable(ctx, HISTORY_PROVISION_TABLE, rows.provisions);
  await setLinks(ctx, pendingLinks);
  await syncTable(ctx, PROVISION_NOTE_TABLE, rows.notes);
  await syncTable(ctx, AMENDMENT_TABLE, rows.links);
  ctx.log('seed: CCL history loaded', {
    records: file.paragraphs.length,
    versions: rows.versions,
    rowsWritten: rows.provisions.length,
    versionsHeldByCurrentListRows: takenOver.size,
    notes: rows.notes.length,
    ruleLinks: rows.links.length,
    candidatesNotInRulesFile: Object.fromEntries(rows.unknownCandidates),
  });
}

export const usCclHistoryImporter: Importer = {
  name: 'us-ccl-history',
  files: [CCL_HISTORY_FILE],
  dependsOn: ['reference', 'us-ccl', 'us-fr-rules'],
  load: loadHistory,
};
