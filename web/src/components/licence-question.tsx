// One question of a licence answer, answered in the form its fact takes: yes / no / I don't know,
// a choice, or a number with its unit. The answer goes to the URL and the page asks again.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { humanize, UNKNOWN_ANSWER, type FactInfo } from './exemption-state';

export function LicenceQuestion({
  info,
  question,
  source,
  current,
  onAnswer,
  onCancel,
}: {
  info: FactInfo;
  /** The question as the API words it. */
  question: string;
  source: string;
  current: string | null;
  onAnswer: (value: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [number, setNumber] = useState(() => (current ?? '').split(/\s+/)[0] ?? '');
  const [unit, setUnit] = useState(
    () => (current ?? '').split(/\s+/).slice(1).join(' ') || info.canonicalUnit || info.acceptedUnits[0] || '',
  );
  const [choice, setChoice] = useState(current ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  // Opened from a regime's list further down: bring the question into view and put the cursor in it.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.scrollIntoView?.({ block: 'start' });
    form.current?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (info.type === 'NUMBER') {
      if (number.trim() === '' || !Number.isFinite(Number(number))) {
        setProblem('Give a number (or choose “I don’t know”).');
        return;
      }
      onAnswer(unit === '' ? number.trim() : `${number.trim()} ${unit}`);
      return;
    }
    if (choice === '') {
      setProblem('Choose an answer.');
      return;
    }
    onAnswer(choice);
  };

  const choices =
    info.type === 'BOOLEAN'
      ? [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]
      : info.values.map((value) => ({ value, label: humanize(value) }));

  return (
    <form ref={form} className="licence-question" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h3 id={`${id}-heading`}>{question}</h3>
      <p className="licence-muted">
        {info.description} ({source})
      </p>
      {info.type === 'NUMBER' ? (
        <p className="licence-field">
          <label htmlFor={`${id}-number`}>{humanize(info.name)}</label>{' '}
          <input
            id={`${id}-number`}
            type="text"
            inputMode="decimal"
            value={number}
            onChange={(event) => setNumber(event.target.value)}
          />{' '}
          {info.acceptedUnits.length > 0 ? (
            <>
              <label htmlFor={`${id}-unit`} className="visually-hidden">
                Unit
              </label>
              <select id={`${id}-unit`} value={unit} onChange={(event) => setUnit(event.target.value)}>
                {info.acceptedUnits.map((accepted) => (
                  <option key={accepted} value={accepted}>
                    {accepted}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </p>
      ) : (
        <fieldset className="licence-choices">
          <legend className="visually-hidden">{question}</legend>
          {[...choices, { value: UNKNOWN_ANSWER, label: 'I don’t know' }].map((option) => (
            <label key={option.value} className="licence-choice">
              <input
                type="radio"
                name={`${id}-choice`}
                value={option.value}
                checked={choice === option.value}
                onChange={() => setChoice(option.value)}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
      )}
      {problem !== null ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="licence-actions">
        <button type="submit">Use this answer</button>{' '}
        {info.type === 'NUMBER' ? (
          <button type="button" className="secondary" onClick={() => onAnswer(UNKNOWN_ANSWER)}>
            I don’t know
          </button>
        ) : null}{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}
