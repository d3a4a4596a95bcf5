// The start of an exemption check: what the project is about (the list entries that control its
// technology, typed or found by words), which regimes to check, where the results go, and which
// exemption the user is asking about. Everything is optional; the API decides what it can do
// without it, and says so.
import { useId, useState, type FormEvent } from 'react';
import type { Regime } from '../gql/graphql';
import { CHECKABLE_REGIMES, countryName, parseCodes } from './exemption-state';
import { EntryFinder } from './entry-finder';
import { labelOf, REGIME_LABELS } from './labels';

export interface ProjectDescription {
  provisions: string[];
  regimes: Regime[];
  destination: string | null;
  focus: string | null;
}

export interface ExemptionOption {
  id: string;
  name: string;
  legalBasis: string;
  regime: Regime | null;
}

export function ExemptionStartForm({
  initial,
  exemptions,
  countries,
  onSubmit,
  onCancel,
}: {
  initial: ProjectDescription;
  exemptions: ExemptionOption[];
  /** ISO codes the API accepts as destinations; empty while they load (the box then takes any code). */
  countries: string[];
  onSubmit: (project: ProjectDescription) => void;
  onCancel: (() => void) | null;
}) {
  const id = useId();
  const [codes, setCodes] = useState(initial.provisions.join(', '));
  const [regimes, setRegimes] = useState<Regime[]>(initial.regimes);
  const [destination, setDestination] = useState(initial.destination ?? '');
  const [focus, setFocus] = useState(initial.focus ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      provisions: parseCodes(codes),
      regimes,
      destination: destination.trim() === '' ? null : destination.trim().toUpperCase(),
      focus: focus === '' ? null : focus,
    });
  };

  const addCode = (code: string, regime: Regime) => {
    const current = parseCodes(codes);
    if (!current.includes(code)) setCodes([...current, code].join(', '));
    if (regimes.length > 0 && !regimes.includes(regime)) setRegimes([...regimes, regime]);
  };

  const sortedExemptions = [...exemptions].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <form className="exemption-start" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Your project</h2>
      <p>
        Describe what the research produces and where it goes. <strong>Every field is optional</strong>: leave a field
        empty if you do not know it, and the checker will ask or say what stays unknown.
      </p>

      <div className="start-field">
        <label htmlFor={`${id}-codes`}>Control-list entries that cover the technology (optional)</label>
        <input
          id={`${id}-codes`}
          type="text"
          value={codes}
          onChange={(event) => setCodes(event.target.value)}
          aria-describedby={`${id}-codes-hint`}
          autoComplete="off"
          placeholder="e.g. 6E001"
        />
        <p className="hint" id={`${id}-codes-hint`}>
          Codes such as 6E001 (technology for the development of Category 6 equipment, e.g. lidar), separated by commas.
          Give codes of one kind at a time: hardware (A, B, C), software (D) or technology (E). Left empty, the checker
          classifies the item from the questions and the control status may stay unknown.
        </p>
      </div>

      <div className="start-field">
        <EntryFinder
          inputId={`${id}-words`}
          label="Don’t know the code? Find an entry by words"
          placeholder="e.g. lidar technology"
          regimes={regimes.length > 0 ? regimes : null}
          verb="Add"
          onPick={addCode}
          listClassName="code-candidates"
          hintClassName="hint"
        />
      </div>

      <fieldset className="start-field">
        <legend>Regimes to check (optional)</legend>
        <p className="hint">
          None ticked: the regimes of the codes you give, or, without codes, every regime with encoded entries.
        </p>
        <div className="regime-choices">
          {CHECKABLE_REGIMES.map((regime) => (
            <label key={regime} className="choice">
              <input
                type="checkbox"
                checked={regimes.includes(regime)}
                onChange={() =>
                  setRegimes(regimes.includes(regime) ? regimes.filter((r) => r !== regime) : [...regimes, regime])
                }
              />
              <span>{labelOf(REGIME_LABELS, regime)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="start-field">
        <label htmlFor={`${id}-destination`}>Destination country (optional)</label>
        {countries.length > 0 ? (
          <select id={`${id}-destination`} value={destination} onChange={(event) => setDestination(event.target.value)}>
            <option value="">Not given</option>
            {[...countries]
              .map((code) => ({ code, name: countryName(code) }))
              .sort((a, b) => a.name.localeCompare(b.name))
              .map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
          </select>
        ) : (
          <input
            id={`${id}-destination`}
            type="text"
            value={destination}
            onChange={(event) => setDestination(event.target.value)}
            placeholder="ISO code, e.g. JP"
          />
        )}
      </div>

      <div className="start-field">
        <label htmlFor={`${id}-focus`}>Which exemption are you asking about? (optional)</label>
        <select
          id={`${id}-focus`}
          value={focus}
          onChange={(event) => setFocus(event.target.value)}
          aria-describedby={`${id}-focus-hint`}
        >
          <option value="">All that could apply</option>
          {sortedExemptions.map((exemption) => (
            <option key={exemption.id} value={exemption.id}>
              {exemption.name} — {exemption.legalBasis}
            </option>
          ))}
        </select>
        <p className="hint" id={`${id}-focus-hint`}>
          Its questions come first and its result is shown at the top. Every exemption in scope is still checked.
        </p>
      </div>

      <div className="question-actions">
        <button type="submit">Check exemptions</button>
        {onCancel !== null ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
