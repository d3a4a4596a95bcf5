// What is shipped and where: the list entries that control the item (typed, found by words, or
// worked out in the classification wizard), the destination as a country name or ISO code with
// suggestions, and optionally the regimes and the date to answer for.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ProvisionLookupDocument } from '../api/exemption-documents';
import { useQuery } from '../api/use-query';
import type { Regime } from '../gql/graphql';
import { countryName, parseCodes } from './exemption-state';
import { labelOf, REGIME_LABELS } from './labels';
import { LICENCE_REGIMES, type LicenceState } from './licence-state';

/** Pause after the last keystroke before looking entries up. */
const TYPING_PAUSE_MS = 250;

export function LicenceStartForm({
  initial,
  countries,
  onSubmit,
}: {
  initial: LicenceState;
  /** ISO codes the API knows as destinations, offered as suggestions; empty while they load. */
  countries: readonly string[];
  onSubmit: (state: LicenceState) => void;
}) {
  const id = useId();
  const [codes, setCodes] = useState(initial.entries.join(', '));
  const [destination, setDestination] = useState(initial.destination);
  const [regimes, setRegimes] = useState<Regime[]>(initial.regimes);
  const [asOf, setAsOf] = useState(initial.asOf ?? '');
  const [words, setWords] = useState('');
  const [lookup, setLookup] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setLookup(words.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [words]);
  const lookupVariables = useMemo(
    () =>
      lookup.length < 3
        ? null
        : { query: lookup, filter: { regime: regimes.length > 0 ? regimes : [...LICENCE_REGIMES] } },
    [lookup, regimes],
  );
  const found = useQuery(ProvisionLookupDocument, lookupVariables);
  const candidates =
    found.status === 'done'
      ? (found.data.search?.edges ?? []).flatMap((edge) =>
          edge.node.__typename === 'ControlProvision' ? [edge.node] : [],
        )
      : [];
  const suggestions = useMemo(
    () => countries.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name)),
    [countries],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const entries = parseCodes(codes);
    if (entries.length === 0) {
      setProblem('Give at least one list entry code, or work it out with the classification wizard.');
      return;
    }
    if (destination.trim() === '') {
      setProblem('Give the destination country, by name or ISO code.');
      return;
    }
    setProblem(null);
    onSubmit({ ...initial, entries, destination: destination.trim(), regimes, asOf: asOf === '' ? null : asOf });
  };

  const addCode = (code: string) => {
    const current = parseCodes(codes);
    if (!current.includes(code)) setCodes([...current, code].join(', '));
  };
  const firstCode = parseCodes(codes)[0];

  return (
    <form className="licence-start" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`}>What are you shipping, and where?</h2>

      <div className="licence-field">
        <label htmlFor={`${id}-codes`}>List entry of the item</label>
        <input
          id={`${id}-codes`}
          type="text"
          value={codes}
          onChange={(event) => setCodes(event.target.value)}
          aria-describedby={`${id}-codes-hint`}
          autoComplete="off"
          placeholder="e.g. 6A003.b.4.b"
        />
        <p className="licence-hint" id={`${id}-codes-hint`}>
          The most specific paragraph you know (6A003.b.4.b rather than 6A003): it decides which control-table lines
          reach the item. Don’t know it?{' '}
          <Link
            to={firstCode ? `/classify?entry=${encodeURIComponent(firstCode.split('.')[0] ?? firstCode)}` : '/classify'}
          >
            Work it out in the classification wizard
          </Link>
          , or find an entry by words below.
        </p>
      </div>

      <div className="licence-field">
        <label htmlFor={`${id}-words`}>Find an entry by words</label>
        <input
          id={`${id}-words`}
          type="search"
          value={words}
          onChange={(event) => setWords(event.target.value)}
          autoComplete="off"
          placeholder="e.g. thermal camera"
        />
        {found.status === 'error' ? (
          <p className="error" role="alert">
            The lookup failed: {found.error.message}
          </p>
        ) : null}
        {candidates.length > 0 ? (
          <ul className="licence-candidates" aria-label="Entries found">
            {candidates.map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => addCode(candidate.code)}
                  aria-label={`Use ${candidate.code} (${labelOf(REGIME_LABELS, candidate.regime)})`}
                >
                  Use
                </button>{' '}
                <span className="code">{candidate.code}</span>{' '}
                <span className="badge regime">{labelOf(REGIME_LABELS, candidate.regime)}</span> {candidate.title}
              </li>
            ))}
          </ul>
        ) : lookup.length >= 3 && found.status === 'done' ? (
          <p className="licence-hint">No entry found for “{lookup}”.</p>
        ) : null}
      </div>

      <div className="licence-field">
        <label htmlFor={`${id}-destination`}>Destination country</label>
        <input
          id={`${id}-destination`}
          type="text"
          value={destination}
          onChange={(event) => setDestination(event.target.value)}
          list={`${id}-countries`}
          autoComplete="off"
          aria-describedby={`${id}-destination-hint`}
          placeholder="e.g. Japan or JP"
        />
        <datalist id={`${id}-countries`}>
          {suggestions.map((country) => (
            <option key={country.code} value={country.code} label={country.name} />
          ))}
        </datalist>
        <p className="licence-hint" id={`${id}-destination-hint`}>
          A country name or its two-letter ISO code.
        </p>
      </div>

      <details className="licence-more" open={initial.regimes.length > 0 || initial.asOf !== null}>
        <summary>Regimes and date (optional)</summary>
        <fieldset className="licence-field">
          <legend>Regimes</legend>
          <p className="licence-hint">None ticked: the US, EU and UK rules are all answered.</p>
          <div className="licence-choices">
            {LICENCE_REGIMES.map((regime) => (
              <label key={regime} className="licence-choice">
                <input
                  type="checkbox"
                  checked={regimes.includes(regime)}
                  onChange={() =>
                    setRegimes(regimes.includes(regime) ? regimes.filter((r) => r !== regime) : [...regimes, regime])
                  }
                />{' '}
                {labelOf(REGIME_LABELS, regime)}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="licence-field">
          <label htmlFor={`${id}-as-of`}>Date of the shipment (optional)</label>
          <input id={`${id}-as-of`} type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
          <p className="licence-hint">The list texts in force on that date are read; today when empty.</p>
        </div>
      </details>

      {problem !== null ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="licence-actions">
        <button type="submit">Check</button>
      </p>
    </form>
  );
}
