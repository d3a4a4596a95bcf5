// The provision page's GraphQL operations (typed by GraphQL Code Generator from the committed
// schema). Fragments cannot recurse, so the paragraph tree and the encoded logic are spelled out
// to a fixed depth: paragraphs six levels under the entry (the deepest lists go four or five),
// threshold groups four levels (the encodings' documented maximum).
import { graphql } from '../gql';

export const ProvisionCitationFragment = graphql(`
  fragment ProvisionCitation on Citation {
    url
    title
    section
    note
  }
`);

export const ProvisionThresholdFragment = graphql(`
  fragment ProvisionThreshold on Threshold {
    id
    paragraph
    encoded
    textVerbatim
    comparator
    parameter
    value
    valueMax
    unit
    minInclusive
    maxInclusive
    booleanValue
    values
    ref
    refRegime
    refSubject
    note
    exponentNote
    citation {
      ...ProvisionCitation
    }
  }
`);

export const ProvisionGroupFragment = graphql(`
  fragment ProvisionGroup on ThresholdGroup {
    id
    paragraph
    role
    operator
    label
    reason
    appliesTo
    textVerbatim
    movesTo
    movesToText
    citation {
      ...ProvisionCitation
    }
    thresholds {
      ...ProvisionThreshold
    }
  }
`);

export const ProvisionParagraphFragment = graphql(`
  fragment ProvisionParagraph on ControlProvision {
    id
    code
    title
    text
    notes
    citation {
      ...ProvisionCitation
    }
    listNotes {
      kind
      label
      text
      appliesTo
      scopeInText
      citation {
        ...ProvisionCitation
      }
    }
    thresholds(encoded: false) {
      ...ProvisionThreshold
    }
    thresholdGroups {
      ...ProvisionGroup
      groups {
        ...ProvisionGroup
        groups {
          ...ProvisionGroup
          groups {
            ...ProvisionGroup
          }
        }
      }
    }
  }
`);

export const ProvisionVersionFragment = graphql(`
  fragment ProvisionVersion on ControlProvision {
    id
    validFrom
    validTo
    textDate
    status
    controlList {
      version
    }
    citation {
      ...ProvisionCitation
    }
    amendingActs {
      kind
      inferred
      act {
        id
        reference
        documentNumber
        title
        effectiveOn
        url
      }
    }
  }
`);

export const ProvisionPageDocument = graphql(`
  query WebProvisionPage($code: String!, $regime: Regime!, $asOf: Date) {
    current: provision(code: $code, regime: $regime) {
      id
      code
      title
      history {
        ...ProvisionVersion
      }
    }
    provision(code: $code, regime: $regime, asOf: $asOf) {
      ...ProvisionParagraph
      ...ProvisionVersion
      regime
      kind
      entryCode
      category
      categoryName
      printedCode
      wassenaarCode
      regimeMarkers
      relatedControls
      reasonsForControl
      controlTable
      licenceExceptions
      sourceDefects
      parent {
        code
        title
      }
      controlList {
        name
        version
        textDate
        citation {
          ...ProvisionCitation
        }
      }
      history {
        ...ProvisionVersion
      }
      exemptions {
        basis
        note
        exemption {
          id
          name
          kind
          typeLabel
          legalBasis
          regimeLabel
          revoked
          validFrom
          validTo
          textNote
          citation {
            ...ProvisionCitation
          }
        }
      }
      paragraphs {
        ...ProvisionParagraph
        parent {
          id
        }
      }
    }
  }
`);

export const ProvisionComparisonDocument = graphql(`
  query WebProvisionComparison($code: String!) {
    compareProvision(code: $code) {
      code
      regimes
      listedIn
      encodedIn
      provisions {
        id
        code
        regime
        title
        citation {
          ...ProvisionCitation
        }
        correlations {
          kind
          note
          provision {
            code
            regime
          }
          citation {
            ...ProvisionCitation
          }
        }
      }
      paragraphs {
        code
        status
        sides {
          regime
          method
          provision {
            code
            text
            citation {
              ...ProvisionCitation
            }
          }
        }
        pairs {
          first
          second
          status
          onlyIn
          similarity
          differences {
            op
            text
          }
        }
        notes {
          kind
          label
          status
          sides {
            regime
            label
            text
          }
          pairs {
            first
            second
            status
            onlyIn
            similarity
            differences {
              op
              text
            }
          }
        }
      }
      criteria {
        paragraph
        fact
        comparator
        status
        regimes
        sides {
          regime
          required
          text
          citation {
            ...ProvisionCitation
          }
        }
      }
    }
  }
`);

export const ProvisionDiffDocument = graphql(`
  query WebProvisionDiff($code: String!, $regime: Regime!, $fromVersion: ID, $toVersion: ID) {
    provisionDiff(code: $code, regime: $regime, fromVersion: $fromVersion, toVersion: $toVersion) {
      code
      regime
      changed
      from {
        id
        validFrom
        validTo
        textDate
        citation {
          ...ProvisionCitation
        }
      }
      to {
        id
        validFrom
        validTo
        textDate
        citation {
          ...ProvisionCitation
        }
      }
      text {
        op
        text
      }
      notes {
        change
        kind
        label
        segments {
          op
          text
        }
      }
    }
  }
`);
