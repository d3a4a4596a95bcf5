// One regime's answer to "do I need a licence?": the verdict in plain words and the API's one
// sentence why, then what it rests on — the destination's Country Chart row (US), each entry's
// reasons for control read against the chart columns, the row's footnotes, the licence
// exceptions or general authorisations with their open conditions, the questions that would
// decide what is open, the steps of the reasoning and the sources.
import type { WebLicenceRequirementQuery } from '../gql/graphql';
import { labelOf, REGIME_LABELS } from './labels';

export type RegimeAnswer = WebLicenceRequirementQuery['licenceRequirement']['regimes'][number];
export type LicenceQuestionItem = RegimeAnswer['questions'][number];

/** Each verdict in words a non-lawyer can act on. */
export const VERDICT_WORDS: Record<RegimeAnswer['verdict'], { title: string; meaning: string }> = {
  LICENCE_REQUIRED: {
    title: 'Licence required',
    meaning: 'Apply for a licence before you ship: no exception or general authorisation held here can cover it.',
  },
  NO_LICENCE_REQUIRED: {
    title: 'No licence required',
    meaning: 'For the reasons assessed, no licence is needed; the sentence below says what was not assessed.',
  },
  EXCEPTION_MAY_APPLY: {
    title: 'Licence required unless an exception applies',
    meaning: 'A licence is needed unless one of the exceptions below covers the shipment and all its conditions hold.',
  },
  INDETERMINATE: {
    title: 'Not decided: treat it as “a licence may be required”',
    meaning: 'The facts given or the texts held do not decide it. Answer the questions below, or ask your authority.',
  },
};

const REASON_OUTCOME_WORDS: Record<RegimeAnswer['entries'][number]['reasons'][number]['outcome'], string> = {
  LICENCE_REQUIRED: 'licence required',
  NO_LICENCE_REQUIRED: 'no licence for this reason',
  NOT_APPLICABLE: 'does not reach this item',
  INDETERMINATE: 'undecided',
};

const EXCEPTION_STATUS_WORDS: Record<RegimeAnswer['exceptions'][number]['status'], string> = {
  MAY_APPLY: 'May apply',
  NOT_AVAILABLE: 'Not available',
  UNDECIDED: 'Undecided',
};

function Marked({ marked }: { marked: boolean | null | undefined }) {
  if (marked === true) return <span className="licence-x">X</span>;
  if (marked === false) return <span className="licence-no-x">no X</span>;
  return <span className="licence-muted">—</span>;
}

export function LicenceRegimeAnswer({
  answer,
  destinationName,
  destinationCode,
  answerable,
  onAnswer,
}: {
  answer: RegimeAnswer;
  destinationName: string;
  destinationCode: string;
  /** Whether the page can take an answer to this question (its fact is one the API lists). */
  answerable: (question: LicenceQuestionItem) => boolean;
  onAnswer: (question: LicenceQuestionItem) => void;
}) {
  const regime = labelOf(REGIME_LABELS, answer.regime);
  const words = VERDICT_WORDS[answer.verdict];
  // A licence is required, yet an exception the texts held could not rule out may still cover it:
  // the page then says so rather than "no exception can".
  const stillOpen = answer.exceptions.some((exception) => exception.status !== 'NOT_AVAILABLE');
  const meaning =
    answer.verdict === 'LICENCE_REQUIRED' && stillOpen
      ? 'A licence is needed unless an exception below that the texts held could not decide turns out to cover the shipment: check its open conditions.'
      : words.meaning;
  const headingId = `licence-${answer.regime}-heading`;
  const row = answer.chartRow;
  return (
    <section className={`licence-regime licence-verdict-${answer.verdict}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {regime}: <span className="licence-verdict-title">{words.title}</span>
      </h2>
      <p className="licence-reason">{answer.reason}</p>
      <p className="licence-muted">{meaning}</p>

      {row ? (
        <div className="licence-block">
          <h3>Commerce Country Chart row</h3>
          <p>
            <strong>{row.name}</strong> ({row.code})
            {row.referredFrom ? ` — read for ${row.referredFrom}, whose row refers to it` : ''}
            {row.rowType === 'EMBARGO_POINTER'
              ? ': an embargo row with no X; it points to Part 746 instead, so “no X” does not mean “no licence”.'
              : row.xColumns.length > 0
                ? `: X in ${row.xColumns.join(', ')}.`
                : ': no X in any column.'}
          </p>
          {row.pointerText ? <blockquote className="licence-verbatim">{row.pointerText}</blockquote> : null}
          {answer.countryGroups.length > 0 ? (
            <p>
              EAR Country Groups of {destinationName}: {answer.countryGroups.join(', ')}
            </p>
          ) : null}
        </div>
      ) : null}

      {answer.entries.map((entry) => (
        <div className="licence-block" key={entry.code}>
          <h3>
            Reasons for control of {entry.code}
            {entry.reasonsForControl.length > 0 ? ` (${entry.reasonsForControl.join(', ')})` : ''}
          </h3>
          <p className="licence-muted">
            {entry.basis === 'GIVEN' ? 'You named this code' : 'Classified from the facts given'}; it{' '}
            {entry.classification === 'MET'
              ? 'controls the item.'
              : entry.classification === 'UNKNOWN'
                ? 'may control the item (not decided).'
                : 'does not control the item.'}
          </p>
          {entry.reasons.length > 0 ? (
            <table className="licence-table">
              <caption className="visually-hidden">
                The control-table lines of {entry.entry} against the chart row of {destinationName}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="licence-col-reason">
                    Reason
                  </th>
                  <th scope="col">Control-table line</th>
                  <th scope="col" className="licence-col-chart">
                    Chart column
                  </th>
                  <th scope="col" className="licence-col-mark">
                    <abbr title={`${destinationName}'s chart row`}>{destinationCode}</abbr>
                  </th>
                  <th scope="col" className="licence-col-meaning">
                    Meaning
                  </th>
                </tr>
              </thead>
              <tbody>
                {entry.reasons.map((reason, index) => (
                  <tr
                    key={`${reason.reason}-${reason.column ?? index}`}
                    className={`licence-outcome-${reason.outcome}`}
                  >
                    <th scope="row">
                      {reason.reason}
                      {reason.reasonName ? <span className="licence-muted"> {reason.reasonName}</span> : null}
                    </th>
                    <td>
                      {reason.controlText}
                      {reason.scopeTrace.length > 0 && reason.lineApplies !== 'MET' ? (
                        <details>
                          <summary>Does the line reach the item?</summary>
                          <ul>
                            {reason.scopeTrace.map((step) => (
                              <li key={step}>{step}</li>
                            ))}
                          </ul>
                        </details>
                      ) : null}
                    </td>
                    <td>{reason.countryChart}</td>
                    <td>
                      <Marked marked={reason.destinationMarked} />
                    </td>
                    <td>
                      <strong>{REASON_OUTCOME_WORDS[reason.outcome]}</strong>: {reason.explanation}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ))}

      {answer.footnotes.length > 0 ? (
        <div className="licence-block">
          <h3>Footnotes of the chart row</h3>
          <ul className="licence-list">
            {answer.footnotes.map((footnote) => (
              <li key={footnote.marker}>
                <strong>Footnote {footnote.marker}:</strong> {footnote.bearing}
                <blockquote className="licence-verbatim">{footnote.text}</blockquote>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {answer.exceptions.length > 0 ? (
        <div className="licence-block">
          <h3>{answer.regime === 'EU' ? 'General export authorisations' : 'Licence exceptions'}</h3>
          <ul className="licence-list">
            {answer.exceptions.map((exception) => (
              <li key={exception.code} className={`licence-exception licence-exception-${exception.status}`}>
                <span className="licence-status">{EXCEPTION_STATUS_WORDS[exception.status]}</span>{' '}
                <strong>
                  {exception.code} — {exception.name}
                </strong>{' '}
                <span className="licence-muted">({exception.legalBasis})</span>
                <p>{exception.explanation}</p>
                {exception.entryText ? (
                  <p className="licence-muted">
                    {exception.entry ?? 'The entry'} says: “{exception.entryText}”
                  </p>
                ) : null}
                {exception.openConditions.length > 0 ? (
                  <>
                    <p className="licence-conditions-lead">Open conditions — check each before relying on it:</p>
                    <ul>
                      {exception.openConditions.map((condition) => (
                        <li key={condition}>{condition}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {answer.questions.length > 0 ? (
        <div className="licence-block">
          <h3>Questions that would decide it</h3>
          <ul className="licence-list">
            {answer.questions.map((question) => (
              <li key={`${question.fact ?? ''}|${question.question}`}>
                {question.question} <span className="licence-muted">({question.source})</span>{' '}
                {answerable(question) ? (
                  <button type="button" className="secondary" onClick={() => onAnswer(question)}>
                    Answer
                  </button>
                ) : question.givenAs === 'provisions' ? (
                  <span className="licence-muted">Give a more specific entry code above.</span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <details className="licence-block">
        <summary>How this was decided ({answer.trace.length} steps)</summary>
        <ol>
          {answer.trace.map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ol>
      </details>

      {answer.sources.length > 0 || answer.citations.length > 0 ? (
        <div className="licence-block">
          <h3>Sources</h3>
          <ul className="licence-sources">
            {answer.sources.map((source) => (
              <li key={`${source.document}|${source.section}`}>
                {source.url ? <a href={source.url}>{source.document}</a> : source.document}, {source.section}
                {source.textDate ? ` (text of ${source.textDate})` : ''}
              </li>
            ))}
            {answer.citations.map((citation, index) => (
              <li key={`${citation.url ?? ''}|${citation.section ?? ''}|${index}`}>
                {citation.url ? <a href={citation.url}>{citation.title ?? citation.url}</a> : (citation.title ?? '')}
                {citation.section ? `, ${citation.section}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
