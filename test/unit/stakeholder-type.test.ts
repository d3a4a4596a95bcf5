// The stakeholder label mapping, written from the labels the consultation records use
// (seed/data/consultations.json: `type` of example commenters, and
// `stakeholder_type_assigned_by_researcher` of the 2008 deemed-export record of comments).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stakeholderTypeFromLabel } from '../../src/domain/stakeholder-type.js';

interface Commenters {
  example_commenters?: Array<{ name: string; type?: string }>;
  list_partial?: Array<{ name: string; stakeholder_type_assigned_by_researcher?: string }>;
}
const records = JSON.parse(
  readFileSync(new URL('../../seed/data/consultations.json', import.meta.url), 'utf8'),
) as Array<{
  id: string;
  commenters?: Commenters;
}>;

/** Every (name, label) pair the records give. */
function labelledCommenters(): Array<[name: string, label: string]> {
  return records.flatMap((record) => [
    ...(record.commenters?.example_commenters ?? []).flatMap((row) =>
      row.type ? [[row.name, row.type] as [string, string]] : [],
    ),
    ...(record.commenters?.list_partial ?? []).flatMap((row) =>
      row.stakeholder_type_assigned_by_researcher
        ? [[row.name, row.stakeholder_type_assigned_by_researcher] as [string, string]]
        : [],
    ),
  ]);
}

// Each label as the records write it, and the type its words name.
const LABELS_IN_THE_DATA: Record<string, string> = {
  university: 'UNIVERSITY', // University of Iowa, Arizona State University, Columbia University, ...
  'academic association': 'ACADEMIC_ASSOCIATION', // Association of American Universities and Council on Governmental Relations
  'industry association': 'INDUSTRY_ASSOCIATION', // AeA, Semiconductor Industry Association, Business Roundtable
  company: 'COMPANY', // General Electric Company, Intel Corporation: the label says nothing of size
  individual: 'INDIVIDUAL', // Alan J. Hurd
  'non-profit research organisation': 'RESEARCH_ORGANISATION', // Howard Hughes Medical Institute
};

describe('stakeholderTypeFromLabel', () => {
  it('knows every label the consultation records use, and no other label appears there', () => {
    const seen = new Set(labelledCommenters().map(([, label]) => label));
    expect([...seen].sort()).toEqual(Object.keys(LABELS_IN_THE_DATA).sort());
  });

  it.each(Object.entries(LABELS_IN_THE_DATA))('the records\' label "%s" maps to %s', (label, type) => {
    expect(stakeholderTypeFromLabel(label)).toBe(type);
  });

  it("tells the deemed-export record of comments' universities apart from its academic association", () => {
    const typed = new Map(labelledCommenters().map(([name, label]) => [name, stakeholderTypeFromLabel(label)]));
    expect(typed.get('University of Iowa')).toBe('UNIVERSITY');
    expect(typed.get('College of Charleston')).toBe('UNIVERSITY');
    expect(typed.get('Association of American Universities and Council on Governmental Relations')).toBe(
      'ACADEMIC_ASSOCIATION',
    );
    expect(typed.get('Howard Hughes Medical Institute')).toBe('RESEARCH_ORGANISATION');
    expect(typed.get('Intel Corporation')).toBe('COMPANY');
  });

  it('gives a company a size only when the label states one', () => {
    expect(stakeholderTypeFromLabel('company')).toBe('COMPANY');
    expect(stakeholderTypeFromLabel('SME')).toBe('SME');
    expect(stakeholderTypeFromLabel('small or medium-sized enterprise')).toBe('SME');
    expect(stakeholderTypeFromLabel('large company')).toBe('LARGE_COMPANY');
  });

  it('maps the plain labels of the other kinds', () => {
    expect(stakeholderTypeFromLabel('non-governmental organisation')).toBe('CIVIL_SOCIETY');
    expect(stakeholderTypeFromLabel('civil society organisation')).toBe('CIVIL_SOCIETY');
    expect(stakeholderTypeFromLabel('government body')).toBe('GOVERNMENT');
    expect(stakeholderTypeFromLabel(' Industry Association ')).toBe('INDUSTRY_ASSOCIATION');
  });

  it('says UNKNOWN for missing, unmapped or undecided labels rather than guessing', () => {
    expect(stakeholderTypeFromLabel(undefined)).toBe('UNKNOWN');
    expect(stakeholderTypeFromLabel(null)).toBe('UNKNOWN');
    expect(stakeholderTypeFromLabel('')).toBe('UNKNOWN');
    // The EU Green Paper record lists "academia" among respondent groups: universities and
    // academic associations alike, so it decides neither.
    expect(stakeholderTypeFromLabel('academia')).toBe('UNKNOWN');
    // "economic operators (including law firms and consultancies)": not a size, not one kind.
    expect(stakeholderTypeFromLabel('economic operator')).toBe('UNKNOWN');
    expect(stakeholderTypeFromLabel('law firm')).toBe('UNKNOWN');
    expect(stakeholderTypeFromLabel('constructor')).toBe('UNKNOWN');
  });
});
