// "Do I need a licence?" for an exporter: the item as list entry codes, the destination as a
// country name or code, then per regime (US, EU, UK) the verdict in plain words, the reason
// sentence, the reasons for control against the Country Chart columns, the row's footnotes, the
// exceptions with their open conditions, the questions that would decide what is open, the steps
// and sources, and the disclaimer, always shown. Everything is in the URL (see licence-state.ts).
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { LicenceRequirementDocument, LicenceSetupDocument } from '../api/licence-documents';
import { useQuery } from '../api/use-query';
import { answerInWords, humanize, itemFactInfo, UNKNOWN_ANSWER, type FactInfo } from '../components/exemption-state';
import { labelOf, REGIME_LABELS } from '../components/labels';
import { LicenceQuestion } from '../components/licence-question';
import { LicenceRegimeAnswer, VERDICT_WORDS, type LicenceQuestionItem } from '../components/licence-regime-answer';
import { LicenceStartForm } from '../components/licence-start-form';
import {
  readLicenceState,
  suggestedDestinations,
  toLicenceInput,
  withLicenceAnswer,
  writeLicenceState,
  type LicenceState,
} from '../components/licence-state';
import './licence-page.css';

const NO_VARIABLES = {};
const DESTINATION_FACT = 'destination_country';

/** Shown before any answer arrives, and when none can: the page never lets an answer stand without it. */
const STANDING_DISCLAIMER =
  'Decision support, not legal advice: the answer applies the texts held in this knowledge base to the facts you give. Check it against the official texts and with your export control officer or licensing authority before you ship.';

export default function LicencePage() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readLicenceState(params), [params]);
  const setup = useQuery(LicenceSetupDocument, NO_VARIABLES);
  const [asking, setAsking] = useState<LicenceQuestionItem | null>(null);

  // The facts a question may ask for: item facts go in item.facts, export facts in activity.
  const facts = useMemo(() => {
    const known = new Map<string, FactInfo>();
    if (setup.status !== 'done') return known;
    for (const fact of setup.data.itemFacts) {
      known.set(fact.name, itemFactInfo(fact));
    }
    for (const fact of setup.data.licenceActivityFacts) {
      known.set(fact.name, {
        name: fact.name,
        type: fact.type === 'number' ? 'NUMBER' : 'BOOLEAN',
        values: [],
        description: fact.description,
        givenAs: 'activity',
        acceptedUnits: [],
        canonicalUnit: null,
      });
    }
    return known;
  }, [setup]);
  const countries = useMemo(
    () =>
      setup.status === 'done'
        ? (setup.data.activityFacts.find((fact) => fact.name === DESTINATION_FACT)?.values ?? [])
        : [],
    [setup],
  );

  const { input, unusable } = useMemo(() => toLicenceInput(state, facts), [state, facts]);
  // Answers wait for the vocabulary that says how to send them; codes and destination do not.
  const variables = useMemo(
    () => (input === null || (state.answers.length > 0 && setup.status === 'loading') ? null : { input }),
    [input, state.answers.length, setup.status],
  );
  const answer = useQuery(LicenceRequirementDocument, variables);
  // useQuery reports the previous answer as done for one render after the variables change: the
  // answer shown is current only once one arrived for these variables.
  const variablesKey = variables === null ? null : JSON.stringify(variables);
  const [answeredKey, setAnsweredKey] = useState<string | null>(null);
  useEffect(() => {
    if (answer.status === 'done' || answer.status === 'error') setAnsweredKey(variablesKey);
    // The key is read when an answer arrives, not watched: a new key alone proves nothing.
  }, [answer]);
  const busy = variablesKey !== null && (answer.status === 'loading' || answeredKey !== variablesKey);
  const result =
    answer.status === 'done'
      ? answer.data.licenceRequirement
      : answer.status === 'loading'
        ? (answer.previous?.licenceRequirement ?? null)
        : null;

  const go = (next: LicenceState) => {
    setAsking(null);
    setParams(writeLicenceState(next));
  };
  const answerable = (question: LicenceQuestionItem) =>
    question.fact !== null &&
    question.fact !== undefined &&
    (question.givenAs === 'item.facts' || question.givenAs === 'activity') &&
    facts.has(question.fact);
  const askingInfo = asking?.fact ? facts.get(asking.fact) : undefined;
  const suggestions = answer.status === 'error' ? suggestedDestinations(answer.error.message) : [];

  return (
    <section className="page licence-page" aria-busy={busy}>
      <header>
        <h1>Do I need a licence?</h1>
        <p className="licence-intro">
          For exporters: name the list entry of what you ship and the country it goes to. For the US, EU and UK rules
          the page says whether a licence is needed, why, which exceptions could cover the shipment and what they still
          require, with the texts it read.
        </p>
      </header>

      <LicenceStartForm key={params.toString()} initial={state} countries={countries} onSubmit={go} />

      {state.answers.length > 0 ? (
        <section className="licence-answers" aria-labelledby="licence-answers-heading">
          <h2 id="licence-answers-heading">Facts you gave</h2>
          <ul>
            {state.answers.map((given) => (
              <li key={given.fact}>
                {humanize(given.fact)}: <strong>{answerInWords(given, facts.get(given.fact))}</strong>
                {unusable.includes(given.fact) && given.value !== UNKNOWN_ANSWER ? (
                  <span className="warning"> (not a value this fact takes: not used)</span>
                ) : null}{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => go(withLicenceAnswer(state, given.fact, null))}
                  aria-label={`Remove the answer to ${humanize(given.fact)}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {asking !== null && askingInfo !== undefined && asking.fact ? (
        <LicenceQuestion
          key={asking.fact}
          info={askingInfo}
          question={asking.question}
          source={asking.source}
          current={state.answers.find((given) => given.fact === asking.fact)?.value ?? null}
          onAnswer={(value) => go(withLicenceAnswer(state, asking.fact ?? '', value))}
          onCancel={() => setAsking(null)}
        />
      ) : null}

      {answer.status === 'error' && !busy ? (
        <div className="error licence-error" role="alert">
          <p>
            <strong>The service could not answer:</strong> {answer.error.message}
          </p>
          {suggestions.length > 0 ? (
            <p>
              {suggestions.map((suggestion) => (
                <button
                  key={suggestion.code}
                  type="button"
                  className="secondary"
                  onClick={() => go({ ...state, destination: suggestion.code })}
                >
                  Use {suggestion.label}
                </button>
              ))}
            </p>
          ) : null}
        </div>
      ) : null}

      {result !== null ? (
        <div className="licence-result" aria-live="polite">
          <p className="licence-summary">
            Shipping <strong>{state.entries.join(', ')}</strong> to{' '}
            <strong>
              {result.destination.name} ({result.destination.code})
            </strong>
            , texts as of {result.asOf}
            {busy ? <span className="licence-muted"> — updating…</span> : null}
          </p>
          <ul className="licence-overview" aria-label="Verdict per regime">
            {result.regimes.map((regime) => (
              <li key={regime.regime}>
                <a href={`#licence-${regime.regime}-heading`}>{labelOf(REGIME_LABELS, regime.regime)}</a>:{' '}
                {VERDICT_WORDS[regime.verdict].title}
              </li>
            ))}
          </ul>
          {result.regimes.map((regime) => (
            <LicenceRegimeAnswer
              key={regime.regime}
              answer={regime}
              destinationName={result.destination.name}
              destinationCode={result.destination.code}
              answerable={answerable}
              onAnswer={(question) => setAsking(question)}
            />
          ))}
        </div>
      ) : answer.status === 'loading' ? (
        <p className="loading" aria-live="polite">
          Reading the texts…
        </p>
      ) : null}

      <p className="licence-disclaimer" role="note">
        {result?.disclaimer ?? STANDING_DISCLAIMER}
      </p>
    </section>
  );
}
