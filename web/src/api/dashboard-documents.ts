// The dashboards page's GraphQL operations (typed by GraphQL Code Generator from the committed
// schema): the filter vocabularies, the licensing and impact aggregates, an assessment's figures
// and a consultation's timeline and submissions.
import { graphql } from '../gql';

export const DashboardVocabularyDocument = graphql(`
  query WebDashboardVocabulary {
    impactJurisdictions {
      code
      name
      metricCount
      indicatorCount
    }
    impactIndicators {
      indicator
      jurisdiction
      unit
      dimensions
      periodTypes
      metricCount
      numericCount
      firstPeriodStart
      lastPeriodEnd
    }
    ratings: licensingStats(groupBy: [RATING], measures: [DECISIONS]) {
      buckets {
        rating
        decisions
      }
    }
  }
`);

export const LicensingStatsDocument = graphql(`
  query WebLicensingStats(
    $filter: LicensingStatsFilter
    $groupBy: [LicensingGroupKey!]
    $measures: [LicensingMeasure!]!
  ) {
    licensingStats(filter: $filter, groupBy: $groupBy, measures: $measures) {
      decisions
      decisionsWithoutValue
      caveats
      dataVersion
      sources {
        title
        url
        publisher
        licence
      }
      buckets {
        periodLabel
        periodStart
        periodEnd
        decisions
        values {
          measure
          value
          decimal
          unit
          decisionsWithoutValue
          unavailableReason
        }
        sources {
          title
          url
          publisher
        }
      }
    }
  }
`);

export const ImpactSeriesDocument = graphql(`
  query WebImpactSeries(
    $indicator: String!
    $interval: ImpactInterval!
    $measure: ImpactChangeBasis
    $filter: ImpactStatsFilter
  ) {
    impactSeries(indicator: $indicator, interval: $interval, measure: $measure, filter: $filter) {
      indicator
      interval
      measure
      unit
      rowCount
      rowsOutsideBuckets
      dataVersion
      points {
        periodLabel
        periodStart
        periodEnd
        missing
        value
        decimal
        unavailableReason
        rowCount
        numericCount
        sources {
          title
          url
          publisher
        }
      }
    }
  }
`);

export const ImpactStatsDocument = graphql(`
  query WebImpactStats($filter: ImpactStatsFilter, $groupBy: [ImpactGroupKey!], $measures: [ImpactMeasure!]!) {
    impactStats(filter: $filter, groupBy: $groupBy, measures: $measures, mixedUnits: GROUP_BY_UNIT) {
      rowCount
      rowsOutsideBuckets
      groupBy
      measures
      buckets {
        jurisdiction
        dimension
        indicator
        sector
        region
        assessmentTitle
        periodType
        periodLabel
        unit
        rowCount
        numericCount
        textOnlyCount
        values {
          measure
          value
          decimal
          unavailableReason
        }
        sources {
          title
          url
          publisher
        }
      }
    }
  }
`);

export const AssessmentDocument = graphql(`
  query WebDashboardAssessment($id: ID!) {
    node(id: $id) {
      __typename
      ... on ImpactAssessment {
        id
        title
        publisher
        publishedOn
        method
        jurisdiction {
          code
          name
        }
        citation {
          url
          title
        }
        metrics(first: 100) {
          totalCount
          edges {
            node {
              id
              indicator
              dimension
              period
              periodStart
              periodEnd
              value
              valueText
              unit
              sector
              region
              notes
              citation {
                url
                title
                publisher
              }
            }
          }
        }
      }
    }
  }
`);

export const ConsultationDocument = graphql(`
  query WebDashboardConsultation($id: ID!) {
    node(id: $id) {
      __typename
      ... on StakeholderConsultation {
        id
        title
        body
        reference
        instrument
        status
        jurisdiction {
          code
          name
        }
        openedOn
        deadline
        extendedDeadline
        closedOn
        publishedOn
        responseCount
        responseCountNote
        citation {
          url
          title
        }
        outcomes {
          date
          description
        }
      }
    }
    consultationStats(consultationId: $id, timelineInterval: MONTH) {
      recordedSubmissionCount
      reportedResponseCount
      undatedSubmissionCount
      byStakeholderType {
        type
        count
        labelledByCollector
      }
      byPosition {
        position
        count
      }
      byTheme {
        theme
        count
      }
      timeline {
        periodStart
        periodEnd
        count
      }
      consultations {
        recordComplete
        reportedResponseCountQuote
      }
    }
  }
`);

export const AllConsultationStatsDocument = graphql(`
  query WebDashboardConsultationStats {
    consultationStats(timelineInterval: MONTH) {
      consultationCount
      recordedSubmissionCount
      byStakeholderType {
        type
        count
        labelledByCollector
      }
      byPosition {
        position
        count
      }
      consultations {
        consultationId
        title
        publishedOn
        deadline
        recordedSubmissionCount
        reportedResponseCount
        recordComplete
      }
    }
  }
`);
