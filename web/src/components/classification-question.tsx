// One question of the wizard: the fact's name and description and the input its type needs
// (a number with its unit, a choice, yes / no / I don't know), with Save, I don't know and Back.
import { useId, useState, type FormEvent, type Ref } from 'react';
import { describeAnswer, humanize } from './classification-labels';
import { displayUnits, ITEM_KIND_FACT, type Answer, type Fact } from './classification-state';

/** Up to this many choices are shown as radio buttons; more as a select. */
const MAX_RADIOS = 8;
const DONT_KNOW = '__unknown__';

export interface QuestionProps {
  fact: Fact;
  /** "Question 3", or "Changing an answer". */
  caption: string;
  current: Answer | null;
  /** The paragraphs waiting on this fact, as the API counts them; null when not asked by it. */
  waitingParagraphs: string[] | null;
  headingRef: Ref<HTMLHeadingElement>;
  onAnswer: (answer: Answer) => void;
  onUnknown: (() => void) | null;
  onBack: (() => void) | null;
  onCancel: (() => void) | null;
}

export function ClassificationQuestion(props: QuestionProps) {
  const { fact, current } = props;
  const id = useId();
  const [value, setValue] = useState(current?.value ?? '');
  const units = displayUnits(fact);
  const [unit, setUnit] = useState(current?.unit ?? (units.length === 1 ? (units[0] ?? '') : ''));
  const [problem, setProblem] = useState<string | null>(null);
  const isKind = fact.name === ITEM_KIND_FACT;
  const title = isKind ? 'What kind of item is it?' : questionTitle(fact);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value === DONT_KNOW) {
      props.onUnknown?.();
      return;
    }
    if (value.trim() === '') {
      setProblem(fact.type === 'NUMBER' ? 'Type a number, or choose “I don’t know”.' : 'Choose an answer.');
      return;
    }
    if (fact.type === 'NUMBER') {
      if (!Number.isFinite(Number(value))) {
        setProblem('Type a number (e.g. 12 or 0.5).');
        return;
      }
      if (units.length > 0 && unit === '') {
        setProblem('Choose the unit of the number.');
        return;
      }
    }
    setProblem(null);
    props.onAnswer({ name: fact.name, value: value.trim(), unit: fact.type === 'NUMBER' && unit !== '' ? unit : null });
  };

  const errorId = `${id}-problem`;
  const describedBy = [`${id}-description`, problem !== null ? errorId : null].filter(Boolean).join(' ');
  return (
    <form className="classification-question" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <p className="question-caption">{props.caption}</p>
      <h2 id={`${id}-title`} ref={props.headingRef} tabIndex={-1}>
        {title}
      </h2>
      <p id={`${id}-description`} className="question-description">
        {isKind
          ? 'Pick the closest kind: the control lists name the items they control this way (“imaging cameras”, “focal plane arrays”, “lasers”).'
          : fact.description}
        {isKind ? null : (
          <>
            {' '}
            <span className="fact-name">
              (fact <code>{fact.name}</code>)
            </span>
          </>
        )}
      </p>
      {props.waitingParagraphs !== null && props.waitingParagraphs.length > 0 ? (
        <p className="hint">
          {props.waitingParagraphs.length === 1
            ? 'One undecided paragraph waits'
            : `${props.waitingParagraphs.length} undecided paragraphs wait`}{' '}
          on this answer: {props.waitingParagraphs.slice(0, 6).join(', ')}
          {props.waitingParagraphs.length > 6 ? ' …' : ''}.
        </p>
      ) : null}

      {fact.type === 'NUMBER' ? (
        <div className="number-with-unit">
          <div>
            <label htmlFor={`${id}-number`}>{units.length > 0 ? 'Value' : 'Number'}</label>
            <input
              id={`${id}-number`}
              type="number"
              step="any"
              inputMode="decimal"
              value={value === DONT_KNOW ? '' : value}
              aria-describedby={describedBy}
              aria-invalid={problem !== null}
              onChange={(event) => setValue(event.target.value)}
            />
          </div>
          {units.length > 0 ? (
            <div>
              <label htmlFor={`${id}-unit`}>Unit</label>
              <select id={`${id}-unit`} value={unit} onChange={(event) => setUnit(event.target.value)}>
                <option value="">Choose a unit</option>
                {units.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
                {current?.unit !== undefined && current.unit !== null && !units.includes(current.unit) ? (
                  <option value={current.unit}>{current.unit}</option>
                ) : null}
              </select>
            </div>
          ) : null}
        </div>
      ) : fact.type === 'BOOLEAN' || fact.values.length <= MAX_RADIOS ? (
        <fieldset className="choices" aria-describedby={describedBy}>
          <legend>{isKind ? 'Kind of item' : `${humanize(fact.name)}:`}</legend>
          {(fact.type === 'BOOLEAN' ? ['yes', 'no'] : fact.values).map((option) => (
            <label key={option}>
              <input
                type="radio"
                name={`${id}-choice`}
                value={option}
                checked={value === option}
                onChange={() => setValue(option)}
              />{' '}
              {fact.type === 'BOOLEAN'
                ? describeAnswer({ name: fact.name, value: option, unit: null }, fact)
                : humanize(option)}
            </label>
          ))}
          {props.onUnknown !== null ? (
            <label>
              <input
                type="radio"
                name={`${id}-choice`}
                value={DONT_KNOW}
                checked={value === DONT_KNOW}
                onChange={() => setValue(DONT_KNOW)}
              />{' '}
              I don’t know
            </label>
          ) : null}
        </fieldset>
      ) : (
        <div>
          <label htmlFor={`${id}-select`}>{isKind ? 'Kind of item' : humanize(fact.name)}</label>
          <select
            id={`${id}-select`}
            value={value}
            aria-describedby={describedBy}
            onChange={(event) => setValue(event.target.value)}
          >
            <option value="">Choose…</option>
            {fact.values.map((option) => (
              <option key={option} value={option}>
                {humanize(option)}
              </option>
            ))}
            {props.onUnknown !== null ? <option value={DONT_KNOW}>I don’t know</option> : null}
          </select>
        </div>
      )}

      {problem !== null ? (
        <p id={errorId} className="error" role="alert">
          {problem}
        </p>
      ) : null}

      <div className="question-actions">
        <button type="submit">{isKind ? 'Continue' : 'Save answer'}</button>
        {props.onUnknown !== null && fact.type === 'NUMBER' ? (
          <button type="button" className="secondary" onClick={props.onUnknown}>
            I don’t know
          </button>
        ) : null}
        {props.onBack !== null ? (
          <button type="button" className="secondary" onClick={props.onBack}>
            Back
          </button>
        ) : null}
        {props.onCancel !== null ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function questionTitle(fact: Fact): string {
  const name = humanize(fact.name);
  return fact.type === 'BOOLEAN' ? `${name}?` : name;
}
