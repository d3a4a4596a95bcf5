// The same code in the other lists, side by side: for the entry and each paragraph, whether the
// other list prints the same words, different words (with the words that differ) or does not
// have it; the notes likewise; the encoded criteria; and the recorded correspondences. The API
// compares the current texts, whatever date the page shows.
import { Link } from 'react-router';
import { ProvisionComparisonDocument } from '../api/provision-documents';
import { useQuery } from '../api/use-query';
import type { Regime, TextPairStatus, WebProvisionComparisonQuery } from '../gql/graphql';
import { labelOf, REGIME_LABELS } from './labels';
import { DiffSegments, SourceLink } from './provision-source';

type Comparison = WebProvisionComparisonQuery['compareProvision'];
type Pair = Comparison['paragraphs'][number]['pairs'][number];

/** The pair comparing `regime` with `other`, whichever order the API gives them in. */
function pairOf(pairs: readonly Pair[], regime: Regime, other: Regime): Pair | undefined {
  return pairs.find(
    (pair) => (pair.first === regime && pair.second === other) || (pair.first === other && pair.second === regime),
  );
}

function statusWords(
  pair: Pair | undefined,
  regime: Regime,
  other: Regime,
  listedIn: readonly Regime[],
): { text: string; tone: string } {
  if (!listedIn.includes(other)) return { text: 'no current text held', tone: 'unknown' };
  if (pair === undefined) return { text: 'not compared', tone: 'unknown' };
  const status: TextPairStatus = pair.status;
  if (status === 'SAME') return { text: 'same words', tone: 'same' };
  if (status === 'DIFFERENT') {
    const share = pair.similarity === null ? '' : ` (${Math.round(pair.similarity * 100)}% in common)`;
    return { text: `different${share}`, tone: 'different' };
  }
  if (pair.onlyIn === regime) return { text: `not in the ${labelOf(REGIME_LABELS, other)} list`, tone: 'missing' };
  return { text: `only in ${labelOf(REGIME_LABELS, other)}`, tone: 'only' };
}

/**
 * The pair's word-level changes read from the other list to this page's list, whichever order
 * the API compared them in: struck words are the other list's, underlined words this list's.
 */
function fromOtherToThis(pair: Pair, regime: Regime): Pair['differences'] {
  if (pair.second === regime) return pair.differences;
  return pair.differences.map((segment) => ({
    ...segment,
    op: segment.op === 'INSERT' ? 'DELETE' : segment.op === 'DELETE' ? 'INSERT' : segment.op,
  }));
}

export function ProvisionComparison({ code, regime }: { code: string; regime: Regime }) {
  const state = useQuery(ProvisionComparisonDocument, { code });
  return (
    <section className="prov-section" aria-labelledby="prov-compare">
      <h2 id="prov-compare">The same code in the other lists</h2>
      <p className="hint">Compares the current text of each list, whatever date is chosen above.</p>
      {state.status === 'error' ? (
        state.error.code === 'NOT_FOUND' ? (
          <p>No other list holds or encodes {code}: nothing to compare.</p>
        ) : (
          <p role="alert" className="error">
            The comparison could not be loaded: {state.error.message}
          </p>
        )
      ) : state.status !== 'done' ? (
        <p className="loading" aria-live="polite">
          Comparing the lists…
        </p>
      ) : (
        <ComparisonBody comparison={state.data.compareProvision} regime={regime} />
      )}
    </section>
  );
}

function ComparisonBody({ comparison, regime }: { comparison: Comparison; regime: Regime }) {
  const others = comparison.regimes.filter((other) => other !== regime);
  const notListed = comparison.regimes.filter((other) => !comparison.listedIn.includes(other));
  const differing = comparison.paragraphs.flatMap((paragraph) => {
    const pairs = others.flatMap((other) => {
      const pair = pairOf(paragraph.pairs, regime, other);
      return pair !== undefined && pair.status === 'DIFFERENT' ? [{ other, pair }] : [];
    });
    return pairs.length > 0 ? [{ paragraph, pairs }] : [];
  });
  const criteria = comparison.criteria.filter((criterion) => criterion.regimes.includes(regime));
  return (
    <>
      <ul className="prov-compare-lists">
        {comparison.provisions.map((provision) => (
          <li key={provision.id}>
            <span className="badge regime">{labelOf(REGIME_LABELS, provision.regime)}</span>{' '}
            {provision.regime === regime ? (
              <>
                <span className="code">{provision.code}</span> (this page)
              </>
            ) : (
              <Link to={`/provisions/${encodeURIComponent(provision.regime)}/${encodeURIComponent(provision.code)}`}>
                <span className="code">{provision.code}</span> {provision.title}
              </Link>
            )}{' '}
            <SourceLink citation={provision.citation} compact />
            {provision.correlations.length > 0 ? (
              <ul className="prov-correlations">
                {provision.correlations.map((correlation, index) => (
                  <li key={index}>
                    Recorded correspondence with {labelOf(REGIME_LABELS, correlation.provision.regime)}{' '}
                    <Link
                      to={`/provisions/${encodeURIComponent(correlation.provision.regime)}/${encodeURIComponent(correlation.provision.code)}`}
                    >
                      <span className="code">{correlation.provision.code}</span>
                    </Link>{' '}
                    ({correlation.kind.toLowerCase()}){correlation.note !== null ? <>: {correlation.note}</> : null}{' '}
                    <SourceLink citation={correlation.citation} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {notListed.length > 0 ? (
        <p>
          Not held in the current list of: {notListed.map((other) => labelOf(REGIME_LABELS, other)).join(', ')} (no text
          to compare, which is not the same as a different text).
        </p>
      ) : null}
      {!comparison.listedIn.includes(regime) ? (
        <p className="prov-warning">
          The current {labelOf(REGIME_LABELS, regime)} list does not hold {comparison.code}: the table compares the
          other lists only.
        </p>
      ) : null}

      <div className="prov-table-scroll">
        <table className="prov-table prov-compare-table">
          <caption>
            {labelOf(REGIME_LABELS, regime)} compared with each other list, paragraph by paragraph (texts compared after
            removing differences of printing)
          </caption>
          <thead>
            <tr>
              <th scope="col">Paragraph</th>
              {others.map((other) => (
                <th key={other} scope="col">
                  {labelOf(REGIME_LABELS, other)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {comparison.paragraphs.map((paragraph) => (
              <tr key={paragraph.code}>
                <th scope="row" className="code">
                  {paragraph.code}
                </th>
                {others.map((other) => {
                  const words = statusWords(pairOf(paragraph.pairs, regime, other), regime, other, comparison.listedIn);
                  return (
                    <td key={other} className={`prov-status prov-status-${words.tone}`}>
                      {words.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>Words that differ</h3>
      {differing.length === 0 ? (
        <p>No paragraph of {comparison.code} reads differently from another list.</p>
      ) : (
        <div className="prov-compare-diffs">
          <p className="hint">
            <del>Struck through</del>: words only in the other list; <ins>underlined</ins>: words only in the{' '}
            {labelOf(REGIME_LABELS, regime)} text.
          </p>
          {differing.map(({ paragraph, pairs }) => (
            <details key={paragraph.code} className="prov-compare-diff">
              <summary>
                <span className="code">{paragraph.code}</span>: differs from{' '}
                {pairs.map(({ other }) => labelOf(REGIME_LABELS, other)).join(', ')}
              </summary>
              {pairs.map(({ other, pair }) => {
                const side = paragraph.sides.find((candidate) => candidate.regime === other);
                return (
                  <div key={other} className="prov-compare-pair">
                    <p className="prov-compare-pair-title">
                      {labelOf(REGIME_LABELS, other)} → {labelOf(REGIME_LABELS, regime)}
                      {side !== undefined ? (
                        <>
                          {' '}
                          <SourceLink citation={side.provision.citation} compact />
                        </>
                      ) : null}
                    </p>
                    <DiffSegments segments={fromOtherToThis(pair, regime)} />
                  </div>
                );
              })}
            </details>
          ))}
        </div>
      )}

      <h3>Notes in the other lists</h3>
      <NoteComparisons comparison={comparison} regime={regime} others={others} />

      <h3>Encoded criteria</h3>
      {criteria.length === 0 ? (
        <p className="prov-unknown">
          {comparison.encodedIn.includes(regime)
            ? 'No encoded criteria to compare.'
            : `${labelOf(REGIME_LABELS, regime)} has no encoding of ${comparison.code}: its criteria are not compared (unknown, not different).`}
        </p>
      ) : (
        <>
          <p>
            {criteria.length} encoded criteria compared among{' '}
            {comparison.encodedIn.map((other) => labelOf(REGIME_LABELS, other)).join(', ')}:{' '}
            {criteria.filter((criterion) => criterion.status === 'SAME').length} the same,{' '}
            {criteria.filter((criterion) => criterion.status === 'DIFFERENT').length} different,{' '}
            {criteria.filter((criterion) => criterion.status === 'ONLY_IN_SOME').length} only in some lists.
          </p>
          <details>
            <summary>Show each criterion</summary>
            <div className="prov-table-scroll">
              <table className="prov-table">
                <thead>
                  <tr>
                    <th scope="col">Paragraph</th>
                    <th scope="col">Fact</th>
                    <th scope="col">Comparison</th>
                    {comparison.encodedIn.map((other) => (
                      <th key={other} scope="col">
                        {labelOf(REGIME_LABELS, other)} requires
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {criteria.map((criterion, index) => (
                    <tr key={index}>
                      <td className="code">{criterion.paragraph}</td>
                      <td>{criterion.fact ?? 'reference'}</td>
                      <td>{criterion.status.toLowerCase().replace(/_/g, ' ')}</td>
                      {comparison.encodedIn.map((other) => {
                        const side = criterion.sides.find((candidate) => candidate.regime === other);
                        return (
                          <td key={other}>
                            {side === undefined ? (
                              <span className="prov-unknown">not encoded</span>
                            ) : (
                              <>
                                <strong>{side.required}</strong>{' '}
                                <span className="prov-condition-text">“{side.text}”</span>
                              </>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </>
  );
}

function NoteComparisons({ comparison, regime, others }: { comparison: Comparison; regime: Regime; others: Regime[] }) {
  const rows = comparison.paragraphs.flatMap((paragraph) =>
    paragraph.notes.map((note) => ({ paragraph: paragraph.code, note })),
  );
  if (rows.length === 0) return <p>No list prints notes with {comparison.code} or its paragraphs.</p>;
  return (
    <ul className="prov-note-compare">
      {rows.map(({ paragraph, note }, index) => (
        <li key={`${paragraph}-${note.label}-${index}`}>
          <span className="code">{paragraph}</span> {note.label}:{' '}
          {others
            .map(
              (other) =>
                `${labelOf(REGIME_LABELS, other)}: ${statusWords(pairOf(note.pairs, regime, other), regime, other, comparison.listedIn).text}`,
            )
            .join('; ')}
          {note.pairs
            .filter((pair) => pair.status === 'DIFFERENT' && (pair.first === regime || pair.second === regime))
            .map((pair) => {
              const other = pair.first === regime ? pair.second : pair.first;
              return (
                <details key={other}>
                  <summary>
                    Words that differ: {labelOf(REGIME_LABELS, other)} → {labelOf(REGIME_LABELS, regime)}
                  </summary>
                  <DiffSegments segments={fromOtherToThis(pair, regime)} />
                </details>
              );
            })}
        </li>
      ))}
    </ul>
  );
}
