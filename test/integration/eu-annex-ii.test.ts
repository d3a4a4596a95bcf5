// The Union general export authorisations of Annex II (eu_annex_ii_gea.json) through the API:
// all eight with their destinations as ISO codes (EU008 as "all except" its exclusions), the
// verbatim text and conditions with their citations, links to the Annex I items they name, and
// EU001's destinations checked by checkExemptions (Japan covered, India not).
import { readFileSync } from 'node:fs';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stableId } from '../../src/ingest/stable-id.js';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';
import { narrow } from './support-narrow.js';

interface SourceGea {
  code: string;
  title: string;
  text: { part_2_destinations: string };
  destinations: {
    iso_codes?: string[];
    excluded?: Array<{ as_written: string; iso_3166_1_alpha2: string }>;
    excluded_iso_codes?: string[];
  };
  items: { annex_i_codes_referenced: string[] };
  exclusions: { section_i_common_list_excluded: boolean };
  conditions: unknown[];
}
const source = JSON.parse(readFileSync(new URL('../../seed/data/eu_annex_ii_gea.json', import.meta.url), 'utf8')) as {
  geas: SourceGea[];
  common_exclusion_list: { items: unknown[] };
};
const gea = (code: string): SourceGea => {
  const found = source.geas.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`${code} is not in eu_annex_ii_gea.json`);
  return found;
};

const GeneralAuthorisations = graphql(`
  query AnnexIiGeneralAuthorisations {
    exemptions(first: 50, filter: { kind: GENERAL_AUTHORISATION }) {
      totalCount
      edges {
        node {
          id
          name
          legalBasis
          regime
          destinations
          excludedDestinations
          jurisdiction {
            code
          }
        }
      }
    }
  }
`);

const AnnexIiExemption = graphql(`
  query AnnexIiExemption($id: ID!) {
    node(id: $id) {
      __typename
      ... on Exemption {
        name
        kind
        typeLabel
        textVerbatim
        destinations
        excludedDestinations
        extra
        citation {
          repository
          path
          commit
          section
          licence
        }
        conditions {
          role
          ordinal
          textVerbatim
          secondary
          citation {
            section
          }
        }
        provisions(first: 100) {
          totalCount
          edges {
            basis
            node {
              code
              regime
            }
          }
        }
      }
    }
  }
`);

const CheckGea = graphql(`
  query AnnexIiCheckExemptions($input: CheckExemptionsInput!) {
    checkExemptions(input: $input) {
      exemptions {
        exemptionKey
        outcome
        conditions {
          id
          outcome
          textVerbatim
        }
        undecidable
      }
    }
  }
`);

type Exemption = ResultOf<typeof GeneralAuthorisations>['exemptions']['edges'][number]['node'];

describeWithDatabase('Annex II general export authorisations', () => {
  let service: TestService;
  let byKey: Map<string, Exemption>;

  async function exemption(code: string) {
    const response = await service.query(AnnexIiExemption, {
      id: encodeGlobalID('Exemption', stableId('Exemption', `EU-UGEA-${code}`)),
    });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return narrow(response.data?.node, 'Exemption');
  }

  beforeAll(async () => {
    service = await startTestService();
    const response = await service.query(GeneralAuthorisations);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const nodes = response.data?.exemptions.edges.map((edge) => edge.node) ?? [];
    byKey = new Map(nodes.flatMap((node) => (/^EU\d{3}/.exec(node.name) ? [[node.name.slice(0, 5), node]] : [])));
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('lists all eight GEAs of the file, EU, with as many destination codes as the file maps', () => {
    expect([...byKey.keys()].sort()).toEqual(source.geas.map((item) => item.code).sort());
    for (const item of source.geas) {
      const node = byKey.get(item.code);
      expect(node, item.code).toMatchObject({ regime: 'EU', jurisdiction: { code: 'EU' } });
      expect(node?.destinations, item.code).toEqual(item.destinations.iso_codes ?? []);
    }
  });

  it('EU001 covers Japan and not India', () => {
    const eu001 = byKey.get('EU001');
    expect(eu001?.destinations).toContain('JP');
    expect(eu001?.destinations).not.toContain('IN');
    expect(eu001?.excludedDestinations).toEqual([]);
  });

  it('EU008 is valid for all destinations but its 41 named exclusions and the destinations of EU001', async () => {
    const file = gea('EU008');
    expect(file.destinations.excluded).toHaveLength(41);
    const eu008 = await exemption('EU008');
    expect(eu008.destinations).toEqual([]);
    expect(eu008.excludedDestinations).toEqual([
      ...(gea('EU001').destinations.iso_codes ?? []),
      ...(file.destinations.excluded_iso_codes ?? []),
    ]);
    for (const country of file.destinations.excluded ?? []) {
      expect(eu008.excludedDestinations).toContain(country.iso_3166_1_alpha2);
      // Each excluded country is an EXCLUSION condition, as written.
      expect(
        eu008.conditions.some(
          (condition) => condition.role === 'EXCLUSION' && condition.textVerbatim === country.as_written,
        ),
      ).toBe(true);
    }
    expect(eu008.excludedDestinations).not.toContain('BR');
  });

  it('keeps the verbatim Annex II text, its conditions and the common exclusion list, each cited to its JSON pointer', async () => {
    const eu003 = await exemption('EU003');
    const file = gea('EU003');
    expect(eu003.kind).toBe('GENERAL_AUTHORISATION');
    expect(eu003.typeLabel).toBe('Union general export authorisation');
    expect(eu003.textVerbatim).toContain(file.text.part_2_destinations);
    expect(eu003.citation).toMatchObject({
      repository: 'rikiosso/exports-watch',
      path: 'data/annex.json',
      section: '/geas/2',
    });
    expect(eu003.citation.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(eu003.citation.licence).toMatch(/2011\/833\/EU/);
    const roles = (role: string) => eu003.conditions.filter((condition) => condition.role === role);
    // Part 1, then the numbered paragraphs of Part 3.
    expect(roles('REQUIREMENT')).toHaveLength(1 + file.conditions.length);
    // The GEA's own exclusion clause, then Section I item by item, cited to the common list.
    expect(roles('EXCLUSION')).toHaveLength(1 + source.common_exclusion_list.items.length);
    expect(
      roles('EXCLUSION')
        .slice(1)
        .every((condition) => condition.citation?.section === '/gea_common_list'),
    ).toBe(true);
    expect(roles('DESTINATION')[0]?.textVerbatim).toBe(file.text.part_2_destinations);
    expect(eu003.conditions.every((condition) => !condition.secondary)).toBe(true);
    // "French overseas territories" has no ISO code: it stays a written destination, not a code.
    expect(roles('DESTINATION').map((condition) => condition.textVerbatim)).toContain('French overseas territories');
    expect(eu003.destinations).toHaveLength(file.destinations.iso_codes?.length ?? -1);
  });

  it('a GEA taken over from exemptions.json keeps its id and the guidance record it was read from', async () => {
    const eu001 = await exemption('EU001');
    expect(eu001.name).toBe(
      'EU001 - Exports to Australia, Canada, Iceland, Japan, New Zealand, Norway, Switzerland, including Liechtenstein, the United Kingdom and the United States',
    );
    const extra = eu001.extra as { guidance_record?: { id?: string }; source_defects?: Array<{ kind: string }> };
    expect(extra.guidance_record?.id).toBe('EU-UGEA-EU001');
    expect(extra.source_defects?.map((defect) => defect.kind)).toEqual(['link_text_duplicated']);
  });

  it('links a GEA to the Annex I provisions its items name (EXPLICIT)', async () => {
    const eu002 = await exemption('EU002');
    const codes = eu002.provisions.edges.map((edge) => edge.node.code).sort();
    expect(eu002.provisions.totalCount).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(0);
    expect(eu002.provisions.edges.every((edge) => edge.basis === 'EXPLICIT' && edge.node.regime === 'EU')).toBe(true);
    for (const code of codes) expect(gea('EU002').items.annex_i_codes_referenced).toContain(code);
  });

  it('checkExemptions: EU001 for an Annex I item to Japan is not ruled out by destination; to India it does not apply', async () => {
    const check = async (destination: string) => {
      const response = await service.query(CheckGea, {
        input: { provisions: ['6A003'], regimes: ['EU'], destination },
      });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const found = response.data?.checkExemptions.exemptions.find(
        (candidate) => candidate.exemptionKey === 'EU-UGEA-EU001',
      );
      if (!found) throw new Error('EU001 not checked');
      return found;
    };
    const japan = await check('JP');
    expect(japan.conditions.find((condition) => condition.id === 'destination')?.outcome).toBe('SATISFIED');
    expect(japan.outcome).toBe('INDETERMINATE');
    // The common exclusion list (with Annex IV) is not checked by code: it stays undecided, never guessed.
    expect(japan.undecidable.join(' ')).toMatch(/Section I/);
    const india = await check('IN');
    expect(india.conditions.find((condition) => condition.id === 'destination')?.outcome).toBe('UNSATISFIED');
    expect(india.outcome).toBe('DOES_NOT_APPLY');
  });
});
