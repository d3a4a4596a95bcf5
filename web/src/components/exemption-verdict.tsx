// The overall answer of an exemption check: the verdict and why, the answer per regime, how the
// control status was decided, and the API's disclaimer, which goes with every answer.
import type { WebCheckExemptionsQuery } from '../gql/graphql';
import { labelOf, REGIME_LABELS } from './labels';

type Result = WebCheckExemptionsQuery['checkExemptions'];

export const VERDICT_LABELS: Record<string, string> = {
  EXEMPT: 'Exempt',
  NOT_CONTROLLED: 'Not controlled',
  LICENCE_LIKELY_REQUIRED: 'Licence likely required',
  INDETERMINATE: 'Indeterminate',
};

const VERDICT_EXPLANATIONS: Record<string, string> = {
  EXEMPT: 'An exemption applies, on your answers, in every regime where the item is or may be controlled.',
  NOT_CONTROLLED: 'The entries checked do not control the item, on your answers.',
  LICENCE_LIKELY_REQUIRED: 'The item is controlled and none of the exemptions checked applies.',
  INDETERMINATE: 'Your answers and the stored texts do not decide it yet. Nothing is cleared.',
};

const CONTROLLED_LABELS: Record<string, string> = {
  MET: 'controlled',
  NOT_MET: 'not controlled',
  UNKNOWN: 'control status unknown',
};

export function ExemptionVerdict({ result, updating }: { result: Result; updating: boolean }) {
  const verdict = result.verdict.toLowerCase().replace(/_/g, '-');
  return (
    <section className={`verdict verdict-${verdict}`} aria-labelledby="verdict-heading">
      <h2 id="verdict-heading">Verdict</h2>
      {/* Announced when an answer changes it; the details below are not, to keep it short. */}
      <div className="verdict-status" role="status" aria-live="polite" aria-atomic="true">
        <p className="verdict-value">
          <span className="verdict-label">{labelOf(VERDICT_LABELS, result.verdict)}</span>
          {updating ? <span className="updating"> (updating…)</span> : null}
        </p>
        <p className="verdict-reason">{result.reason}</p>
      </div>
      <p className="verdict-explanation">{VERDICT_EXPLANATIONS[result.verdict] ?? ''}</p>
      {result.classificationUnknown ? (
        <p className="warning">
          Whether the item is controlled at all is unknown: “Exempt” here means covered <em>if</em> it is controlled.
        </p>
      ) : null}
      <ul className="regime-verdicts">
        {result.regimes.map((regime) => (
          <li key={regime.regime}>
            <strong>{labelOf(REGIME_LABELS, regime.regime)}</strong>: {labelOf(VERDICT_LABELS, regime.verdict)} (
            {labelOf(CONTROLLED_LABELS, regime.controlled)}
            {regime.controlledBy.length > 0 ? ` by ${regime.controlledBy.join(', ')}` : ''}). {regime.reason}
          </li>
        ))}
      </ul>
      {result.answersRead.length > 0 ? (
        <div className="verdict-notes answers-read">
          <p>Answers in your words, and how the texts read them:</p>
          <ul>
            {result.answersRead.map((reading) => (
              <li key={reading.field}>
                “{reading.given}”: {reading.readAs.join('; ')}. {reading.because}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.notes.length > 0 ? (
        <div className="verdict-notes">
          <p>How the control status was decided:</p>
          <ul>
            {result.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="checked-on">
        Texts in force on {result.asOf}
        {result.destination !== null ? ` · destination ${result.destination}` : ''}.
      </p>
      <div className="disclaimer" role="note" aria-label="Disclaimer">
        <p>
          <strong>Not legal advice.</strong> {result.disclaimer}
        </p>
      </div>
    </section>
  );
}
