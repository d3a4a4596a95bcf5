// The sources of a figure, a bucket or a chart: each a link to the page it was read from.
export interface SourceRef {
  title?: string | null;
  url?: string | null;
  publisher?: string | null;
}

export function sourceName(source: SourceRef): string {
  return source.publisher ?? source.title ?? source.url ?? 'unnamed source';
}

/** More sources than this are folded under a summary, so a table row stays one line high. */
const SHOWN = 2;

export function SourceLinks({ sources }: { sources: readonly SourceRef[] }) {
  if (sources.length === 0) return <span className="dashboard-muted">none recorded</span>;
  if (sources.length > SHOWN)
    return (
      <details className="dashboard-more-sources">
        <summary>{sources.length} sources</summary>
        <SourceList sources={sources} />
      </details>
    );
  return <SourceList sources={sources} />;
}

function SourceList({ sources }: { sources: readonly SourceRef[] }) {
  return (
    <ul className="dashboard-sources">
      {sources.map((source, index) => (
        <li key={`${source.url ?? ''}-${index}`}>
          {source.url ? (
            <a href={source.url} rel="noreferrer">
              {sourceName(source)}
            </a>
          ) : (
            sourceName(source)
          )}
        </li>
      ))}
    </ul>
  );
}
