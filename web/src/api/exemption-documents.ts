// The exemption checker's GraphQL operations (typed by GraphQL Code Generator from the committed schema).
import { graphql } from '../gql';

/**
 * What the checker needs before its first check: the vocabulary of facts it may ask about (activity
 * facts, and item facts for an item described by its facts: answered facts leave `questionsToAnswer`,
 * so their wording must come from here) and the exemptions a user can ask about by name.
 */
export const ExemptionCheckerSetupDocument = graphql(`
  query ExemptionCheckerSetup {
    activityFacts {
      name
      type
      values
      description
      givenAs
      exemptions
    }
    itemFacts {
      name
      type
      values
      description
      acceptedUnits
      canonicalUnit
    }
    exemptions(first: 100) {
      edges {
        node {
          id
          name
          legalBasis
          regime
          kind
        }
      }
    }
  }
`);

/** The exemption a link asked about (`?focus=<id>`), named before any check has run. */
export const FocusedExemptionDocument = graphql(`
  query FocusedExemption($id: ID!) {
    node(id: $id) {
      __typename
      ... on Exemption {
        id
        name
        legalBasis
        regime
      }
    }
  }
`);

/** Control-list entries matching words ("lidar technology"), to pick a code from. */
export const ProvisionLookupDocument = graphql(`
  query ExemptionProvisionLookup($query: String!, $filter: SearchFilter) {
    search(query: $query, types: [PROVISION], filter: $filter, first: 8) {
      edges {
        node {
          __typename
          ... on ControlProvision {
            id
            code
            regime
            title
          }
        }
      }
    }
  }
`);

export const CheckExemptionsDocument = graphql(`
  query WebCheckExemptions($input: CheckExemptionsInput!) {
    checkExemptions(input: $input) {
      asOf
      verdict
      reason
      classificationUnknown
      destination
      disclaimer
      notes
      regimes {
        regime
        verdict
        reason
        controlled
        controlledBy
        controlBasis
        applyingExemptions
      }
      questionsToAnswer {
        fact
        type
        values
        description
        givenAs
        forClassification
        exemptions
      }
      exemptions {
        exemptionKey
        name
        legalBasis
        outcome
        reason
        regimes
        missingFacts
        undecidable
        caveats
        effect
        citation {
          ...ExemptionCitation
        }
        exemption {
          id
          textVerbatim
          textNote
          versionNote
        }
        disqualifiersFired {
          id
          label
          role
        }
        requirements {
          ...ExemptionConditionFields
          alternatives {
            ...ExemptionConditionFields
          }
        }
        disqualifiers {
          ...ExemptionConditionFields
          alternatives {
            ...ExemptionConditionFields
          }
        }
      }
      licenceExceptions {
        key
        code
        name
        legalBasis
        entry
        entryText
        outcome
        reason
        openConditions
      }
      outOfScope {
        exemptionKey
        legalBasis
        name
        reason
      }
      answersRead {
        field
        given
        readAs
        because
      }
    }
  }

  fragment ExemptionCitation on Citation {
    url
    title
    section
    publisher
    repository
    path
    note
  }

  fragment ExemptionConditionFields on ExemptionConditionCheck {
    id
    role
    outcome
    label
    textVerbatim
    secondary
    source
    missingFacts
    undecidable
    citation {
      ...ExemptionCitation
    }
  }
`);
