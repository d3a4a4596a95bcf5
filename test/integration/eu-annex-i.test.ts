// EU Annex I in full over the API: paragraphs found by their own code, their notes verbatim,
// the records of what the source text lost or got wrong on the paragraph they concern, and the
// list's texts (technology notes, definitions, acronyms). Expected values are read from
// seed/data/eu_annex_i.json.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

interface FileNote {
  kind: string;
  label: string;
  text: string;
}
const annex = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../seed/data/eu_annex_i.json'), 'utf8')) as {
  entries: Array<{ code: string; paragraphs: Array<{ code: string; text: string; notes?: FileNote[] }> }>;
  technology_notes: Record<string, { text: string }>;
  definitions: Array<{ term: string; text: string; categories: string[] }>;
  acronyms: { rows: Array<{ acronym: string; meaning: string }> };
};
const paragraphOf = (code: string) =>
  annex.entries.flatMap((entry) => entry.paragraphs).find((paragraph) => paragraph.code === code);

const EuParagraph = graphql(`
  query EuAnnexParagraph($code: String!) {
    provision(code: $code, regime: EU) {
      code
      entryCode
      kind
      title
      text
      textDate
      exponentNotes
      numberFormatNotes
      sourceDefects
      parent {
        code
      }
      listNotes {
        kind
        label
        text
        scopeInText
      }
      citation {
        repository
        commit
        section
      }
    }
  }
`);

const EuListTexts = graphql(`
  query EuAnnexListTexts($kind: ListTextKind!, $label: String) {
    listTexts(first: 10, filter: { regime: EU, kind: $kind, label: $label }) {
      totalCount
      edges {
        node {
          label
          text
          categories
          sourceDefects
        }
      }
    }
  }
`);

describeWithDatabase('EU Annex I', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('provision(code: "6A003.b.2", regime: EU) is the paragraph, verbatim, under 6A003.b', async () => {
    const response = await service.query(EuParagraph, { code: '6A003.b.2' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.provision).toMatchObject({
      code: '6A003.b.2',
      entryCode: '6A003',
      kind: 'PARAGRAPH',
      text: paragraphOf('6A003.b.2')?.text,
      textDate: '2025-11-15',
      parent: { code: '6A003.b' },
      citation: { repository: 'rikiosso/exports-watch', commit: '0fb5427ea885af2f284f7ad6b025376ac4ffdc11' },
    });
  });

  it('the EU list itself cites the file the whole Annex is imported from, dated by its consolidation', async () => {
    const EuList = graphql(`
      query EuAnnexList {
        provision(code: "6A003", regime: EU) {
          controlList {
            version
            textDate
            citation {
              repository
              path
              commit
              section
              upstream
            }
          }
        }
      }
    `);
    const response = await service.query(EuList);
    expect(response.errors).toBeUndefined();
    // eu_annex_i.json: source.repository, .path, .commit; file_metadata.valid_from 2025-11-15.
    expect(response.data?.provision?.controlList).toEqual({
      version: 'consolidated 15.11.2025',
      textDate: '2025-11-15',
      citation: {
        repository: 'rikiosso/exports-watch',
        path: 'data/annex.json',
        commit: '0fb5427ea885af2f284f7ad6b025376ac4ffdc11',
        section: null,
        upstream: expect.stringContaining('02021R0821-20251115'),
      },
    });
  });

  it('6A003.b.4 carries its Notes, Note 3 and Note 4 among them, verbatim and in order', async () => {
    const response = await service.query(EuParagraph, { code: '6A003.b.4' });
    expect(response.errors).toBeUndefined();
    const notes = response.data?.provision?.listNotes ?? [];
    const expected = paragraphOf('6A003.b.4')?.notes ?? [];
    expect(notes.map((note) => [note.label, note.text])).toEqual(expected.map((note) => [note.label, note.text]));
    expect(notes.map((note) => note.label)).toEqual(expect.arrayContaining(['Note 3', 'Note 4']));
    expect(notes.find((note) => note.label === 'Note 3')?.kind).toBe('NOTE');
    // The figure the source flattened ("4500 kg") is read through the paragraph's number-format notes.
    expect(response.data?.provision?.numberFormatNotes).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'note', note_label: 'Note 3', reading: '4 500' })]),
    );
  });

  it('an exponent the source flattened is recorded on its own paragraph', async () => {
    const response = await service.query(EuParagraph, { code: '6A003.b.1.a.1' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.provision?.text).toContain('4 × 106');
    expect(response.data?.provision?.exponentNotes).toEqual([
      expect.objectContaining({ verbatim: '4 × 106', intended: '4 × 10^6', value: 4000000 }),
    ]);
  });

  it("1C010.e's sub-paragraphs keep the source's odd codes, with the probable official code in sourceDefects", async () => {
    const response = await service.query(EuParagraph, { code: '1C010.1.2' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.provision).toMatchObject({ code: '1C010.1.2', parent: { code: '1C010.1' } });
    expect(response.data?.provision?.sourceDefects).toEqual([
      expect.objectContaining({ kind: 'paragraph_misnumbered', probable_official_code: '1C010.e.2' }),
    ]);
  });

  it('the technology notes, a definition and an acronym, verbatim', async () => {
    const technology = await service.query(EuListTexts, { kind: 'TECHNOLOGY_NOTE' });
    expect(technology.errors).toBeUndefined();
    expect(technology.data?.listTexts.totalCount).toBe(Object.keys(annex.technology_notes).length);
    const gtn = technology.data?.listTexts.edges.find((edge) => edge.node.label === 'GTN')?.node;
    expect(gtn?.text).toBe(annex.technology_notes.GTN?.text);

    const accuracy = await service.query(EuListTexts, { kind: 'DEFINITION', label: 'accuracy' });
    const definition = annex.definitions.find((item) => item.term === 'Accuracy');
    expect(accuracy.data?.listTexts.edges.map((edge) => edge.node)).toEqual([
      { label: 'Accuracy', text: definition?.text, categories: definition?.categories, sourceDefects: null },
    ]);

    const acronyms = await service.query(EuListTexts, { kind: 'ACRONYM' });
    expect(acronyms.data?.listTexts.totalCount).toBe(annex.acronyms.rows.length);
  });
});
