// One question of the exemption checker, as the API describes the fact behind it: yes / no /
// I don't know for a yes-or-no fact, the choices for one of a list, a number with its unit, a
// list code for the entry (typed, with the entries the waiting exemptions are written for offered). The
// answer is given with the Continue button, never on selection, so arrow keys can move through
// the choices without answering.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { countryName, humanize, parseNumberAnswer, UNKNOWN_ANSWER, type FactInfo } from './exemption-state';

/**
 * The description's opening statement as the question, the rest as help: "The results are
 * intended to be published (15 CFR 734.8(a)): the researchers mean to ..." asks about the part
 * before the colon. Descriptions without such a break are asked whole.
 */
export function splitDescription(description: string): { statement: string; detail: string } {
  const colon = description.indexOf(': ');
  if (colon > 0 && colon < 220) {
    return { statement: description.slice(0, colon), detail: description.slice(colon + 2) };
  }
  return { statement: description, detail: '' };
}

const LEADS: Record<string, string> = {
  BOOLEAN: 'Is this true of your project?',
  ENUM: 'Which of these applies?',
  NUMBER: 'What is the value?',
  DESTINATION: 'Where do the results go?',
  ENTRY: 'Which list entry controls what you export?',
};

export function ExemptionQuestion({
  info,
  number,
  current,
  editing,
  onAnswer,
  onCancel,
  exemptionNames,
}: {
  info: FactInfo;
  /** Position in the list of answers, for the heading. */
  number: number;
  /** The answer given before, when it is being changed. */
  current: string | null;
  editing: boolean;
  onAnswer: (value: string) => void;
  onCancel: (() => void) | null;
  /** The exemptions this answer helps decide, by name. */
  exemptionNames: string[];
}) {
  const id = useId();
  const [value, setValue] = useState<string>(current ?? '');
  const parsed = current !== null ? parseNumberAnswer(current) : null;
  const [amount, setAmount] = useState<string>(parsed !== null ? String(parsed.number) : '');
  const [unit, setUnit] = useState<string>(parsed?.unit ?? info.canonicalUnit ?? info.acceptedUnits[0] ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // A new question starts blank (or with the answer being changed) and takes the focus, so a
  // keyboard or screen-reader user lands on it after answering the previous one.
  useEffect(() => {
    setValue(current ?? '');
    const again = current !== null ? parseNumberAnswer(current) : null;
    setAmount(again !== null ? String(again.number) : '');
    setUnit(again?.unit ?? info.canonicalUnit ?? info.acceptedUnits[0] ?? '');
    setProblem(null);
  }, [info, current]);
  const focusKey = `${info.name}|${editing ? 'edit' : 'ask'}`;
  const previousKey = useRef<string | null>(null);
  useEffect(() => {
    if (previousKey.current !== null && previousKey.current !== focusKey) heading.current?.focus();
    previousKey.current = focusKey;
  }, [focusKey]);

  const { statement, detail } = splitDescription(info.description);
  const isDestination = info.givenAs === 'destination';
  const isEntry = info.givenAs === 'provisions';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (info.type === 'NUMBER' && value !== UNKNOWN_ANSWER) {
      const number = Number(amount.replace(',', '.'));
      if (amount.trim() === '' || !Number.isFinite(number)) {
        setProblem('Give a number, or choose “I don’t know”.');
        return;
      }
      onAnswer(`${number}${unit !== '' ? ` ${unit}` : ''}`);
      return;
    }
    if (isEntry && value !== UNKNOWN_ANSWER) {
      if (amount.trim() === '') {
        setProblem('Give the code of the entry (e.g. 6E001), or choose “I don’t know”.');
        return;
      }
      onAnswer(amount.trim());
      return;
    }
    if (value === '') {
      setProblem('Choose an answer (“I don’t know” is an answer).');
      return;
    }
    onAnswer(value);
  };

  const choices: { value: string; label: string }[] =
    info.type === 'BOOLEAN'
      ? [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]
      : info.type === 'ENUM' && !isDestination && !isEntry
        ? info.values.map((choice) => ({ value: choice, label: humanize(choice) }))
        : [];

  return (
    <form className="exemption-question" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {editing ? 'Change your answer' : `Question ${number}`}
      </h2>
      <fieldset aria-describedby={`${id}-detail`}>
        <legend>
          <span className="question-lead">{LEADS[isDestination ? 'DESTINATION' : isEntry ? 'ENTRY' : info.type]}</span>
          <span className="question-statement">{statement}</span>
        </legend>
        <div id={`${id}-detail`} className="question-detail">
          {detail !== '' ? <p>{detail}</p> : null}
          <p className="hint">
            Asked as <code>{info.name}</code>
            {exemptionNames.length > 0 ? <> · helps decide: {exemptionNames.join('; ')}</> : null}
          </p>
        </div>
        {isDestination ? (
          <p className="question-field">
            <label htmlFor={`${id}-country`}>Country of destination</label>
            <select id={`${id}-country`} value={value} onChange={(event) => setValue(event.target.value)}>
              <option value="">Choose a country…</option>
              {[...info.values]
                .map((code) => ({ code, name: countryName(code) }))
                .sort((a, b) => a.name.localeCompare(b.name))
                .map(({ code, name }) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
            </select>
          </p>
        ) : null}
        {isEntry ? (
          <p className="question-field">
            <label htmlFor={`${id}-entry`}>Entry code</label>
            <input
              id={`${id}-entry`}
              type="text"
              list={`${id}-entries`}
              value={amount}
              onChange={(event) => {
                setAmount(event.target.value);
                setValue('');
              }}
            />
            <datalist id={`${id}-entries`}>
              {info.values.map((code) => (
                <option key={code} value={code} />
              ))}
            </datalist>
          </p>
        ) : null}
        {info.type === 'NUMBER' ? (
          <p className="question-field">
            <label htmlFor={`${id}-amount`}>Value</label>
            <input
              id={`${id}-amount`}
              type="text"
              inputMode="decimal"
              value={amount}
              onChange={(event) => {
                setAmount(event.target.value);
                setValue('');
              }}
            />
            {info.acceptedUnits.filter((accepted) => accepted !== '').length > 0 ? (
              <>
                <label htmlFor={`${id}-unit`} className="visually-hidden">
                  Unit
                </label>
                <select id={`${id}-unit`} value={unit} onChange={(event) => setUnit(event.target.value)}>
                  {info.acceptedUnits
                    .filter((accepted) => accepted !== '')
                    .map((accepted) => (
                      <option key={accepted} value={accepted}>
                        {accepted}
                      </option>
                    ))}
                </select>
              </>
            ) : null}
          </p>
        ) : null}
        <div className="question-choices">
          {[...choices, { value: UNKNOWN_ANSWER, label: 'I don’t know' }].map((choice) => (
            <label key={choice.value} className={choice.value === UNKNOWN_ANSWER ? 'choice choice-unknown' : 'choice'}>
              <input
                type="radio"
                name={`${id}-answer`}
                value={choice.value}
                checked={value === choice.value}
                onChange={() => {
                  setValue(choice.value);
                  setProblem(null);
                }}
              />
              <span>{choice.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {problem !== null ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="question-actions">
        <button type="submit">{editing ? 'Save answer' : 'Continue'}</button>
        {onCancel !== null ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {editing ? 'Cancel' : 'Back'}
          </button>
        ) : null}
      </div>
    </form>
  );
}
