// The classification wizard's GraphQL operations (typed by GraphQL Code Generator from the
// committed schema): the fact vocabulary, the facts one entry uses, and the classification itself.
import { graphql } from '../gql';

export const ItemFactsDocument = graphql(`
  query WebItemFacts {
    itemFacts {
      name
      type
      description
      dimension
      canonicalUnit
      acceptedUnits
      values
    }
  }
`);

export const EntryFactsDocument = graphql(`
  query WebEntryFacts($filter: ItemFactFilter) {
    itemFacts(filter: $filter) {
      name
    }
  }
`);

// One criterion of a trace: shared by paragraph conditions, decontrol notes and control-table lines.
export const CriterionTraceFragment = graphql(`
  fragment WebCriterionTrace on CriterionTrace {
    criterionId
    fact
    given
    note
    outcome
    paragraph
    ref
    required
    text
    source
    implication {
      rule
      because
      citations {
        paragraph
      }
    }
  }
`);

export const ClassifyItemDocument = graphql(`
  query WebClassifyItem($item: ItemInput!, $regimes: [Regime!], $asOf: Date) {
    classifyItem(item: $item, regimes: $regimes, asOf: $asOf) {
      controlled
      disclaimer
      impliedFacts {
        fact
        value
        rule
        because
        citations {
          paragraph
        }
      }
      factConflicts {
        fact
        message
      }
      asOf
      regimes {
        regime
        coverage
        outcome
        note
        entries
        textDates
      }
      entries {
        entry
        regime
        outcome
        coverage
        reason
        missingFacts
        undecidable
      }
      moves {
        from
        to
        label
        outcome
        regime
        text
      }
      nextQuestions {
        fact {
          name
        }
        paragraphs {
          regime
          paragraph
        }
      }
      paragraphs {
        regime
        entry
        paragraph
        parent
        depth
        outcome
        text
        missingFacts
        citation {
          url
          title
          section
        }
        exclusions {
          id
          label
          outcome
          paragraph
          text
          movesTo
          movesToText
          traces {
            ...WebCriterionTrace
          }
        }
        controlReasons {
          reason
          column
          outcome
          text
          traces {
            ...WebCriterionTrace
          }
        }
        traces {
          ...WebCriterionTrace
        }
      }
    }
  }
`);
