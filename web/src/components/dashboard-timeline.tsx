// A consultation's dates on one line: notice published, opened, deadline, extended deadline,
// closed and outcomes, each placed by its date; dates the sources do not record are listed as
// such, never guessed. The ordered list is the content; the line is drawn from it.
import { formatDate } from './dashboard-format';

export interface TimelineEvent {
  key: string;
  label: string;
  date: string | null;
  detail?: string | null;
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

export function DashboardTimeline({ events, caption }: { events: readonly TimelineEvent[]; caption: string }) {
  const dated = events
    .filter((event): event is TimelineEvent & { date: string } => event.date !== null)
    .sort((a, b) => a.date.localeCompare(b.date));
  const undated = events.filter((event) => event.date === null);
  const first = dated[0] ? dayNumber(dated[0].date) : 0;
  const last = dated.at(-1) ? dayNumber(dated.at(-1)?.date ?? '') : 0;
  const span = Math.max(1, last - first);
  return (
    <figure className="dashboard-timeline">
      <figcaption>{caption}</figcaption>
      {dated.length > 1 ? (
        <div className="dashboard-timeline-line" aria-hidden="true">
          {dated.map((event) => (
            <span
              key={event.key}
              className={`dashboard-timeline-mark mark-${event.key.replace(/-\d+$/, '')}`}
              style={{ left: `${((dayNumber(event.date) - first) / span) * 100}%` }}
              title={`${event.label}: ${formatDate(event.date)}`}
            />
          ))}
        </div>
      ) : null}
      <ol className="dashboard-timeline-events">
        {dated.map((event) => (
          <li key={event.key}>
            <time dateTime={event.date}>{formatDate(event.date)}</time> <strong>{event.label}</strong>
            {event.detail ? <span className="dashboard-muted"> — {event.detail}</span> : null}
          </li>
        ))}
      </ol>
      {undated.length > 0 ? (
        <p className="dashboard-muted">
          Not recorded in the sources: {undated.map((event) => event.label).join(', ')}.
        </p>
      ) : null}
    </figure>
  );
}
