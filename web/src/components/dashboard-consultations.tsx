// Stakeholder consultations: each one's timeline (notice published, opened, deadline, extended
// deadline, closed, outcomes) and the recorded submissions by stakeholder type, position, theme
// and month; without a chosen consultation, the submissions across all of them. The sources often
// list only some submissions: the page says how many are recorded against how many were reported.
// A stakeholder's type comes from a label; where whoever collected the list added that label (not
// the agency), the table says for how many.
import { useMemo } from 'react';
import { AllConsultationStatsDocument, ConsultationDocument } from '../api/dashboard-documents';
import { useQuery } from '../api/use-query';
import { DashboardChart } from './dashboard-chart';
import { formatDate, formatNumber, type UrlState } from './dashboard-format';
import type { SourceRef } from './dashboard-sources';
import { SourceLinks } from './dashboard-sources';
import { DashboardTable } from './dashboard-table';
import { DashboardTimeline, type TimelineEvent } from './dashboard-timeline';
import { labelOf, STAKEHOLDER_TYPE_LABELS } from './labels';

const POSITION_LABELS: Record<string, string> = {
  SUPPORT: 'Support',
  OPPOSE: 'Oppose',
  MIXED: 'Mixed',
  NEUTRAL: 'Neutral',
  UNKNOWN: 'Not recorded',
};

function StakeholderBreakdown({
  counts,
  sources,
  idPrefix,
  scope,
}: {
  counts: ReadonlyArray<{ type: string; count: number; labelledByCollector: number }>;
  sources: readonly SourceRef[];
  idPrefix: string;
  scope: string;
}) {
  if (counts.length === 0) return <p>No submission is recorded {scope}.</p>;
  const byCollector = counts.reduce((sum, entry) => sum + entry.labelledByCollector, 0);
  return (
    <>
      <DashboardChart
        label={`Recorded submissions by stakeholder type ${scope}`}
        tableId={`${idPrefix}-types-table`}
        kind="bar"
        points={counts.map((entry) => ({
          label: labelOf(STAKEHOLDER_TYPE_LABELS, entry.type),
          primary: entry.count,
          missing: false,
          sources,
        }))}
        primary={{ name: 'Submissions', unit: 'submissions', format: formatNumber }}
      />
      <DashboardTable
        id={`${idPrefix}-types-table`}
        caption={`Recorded submissions by stakeholder type ${scope} (number of submissions; of these, typed from a label added by whoever collected the list)`}
        columns={[
          { header: 'Stakeholder type' },
          { header: 'Submissions', numeric: true },
          { header: "Typed from the collector's label", numeric: true },
        ]}
        rows={counts.map((entry) => ({
          key: entry.type,
          cells: [
            labelOf(STAKEHOLDER_TYPE_LABELS, entry.type),
            formatNumber(entry.count),
            formatNumber(entry.labelledByCollector),
          ],
        }))}
      />
      {byCollector > 0 ? (
        <p className="dashboard-muted">
          The types of {formatNumber(byCollector)} of these submissions come from labels added by whoever collected the
          list, not from the agency that ran the consultation.
        </p>
      ) : null}
    </>
  );
}

export function ConsultationsDashboard({ url }: { url: UrlState }) {
  const { params, update } = url;
  const chosen = params.get('consultation');
  const all = useQuery(
    AllConsultationStatsDocument,
    useMemo(() => ({}), []),
  );
  const overall = all.status === 'done' ? all.data.consultationStats : null;
  return (
    <section className="dashboard-panel" aria-labelledby="consultations-title">
      <h2 id="consultations-title">Stakeholder consultations</h2>
      <form className="dashboard-filters" onSubmit={(event) => event.preventDefault()} aria-label="Consultation">
        <label className="wide">
          Consultation
          <select
            value={chosen ?? ''}
            onChange={(event) => update({ consultation: event.target.value || null, view: 'consultations' })}
          >
            <option value="">All consultations</option>
            {(overall?.consultations ?? []).map((consultation) => (
              <option key={consultation.consultationId} value={consultation.consultationId}>
                {consultation.title.length > 110 ? `${consultation.title.slice(0, 107)}…` : consultation.title} (
                {consultation.recordedSubmissionCount} recorded)
              </option>
            ))}
          </select>
        </label>
      </form>
      {chosen ? (
        <ConsultationDetail id={chosen} />
      ) : all.status === 'error' ? (
        <p role="alert" className="error">
          The consultations could not be loaded: {all.error.message}
        </p>
      ) : overall === null || overall === undefined ? (
        <p className="loading">Loading the consultations…</p>
      ) : (
        <>
          <p className="dashboard-summary">
            {formatNumber(overall.recordedSubmissionCount)} submissions recorded across {overall.consultationCount}{' '}
            consultations.
          </p>
          <StakeholderBreakdown
            counts={overall.byStakeholderType}
            sources={[]}
            idPrefix="all"
            scope="across all consultations"
          />
          <DashboardTable
            id="consultations-table"
            caption="Consultations, newest notice first: dates and submissions recorded against responses reported"
            columns={[
              { header: 'Consultation' },
              { header: 'Notice published' },
              { header: 'Deadline' },
              { header: 'Recorded submissions', numeric: true },
              { header: 'Responses reported', numeric: true },
            ]}
            rows={overall.consultations.map((consultation) => ({
              key: consultation.consultationId,
              cells: [
                <a
                  key="title"
                  href={`?consultation=${encodeURIComponent(consultation.consultationId)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    update({ consultation: consultation.consultationId });
                  }}
                >
                  {consultation.title}
                </a>,
                formatDate(consultation.publishedOn),
                formatDate(consultation.deadline),
                formatNumber(consultation.recordedSubmissionCount),
                consultation.reportedResponseCount === null || consultation.reportedResponseCount === undefined
                  ? 'unknown'
                  : formatNumber(consultation.reportedResponseCount),
              ],
            }))}
          />
        </>
      )}
    </section>
  );
}

function ConsultationDetail({ id }: { id: string }) {
  const state = useQuery(
    ConsultationDocument,
    useMemo(() => ({ id }), [id]),
  );
  if (state.status === 'error')
    return (
      <p role="alert" className="error">
        This consultation could not be loaded: {state.error.message}
      </p>
    );
  if (state.status !== 'done') return <p className="loading">Loading the consultation…</p>;
  const node = state.data.node;
  const stats = state.data.consultationStats;
  if (node?.__typename !== 'StakeholderConsultation' || !stats)
    return <p role="alert">No consultation has the id in this address.</p>;
  const record = stats.consultations[0];
  const sources: SourceRef[] = [{ title: node.citation.title, url: node.citation.url }];
  const events: TimelineEvent[] = [
    { key: 'published', label: 'Notice published', date: node.publishedOn ?? null },
    { key: 'opened', label: 'Opened', date: node.openedOn ?? null },
    { key: 'deadline', label: 'Comment deadline', date: node.deadline ?? null },
    { key: 'extended', label: 'Extended deadline', date: node.extendedDeadline ?? null },
    { key: 'closed', label: 'Closed', date: node.closedOn ?? null },
    ...node.outcomes.map((outcome, index) => ({
      key: `outcome-${index}`,
      label: 'Outcome',
      date: outcome.date ?? null,
      detail: outcome.description,
    })),
  ];
  return (
    <article className="dashboard-consultation" aria-labelledby="consultation-title">
      <h3 id="consultation-title">{node.title}</h3>
      <p className="dashboard-muted">
        {node.body} ({node.jurisdiction.name}){node.instrument ? ` · ${node.instrument}` : ''}
        {node.reference ? ` · ${node.reference}` : ''} · status: {node.status.toLowerCase()}
      </p>
      <div className="dashboard-source-line">
        Source: <SourceLinks sources={sources} />
      </div>
      <DashboardTimeline events={events} caption="Timeline" />
      <h4>Submissions</h4>
      <p className="dashboard-summary">
        {formatNumber(stats.recordedSubmissionCount)} submission{stats.recordedSubmissionCount === 1 ? '' : 's'}{' '}
        recorded;{' '}
        {stats.reportedResponseCount === null || stats.reportedResponseCount === undefined
          ? 'the number of responses received is not stated by the sources'
          : `the sources report ${formatNumber(stats.reportedResponseCount)} responses`}
        {record?.recordComplete === false ? ' (the record is partial)' : ''}.
        {record?.reportedResponseCountQuote ? ` “${record.reportedResponseCountQuote}”` : ''}
        {node.responseCountNote ? ` ${node.responseCountNote}` : ''}
      </p>
      <StakeholderBreakdown
        counts={stats.byStakeholderType}
        sources={sources}
        idPrefix="consultation"
        scope="to this consultation"
      />
      {stats.byPosition.length > 0 ? (
        <DashboardTable
          id="consultation-positions-table"
          caption="Recorded submissions by position"
          columns={[{ header: 'Position' }, { header: 'Submissions', numeric: true }]}
          rows={stats.byPosition.map((entry) => ({
            key: entry.position,
            cells: [POSITION_LABELS[entry.position] ?? entry.position, formatNumber(entry.count)],
          }))}
        />
      ) : null}
      {stats.byTheme.length > 0 ? (
        <DashboardTable
          id="consultation-themes-table"
          caption="Recorded submissions by theme (a submission with several themes counts under each)"
          columns={[{ header: 'Theme' }, { header: 'Submissions', numeric: true }]}
          rows={stats.byTheme.map((entry) => ({ key: entry.theme, cells: [entry.theme, formatNumber(entry.count)] }))}
        />
      ) : null}
      {stats.timeline.length > 0 ? (
        <DashboardTable
          id="consultation-received-table"
          caption={`Recorded submissions by month received (months without a recorded submission are left out: the record may be partial)${stats.undatedSubmissionCount > 0 ? `; ${stats.undatedSubmissionCount} undated` : ''}`}
          columns={[{ header: 'Month' }, { header: 'Submissions', numeric: true }]}
          rows={stats.timeline.map((point) => ({
            key: point.periodStart,
            cells: [point.periodStart.slice(0, 7), formatNumber(point.count)],
          }))}
        />
      ) : null}
    </article>
  );
}
