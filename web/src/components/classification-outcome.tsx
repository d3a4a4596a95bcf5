// The answer: a one-line summary in a live region (announced when it changes), each list's
// outcome with the texts and dates it rests on, the notes that move the item to another entry,
// and the paragraphs (MET first, then UNKNOWN, then NOT MET), those of the entry in focus first.
import { Link } from 'react-router';
import type { ClassificationOutcome, WebClassifyItemQuery } from '../gql/graphql';
import { labelOf, REGIME_LABELS } from './labels';
import { humanize, OutcomeBadge } from './classification-labels';
import { ClassificationParagraph, provisionPath, type ClassifiedParagraph } from './classification-paragraph';
import { isInEntry } from './classification-state';

type Classification = WebClassifyItemQuery['classifyItem'];

export function ClassificationOutcomeView({
  result,
  updating,
  entry,
  onAnswer,
}: {
  result: Classification;
  updating: boolean;
  entry: string | null;
  onAnswer: (fact: string) => void;
}) {
  const focusedFirst = (paragraphs: ClassifiedParagraph[]) =>
    entry === null
      ? paragraphs
      : [
          ...paragraphs.filter((p) => isInEntry(p.paragraph, entry)),
          ...paragraphs.filter((p) => !isInEntry(p.paragraph, entry)),
        ];
  const byOutcome = (outcome: ClassificationOutcome) =>
    focusedFirst(result.paragraphs.filter((p) => p.outcome === outcome));
  const met = byOutcome('MET');
  const unknown = byOutcome('UNKNOWN');
  const notMet = byOutcome('NOT_MET');
  const firstOpen = met[0] ?? null;

  return (
    <section className="classification-outcome" aria-labelledby="outcome-heading" aria-busy={updating}>
      <h2 id="outcome-heading">Outcome</h2>
      <div
        role="status"
        aria-live="polite"
        aria-atomic="true"
        className={`outcome-summary outcome-summary-${result.controlled}`}
      >
        <Summary result={result} met={met} unknown={unknown} updating={updating} />
      </div>

      <DrawnFacts result={result} />

      <table className="regime-table">
        <caption>By list</caption>
        <thead>
          <tr>
            <th scope="col">List</th>
            <th scope="col">Outcome</th>
            <th scope="col">What was evaluated</th>
          </tr>
        </thead>
        <tbody>
          {result.regimes.map((regime) => (
            <tr key={regime.regime}>
              <th scope="row">{labelOf(REGIME_LABELS, regime.regime)}</th>
              <td>
                {regime.outcome === null ? (
                  <span className="no-answer">No answer</span>
                ) : (
                  <OutcomeBadge outcome={regime.outcome} />
                )}
              </td>
              <td>
                {regime.coverage === 'NOT_ENCODED'
                  ? 'Nothing of this list is encoded: no answer can be given (this is not “not controlled”).'
                  : regime.coverage === 'TEXT_NOT_IN_FORCE'
                    ? 'The encoded texts are not known to be in force on the date asked about: not evaluated.'
                    : `Entries ${regime.entries.join(', ')}`}
                {regime.textDates.length > 0 ? ` (texts in force on ${regime.textDates.join(', ')})` : ''}
                {regime.coverage === 'ENCODED' ? '; other entries of this list were not evaluated.' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {result.moves.length > 0 ? (
        <div className="moves">
          <h3>Notes that move the item to another entry</h3>
          <ul>
            {result.moves.map((move, index) => (
              <li key={`${move.from}-${move.label}-${index}`}>
                <OutcomeBadge outcome={move.outcome} /> <strong>{move.label}</strong>{' '}
                {move.outcome === 'MET' ? 'takes the item out of' : 'might take the item out of'}{' '}
                <span className="code">{move.from}</span> ({labelOf(REGIME_LABELS, move.regime)}) and sends it to{' '}
                <Link to={provisionPath(move.regime, move.to)}>
                  <span className="code">{move.to}</span>
                </Link>
                : classify it there too.
                <blockquote className="verbatim">{move.text}</blockquote>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <ParagraphGroup
        title="Paragraphs your answers meet (MET)"
        empty="None: no encoded paragraph is met by your answers."
        paragraphs={met}
        isOpen={(p) => p === firstOpen}
        entry={entry}
        onAnswer={onAnswer}
      />
      <ParagraphGroup
        title="Undecided paragraphs (UNKNOWN: not enough facts)"
        empty="None: your answers decide every encoded paragraph."
        paragraphs={unknown}
        isOpen={() => false}
        entry={entry}
        onAnswer={onAnswer}
      />
      {notMet.length > 0 ? (
        <details className="ruled-out">
          <summary>
            <h3>Paragraphs your answers rule out (NOT MET): {notMet.length}</h3>
          </summary>
          <ul className="paragraph-list">
            {notMet.map((paragraph) => (
              <ClassificationParagraph
                key={`${paragraph.regime}-${paragraph.paragraph}`}
                paragraph={paragraph}
                open={false}
                focused={entry !== null && isInEntry(paragraph.paragraph, entry)}
                onAnswer={onAnswer}
              />
            ))}
          </ul>
        </details>
      ) : null}

      <details className="entries-detail">
        <summary>What the texts leave to you, entry by entry</summary>
        <ul>
          {result.entries.map((entryResult) => (
            <li key={`${entryResult.regime}-${entryResult.entry}`}>
              <OutcomeBadge outcome={entryResult.outcome} />{' '}
              <Link to={provisionPath(entryResult.regime, entryResult.entry)}>
                <span className="code">{entryResult.entry}</span>
              </Link>{' '}
              ({labelOf(REGIME_LABELS, entryResult.regime)})
              {entryResult.reason !== null ? `: ${entryResult.reason}` : ''}
              {entryResult.undecidable.length > 0 ? (
                <ul>
                  {entryResult.undecidable.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </details>

      <p className="disclaimer">{result.disclaimer}</p>
    </section>
  );
}

function Summary({
  result,
  met,
  unknown,
  updating,
}: {
  result: Classification;
  met: ClassifiedParagraph[];
  unknown: ClassifiedParagraph[];
  updating: boolean;
}) {
  const codes = (paragraphs: ClassifiedParagraph[]) =>
    paragraphs
      .slice(0, 4)
      .map((p) => `${labelOf(REGIME_LABELS, p.regime).split(' ')[0]} ${p.paragraph}`)
      .join(', ') + (paragraphs.length > 4 ? ' …' : '');
  const notEncoded = result.regimes.filter((regime) => regime.coverage === 'NOT_ENCODED');
  const notInForce = result.regimes.filter((regime) => regime.coverage === 'TEXT_NOT_IN_FORCE');
  return (
    <>
      <p className="outcome-headline">
        <OutcomeBadge outcome={result.controlled} />{' '}
        {result.controlled === 'MET'
          ? `Listed: your answers meet ${codes(met)}. Exporting a listed item usually needs a licence, depending on the destination; confirm with your licensing authority.`
          : result.controlled === 'NOT_MET'
            ? 'Not controlled by the encoded entries: your answers rule out every one of them. Entries that are not encoded were not evaluated.'
            : 'Not enough facts to decide. UNKNOWN never means “not controlled”.'}
        {updating ? ' (updating…)' : ''}
      </p>
      {result.controlled !== 'MET' && unknown.length > 0 ? (
        <p>
          {unknown.length} paragraph{unknown.length === 1 ? ' waits' : 's wait'} on facts you have not given (
          {codes(unknown)}): answer the questions to decide {unknown.length === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      {notEncoded.length > 0 ? (
        <p>
          No answer for {notEncoded.map((regime) => labelOf(REGIME_LABELS, regime.regime)).join(', ')}: nothing of{' '}
          {notEncoded.length === 1 ? 'that list is' : 'those lists is'} encoded here.
        </p>
      ) : null}
      {notInForce.length > 0 ? (
        <p>
          No answer for {notInForce.map((regime) => labelOf(REGIME_LABELS, regime.regime)).join(', ')}: the encoded
          texts are not known to be in force on the date asked about.
        </p>
      ) : null}
    </>
  );
}

function ParagraphGroup({
  title,
  empty,
  paragraphs,
  isOpen,
  entry,
  onAnswer,
}: {
  title: string;
  empty: string;
  paragraphs: ClassifiedParagraph[];
  isOpen: (paragraph: ClassifiedParagraph) => boolean;
  entry: string | null;
  onAnswer: (fact: string) => void;
}) {
  return (
    <div className="paragraph-group">
      <h3>
        {title}: {paragraphs.length}
      </h3>
      {paragraphs.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ul className="paragraph-list">
          {paragraphs.map((paragraph) => (
            <ClassificationParagraph
              key={`${paragraph.regime}-${paragraph.paragraph}`}
              paragraph={paragraph}
              open={isOpen(paragraph)}
              focused={entry !== null && isInEntry(paragraph.paragraph, entry)}
              onAnswer={onAnswer}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * What the answer took from the answers without asking (facts that follow from them, each with
 * the text it rests on), and answers that disagree with such a fact: shown, never settled quietly.
 */
function DrawnFacts({ result }: { result: Classification }) {
  if (result.impliedFacts.length === 0 && result.factConflicts.length === 0) return null;
  return (
    <div className="drawn-facts">
      {result.factConflicts.length > 0 ? (
        <div role="alert" className="error">
          <p>Some answers disagree with what other answers imply (your answer was used):</p>
          <ul>
            {result.factConflicts.map((conflict) => (
              <li key={`${conflict.fact}-${conflict.message}`}>{conflict.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.impliedFacts.length > 0 ? (
        <details>
          <summary>Taken from your answers without asking ({result.impliedFacts.length})</summary>
          <ul>
            {result.impliedFacts.map((fact) => (
              <li key={fact.fact}>
                <span className="fact-name">{humanize(fact.fact)}</span>: {humanizeValue(fact.value)}, because{' '}
                {fact.because} ({[...new Set(fact.citations.map((citation) => citation.paragraph))].join('; ')})
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function humanizeValue(value: string): string {
  return value === 'true' ? 'yes' : value === 'false' ? 'no' : humanize(value);
}
