// Dashboards for dashboard builders and analysts: UK licensing decisions 2008-2015, the reported
// impact figures (official statistics, assessments) and the stakeholder consultations, as charts
// with their sources, gaps where a period has no figures, and CSV downloads with the same filters.
// All state lives in the URL (/dashboards?view=…&interval=…&rating=…&jurisdiction=…&indicator=…,
// ?assessment=<id>, ?consultation=<id>), so a chart can be shared as a link.
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AssessmentDocument, DashboardVocabularyDocument } from '../api/dashboard-documents';
import { useQuery } from '../api/use-query';
import { AssessmentPanel } from '../components/dashboard-assessment';
import { ConsultationsDashboard } from '../components/dashboard-consultations';
import type { UrlState } from '../components/dashboard-format';
import { ImpactDashboard } from '../components/dashboard-impact';
import { LicensingDashboard } from '../components/dashboard-licensing';
import './dashboards-page.css';

type View = 'licensing' | 'impact' | 'consultations';

const VIEWS: ReadonlyArray<{ view: View; label: string }> = [
  { view: 'licensing', label: 'UK licensing decisions 2008–2015' },
  { view: 'impact', label: 'Reported figures' },
  { view: 'consultations', label: 'Consultations' },
];

/** Ready-made charts: each is only a URL, so it opens the same way from a bookmark. */
const PRESETS: ReadonlyArray<{ label: string; search: string }> = [
  { label: 'UK licensing decisions by quarter', search: 'view=licensing&interval=QUARTER' },
  { label: 'UK refusal rate by year', search: 'view=licensing&interval=YEAR' },
  { label: 'UK decisions on 6A003 (thermal imaging) by year', search: 'view=licensing&interval=YEAR&rating=6A003' },
  {
    label: 'UK SIEL decisions by quarter (official statistics)',
    search: 'view=impact&jurisdiction=UK&indicator=SIEL+licensing+decisions&interval=QUARTER',
  },
  { label: 'EU denials by year', search: 'view=impact&jurisdiction=EU&indicator=denials&interval=YEAR' },
  {
    label: 'EU value of denials',
    search: 'view=impact&jurisdiction=EU&indicator=value+of+denials&interval=YEAR',
  },
];

function viewOf(params: URLSearchParams): View {
  if (params.get('consultation')) return 'consultations';
  if (params.get('assessment')) return 'impact';
  const view = params.get('view');
  return view === 'impact' || view === 'consultations' ? view : 'licensing';
}

export default function DashboardsPage() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value === null) next.delete(name);
          else next.set(name, value);
        }
        return next;
      }),
    [setParams],
  );
  const url: UrlState = { params, update };
  const view = viewOf(params);

  const vocabularyState = useQuery(
    DashboardVocabularyDocument,
    useMemo(() => ({}), []),
  );
  const vocabulary = vocabularyState.status === 'done' ? vocabularyState.data : null;
  const ratings = useMemo(
    () =>
      (vocabulary?.ratings.buckets ?? [])
        .filter((bucket): bucket is { rating: string; decisions: number } => Boolean(bucket.rating))
        .sort((a, b) => b.decisions - a.decisions || a.rating.localeCompare(b.rating)),
    [vocabulary],
  );

  const assessmentId = params.get('assessment');
  const assessmentState = useQuery(
    AssessmentDocument,
    useMemo(() => (assessmentId ? { id: assessmentId } : null), [assessmentId]),
  );
  const assessment =
    assessmentState.status === 'done' && assessmentState.data.node?.__typename === 'ImpactAssessment'
      ? assessmentState.data.node
      : null;
  const assessmentScope = useMemo(
    () =>
      assessment
        ? {
            id: assessment.id,
            jurisdiction: assessment.jurisdiction.code,
            indicators: [...new Set(assessment.metrics.edges.map((edge) => edge.node.indicator))],
          }
        : null,
    [assessment],
  );

  return (
    <section className="page dashboards-page">
      <h1>Dashboards</h1>
      <p className="dashboard-intro">
        Licensing decisions, reported figures and consultations as charts. Every number comes from a cited source (hover
        or focus a bar, or read the table under each chart); a period without figures is shown as a gap, never as zero.
        The address of the page holds the chart: copy it to share it.
      </p>
      <nav aria-label="Ready-made charts" className="dashboard-presets">
        <h2 className="visually-hidden">Ready-made charts</h2>
        <ul>
          {PRESETS.map((preset) => (
            <li key={preset.label}>
              <Link to={`/dashboards?${preset.search}`}>{preset.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Dashboards" className="dashboard-tabs">
        <ul>
          {VIEWS.map((entry) => (
            <li key={entry.view}>
              <Link to={`/dashboards?view=${entry.view}`} aria-current={entry.view === view ? 'page' : undefined}>
                {entry.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {vocabularyState.status === 'error' ? (
        <p role="alert" className="error">
          The lists of indicators and jurisdictions could not be loaded: {vocabularyState.error.message}
        </p>
      ) : null}

      {view === 'licensing' ? <LicensingDashboard url={url} ratings={ratings} /> : null}

      {view === 'impact' ? (
        <>
          {assessmentId !== null ? (
            assessmentState.status === 'error' ? (
              <p role="alert" className="error">
                The assessment could not be loaded: {assessmentState.error.message}
              </p>
            ) : assessmentState.status !== 'done' ? (
              <p className="loading">Loading the assessment…</p>
            ) : assessment === null ? (
              <p role="alert">No impact assessment has the id in this address.</p>
            ) : (
              <AssessmentPanel
                assessment={assessment}
                onClose={() => update({ assessment: null, indicator: null, view: 'impact' })}
              />
            )
          ) : null}
          {vocabulary === null ? (
            <p className="loading">Loading the indicators…</p>
          ) : assessmentId !== null && assessmentScope === null ? null : (
            <ImpactDashboard
              url={url}
              jurisdictions={vocabulary.impactJurisdictions}
              indicators={vocabulary.impactIndicators}
              assessment={assessmentScope}
            />
          )}
        </>
      ) : null}

      {view === 'consultations' ? <ConsultationsDashboard url={url} /> : null}
    </section>
  );
}
