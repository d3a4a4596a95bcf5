// The licence page's GraphQL operations (typed by GraphQL Code Generator from the committed schema).
import { graphql } from '../gql';

/**
 * What the page needs before the first answer: the destinations the API knows (the values of the
 * destination fact, to suggest names as the user types) and the wording and type of every fact a
 * question may ask for, so an answer can be given in the right form.
 */
export const LicenceSetupDocument = graphql(`
  query LicenceSetup {
    activityFacts {
      name
      type
      values
      description
      givenAs
    }
    itemFacts {
      name
      type
      values
      description
      acceptedUnits
      canonicalUnit
    }
    licenceActivityFacts {
      name
      type
      description
      source
    }
  }
`);

export const LicenceRequirementDocument = graphql(`
  query WebLicenceRequirement($input: LicenceRequirementInput!) {
    licenceRequirement(input: $input) {
      asOf
      disclaimer
      destination {
        code
        name
      }
      regimes {
        regime
        verdict
        reason
        countryGroups
        chartRow {
          code
          name
          rowType
          xColumns
          footnoteMarkers
          pointerText
          referredFrom
        }
        entries {
          code
          entry
          basis
          classification
          reasonsForControl
          reasons {
            reason
            reasonName
            column
            controlText
            countryChart
            destinationMarked
            lineApplies
            outcome
            explanation
            scopeTrace
          }
        }
        footnotes {
          marker
          text
          bearing
        }
        exceptions {
          code
          name
          legalBasis
          status
          explanation
          entry
          entryText
          openConditions
        }
        questions {
          question
          fact
          givenAs
          source
        }
        trace
        sources {
          document
          section
          url
          textDate
        }
        citations {
          url
          title
          section
        }
      }
    }
  }
`);
