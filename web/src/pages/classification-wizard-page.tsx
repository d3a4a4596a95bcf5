// The classification wizard for exporters: what the item is, then one question at a time (the
// fact most undecided paragraphs wait on, as classifyItem's nextQuestions ranks them), and the
// outcome per paragraph with its trace, notes, control-table lines and sources. Every answer,
// the lists and the date live in the URL (see components/classification-state.ts), so a result
// can be shared. /classify?regime=EU&entry=6A003 (the provision page's link) asks about that
// entry first and lists its paragraphs first.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ClassifyItemDocument, EntryFactsDocument, ItemFactsDocument } from '../api/classification-documents';
import { useQuery } from '../api/use-query';
import { ClassificationAnswers } from '../components/classification-answers';
import { ClassificationFactFinder } from '../components/classification-fact-finder';
import { ClassificationKnown } from '../components/classification-known';
import { humanize } from '../components/classification-labels';
import { ClassificationOutcomeView } from '../components/classification-outcome';
import { provisionPath } from '../components/classification-paragraph';
import { ClassificationQuestion } from '../components/classification-question';
import {
  ALL_REGIMES,
  isInEntry,
  ITEM_KIND_FACT,
  readState,
  toFactInput,
  withAnswer,
  withKnown,
  withoutAnswer,
  withoutKnown,
  withParam,
  withRegimes,
  withUnknown,
  type Answer,
  type Fact,
  type WizardState,
} from '../components/classification-state';
import { labelOf, REGIME_LABELS } from '../components/labels';
import type { ItemFactInput, Regime, WebClassifyItemQuery } from '../gql/graphql';
import './classification-wizard-page.css';

/** The fact vocabulary takes no arguments: it is asked for once per visit. */
const NO_VARIABLES = {};

export default function ClassificationWizardPage() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readState(params), [params]);
  /** The fact the user chose to answer or change; null while following the wizard's order. */
  const [editing, setEditing] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** Set when an answer was given: the next question's heading takes the focus once it is known. */
  const moveFocus = useRef(false);

  const factsState = useQuery(ItemFactsDocument, NO_VARIABLES);
  const facts = factsState.status === 'done' ? factsState.data.itemFacts : null;
  const factByName = useMemo(() => new Map((facts ?? []).map((fact) => [fact.name, fact])), [facts]);

  // With an entry in focus (and its list, when one is named), the API says which facts its
  // paragraphs use: the fact finder lists those first.
  const focusRegime = state.entry !== null && state.regimes.length === 1 ? (state.regimes[0] ?? null) : null;
  const entryFactsState = useQuery(
    EntryFactsDocument,
    useMemo(
      () =>
        state.entry === null
          ? null
          : { filter: { paragraph: state.entry, ...(focusRegime !== null ? { regime: focusRegime } : {}) } },
      [state.entry, focusRegime],
    ),
  );
  const entryFacts = useMemo(
    () => (entryFactsState.status === 'done' ? new Set(entryFactsState.data.itemFacts.map((fact) => fact.name)) : null),
    [entryFactsState],
  );

  const built = useMemo(() => (facts === null ? null : buildFacts(state, factByName)), [facts, state, factByName]);
  const variables = useMemo(() => {
    if (built === null || state.kind === null || state.regimes.length === 0) return null;
    return {
      item: {
        facts: built.inputs,
        ...(state.known.length > 0
          ? { declared: state.known.map((known) => ({ code: known.code, scope: known.scope })) }
          : {}),
      },
      regimes: state.regimes,
      ...(state.asOf !== null ? { asOf: state.asOf } : {}),
    };
  }, [built, state.kind, state.known, state.regimes, state.asOf]);
  const classification = useQuery(ClassifyItemDocument, variables);
  const result =
    classification.status === 'done'
      ? classification.data.classifyItem
      : classification.status === 'loading'
        ? (classification.previous?.classifyItem ?? null)
        : null;

  // React Router hands an updater the parameters of the last render, and renders a navigation
  // as a transition: a second change made before that render (an answer, then a list ticked at
  // once) would start from stale parameters and drop the first. The address bar is always current.
  const update = useCallback(
    (change: (current: URLSearchParams) => URLSearchParams) =>
      setParams(() => change(new URLSearchParams(window.location.search))),
    [setParams],
  );
  const answer = (given: Answer) => {
    moveFocus.current = true;
    setEditing(null);
    update((current) => withAnswer(current, given));
  };
  const dontKnow = (name: string) => {
    moveFocus.current = true;
    setEditing(null);
    update((current) => withUnknown(current, name));
  };
  const remove = (name: string) => {
    if (editing === name) setEditing(null);
    update((current) => withoutAnswer(current, name));
  };
  const ask = (name: string) => {
    moveFocus.current = true;
    setEditing(name);
  };

  // The question on screen: the item kind first, then the one the user picked, then the API's next.
  const next = classification.status === 'done' ? nextQuestion(classification.data.classifyItem, state) : null;
  const questionName =
    state.kind === null || editing === ITEM_KIND_FACT ? ITEM_KIND_FACT : (editing ?? next?.fact.name ?? null);
  const questionFact = questionName === null ? undefined : factByName.get(questionName);
  const waiting =
    questionName === null || result === null
      ? null
      : (result.nextQuestions
          .find((question) => question.fact.name === questionName)
          ?.paragraphs.map((use) => use.paragraph) ?? null);

  useEffect(() => {
    if (!moveFocus.current || questionFact === undefined) return;
    moveFocus.current = false;
    headingRef.current?.focus();
  }, [questionFact, questionName, classification.status]);

  const position = questionName === null ? -1 : state.history.indexOf(questionName);
  const previous = position > 0 ? state.history[position - 1] : position < 0 ? state.history.at(-1) : undefined;
  const currentAnswer =
    questionName === ITEM_KIND_FACT
      ? state.kind !== null
        ? { name: ITEM_KIND_FACT, value: state.kind, unit: null }
        : null
      : (state.answers.find((given) => given.name === questionName) ?? null);
  const answeredNames = new Set([...state.answers.map((given) => given.name)]);

  return (
    <section className="page classification-page">
      <h1>Classify an item</h1>
      <p className="lead">
        Does your product need an export licence? Answer what you know about it, one question at a time. Each answer is
        checked against the encoded control-list texts, with the verbatim text and its source. What your answers do not
        decide stays <strong>UNKNOWN</strong> — never read it as “not controlled”.
      </p>

      {state.entry !== null ? (
        <div className="entry-focus" role="note">
          <p>
            Focused on{' '}
            {focusRegime !== null ? (
              <Link to={provisionPath(focusRegime, state.entry)}>
                {labelOf(REGIME_LABELS, focusRegime)} <span className="code">{state.entry}</span>
              </Link>
            ) : (
              <span className="code">{state.entry}</span>
            )}
            : its questions are asked first and its paragraphs are listed first.
          </p>
          <button
            type="button"
            className="secondary"
            onClick={() => update((current) => withParam(current, 'entry', null))}
          >
            Ask about every entry
          </button>
        </div>
      ) : null}

      <Settings state={state} update={update} />
      <ClassificationKnown
        known={state.known}
        onAdd={(known) => update((current) => withKnown(current, known))}
        onRemove={(known) => update((current) => withoutKnown(current, known))}
      />

      {factsState.status === 'error' ? (
        <p role="alert" className="error">
          The list of facts could not be loaded: {factsState.error.message}
        </p>
      ) : facts === null ? (
        <p className="loading">Loading the questions…</p>
      ) : (
        <div className="classification-layout">
          <div className="wizard-column">
            {questionFact !== undefined ? (
              <ClassificationQuestion
                key={`${questionFact.name}-${currentAnswer?.value ?? ''}-${currentAnswer?.unit ?? ''}`}
                fact={questionFact}
                caption={
                  questionName === ITEM_KIND_FACT
                    ? 'First'
                    : position >= 0
                      ? 'Changing an answer'
                      : `Question ${state.history.length + 1}`
                }
                current={currentAnswer}
                waitingParagraphs={editing === null ? waiting : null}
                headingRef={headingRef}
                onAnswer={answer}
                onUnknown={questionFact.name === ITEM_KIND_FACT ? null : () => dontKnow(questionFact.name)}
                onBack={previous !== undefined ? () => ask(previous) : null}
                onCancel={editing !== null && state.kind !== null ? () => setEditing(null) : null}
              />
            ) : classification.status === 'loading' ? (
              <p className="loading">Finding the next question…</p>
            ) : classification.status === 'done' ? (
              <div className="classification-question">
                <h2 ref={headingRef} tabIndex={-1}>
                  No more questions
                </h2>
                <p>
                  {classification.data.classifyItem.nextQuestions.length === 0
                    ? 'Your answers decide every encoded paragraph that facts can decide.'
                    : 'The remaining undecided paragraphs wait only on facts you said you do not know. Change those answers, or answer any fact below.'}
                </p>
                {previous !== undefined ? (
                  <button type="button" className="secondary" onClick={() => ask(previous)}>
                    Back
                  </button>
                ) : null}
              </div>
            ) : null}
            {built !== null && built.problems.size > 0 ? (
              <p className="error" role="alert">
                Some answers in the link cannot be used ({[...built.problems.keys()].map(humanize).join(', ')}); they
                are left out until changed or removed.
              </p>
            ) : null}
            <ClassificationAnswers
              state={state}
              factByName={factByName}
              problems={built?.problems ?? new Map()}
              onChange={ask}
              onRemove={remove}
            />
            <ClassificationFactFinder
              facts={facts}
              entryFacts={entryFacts}
              entry={state.entry}
              answered={answeredNames}
              onPick={ask}
            />
          </div>
          <div className="outcome-column">
            {state.regimes.length === 0 ? (
              <p className="error">Choose at least one list.</p>
            ) : classification.status === 'error' ? (
              <p role="alert" className="error">
                The classification failed: {classification.error.message}
              </p>
            ) : result !== null ? (
              <ClassificationOutcomeView
                result={result}
                updating={classification.status === 'loading'}
                entry={state.entry}
                onAnswer={ask}
              />
            ) : state.kind === null ? (
              <section className="classification-outcome" aria-labelledby="outcome-heading">
                <h2 id="outcome-heading">Outcome</h2>
                <p role="status">Say what kind of item it is to start.</p>
              </section>
            ) : (
              <p className="loading" role="status">
                Classifying…
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function Settings({
  state,
  update,
}: {
  state: WizardState;
  update: (change: (current: URLSearchParams) => URLSearchParams) => void;
}) {
  // The router renders a new URL as a transition, and React puts a controlled input back to its
  // old value until then: the ticks and the date show what was chosen at once, and follow the URL.
  const [ticked, setTicked] = useState<readonly Regime[] | null>(null);
  const [date, setDate] = useState(state.asOf ?? '');
  const chosenKey = state.regimes.join(' ');
  useEffect(() => setTicked(null), [chosenKey]);
  useEffect(() => setDate(state.asOf ?? ''), [state.asOf]);
  const shown = ticked ?? state.regimes;
  return (
    // Closed at first: its summary says which lists and date are in use.
    <details className="classification-settings">
      <summary>
        Lists and date:{' '}
        {state.regimes.length === ALL_REGIMES.length
          ? 'all lists'
          : state.regimes.map((regime) => labelOf(REGIME_LABELS, regime)).join(', ') || 'none'}
        , {state.asOf === null ? 'texts in force today' : `texts in force on ${state.asOf}`}
      </summary>
      <div className="settings-body">
        <fieldset>
          <legend>Lists to classify against</legend>
          {ALL_REGIMES.map((regime) => (
            <label key={regime}>
              <input
                type="checkbox"
                checked={shown.includes(regime)}
                // No list at all would mean the default, every list: the last one stays ticked.
                disabled={shown.length === 1 && shown.includes(regime)}
                onChange={(event) => {
                  const checked = event.target.checked;
                  setTicked(
                    checked
                      ? ALL_REGIMES.filter((r) => r === regime || shown.includes(r))
                      : shown.filter((r) => r !== regime),
                  );
                  update((current) => {
                    const chosen = readState(current).regimes;
                    return withRegimes(
                      current,
                      checked
                        ? ALL_REGIMES.filter((r) => r === regime || chosen.includes(r))
                        : chosen.filter((r) => r !== regime),
                    );
                  });
                }}
              />{' '}
              {labelOf(REGIME_LABELS, regime)}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor="classification-as-of">Texts in force on</label>
          <input
            id="classification-as-of"
            type="date"
            value={date}
            aria-describedby="classification-as-of-hint"
            onChange={(event) => {
              const value = event.target.value;
              setDate(value);
              update((current) => withParam(current, 'asOf', value));
            }}
          />
          <p id="classification-as-of-hint" className="hint">
            Leave empty for the current texts.
          </p>
        </div>
      </div>
    </details>
  );
}

/** The facts to send (item kind first) and, per answer, why it cannot be sent. */
function buildFacts(
  state: WizardState,
  factByName: ReadonlyMap<string, Fact>,
): { inputs: ItemFactInput[]; problems: Map<string, string> } {
  const inputs: ItemFactInput[] = [];
  const problems = new Map<string, string>();
  const all: Answer[] =
    state.kind === null
      ? state.answers
      : [
          { name: ITEM_KIND_FACT, value: state.kind, unit: null },
          ...state.answers.filter((a) => a.name !== ITEM_KIND_FACT),
        ];
  for (const given of all) {
    const converted = toFactInput(given, factByName.get(given.name));
    if ('input' in converted) inputs.push(converted.input);
    else problems.set(given.name, converted.problem);
  }
  return { inputs, problems };
}

type NextQuestion = WebClassifyItemQuery['classifyItem']['nextQuestions'][number];

/** The API's most useful unanswered question, preferring those of the entry in focus. */
function nextQuestion(result: WebClassifyItemQuery['classifyItem'], state: WizardState): NextQuestion | null {
  const asked = new Set([ITEM_KIND_FACT, ...state.answers.map((given) => given.name), ...state.unknown]);
  const open = result.nextQuestions.filter((question) => !asked.has(question.fact.name));
  const entry = state.entry;
  if (entry !== null) {
    const single = state.regimes.length === 1 ? state.regimes[0] : undefined;
    const ofEntry = open.find((question) =>
      question.paragraphs.some(
        (use) => isInEntry(use.paragraph, entry) && (single === undefined || use.regime === single),
      ),
    );
    if (ofEntry !== undefined) return ofEntry;
  }
  return open[0] ?? null;
}
