// The exemption checker for research offices: "does the fundamental-research exclusion cover
// publishing our lidar results?". The user describes the project (all optional), then answers
// one plain question at a time; every answer re-runs checkExemptions, and the next question is
// the first of the API's new questionsToAnswer not yet answered (those of the exemption asked
// about first). The verdict, each exemption condition by condition with its verbatim text and
// source, and the disclaimer are shown with every answer, and print as a summary to file. All
// state is in the URL (see exemption-state.ts), so a check can be shared and reopened.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  CheckExemptionsDocument,
  ExemptionCheckerSetupDocument,
  FocusedExemptionDocument,
} from '../api/exemption-documents';
import { useQuery } from '../api/use-query';
import { splitDescription, ExemptionQuestion } from '../components/exemption-question';
import { ExemptionResult, OUTCOME_LABELS, type Eligibility } from '../components/exemption-result';
import { ExemptionStartForm, type ExemptionOption, type ProjectDescription } from '../components/exemption-start-form';
import {
  answerInWords,
  countryName,
  DESTINATION_FACT,
  humanize,
  itemFactInfo,
  readState,
  toCheckInput,
  UNKNOWN_ANSWER,
  withAnswer,
  withEntry,
  writeState,
  type CheckerState,
  type FactInfo,
} from '../components/exemption-state';
import { ExemptionVerdict } from '../components/exemption-verdict';
import { labelOf, REGIME_LABELS } from '../components/labels';
import './exemption-checker-page.css';

const NO_VARIABLES = {};
const OUTCOME_ORDER: Record<string, number> = { APPLIES: 0, INDETERMINATE: 1, DOES_NOT_APPLY: 2 };

function givenAsOf(value: string): FactInfo['givenAs'] {
  return value === 'destination' || value === 'item.facts' || value === 'provisions' ? value : 'activity';
}

export default function ExemptionCheckerPage() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readState(params), [params]);
  const setup = useQuery(ExemptionCheckerSetupDocument, NO_VARIABLES);
  const focusLookup = useQuery(
    FocusedExemptionDocument,
    useMemo(() => (state.focus ? { id: state.focus } : null), [state.focus]),
  );
  const [editingProject, setEditingProject] = useState(false);
  /** The fact whose answer is being changed (or answered out of turn), if any. */
  const [editing, setEditing] = useState<string | null>(null);
  const [opened, setOpened] = useState<Record<string, boolean>>({});

  // Every fact the checker may ask about, by name, from the vocabulary the API lists.
  const vocabulary = useMemo(() => {
    const facts = new Map<string, FactInfo>();
    if (setup.status !== 'done') return facts;
    for (const fact of setup.data.itemFacts) {
      facts.set(fact.name, itemFactInfo(fact));
    }
    for (const fact of setup.data.activityFacts) {
      facts.set(fact.name, {
        name: fact.name,
        type: fact.type,
        values: fact.values,
        description: fact.description,
        givenAs: givenAsOf(fact.givenAs),
        acceptedUnits: [],
        canonicalUnit: null,
      });
    }
    return facts;
  }, [setup]);

  const checkVariables = useMemo(() => {
    if (!state.started || setup.status !== 'done') return null;
    return { input: toCheckInput(state, vocabulary).input };
  }, [state, setup.status, vocabulary]);
  const unusable = useMemo(() => new Set(toCheckInput(state, vocabulary).unusable), [state, vocabulary]);
  const check = useQuery(CheckExemptionsDocument, checkVariables);
  // useQuery reports the previous answer as done for one render after the variables change: the
  // answer shown is current only once it arrived for these variables. Until then no question is
  // offered (it could be one the new answer no longer asks).
  const checkKey = checkVariables === null ? null : JSON.stringify(checkVariables);
  const [answeredKey, setAnsweredKey] = useState<string | null>(null);
  useEffect(() => {
    if (check.status === 'done' || check.status === 'error') setAnsweredKey(checkKey);
    // The key is read when an answer arrives, not watched: a new key alone proves nothing.
  }, [check]);
  const busy = checkKey !== null && (check.status === 'loading' || answeredKey !== checkKey);
  const result =
    check.status === 'done'
      ? check.data.checkExemptions
      : check.status === 'loading'
        ? (check.previous?.checkExemptions ?? null)
        : null;

  // The API's own description of a fact wins over the vocabulary's (it is the same text today).
  const facts = useMemo(() => {
    const merged = new Map(vocabulary);
    for (const question of result?.questionsToAnswer ?? []) {
      const known = merged.get(question.fact);
      merged.set(question.fact, {
        name: question.fact,
        type: question.type,
        values: question.values,
        description: question.description,
        givenAs: givenAsOf(question.givenAs),
        acceptedUnits: known?.acceptedUnits ?? [],
        canonicalUnit: known?.canonicalUnit ?? null,
      });
    }
    return merged;
  }, [vocabulary, result]);

  const exemptionOptions: ExemptionOption[] =
    setup.status === 'done' ? setup.data.exemptions.edges.map((edge) => edge.node) : [];
  const focusName =
    focusLookup.status === 'done' && focusLookup.data.node?.__typename === 'Exemption'
      ? `${focusLookup.data.node.name} (${focusLookup.data.node.legalBasis})`
      : null;
  const countries = facts.get(DESTINATION_FACT)?.values ?? [];
  const factLabel = (fact: string) => humanize(fact);
  const exemptionNameOf = (key: string) => result?.exemptions.find((e) => e.exemptionKey === key)?.legalBasis ?? key;

  const go = (next: CheckerState) => {
    setParams(writeState(next));
  };
  // The list entry is a code of the project, not an answer: it is added to the entries checked.
  const answer = (fact: string, value: string) =>
    go(
      facts.get(fact)?.givenAs === 'provisions' && value !== UNKNOWN_ANSWER
        ? withEntry(state, value)
        : withAnswer(state, fact, value),
    );
  // A changed answer closes its form once the URL holds it (the router renders the new URL in a
  // later render; closing at once would show the next question of the old answer meanwhile).
  // Back and forward close it too.
  useEffect(() => setEditing(null), [params]);
  const describeProject = (project: ProjectDescription) => {
    setEditingProject(false);
    go({ ...state, ...project });
  };

  const focusEligibility = result?.exemptions.find((eligibility) => eligibility.exemption.id === state.focus) ?? null;
  const answered = new Set(state.answers.map((a) => a.fact));
  if (state.destination !== null) answered.add(DESTINATION_FACT);
  const open = (result?.questionsToAnswer ?? []).filter((question) => !answered.has(question.fact));
  const focusKey = focusEligibility?.exemptionKey ?? null;
  const ordered =
    focusKey === null
      ? open
      : [
          ...open.filter((question) => question.exemptions.includes(focusKey)),
          ...open.filter((question) => !question.exemptions.includes(focusKey)),
        ];
  const nextQuestion = ordered[0] ?? null;
  const editingInfo = editing !== null ? facts.get(editing) : undefined;
  const editingCurrent =
    editing === DESTINATION_FACT ? state.destination : (state.answers.find((a) => a.fact === editing)?.value ?? null);
  const lastAnswer = state.answers[state.answers.length - 1] ?? null;

  const exemptions: Eligibility[] = result
    ? [...result.exemptions].sort((a, b) => {
        const focusA = a.exemption.id === state.focus ? 0 : 1;
        const focusB = b.exemption.id === state.focus ? 0 : 1;
        return focusA - focusB || (OUTCOME_ORDER[a.outcome] ?? 3) - (OUTCOME_ORDER[b.outcome] ?? 3);
      })
    : [];

  const showForm = !state.started || editingProject;
  const project: ProjectDescription = {
    provisions: state.provisions,
    regimes: state.regimes,
    destination: state.destination,
    focus: state.focus,
  };

  return (
    <section className="page exemption-checker" aria-busy={busy}>
      <header className="checker-header">
        <h1>Does an exemption cover this research?</h1>
        <p className="checker-intro no-print">
          For research offices: check whether fundamental research, published information and the other exemptions free
          a project’s technology or software from export control. Answer one plain question at a time; every answer
          shows the verdict, the conditions and the legal texts with their sources.
        </p>
        <p className="print-only">
          Exemption check summary, printed {new Date().toISOString().slice(0, 10)} from {window.location.href}
        </p>
      </header>

      {state.focus !== null && focusName !== null && !state.started ? (
        <p className="focus-note">
          You are asking about <strong>{focusName}</strong>. Describe the project to check it.
        </p>
      ) : null}
      {setup.status === 'error' ? (
        <p className="error" role="alert">
          The checker could not load its questions: {setup.error.message}
        </p>
      ) : null}

      {showForm ? (
        <ExemptionStartForm
          initial={project}
          exemptions={exemptionOptions}
          countries={countries}
          onSubmit={describeProject}
          onCancel={state.started ? () => setEditingProject(false) : null}
        />
      ) : null}

      {state.started && !editingProject ? (
        <div className="checker-layout">
          <div className="checker-questions">
            <section className="project-summary" aria-labelledby="project-heading">
              <h2 id="project-heading">Your project</h2>
              <dl>
                <dt>Entries</dt>
                <dd>
                  {state.provisions.length > 0
                    ? state.provisions.join(', ')
                    : 'None given: the exemptions are checked on your answers, and those written for a list entry ask for it'}
                </dd>
                <dt>Regimes</dt>
                <dd>
                  {state.regimes.length > 0
                    ? state.regimes.map((regime) => labelOf(REGIME_LABELS, regime)).join(', ')
                    : 'Not chosen: those of the entries, or every regime with encoded entries'}
                </dd>
                <dt>Destination</dt>
                <dd>{state.destination !== null ? countryName(state.destination) : 'Not given'}</dd>
                <dt>Asking about</dt>
                <dd>
                  {focusName ??
                    (state.focus === null
                      ? 'Every exemption in scope'
                      : focusLookup.status === 'loading'
                        ? 'An exemption (loading…)'
                        : 'An exemption this knowledge base does not hold (the link may be out of date)')}
                </dd>
              </dl>
              <button type="button" className="secondary no-print" onClick={() => setEditingProject(true)}>
                Change project
              </button>
            </section>

            <div className="question-area no-print">
              {check.status === 'error' && !busy ? (
                <div className="error" role="alert">
                  <p>
                    <strong>The service refused this check:</strong> {check.error.message}
                  </p>
                  <p>Change the project (or an answer) and try again.</p>
                </div>
              ) : editing !== null && editingInfo !== undefined ? (
                <ExemptionQuestion
                  info={editingInfo}
                  number={state.answers.length + 1}
                  current={editingCurrent}
                  editing={editingCurrent !== null}
                  onAnswer={(value) => answer(editing, value)}
                  onCancel={() => setEditing(null)}
                  exemptionNames={(result?.questionsToAnswer.find((q) => q.fact === editing)?.exemptions ?? []).map(
                    exemptionNameOf,
                  )}
                />
              ) : busy || result === null ? (
                <p className="loading" aria-live="polite">
                  Checking your answers…
                </p>
              ) : nextQuestion !== null && facts.get(nextQuestion.fact) !== undefined ? (
                <>
                  {result.verdict !== 'INDETERMINATE' ? (
                    <p className="hint">
                      Your answers so far reach this verdict. The remaining questions concern the other exemptions or
                      the item’s classification: answer them, or stop here.
                    </p>
                  ) : null}
                  <ExemptionQuestion
                    info={facts.get(nextQuestion.fact) as FactInfo}
                    number={state.answers.length + 1}
                    current={null}
                    editing={false}
                    onAnswer={(value) => answer(nextQuestion.fact, value)}
                    onCancel={lastAnswer !== null ? () => setEditing(lastAnswer.fact) : null}
                    exemptionNames={nextQuestion.exemptions.map(exemptionNameOf)}
                  />
                </>
              ) : (
                <section aria-labelledby="no-more-heading">
                  <h2 id="no-more-heading">No more questions</h2>
                  <p>
                    {open.length === 0
                      ? 'The API has nothing more to ask: the verdict below is as far as the stored texts go.'
                      : 'The remaining questions are ones you answered “I don’t know”. Change an answer below if you find out.'}
                  </p>
                </section>
              )}
            </div>

            <section className="answers" aria-labelledby="answers-heading">
              <h2 id="answers-heading">Your answers</h2>
              {state.answers.length === 0 ? (
                <p>None yet.</p>
              ) : (
                <ol className="answer-list">
                  {state.answers.map((given) => {
                    const info = facts.get(given.fact);
                    return (
                      <li key={given.fact}>
                        <span className="answer-question">
                          {info !== undefined ? splitDescription(info.description).statement : humanize(given.fact)}
                        </span>{' '}
                        <strong className="answer-value">{answerInWords(given, info)}</strong>
                        {unusable.has(given.fact) ? (
                          <span className="warning"> (not a valid answer for this question: it was not used)</span>
                        ) : null}{' '}
                        <button
                          type="button"
                          className="link-button no-print"
                          onClick={() => setEditing(given.fact)}
                          aria-label={`Change the answer to: ${info !== undefined ? splitDescription(info.description).statement : humanize(given.fact)}`}
                        >
                          Change
                        </button>
                      </li>
                    );
                  })}
                </ol>
              )}
            </section>
          </div>

          <div className="checker-results">
            {result !== null ? (
              <>
                <div className="print-actions no-print">
                  <button type="button" onClick={() => window.print()}>
                    Print summary
                  </button>
                </div>
                <ExemptionVerdict result={result} updating={busy} />
                {state.focus !== null && focusEligibility === null ? (
                  <p className="warning">
                    The exemption you asked about{focusName !== null ? ` (${focusName})` : ''} is not in scope of this
                    check: it belongs to another regime or kind of item. Change the project to include its regime.
                  </p>
                ) : null}
                <section className="exemption-results" aria-labelledby="exemptions-heading">
                  <h2 id="exemptions-heading">Exemptions checked ({exemptions.length})</h2>
                  {exemptions.map((eligibility) => {
                    const focused = eligibility.exemption.id === state.focus;
                    return (
                      <ExemptionResult
                        key={eligibility.exemptionKey}
                        eligibility={eligibility}
                        focused={focused}
                        open={opened[eligibility.exemptionKey] ?? focused}
                        onToggle={() =>
                          setOpened((current) => ({
                            ...current,
                            [eligibility.exemptionKey]: !(current[eligibility.exemptionKey] ?? focused),
                          }))
                        }
                        factLabel={factLabel}
                        onAnswerFact={(fact) => {
                          setEditing(fact);
                          document.querySelector('.question-area')?.scrollIntoView({ block: 'start' });
                        }}
                      />
                    );
                  })}
                </section>
                {result.licenceExceptions.length > 0 ? (
                  <section className="licence-exceptions" aria-labelledby="licence-exceptions-heading">
                    <h2 id="licence-exceptions-heading">
                      Licence exceptions the US entry names ({result.licenceExceptions.length})
                    </h2>
                    <ul>
                      {result.licenceExceptions.map((row) => (
                        <li key={row.key} data-licence-exception={row.key}>
                          <span className={`outcome-badge badge-${row.outcome.toLowerCase().replace(/_/g, '-')}`}>
                            {labelOf(OUTCOME_LABELS, row.outcome)}
                          </span>{' '}
                          <strong>{row.name}</strong> ({row.legalBasis}
                          {row.entry !== null ? `, as ${row.entry} says: “${row.entryText ?? ''}”` : ''}): {row.reason}
                          {row.openConditions.length > 0 ? (
                            <ul className="open-conditions">
                              {row.openConditions.map((condition) => (
                                <li key={condition}>{condition}</li>
                              ))}
                            </ul>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null}
                {result.outOfScope.length > 0 ? (
                  <section className="out-of-scope" aria-labelledby="out-of-scope-heading">
                    <h2 id="out-of-scope-heading">
                      Not checked: written for other entries ({result.outOfScope.length})
                    </h2>
                    <ul>
                      {result.outOfScope.map((entry) => (
                        <li key={entry.exemptionKey}>
                          <strong>{entry.legalBasis}</strong> ({entry.name}): {entry.reason}
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null}
              </>
            ) : check.status === 'loading' ? (
              <p className="loading">Checking…</p>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
