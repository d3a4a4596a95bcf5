// One exemption as checked: its outcome and why, what rules it out, each condition with the
// verbatim passage it was read from and its source, the disqualifiers apart from the conditions
// (a disqualifier that holds rules the exemption out; it is not a condition left unmet), what
// would decide it, what the stored text cannot decide, and the exemption's own text.
import { useId } from 'react';
import type {
  ExemptionCitationFragment,
  ExemptionConditionFieldsFragment,
  WebCheckExemptionsQuery,
} from '../gql/graphql';
import { labelOf, REGIME_LABELS } from './labels';

export type Eligibility = WebCheckExemptionsQuery['checkExemptions']['exemptions'][number];
type Condition = ExemptionConditionFieldsFragment & { alternatives?: ExemptionConditionFieldsFragment[] };

export const OUTCOME_LABELS: Record<string, string> = {
  APPLIES: 'Applies',
  DOES_NOT_APPLY: 'Does not apply',
  INDETERMINATE: 'Indeterminate',
};

const REQUIREMENT_OUTCOMES: Record<string, string> = {
  SATISFIED: 'Met',
  UNSATISFIED: 'Not met',
  UNKNOWN: 'Unknown',
};

// For a disqualifier, SATISFIED means the disqualifying circumstance holds.
const DISQUALIFIER_OUTCOMES: Record<string, string> = {
  SATISFIED: 'Holds: rules the exemption out',
  UNSATISFIED: 'Does not hold',
  UNKNOWN: 'Unknown',
};

const ROLE_LABELS: Record<string, string> = {
  REQUIREMENT: 'Condition',
  VALIDITY: 'In force',
  CLASSIFICATION: 'Classification',
  ENTRY: 'List entry',
  DISQUALIFIER: 'Disqualifier',
};

export function CitationLink({ citation }: { citation: ExemptionCitationFragment }) {
  const title = citation.title ?? citation.path ?? citation.url ?? 'source';
  const where = [citation.section, citation.publisher].filter((part): part is string => !!part).join(', ');
  return (
    <span className="citation">
      {citation.url ? (
        <a href={citation.url} rel="noreferrer">
          {title}
        </a>
      ) : (
        <cite>{title}</cite>
      )}
      {where !== '' ? <> — {where}</> : null}
      {citation.url ? <span className="print-url"> ({citation.url})</span> : null}
      {citation.note ? <span className="citation-note"> ({citation.note})</span> : null}
    </span>
  );
}

function ConditionList({
  conditions,
  className,
  factLabel,
  onAnswerFact,
}: {
  conditions: readonly Condition[];
  className: string;
  factLabel: (fact: string) => string;
  onAnswerFact: ((fact: string) => void) | null;
}) {
  return (
    <ul className={className}>
      {conditions.map((condition) => (
        <ConditionItem key={condition.id} condition={condition} factLabel={factLabel} onAnswerFact={onAnswerFact} />
      ))}
    </ul>
  );
}

function ConditionItem({
  condition,
  factLabel,
  onAnswerFact,
}: {
  condition: Condition;
  factLabel: (fact: string) => string;
  onAnswerFact: ((fact: string) => void) | null;
}) {
  const disqualifier = condition.role === 'DISQUALIFIER';
  const words = (disqualifier ? DISQUALIFIER_OUTCOMES : REQUIREMENT_OUTCOMES)[condition.outcome] ?? condition.outcome;
  const state = condition.outcome.toLowerCase();
  return (
    <li className={`condition condition-${state}${disqualifier ? ' disqualifier' : ''}`}>
      <p className="condition-head">
        <span className={`outcome-tag tag-${state}${disqualifier ? ' tag-disqualifier' : ''}`}>{words}</span>{' '}
        <span className="condition-role">{labelOf(ROLE_LABELS, condition.role)}:</span> {condition.label}
      </p>
      {condition.textVerbatim !== '' ? (
        <blockquote className="verbatim">
          {condition.textVerbatim}
          {condition.secondary ? (
            <span className="secondary-note"> (guidance or editors’ note, not the legal text)</span>
          ) : null}
        </blockquote>
      ) : null}
      <p className="source">
        Source: <CitationLink citation={condition.citation} />
      </p>
      {condition.missingFacts.length > 0 ? (
        <p className="missing">
          Would be decided by:{' '}
          {condition.missingFacts.map((fact, index) => (
            <span key={fact}>
              {onAnswerFact !== null ? (
                <button type="button" className="link-button" onClick={() => onAnswerFact(fact)}>
                  {factLabel(fact)}
                </button>
              ) : (
                factLabel(fact)
              )}
              {index < condition.missingFacts.length - 1 ? ', ' : ''}
            </span>
          ))}
        </p>
      ) : null}
      {condition.undecidable ? (
        <p className="undecidable">The stored text cannot decide this: {condition.undecidable}</p>
      ) : null}
      {condition.alternatives !== undefined && condition.alternatives.length > 0 ? (
        <>
          <p className="alternatives-intro">Any one of these is enough:</p>
          <ConditionList
            conditions={condition.alternatives}
            className="conditions alternatives"
            factLabel={factLabel}
            onAnswerFact={onAnswerFact}
          />
        </>
      ) : null}
    </li>
  );
}

export function ExemptionResult({
  eligibility,
  focused,
  open,
  onToggle,
  factLabel,
  onAnswerFact,
}: {
  eligibility: Eligibility;
  focused: boolean;
  open: boolean;
  onToggle: () => void;
  factLabel: (fact: string) => string;
  onAnswerFact: ((fact: string) => void) | null;
}) {
  const id = useId();
  const { requirements, disqualifiers } = eligibility;
  const outcome = eligibility.outcome.toLowerCase().replace(/_/g, '-');
  return (
    <article
      className={`exemption-result outcome-${outcome}${focused ? ' focused' : ''}`}
      aria-labelledby={`${id}-title`}
      data-exemption-key={eligibility.exemptionKey}
    >
      <h3 id={`${id}-title`} className="exemption-title">
        <button
          type="button"
          className="disclosure"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={onToggle}
        >
          <span className={`outcome-badge badge-${outcome}`}>{labelOf(OUTCOME_LABELS, eligibility.outcome)}</span>{' '}
          <span className="exemption-name">{eligibility.name}</span>{' '}
          <span className="exemption-basis">{eligibility.legalBasis}</span>
          {focused ? <span className="focus-tag"> · the exemption you asked about</span> : null}
        </button>
      </h3>
      <p className="exemption-reason">
        {eligibility.reason}
        {eligibility.regimes.length > 0 ? (
          <span className="exemption-regimes">
            {' '}
            ({eligibility.regimes.map((regime) => labelOf(REGIME_LABELS, regime)).join(', ')})
          </span>
        ) : null}
      </p>
      {eligibility.disqualifiersFired.length > 0 ? (
        <div className="fired" role="note">
          <p className="fired-title">Ruled out by:</p>
          <ul>
            {eligibility.disqualifiersFired.map((fired) => (
              <li key={fired.id}>
                <span className="condition-role">{labelOf(ROLE_LABELS, fired.role)}:</span> {fired.label}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div id={`${id}-body`} className="exemption-body" hidden={!open}>
        {eligibility.effect ? <p>Effect: {eligibility.effect}</p> : null}
        {eligibility.missingFacts.length > 0 ? (
          <p className="missing">
            <strong>Missing facts</strong> (answering these could decide it):{' '}
            {eligibility.missingFacts.map((fact, index) => (
              <span key={fact}>
                {onAnswerFact !== null ? (
                  <button type="button" className="link-button" onClick={() => onAnswerFact(fact)}>
                    {factLabel(fact)}
                  </button>
                ) : (
                  factLabel(fact)
                )}
                {index < eligibility.missingFacts.length - 1 ? ', ' : ''}
              </span>
            ))}
          </p>
        ) : null}
        {eligibility.undecidable.length > 0 ? (
          <div className="undecidable">
            <p>
              <strong>Undecidable from the stored text</strong> (no answer will settle these; read the text or ask the
              authority):
            </p>
            <ul>
              {eligibility.undecidable.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <h4>Conditions checked</h4>
        {requirements.length > 0 ? (
          <ConditionList
            conditions={requirements}
            className="conditions"
            factLabel={factLabel}
            onAnswerFact={onAnswerFact}
          />
        ) : (
          <p>None recorded.</p>
        )}
        <h4>Disqualifiers</h4>
        <p className="hint">If any one of these holds, the exemption does not apply, whatever the conditions say.</p>
        {disqualifiers.length > 0 ? (
          <ConditionList
            conditions={disqualifiers}
            className="conditions"
            factLabel={factLabel}
            onAnswerFact={onAnswerFact}
          />
        ) : (
          <p>None recorded.</p>
        )}
        <h4>Text of the exemption</h4>
        {eligibility.exemption.textVerbatim.length > 0 ? (
          eligibility.exemption.textVerbatim.map((passage, index) => (
            <blockquote key={index} className="verbatim">
              {passage}
            </blockquote>
          ))
        ) : (
          <p>No verbatim text is stored.</p>
        )}
        {[eligibility.exemption.textNote, eligibility.exemption.versionNote, ...eligibility.caveats]
          .filter((note): note is string => !!note)
          .map((note) => (
            <p key={note} className="caveat">
              Note: {note}
            </p>
          ))}
        <p className="source">
          Source: <CitationLink citation={eligibility.citation} />
        </p>
      </div>
    </article>
  );
}
