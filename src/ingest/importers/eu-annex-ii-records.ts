// Each Union general export authorisation of Annex II as an exemption record in the shape of
// exemptions.json (id, name, text_verbatim, conditions, exclusions_verbatim, destinations, ...),
// so the rows the "eu-annex-ii" dataset stores and the passages the exemption encodings quote
// (seed/encodings/exemptions) come from one reading of the file. Also which Annex I codes a
// GEA names as its items. Pure, no Prisma.
import { z } from 'zod';
import { seedFile } from '../seed-files.js';
import type { SourceRecord } from '../source-record.js';
import { geaExemptionKey, type AnnexIiFile, type CommonExclusionList, type Gea } from './eu-annex-ii-source.js';
import type { ExemptionRecord } from './exemptions.js';

export const EU_ANNEX_II_EDITORIAL_FILE = seedFile(
  'euAnnexIiEditorial',
  'editorial/eu-annex-ii.json',
  z.strictObject({
    _comment: z.string().optional(),
    appliesTo: z.record(
      z.string().regex(/^EU\d{3}$/),
      z.strictObject({
        labels: z.array(z.string().min(1)).min(1),
        basis: z.string().min(1),
        why: z.string().min(1),
      }),
    ),
  }),
);
export type AnnexIiEditorial = z.output<(typeof EU_ANNEX_II_EDITORIAL_FILE)['schema']>;

/** The regime label the five GEAs of exemptions.json carried; kept so all eight read alike. */
export const GEA_REGIME_LABEL = 'EU Regulation (EU) 2021/821';
/** The instrument as Annex II names it ("Union general export authorisation No EU001"). */
export const GEA_TYPE_LABEL = 'Union general export authorisation';

export class AnnexIiRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnexIiRecordError';
  }
}

/** An Annex II GEA as an exemption record; every text field is verbatim from the file. */
export interface GeaRecord extends ExemptionRecord {
  name: string;
  text_verbatim: string[];
  conditions: string[];
  exclusions_verbatim: string[];
  destinations: string[];
  applies_to: string[];
  does_not_apply_to: string[];
}

/** Where one of the record's exclusions comes from: the GEA itself or Section I. */
export type ExclusionOrigin = 'gea' | 'common-list';

export interface GeaReading {
  record: GeaRecord;
  /** Parallel to record.exclusions_verbatim. */
  exclusionOrigins: ExclusionOrigin[];
  /** ISO codes of the destinations listed (empty for an "all except" authorisation). */
  destinations: string[];
  /** ISO codes excluded by name or by reference to another GEA's list (EU008: EU001's, then its own). */
  excludedDestinations: string[];
  /** Annex I codes Part 1 names as items covered (not back-references), in text order. */
  itemCodes: string[];
  /** Annex I codes Part 1 mentions only to refer back ("5A002.a. as above", "which is specified in"). */
  backReferences: string[];
}

/** `source` of the GEA in the shape citationFromSource reads. */
export function recordSource(file: AnnexIiFile, source: { json_pointer: string; consolidation: string }): SourceRecord {
  return {
    repo: file.source.repository,
    path: file.source.path,
    commit: file.source.commit,
    json_pointer: source.json_pointer,
    upstream: file.source.eur_lex_url,
    title: file.source.act,
    licence: file.source.licence,
    version_note: `EUR-Lex consolidation ${source.consolidation}`,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Codes a Part 1 text names as items. A code whose every mention refers back to an item named
 * elsewhere ("an item specified in 5A002.a. as above", "other than ... which is specified in
 * 1C350.57") is a back-reference, not an item covered: the conventions of the file say a
 * reference "is not always an item covered". EU006 names its items as numbered chemicals under
 * 1C350 and 1C450.a/.b: those are the paragraphs "1C350.1", "1C450.a.4" ... of Annex I.
 */
export function itemCodesNamed(gea: Gea): { itemCodes: string[]; backReferences: string[] } {
  if (gea.items.chemicals) {
    return {
      itemCodes: gea.items.chemicals.map((chemical) => `${chemical.entry}.${chemical.number}`),
      backReferences: [],
    };
  }
  const text = gea.text.part_1_items;
  const itemCodes: string[] = [];
  const backReferences: string[] = [];
  for (const code of gea.items.annex_i_codes_referenced) {
    // The code as written ("5A002.a." or "5A002.a"), not a prefix of a longer code ("5A002.a.2").
    const mention = new RegExp(`(?<![A-Za-z0-9.])${escapeRegExp(code)}(?![.]?[A-Za-z0-9])\\.?`, 'g');
    const mentions = [...text.matchAll(mention)];
    if (mentions.length === 0) throw new AnnexIiRecordError(`${gea.code}: ${code} is not in the text of Part 1`);
    const refersBack = mentions.every((match) => {
      const before = text.slice(0, match.index);
      const after = text.slice(match.index + match[0].length);
      return /^ as (above|below)\b/.test(after) || /\bwhich (is|are) specified in $/.test(before);
    });
    (refersBack ? backReferences : itemCodes).push(code);
  }
  return { itemCodes, backReferences };
}

function destinationCodes(destination: {
  iso_3166_1_alpha2: string | null;
  includes?: { iso_3166_1_alpha2: string }[];
}) {
  return [
    ...(destination.iso_3166_1_alpha2 ? [destination.iso_3166_1_alpha2] : []),
    ...(destination.includes ?? []).map((included) => included.iso_3166_1_alpha2),
  ];
}

/** ISO codes of a GEA's listed destinations, as the file maps them (checked against its own iso_codes). */
function listedCodes(gea: Gea): string[] {
  const codes = gea.destinations.listed.flatMap(destinationCodes);
  const stated = gea.destinations.iso_codes ?? [];
  if (codes.join(',') !== stated.join(',')) {
    throw new AnnexIiRecordError(
      `${gea.code}: listed destinations map to ${codes.join(',')}, iso_codes say ${stated.join(',')}`,
    );
  }
  return codes;
}

function excludedCodes(gea: Gea, byCode: ReadonlyMap<string, Gea>): string[] {
  if (gea.destinations.scope !== 'all destinations except those excluded') return [];
  const own = (gea.destinations.excluded ?? []).flatMap(destinationCodes);
  if (own.join(',') !== (gea.destinations.excluded_iso_codes ?? []).join(',')) {
    throw new AnnexIiRecordError(`${gea.code}: excluded destinations do not match excluded_iso_codes`);
  }
  // "(a) destinations eligible for export under Union general export authorisation No EU001"
  const byReference = (gea.destinations.excluded_by_reference ?? []).flatMap((clause) => {
    const other = /Union general export authorisation No (EU\d{3})/.exec(clause)?.[1];
    if (!other) return [];
    const referenced = byCode.get(other);
    if (!referenced)
      throw new AnnexIiRecordError(`${gea.code}: excludes the destinations of ${other}, not in the file`);
    return listedCodes(referenced);
  });
  return [...new Set([...byReference, ...own])];
}

/** The exclusion clauses in text order: EU008's (a), its named countries (b), then (c). */
function exclusionTexts(gea: Gea, common: CommonExclusionList): { texts: string[]; origins: ExclusionOrigin[] } {
  const texts: string[] = [];
  const origins: ExclusionOrigin[] = [];
  const add = (text: string, origin: ExclusionOrigin) => {
    texts.push(text);
    origins.push(origin);
  };
  if (gea.exclusions.text) add(gea.exclusions.text, 'gea');
  if (gea.exclusions.section_i_common_list_excluded) for (const item of common.items) add(item.text, 'common-list');
  const [byReference, ...afterNames] = gea.destinations.excluded_by_reference ?? [];
  if (byReference) add(byReference, 'gea');
  for (const destination of gea.destinations.excluded ?? []) add(destination.as_written, 'gea');
  for (const clause of afterNames) add(clause, 'gea');
  return { texts, origins };
}

/** Reads one GEA of the file as an exemption record. */
export function readGea(file: AnnexIiFile, gea: Gea, editorial: AnnexIiEditorial): GeaReading {
  const scope = editorial.appliesTo[gea.code];
  if (!scope) throw new AnnexIiRecordError(`editorial/eu-annex-ii.json gives no appliesTo for ${gea.code}`);
  if (!gea.text.part_1_items.includes(scope.basis)) {
    throw new AnnexIiRecordError(`editorial/eu-annex-ii.json ${gea.code}: basis is not in the text of Part 1`);
  }
  const byCode = new Map(file.geas.map((other) => [other.code, other]));
  const { texts, origins } = exclusionTexts(gea, file.common_exclusion_list);
  const record: GeaRecord = {
    id: geaExemptionKey(gea.code),
    regime: GEA_REGIME_LABEL,
    // As the five records of exemptions.json wrote it ("Annex II Section A (UGEA EU001)").
    provision: `Annex II Section ${gea.section} (UGEA ${gea.code})`,
    name: `${gea.code} - ${gea.heading_in_text}`,
    type: GEA_TYPE_LABEL,
    applies_to: scope.labels,
    does_not_apply_to: gea.exclusions.text ? [gea.exclusions.text] : [],
    text_verbatim: [
      gea.text.preamble,
      gea.text.part_1_items,
      gea.text.part_2_destinations,
      gea.text.part_3_conditions_and_requirements,
    ],
    text_note: file.conventions.scope_note,
    version_note: `EUR-Lex consolidation ${gea.source.consolidation}`,
    conditions: gea.conditions.map((condition) => condition.text),
    exclusions_verbatim: texts,
    destinations: gea.destinations.listed.map((destination) => destination.as_written),
    source: recordSource(file, gea.source),
  };
  return {
    record,
    exclusionOrigins: origins,
    destinations: gea.destinations.scope === 'listed destinations' ? listedCodes(gea) : [],
    excludedDestinations: excludedCodes(gea, byCode),
    ...itemCodesNamed(gea),
  };
}

/** Every GEA of the file, read. */
export function readAnnexIi(file: AnnexIiFile, editorial: AnnexIiEditorial): GeaReading[] {
  return file.geas.map((gea) => readGea(file, gea, editorial));
}
