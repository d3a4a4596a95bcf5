// The search page's GraphQL operation (typed by GraphQL Code Generator from the committed schema).
import { graphql } from '../gql';

export const SearchDocument = graphql(`
  query WebSearch($query: String!, $filter: SearchFilter, $types: [SearchableType!], $first: Int, $after: String) {
    search(query: $query, filter: $filter, types: $types, first: $first, after: $after) {
      totalCount
      processingTimeMs
      didYouMean
      relaxedQuery
      pageInfo {
        hasNextPage
        endCursor
      }
      interpretedQuery {
        original
        searchedText
        removed {
          text
          reason
        }
        preferredTypes
        preferredRegimes
        destination {
          code
          name
        }
        rewrittenCodes {
          from
          to
        }
        unmatchedWords
      }
      facets {
        field
        value
        count
      }
      edges {
        cursor
        score
        highlights {
          field
          snippet
        }
        paragraphs {
          score
          highlights {
            field
            snippet
          }
          node {
            id
            code
            regime
            title
          }
        }
        node {
          __typename
          ... on ControlProvision {
            id
            code
            regime
            title
            categoryName
            citation {
              url
              title
            }
          }
          ... on Exemption {
            id
            name
            legalBasis
            regimeLabel
            typeLabel
            citation {
              url
              title
            }
          }
          ... on GuidanceDocument {
            id
            title
            issuer
            url
            citation {
              url
              title
            }
          }
          ... on ImpactAssessment {
            id
            title
            publisher
            citation {
              url
              title
            }
          }
          ... on ListText {
            id
            label
            kind
            controlList {
              regime
            }
            citation {
              url
              title
            }
          }
          ... on StakeholderConsultation {
            id
            title
            reference
            citation {
              url
              title
            }
          }
        }
      }
    }
  }
`);
