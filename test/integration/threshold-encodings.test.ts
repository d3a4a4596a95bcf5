// The threshold encodings (seed/encodings) as stored rows: `provision.thresholds` lists the
// encoded criteria after the verbatim ones, and `provision.thresholdGroups` gives the logic as
// trees a client can evaluate. Expected values are those of seed/encodings/US_EAR-6A003.json
// (6A003.b.4.b and Note 3 to 6A003.b.4) and EU-6A003.json.
import type { ResultOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const B4bThresholds = graphql(`
  query EncodedThresholdsOf6A003b4b {
    provision(code: "6A003.b.4.b", regime: US_EAR) {
      code
      citation {
        id
      }
      thresholds {
        paragraph
        parameter
        comparator
        value
        valueMax
        unit
        dimension
        values
        booleanValue
        ref
        refRegime
        refSubject
        criterionKey
        textVerbatim
        encoded
        position
        group {
          role
          operator
          label
        }
        citation {
          id
        }
      }
    }
  }
`);

const B4bGroups = graphql(`
  query EncodedGroupsOf6A003b4b {
    provision(code: "6A003.b.4.b", regime: US_EAR) {
      thresholdGroups {
        role
        operator
        paragraph
        label
        exclusionKey
        movesTo
        textVerbatim
        position
        thresholds {
          criterionKey
          parameter
          comparator
          value
          unit
          booleanValue
          values
          ref
          refSubject
          position
        }
        parentGroup {
          id
        }
        groups {
          role
          operator
          paragraph
          label
          exclusionKey
          movesTo
          textVerbatim
          position
          thresholds {
            criterionKey
            parameter
            comparator
            value
            unit
            booleanValue
            values
            ref
            refSubject
            position
          }
          groups {
            role
            operator
            paragraph
            label
            exclusionKey
            movesTo
            textVerbatim
            position
            thresholds {
              criterionKey
              parameter
              comparator
              value
              unit
              booleanValue
              values
              ref
              refSubject
              position
            }
            groups {
              role
              operator
              paragraph
              label
              exclusionKey
              movesTo
              textVerbatim
              position
              thresholds {
                criterionKey
                parameter
                comparator
                value
                unit
                booleanValue
                values
                ref
                refSubject
                position
              }
              groups {
                id
              }
            }
          }
        }
      }
      exclusions: thresholdGroups(role: EXCLUSION) {
        label
      }
    }
  }
`);

const EuParagraphGroups = graphql(`
  query EncodedGroupsOfEu6A003 {
    paragraph: provision(code: "6A003.b.4.b", regime: EU) {
      kind
      thresholdGroups(paragraph: "6A003.b.4.b") {
        role
        paragraph
        provision {
          code
          regime
        }
        thresholds {
          criterionKey
          paragraph
        }
      }
    }
    entry: provision(code: "6A003", regime: EU) {
      stranded: thresholdGroups(paragraph: "6A003.b.4.b") {
        role
      }
      encoded: thresholds(encoded: true) {
        paragraph
      }
      verbatim: thresholds(encoded: false) {
        paragraph
      }
    }
  }
`);

type Group = NonNullable<ResultOf<typeof B4bGroups>['provision']>['thresholdGroups'][number];

describeWithDatabase('threshold encodings: stored criteria and their logic', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('6A003.b.4.b lists its encoded criteria: the reference, and Note 3.a as LTE 9 Hz', async () => {
    const response = await service.query(B4bThresholds);
    expect(response.errors).toBeUndefined();
    const provision = response.data?.provision;
    const thresholds = provision?.thresholds ?? [];
    // 1 condition + Note 3 (a: 1, b: 5, c: 5 criteria), all encoded, none verbatim under the paragraph.
    expect(thresholds.length).toBeGreaterThanOrEqual(2);
    expect(thresholds.every((threshold) => threshold.encoded && threshold.paragraph === '6A003.b.4.b')).toBe(true);
    expect(thresholds.every((threshold) => threshold.citation.id === provision?.citation.id)).toBe(true);
    expect(thresholds[0]).toMatchObject({
      criterionKey: 'b4b_ref_6a002_a3f',
      comparator: 'REFERENCE',
      parameter: null,
      value: null,
      ref: '6A002.a.3.f',
      refRegime: 'US_EAR',
      refSubject: 'COMPONENT',
      textVerbatim: 'Incorporating "focal plane arrays" controlled by 6A002.a.3.f',
      group: { role: 'CONDITIONS', operator: 'ALL_OF', label: null },
    });
    expect(thresholds.find((threshold) => threshold.criterionKey === 'n3a_frame_rate')).toEqual({
      paragraph: '6A003.b.4.b',
      parameter: 'frame_rate',
      comparator: 'LTE',
      value: 9,
      valueMax: null,
      unit: 'Hz',
      dimension: 'frequency',
      values: [],
      booleanValue: null,
      ref: null,
      refRegime: null,
      refSubject: null,
      criterionKey: 'n3a_frame_rate',
      textVerbatim: 'a. A maximum frame rate equal to or less than 9 Hz;',
      encoded: true,
      position: 0,
      group: { role: 'EXCLUSION', operator: 'ANY_OF', label: 'Note 3 to 6A003.b.4' },
      citation: { id: provision?.citation.id },
    });
    const noDirectView = thresholds.find((threshold) => threshold.criterionKey === 'n3b3_no_direct_view');
    expect(noDirectView).toMatchObject({
      comparator: 'BOOLEAN',
      parameter: 'incorporates_direct_view_display',
      booleanValue: false,
      value: null,
    });
  });

  it('6A003.b.4.b gives its logic as trees: the CONDITIONS reference, and Note 3 as an EXCLUSION (a OR all of b OR all of c)', async () => {
    const response = await service.query(B4bGroups);
    expect(response.errors).toBeUndefined();
    const groups = response.data?.provision?.thresholdGroups ?? [];
    expect(groups.map((group) => [group.role, group.operator, group.position, group.parentGroup])).toEqual([
      ['CONDITIONS', 'ALL_OF', 0, null],
      ['EXCLUSION', 'ANY_OF', 1, null],
    ]);
    const [conditions, note3] = groups as [Group, Group];
    expect(conditions.thresholds.map((threshold) => threshold.criterionKey)).toEqual(['b4b_ref_6a002_a3f']);
    expect(conditions.textVerbatim).toBe('b.4.b. Incorporating "focal plane arrays" controlled by 6A002.a.3.f; or');
    expect(note3).toMatchObject({
      label: 'Note 3 to 6A003.b.4',
      exclusionKey: 'note3_6a003_b4b',
      movesTo: '6A993.a',
      paragraph: '6A003.b.4.b',
    });
    expect(note3.textVerbatim).toMatch(/^6A003\.b\.4\.b does not control imaging cameras having any of the following/);
    // a. is a threshold of the root; b. and c. are ALL_OF sub-groups.
    expect(note3.thresholds).toEqual([
      {
        criterionKey: 'n3a_frame_rate',
        parameter: 'frame_rate',
        comparator: 'LTE',
        value: 9,
        unit: 'Hz',
        booleanValue: null,
        values: [],
        ref: null,
        refSubject: null,
        position: 0,
      },
    ]);
    expect(note3.groups.map((group) => [group.role, group.operator, group.position])).toEqual([
      ['EXCLUSION', 'ALL_OF', 1],
      ['EXCLUSION', 'ALL_OF', 2],
    ]);
    const b = note3.groups[0];
    expect(b?.textVerbatim).toBe('b. Having all of the following:');
    expect(
      b?.thresholds.map((threshold) => [
        threshold.criterionKey,
        threshold.comparator,
        threshold.value ?? threshold.booleanValue,
        threshold.position,
      ]),
    ).toEqual([
      ['n3b1_ifov', 'GTE', 2, 0],
      ['n3b2_fixed_lens', 'BOOLEAN', true, 1],
      ['n3b3_no_direct_view', 'BOOLEAN', false, 2],
    ]);
    const b4 = b?.groups[0];
    expect(b4).toMatchObject({ operator: 'ANY_OF', position: 3, textVerbatim: '4. Having any of the following:' });
    expect(b4?.thresholds.map((threshold) => threshold.criterionKey)).toEqual([
      'n3b4a_no_viewable_image',
      'n3b4b_single_application',
    ]);
    expect(response.data?.provision?.exclusions).toEqual([{ label: 'Note 3 to 6A003.b.4' }]);
  });

  it('EU paragraphs have rows of their own: their logic is stored under the paragraph, the verbatim thresholds under the entry', async () => {
    const response = await service.query(EuParagraphGroups);
    expect(response.errors).toBeUndefined();
    const paragraph = response.data?.paragraph;
    expect(paragraph?.kind).toBe('PARAGRAPH');
    const groups = paragraph?.thresholdGroups ?? [];
    expect(groups.length).toBeGreaterThan(0);
    expect(
      groups.every(
        (group) =>
          group.paragraph === '6A003.b.4.b' &&
          group.provision?.code === '6A003.b.4.b' &&
          group.provision.regime === 'EU',
      ),
    ).toBe(true);
    expect(
      groups.flatMap((group) => group.thresholds).every((threshold) => threshold.paragraph === '6A003.b.4.b'),
    ).toBe(true);
    // Nothing of 6A003.b.4.b is left on the entry; the entry keeps its own encoded conditions
    // and the verbatim key thresholds of control_entries.json.
    const entry = response.data?.entry;
    expect(entry?.stranded).toEqual([]);
    expect(entry?.encoded.every((threshold) => threshold.paragraph === '6A003')).toBe(true);
    expect(entry?.verbatim.length).toBeGreaterThan(0);
  });
});
