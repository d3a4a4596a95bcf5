// The answers given so far, in the order given, each with Change and Remove: any answer can be
// revisited, and "I don't know" is listed too (it is not sent: that fact stays unknown).
import { describeAnswer, humanize } from './classification-labels';
import { ITEM_KIND_FACT, type Answer, type Fact, type WizardState } from './classification-state';

export function ClassificationAnswers({
  state,
  factByName,
  problems,
  onChange,
  onRemove,
}: {
  state: WizardState;
  factByName: ReadonlyMap<string, Fact>;
  problems: ReadonlyMap<string, string>;
  onChange: (name: string) => void;
  onRemove: (name: string) => void;
}) {
  const answers = new Map<string, Answer>(state.answers.map((answer) => [answer.name, answer]));
  if (state.kind !== null) answers.set(ITEM_KIND_FACT, { name: ITEM_KIND_FACT, value: state.kind, unit: null });
  return (
    <section className="classification-answers" aria-labelledby="answers-heading">
      <h2 id="answers-heading">Your answers</h2>
      {state.history.length === 0 ? <p className="hint">None yet.</p> : null}
      <ol>
        {state.history.map((name) => {
          const answer = answers.get(name);
          const fact = factByName.get(name);
          const label = name === ITEM_KIND_FACT ? 'Kind of item' : humanize(name);
          const problem = problems.get(name);
          return (
            <li key={name}>
              <span className="answer-fact">{label}</span>
              <span className={answer === undefined ? 'answer-value unknown-answer' : 'answer-value'}>
                {answer === undefined ? 'I don’t know' : describeAnswer(answer, fact)}
              </span>
              {problem !== undefined ? <span className="error answer-problem">{problem}</span> : null}
              <span className="answer-actions">
                <button type="button" className="link-button" onClick={() => onChange(name)}>
                  Change<span className="visually-hidden"> {label}</span>
                </button>
                {name !== ITEM_KIND_FACT ? (
                  <button type="button" className="link-button" onClick={() => onRemove(name)}>
                    Remove<span className="visually-hidden"> {label}</span>
                  </button>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
