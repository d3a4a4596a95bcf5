// "How many universities commented?" answered from consultationStats over the seeded
// consultations: the 2008 deemed-export inquiry's record of comments (consultations.json
// US-BIS-2008-DEAC-NOI, rows 1-16) names six universities and one association of universities,
// counted apart; every one of those types rests on a label the collector added (the record's
// note: "Stakeholder types were assigned by this research, not by BIS"), and the answer says so.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const StakeholderTypeStats = graphql(`
  query StakeholderTypeStats($consultationId: ID) {
    consultationStats(consultationId: $consultationId) {
      recordedSubmissionCount
      byStakeholderType {
        type
        count
        labelledByCollector
      }
      consultations {
        consultationId
        title
        byStakeholderType {
          type
          count
          labelledByCollector
        }
      }
    }
  }
`);

const DeacStakeholders = graphql(`
  query DeacStakeholders($id: ID!) {
    node(id: $id) {
      ... on StakeholderConsultation {
        submissions(first: 20) {
          edges {
            node {
              stakeholder {
                name
                type
                typeLabel
                typeLabelOrigin
              }
            }
          }
        }
      }
    }
  }
`);

describeWithDatabase('stakeholder types in consultationStats', () => {
  let service: TestService;
  let deacId: string;

  beforeAll(async () => {
    service = await startTestService();
    const all = await service.query(StakeholderTypeStats, { consultationId: null });
    expect(all.errors, JSON.stringify(all.errors)).toBeUndefined();
    const deac = all.data?.consultationStats?.consultations.find((entry) =>
      entry.title.startsWith('Notice of Inquiry: Request for public comments on Deemed Export Advisory Committee'),
    );
    if (!deac) throw new Error('the 2008 deemed-export inquiry is not seeded');
    deacId = deac.consultationId;
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("counts the deemed-export inquiry's universities apart from its academic association", async () => {
    const response = await service.query(StakeholderTypeStats, { consultationId: deacId });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const stats = response.data?.consultationStats;
    expect(stats?.recordedSubmissionCount).toBe(16);
    const count = (type: string) => stats?.byStakeholderType.find((row) => row.type === type);
    // Rows 4, 6, 11, 13, 15, 16: University of Iowa, Arizona State University, College of Charleston,
    // University of North Carolina at Chapel Hill, Virginia Polytechnic Institute and State University,
    // Columbia University.
    expect(count('UNIVERSITY')).toEqual({ type: 'UNIVERSITY', count: 6, labelledByCollector: 6 });
    // Row 3: Association of American Universities and Council on Governmental Relations.
    expect(count('ACADEMIC_ASSOCIATION')).toEqual({ type: 'ACADEMIC_ASSOCIATION', count: 1, labelledByCollector: 1 });
    // Row 10: Howard Hughes Medical Institute, "non-profit research organisation": neither of the two.
    expect(count('RESEARCH_ORGANISATION')).toEqual({ type: 'RESEARCH_ORGANISATION', count: 1, labelledByCollector: 1 });
    // Rows 5, 8, 12, 14: "company", no size given, so neither SME nor large.
    expect(count('COMPANY')?.count).toBe(4);
    expect(count('SME')).toBeUndefined();
    expect(count('LARGE_COMPANY')).toBeUndefined();
    expect(stats?.byStakeholderType.reduce((sum, row) => sum + row.count, 0)).toBe(16);
    expect(stats?.byStakeholderType.every((row) => row.labelledByCollector === row.count)).toBe(true);
  });

  it('keeps each label verbatim and says the collector gave it', async () => {
    const response = await service.query(DeacStakeholders, { id: deacId });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const node = response.data?.node;
    const stakeholders =
      node && 'submissions' in node ? node.submissions.edges.map((edge) => edge.node.stakeholder) : [];
    expect(stakeholders.find((row) => row.name === 'University of Iowa')).toEqual({
      name: 'University of Iowa',
      type: 'UNIVERSITY',
      typeLabel: 'university',
      typeLabelOrigin: 'COLLECTOR',
    });
    expect(stakeholders.every((row) => row.typeLabelOrigin === 'COLLECTOR')).toBe(true);
  });

  it("does not count an example commenter's label as the collector's when the data does not say so", async () => {
    const response = await service.query(StakeholderTypeStats, { consultationId: null });
    const all = response.data?.consultationStats;
    // SIA (2018 ANPRM) and Business Roundtable (2020 ANPRM) are "industry association" example commenters;
    // AeA, Semiconductor Industry Association and Electronic Design Automation Consortium are rows of the record.
    expect(all?.byStakeholderType.find((row) => row.type === 'INDUSTRY_ASSOCIATION')).toEqual({
      type: 'INDUSTRY_ASSOCIATION',
      count: 5,
      labelledByCollector: 3,
    });
    // The three stakeholders named in the UK 2003 debate have no label: UNKNOWN.
    expect(all?.byStakeholderType.find((row) => row.type === 'UNKNOWN')).toEqual({
      type: 'UNKNOWN',
      count: 3,
      labelledByCollector: 0,
    });
  });
});
