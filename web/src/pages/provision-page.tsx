// A control-list provision: /provisions/<regime>/<code>?asOf=YYYY-MM-DD&diffFrom=<id>&diffTo=<id>.
// Its text and paragraph tree with notes and thresholds, licensing facts, exemptions, the same
// code in the other lists, and its versions with a diff. Every fact comes from the API with its
// source; what the API does not hold is said to be unknown or not recorded. All state is in the URL.
import { useEffect, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ProvisionPageDocument } from '../api/provision-documents';
import { useQuery } from '../api/use-query';
import { labelOf, REGIME_LABELS } from '../components/labels';
import { ProvisionComparison } from '../components/provision-comparison';
import { ProvisionDatePicker } from '../components/provision-date-picker';
import { ProvisionExemptions } from '../components/provision-exemptions';
import { ProvisionHeader } from '../components/provision-header';
import { ProvisionHistory } from '../components/provision-history';
import { ProvisionLicensing } from '../components/provision-licensing';
import { paragraphTree, ProvisionTree } from '../components/provision-tree';
import type { Regime } from '../gql/graphql';
import './provision-page.css';

const REGIMES: readonly Regime[] = ['US_EAR', 'EU', 'WASSENAAR', 'UK', 'HK'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRegime(value: string): value is Regime {
  return (REGIMES as readonly string[]).includes(value);
}

export default function ProvisionPage() {
  const { regime: regimeParam = '', code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asOfParam = params.get('asOf');
  const asOf = asOfParam !== null && asOfParam !== '' ? asOfParam : null;
  const asOfValid = asOf === null || ISO_DATE.test(asOf);
  const diffFrom = params.get('diffFrom');
  const diffTo = params.get('diffTo');
  const regime = isRegime(regimeParam) ? regimeParam : null;

  useEffect(() => {
    document.title = `${code} (${labelOf(REGIME_LABELS, regimeParam)}) — Export Control Knowledge Base`;
  }, [code, regimeParam]);

  const variables = useMemo(
    () => (regime === null || !asOfValid ? null : { code, regime, ...(asOf !== null ? { asOf } : {}) }),
    [code, regime, asOf, asOfValid],
  );
  const state = useQuery(ProvisionPageDocument, variables);

  const update = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(name);
        else next.set(name, value);
      }
      return next;
    });
  const showDate = (date: string | null) => update({ asOf: date });
  const showDiff = (from: string | null, to: string | null) => update({ diffFrom: from, diffTo: to });

  if (regime === null) return <NotFound code={code} regime={regimeParam} />;
  if (!asOfValid) {
    return (
      <section className="page provision-page">
        <h1>
          <span className="code">{code}</span>
        </h1>
        <p role="alert" className="error">
          “{asOf}” is not a date in the form YYYY-MM-DD.
        </p>
        <ProvisionDatePicker asOf={null} onChange={showDate} />
      </section>
    );
  }
  if (state.status === 'error') {
    return (
      <section className="page provision-page">
        <h1>
          <span className="code">{code}</span>
        </h1>
        <p role="alert" className="error">
          The provision could not be loaded: {state.error.message}
        </p>
        <p>
          <Link to={`/search?q=${encodeURIComponent(code)}`}>Search for {code}</Link> instead.
        </p>
      </section>
    );
  }
  const data = state.status === 'done' ? state.data : state.status === 'loading' ? state.previous : null;
  if (data === null) {
    return (
      <section className="page provision-page">
        <h1>
          <span className="code">{code}</span> <span className="visually-hidden">loading</span>
        </h1>
        <p className="loading" aria-live="polite">
          Loading {code} from the {labelOf(REGIME_LABELS, regime)} list…
        </p>
      </section>
    );
  }
  if (data.provision === null && data.current === null) return <NotFound code={code} regime={regime} />;

  const { provision, current } = data;
  const history = provision?.history ?? current?.history ?? [];
  return (
    <section className="page provision-page" aria-busy={state.status === 'loading'}>
      {provision === null ? (
        <>
          <h1>
            <span className="code">{code}</span> {current?.title}
          </h1>
          <p className="prov-kicker">
            <span className="badge regime">{labelOf(REGIME_LABELS, regime)}</span>
          </p>
          <ProvisionDatePicker asOf={asOf} onChange={showDate} />
          <div className="prov-warning" role="status">
            <h2>Nothing known to be in force on {asOf}</h2>
            <p>
              The sources do not establish any version of {code} in the {labelOf(REGIME_LABELS, regime)} list as in
              force on {asOf}. The entry may not have existed then, or its text for that day is not recorded: this page
              does not guess. The versions that are recorded are listed below.
            </p>
          </div>
        </>
      ) : (
        <>
          <ProvisionHeader provision={provision} asOf={asOf} />
          <ProvisionDatePicker asOf={asOf} onChange={showDate} />
          {provision.status === 'SUPERSEDED' ? (
            <p className="prov-warning" role="status">
              This is a superseded version.{' '}
              <button type="button" className="link-button" onClick={() => showDate(null)}>
                Show the latest version
              </button>
            </p>
          ) : null}
          <nav className="prov-toc" aria-label="On this page">
            <ul>
              <li>
                <a href="#prov-text">Text and paragraphs</a>
              </li>
              <li>
                <a href="#prov-licensing">Licensing</a>
              </li>
              <li>
                <a href="#prov-exemptions">Exemptions</a>
              </li>
              <li>
                <a href="#prov-compare">Other lists</a>
              </li>
              <li>
                <a href="#prov-history">Versions</a>
              </li>
            </ul>
          </nav>
          <section className="prov-section" aria-labelledby="prov-text">
            <h2 id="prov-text">Text and paragraphs</h2>
            <p className="hint">
              Verbatim as the list prints it; thresholds beside the paragraph they belong to, each with its source.
            </p>
            <ProvisionTree root={paragraphTree(provision, provision.paragraphs)} regime={regime} />
          </section>
          <ProvisionLicensing provision={provision} />
          <ProvisionExemptions provision={provision} />
          <ProvisionComparison code={provision.code} regime={regime} />
        </>
      )}
      <ProvisionHistory
        code={code}
        regime={regime}
        history={history}
        shownId={provision?.id ?? null}
        diffFrom={diffFrom}
        diffTo={diffTo}
        onShowDate={showDate}
        onDiff={showDiff}
      />
    </section>
  );
}

function NotFound({ code, regime }: { code: string; regime: string }) {
  return (
    <section className="page provision-page">
      <h1>Provision not found</h1>
      <p>
        {isRegime(regime) ? (
          <>
            The {labelOf(REGIME_LABELS, regime)} list holds no provision <span className="code">{code}</span> (codes are
            case-sensitive, e.g. 6A003 or 6A003.b.4.b).
          </>
        ) : (
          <>
            “{regime}” is not a list this knowledge base holds. The lists are:{' '}
            {REGIMES.map((known) => `${known} (${labelOf(REGIME_LABELS, known)})`).join(', ')}.
          </>
        )}
      </p>
      <p>
        <Link to={`/search?q=${encodeURIComponent(code)}`}>Search the knowledge base for “{code}”</Link>
      </p>
    </section>
  );
}
