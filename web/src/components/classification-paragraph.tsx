// One classified paragraph: its outcome, verbatim text and source, every criterion it depends on
// (what the text requires, what was given, the outcome, the paragraph it was read from), the
// decontrol notes that fired or might, and the control-table lines that apply.
import { useState } from 'react';
import { Link } from 'react-router';
import type { WebClassifyItemQuery, WebCriterionTraceFragment } from '../gql/graphql';
import { labelOf, REGIME_LABELS } from './labels';
import { humanize, OutcomeBadge, OUTCOME_MEANINGS } from './classification-labels';

export type ClassifiedParagraph = WebClassifyItemQuery['classifyItem']['paragraphs'][number];

export function provisionPath(regime: string, code: string): string {
  return `/provisions/${encodeURIComponent(regime)}/${encodeURIComponent(code)}`;
}

export function ClassificationParagraph({
  paragraph,
  open,
  focused,
  onAnswer,
}: {
  paragraph: ClassifiedParagraph;
  open: boolean;
  focused: boolean;
  onAnswer: (fact: string) => void;
}) {
  const citation = paragraph.citation;
  // A closed paragraph renders only its summary: an answer lists dozens of paragraphs with
  // hundreds of criteria, and most are never opened.
  const [isOpen, setOpen] = useState(open);
  return (
    <li className={focused ? 'classified-paragraph focused' : 'classified-paragraph'}>
      <details open={isOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <OutcomeBadge outcome={paragraph.outcome} /> <span className="code">{paragraph.paragraph}</span>{' '}
          <span className="badge regime">{labelOf(REGIME_LABELS, paragraph.regime)}</span>
          <span className="paragraph-excerpt">{excerpt(paragraph.text)}</span>
        </summary>
        {isOpen ? (
          <div className="paragraph-body">
            <p className="outcome-meaning">
              {paragraph.paragraph} is <strong>{paragraph.outcome.replace('_', ' ')}</strong>:{' '}
              {OUTCOME_MEANINGS[paragraph.outcome]}. The outcome counts the conditions and decontrol notes of this
              paragraph and of every paragraph above it.
            </p>
            <blockquote className="verbatim">{paragraph.text}</blockquote>
            <p className="source">
              Source:{' '}
              {citation?.url ? (
                <a href={citation.url} rel="noreferrer">
                  {citation.title ?? citation.url}
                  {citation.section ? ` (${citation.section})` : ''}
                </a>
              ) : (
                (citation?.title ?? 'not recorded')
              )}{' '}
              ·{' '}
              <Link to={provisionPath(paragraph.regime, paragraph.paragraph)}>{paragraph.paragraph} in the lists</Link>
            </p>
            {paragraph.missingFacts.length > 0 ? (
              <div className="missing-facts">
                <p>Would be decided by:</p>
                <ul>
                  {paragraph.missingFacts.map((fact) => (
                    <li key={fact}>
                      <button type="button" className="link-button" onClick={() => onAnswer(fact)}>
                        <span className="visually-hidden">Answer: </span>
                        {humanize(fact)}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <TraceTable
              caption={`Criteria of ${paragraph.paragraph}`}
              regime={paragraph.regime}
              traces={paragraph.traces}
            />
            {paragraph.exclusions.length > 0 ? (
              <div className="exclusions">
                <h4>Decontrol notes</h4>
                <ul>
                  {paragraph.exclusions.map((note) => (
                    <li key={`${note.paragraph}-${note.id}`}>
                      <p>
                        <OutcomeBadge outcome={note.outcome} /> <strong>{note.label}</strong>{' '}
                        {note.outcome === 'MET'
                          ? 'applies: it takes the item out of this paragraph.'
                          : 'might apply: facts are missing to decide it.'}
                        {note.movesTo !== null ? (
                          <>
                            {' '}
                            The list sends the item to{' '}
                            <Link to={provisionPath(paragraph.regime, note.movesTo)}>
                              <span className="code">{note.movesTo}</span>
                            </Link>
                            .
                          </>
                        ) : null}
                      </p>
                      <blockquote className="verbatim">{note.text}</blockquote>
                      {note.movesToText !== null ? (
                        <blockquote className="verbatim">{note.movesToText}</blockquote>
                      ) : null}
                      <TraceTable
                        caption={`Criteria of ${note.label}`}
                        regime={paragraph.regime}
                        traces={note.traces}
                      />
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {paragraph.controlReasons.length > 0 ? (
              <div className="control-reasons">
                <h4>Control-table lines</h4>
                <table>
                  <caption className="visually-hidden">Control-table lines that cover {paragraph.paragraph}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Reason</th>
                      <th scope="col">Country-chart column</th>
                      <th scope="col">Applies</th>
                      <th scope="col">Text of the line</th>
                    </tr>
                  </thead>
                  <tbody>
                    {paragraph.controlReasons.map((line, index) => (
                      <tr key={`${line.column}-${index}`}>
                        <td>{line.reason}</td>
                        <td>{line.column}</td>
                        <td>
                          <OutcomeBadge outcome={line.outcome} />
                        </td>
                        <td>{line.text}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </div>
        ) : null}
      </details>
    </li>
  );
}

function TraceTable({
  caption,
  regime,
  traces,
}: {
  caption: string;
  regime: string;
  traces: readonly WebCriterionTraceFragment[];
}) {
  if (traces.length === 0) return null;
  return (
    <table className="trace-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">The text (verbatim)</th>
          <th scope="col">Requires</th>
          <th scope="col">You gave</th>
          <th scope="col">Outcome</th>
          <th scope="col">Read from</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((trace, index) => (
          <tr key={`${trace.criterionId}-${index}`}>
            <td>
              <span className="trace-text">{trace.text}</span>
              {trace.note !== null ? <span className="trace-note">Reading: {trace.note}</span> : null}
            </td>
            <td>
              {trace.fact !== null ? <span className="fact-name">{humanize(trace.fact)} </span> : null}
              <span className="required">{trace.required}</span>
              {trace.ref !== null ? (
                <>
                  {' '}
                  (see{' '}
                  <Link to={provisionPath(regime, trace.ref)}>
                    <span className="code">{trace.ref}</span>
                  </Link>
                  )
                </>
              ) : null}
            </td>
            <td>{givenText(trace)}</td>
            <td>
              <OutcomeBadge outcome={trace.outcome} />
            </td>
            <td>
              {trace.paragraph !== null ? (
                <Link to={provisionPath(regime, trace.paragraph)}>
                  <span className="code">{trace.paragraph}</span>
                </Link>
              ) : (
                'the note or line itself'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What the user gave, as they gave it (yes / no for booleans); "not given" stands out. A value
 * that follows from other answers says so and what it follows from; a classification the user
 * declared says "declared".
 */
function givenText(trace: WebCriterionTraceFragment) {
  if (trace.source === 'DECLARED') return <span className="declared">declared by you</span>;
  if (trace.given === null) return trace.fact !== null ? <span className="not-given">not given</span> : '—';
  const value = trace.given === 'true' ? 'Yes' : trace.given === 'false' ? 'No' : trace.given;
  if (trace.source !== 'IMPLIED' || !trace.implication) return value;
  const sources = trace.implication.citations.map((citation) => citation.paragraph);
  return (
    <>
      {value}{' '}
      <span className="trace-note">
        Implied: {trace.implication.because}
        {sources.length > 0 ? ` (${[...new Set(sources)].join('; ')})` : ''}
      </span>
    </>
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 110 ? `${flat.slice(0, 107)}…` : flat;
}
