// "Find an entry by words": a search box that looks list entries up a moment after the last
// keystroke (three characters at least) and offers each found entry with a button that hands its
// code to the form. Shared by the exemption checker and the licence page.
import { useEffect, useMemo, useState } from 'react';
import { ProvisionLookupDocument } from '../api/exemption-documents';
import { useQuery } from '../api/use-query';
import type { Regime } from '../gql/graphql';
import { labelOf, REGIME_LABELS } from './labels';

/** Pause after the last keystroke before looking entries up. */
const TYPING_PAUSE_MS = 250;

export function EntryFinder({
  inputId,
  label,
  placeholder,
  regimes,
  verb,
  onPick,
  listClassName,
  hintClassName,
}: {
  inputId: string;
  label: string;
  placeholder: string;
  /** The lists to search; every list when null. */
  regimes: readonly Regime[] | null;
  /** The button's word ("Add", "Use"), also in its accessible name. */
  verb: string;
  onPick: (code: string, regime: Regime) => void;
  listClassName: string;
  hintClassName: string;
}) {
  const [words, setWords] = useState('');
  const [lookup, setLookup] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setLookup(words.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [words]);
  const variables = useMemo(
    () =>
      lookup.length < 3 ? null : { query: lookup, ...(regimes === null ? {} : { filter: { regime: [...regimes] } }) },
    [lookup, regimes],
  );
  const found = useQuery(ProvisionLookupDocument, variables);
  const candidates =
    found.status === 'done'
      ? (found.data.search?.edges ?? []).flatMap((edge) =>
          edge.node.__typename === 'ControlProvision' ? [edge.node] : [],
        )
      : [];
  return (
    <>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="search"
        value={words}
        onChange={(event) => setWords(event.target.value)}
        autoComplete="off"
        placeholder={placeholder}
      />
      {found.status === 'error' ? (
        <p className="error" role="alert">
          The lookup failed: {found.error.message}
        </p>
      ) : null}
      {candidates.length > 0 ? (
        <ul className={listClassName} aria-label="Entries found">
          {candidates.map((candidate) => (
            <li key={candidate.id}>
              <button
                type="button"
                className="secondary"
                onClick={() => onPick(candidate.code, candidate.regime)}
                aria-label={`${verb} ${candidate.code} (${labelOf(REGIME_LABELS, candidate.regime)})`}
              >
                {verb}
              </button>{' '}
              <span className="code">{candidate.code}</span>{' '}
              <span className="badge regime">{labelOf(REGIME_LABELS, candidate.regime)}</span> {candidate.title}
            </li>
          ))}
        </ul>
      ) : lookup.length >= 3 && found.status === 'done' ? (
        <p className={hintClassName}>No entry found for “{lookup}”.</p>
      ) : null}
    </>
  );
}
