// Dataset "reference": the jurisdictions and the control lists every provision belongs to.
// A list's citation is the source of the record named in editorial/control-lists.json (the
// US CCL's is the GitHub file us_ccl_full.json and control_entries.json were taken from).
import { citationFromSource, CitationSet } from './citations.js';
import type { ControlEntryRecord, SourceRecord } from './read-seed-files.js';
import type { LoaderContext } from './seed-context.js';
import { parseIsoDay, stableId } from './stable-id.js';
import { syncTable } from './sync-rows.js';
import { citationTable, controlListTable, jurisdictionTable, type ControlListRow, type JurisdictionRow } from './table-writers.js';

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

export async function loadJurisdictionsAndLists(ctx: LoaderContext): Promise<void> {
  const [jurisdictionsFile, listsFile, entries] = await Promise.all([
    ctx.files.get('jurisdictions'),
    ctx.files.get('controlLists'),
    ctx.files.get('controlEntries'),
  ]);

  const jurisdictions: JurisdictionRow[] = jurisdictionsFile.jurisdictions.map((item) => ({
    id: stableId('Jurisdiction', item.code),
    ...item,
  }));
  await syncTable(ctx, jurisdictionTable(ctx.tx, jurisdictions));

  const recordsById = new Map(entries.map((record) => [record.id, record]));
  const citations = new CitationSet();
  const lists: ControlListRow[] = listsFile.controlLists.map((list) => {
    const record = recordsById.get(list.citationFromRecord);
    if (!record) throw new ControlListConfigError(`control list ${list.sourceKey}: record ${list.citationFromRecord} is not in control_entries.json`);
    const source = listSource(record);
    const version = 'text' in list.version ? list.version.text : sourceField(source, list.version.fromSource);
    if (!version) throw new ControlListConfigError(`control list ${list.sourceKey}: source field ${JSON.stringify(list.version)} is empty`);
    const textDateText = list.textDate ? sourceField(source, list.textDate.fromSource) : null;
    const textDate = parseIsoDay(textDateText);
    if (list.textDate && !textDate) {
      throw new ControlListConfigError(`control list ${list.sourceKey}: source field ${list.textDate.fromSource} is not a date (${String(textDateText)})`);
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
      citationId: citations.add(citationFromSource(source, null)),
    };
  });
  await syncTable(ctx, citationTable(ctx.tx, citations.rows()));
  await syncTable(ctx, controlListTable(ctx.tx, lists));
}
