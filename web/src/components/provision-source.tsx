// Small pieces every section of the provision page uses: a fact's source link, a date that may
// be unknown, verbatim text, a word-level diff and the JSON fields the API passes through whole.
// None of them fills a gap: what the API leaves null is shown as not recorded.
import { Fragment } from 'react';
import type { DiffOperation, ProvisionCitationFragment } from '../gql/graphql';

/**
 * A readable name for a source the API gives no title for: the host and the file or page name
 * (the full address stays in the link).
 */
function shortAddress(url: string): string {
  try {
    const parsed = new URL(url);
    const last = parsed.pathname.split('/').filter(Boolean).pop();
    return last === undefined ? parsed.host : `${parsed.host} … ${decodeURIComponent(last)}`;
  } catch {
    return url;
  }
}

/**
 * The source of a fact as a link, with the section it comes from. `compact` leaves out the
 * citation's caveat where the same source and caveat are shown in full nearby.
 */
export function SourceLink({
  citation,
  label = 'Source',
  compact = false,
}: {
  citation: ProvisionCitationFragment | null | undefined;
  label?: string;
  compact?: boolean;
}) {
  if (citation === null || citation === undefined) {
    return <span className="prov-source">{label}: not recorded</span>;
  }
  const title = citation.title ?? (citation.url !== null ? shortAddress(citation.url) : 'source without a title');
  return (
    <span className="prov-source">
      {label}:{' '}
      {citation.url !== null ? (
        <a href={citation.url} rel="noreferrer">
          {title}
        </a>
      ) : (
        <>{title} (no address recorded)</>
      )}
      {citation.section !== null ? <>, {citation.section}</> : null}
      {citation.note !== null && !compact ? <span className="prov-source-note"> Caveat: {citation.note}</span> : null}
    </span>
  );
}

/** A date from the API, or the words that say it is not known. */
export function KnownDate({ date, unknown = 'not recorded' }: { date: string | null | undefined; unknown?: string }) {
  return date === null || date === undefined ? <span className="prov-unknown">{unknown}</span> : <time>{date}</time>;
}

/** Text exactly as the list prints it: line breaks kept, nothing parsed as markup. */
export function Verbatim({ text, className }: { text: string; className?: string }) {
  return <p className={`prov-verbatim${className === undefined ? '' : ` ${className}`}`}>{text}</p>;
}

/** A word-level diff: EQUAL segments as they are, DELETE in <del>, INSERT in <ins>. */
export function DiffSegments({ segments }: { segments: readonly { op: DiffOperation; text: string }[] }) {
  return (
    <p className="prov-verbatim prov-diff">
      {segments.map((segment, index) =>
        segment.op === 'INSERT' ? (
          <ins key={index}>{segment.text}</ins>
        ) : segment.op === 'DELETE' ? (
          <del key={index}>{segment.text}</del>
        ) : (
          <Fragment key={index}>{segment.text}</Fragment>
        ),
      )}
    </p>
  );
}

/** "countryChart" -> "Country chart": JSON keys from the sources, made readable. */
function keyLabel(key: string): string {
  // Codes such as "LVS" or "GBS" are names, not words.
  if (key === key.toUpperCase()) return key;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON value the API passes through as the source gives it (control tables, licence
 * exceptions, source defects): a list of records as a table, a record as a definition list,
 * anything else as text.
 */
export function JsonValue({ value, caption }: { value: unknown; caption?: string }) {
  if (value === null || value === undefined) return <span className="prov-unknown">not recorded</span>;
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isRecord)) {
      const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
      return (
        <table className="prov-table">
          {caption !== undefined ? <caption>{caption}</caption> : null}
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {keyLabel(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {value.map((row, index) => (
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column}>
                    <JsonValue value={row[column]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    return (
      <ul className="prov-json-list">
        {value.map((item, index) => (
          <li key={index}>
            <JsonValue value={item} />
          </li>
        ))}
      </ul>
    );
  }
  if (isRecord(value)) {
    return (
      <dl className="prov-json-record">
        {Object.entries(value).map(([key, item]) => (
          <div key={key}>
            <dt>{keyLabel(key)}</dt>
            <dd>
              <JsonValue value={item} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span className="prov-verbatim-inline">{String(value)}</span>;
}
