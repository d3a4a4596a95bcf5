// What is shipped and where: the list entries that control the item (typed, found by words, or
// worked out in the classification wizard), the destination as a country name or ISO code with
// suggestions, and optionally the regimes and the date to answer for.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Regime } from '../gql/graphql';
import { countryName, parseCodes } from './exemption-state';
import { EntryFinder } from './entry-finder';
import { labelOf, REGIME_LABELS } from './labels';
import { LICENCE_REGIMES, type LicenceState } from './licence-state';

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
  const [problem, setProblem] = useState<string | null>(null);

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
        <EntryFinder
          inputId={`${id}-words`}
          label="Find an entry by words"
          placeholder="e.g. thermal camera"
          regimes={regimes.length > 0 ? regimes : LICENCE_REGIMES}
          verb="Use"
          onPick={addCode}
          listClassName="licence-candidates"
          hintClassName="licence-hint"
        />
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
