// The rows the CCL history dataset writes, built from us_ccl_history.json and a few look-ups
// of rows other datasets hold (the current list's rows, the lists, the rules): the supplementary
// lists, a ControlProvision row per version the current list's dataset does not write, the
// notes of every version and its candidate rules. Pure: the look-ups come in as functions.
import { itemTypeFromProductGroup, productGroupFromCode } from '../../domain/item-type.js';
import type { AmendmentLinkKind } from '../../generated/prisma/client.js';
import type { CitationSet } from '../citations.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { stableId } from '../stable-id.js';
import { parseIsoDay } from '../stated-dates.js';
import type { SupersedesLink } from './us-ccl-history-chain.js';
import {
  SUPPLEMENTS,
  type HistoryFile,
  type HistoryRecord,
  type HistoryVersion,
  type Supplement,
} from './us-ccl-history-file.js';
import { noteFields } from './us-ccl-history-notes.js';
import {
  historyCitation,
  historyVersionKey,
  isInLatestSnapshot,
  SUPPLEMENT_LISTS,
  versionContent,
  versionRowKey,
} from './us-ccl-history-versions.js';
import { ECCN, usEntrySourceKey } from './us-ccl-keys.js';

export type HistoryProvisionRow = SeedRow<'ControlProvision'>;
export type SupplementListRow = SeedRow<'ControlList'>;
export type HistoryNoteRow = SeedRow<'ProvisionNote'>;
export type AmendmentRow = SeedRow<'ProvisionAmendment'>;

/** Ordinals of current history-only rows start here, after the current list's own paragraphs. */
const HISTORY_ONLY_ORDINAL = 10_000;

/** Each candidate list of a version, the list saying which of them matched its supplement, and the link kind. */
const CANDIDATE_LISTS: ReadonlyArray<{
  all: keyof HistoryVersion;
  sameSupplement: keyof HistoryVersion;
  kind: AmendmentLinkKind;
}> = [
  {
    all: 'changed_by_candidates',
    sameSupplement: 'changed_by_candidates_same_supplement',
    kind: 'CHANGED_BY_CANDIDATE',
  },
  {
    all: 'changed_by_retroactive_candidates',
    sameSupplement: 'changed_by_retroactive_candidates_same_supplement',
    kind: 'CHANGED_BY_RETROACTIVE_CANDIDATE',
  },
  {
    all: 'removed_by_candidates',
    sameSupplement: 'removed_by_candidates_same_supplement',
    kind: 'REMOVED_BY_CANDIDATE',
  },
  {
    all: 'removed_by_retroactive_candidates',
    sameSupplement: 'removed_by_retroactive_candidates_same_supplement',
    kind: 'REMOVED_BY_RETROACTIVE_CANDIDATE',
  },
];

function documentNumbers(version: HistoryVersion, field: keyof HistoryVersion): string[] {
  const value = version[field];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Supplements No. 5, 6 and 7 as lists of their own, named as the source heads them. */
export function supplementListRows(file: HistoryFile, jurisdictionId: string, citationId: string): SupplementListRow[] {
  const snapshots = file.snapshots.map((snapshot) => snapshot.date);
  return SUPPLEMENTS.filter((supplement) => supplement !== '1').map((supplement) => {
    const sourceKey = SUPPLEMENT_LISTS[supplement];
    const headings = file.paragraphs.find((record) => record.supplement === supplement)?.supplement_headings ?? [];
    return {
      id: stableId('ControlList', sourceKey),
      sourceKey,
      regime: 'US_EAR',
      jurisdictionId,
      name: headings[headings.length - 1] ?? `Supplement No. ${supplement} to part 774`,
      version: `eCFR point-in-time snapshots ${snapshots[0] ?? ''} to ${snapshots[snapshots.length - 1] ?? ''}`,
      textDate: parseIsoDay(snapshots[snapshots.length - 1]),
      versionNote:
        'Codes are those the history repository parser assigned; they can differ from the CCL paragraph an entry cites.',
      isMain: false,
      citationId,
    };
  });
}

/** A row of the main list as the history's rows need it: to hang under, to name a category, or held by us-ccl. */
export interface MainListRow {
  id: string;
  status: string;
  category: string;
  categoryName: string;
}

export interface HistoryLookups {
  jurisdictionId: string;
  /** The list of a supplement (Supplement No. 1: the CCL). */
  listId(supplement: Supplement): string;
  /** The current list's row with this source key, if any. */
  mainRow(sourceKey: string): MainListRow | undefined;
  /** The category heading the current list gives a category number. */
  categoryName(category: string): string;
  /** The amending act of a Federal Register document number, if the rules file has it. */
  actId(documentNumber: string): string | undefined;
  /** Codes whose latest version is the us-ccl row of the code. */
  takenOver: ReadonlySet<string>;
}

export interface HistoryRows {
  provisions: HistoryProvisionRow[];
  notes: HistoryNoteRow[];
  links: AmendmentRow[];
  /** The supersedes links of the rows us-ccl writes for the latest versions (this dataset's rows carry their own). */
  takenOverLinks: SupersedesLink[];
  /** Candidate document numbers the rules file lacks, with the number of versions naming them. */
  unknownCandidates: Map<string, number>;
  versions: number;
}

/** The current row of the nearest ancestor code: the source's ancestors first (nearest last), then the code's prefixes. */
function currentParent(record: HistoryRecord, lookups: HistoryLookups): string | null {
  const ancestors = [...(record.context[record.context.length - 1]?.ancestors ?? [])].reverse();
  const segments = record.code.split('.');
  for (let length = segments.length - 1; length >= 1; length -= 1) ancestors.push(segments.slice(0, length).join('.'));
  for (const ancestor of ancestors) {
    const row = lookups.mainRow(usEntrySourceKey(ancestor));
    if (row && row.status === 'CURRENT' && ancestor !== record.code) return row.id;
  }
  return null;
}

function provisionRow(
  record: HistoryRecord,
  index: number,
  recordIndex: number,
  ids: { id: string; sourceKey: string; supersedesId: string | null; citationId: string },
  lookups: HistoryLookups,
): HistoryProvisionRow {
  const content = versionContent(record, index);
  const mainList = record.supplement === '1';
  const productGroup = /^\d([A-E])$/.exec(record.group)?.[1] ?? productGroupFromCode(record.code);
  const currentHere = mainList && content.status === 'CURRENT';
  return {
    ...ids,
    controlListId: lookups.listId(record.supplement),
    regime: 'US_EAR',
    jurisdictionId: lookups.jurisdictionId,
    kind: mainList && ECCN.test(record.code) ? 'ENTRY' : 'PARAGRAPH',
    code: record.code,
    entryCode: record.code.split('.')[0] ?? record.code,
    title: content.title,
    text: content.text,
    category: record.category,
    categoryName: lookups.categoryName(record.category),
    productGroup,
    itemType: itemTypeFromProductGroup(productGroup),
    reasonsForControl: [],
    controlTable: jsonColumn(null),
    licenceExceptions: jsonColumn(null),
    relatedControls: null,
    notes: null,
    printedCode: null,
    wassenaarCode: null,
    regimeMarkers: [],
    exponentNotes: jsonColumn(content.exponentNotes),
    numberFormatNotes: jsonColumn(null),
    sourceDefects: jsonColumn(null),
    extra: jsonColumn({ history: content.history }),
    inMainList: mainList,
    parentId: currentHere ? currentParent(record, lookups) : null,
    ordinal: currentHere ? HISTORY_ONLY_ORDINAL + recordIndex : recordIndex,
    status: content.status,
    validFrom: content.validFrom,
    validTo: content.validTo,
    textDate: content.textDate,
  };
}

/**
 * Every version's rows, record by record and oldest version first, so a version is inserted
 * after the one it supersedes. Notes are keyed by their version (not by the row holding it),
 * so a note stays with its version when a newer one takes the current list's row over.
 */
export function historyRows(file: HistoryFile, lookups: HistoryLookups, citations: CitationSet): HistoryRows {
  const out: HistoryRows = {
    provisions: [],
    notes: [],
    links: [],
    takenOverLinks: [],
    unknownCandidates: new Map(),
    versions: 0,
  };
  file.paragraphs.forEach((record, recordIndex) => {
    const citationId = citations.add(historyCitation(file, record));
    let previousId: string | null = null;
    record.versions.forEach((version, index) => {
      const sourceKey = versionRowKey({ record, index, version }, lookups.takenOver);
      const usCclRow = record.supplement === '1' && isInLatestSnapshot(version) && lookups.takenOver.has(record.code);
      const id = (usCclRow ? lookups.mainRow(sourceKey)?.id : undefined) ?? stableId('ControlProvision', sourceKey);
      const supersedesId = previousId;
      previousId = id;
      out.versions += 1;
      if (usCclRow) {
        if (supersedesId) out.takenOverLinks.push({ id, supersedesId });
      } else {
        out.provisions.push(
          provisionRow(record, index, recordIndex, { id, sourceKey, supersedesId, citationId }, lookups),
        );
      }

      const versionKey = historyVersionKey(record, version);
      version.notes.forEach((text, position) => {
        const fields = noteFields(text);
        const noteKey = `${versionKey}#note-${position + 1}`;
        out.notes.push({
          id: stableId('ProvisionNote', noteKey),
          sourceKey: noteKey,
          provisionId: id,
          kind: fields.kind,
          label: fields.label,
          text,
          ordinal: position,
          appliesTo: [],
          codesMentioned: fields.codesMentioned,
          scopeInText: null,
          extra: jsonColumn(fields.labelled ? null : { labelled: false }),
          citationId,
        });
      });

      for (const list of CANDIDATE_LISTS) {
        const sameSupplement = new Set(documentNumbers(version, list.sameSupplement));
        for (const documentNumber of new Set(documentNumbers(version, list.all))) {
          const actId = lookups.actId(documentNumber);
          if (!actId) {
            out.unknownCandidates.set(documentNumber, (out.unknownCandidates.get(documentNumber) ?? 0) + 1);
            continue;
          }
          out.links.push({
            provisionId: id,
            actId,
            kind: list.kind,
            basis: 'inferred-by-date',
            sameListPart: sameSupplement.has(documentNumber),
          });
        }
      }
    });
  });
  return out;
}
